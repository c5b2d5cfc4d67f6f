"""The main window: the client list beside the selected client's profile, menus, status bar.

The window wires the parts together and calls the model layer for what its menus do; each
view redraws itself from the app-wide `data_changed` (STYLE §6). Live refresh of changes made
elsewhere comes from a ChangeWatcher it owns (R16).
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings, Qt, QThread, QTimer, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QWidget,
)

from models.changes import Change
from models.client_list import FILTER_LABELS, ClientFilter, client_rows
from models.errors import OptInDeskError
from models.inbound import MessageImportSummary
from models.settings import load_studio
from models.staff import ROLE_LABELS, Role, SignedIn
from resources import icon

from ui.manage.ai_settings_dialog import AiSettingsDialog
from ui.app_events import app_events
from ui.manage.audit_log_dialog import AuditLogDialog
from ui.change_watcher import ChangeWatcher
from ui.clients.client_list_panel import ClientListPanel
from ui.profile.client_profile_view import ClientProfileView
from ui.messages.import_progress_dialog import ImportProgressDialog
from ui.messages.import_worker import MessageImportWorker
from ui.messages.messages_dialog import MessagesDialog
from ui.manage.reports_dialog import ReportsDialog
from ui.messages.review_queue_dialog import ReviewQueueDialog
from ui.session import set_current_staff, signed_in
from ui.sign_in_dialog import SignInDialog
from ui.manage.staff_accounts_dialog import StaffAccountsDialog

APP_NAME = "Opt-In Desk"
ORGANIZATION = "Opt-In Desk"
DEFAULT_SIZE = (1280, 720)
MINIMUM_SIZE = (800, 560)
#: The list's share of a new window: name, status, mobile and most of an email address.
LIST_WIDTH = 600
PROFILE_MIN_WIDTH = 400
STATUS_TIMEOUT_MS = 6000
_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_Dialog = TypeVar("_Dialog", bound=QDialog)


def app_version() -> str:
    """The installed package's version, or the source checkout's (pyproject.toml)."""
    try:
        return metadata.version("optin-desk")
    except metadata.PackageNotFoundError:
        with _PYPROJECT.open("rb") as handle:
            return tomllib.load(handle)["project"]["version"]


class MainWindow(QMainWindow):
    """Client list (left) and profile (right), with File, View and Help menus."""

    def __init__(self, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 watch: bool = True) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else QSettings(ORGANIZATION, APP_NAME)
        self._review_queue: ReviewQueueDialog | None = None
        self._messages: MessagesDialog | None = None
        self._ai_settings: AiSettingsDialog | None = None
        self._reports: ReportsDialog | None = None
        self._audit_log: AuditLogDialog | None = None
        self._staff_accounts: StaffAccountsDialog | None = None
        #: The message-log import running now, if any: its thread, worker and progress.
        self._import_thread: QThread | None = None
        self._import_worker: MessageImportWorker | None = None
        self._import_progress: ImportProgressDialog | None = None
        self._split_on_show = False
        self._watcher = ChangeWatcher(self)
        self._setup_ui()
        self._connect_signals()
        self._restore_settings()
        self._panel.load()
        self._show_staff(signed_in())
        self._offer_manager_views(signed_in())
        if watch:
            QTimer.singleShot(0, self._watcher.start)

    def _setup_ui(self) -> None:
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self._update_title()

        self._panel = ClientListPanel(self)
        self._profile = ClientProfileView(self)
        self._profile.show_client(None)
        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.setObjectName("mainSplitter")
        self._splitter.setChildrenCollapsible(False)
        self._splitter.addWidget(self._panel)
        self._splitter.addWidget(self._profile)
        # The splitter gives the profile what is left; below this it shrinks the list instead.
        self._profile.setMinimumWidth(PROFILE_MIN_WIDTH)
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self._splitter)

        self._setup_menus()

        self._staff_label = QLabel(self)
        self._staff_label.setObjectName("signedInAs")
        self.statusBar().addPermanentWidget(self._staff_label)
        self.statusBar().setSizeGripEnabled(True)
        self.setMinimumSize(*MINIMUM_SIZE)

    def _setup_menus(self) -> None:
        ctrl, shift = Qt.Modifier.CTRL, Qt.Modifier.SHIFT
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        self._import_action = self._action(
            file_menu, "importMessagesAction", "&Import message log…", "import",
            "Process a provider's message-log CSV export", QKeySequence(ctrl | Qt.Key.Key_I))
        file_menu.addSeparator()
        self._switch_user_action = self._action(
            file_menu, "switchUserAction", "S&witch user…", "users",
            "Sign in as another staff member", QKeySequence(ctrl | shift | Qt.Key.Key_U))
        file_menu.addSeparator()
        self._quit_action = self._action(
            file_menu, "quitAction", "&Quit", "logout", "Close Opt-In Desk",
            QKeySequence(ctrl | Qt.Key.Key_Q))
        self._quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        view_menu = menus.addMenu("&View")
        self._find_action = self._action(
            view_menu, "findClientAction", "&Find client", "search",
            "Search clients by name, phone or email", QKeySequence(ctrl | Qt.Key.Key_F))
        self._review_action = self._action(
            view_menu, "reviewQueueAction", "Needs &review queue…", "alert",
            "Texts that look like an opt-out but are not a keyword",
            QKeySequence(ctrl | Qt.Key.Key_R))
        self._messages_action = self._action(
            view_menu, "messagesAction", "&Messages…", "mobile", "Inbound texts processed lately",
            QKeySequence(ctrl | Qt.Key.Key_M))
        view_menu.addSeparator()
        show_menu = view_menu.addMenu("&Show clients")
        self._filter_actions = QActionGroup(self)
        self._filter_actions.setExclusive(True)
        for number, which in enumerate(ClientFilter, start=1):
            action = show_menu.addAction(FILTER_LABELS[which])
            action.setObjectName(f"showFilterAction_{which.value}")
            action.setCheckable(True)
            action.setChecked(which is ClientFilter.ALL)
            action.setData(which.value)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            self._filter_actions.addAction(action)
        view_menu.addSeparator()
        self._refresh_action = self._action(
            view_menu, "refreshAction", "Re&fresh", None, "Read the list and the profile again",
            QKeySequence(Qt.Key.Key_F5))

        # Manager views (DESIGN §3): offered by role; the model layer checks roles itself (R15).
        self._manage_menu = menus.addMenu("&Manage")
        self._manage_menu.setObjectName("manageMenu")
        self._ai_settings_action = self._action(
            self._manage_menu, "aiSettingsAction", "Studio &AI settings…", "ai",
            "How Hailee, the AI assistant, works for every client", None)
        self._reports_action = self._action(
            self._manage_menu, "reportsAction", "&Reports…", None,
            "Clients per channel and state, the campaign audience, opt-outs over time", None)
        self._audit_log_action = self._action(
            self._manage_menu, "auditLogAction", "Audit &log…", "history",
            "Every consent event, with filters, CSV export and a check of the record", None)
        self._client_audit_log_action = self._action(
            self._manage_menu, "clientAuditLogAction", "Audit log of this &client…", None,
            "The consent events of the client shown", None)
        self._staff_separator = self._manage_menu.addSeparator()
        self._staff_accounts_action = self._action(
            self._manage_menu, "staffAccountsAction", "&Staff accounts…", "users",
            "Add staff, reset PINs, deactivate accounts", None)

        help_menu = menus.addMenu("&Help")
        self._shortcuts_action = self._action(
            help_menu, "shortcutsAction", "&Keyboard shortcuts", None,
            "Every keyboard shortcut of the window", QKeySequence(Qt.Key.Key_F1))
        help_menu.addSeparator()
        self._about_action = self._action(
            help_menu, "aboutAction", "&About Opt-In Desk", "app", None, None)
        self._about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _connect_signals(self) -> None:
        self._import_action.triggered.connect(self._on_import_action_triggered)
        self._switch_user_action.triggered.connect(self._on_switch_user_action_triggered)
        self._quit_action.triggered.connect(self.close)
        self._find_action.triggered.connect(self._on_find_action_triggered)
        self._review_action.triggered.connect(self._on_review_action_triggered)
        self._messages_action.triggered.connect(self._on_messages_action_triggered)
        self._filter_actions.triggered.connect(self._on_filter_actions_triggered)
        self._refresh_action.triggered.connect(self._on_refresh_action_triggered)
        self._manage_menu.aboutToShow.connect(self._on_manage_menu_about_to_show)
        self._ai_settings_action.triggered.connect(self._on_ai_settings_action_triggered)
        self._reports_action.triggered.connect(self._on_reports_action_triggered)
        self._audit_log_action.triggered.connect(self._on_audit_log_action_triggered)
        self._client_audit_log_action.triggered.connect(
            self._on_client_audit_log_action_triggered)
        self._staff_accounts_action.triggered.connect(self._on_staff_accounts_action_triggered)
        self._shortcuts_action.triggered.connect(self._on_shortcuts_action_triggered)
        self._about_action.triggered.connect(self._on_about_action_triggered)
        self._panel.client_selected.connect(self._on_panel_client_selected)
        self._panel.client_activated.connect(self._on_panel_client_activated)
        self._panel.review_queue_requested.connect(self._on_review_action_triggered)
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

    def open_review_queue(self) -> ReviewQueueDialog:
        """Show the Needs review queue (one window, raised if open)."""
        if self._review_queue is None:
            self._review_queue = ReviewQueueDialog(self)
        else:
            self._review_queue.reload()
        self._review_queue.show()
        self._review_queue.raise_()
        self._review_queue.activateWindow()
        return self._review_queue

    def open_messages(self) -> MessagesDialog:
        """Show the Messages list (one window, raised if open)."""
        if self._messages is None:
            self._messages = MessagesDialog(self)
        else:
            self._messages.reload()
        self._messages.show()
        self._messages.raise_()
        self._messages.activateWindow()
        return self._messages

    def open_ai_settings(self) -> AiSettingsDialog:
        """Show the studio's AI settings (one window, raised and read again if open)."""
        if self._ai_settings is None:
            self._ai_settings = AiSettingsDialog(self)
        else:
            self._ai_settings.reload()
            self._ai_settings.clear_message()
        return _raise(self._ai_settings)

    def open_reports(self) -> ReportsDialog:
        """Show the reports (one window, counted again if open)."""
        if self._reports is None:
            self._reports = ReportsDialog(self)
        else:
            self._reports.reload()
        return _raise(self._reports)

    def open_audit_log(self, client_id: int | None = None, client_name: str = "") -> AuditLogDialog:
        """Show the audit log, of one client or of everyone (one window, raised if open)."""
        if self._audit_log is None:
            self._audit_log = AuditLogDialog(self, client_id=client_id, client_name=client_name)
        elif self._audit_log.filters().client_id != client_id:
            self._audit_log.set_client(client_id, client_name)
        return _raise(self._audit_log)

    def open_staff_accounts(self) -> StaffAccountsDialog:
        """Show the staff accounts (one window, read again if open)."""
        if self._staff_accounts is None:
            self._staff_accounts = StaffAccountsDialog(self)
        else:
            self._staff_accounts.reload()
        return _raise(self._staff_accounts)

    def import_message_log(self, path: Path) -> MessageImportWorker | None:
        """Start processing a provider's message log on a worker thread, with a progress
        dialog; what it did (or why it was refused) is shown when it ends. Returns the worker,
        or None while another import is still running (one at a time)."""
        if self._import_thread is not None:
            return None
        self._import_action.setEnabled(False)
        self._import_progress = ImportProgressDialog(path.name, self)
        self._import_worker = MessageImportWorker(path)
        self._import_thread = QThread(self)
        self._import_thread.setObjectName("messageImportThread")
        self._import_worker.moveToThread(self._import_thread)
        self._connect_import_signals(self._import_thread, self._import_worker)
        self._import_thread.start()
        return self._import_worker

    def import_running(self) -> bool:
        """Whether a message-log import is running."""
        return self._import_thread is not None

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_import_action_triggered(self) -> None:
        path = self.ask_open_file(self, "Import message log",
                                  "Message logs (*.csv);;All files (*)")
        if path:
            self.import_message_log(Path(path))

    @Slot(int, int)
    def _on_import_worker_progress(self, done: int, total: int) -> None:
        if self._import_progress is not None:
            self._import_progress.show_progress(done, total)

    @Slot(object)
    def _on_import_worker_finished(self, summary: MessageImportSummary) -> None:
        path = self._end_import()
        if path is None:  # the window already let this import go (it was closed meanwhile)
            return
        app_events().data_changed.emit(Change(what="import",
                                              client_ids=tuple(sorted(summary.client_ids)),
                                              review=summary.actions["review"] > 0))
        app_events().status_message.emit(
            f"Imported {summary.inbound:,} inbound text{'s' if summary.inbound != 1 else ''} "
            f"from {path.name}")
        self.show_information(self, "Import message log", _import_report(path, summary))

    @Slot(str)
    def _on_import_worker_failed(self, message: str) -> None:
        if self._end_import() is None:
            return
        self.show_warning(self, "Import message log", message)

    @Slot()
    def _on_switch_user_action_triggered(self) -> None:
        who = self.ask_sign_in()
        if who is not None:
            set_current_staff(who)
            app_events().status_message.emit(f"Signed in as {who.name}")

    @Slot()
    def _on_find_action_triggered(self) -> None:
        self._panel.focus_search()

    @Slot()
    def _on_review_action_triggered(self) -> None:
        self.open_review_queue()

    @Slot()
    def _on_messages_action_triggered(self) -> None:
        self.open_messages()

    @Slot()
    def _on_manage_menu_about_to_show(self) -> None:
        self._client_audit_log_action.setEnabled(self._profile.client_id() is not None)

    @Slot()
    def _on_ai_settings_action_triggered(self) -> None:
        self.open_ai_settings()

    @Slot()
    def _on_reports_action_triggered(self) -> None:
        self.open_reports()

    @Slot()
    def _on_audit_log_action_triggered(self) -> None:
        self.open_audit_log()

    @Slot()
    def _on_client_audit_log_action_triggered(self) -> None:
        client_id = self._profile.client_id()
        if client_id is None:
            return
        try:
            row = client_rows([client_id]).get(client_id)
        except OptInDeskError as error:
            app_events().status_message.emit(f"Could not read the client: {error}")
            return
        self.open_audit_log(client_id, row.name if row is not None else "")

    @Slot()
    def _on_staff_accounts_action_triggered(self) -> None:
        self.open_staff_accounts()

    @Slot(QAction)
    def _on_filter_actions_triggered(self, action: QAction) -> None:
        self._panel.set_filter(ClientFilter(action.data()))

    @Slot(str)
    def _on_panel_filter_changed(self, value: str) -> None:
        for action in self._filter_actions.actions():
            if action.data() == value:
                action.setChecked(True)

    @Slot()
    def _on_refresh_action_triggered(self) -> None:
        self._update_title()
        self._panel.refresh()
        self._profile.reload()
        app_events().status_message.emit("Refreshed")

    @Slot()
    def _on_shortcuts_action_triggered(self) -> None:
        filters = self._filter_actions.actions()
        rows = []
        for action in self._all_actions():
            if action.shortcut().isEmpty():
                continue
            what = action.text().replace("&", "").rstrip("…")
            rows.append((action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                         f"Show {what}" if action in filters else what))
        rows += [("Esc", "Clear the search"), ("↓", "From the search box into the list"),
                 ("Enter", "Open the selected client's profile"),
                 ("Space", "Turn the focused switch on or off")]
        table = "".join(f"<tr><td style='padding-right:18px'><b>{keys}</b></td><td>{what}</td></tr>"
                        for keys, what in rows)
        self.show_information(self, "Keyboard shortcuts", f"<table>{table}</table>")

    @Slot()
    def _on_about_action_triggered(self) -> None:
        self.show_information(
            self, "About Opt-In Desk",
            f"<h3>Opt-In Desk {app_version()}</h3>"
            "<p>How each client may be contacted, STOP/START enforced without exception, "
            "and the record of every consent.</p>")

    @Slot(int)
    def _on_panel_client_selected(self, client_id: int) -> None:
        if self._profile.client_id() != client_id:
            self._profile.show_client(client_id)

    @Slot(int)
    def _on_panel_client_activated(self, client_id: int) -> None:
        self._on_panel_client_selected(client_id)
        self._focus_profile()

    @Slot(str)
    def _on_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    @Slot(object)
    def _on_staff_changed(self, staff: SignedIn | None) -> None:
        self._show_staff(staff)
        self._offer_manager_views(staff)

    # --- private -------------------------------------------------------------------------------

    def _action(self, menu: QMenu, name: str, text: str, icon_name: str | None, tip: str | None,
                shortcut: QKeySequence | None) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        if icon_name is not None:
            action.setIcon(icon(icon_name))
        if tip is not None:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        return action

    def _all_actions(self) -> list[QAction]:
        found: list[QAction] = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if menu is None:
                continue
            for action in menu.actions():
                if action.menu() is not None:
                    found.extend(action.menu().actions())
                elif not action.isSeparator():
                    found.append(action)
        return found

    def _connect_import_signals(self, thread: QThread, worker: MessageImportWorker) -> None:
        """Wire one import's thread and worker. `run` is queued to the worker's thread (the
        worker lives there); the worker's signals are emitted there and queued explicitly to
        this window's slots, so the dialogs and data_changed happen on the GUI thread."""
        thread.started.connect(worker.run)
        queued = Qt.ConnectionType.QueuedConnection
        worker.progress.connect(self._on_import_worker_progress, queued)
        worker.finished.connect(self._on_import_worker_finished, queued)
        worker.failed.connect(self._on_import_worker_failed, queued)

    def _end_import(self) -> Path | None:
        """Let the import's thread end, close its progress dialog and offer Import again; the
        log's path, or None when no import was running."""
        thread, worker, progress = self._import_thread, self._import_worker, self._import_progress
        if thread is None or worker is None or progress is None:
            return None
        self._import_thread = self._import_worker = self._import_progress = None
        # quit() ends the thread's event loop once `run` returns: at once when the worker has
        # reported, or after the import when the window closes mid-way. Only then may the
        # worker go (it is deleted with the last reference, on this thread).
        thread.quit()
        thread.wait()
        thread.deleteLater()
        progress.finish()
        progress.deleteLater()
        self._import_action.setEnabled(True)
        return worker.path()

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
            self._staff_label.setText("Not signed in")
        else:
            self._staff_label.setText(f"Signed in as {staff.name} — {ROLE_LABELS[staff.role]}")

    def _offer_manager_views(self, staff: SignedIn | None) -> None:
        """Offer the manager views the signed-in role may use, and close the others (R15:
        the model layer refuses them anyway; this only keeps the screen honest)."""
        manager = staff is not None and staff.role in (Role.MANAGER, Role.OWNER)
        owner = staff is not None and staff.role is Role.OWNER
        self._manage_menu.menuAction().setVisible(manager)
        for action in (self._ai_settings_action, self._reports_action, self._audit_log_action,
                       self._client_audit_log_action):
            action.setVisible(manager)
            action.setEnabled(manager)
        self._client_audit_log_action.setEnabled(manager and self._profile.client_id() is not None)
        self._staff_separator.setVisible(owner)
        self._staff_accounts_action.setVisible(owner)
        self._staff_accounts_action.setEnabled(owner)
        for dialog, allowed in ((self._ai_settings, manager), (self._reports, manager),
                                (self._audit_log, manager), (self._staff_accounts, owner)):
            if dialog is not None and not allowed:
                dialog.close()
        # Each view reads as the signed-in staff member: read again for the new one.
        if owner and self._staff_accounts is not None and self._staff_accounts.isVisible():
            self._staff_accounts.reload()
        if manager and self._reports is not None and self._reports.isVisible():
            self._reports.reload()

    def _update_title(self) -> None:
        try:
            studio = load_studio().name
        except OptInDeskError:
            self.setWindowTitle(APP_NAME)
            return
        self.setWindowTitle(f"{APP_NAME} — {studio}")

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
        # An import cannot stop half-way through a chunk, and its thread must not be destroyed
        # while it runs: wait for it. (The window-modal progress dialog keeps a person from
        # closing the window meanwhile; this is for a close from code.)
        self._end_import()
        self._save_settings()
        for dialog in (self._review_queue, self._messages, self._ai_settings, self._reports,
                       self._audit_log, self._staff_accounts):
            if dialog is not None:
                dialog.close()
        super().closeEvent(event)


def _raise(dialog: _Dialog) -> _Dialog:
    """Show a non-modal window of the main window, in front and active."""
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _import_report(path: Path, summary: MessageImportSummary) -> str:
    """What a message-log import did, in a few plain lines."""
    actions = summary.as_json()["actions"]
    lines = [
        (f"{path.name}: {_plural(summary.inbound, 'inbound text')}, "
         f"{_plural(summary.changed, 'consent change')}."),
        (f"STOP {actions['opt_out']:,} · START {actions['opt_in']:,} · "
         f"HELP {actions['help']:,} · Needs review {actions['review']:,} · "
         f"Other {actions['none']:,}"),
        (f"Skipped: {_plural(summary.outbound_skipped, 'outbound row')}, "
         f"{actions['duplicate']:,} already imported."),
    ]
    if summary.bad_rows:
        shown = summary.bad_rows[:8]
        lines.append(f"{_plural(len(summary.bad_rows), 'bad row')} not imported:")
        lines += [f"    row {item['row']}: {item['error']}" for item in shown]
        if len(summary.bad_rows) > len(shown):
            lines.append(f"    … and {len(summary.bad_rows) - len(shown):,} more")
    return "\n".join(lines)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
