"""Where a keystroke's and a profile's milliseconds go (issue 12, DESIGN §6).

    QT_QPA_PLATFORM=offscreen python benchmarks/keystroke_profile.py /tmp/bench [--cprofile N]

Opens the real main window offscreen on a database that `benchmarks/run.py --keep DIR` built
(DIR/studio.db, and DIR/plan.json for the same keystrokes and clients the benchmark uses),
signed in as the plan's staff member, lets the filter counts arrive, then:

* types each of the plan's search texts into the search box, as a person would (the debounce
  timer's timeout is fired at once), and times the stages of the keystroke until the list has
  painted: the id query (`client_ids`), the model's reset, the display rows of the first
  screen (`client_rows`, which the view asks for as it paints), and the rest of the paint (Qt's
  layout and painting, and the cells' roles);
* opens each of the plan's clients with `ClientProfileView.show_client` and times its stages:
  the reads (consent, housemates, review, history) and the widgets' update, then the paint;
* measures the longest the event loop was blocked while a few texts were typed with a real
  debounce (a 2 ms heartbeat timer).

Each step also reports the CPU time of the window's thread (`time.thread_time`): on a shared
machine the wall-clock times include waiting for a core, the CPU time does not.

`--cprofile N` also runs cProfile (the standard library's) over every keystroke and profile
open and prints the N functions with the most time of their own. Nothing is written to the
database. Settings and the log go to a temporary folder.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

#: What the stages are timed with: the wall clock, or with --cpu the window thread's CPU time.
CLOCK = time.perf_counter
#: The benchmark's screen; the window opens at its saved or default size on it.
SCREEN = {"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "dpr": 1}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


class Stages:
    """Milliseconds per named stage of the current step, by wrapping module functions."""

    def __init__(self) -> None:
        self.now: dict[str, float] = defaultdict(float)

    def wrap(self, module: Any, name: str, label: str | None = None) -> None:
        original = getattr(module, name)
        stages = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = CLOCK()
            try:
                return original(*args, **kwargs)
            finally:
                stages.now[label or name] += (CLOCK() - started) * 1000

        setattr(module, name, timed)

    def take(self) -> dict[str, float]:
        taken, self.now = dict(self.now), defaultdict(float)
        return taken


def summary(name: str, rows: list[dict[str, float]], texts: list[Any]) -> None:
    totals = [row["total"] for row in rows]
    print(f"\n{name}: {len(rows)} steps, p50 {statistics.median(totals):.1f} ms, "
          f"p95 {percentile(totals, 0.95):.1f} ms, max {max(totals):.1f} ms")
    keys = sorted({key for row in rows for key in row if key != "total"})
    print("  stage".ljust(28) + "p50".rjust(8) + "p95".rjust(8) + "max".rjust(8))
    for key in keys:
        values = [row.get(key, 0.0) for row in rows]
        print(f"  {key:<26}{statistics.median(values):8.2f}{percentile(values, 0.95):8.2f}"
              f"{max(values):8.2f}")
    worst = sorted(range(len(rows)), key=lambda i: rows[i]["total"], reverse=True)[:6]
    print("  slowest: " + "; ".join(
        f"{texts[i]!r} {rows[i]['total']:.1f} ms ("
        + ", ".join(f"{k} {v:.1f}" for k, v in rows[i].items() if k != "total" and v >= 1) + ")"
        for i in worst))


def open_window(db: Path, staff_id: int) -> tuple[Any, Any]:
    from PySide6.QtWidgets import QApplication

    from models.db import open_database
    from models.staff import list_staff
    from ui.app import create_application
    from ui.main_window import MainWindow
    from ui.session import set_current_staff

    open_database(f"sqlite:///{db}")
    app = create_application()
    who = next(staff for staff in list_staff() if staff.staff_id == staff_id)
    set_current_staff(who)
    window = MainWindow()
    window.show()
    deadline = time.monotonic() + 60
    panel = window.panel()
    while time.monotonic() < deadline and len(panel.filter_counts()) < 7:
        QApplication.processEvents()
        time.sleep(0.005)
    import gc
    gc.freeze()
    return app, window


def measure_keystrokes(app: Any, window: Any, queries: list[str], stages: Stages,
                       profile: cProfile.Profile | None) -> list[dict[str, float]]:
    from PySide6.QtCore import Qt

    from PySide6.QtWidgets import QTableView

    from benchmarks.gui_probe import wait_for_paint

    panel = window.panel()
    search = window.findChild(type(panel._search), "clientSearch")  # noqa: SLF001
    viewport = panel.findChild(QTableView, "clientList").viewport()
    rows: list[dict[str, float]] = []
    for text in queries:
        search.setText(text)
        stages.take()
        if profile:
            profile.enable()
        cpu = time.thread_time()
        started = CLOCK()
        panel._search_timer.stop()  # noqa: SLF001 -- the debounce's timeout, at once
        panel._on_search_timer_timeout()  # noqa: SLF001
        queried = CLOCK()
        wait_for_paint(app, viewport, lambda: True)  # as benchmarks/gui_probe.py times it
        done = CLOCK()
        if profile:
            profile.disable()
        step = stages.take()
        step["set_query (rest)"] = (queried - started) * 1000 - step.get("client_ids", 0.0)
        # The view reads the rows it shows as it paints them: their display rows' query is
        # timed on its own, the rest is Qt's layout and paint and the cells' roles.
        step["paint and cells (rest)"] = (done - queried) * 1000 - step.get("client_rows", 0.0)
        step["total"] = (done - started) * 1000
        step["cpu of the window's thread"] = (time.thread_time() - cpu) * 1000
        rows.append(step)
    return rows


def measure_profiles(app: Any, window: Any, client_ids: list[int], stages: Stages,
                     profile: cProfile.Profile | None) -> list[dict[str, float]]:
    view = window.profile()
    rows: list[dict[str, float]] = []
    for client_id in client_ids:
        stages.take()
        if profile:
            profile.enable()
        cpu = time.thread_time()
        started = CLOCK()
        view.show_client(client_id)
        shown = CLOCK()
        app.processEvents()
        done = CLOCK()
        if profile:
            profile.disable()
        step = stages.take()
        reads = sum(v for k, v in step.items() if k.startswith("read "))
        widgets = sum(v for k, v in step.items() if k.startswith("show "))
        step["show_client (rest)"] = (shown - started) * 1000 - reads - widgets
        step["paint (processEvents)"] = (done - shown) * 1000 - step.get("deferred", 0.0)
        step["total"] = (done - started) * 1000
        step["cpu of the window's thread"] = (time.thread_time() - cpu) * 1000
        rows.append(step)
    return rows


def longest_stall(app: Any, window: Any, queries: list[str]) -> float:
    """Type the texts with the real debounce, one every 60 ms; the longest event loop gap."""
    from PySide6.QtCore import QEventLoop, QTimer

    panel = window.panel()
    beats: list[float] = []
    loop = QEventLoop()
    heartbeat = QTimer()
    heartbeat.setInterval(2)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    typed = list(queries)

    def type_next() -> None:
        if typed:
            panel._search.setText(typed.pop(0))  # noqa: SLF001
            QTimer.singleShot(60 if typed else 400, type_next)
        else:
            loop.quit()

    heartbeat.start()
    QTimer.singleShot(0, type_next)
    loop.exec()
    heartbeat.stop()
    return max((b - a) * 1000 for a, b in zip(beats, beats[1:], strict=False))


def instrument(stages: Stages) -> None:
    import ui.clients.client_list_model as list_model
    import ui.profile.client_profile_view as profile_view

    stages.wrap(list_model, "client_ids")
    stages.wrap(list_model, "client_rows")
    for name in ("load_consent", "housemates", "sharing", "review_items", "client_history"):
        if hasattr(profile_view, name):
            stages.wrap(profile_view, name, f"read {name}")
    for attr, method in (("ProfileHeader", "show_client"), ("OptInSection", "show_consent"),
                         ("AiControlsSection", "show_consent"), ("ReceivesGrid", "show_receives"),
                         ("HistoryView", "show_events"), ("ClientProfileView", "_fit_content")):
        cls = getattr(profile_view, attr)
        if hasattr(cls, method):
            _wrap_method(stages, cls, method, f"show {attr}.{method}")


def _wrap_method(stages: Stages, cls: type, method: str, label: str) -> None:
    original: Callable[..., Any] = getattr(cls, method)

    def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = CLOCK()
        try:
            return original(self, *args, **kwargs)
        finally:
            stages.now[label] += (CLOCK() - started) * 1000

    setattr(cls, method, timed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="a folder kept by benchmarks/run.py --keep")
    parser.add_argument("--cprofile", type=int, default=0, metavar="N",
                        help="print cProfile's N functions with the most time of their own")
    parser.add_argument("--profiles", type=int, default=60, help="clients to open (default 60)")
    parser.add_argument("--query", action="append", help="search texts instead of the plan's")
    parser.add_argument("--profiles-only", action="store_true",
                        help="open the profiles only: no keystrokes, no stall measure")
    parser.add_argument("--cpu", action="store_true",
                        help="time every stage in CPU time of the window's thread")
    args = parser.parse_args()
    global CLOCK  # noqa: PLW0603 -- a measuring script's one switch
    if args.cpu:
        CLOCK = time.thread_time
    folder = Path(args.folder)
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="keystroke-"))
    screen = work / "screen.json"
    screen.write_text(json.dumps({"screens": [SCREEN]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    stages = Stages()
    instrument(stages)
    app, window = open_window(folder / "studio.db", int(plan["staff"]["id"]))
    print(f"window {window.width()}x{window.height()}, load {os.getloadavg()[0]:.1f}")
    queries = args.query or plan["queries"]
    profile = cProfile.Profile() if args.cprofile else None
    if not args.profiles_only:
        measure_keystrokes(app, window, queries[:5], stages, None)  # warm the caches once
        keystrokes = measure_keystrokes(app, window, queries, stages, profile)
        summary("search (keystroke → ids, first screen's rows, repaint)", keystrokes, queries)
    ids = [int(i) for i in plan["profile_ids"][:args.profiles]]
    measure_profiles(app, window, ids[:5], stages, None)
    opened = measure_profiles(app, window, ids, stages, profile)
    summary("profile (show_client → painted)", opened, ids)
    if not args.profiles_only:
        print(f"\nlongest event-loop stall while typing with the debounce: "
              f"{longest_stall(app, window, queries[:20]):.1f} ms")
    if profile is not None:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.cprofile)
        print(out.getvalue())
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
