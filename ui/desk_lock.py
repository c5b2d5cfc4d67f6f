"""The shared desk's lock: File ▸ Lock (Ctrl+L), and by itself after the studio's idle minutes.

Locked, the window shows only the sign-in: its list and profile are taken out of it and the
other windows hidden, so nothing of a client can be read behind the sign-in; a dialog that
was asking something is cancelled (nothing is recorded for it). Whoever signs in next —
any staff member — gets everything back as it was, and their changes are theirs
(DESIGN §3 *Shared desk*, R14, R15).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from models.changes import Change, Touched
from models.errors import OptInDeskError
from models.settings import load_studio
from ui.app_events import app_events
from ui.session import set_current_staff
from ui.sign_in_dialog import SignInDialog

#: What a person does at the desk: any of these restarts the idle count.
_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                    QEvent.Type.Wheel, QEvent.Type.TouchBegin})


class DeskLock(QObject):
    """Locks `window` on `action` and after the studio's idle minutes; unlocks on a sign-in."""

    #: One minute of the idle count, in ms (tests make it short).
    minute_ms: ClassVar[int] = 60_000

    def __init__(self, window: QMainWindow, action: QAction) -> None:
        super().__init__(window)
        self._window = window
        self._action = action
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._screen: QWidget | None = None
        self._taken: QWidget | None = None
        self._hidden: list[QWidget] = []
        self._disabled: list[QAction] = []
        self._connect_signals()
        self._read_setting()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            # A Python filter must not outlive the interpreter's hold on it at shutdown.
            app.aboutToQuit.connect(self._on_app_about_to_quit)
            window.destroyed.connect(self._on_app_about_to_quit)

    def _connect_signals(self) -> None:
        self._action.triggered.connect(self.lock)
        self._idle.timeout.connect(self._on_idle_timeout)
        app_events().data_changed.connect(self._on_app_events_data_changed)

    # --- public --------------------------------------------------------------------------------

    def is_locked(self) -> bool:
        """Whether the window shows only the sign-in."""
        return self._screen is not None

    def idle_interval_ms(self) -> int:
        """How long the window waits for input before it locks; 0 when it never does."""
        return self._idle.interval()

    def lock(self) -> None:
        """Take the client data out of the window and show the sign-in."""
        if self._screen is not None:
            return
        self._idle.stop()
        self._cancel_questions()
        window = self._window
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible() and widget.isWindow():
                widget.hide()
                self._hidden.append(widget)
        self._disabled = [action for action in window.findChildren(QAction)
                          if action.isEnabled() and not action.menu()]
        for action in self._disabled:
            action.setEnabled(False)
        self._taken = window.takeCentralWidget()
        self._screen = self._lock_screen()
        window.setCentralWidget(self._screen)
        self._screen.show()  # now, not when the layout gets round to it
        app_events().status_message.emit(self.tr("Locked"))
        self._screen.findChild(QWidget, "pinInput").setFocus(Qt.FocusReason.OtherFocusReason)

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_app_about_to_quit(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._idle.stop()

    @Slot()
    def _on_idle_timeout(self) -> None:
        self.lock()

    @Slot(object)
    def _on_app_events_data_changed(self, change: Change) -> None:
        if change.touches(Touched.STUDIO):
            self._read_setting()

    @Slot()
    def _on_sign_in_accepted(self) -> None:
        dialog = self._screen.findChild(SignInDialog) if self._screen is not None else None
        who = dialog.signed_in_staff() if dialog is not None else None
        if who is None:
            return
        window = self._window
        screen = window.takeCentralWidget()
        if screen is not None:
            screen.deleteLater()
        self._screen = None
        if self._taken is not None:
            window.setCentralWidget(self._taken)
            self._taken.show()
            self._taken = None
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        # The window offers, and closes, what the new staff member's role allows (R15).
        set_current_staff(who)
        app_events().status_message.emit(self.tr("Signed in as {name}").format(name=who.name))
        self._read_setting()

    @Slot()
    def _on_sign_in_rejected(self) -> None:
        """Cancel on the lock screen: stay locked, ready for the next person."""
        dialog = self._screen.findChild(SignInDialog) if self._screen is not None else None
        if dialog is not None:
            dialog.show()

    # --- private -------------------------------------------------------------------------------

    def _lock_screen(self) -> QWidget:
        screen = QWidget()
        screen.setObjectName("lockScreen")
        note = QLabel(self.tr("Opt-In Desk is locked. Sign in to go on — you come back to "
                              "where the desk was left."), screen)
        note.setObjectName("lockNote")
        note.setProperty("role", "muted")
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setFixedWidth(440)
        note.setMinimumHeight(note.heightForWidth(440))  # an aligned item gets no more
        dialog = SignInDialog(screen)
        dialog.setWindowFlags(Qt.WindowType.Widget)  # a part of the window, not a window
        dialog.setModal(False)
        dialog.accepted.connect(self._on_sign_in_accepted)
        dialog.rejected.connect(self._on_sign_in_rejected)
        buttons = dialog.findChild(QDialogButtonBox)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel) if buttons else None
        if cancel is not None:
            cancel.hide()  # there is nothing to cancel to: the desk stays locked
        layout = QVBoxLayout(screen)
        layout.addStretch(1)
        layout.addWidget(note, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(dialog, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        dialog.show()
        return screen

    def _cancel_questions(self) -> None:
        """Cancel a dialog that waits for an answer: its change is not made. A progress
        dialog is left running (an import goes on behind the lock)."""
        for _ in range(10):  # dialogs over dialogs, innermost first
            modal = QApplication.activeModalWidget()
            if not isinstance(modal, QDialog) or isinstance(modal, QProgressDialog):
                return
            modal.reject()

    def _read_setting(self) -> None:
        try:
            minutes = load_studio().idle_lock_minutes
        except OptInDeskError:
            minutes = 0  # no settings to read: nothing to time; Lock still works
        if minutes <= 0:
            self._idle.stop()
            self._idle.setInterval(0)
            return
        self._idle.setInterval(minutes * self.minute_ms)
        if self._screen is None:
            self._idle.start()

    # --- Qt overrides --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any key press, click or mouse move at the desk starts the idle count again."""
        if event.type() in _INPUT and self._idle.interval() > 0 and self._screen is None:
            self._idle.start()
        return False
