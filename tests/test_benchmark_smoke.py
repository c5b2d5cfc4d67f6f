"""The benchmark (benchmarks/run.py) runs end to end on a small database and writes every key.

Speed is the benchmark's business, not the tests': nothing here is timed or compared with a
target, only that each number the benchmark promises is there and is a number.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

from benchmarks.run import RESULT_KEYS, lookup
from tests.conftest import TEST_DATABASE_URL

REPO = Path(__file__).resolve().parent.parent
RUN = REPO / "benchmarks" / "run.py"


@pytest.mark.slow
# Marked by hand: the benchmark starts the GUI in a subprocess, where conftest.py cannot see it.
@pytest.mark.gui
def test_benchmark_writes_every_key_as_a_number(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    # A small message log too: the default is 100,000 rows, most of this test's time.
    done = subprocess.run([sys.executable, str(RUN), "--clients", "500", "--messages", "500",
                           "--json", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=280, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    for key in RESULT_KEYS:
        value = lookup(results, key)
        assert isinstance(value, (int, float)) and not isinstance(value, bool), key
        assert math.isfinite(value), key
    for key in ("startup_s", "signin_to_list_s", "search_p50_ms", "search_p95_ms",
                "profile_p50_ms", "profile_p95_ms", "switch_p50_ms", "switch_p95_ms",
                "import_msgs_per_s", "audience_ms", "rss_mb"):
        assert key in RESULT_KEYS
    for key in ("search_p95_ms", "audience_ms", "import_msgs_per_s"):
        assert f"baseline.{key}" in RESULT_KEYS
    assert "startup_s" in done.stdout  # the table was printed


@pytest.mark.slow
@pytest.mark.gui
@pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs OPTIN_DESK_TEST_DATABASE_URL (PostgreSQL)")
def test_benchmark_runs_on_postgresql_and_drops_what_it_made(tmp_path: Path) -> None:
    import psycopg2

    parsed = urlparse(TEST_DATABASE_URL)
    name = f"{parsed.path.lstrip('/')}_bench"
    url = urlunparse(parsed._replace(path=f"/{name}"))
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(RUN), "--clients", "300", "--messages", "300",
                           "--database-url", url, "--json", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=280, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["database"] == "postgresql"
    assert results["checks"]["search_counts_agree"] and results["checks"]["audience_agrees"]
    for key in RESULT_KEYS:
        assert math.isfinite(lookup(results, key)), key
    server = psycopg2.connect(urlunparse(parsed._replace(path="/postgres")))
    try:
        cursor = server.cursor()
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (f"{name}%",))
        assert cursor.fetchall() == []
    finally:
        server.close()


@pytest.mark.slow
def test_benchmark_refuses_bad_arguments_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(RUN), "--clients", "many"], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--clients" in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("script, size", [
    ("client_import.py", ["--existing", "300", "--rows", "300"]),
    ("message_import.py", ["--clients", "300", "--rows", "300"]),
])
def test_the_one_path_benchmarks_run_and_compare_with_raw_sql(
        tmp_path: Path, script: str, size: list[str]) -> None:
    """benchmarks/client_import.py and message_import.py: the app and raw SQL both ran, on the
    same rows, and each gave a rate."""
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / script), *size,
                           "--keep", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=280, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert results["app_s"] and results["raw_s"]
    rates = [value for key, value in results.items() if key.endswith("per_s")]
    assert rates and all(isinstance(rate, (int, float)) and rate > 0 for rate in rates)


def test_the_table_judges_a_million_clients_by_the_million_targets() -> None:
    """DESIGN §6: at 1,000,000 clients the bounds are a frame (16 ms), 0.5 s to sign-in,
    50,000 texts a second, 250 MB and 2× raw SQL; at 100,000 the first targets still hold."""
    from benchmarks.run import TARGETS, format_table

    bounds = {target.key: (target.bound_for(100_000), target.bound_for(1_000_000))
              for target in TARGETS}
    assert bounds["search_p95_ms"] == (30, 16)
    assert bounds["profile_p95_ms"] == (50, 16)
    assert bounds["startup_s"] == (1.5, 0.5)
    assert bounds["switch_p95_ms"] == (20, 5)
    assert bounds["import_msgs_per_s"] == (5000, 50_000)
    assert bounds["audience_ms"] == (200, 50)
    assert bounds["rss_mb"] == (300, 250)
    assert bounds["baseline.import_ratio"] == (3, 2)
    results: dict = {"clients": 1_000_000, "baseline": {}}
    for target in TARGETS:
        holder, _, name = target.key.rpartition(".")
        (results[holder] if holder else results)[name] = 20.0
    lines = {line.split()[0]: line for line in format_table(results).splitlines()[2:]}
    assert "< 16 ms" in lines["search_p95_ms"] and "FAIL" in lines["search_p95_ms"]
    assert "< 50 ms" in lines["audience_ms"] and "pass" in lines["audience_ms"]
