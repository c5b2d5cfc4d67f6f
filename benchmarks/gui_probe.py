"""The GUI side of the benchmark: `python main.py --db X` up to the sign-in dialog, then the
main window and the measurements a person would feel in it, in one child process.

`benchmarks/run.py` starts this file as a subprocess and reads what it reports:

* a line ``shown <monotonic seconds>`` on stdout as soon as the sign-in dialog is on screen
  (exposed and painted); the parent subtracts the moment just before it started the process
  (``time.monotonic()`` reads the system-wide CLOCK_MONOTONIC on Linux, so both sides agree);
* a JSON file (``--out``) with everything else, written when the window has closed.

How it starts the program: it calls ``main.main(["--db", X])`` itself, so the command line,
opening and migrating the database, every import and ``ui.app.run_app`` run exactly as for
``python main.py``. Only the two places where the app waits for a person are replaced, by
subclasses (see `ProbeRun.install`): ``SignInDialog.exec()`` shows the dialog, reports it, picks
the staff member, types the PIN and clicks Sign in; ``MainWindow.show()`` also watches for the
list's first paint, after which the measurements run inside ``app.exec()``. Installing them
imports ``ui.app`` before ``main``: that moves the Qt imports ahead of opening the database,
the work and so the time are the same.

signin_to_list_s runs from the click on Sign in (the PIN check included) to the end of the
first paint of the main window with rows in its list.

With ``--phases signin`` it stops after the main window has painted its list; ``--phases all``
lets the window settle for a second and until the filter counts have arrived (recording the
longest the event loop was blocked meanwhile: the counts run on a worker thread, so this is what
they still cost the window), then goes on with search, profile,
switch and audience measurements (the plan file names the queries, clients and staff member)
and reports the peak resident memory (VmHWM).

To tell the app's parts apart, a few functions are timed in place: the probe replaces their
names in the ui modules that call them (`DEFERRED_CALLS`, `SEARCH_CALLS`) with wrappers that
call the originals. Nothing else of the app is changed.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import json
import math
import os
import statistics
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Callable, NoReturn, Sequence

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

#: Most further passes of the event loop a profile may take to settle after its first.
SETTLE_PASSES = 10
#: Longest wait for a window to appear or paint before the probe gives up.
WAIT_TIMEOUT_S = 60.0
AUDIENCE_REPEATS = 5
#: After the list has painted, the probe lets the window run this long before typing, and
#: longer until the filter counts have arrived (at most SETTLE_MAX_S).
SETTLE_S = 1.0
SETTLE_MAX_S = 60.0
HEARTBEAT_MS = 5


class ProbeError(Exception):
    """The probe could not do what it measures (a window never painted, a bad plan)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"gui_probe: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The probe's command line (run.py is its only caller)."""
    parser = _Parser(prog="gui_probe", description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="the seeded SQLite database")
    where.add_argument("--database-url", help="the seeded database on a server (postgresql://…)")
    parser.add_argument("--plan", required=True, help="JSON: staff, queries, clients to open and switch")
    parser.add_argument("--out", required=True, help="where to write the measurements (JSON)")
    parser.add_argument("--phases", choices=("signin", "all"), default="all")
    parser.add_argument("--profile-dir", help="write a cProfile file per measured phase here")
    return parser


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (0 < fraction <= 1) of `values`."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = min(len(ordered), max(1, math.ceil(fraction * len(ordered) - 1e-9)))
    return ordered[rank - 1]


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB (10^6 bytes)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    import resource  # not on Windows; /proc is not on macOS
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


#: Work the window defers until after its first paint, timed in place (module, function):
#: the probe replaces these names in the modules that call them, and calls the originals.
DEFERRED_CALLS = (("ui.clients.filter_counter", "filter_counts"),
                  ("ui.clients.filter_counter", "filter_counts_for"),
                  ("ui.clients.filter_counter", "review_counts"))
#: The model layer's share of a keystroke: the id query and the display rows of a page.
SEARCH_CALLS = (("ui.clients.client_list_model", "client_ids"), ("ui.clients.client_list_model", "client_rows"))


class CallTimer:
    """Records when each wrapped call started (monotonic s) and how long it took (ms)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def wrap(self, module_name: str, name: str) -> None:
        """Replace `module.name` with a timed call of it; a missing name is left alone."""
        import importlib

        module = importlib.import_module(module_name)
        original = getattr(module, name, None)
        if not callable(original):
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.monotonic()
            try:
                return original(*args, **kwargs)
            finally:
                self.calls.append({"call": name, "at": started,
                                   "ms": (time.monotonic() - started) * 1000})

        setattr(module, name, timed)


class ProbeRun:
    """One run of the window under measurement; `results` is what the JSON file gets.

    `install()` replaces two names in ``ui.app`` with thin subclasses: the sign-in dialog's
    ``exec()`` shows the dialog, reports it, types the PIN and clicks Sign in, as a person would;
    the main window's ``show()`` watches for the list's first paint and then runs the
    measurements inside ``app.exec()``, closing the window (so the app quits) when done.
    Everything else, ``run_app`` included, is the app's own code.
    """

    def __init__(self, plan: dict[str, Any], phases: str, profile_dir: Path | None) -> None:
        self.plan = plan
        self.phases = phases
        self.profile_dir = profile_dir
        self.results: dict[str, Any] = {}
        self.error: str | None = None
        self.deferred = CallTimer()
        self.search_calls = CallTimer()
        self.pin_check = CallTimer()
        self._sign_in_clicked = 0.0
        self._list_painted = False
        self._signin_profile: _Profiled | None = None

    def install(self) -> None:
        """Hook the sign-in dialog and the main window that ``ui.app.run_app`` creates. The
        main window's code is loaded only when ``run_app`` asks for it, after sign-in, as the
        app itself does: the hooks on it are made then, and their cost counts where the app's
        import of it does (Sign in clicked → list painted)."""
        import ui.app
        from ui.sign_in_dialog import SignInDialog

        probe = self

        class ProbeSignInDialog(SignInDialog):
            def exec(self) -> int:
                return probe.sign_in_dialog_exec(self)

        load_main_window = ui.app._main_window_class

        def probe_main_window_class() -> Any:
            main_window = load_main_window()

            class ProbeMainWindow(main_window):  # type: ignore[misc, valid-type]
                def show(self) -> None:
                    probe.main_window_showing(self)
                    super().show()

            for module_name, name in DEFERRED_CALLS:
                probe.deferred.wrap(module_name, name)
            for module_name, name in SEARCH_CALLS:
                probe.search_calls.wrap(module_name, name)
            return ProbeMainWindow

        self.pin_check.wrap("ui.sign_in_dialog", "sign_in")
        ui.app.SignInDialog = ProbeSignInDialog  # type: ignore[misc]
        ui.app._main_window_class = probe_main_window_class  # type: ignore[attr-defined]

    # --- the hooks --------------------------------------------------------------------------------

    def sign_in_dialog_exec(self, dialog: Any) -> int:
        """Instead of waiting for a person: show the dialog, report it on screen, sign in."""
        from PySide6.QtWidgets import (
            QAbstractButton,
            QApplication,
            QComboBox,
            QLineEdit,
        )

        try:
            dialog.show()
            wait_for_paint(QApplication.instance(), dialog, lambda: _exposed(dialog))
            shown = time.monotonic()
            print(f"shown {shown:.6f}", flush=True)
            self.results["dialog_shown_monotonic"] = shown
            staff = self.plan["staff"]
            picker = dialog.findChild(QComboBox, "staffPicker")
            pin = dialog.findChild(QLineEdit, "pinInput")
            button = dialog.findChild(QAbstractButton, "signInButton")
            if picker is None or pin is None or button is None:
                raise ProbeError("the sign-in dialog has no staffPicker, pinInput or signInButton")
            index = picker.findData(int(staff["id"]))
            if index < 0:
                raise ProbeError(f"the staff picker does not offer staff member {staff['id']}")
            picker.setCurrentIndex(index)
            pin.setText(str(staff["pin"]))
            self._signin_profile = self._profiled("signin")
            self._signin_profile.__enter__()
            self._sign_in_clicked = time.perf_counter()
            button.click()  # the PIN is checked; the dialog accepts, and run_app goes on
            if dialog.result() != dialog.DialogCode.Accepted:
                raise ProbeError(f"sign-in was refused: {dialog.error_text()}")
            return int(dialog.result())
        except BaseException:  # run_app must go on: it returns, and main() reports the error
            self.error = traceback.format_exc()
            return 0  # as if cancelled: run_app returns without a main window

    def main_window_showing(self, window: Any) -> None:
        """Watch for the list's first paint; measure from there inside the app's event loop."""
        from PySide6.QtCore import QEvent, QObject, QTimer

        table = window.panel().table()
        model = window.panel().model()
        probe = self

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if (event.type() == QEvent.Type.Paint and not probe._list_painted
                        and model.rowCount() > 0):
                    probe._list_painted = True
                    # After this paint (and the window's flush) has finished:
                    QTimer.singleShot(0, lambda: probe.after_list_painted(window))
                return False

        self._first_paint = FirstPaint(window)
        table.viewport().installEventFilter(self._first_paint)
        QTimer.singleShot(int(WAIT_TIMEOUT_S * 1000), lambda: self._give_up(window))

    def after_list_painted(self, window: Any) -> None:
        """The main window is usable: record that, run the measurements, close the window."""
        from PySide6.QtWidgets import QApplication

        app: Any = QApplication.instance()
        try:
            done = time.perf_counter()
            painted = time.monotonic()
            if self._signin_profile is not None:
                self._signin_profile.__exit__(None, None, None)
            window.panel().table().viewport().removeEventFilter(self._first_paint)
            model = window.panel().model()
            self.results["signin_to_list_s"] = done - self._sign_in_clicked
            self.results["signin_pin_check_s"] = sum(call["ms"] for call in self.pin_check.calls) / 1000
            self.results["list_rows"] = model.rowCount()
            self.results["window_size"] = [window.width(), window.height()]
            self.results["deferred_before_list_ms"] = sum(
                call["ms"] for call in self.deferred.calls if call["at"] < painted)
            # The peak after each phase, to tell which one raised it.
            peaks = self.results["rss_peak_after_mb"] = {"list": peak_rss_mb()}
            if self.phases == "all":
                for name, phase in (("settle", lambda: self._settle(app, window)),
                                    ("search", lambda: self._measure_search(app, window)),
                                    ("profile", lambda: self._measure_profiles(app, window)),
                                    ("switch", self._measure_switches),
                                    ("audience", self._measure_audience)):
                    phase()
                    peaks[name] = peak_rss_mb()
            self.results["rss_mb"] = peak_rss_mb()
        except BaseException:  # called from Qt's event loop, which would only print it
            self.error = traceback.format_exc()
        finally:
            window.close()  # as a person would: geometry saved; the last window closes the app
            QApplication.quit()

    def _give_up(self, window: Any) -> None:
        from PySide6.QtWidgets import QApplication

        if not self._list_painted:
            self.error = f"the main window's list did not paint within {WAIT_TIMEOUT_S:.0f} s"
            window.close()
            QApplication.quit()

    # --- phases -------------------------------------------------------------------------------

    def _settle(self, app: Any, window: Any) -> None:
        """Let the window finish what it defers past its first paint (the filter counts, on a
        worker thread), as it would while a person reaches for the keyboard; record the
        longest the event loop was blocked meanwhile: a keystroke then would have waited that
        long. The counts' own time is in `deferred_calls`, `counts_after_paint_s` says when
        the last of them reached the filter bar."""
        from PySide6.QtCore import QEventLoop, QTimer

        from models.client_list import ClientFilter

        panel = window.panel()
        started = time.perf_counter()
        arrived: list[float] = []
        panel.counts_shown.connect(lambda _counts: arrived.append(time.perf_counter()))
        loop = QEventLoop()
        beats: list[float] = [started]

        def beat() -> None:
            beats.append(time.perf_counter())
            waited = beats[-1] - started
            if waited >= SETTLE_MAX_S or (
                    waited >= SETTLE_S and len(panel.filter_counts()) == len(ClientFilter)):
                loop.quit()

        heartbeat = QTimer()
        heartbeat.setInterval(HEARTBEAT_MS)
        heartbeat.timeout.connect(beat)
        heartbeat.start()
        loop.exec()
        heartbeat.stop()
        gaps = [(later - earlier) * 1000 for earlier, later in itertools.pairwise(beats)]
        self.results["settle_stall_ms"] = max(gaps, default=0.0)
        self.results["counts_after_paint_s"] = (arrived[-1] - started) if arrived else None
        self.results["deferred_calls"] = [
            {"call": call["call"], "ms": call["ms"]} for call in self.deferred.calls]

    def _measure_search(self, app: Any, window: Any) -> None:
        """Each keystroke's query → list model reset → the list painted: the view reads the
        rows it shows (their display rows from the database, every cell's roles) as it paints
        them. (Until issue 12's last round the probe also read 30 rows' cells itself before
        the paint, so each cell was read twice.)"""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QTableView

        from models.client_list import client_ids

        model = window.panel().model()
        viewport = window.panel().findChild(QTableView, "clientList").viewport()
        times: list[float] = []
        counts: list[int] = []
        model_ms: list[float] = []
        with self._profiled("search"):
            for text in self.plan["queries"]:
                self.search_calls.calls.clear()
                started = time.perf_counter()
                model.set_query(text)
                wait_for_paint(app, viewport, lambda: True)
                times.append((time.perf_counter() - started) * 1000)
                if model.rowCount() and not model.index(0, model.NAME).data(Qt.ItemDataRole.DisplayRole):
                    raise ProbeError(f"the list did not show the clients {text!r} finds")
                # The list reads its ids a chunk at a time: check the whole answer, untimed.
                counts.append(model.rowCount() if model.is_complete() else len(client_ids(text)))
                model_ms.append(sum(call["ms"] for call in self.search_calls.calls))
        model.set_query("")
        app.processEvents()
        self.results["search_ms"] = times
        self.results["search_counts"] = counts
        self.results["search_model_ms"] = model_ms
        self.results["search_p50_ms"] = statistics.median(times)
        self.results["search_p95_ms"] = percentile(times, 0.95)

    def _measure_profiles(self, app: Any, window: Any) -> None:
        """ClientProfileView.show_client(id): Opt-In, Hailee, grid and History filled, painted,
        and settled: events processed until none is left, so a layout that takes more than one
        pass of the event loop is counted whole (until issue 12's last round, one pass)."""
        from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop

        dispatcher = QAbstractEventDispatcher.instance()
        view = window.profile()
        times: list[float] = []
        with self._profiled("profile"):
            for client_id in self.plan["profile_ids"]:
                started = time.perf_counter()
                view.show_client(int(client_id))
                app.processEvents()
                for _ in range(SETTLE_PASSES):
                    if not dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents):
                        break
                times.append((time.perf_counter() - started) * 1000)
                if view.consent() is None:
                    raise ProbeError(f"the profile of client {client_id} did not load")
        self.results["profile_ms"] = times
        self.results["profile_p50_ms"] = statistics.median(times)
        self.results["profile_p95_ms"] = percentile(times, 0.95)

    def _measure_switches(self) -> None:
        """models.consent.set_switch: one change, its event, committed (synchronous=FULL)."""
        from models.consent import set_switch
        from ui.session import current_staff

        who = current_staff()
        times: list[float] = []
        with self._profiled("switch"):
            for step in self.plan["switches"]:
                on = bool(step["on"])
                started = time.perf_counter()
                change = set_switch(who, int(step["client"]), step["channel"], step["switch"], on,
                                    method=step.get("method") if on else None,
                                    note="benchmark")
                times.append((time.perf_counter() - started) * 1000)
                if not change.event_ids:
                    raise ProbeError(f"switch step {step} wrote no event")
        self.results["switch_ms"] = times
        self.results["switch_p50_ms"] = statistics.median(times)
        self.results["switch_p95_ms"] = percentile(times, 0.95)

    def _measure_audience(self) -> None:
        """models.consent.audience("sms", "campaign"), median of a few."""
        from models.consent import audience

        times: list[float] = []
        with self._profiled("audience"):
            for _ in range(AUDIENCE_REPEATS):
                started = time.perf_counter()
                result = audience("sms", "campaign")
                times.append((time.perf_counter() - started) * 1000)
        self.results["audience_samples_ms"] = times
        self.results["audience_ms"] = statistics.median(times)
        self.results["audience_allowed"] = result.allowed
        self.results["audience_held"] = result.held

    # --- helpers ------------------------------------------------------------------------------

    def _profiled(self, name: str) -> _Profiled:
        path = self.profile_dir / f"{name}.prof" if self.profile_dir is not None else None
        return _Profiled(path)


class _Profiled:
    """cProfile around a phase when a profile folder was given; otherwise nothing."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._profile = cProfile.Profile() if path is not None else None

    def __enter__(self) -> None:
        if self._profile is not None:
            self._profile.enable()

    def __exit__(self, *exc: object) -> None:
        if self._profile is not None and self._path is not None:
            self._profile.disable()
            self._profile.dump_stats(str(self._path))


def _exposed(widget: Any) -> bool:
    handle = widget.windowHandle()
    return handle is not None and handle.isExposed()


def wait_for_paint(app: Any, widget: Any, ready: Callable[[], bool]) -> None:
    """Run the event loop until `widget` has painted while `ready()` holds, and the rest of
    that paint (the backing store's flush) is done. Raises ProbeError after WAIT_TIMEOUT_S."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    loop = QEventLoop()
    state = {"painted": False}

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not state["painted"] and ready():
                state["painted"] = True
                QTimer.singleShot(0, loop.quit)  # after this paint has finished
            return False

    watch = PaintWatch()
    widget.installEventFilter(watch)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(loop.quit)
    timeout.start(int(WAIT_TIMEOUT_S * 1000))
    try:
        if not state["painted"]:
            loop.exec()
    finally:
        timeout.stop()
        widget.removeEventFilter(watch)
    if not state["painted"]:
        raise ProbeError(f"{widget.objectName() or type(widget).__name__} did not paint within "
                         f"{WAIT_TIMEOUT_S:.0f} s")


def main(argv: Sequence[str] | None = None) -> int:
    """Run `python main.py --db X` under measurement; write the results; exit 0 on success."""
    args = build_parser().parse_args(argv)
    try:
        plan = json.loads(Path(args.plan).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"gui_probe: error: cannot read the plan {args.plan}: {error}", file=sys.stderr)
        return 2
    profile_dir = Path(args.profile_dir) if args.profile_dir else None
    if profile_dir is not None:
        profile_dir.mkdir(parents=True, exist_ok=True)
    probe = ProbeRun(plan, args.phases, profile_dir)
    probe.install()
    import main as app_main

    status = app_main.main(["--db", args.db] if args.db else ["--database-url", args.database_url])
    if probe.error is not None:
        print(probe.error, file=sys.stderr, end="")
        return 1
    if status != 0 or "signin_to_list_s" not in probe.results:
        print(f"gui_probe: error: main.py exited with status {status} before the window was up",
              file=sys.stderr)
        return 1
    Path(args.out).write_text(json.dumps(probe.results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
