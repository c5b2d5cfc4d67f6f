"""The windows the main window opens from its menus: one of each kind, made on first use,
brought up to date and raised when asked again, and closed when the staff member signed in
may not use them (R15). Out of ui/main_window.py, which wires the parts together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtWidgets import QDialog, QWidget

from models.staff import Role, SignedIn, has_role
from ui.manage.ai_settings_dialog import AiSettingsDialog
from ui.manage.audit_log_dialog import AuditLogDialog
from ui.manage.reports_dialog import ReportsDialog
from ui.manage.staff_accounts_dialog import StaffAccountsDialog
from ui.manage.studio_settings_dialog import StudioSettingsDialog

_Dialog = TypeVar("_Dialog", bound=QDialog)
#: The role a window of the Manage menu needs (R15); the others are every employee's.
_ROLE_NEEDED: dict[type[QDialog], Role] = {
    AiSettingsDialog: Role.MANAGER, ReportsDialog: Role.MANAGER, AuditLogDialog: Role.MANAGER,
    StaffAccountsDialog: Role.OWNER, StudioSettingsDialog: Role.OWNER,
}
#: The windows that read their list again when another staff member signs in.
_READ_AGAIN = (StaffAccountsDialog, ReportsDialog)


class MainDialogs:
    """The main window's other windows, one of each kind, children of `parent`."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self._dialogs: dict[type[QDialog], QDialog] = {}

    def made(self, kind: type[QDialog]) -> bool:
        """Whether the window of `kind` was made already."""
        return kind in self._dialogs

    def open_once(self, kind: type[_Dialog], again: Callable[[_Dialog], None],
                  **kwargs: Any) -> _Dialog:
        """Show the one window of a kind, made on first use; one already made is brought up
        to date by `again` first. The window is raised and made active either way."""
        dialog = self._dialogs.get(kind)
        if dialog is None:
            dialog = self._dialogs[kind] = kind(self._parent, **kwargs)
        else:
            again(cast(_Dialog, dialog))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return cast(_Dialog, dialog)

    def offer_for(self, staff: SignedIn | None) -> None:
        """Close the windows `staff` may not use; read the open lists again as them (R15)."""
        for kind, dialog in self._dialogs.items():
            if not has_role(staff, _ROLE_NEEDED.get(kind, Role.EMPLOYEE)):
                dialog.close()
            elif kind in _READ_AGAIN and dialog.isVisible():
                cast(StaffAccountsDialog | ReportsDialog, dialog).reload()

    def close_all(self) -> None:
        """Close every window made (the main window is closing)."""
        for dialog in self._dialogs.values():
            dialog.close()
