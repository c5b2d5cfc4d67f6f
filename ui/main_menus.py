"""The main window's menu bar, built in one place: File, Clients, View, Manage and Help,
every action with its name, icon, tip and shortcut, and which of them a role is offered.

The window connects the actions to what they do; this module only says what there is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from models.client_list import ClientFilter
from models.staff import Role, SignedIn, has_role
from resources import icon
from ui.language import LANGUAGES, current_language
from ui.words import FILTER_LABELS

#: Keys that are not menu actions, for the list of shortcuts (F1): the keys as Qt names them
#: in the language spoken (QKeySequence), what they do translated when shown.
_OTHER_KEYS = (
    (QKeySequence(Qt.Key.Key_Escape), QT_TRANSLATE_NOOP("MainMenus", "Clear the search")),
    ("↓", QT_TRANSLATE_NOOP("MainMenus", "From the search box into the list")),
    (QKeySequence(Qt.Key.Key_Enter),
     QT_TRANSLATE_NOOP("MainMenus", "Open the selected client's profile")),
    (QKeySequence(Qt.Key.Key_Space),
     QT_TRANSLATE_NOOP("MainMenus", "Turn the focused switch on or off")),
    (QKeySequence("Ctrl+P"),
     QT_TRANSLATE_NOOP("MainMenus", "Save the shown client's consent record as PDF")))


class MainMenus(QObject):
    """Every action of the main window's menus (public, read-only: the window connects them)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        bar = window.menuBar()
        self._file_menu(bar.addMenu(self.tr("&File")))
        self._clients_menu(bar.addMenu(self.tr("&Clients")))
        self._view_menu(bar.addMenu(self.tr("&View")))
        self._manage_menu(bar.addMenu(self.tr("&Manage")))
        self._help_menu(bar.addMenu(self.tr("&Help")))
        self._bar = bar

    def _file_menu(self, file_menu: QMenu) -> None:
        ctrl, shift = Qt.Modifier.CTRL, Qt.Modifier.SHIFT
        self.import_messages = _action(
            file_menu, "importMessagesAction", self.tr("&Import message log…"), "import",
            self.tr("Process a provider's message-log CSV export"), QKeySequence(ctrl | Qt.Key.Key_I))
        self.import_clients = _action(
            file_menu, "importClientsAction", self.tr("Import &clients…"), "import",
            self.tr("Add clients from a spreadsheet's CSV export, after a preview"),
            QKeySequence(ctrl | shift | Qt.Key.Key_I))
        self.database = _action(
            file_menu, "databaseAction", self.tr("&Database…"), "settings",
            self.tr("Where this computer keeps the studio's records, from the next time it opens"),
            None)
        file_menu.addSeparator()
        self.switch_user = _action(
            file_menu, "switchUserAction", self.tr("S&witch user…"), "users",
            self.tr("Sign in as another staff member"), QKeySequence(ctrl | shift | Qt.Key.Key_U))
        self.lock = _action(
            file_menu, "lockAction", self.tr("&Lock"), "lock",
            self.tr("Hide the clients and show the sign-in, for the next person at the desk"),
            QKeySequence(ctrl | Qt.Key.Key_L))
        file_menu.addSeparator()
        self.quit = _action(file_menu, "quitAction", self.tr("&Quit"), "logout",
                            self.tr("Close Opt-In Desk"),
                            _standard(QKeySequence.StandardKey.Quit, ctrl | Qt.Key.Key_Q))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

    def _clients_menu(self, menu: QMenu) -> None:
        ctrl = Qt.Modifier.CTRL
        self.clients_menu = menu
        self.clients_menu.setObjectName("clientsMenu")
        self.add_client = _action(
            self.clients_menu, "addClientAction", self.tr("&Add client…"), "user",
            self.tr("Add a client: name, status, email and phone numbers"),
            _standard(QKeySequence.StandardKey.New, ctrl | Qt.Key.Key_N))
        self.edit_client = _action(
            self.clients_menu, "editClientAction", self.tr("&Edit client…"), None,
            self.tr("Change the shown client's name, status, email and phone numbers"),
            QKeySequence(ctrl | Qt.Key.Key_E))

    def _view_menu(self, view_menu: QMenu) -> None:
        ctrl = Qt.Modifier.CTRL
        self.find_client = _action(
            view_menu, "findClientAction", self.tr("&Find client"), "search",
            self.tr("Search clients by name, phone or email"),
            _standard(QKeySequence.StandardKey.Find, ctrl | Qt.Key.Key_F))
        self.review_queue = _action(
            view_menu, "reviewQueueAction", self.tr("Needs &review queue…"), "alert",
            self.tr("Texts that look like an opt-out but are not a keyword"),
            QKeySequence(ctrl | Qt.Key.Key_R))
        self.messages = _action(
            view_menu, "messagesAction", self.tr("&Messages…"), "mobile",
            self.tr("Inbound texts processed lately"), QKeySequence(ctrl | Qt.Key.Key_M))
        view_menu.addSeparator()
        self.filters = self._filter_actions(view_menu.addMenu(self.tr("&Show clients")))
        view_menu.addSeparator()
        self.refresh = _action(
            view_menu, "refreshAction", self.tr("Refres&h"), None,
            self.tr("Read the list and the profile again"), QKeySequence(Qt.Key.Key_F5))
        view_menu.addSeparator()
        self.languages = self._language_actions(view_menu.addMenu(self.tr("&Language")))

    def _manage_menu(self, menu: QMenu) -> None:
        """Manager views (DESIGN §3): offered by role; the model layer checks roles itself (R15)."""
        self.manage_menu = menu
        self.manage_menu.setObjectName("manageMenu")
        self.ai_settings = _action(
            self.manage_menu, "aiSettingsAction", self.tr("Studio &AI settings…"), "ai",
            self.tr("How Hailee, the AI assistant, works for every client"), None)
        self.reports = _action(
            self.manage_menu, "reportsAction", self.tr("&Reports…"), None,
            self.tr("Clients per channel and state, the campaign audience, opt-outs over time"),
            None)
        self.audit_log = _action(
            self.manage_menu, "auditLogAction", self.tr("Audit &log…"), "history",
            self.tr("Every consent event, with filters, CSV export and a check of the record"),
            None)
        self.client_audit_log = _action(
            self.manage_menu, "clientAuditLogAction", self.tr("Audit log of this &client…"), None,
            self.tr("The consent events of the client shown"), None)
        self.connect_provider = _action(
            self.manage_menu, "connectProviderAction", self.tr("Texting &provider…"), "mobile",
            self.tr("Connect the studio's Twilio account, so STOPs arrive by themselves"), None)
        self._staff_separator = self.manage_menu.addSeparator()
        self.staff_accounts = _action(
            self.manage_menu, "staffAccountsAction", self.tr("&Staff accounts…"), "users",
            self.tr("Add staff, reset PINs, deactivate accounts"), None)
        self.studio_settings = _action(
            self.manage_menu, "studioSettingsAction", self.tr("S&tudio settings…"), None,
            self.tr("When an unattended desk locks itself"), None)

    def _help_menu(self, help_menu: QMenu) -> None:
        self.shortcuts = _action(
            help_menu, "shortcutsAction", self.tr("&Keyboard shortcuts"), None,
            self.tr("Every keyboard shortcut of the window"),
            _standard(QKeySequence.StandardKey.HelpContents, Qt.Key.Key_F1))
        help_menu.addSeparator()
        self.about = _action(help_menu, "aboutAction", self.tr("&About Opt-In Desk"), "app",
                             None, None)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    # --- public --------------------------------------------------------------------------------

    def offer_for(self, staff: SignedIn | None, client_shown: bool) -> None:
        """Show the actions a role may use (R15: the model layer refuses the others anyway;
        this only keeps the screen honest)."""
        manager = has_role(staff, Role.MANAGER)
        owner = has_role(staff, Role.OWNER)
        self.manage_menu.menuAction().setVisible(manager)
        for action in (self.ai_settings, self.reports, self.audit_log, self.client_audit_log,
                       self.connect_provider):
            action.setVisible(manager)
            action.setEnabled(manager)
        self.client_audit_log.setEnabled(manager and client_shown)
        self.database.setVisible(manager)  # where this workstation's records are: not the desk's call
        self.database.setEnabled(manager)
        self._staff_separator.setVisible(owner)
        self.staff_accounts.setVisible(owner)
        self.staff_accounts.setEnabled(owner)
        self.studio_settings.setVisible(owner)
        self.studio_settings.setEnabled(owner)

    def check_filter(self, which: ClientFilter) -> None:
        """Tick the View ▸ Show clients entry of the filter shown."""
        for action in self.filters.actions():
            if action.data() == which.value:
                action.setChecked(True)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every shortcut of the window, menus first."""
        filters = self.filters.actions()
        rows = []
        for action in self._all_actions():
            if action.shortcut().isEmpty():
                continue
            what = action.text().replace("&", "").rstrip("…")
            rows.append((action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                         self.tr("Show {what}").format(what=what) if action in filters else what))
        return rows + [(keys if isinstance(keys, str) else
                        keys.toString(QKeySequence.SequenceFormat.NativeText), self.tr(what))
                       for keys, what in _OTHER_KEYS]

    # --- private -------------------------------------------------------------------------------

    def _filter_actions(self, menu: QMenu) -> QActionGroup:
        group = QActionGroup(self)
        group.setExclusive(True)
        for number, which in enumerate(ClientFilter, start=1):
            action = menu.addAction(FILTER_LABELS[which])
            action.setObjectName(f"showFilterAction_{which.value}")
            action.setCheckable(True)
            action.setChecked(which is ClientFilter.ALL)
            action.setData(which.value)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            group.addAction(action)
        return group

    def _language_actions(self, menu: QMenu) -> QActionGroup:
        """View ▸ Language: each language named in itself, the one spoken now ticked."""
        menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        for code, name in LANGUAGES.items():
            action = menu.addAction(name)
            action.setObjectName(f"languageAction_{code}")
            action.setCheckable(True)
            action.setChecked(code == current_language())
            action.setData(code)
            group.addAction(action)
        return group

    def _all_actions(self) -> list[QAction]:
        found: list[QAction] = []
        for menu_action in self._bar.actions():
            menu = menu_action.menu()
            if menu is None:
                continue
            for action in menu.actions():
                if action.menu() is not None:
                    found.extend(action.menu().actions())
                elif not action.isSeparator():
                    found.append(action)
        return found


def _standard(key: QKeySequence.StandardKey, fallback: Any) -> list[QKeySequence]:
    """The platform's own keys for a standard action (Find, Quit, Help), or `fallback` where the
    platform has none (Windows has no Quit key)."""
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]


def _action(menu: QMenu, name: str, text: str, icon_name: str | None, tip: str | None,
            shortcut: QKeySequence | list[QKeySequence] | None) -> QAction:
    action = menu.addAction(text)
    action.setObjectName(name)
    if icon_name is not None:
        action.setIcon(icon(icon_name))
    if tip is not None:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if isinstance(shortcut, list):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    return action
