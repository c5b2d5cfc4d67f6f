"""The client editor (`clientEditor`, DESIGN §3, §4): add a client, or change one's name,
status, email, mobile and home phone.

Phone numbers and emails are checked as they are typed (`models.phones`), with a line under
the field that names the problem, and Save is disabled while anything is wrong. Before
saving, a notice area says what the change does to consent (`models.client_preview`, which
runs the write's own plan): a STOP-locked number, marketing consent that stays with the old
number, a number another client has (R6, R18, R21). Saving goes through `models.clients`.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.changes import Change
from models.client_preview import ConsentPreview, preview_edit, preview_new_client
from models.clients import STATUSES, ClientDraft, add_client, edit_client, make_draft
from models.consent import ClientCard
from models.errors import OptInDeskError, StaleData
from models.phones import AddressCheck, check_email, check_phone
from resources import icon
from ui.session import signed_in
from ui.widgets.notice_label import NoticeLabel
from ui.widgets.remembered_size import remember_size
from ui.words import spoken, status_label, switch_name

_NOTICE_ICONS = {"locked": "lock", "warning": "alert", "info": "users"}


class ClientEditor(QDialog):
    """Add a client (`client=None`) or edit one. Accepting saves; `change()` is what it did."""

    #: The consent preview waits this long after the last keystroke (it reads the database).
    PREVIEW_DELAY_MS = 250

    def __init__(self, parent: QWidget | None = None, *, client: ClientCard | None = None,
                 region: str = "US") -> None:
        super().__init__(parent)
        self._client = client
        self._region = region
        self._change: Change | None = None
        self._shown_preview: ConsentPreview | None = None
        self._names_touched = False
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(self.PREVIEW_DELAY_MS)
        self._setup_ui()
        self._connect_signals()
        remember_size(self)
        self._fill(client)
        self._on_field_edited()

    def _setup_ui(self) -> None:
        self.setObjectName("clientEditor")
        self.setWindowTitle(self.tr("Add client") if self._client is None else
                            self.tr("Edit client — {name}").format(name=self._client.name))
        self.setWindowIcon(icon("user"))
        self.setMinimumWidth(520)

        def line(name: str, label: str, hint: str) -> QLineEdit:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            edit.setPlaceholderText(hint)
            edit.setMaxLength(120 if "Name" in name else 254)
            return edit

        self._first = line("firstNameInput", self.tr("First name"), "")
        self._last = line("lastNameInput", self.tr("Last name"), "")
        self._names_message = self._message_label("namesMessage")
        self._status = QComboBox(self)
        self._status.setObjectName("statusInput")
        self._status.setAccessibleName(self.tr("Status"))
        for status in STATUSES:
            self._status.addItem(status_label(status), status)
        self._email = line("emailInput", self.tr("Email"), self.tr("name@example.com"))
        self._mobile = line("mobileInput", self.tr("Mobile"), "(555) 555-0123")
        self._home = line("homePhoneInput", self.tr("Home phone"), self.tr("optional"))
        self._field_messages = {self._email: self._message_label("emailMessage"),
                                self._mobile: self._message_label("mobileMessage"),
                                self._home: self._message_label("homePhoneMessage")}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&First name"), self._first)
        form.addRow(self.tr("&Last name"), self._last)
        form.addRow("", self._names_message)
        form.addRow(self.tr("&Status"), self._status)
        for text, edit in ((self.tr("&Email"), self._email), (self.tr("&Mobile"), self._mobile),
                           (self.tr("&Home phone"), self._home)):
            form.addRow(text, edit)
            form.addRow("", self._field_messages[edit])

        self._preview_area = QWidget(self)
        self._preview_area.setObjectName("consentPreview")
        self._preview_area.setAccessibleName(self.tr("What saving does to consent"))
        self._preview_layout = QVBoxLayout(self._preview_area)
        self._preview_layout.setContentsMargins(0, 0, 0, 0)
        self._preview_layout.setSpacing(6)
        self._steps = QLabel(self._preview_area)
        self._steps.setObjectName("consentPreviewSwitches")
        self._steps.setProperty("role", "muted")
        self._steps.setWordWrap(True)
        self._preview_layout.addWidget(self._steps)
        self._notices: list[NoticeLabel] = []

        self._refusal = NoticeLabel("clientEditorMessage", "alert", "warning", self)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self._save = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save.setText(self.tr("Add client") if self._client is None else self.tr("Save"))
        self._save.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._preview_area)
        layout.addWidget(self._refusal)
        layout.addStretch(1)
        layout.addWidget(self._buttons)

    def _message_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "fieldMessage")
        label.setWordWrap(True)
        # As wide as the field above it (the form grows only fields that ask to expand).
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        label.hide()
        return label

    def _connect_signals(self) -> None:
        for edit in (self._first, self._last, self._email, self._mobile, self._home):
            edit.textEdited.connect(self._on_field_edited)
        self._first.textEdited.connect(self._on_name_edited)
        self._last.textEdited.connect(self._on_name_edited)
        self._status.currentIndexChanged.connect(self._on_field_edited)
        self._preview_timer.timeout.connect(self._on_preview_timer_timeout)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)

    # --- public --------------------------------------------------------------------------------

    def change(self) -> Change | None:
        """What saving changed (None until saved)."""
        return self._change

    def is_new(self) -> bool:
        """Whether it adds a client (rather than editing one)."""
        return self._client is None

    def client_name(self) -> str:
        """The name as typed: "Dana Reyes"."""
        return " ".join(f"{self._first.text()} {self._last.text()}".split())

    def field_message(self, name: str) -> str:
        """The line under a field ("emailInput", …) as shown ('' when hidden)."""
        edit = self.findChild(QLineEdit, name)
        label = self._field_messages.get(edit) if edit is not None else None
        return label.text() if label is not None and label.isVisible() else ""

    def preview_texts(self) -> list[str]:
        """What the notice area says, notice by notice."""
        return [notice.plain_text() for notice in self._notices]

    def refusal(self) -> str:
        """Why the model layer refused to save ('' when it did not)."""
        return self._refusal.plain_text()

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_name_edited(self) -> None:
        self._names_touched = True

    @Slot()
    def _on_field_edited(self) -> None:
        """Check every field as it is typed; the consent preview follows a moment later."""
        valid = self._check_names()
        for edit, check in self._address_checks().items():
            label = self._field_messages[edit]
            # A valid number reads back formatted, with where it is; a valid email needs no echo.
            problem = spoken(check.problem) if check.problem else ""
            text = problem or (check.shown if edit is not self._email else "")
            label.setProperty("state", "error" if check.problem else "ok")
            label.setText(text or "")
            label.setVisible(bool(text))
            label.style().unpolish(label)
            label.style().polish(label)
            edit.setAccessibleDescription(problem)
            valid = valid and check.problem is None
        self._save.setEnabled(valid)
        self._refusal.clear_notice()
        self._preview_timer.start()
        self._grow()

    @Slot()
    def _on_preview_timer_timeout(self) -> None:
        self._show_preview(self._preview())

    # --- private -------------------------------------------------------------------------------

    def _fill(self, client: ClientCard | None) -> None:
        if client is None:
            self._status.setCurrentIndex(STATUSES.index("prospect"))
            return
        self._first.setText(client.first_name)
        self._last.setText(client.last_name)
        self._status.setCurrentIndex(max(0, STATUSES.index(client.status)))
        self._email.setText(client.email or "")
        self._mobile.setText(check_phone(client.mobile or "", self._region).shown.split(" · ")[0])
        self._home.setText(check_phone(client.home_phone or "", self._region).shown.split(" · ")[0])

    def _check_names(self) -> bool:
        missing = not (self._first.text().strip() or self._last.text().strip())
        self._names_message.setProperty("state", "error")
        self._names_message.setText(self.tr("A client needs a first or last name"))
        self._names_message.setVisible(missing and self._names_touched)
        return not missing

    def _address_checks(self) -> dict[QLineEdit, AddressCheck]:
        return {self._email: check_email(self._email.text()),
                self._mobile: check_phone(self._mobile.text(), self._region),
                self._home: check_phone(self._home.text(), self._region)}

    def _draft(self) -> ClientDraft:
        return make_draft(self._first.text(), self._last.text(), status=self._status.currentData(),
                          email=self._email.text(), mobile=self._mobile.text(),
                          home_phone=self._home.text(), region=self._region)

    def _preview(self) -> ConsentPreview | None:
        """What saving would do, or None while a field is wrong."""
        if not self._save.isEnabled():
            return None
        try:
            draft = self._draft()
            if self._client is None:
                return preview_new_client(draft)
            return preview_edit(self._client.id, draft)
        except OptInDeskError:
            return None  # the field checks say what is wrong; Save says the rest

    def _show_preview(self, preview: ConsentPreview | None) -> None:
        self._shown_preview = preview
        for notice in self._notices:
            notice.deleteLater()
        self._notices = []
        for note in preview.notes if preview is not None else ():
            notice = NoticeLabel("consentPreviewNote", _NOTICE_ICONS.get(note.level, "alert"),
                                 note.level, self._preview_area)
            notice.show_notice(spoken(note.text))
            self._preview_layout.insertWidget(len(self._notices), notice)
            self._notices.append(notice)
        self._steps.setText(self._steps_text(preview))
        self._steps.setVisible(bool(self._steps.text()))
        self._grow()

    def _grow(self) -> None:
        """Make room for wrapped messages and notices: a dialog does not grow by itself for
        text that wraps (its minimum size ignores height-for-width)."""
        layout = self.layout()
        layout.activate()
        needed = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.sizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _steps_text(self, preview: ConsentPreview | None) -> str:
        if preview is None:
            return ""
        if self._client is None:
            names = [switch_name(s.channel, s.switch) for s in preview.switches]
            if not names:
                return self.tr("Starts with every switch off: there is no address on file.")
            return self.tr("Starts with %Ln switch(es) on: {switches}.", "", len(names)).format(
                switches=", ".join(names))
        if not preview.switches:
            return "" if preview.notes else self.tr("Saving changes no consent switch.")
        steps = "; ".join(f"{switch_name(s.channel, s.switch)}: {self._state(s.old or 'off')} → "
                          f"{self._state(s.new)}" for s in preview.switches)
        return self.tr("Saving changes {steps}.").format(steps=steps)

    def _state(self, state: str) -> str:
        """A switch's state as the preview says it: "on" / "off"."""
        if state == "on":
            return self.tr("on", "a switch's state")
        if state == "off":
            return self.tr("off", "a switch's state")
        return spoken(state)

    def _save_draft(self) -> Change | None:
        staff = signed_in()
        if staff is None:
            self._refusal.show_notice(self.tr("Sign in to add or edit clients."))
            return None
        try:
            draft = self._draft()
            if self._client is None:
                return add_client(staff, draft)
            return edit_client(staff, self._client.id, draft, self._client.version)
        except StaleData as error:
            self._refusal.show_notice(self.tr("{problem}. Cancel and edit the client again to "
                                              "see what changed.").format(
                problem=_sentence(spoken(error))))
        except OptInDeskError as error:
            self._refusal.show_notice(_sentence(spoken(error)))
        return None

    # --- Qt overrides --------------------------------------------------------------------------

    def accept(self) -> None:
        """Save, unless something is wrong, or the consent preview has news not seen yet."""
        if not self._save.isEnabled():
            return
        if self._preview_timer.isActive():  # Enter right after typing: say it before saving
            self._preview_timer.stop()
            preview = self._preview()
            news = preview is not None and preview.notes and preview != self._shown_preview
            self._show_preview(preview)
            if news:
                return
        change = self._save_draft()
        if change is None:
            return
        self._change = change
        super().accept()


def _sentence(text: str) -> str:
    """`text` with a capital first letter (a model-layer reason starts in lower case)."""
    return text[:1].upper() + text[1:]
