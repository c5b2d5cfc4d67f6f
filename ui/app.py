"""Start the window: the application, sign-in, then the main window.

main.py has already opened and bound the database. Nothing slow happens before a window is
on screen: the sign-in dialog reads the staff list only, and the main window reads the list's
ids (one query) and counts its filters just after it shows (DESIGN §6).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from models import deadlines
from models.app_info import start_logging
from models.db import close_database, set_busy_timeout
from models.workstation import DatabaseChoice
from resources import icon, stylesheet
from ui.language import start_language, use_language
from ui.app_names import APP_NAME, ORGANIZATION
from ui.session import set_current_staff
from ui.sign_in_dialog import SignInDialog
from ui.theme_watcher import watch_theme
from ui.words import one_line

#: How long another Python thread may hold the interpreter while the window's thread waits.
GUI_SWITCH_INTERVAL_S = 0.001

#: When the holidays are worked out after the sign-in dialog opens: it has painted by then,
#: and nobody types a PIN faster.
HOLIDAYS_AFTER_MS = 400

#: How long a change made at the desk waits for another workstation's write before the
#: window says the database is busy (the command line waits longer).
INTERACTIVE_BUSY_TIMEOUT_MS = 3000

#: The staff member who signed in last at this workstation, offered first next time.
LAST_STAFF_KEY = "signIn/lastStaffId"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's names (for QSettings), icon and stylesheet."""
    app = QApplication.instance()
    if app is None:
        # Qt splits a fill taller than ~96 lines across its GUI thread pool and waits for it:
        # for the profile's scroll bar and sections the handing over cost more than the fill
        # (issue 12: painting a profile 1-1.5 ms less of the window's thread, on 2 cores).
        os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
        # A thread running Python (the holidays' warm-up, the counts' results) hands the
        # interpreter back to the window's thread within 1 ms, not Python's 5: a keystroke or
        # a paint waits for it no longer than that (issue 12: no stall longer than a frame).
        sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setWindowIcon(icon("app"))
    app.setStyleSheet(stylesheet())
    watch_theme(app)  # an OS light/dark switch repaints everything (issue 10)
    use_language(start_language(QSettings(ORGANIZATION, APP_NAME)))  # issue 14
    return app


#: `--quit-after-start` (hidden): the first window closes itself once on screen; a built app's
#: check that Qt, its plugins and the database all start, with no one at the screen (CI).
_quit_after_start = False


def quit_after_start() -> None:
    """Have the first window say it is on screen, then close, instead of waiting for a person."""
    global _quit_after_start
    _quit_after_start = True


def _close_once_shown(dialog: QDialog) -> None:
    if not _quit_after_start:
        return

    def close() -> None:
        if not dialog.isVisible():
            QTimer.singleShot(50, close)
            return
        print(f"{dialog.objectName()} shown: {dialog.windowTitle()}", flush=True)
        dialog.reject()

    QTimer.singleShot(0, close)


def show_unusable_database(problem: object) -> None:
    """Say in a message box, in one line, why the database cannot be opened (damaged, not
    Opt-In Desk's, made by a newer version, full disk, read-only) and what to do. `problem`
    is the error (or its text): the model layer's sentence is said in the window's language."""
    create_application()
    title = QCoreApplication.translate("app", "{app}: the database cannot be opened")
    box = QMessageBox(QMessageBox.Icon.Warning, title.format(app=APP_NAME), one_line(problem),
                      QMessageBox.StandardButton.Close)
    box.setObjectName("databaseUnusableBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # a path is text, never markup
    box.exec()
    box.deleteLater()


def run_first_run() -> DatabaseChoice | None:
    """The first-run window (DESIGN §3): what was chosen and remembered, or None when the person
    quit. A studio created there is closed again: main.py opens the chosen database as usual."""
    from ui.first_run.first_run_dialog import FirstRunDialog

    create_application()
    start_logging()
    dialog = FirstRunDialog()
    _close_once_shown(dialog)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    choice = dialog.chosen() if accepted else None
    dialog.deleteLater()
    close_database()
    return choice


if TYPE_CHECKING:
    from ui.main_window import MainWindow as _MainWindowType

#: The main window's class, imported once someone has signed in: its code (every screen and
#: model behind it, about 0.4 s) is then loaded while the sign-in is already on screen, not
#: before it (DESIGN §6). Tests may put another class here.
MainWindow: Any = None


def _main_window_class() -> Any:
    global MainWindow
    if MainWindow is None:
        from ui.main_window import MainWindow as loaded

        MainWindow = loaded
    return MainWindow


#: The main window on screen (one at a time).
_windows: list[_MainWindowType] = []


def main_window() -> _MainWindowType | None:
    """The main window on screen, the one a language change rebuilds."""
    return _windows[0] if _windows else None


def keep_window(window: _MainWindowType) -> _MainWindowType:
    """Make `window` the main window on screen: View ▸ Language rebuilds it in the language
    chosen (`_speak_again`)."""
    window.language_chosen.connect(lambda _code: _speak_again(window))
    _windows[:] = [window]  # the old one's Python side may go; this one stays
    return window


def _speak_again(window: _MainWindowType) -> _MainWindowType:
    """A new main window in the language just chosen, in place of `window`, showing the same
    client: every text is made when a window is built, so building it again is what changes
    them all. Staff stay signed in; the windows opened from the menus close with the old one."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    client_id = window.profile().client_id()
    app.setQuitOnLastWindowClosed(False)  # between the two windows there is none
    window.close()  # saves its size and splitter, which the new one reads
    window.deleteLater()
    again = keep_window(window.made_again())
    again.show()
    if client_id is not None:
        again.panel().select_client(client_id)  # when the list holds them as it opens
        again.profile().show_client(client_id)
    app.setQuitOnLastWindowClosed(True)
    return again


def run_app(*, demo_hint: str | None = None) -> int:
    """Sign in, then show the main window until it closes; the application's exit status.
    Cancelling sign-in exits with 0."""
    app = create_application()
    start_logging()  # a bug in the window goes to the log, as the command line's do
    set_busy_timeout(INTERACTIVE_BUSY_TIMEOUT_MS)
    settings = QSettings(ORGANIZATION, APP_NAME)
    last = settings.value(LAST_STAFF_KEY)
    dialog = SignInDialog(demo_hint=demo_hint,
                          staff_id=int(last) if isinstance(last, (int, str)) and str(last).isdigit()
                          else None)
    _close_once_shown(dialog)
    # While staff type their PIN: the review queue's due dates need this year's holidays (R19).
    # Not before the dialog is on screen: the 0.2 s of Python it runs would hold the
    # interpreter while the dialog paints (issue 12: start to sign-in 0.5 s).
    holidays = threading.Thread(target=deadlines.warm_up, name="holidays", daemon=True)
    QTimer.singleShot(HOLIDAYS_AFTER_MS, holidays.start)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        if holidays.is_alive():  # a thread still running while Python shuts down may crash it
            holidays.join(5)
        return 0
    who = dialog.signed_in_staff()
    dialog.deleteLater()
    settings.setValue(LAST_STAFF_KEY, who.staff_id)
    set_current_staff(who)
    window = keep_window(_main_window_class()())
    window.show()
    # Everything built so far lives as long as the window: keep the collector from walking it
    # again and again, which otherwise lands a 10-15 ms pause on a keystroke now and then.
    gc.freeze()
    return app.exec()
