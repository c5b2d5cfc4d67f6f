"""The reliability suite's short run (issue 9; R6, R14, R16, §7): writers killed with SIGKILL,
the STOP/START-versus-staff race, and the bad-input sweep, on the test database's backend
(SQLite, or PostgreSQL with OPTIN_DESK_TEST_DATABASE_URL). The long run is the same script
with bigger numbers: see README, "Reliability"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]



def test_r16_r14_reliability_short_run_has_no_violations(database_url, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "OPTIN_DESK_DATABASE_URL"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    done = subprocess.run(
        [sys.executable, "scripts/reliability.py", "--kills", "20", "--race-steps", "500",
         "--backend", backend, "--database-url", database_url, "--seed", "9"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False)
    report = json.loads(done.stdout)
    assert report["crash"]["kills"] == 20 and report["crash"]["violations"] == [], report["crash"]
    assert report["crash"]["committed_writes"] > 0
    assert report["race"]["race_steps"] == 500 and report["race"]["violations"] == [], report["race"]
    assert report["race"]["outcomes"]["locked"] + report["race"]["outcomes"]["stale"] > 0
    sweep = report["sweep"]
    assert sweep["violations"] == [] and sweep["inputs"] >= 30
    assert sweep["failed_inputs"] == [], [r for r in sweep["results"] if not r["ok"]]
    assert done.returncode == 0, done.stderr[-2000:]
