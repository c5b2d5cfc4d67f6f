"""What the window does for Clients ▸ Add client and Edit client and for the profile's Edit,
Archive and Restore: open the client editor, ask before archiving, and announce what changed
on the app-wide signal, so the list and the profile redraw themselves (STYLE 6)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from models.changes import Change
from models.clients import archive_client
from models.consent import ClientCard
from models.errors import OptInDeskError
from models.settings import load_studio
from models.staff import Role, SignedIn, has_role
from ui.app_events import app_events
from ui.clients.client_editor import ClientEditor
from ui.clients.client_list_panel import ClientListPanel
from ui.main_menus import MainMenus
from ui.profile.client_profile_view import ClientProfileView
from ui.session import signed_in
from ui.words import one_line, spoken


class ClientActions(QObject):
    """Adds, edits, archives and restores clients for the main window."""

    def __init__(self, window: QMainWindow, menus: MainMenus, panel: ClientListPanel,
                 profile: ClientProfileView) -> None:
        super().__init__(window)
        self._window, self._menus, self._panel, self._profile = window, menus, panel, profile
        self._editor: ClientEditor | None = None
        self._connect_signals()
        self._on_staff_changed(signed_in())

    def _connect_signals(self) -> None:
        self._menus.add_client.triggered.connect(self.add_client)
        self._menus.edit_client.triggered.connect(self.edit_shown_client)
        self._menus.clients_menu.aboutToShow.connect(self._on_clients_menu_about_to_show)
        header = self._profile.header()
        header.edit_requested.connect(self.edit_shown_client)
        header.archive_requested.connect(self._on_archive_requested)
        app_events().staff_changed.connect(self._on_staff_changed)

    # --- replaceable dialogs (tests may drive or replace them) ----------------------------------

    @classmethod
    def confirm(cls, parent: QWidget, title: str, text: str, action: str) -> bool:
        """Ask before doing `action`; whether the person agreed."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel,
                          parent)
        box.setObjectName("clientConfirm")
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(yes)
        box.exec()
        agreed = box.clickedButton() is yes
        box.deleteLater()
        return agreed

    # --- public --------------------------------------------------------------------------------

    def add_client(self) -> ClientEditor | None:
        """Open the editor for a new client (Ctrl+N)."""
        return self._open_editor(None)

    def edit_shown_client(self) -> ClientEditor | None:
        """Open the editor for the client the profile shows (Ctrl+E)."""
        state = self._profile.consent()
        if state is None:
            self._say(self.tr("Select a client to edit first"))
            return None
        return self._open_editor(state.client)

    def editor(self) -> ClientEditor | None:
        """The editor open now, if any."""
        return self._editor if self._editor is not None and self._editor.isVisible() else None

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_clients_menu_about_to_show(self) -> None:
        self._menus.edit_client.setEnabled(self._profile.consent() is not None)

    @Slot(object)
    def _on_staff_changed(self, staff: SignedIn | None) -> None:
        self._profile.header().offer_archive(has_role(staff, Role.MANAGER))
        for action in (self._menus.add_client, self._menus.edit_client):
            action.setEnabled(staff is not None)

    @Slot()
    def _on_editor_finished(self) -> None:
        editor, self._editor = self._editor, None
        change = editor.change() if editor is not None else None
        if editor is None or change is None:
            return
        if not editor.is_new():
            self._announce(change, self.tr("Saved {name}").format(name=editor.client_name())
                           if change.event_ids else self.tr("Nothing was changed"))
            return
        self._announce(change, self.tr("Added {name}").format(name=editor.client_name()))
        client_id = change.client_ids[0]
        if not self._panel.select_client(client_id):  # hidden by the search or the filter
            self._profile.show_client(client_id)

    @Slot(bool)
    def _on_archive_requested(self, archive: bool) -> None:
        state, staff = self._profile.consent(), signed_in()
        if state is None or staff is None:
            return
        name = state.client.name
        if archive:
            asked = self.confirm(
                self._window, self.tr("Archive client"),
                self.tr("Archive {name}? They leave the client list and receive nothing — no "
                        "campaigns, reminders or Hailee messages. Their consent record is kept; "
                        "View ▸ Show clients ▸ Archived shows them, and a manager can restore "
                        "them.").format(name=name),
                self.tr("Archive"))
        else:
            asked = self.confirm(self._window, self.tr("Restore client"),
                                 self.tr("Restore {name}? They return to the client list with "
                                         "the switches they had.").format(name=name),
                                 self.tr("Restore"))
        if not asked:
            return
        try:
            change = archive_client(staff, state.client.id, archive)
        except OptInDeskError as error:
            QMessageBox.warning(self._window, self.tr("Archive client"), spoken(error))
            return
        self._announce(change, (self.tr("Archived {name}") if archive
                                else self.tr("Restored {name}")).format(name=name))

    # --- private -------------------------------------------------------------------------------

    def _open_editor(self, client: ClientCard | None) -> ClientEditor | None:
        if signed_in() is None:
            self._say(self.tr("Sign in to add or edit clients"))
            return None
        if self._editor is not None:
            self._editor.raise_()
            self._editor.activateWindow()
            return self._editor
        try:
            region = load_studio().default_region
        except OptInDeskError as error:
            self._say(self.tr("Could not open the client editor: {problem}").format(
                problem=one_line(error)))
            return None
        editor = ClientEditor(self._window, client=client, region=region)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.finished.connect(self._on_editor_finished)
        self._editor = editor
        editor.open()
        return editor

    def _announce(self, change: Change, message: str) -> None:
        app_events().data_changed.emit(change.asked_by(self))
        self._say(message)

    def _say(self, text: str) -> None:
        app_events().status_message.emit(text)
