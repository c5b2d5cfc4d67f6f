"""The first-run window (DESIGN §3, `firstRunDialog`): create the studio, connect to the studio's
server, or try the demo. The choice is remembered (models.workstation); File ▸ Database… opens
the same window later to change it, for the next time Opt-In Desk opens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.errors import OptInDeskError
from models.locations import default_database_path
from models.seed import demo_sign_in_hint
from models.workstation import (
    DatabaseChoice,
    DatabaseKind,
    create_studio,
    demo_database_path,
    holds_studio,
    remember_choice,
)
from resources import icon
from ui.first_run.server_page import ServerPage
from ui.first_run.studio_page import StudioPage
from ui.widgets.app_heading import app_heading
from ui.words import one_line, spoken

_PAGES = (DatabaseKind.STUDIO, DatabaseKind.SERVER, DatabaseKind.DEMO)


class FirstRunDialog(QDialog):
    """Where this computer's studio is. At first run (`current` None) *Create my studio* makes
    the database and its owner; from the window it only remembers the choice."""

    def __init__(self, parent: QWidget | None = None, *, current: str | None = None) -> None:
        super().__init__(parent)
        self._first_run = current is None
        self._current = current
        self._chosen: DatabaseChoice | None = None
        self._saved_server = False
        self._local_studio = holds_studio(default_database_path())
        self._setup_ui()
        self._connect_signals()
        self._choices.button(0).setChecked(True)
        self._on_choice_toggled()

    def _setup_ui(self) -> None:
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Set up Opt-In Desk") if self._first_run
                            else self.tr("Database — Opt-In Desk"))
        self.setWindowIcon(icon("app"))
        self.setModal(True)

        subtitle = QLabel(self)
        subtitle.setObjectName("firstRunSubtitle")
        subtitle.setText(self.tr("Where should this computer keep the studio's consent records?")
                         if self._first_run else
                         self.tr("Now: {database}. A change takes effect the next time Opt-In "
                                 "Desk opens; until then this window keeps working on the "
                                 "database it has.").format(database=spoken(self._current)))
        heading = app_heading(self, self.tr("Welcome to Opt-In Desk") if self._first_run
                              else self.tr("This computer's database"), subtitle)

        self._choices = QButtonGroup(self)
        choice_row = QHBoxLayout()
        for number, (name, text) in enumerate((
                ("createStudioChoice", self.tr("&Create my studio")
                 if self._first_run or not self._local_studio else self.tr("This &computer's studio")),
                ("connectServerChoice", self.tr("Connect to the studio's ser&ver")),
                ("demoChoice", self.tr("Try the &demo")))):
            button = QRadioButton(text, self)
            button.setObjectName(name)
            self._choices.addButton(button, number)
            choice_row.addWidget(button)
        choice_row.addStretch(1)

        self._studio = StudioPage(str(default_database_path()), self) if self._first_run else None
        self._server = ServerPage(self)
        self._pages = QStackedWidget(self)
        self._pages.addWidget(self._studio or self._text_page("studioChoicePage", self._studio_words()))
        self._pages.addWidget(self._server)
        self._pages.addWidget(self._text_page("demoChoicePage", self._demo_words()))

        self._failure = QLabel(self)
        self._failure.setObjectName("setupProblem")
        self._failure.setProperty("role", "notice")
        self._failure.setProperty("state", "locked")
        self._failure.setWordWrap(True)
        self._failure.setTextFormat(Qt.TextFormat.PlainText)
        self._failure.hide()

        self._buttons = QDialogButtonBox(self)
        self._go = self._buttons.addButton(self.tr("Create studio"),
                                          QDialogButtonBox.ButtonRole.AcceptRole)
        self._go.setObjectName("setupButton")
        self._go.setDefault(True)
        cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        if self._first_run:  # else Qt's own "Cancel", in the language spoken
            cancel.setText(self.tr("&Quit"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addLayout(choice_row)
        layout.addWidget(self._pages, 1)
        layout.addWidget(self._failure)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(560)

    def _connect_signals(self) -> None:
        self._choices.idToggled.connect(self._on_choice_toggled)
        if self._studio is not None:
            self._studio.completeness_changed.connect(self._on_page_completeness_changed)
        self._server.completeness_changed.connect(self._on_page_completeness_changed)
        self._go.clicked.connect(self._on_go_clicked)
        self._buttons.rejected.connect(self.reject)

    # --- public --------------------------------------------------------------------------------

    def chosen(self) -> DatabaseChoice | None:
        """What was chosen and remembered, once the dialog was accepted."""
        return self._chosen

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_choice_toggled(self) -> None:
        kind = _PAGES[max(self._choices.checkedId(), 0)]
        self._pages.setCurrentIndex(_PAGES.index(kind))
        self._saved_server = False
        self._failure.hide()
        if kind is DatabaseKind.STUDIO:
            self._go.setText(self.tr("Create studio") if self._first_run else
                             self.tr("Use it") if self._local_studio else self.tr("Save"))
            self._go.setEnabled(self._studio is None or not self._studio.problem())
        elif kind is DatabaseKind.SERVER:
            self._go.setText(self.tr("Save"))
            self._go.setEnabled(self._server.tested() is not None)
        else:
            self._go.setText(self.tr("Open the demo") if self._first_run else self.tr("Save"))
            self._go.setEnabled(True)

    @Slot(bool)
    def _on_page_completeness_changed(self, complete: bool) -> None:
        self._saved_server = False
        self._on_choice_toggled()
        self._go.setEnabled(complete)

    @Slot()
    def _on_go_clicked(self) -> None:
        kind = _PAGES[self._pages.currentIndex()]
        try:
            if kind is DatabaseKind.SERVER:
                self._save_server()
                return
            if kind is DatabaseKind.STUDIO and self._studio is not None:
                create_studio(*self._studio.values())
                choice = DatabaseChoice(DatabaseKind.STUDIO, path=default_database_path())
            else:
                choice = DatabaseChoice(kind, path=default_database_path()
                                        if kind is DatabaseKind.STUDIO else None)
                remember_choice(choice)
        except (OptInDeskError, OSError) as error:
            self._show_failure(kind, error)
            return
        self._chosen = choice
        self.accept()

    # --- private -------------------------------------------------------------------------------

    def _save_server(self) -> None:
        if self._saved_server:  # the second click: the place was read, go on
            self.accept()
            return
        tested = self._server.tested()
        assert tested is not None  # the button is enabled only then
        address, password = tested
        choice = DatabaseChoice(DatabaseKind.SERVER, server=address)
        place = remember_choice(choice, password or None)
        self._chosen = choice
        self._saved_server = True
        lines = [self.tr("Saved: {database}.").format(database=spoken(address.describe()))]
        if place:
            lines.append(self.tr("The password is kept {place}.").format(
                place=spoken(place.description)))
        if not self._first_run:
            lines.append(self.tr("Opt-In Desk uses it the next time it opens."))
        self._server.show_result(" ".join(lines))
        self._go.setText(self.tr("Continue") if self._first_run else self.tr("Close"))

    def _show_failure(self, kind: DatabaseKind, error: Exception) -> None:
        text = one_line(error)
        not_saved = self.tr("Not saved: {problem}").format(problem=text)
        if kind is DatabaseKind.SERVER:
            self._server.show_result(not_saved, "locked")
            return
        created = self._studio is not None and kind is DatabaseKind.STUDIO
        self._failure.setText(self.tr("The studio was not created: {problem}").format(problem=text)
                              if created else not_saved)
        self._failure.show()

    def _text_page(self, name: str, text: str) -> QWidget:
        page = QWidget(self)
        page.setObjectName(name)
        label = QLabel(text, page)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addStretch(1)
        return page

    def _studio_words(self) -> str:
        path = default_database_path()
        if self._local_studio:
            return self.tr("Use the studio kept on this computer, in {path}.").format(path=path)
        return self.tr("Create a new studio on this computer. The next time Opt-In Desk opens, it "
                       "asks for the studio's name, time zone and owner, and keeps its records "
                       "in {path}.").format(path=path)

    def _demo_words(self) -> str:
        words = self.tr("A demo studio with sample clients, some of whom texted STOP, to try "
                        "everything out. Nothing done there touches a real studio. It is kept in "
                        "{path}.").format(path=demo_database_path())
        return f"{words}\n\n{spoken(demo_sign_in_hint())}."

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # Qt's signature
        super().showEvent(event)
        if self._studio is not None and self._pages.currentWidget() is self._studio:
            self._studio.focus_first()


def choose_database(parent: QWidget) -> DatabaseChoice | None:
    """File ▸ Database…: the same window, to change this computer's database for the next time
    Opt-In Desk opens; what was chosen, or None."""
    from models.app_info import database_in_use

    dialog = FirstRunDialog(parent, current=database_in_use())
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    choice = dialog.chosen() if accepted else None
    dialog.deleteLater()
    return choice
