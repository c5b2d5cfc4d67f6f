"""The top of a client profile: name, member or prospect, addresses, and who shares them (R18)."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.consent import ClientConsent
from models.households import Housemate
from models.phones import display_phone
from models.review import ReviewItem
from models.rules import Channel
from resources import icon
from ui.formatting import day_text, due_date_text
from ui.widgets.notice_label import NoticeLabel
from ui.words import status_label

_ICON_SIZE = 16
#: Names listed before "and N others", so a large household stays one readable line.
_MAX_NAMES = 4
#: Pixels more than they need before stacked addresses go side by side again.
_HYSTERESIS = 40


class ProfileHeader(QWidget):
    """Name with its badges, Edit and Archive, the addresses on file, and the household
    notice (R18)."""

    #: The person asked to edit the client's name, status and addresses.
    edit_requested = Signal()
    #: The person asked to archive (True) or restore (False) the client.
    archive_requested = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edit = QPushButton(self.tr("Edit…"), self)
        self._archive = QPushButton(self.tr("Archive…"), self)
        self._archived = False
        self._archived_notice = NoticeLabel("archivedNotice", "block", "warning", self)
        self._name = QLabel(self)
        self._status = QLabel(self)
        self._stop_badge = QLabel(self.tr("SMS STOP"), self)
        self._archived_badge = QLabel(self.tr("Archived"), self)
        self._addresses: dict[str, tuple[QWidget, QLabel]] = {}
        self._no_address = QLabel(self.tr("No email or phone number on file"), self)
        self._household = NoticeLabel("householdNotice", "users", "info", self)
        self._review = NoticeLabel("reviewNotice", "alert", "warning", self)
        self._cancel = NoticeLabel("cancelNotice", "phone", "warning", self)
        self._address_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._fitting = False
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("profileHeader")
        # Its width is what the profile gives it, never what its addresses would like: the
        # addresses' layout follows the width, so the width must not follow the layout.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(6)

        title = QHBoxLayout()
        title.setSpacing(8)
        self._name.setObjectName("profileName")
        self._name.setTextFormat(Qt.TextFormat.PlainText)  # a name is text, never markup
        self._name.setProperty("role", "header")
        self._name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._status.setObjectName("profileStatus")
        self._status.setProperty("role", "badge")
        self._stop_badge.setProperty("role", "badge")
        self._stop_badge.setProperty("state", "locked")
        self._stop_badge.setToolTip(
            self.tr("This client's mobile texted STOP: no texts can be sent to it."))
        self._stop_badge.hide()
        self._archived_badge.setObjectName("archivedBadge")
        self._archived_badge.setProperty("role", "badge")
        self._archived_badge.setProperty("state", "warning")
        self._archived_badge.hide()
        self._edit.setObjectName("editClientButton")
        self._edit.setToolTip(
            self.tr("Change the client's name, status, email and phone numbers (Ctrl+E)"))
        self._edit.setAutoDefault(False)
        self._archive.setObjectName("archiveClientButton")
        self._archive.setAutoDefault(False)
        title.addWidget(self._name)
        for badge in (self._status, self._stop_badge, self._archived_badge):
            title.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        title.addStretch(1)
        layout.addLayout(title)

        # Side by side where they fit, else one under the other (issue 10, small screens):
        # the header never makes the profile wider than its window.
        self.setMinimumWidth(200)
        addresses = self._address_row
        addresses.setSpacing(18)
        for kind, icon_name, tooltip in (("email", "email", self.tr("Email")),
                                         ("mobile", "mobile", self.tr("Mobile")),
                                         ("home_phone", "phone", self.tr("Home phone"))):
            holder = QWidget(self)
            pair = QHBoxLayout(holder)
            pair.setContentsMargins(0, 0, 0, 0)
            pair.setSpacing(6)
            glyph = QLabel(holder)
            glyph.setPixmap(icon(icon_name).pixmap(_ICON_SIZE, _ICON_SIZE))
            text = QLabel(holder)
            text.setObjectName(f"profile_{kind}")
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            holder.setToolTip(tooltip)
            pair.addWidget(glyph)
            pair.addWidget(text)
            addresses.addWidget(holder)
            self._addresses[kind] = (holder, text)
        self._no_address.setProperty("role", "muted")
        self._no_address.hide()
        addresses.addWidget(self._no_address)
        addresses.addStretch(1)
        layout.addLayout(addresses)

        # A row of their own: beside the name they would widen a narrow profile.
        actions = QHBoxLayout()
        actions.setSpacing(8)
        for button in (self._edit, self._archive):
            button.hide()
            actions.addWidget(button)
        actions.addStretch(1)
        self._edit.clicked.connect(self.edit_requested)
        self._archive.clicked.connect(self._on_archive_clicked)
        layout.addLayout(actions)
        layout.addWidget(self._archived_notice)

        layout.addSpacing(2)
        layout.addWidget(self._household)
        layout.addWidget(self._review)
        layout.addWidget(self._cancel)

    # -- public API -----------------------------------------------------------------------

    def show_client(self, consent: ClientConsent, housemates: Sequence[Housemate],
                    review: Sequence[ReviewItem] = ()) -> None:
        """Show a client's name, status and addresses, who shares their mobile or email, any
        text from their mobile that waits in Needs review, with its due date (R10, R19), and a
        bare CANCEL to call the client about (R10)."""
        client = consent.client
        self._name.setText(f"{client.first_name} {client.last_name}".strip())
        self._status.setText(status_label(client.status))
        self._status.show()
        self._stop_badge.setVisible(consent.channels[Channel.SMS].stop_locked)
        self._archived_badge.setVisible(bool(client.archived))
        self._archived = bool(client.archived)
        self._archive.setText(self.tr("Restore…") if client.archived else self.tr("Archive…"))
        tooltip = (self.tr("Bring the client back to the list, with the switches they had")
                   if client.archived else self.tr("Hide the client from the list: they receive "
                                                   "nothing, and their consent record is kept"))
        if self._archive.toolTip() != tooltip:  # a change sends an event through the window
            self._archive.setToolTip(tooltip)
        self._edit.show()
        self._archive.setVisible(self._archive.isEnabled())
        self._archived_notice.show_notice(
            self.tr("Archived — this client receives nothing, and their switches cannot be "
                    "changed. A manager can restore them.") if client.archived else "")
        values = {"email": client.email, "mobile": display_phone(client.mobile),
                  "home_phone": display_phone(client.home_phone)}
        for kind, (holder, text) in self._addresses.items():
            value = values[kind]
            text.setText(value or "")
            holder.setVisible(bool(value))
        self._no_address.setVisible(not any(values.values()))
        self._fit_addresses(self.width())
        self._household.show_notice(household_notice(housemates))
        self._review.show_notice(review_notice([i for i in review if not i.may_mean_appointment]))
        self._cancel.show_notice(cancel_notice([i for i in review if i.may_mean_appointment]))

    def clear(self) -> None:
        """Show no client."""
        self._name.clear()
        self._status.hide()
        self._stop_badge.hide()
        self._archived_badge.hide()
        self._archived_notice.clear_notice()
        self._edit.hide()
        self._archive.hide()
        for holder, _text in self._addresses.values():
            holder.hide()
        self._no_address.hide()
        self._household.clear_notice()
        self._review.clear_notice()
        self._cancel.clear_notice()

    def buttons(self) -> tuple[QPushButton, ...]:
        """Edit and Archive/Restore, for the profile's Tab order."""
        return (self._edit, self._archive)

    def offer_archive(self, allowed: bool) -> None:
        """Offer Archive and Restore to a role that may use them (R15: managers; the model
        layer refuses the others anyway)."""
        self._archive.setEnabled(allowed)
        self._archive.setVisible(allowed and self._edit.isVisible())

    @Slot()
    def _on_archive_clicked(self) -> None:
        self.archive_requested.emit(not self._archived)

    def name(self) -> str:
        """The client's name as shown."""
        return self._name.text()

    def household_text(self) -> str:
        """The household notice as plain text ('' when nobody shares an address)."""
        return self._household.plain_text()

    def review_text(self) -> str:
        """The Needs review notice as plain text ('' when nothing waits)."""
        return self._review.plain_text()

    def cancel_text(self) -> str:
        """The "call the client" notice for a bare CANCEL as plain text ('' when none waits)."""
        return self._cancel.plain_text()


    def resizeEvent(self, event: QResizeEvent) -> None:
        """Stack the addresses when they no longer fit side by side."""
        super().resizeEvent(event)
        self._fit_addresses(event.size().width())

    def _fit_addresses(self, width: int) -> None:
        if self._fitting:  # a relayout that this one caused
            return
        shown = [holder for holder, _text in self._addresses.values() if not holder.isHidden()]
        needed = (sum(holder.sizeHint().width() for holder in shown)
                  + self._address_row.spacing() * max(0, len(shown) - 1) + 4)
        # Back side by side only with room to spare: a scroll bar that comes and goes with
        # the stacking must not flip it back and forth.
        beside = self._address_row.direction() is QBoxLayout.Direction.LeftToRight
        fits = needed <= width if beside else needed + _HYSTERESIS <= width
        direction = QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
        if self._address_row.direction() != direction:
            self._fitting = True
            try:
                self._address_row.setDirection(direction)
                self._address_row.setSpacing(
                    18 if direction is QBoxLayout.Direction.LeftToRight else 4)
            finally:
                self._fitting = False


class _Notices(QObject):
    """The header's notices, in the window's language (a QObject: some say a count)."""

    def review(self, items: Sequence[ReviewItem]) -> str:
        first = items[0]  # the one due first
        quoted = " ".join(items[-1].body.split())
        if len(quoted) > 120:
            quoted = quoted[:119] + "…"
        waits = (self.tr("A text from this mobile waits in Needs review (and %Ln more): "
                         "“{quoted}”.", "", len(items) - 1) if len(items) > 1
                 else self.tr("A text from this mobile waits in Needs review: “{quoted}”."))
        parts = [waits.format(quoted=quoted)]
        if first.due_by is not None:
            due = (self.tr("It was due {day} — overdue.") if first.overdue
                   else self.tr("Decide by {day}."))
            parts.append(due.format(day=due_date_text(first.due_by)))
        parts.append(self.tr("Marketing texts and calls to this mobile are held until then. "
                             "Open the review queue (Ctrl+R) to apply the STOP lock, turn SMS "
                             "marketing off or dismiss it."))
        return " ".join(parts)

    def cancel(self, items: Sequence[ReviewItem]) -> str:
        when = items[-1].received_at.astimezone()
        return self.tr("This mobile texted CANCEL on {day}. SMS is locked, but the client may "
                       "have meant an appointment — call the client. Mark it done in the "
                       "review queue (Ctrl+R).").format(day=day_text(when))

    def household(self, housemates: Sequence[Housemate]) -> str:
        sentences = []
        mobile = [h.name for h in housemates if h.shares == "mobile"]
        email = [h.name for h in housemates if h.shares == "email"]
        if mobile:
            shares = (self.tr("Shares this mobile with {names} — a STOP from this number "
                              "reaches all of them.") if len(mobile) > 1
                      else self.tr("Shares this mobile with {names} — a STOP from this number "
                                   "reaches both of them."))
            sentences.append(shares.format(names=self.names(mobile)))
        if email:
            sentences.append(self.tr("Shares this email with {names}.").format(
                names=self.names(email)))
        return " ".join(sentences)

    def names(self, names: Sequence[str]) -> str:
        """'Sam', 'Sam and Alex', 'Sam, Alex and Jo', 'Sam, Alex, Jo, Kim and 3 others'."""
        if len(names) > _MAX_NAMES:
            return self.tr("{names} and %Ln other(s)", "", len(names) - _MAX_NAMES).format(
                names=", ".join(names[:_MAX_NAMES]))
        if len(names) == 1:
            return names[0]
        return self.tr("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def review_notice(items: Sequence[ReviewItem]) -> str:
    """What the desk should know before it texts this client: a text from their mobile looks
    like an opt-out and waits for a person to decide by its due date; until then marketing to
    the mobile is held (R10, R19)."""
    return _Notices().review(items) if items else ""


def cancel_notice(items: Sequence[ReviewItem]) -> str:
    """A bare CANCEL locked SMS, but the client may have meant an appointment (R10)."""
    return _Notices().cancel(items) if items else ""


def household_notice(housemates: Sequence[Housemate]) -> str:
    """R18's notice: "Shares this mobile with Sam Reyes and Alex Reyes — a STOP from this
    number reaches all of them", and likewise for a shared email."""
    return _Notices().household(housemates) if housemates else ""
