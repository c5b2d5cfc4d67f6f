"""Fixtures of the GUI tests."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.desktop import close_all
from ui.language import use_language
from ui.session import set_current_staff


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    """Every window test speaks English (with its plural forms), whatever this computer's
    language; a test in Spanish asks for `spanish`."""
    use_language("en")
    yield
    use_language("en")


@pytest.fixture
def spanish(english) -> None:
    """The window speaks Spanish in this test (issue 14)."""
    use_language("es")


@pytest.fixture(autouse=True)
def dialog_sizes(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dialog sizes are kept in a file of the test's own, never in the user's settings, so
    one test's resized dialog does not open resized in another."""
    from PySide6.QtCore import QSettings

    from ui.widgets import remembered_size

    path = str(tmp_path / "dialog-sizes.ini")
    monkeypatch.setattr(remembered_size, "settings_factory",
                        lambda: QSettings(path, QSettings.Format.IniFormat))


@pytest.fixture
def open_as(qtbot: QtBot, staff) -> Iterator[Callable[..., Any]]:
    """`open_as(DialogClass, role, **kwargs)`: sign in as a staff member of `role`, build the
    dialog, show it and wait until it is on screen; everything is closed and signed out after."""
    made: list[QWidget] = []

    def make(factory: Callable[..., QWidget], role: str, **kwargs: Any) -> Any:
        set_current_staff(staff[role])
        dialog = factory(**kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        made.append(dialog)
        return dialog

    yield make
    close_all(made)


@dataclass(eq=False)
class OpenedConnection:
    """A connection opened to the test database: on the main thread or not, and closed yet."""

    on_main_thread: bool
    closed: bool = False


@pytest.fixture
def db_connections(db, monkeypatch: pytest.MonkeyPatch) -> dict[int, OpenedConnection]:
    """Every connection opened to the test database from now on (peewee opens one per
    thread), by the id of the driver's connection object, and whether it was closed."""
    opened: dict[int, OpenedConnection] = {}
    driver_connections: list[Any] = []  # kept alive, so an id is never reused
    connect, close = db._connect, db._close

    def spy_connect(*args: Any, **kwargs: Any) -> Any:
        connection = connect(*args, **kwargs)
        driver_connections.append(connection)
        opened[id(connection)] = OpenedConnection(
            threading.current_thread() is threading.main_thread())
        return connection

    def spy_close(connection: Any) -> Any:
        result = close(connection)
        if id(connection) in opened:
            opened[id(connection)].closed = True
        return result

    monkeypatch.setattr(db, "_connect", spy_connect)
    monkeypatch.setattr(db, "_close", spy_close)
    return opened


@pytest.fixture
def fresh_computer(qapp, tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """A computer where Opt-In Desk never ran: its data folder empty, no database named, its
    settings in files of the test's own; `main.main()` runs there as it would at a desk. The
    main windows made are listed, and closed after."""
    from PySide6.QtCore import QSettings

    import ui.app as app_module
    from ui.main_window import MainWindow

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("OPTIN_DESK_SECRETS", "file")
    monkeypatch.delenv("OPTIN_DESK_DATABASE_URL", raising=False)
    ini = str(tmp_path / "app.ini")
    monkeypatch.setattr(app_module, "QSettings", lambda *args: QSettings(ini, QSettings.Format.IniFormat))
    saved = (qapp.applicationName(), qapp.organizationName(), qapp.styleSheet())
    windows: list[MainWindow] = []

    def make_window() -> MainWindow:
        window = MainWindow(settings=QSettings(ini, QSettings.Format.IniFormat), watch=False)
        windows.append(window)
        return window

    monkeypatch.setattr(app_module, "MainWindow", make_window)
    yield windows
    for window in windows:
        if shiboken6.isValid(window):
            window.close()
            shiboken6.delete(window)
    qapp.setApplicationName(saved[0])
    qapp.setOrganizationName(saved[1])
    qapp.setStyleSheet(saved[2])
    set_current_staff(None)


@pytest.fixture
def window_for(qtbot: QtBot, staff, tmp_path) -> Iterator[Callable[..., Any]]:
    """`window_for(role="employee", size=(1024, 600), watch=False)`: the main window of a staff
    member of `role`, shown, active (shortcuts reach it) and with its settings in a file of the
    test's own; closed, deleted and signed out after."""
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    made: list[QWidget] = []

    def make(role: str = "employee", size: tuple[int, int] | None = (1024, 600),
             watch: bool = False) -> MainWindow:
        set_current_staff(staff[role])
        window = MainWindow(settings=settings, watch=watch)
        qtbot.addWidget(window)
        made.append(window)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        return window

    yield make
    close_all(made)
