"""A light/dark switch of the OS while the program runs repaints everything (issue 10).

The stylesheet names palette colours (``palette(base)``); Qt resolves them when a widget is
polished, so a new palette alone would leave every styled part in the old theme. When the
application's palette or the OS colour scheme changes, the watcher applies the stylesheet
again — once, after the change has settled — which polishes every widget with the new colours.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication


class ThemeWatcher(QObject):
    """Re-applies the application's stylesheet when its palette or colour scheme changes."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._applying = False
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(0)  # many PaletteChange events, one repolish
        self._again.timeout.connect(self._on_again_timeout)
        app.installEventFilter(self)
        app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        app.aboutToQuit.connect(self._on_app_about_to_quit)  # no Python filter at shutdown

    @Slot()
    def _on_app_about_to_quit(self) -> None:
        self._app.removeEventFilter(self)
        self._again.stop()

    @Slot(Qt.ColorScheme)
    def _on_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self._again.start()

    @Slot()
    def _on_again_timeout(self) -> None:
        self._applying = True
        try:
            self._app.setStyleSheet(self._app.styleSheet())
            for widget in self._app.allWidgets():
                widget.update()
        finally:
            self._applying = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The application's palette changed: polish again with it."""
        if (watched is self._app and event.type() == QEvent.Type.ApplicationPaletteChange
                and not self._applying):
            self._again.start()
        return False


def watch_theme(app: QApplication) -> ThemeWatcher:
    """The application's one ThemeWatcher (made on first call)."""
    found = app.findChild(ThemeWatcher)
    return found if found is not None else ThemeWatcher(app)
