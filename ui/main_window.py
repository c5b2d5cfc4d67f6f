"""The main window: the client list beside the selected client's profile, menus, status bar.

The window wires the parts together and calls the model layer for what its menus do; each
view redraws itself from the app-wide `data_changed` (STYLE §6). Live refresh of changes made
elsewhere comes from a ChangeWatcher it owns (R16).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from models.client_list import ClientFilter
from models.errors import OptInDeskError
from models.message_log import MessageImportSummary
from models.settings import load_studio
from models.staff import SignedIn
from resources import icon
from ui.about import about_text
from ui.app_events import app_events
from ui.app_names import APP_NAME, ORGANIZATION
from ui.change_watcher import UNAVAILABLE_MESSAGE, ChangeWatcher, unavailable_message
from ui.clients.client_actions import ClientActions
from ui.clients.client_file_import import ClientFileImport
from ui.clients.client_list_panel import ClientListPanel
from ui.desk_lock import DeskLock
from ui.first_run.first_run_dialog import choose_database
from ui.language import choose_language
from ui.main_dialogs import MainDialogs
from ui.main_menus import MainMenus
from ui.manage.ai_settings_dialog import AiSettingsDialog
from ui.manage.audit_log_dialog import AuditLogDialog
from ui.manage.reports_dialog import ReportsDialog
from ui.manage.staff_accounts_dialog import StaffAccountsDialog
from ui.manage.studio_settings_dialog import StudioSettingsDialog
from ui.messages.import_worker import MessageImportWorker
from ui.messages.message_import import MessageLogImport
from ui.messages.messages_dialog import MessagesDialog
from ui.messages.provider_sync_controller import ProviderSyncController
from ui.messages.review_queue_dialog import ReviewQueueDialog
from ui.profile.client_profile_view import ClientProfileView
from ui.session import set_current_staff, signed_in
from ui.sign_in_dialog import SignInDialog
from ui.widgets.list_splitter import ListSplitter
from ui.words import ROLE_LABELS, one_line, spoken

DEFAULT_SIZE = (1280, 720)
MINIMUM_SIZE = (800, 560)
#: The list's share of a new window: name, status, mobile and most of an email address.
LIST_WIDTH = 600
#: What a narrow profile needs to show every switch without scrolling sideways (issue 10).
PROFILE_MIN_WIDTH = 460
STATUS_TIMEOUT_MS = 6000


class MainWindow(QMainWindow):
    """Client list (left) and profile (right), with File, View and Help menus."""

    #: View ▸ Language chose another language (its code), already remembered and installed:
    #: whoever made the window builds a new one that speaks it (`ui.app`).
    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 watch: bool = True) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else QSettings(ORGANIZATION, APP_NAME)
        self._watch = watch
        #: The windows opened from the menus, one of each kind, made on first use.
        self._dialogs = MainDialogs(self)
        self._import = MessageLogImport(self, self._settings)
        self._client_import = ClientFileImport(self)
        self._split_on_show = False
        self._watcher = ChangeWatcher(self)
        self._setup_ui()
        self._sync = ProviderSyncController(self)  # R24: its status-bar labels after the staff's
        self._connect_signals()
        self._restore_settings()
        self._panel.load()
        self._show_staff(signed_in())
        self._offer_views(signed_in())
        if watch:
            QTimer.singleShot(0, self._watcher.start)
            QTimer.singleShot(0, self._sync.start)

    def _setup_ui(self) -> None:
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self._update_title()

        self._panel = ClientListPanel(self)
        self._profile = ClientProfileView(self)
        self._profile.show_client(None)
        self._splitter = ListSplitter(parent=self)  # a narrowing window shrinks the list first
        self._splitter.setObjectName("mainSplitter")
        self._splitter.setChildrenCollapsible(False)
        self._splitter.addWidget(self._panel)
        self._splitter.addWidget(self._profile)
        # The splitter gives the profile what is left; below this it shrinks the list instead.
        self._profile.setMinimumWidth(PROFILE_MIN_WIDTH)
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self._splitter)

        self._menus = MainMenus(self)
        self._clients = ClientActions(self, self._menus, self._panel, self._profile)
        self._desk_lock = DeskLock(self, self._menus.lock)  # Ctrl+L and the idle lock

        self._staff_label = QLabel(self)
        self._staff_label.setObjectName("signedInAs")
        self.statusBar().addPermanentWidget(self._staff_label)
        self.statusBar().setSizeGripEnabled(True)
        self.setMinimumSize(*MINIMUM_SIZE)

    def _connect_signals(self) -> None:
        menus = self._menus
        menus.import_messages.triggered.connect(self._on_import_messages_triggered)
        menus.database.triggered.connect(lambda: choose_database(self))
        menus.import_clients.triggered.connect(self._client_import.choose_file)
        menus.switch_user.triggered.connect(self._on_switch_user_triggered)
        menus.quit.triggered.connect(self.close)
        menus.find_client.triggered.connect(self._panel.focus_search)
        menus.review_queue.triggered.connect(self.open_review_queue)
        menus.messages.triggered.connect(self.open_messages)
        menus.filters.triggered.connect(self._on_filters_triggered)
        menus.refresh.triggered.connect(self._on_refresh_triggered)
        menus.languages.triggered.connect(lambda action: choose_language(
            self._settings, str(action.data())) and self.language_chosen.emit(action.data()))
        menus.manage_menu.aboutToShow.connect(self._on_manage_menu_about_to_show)
        menus.ai_settings.triggered.connect(self.open_ai_settings)
        menus.reports.triggered.connect(self.open_reports)
        menus.audit_log.triggered.connect(self._on_audit_log_triggered)
        menus.client_audit_log.triggered.connect(self._on_client_audit_log_triggered)
        menus.staff_accounts.triggered.connect(self.open_staff_accounts)
        menus.connect_provider.triggered.connect(self._sync.open_provider_dialog)
        menus.studio_settings.triggered.connect(
            lambda: self._dialogs.open_once(StudioSettingsDialog, StudioSettingsDialog.reload))
        menus.shortcuts.triggered.connect(self._on_shortcuts_triggered)
        menus.about.triggered.connect(self._on_about_triggered)
        self._import.finished.connect(self._on_import_finished)
        self._import.failed.connect(self._on_import_failed)
        self._import.running_changed.connect(self._on_import_running_changed)
        self._client_import.running_changed.connect(
            lambda running: self._menus.import_clients.setEnabled(not running))
        self._import.review_queue_requested.connect(self.open_review_queue)
        self._panel.client_selected.connect(self._on_panel_client_selected)
        self._panel.client_activated.connect(self._on_panel_client_activated)
        self._panel.review_queue_requested.connect(self.open_review_queue)
        self._panel.filter_changed.connect(self._on_panel_filter_changed)
        app_events().status_message.connect(self._on_status_message)
        app_events().staff_changed.connect(self._on_staff_changed)

    # --- replaceable dialogs (tests monkeypatch these; pytest-qt docs pattern) ------------------

    @classmethod
    def ask_open_file(cls, parent: QWidget, title: str, filters: str) -> str:
        """A file to open, or "" when the person cancels."""
        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return path

    @classmethod
    def show_information(cls, parent: QWidget, title: str, text: str) -> None:
        """A message the person reads and closes."""
        QMessageBox.information(parent, title, text)

    @classmethod
    def show_warning(cls, parent: QWidget, title: str, text: str) -> None:
        """Something the person asked for did not happen; `text` says why in one line."""
        QMessageBox.warning(parent, title, text)

    def ask_sign_in(self) -> SignedIn | None:
        """The sign-in dialog, modal; who signed in, or None after Cancel."""
        dialog = SignInDialog(self)
        accepted = dialog.exec() == SignInDialog.DialogCode.Accepted
        who = dialog.signed_in_staff() if accepted else None
        dialog.deleteLater()
        return who

    # --- public --------------------------------------------------------------------------------

    def panel(self) -> ClientListPanel:
        """The client list panel."""
        return self._panel

    def profile(self) -> ClientProfileView:
        """The client profile view."""
        return self._profile

    def watcher(self) -> ChangeWatcher:
        """The live-refresh watcher."""
        return self._watcher

    def made_again(self) -> MainWindow:
        """A new main window like this one (its settings, live refresh or not), built now: in
        the language spoken now (View ▸ Language)."""
        return MainWindow(settings=self._settings, watch=self._watch)

    def open_review_queue(self) -> ReviewQueueDialog:
        """Show the Needs review queue (one window, read again and raised if open)."""
        made = self._dialogs.made(ReviewQueueDialog)
        dialog = self._dialogs.open_once(ReviewQueueDialog, ReviewQueueDialog.reload)
        if not made:  # the window is made on first use: connect it then
            dialog.client_open_requested.connect(self._on_review_client_open_requested)
        return dialog

    def open_messages(self) -> MessagesDialog:
        """Show the Messages list (one window, read again and raised if open)."""
        return self._dialogs.open_once(MessagesDialog, MessagesDialog.reload)

    def open_ai_settings(self) -> AiSettingsDialog:
        """Show the studio's AI settings (one window, read again and raised if open)."""
        return self._dialogs.open_once(AiSettingsDialog, AiSettingsDialog.reopen)

    def open_reports(self) -> ReportsDialog:
        """Show the reports (one window, counted again if open)."""
        return self._dialogs.open_once(ReportsDialog, ReportsDialog.reload)

    def open_audit_log(self, client_id: int | None = None, client_name: str = "") -> AuditLogDialog:
        """Show the audit log, of one client or of everyone (one window, raised if open)."""
        def show_client(dialog: AuditLogDialog) -> None:
            if dialog.filters().client_id != client_id:
                dialog.set_client(client_id, client_name)

        return self._dialogs.open_once(AuditLogDialog, show_client, client_id=client_id,
                               client_name=client_name)

    def open_staff_accounts(self) -> StaffAccountsDialog:
        """Show the staff accounts (one window, read again if open)."""
        return self._dialogs.open_once(StaffAccountsDialog, StaffAccountsDialog.reload)

    def import_message_log(self, path: Path) -> MessageImportWorker | None:
        """Start processing a provider's message log on a worker thread, with a progress
        dialog; what it did (or why it was refused) is shown when it ends. Returns the worker,
        or None while another import is still running (one at a time)."""
        return self._import.start(path)

    def import_running(self) -> bool:
        """Whether a message-log import is running."""
        return self._import.is_running()

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_import_messages_triggered(self) -> None:
        path = self.ask_open_file(self, self.tr("Import message log"),
                                  self.tr("Message logs (*.csv);;All files (*)"))
        if path:
            self.import_message_log(Path(path))

    @Slot(object, object)
    def _on_import_finished(self, path: Path, summary: MessageImportSummary) -> None:
        app_events().data_changed.emit(summary.change().asked_by(self))
        app_events().status_message.emit(self.tr(
            "Imported %Ln inbound text(s) from {file}", "", summary.inbound).format(file=path.name))
        self._import.show_result(path, summary)

    @Slot(object, str)
    def _on_import_failed(self, _path: Path, message: str) -> None:
        self.show_warning(self, self.tr("Import message log"), spoken(message))

    @Slot(bool)
    def _on_import_running_changed(self, running: bool) -> None:
        self._menus.import_messages.setEnabled(not running)

    @Slot()
    def _on_switch_user_triggered(self) -> None:
        who = self.ask_sign_in()
        if who is not None:
            set_current_staff(who)
            app_events().status_message.emit(self.tr("Signed in as {name}").format(name=who.name))

    @Slot()
    def _on_manage_menu_about_to_show(self) -> None:
        self._menus.client_audit_log.setEnabled(self._profile.client_id() is not None)

    @Slot()
    def _on_audit_log_triggered(self) -> None:
        self.open_audit_log()

    @Slot()
    def _on_client_audit_log_triggered(self) -> None:
        state = self._profile.consent()
        if state is not None:
            self.open_audit_log(state.client.id, state.client.name)

    @Slot(QAction)
    def _on_filters_triggered(self, action: QAction) -> None:
        self._panel.set_filter(ClientFilter(action.data()))

    @Slot(str)
    def _on_panel_filter_changed(self, value: str) -> None:
        self._menus.check_filter(ClientFilter(value))

    @Slot()
    def _on_refresh_triggered(self) -> None:
        self._update_title()
        self._panel.refresh()
        self._profile.reload()
        app_events().status_message.emit(self.tr("Refreshed"))

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        rows = "".join(f"<tr><td style='padding-right:18px'><b>{html.escape(keys)}</b></td>"
                       f"<td>{html.escape(what)}</td></tr>" for keys, what in self._menus.shortcut_rows())
        table = f"<table>{rows}</table>"  # markup only: every text in it is translated
        self.show_information(self, self.tr("Keyboard shortcuts"), table)

    @Slot()
    def _on_about_triggered(self) -> None:
        self.show_information(self, self.tr("About Opt-In Desk"), about_text())

    @Slot(int)
    def _on_panel_client_selected(self, client_id: int) -> None:
        if self._profile.client_id() != client_id:
            self._profile.show_client(client_id)

    @Slot(int)
    def _on_panel_client_activated(self, client_id: int) -> None:
        self._on_panel_client_selected(client_id)
        self._focus_profile()

    @Slot(int)
    def _on_review_client_open_requested(self, client_id: int) -> None:
        """"Open the client" in the review queue: select them in the list and show the profile,
        in front of the queue."""
        if not self._panel.select_client(client_id):
            # Not in the list as it is searched or filtered now: show the profile anyway.
            self._on_panel_client_selected(client_id)
        self.raise_()
        self.activateWindow()
        self._focus_profile()

    @Slot(object)
    def _on_status_message(self, text: object) -> None:
        if text == UNAVAILABLE_MESSAGE:  # the list's own models say it in English (issue 14)
            text = unavailable_message()
        self.statusBar().showMessage(one_line(text), STATUS_TIMEOUT_MS)

    @Slot(object)
    def _on_staff_changed(self, staff: SignedIn | None) -> None:
        self._show_staff(staff)
        self._offer_views(staff)

    # --- private -------------------------------------------------------------------------------

    def _focus_profile(self) -> None:
        widget = self._profile.nextInFocusChain()
        while widget is not None and widget is not self._profile:
            if (self._profile.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and not isinstance(widget, QAbstractScrollArea)):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            if not self._profile.isAncestorOf(widget):
                break
            widget = widget.nextInFocusChain()

    def _show_staff(self, staff: SignedIn | None) -> None:
        if staff is None:
            self._staff_label.setText(self.tr("Not signed in"))
        else:
            self._staff_label.setText(self.tr("Signed in as {name} — {role}").format(
                name=staff.name, role=ROLE_LABELS[staff.role]))

    def _offer_views(self, staff: SignedIn | None) -> None:
        """Offer the views the signed-in role may use, close the others, and read the open
        ones again as the new staff member (R15)."""
        self._menus.offer_for(staff, self._profile.client_id() is not None)
        self._dialogs.offer_for(staff)

    def _update_title(self) -> None:
        try:
            self.setWindowTitle(f"{APP_NAME} — {load_studio().name}")
        except OptInDeskError:
            self.setWindowTitle(APP_NAME)

    def _restore_settings(self) -> None:
        geometry = self._settings.value("mainWindow/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            screen = QGuiApplication.primaryScreen()
            width, height = DEFAULT_SIZE
            if screen is not None:
                available = screen.availableGeometry()
                width, height = min(width, available.width()), min(height, available.height())
            self.resize(width, height)
        state = self._settings.value("mainWindow/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self._settings.value("mainWindow/splitter")
        restored = isinstance(splitter, QByteArray) and self._splitter.restoreState(splitter)
        self._split_on_show = not restored

    def _split_by_default(self) -> None:
        """The list gets LIST_WIDTH, or less of a narrow window; the profile the rest."""
        width = self._splitter.width()
        floor = self._panel.minimumSizeHint().width()
        list_width = min(LIST_WIDTH, max(floor, width * 47 // 100))
        self._splitter.setSizes([list_width, width - list_width])

    def _save_settings(self) -> None:
        self._settings.setValue("mainWindow/geometry", self.saveGeometry())
        self._settings.setValue("mainWindow/state", self.saveState())
        self._settings.setValue("mainWindow/splitter", self._splitter.saveState())
        self._settings.sync()

    # --- Qt overrides --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._split_on_show:  # the first time, at the size the window really has
            self._split_on_show = False
            self._split_by_default()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._watcher.stop()
        self._sync.stop()
        # An import cannot stop half-way through a chunk, and its thread must not be destroyed
        # while it runs: wait for it. (The window-modal progress dialog keeps a person from
        # closing the window meanwhile; this is for a close from code.)
        self._import.wait()
        self._client_import.wait()
        self._save_settings()
        self._dialogs.close_all()
        super().closeEvent(event)
