"""A client's profile: header, Opt-In, Hailee controls, what they receive, and their History.

The profile shows what the model layer says and asks it for changes; it enforces no rule
itself (DESIGN §5). A change is made on a person's click only (STYLE 7): turning a switch on
records the client's consent (R4), turning All off asks first (R3); a refused change puts
the switch back and says why. The profile shows its own committed change at once and then
announces it on ``app_events().data_changed`` as asked by itself; it reloads when a change
made anywhere else touches its client (R16).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime
from typing import Callable, ClassVar, Iterator

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.changes import Change
from models.consent import ClientConsent, load_consent, set_client_ai, set_switch
from models.errors import NotFound, OptInDeskError, StaleData
from models.history import client_history
from models.households import sharing
from models.review import review_items
from models.rules import utc_now
from resources import icon
from ui import words
from ui.app_events import app_events
from ui.profile.ai_controls_section import AiControlsSection, AiSwitchRequest
from ui.profile.consent_dialog import ConsentAnswer, ConsentDialog
from ui.profile.history_view import HistoryView
from ui.profile.opt_in_section import OptInSection, SwitchRequest
from ui.profile.opt_out_dialog import OptOutAnswer, OptOutDialog
from ui.profile.profile_header import ProfileHeader
from ui.profile.receives_grid import ReceivesGrid
from ui.profile.record_printer import RecordPrinter
from ui.profile.switch_warnings import consent_warning, opt_out_warning
from ui.session import signed_in
from ui.widgets.section_frame import SectionFrame
from ui.words import spoken

#: How many of a client's consent events the History shows (newest recorded first).
HISTORY_LIMIT = 200


@contextmanager
def _layouts_held(*widgets: QWidget) -> Iterator[None]:
    """The widgets' layouts laid out once, after the block, rather than at every show().

    Showing a hidden child lays out every visible ancestor at once: a profile that showed a
    notice, a badge and addresses laid itself out that many times over (issue 12). A disabled
    layout skips that; its pending LayoutRequest lays it out once it is enabled again."""
    layouts = [widget.layout() for widget in widgets]
    for layout in layouts:
        layout.setEnabled(False)
    try:
        yield
    finally:
        for layout in layouts:
            layout.setEnabled(True)


class ClientProfileView(QWidget):
    """The selected client's profile (objectName ``clientProfile``), in a scroll area.

    Widgets are built once; ``show_client()`` and ``reload()`` only put new values in them.
    ``clock`` gives "now" for the what-they-receive grid (quiet hours, R17); tests pass a
    fixed one.
    """

    #: The grid's quiet hours follow the clock: reload the shown profile this often (ms).
    clock_refresh_ms: ClassVar[int] = 60_000
    #: From this content width on, Opt-In and Hailee sit side by side rather than stacked.
    side_by_side_width: ClassVar[int] = 960
    #: Below this width the what-they-receive grid turns (a column per channel), and below
    #: ``button_beside_width`` the Print button goes under the name: a narrow profile reflows
    #: rather than scrolling sideways (issue 10, small screens).
    grid_wide_width: ClassVar[int] = 640
    button_beside_width: ClassVar[int] = 560

    def __init__(self, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self._clock = clock or utc_now
        self._client_id: int | None = None
        self._state: ClientConsent | None = None
        self._busy = False
        self._reload_pending = False
        self._reload_when_shown = False
        self._pages = QStackedWidget(self)
        self._empty = QLabel(self._empty_text(), self)
        self._scroll = QScrollArea(self)
        self._content = QWidget(self)
        self._header = ProfileHeader(self._content)
        self._opt_in = OptInSection(self._content)
        self._ai = AiControlsSection(self._content)
        self._grid = ReceivesGrid(self._content)
        self._history = HistoryView(self._content)
        self._printer = RecordPrinter(self)
        self._sections = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._clock_timer = QTimer(self)
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.setObjectName("clientProfile")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)

        empty_page = QWidget(self)
        empty_column = QVBoxLayout(empty_page)
        empty_column.addStretch(1)
        glyph = QLabel(empty_page)
        glyph.setPixmap(icon("user").pixmap(48, 48))
        glyph.setAlignment(Qt.AlignmentFlag.AlignCenter)
        glyph.setEnabled(False)
        empty_column.addWidget(glyph)
        self._empty.setObjectName("profileEmpty")
        self._empty.setProperty("role", "muted")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setParent(empty_page)
        empty_column.addWidget(self._empty)
        empty_column.addStretch(1)
        self._pages.addWidget(empty_page)

        self._scroll.setObjectName("profileScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._pages.addWidget(self._scroll)

        column = QVBoxLayout(self._content)
        column.setContentsMargins(16, 14, 16, 16)
        column.setSpacing(14)
        top = self._top  # the button beside the name; under it in a narrow profile
        top.addWidget(self._header)
        top.addWidget(self._printer.button(), 0, Qt.AlignmentFlag.AlignTop)
        top.addStretch(1)
        column.addLayout(top)
        self._sections.setSpacing(14)
        self._sections.addWidget(self._opt_in, 3)
        self._sections.addWidget(self._ai, 2)
        column.addLayout(self._sections)
        column.addWidget(self._titled_section(
            self.tr("What this client receives"), "check", self._grid,
            self.tr("Right now, from the Opt-In switches, Hailee settings and quiet hours.")))
        history = self._titled_section(
            self.tr("History"), "history", self._history,
            self.tr("Consent events for this client, newest recorded first."))
        column.addWidget(history, 1)
        self._history.setMinimumHeight(240)
        self._history.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # It paints nothing itself: a new height repaints what moved, not all (issue 12).
        self._content.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self._scroll.setWidget(self._content)
        previous: QWidget = self._history  # Enter lands on the first switch; Edit comes after
        for button in self._header.buttons():
            QWidget.setTabOrder(previous, button)
            previous = button

        self._clock_timer.setInterval(self.clock_refresh_ms)
        self._pages.setCurrentIndex(0)

    def _empty_text(self) -> str:
        return self.tr("Select a client to see their opt-ins")

    def _titled_section(self, title: str, icon_name: str, body: QWidget, subtitle: str) -> SectionFrame:
        frame = SectionFrame(title, subtitle, icon_name=icon_name, parent=self._content)
        frame.section_layout().addSpacing(4)
        body.setParent(frame)
        frame.section_layout().addWidget(body)
        return frame

    def _connect_signals(self) -> None:
        app_events().data_changed.connect(self._on_app_events_data_changed)
        self._opt_in.switch_requested.connect(self._on_opt_in_switch_requested)
        self._ai.switch_requested.connect(self._on_ai_switch_requested)
        self._clock_timer.timeout.connect(self._on_clock_timer_timeout)

    # -- public API -----------------------------------------------------------------------

    def show_client(self, client_id: int | None) -> None:
        """Show a client's profile from the top, or the empty state for None."""
        self._opt_in.clear_message()
        self._ai.clear_message()
        self._client_id = client_id
        if client_id is None:
            self._show_empty(self._empty_text())
            return
        self._load()
        self._scroll.verticalScrollBar().setValue(0)
        self._history.scrollToTop()

    def reload(self) -> None:
        """Read the shown client again and show what changed, keeping the scroll position.

        While a change is being asked for (a dialog is open), the reload waits for it.
        """
        if self._client_id is None:
            return
        if self._busy:
            self._reload_pending = True
            return
        scroll = self._scroll.verticalScrollBar()
        position = scroll.value()
        self._load()
        self._content.layout().activate()
        scroll.setValue(position)

    def client_id(self) -> int | None:
        """The id of the client shown, or None."""
        return self._client_id

    def consent(self) -> ClientConsent | None:
        """The client's consent as last read from the model layer, or None."""
        return self._state

    def header(self) -> ProfileHeader:
        """The header (name, status, addresses, household notice)."""
        return self._header

    def opt_in_section(self) -> OptInSection:
        """The Opt-In section."""
        return self._opt_in

    def ai_controls(self) -> AiControlsSection:
        """The Hailee (AI assistant) section."""
        return self._ai

    def receives_grid(self) -> ReceivesGrid:
        """The what-this-client-receives grid."""
        return self._grid

    def history_view(self) -> HistoryView:
        """The History table."""
        return self._history

    def record_printer(self) -> RecordPrinter:
        """Print / Save as PDF of the client's consent record (R14)."""
        return self._printer

    # -- slots ----------------------------------------------------------------------------

    @Slot(object)
    def _on_app_events_data_changed(self, change: Change) -> None:
        client_id = self._client_id
        if client_id is None or change.initiator is self:  # its own change is shown already
            return
        if change.touches_client(client_id):
            if self.isVisible():
                self.reload()
            else:
                self._reload_when_shown = True  # a hidden profile reads nothing until shown

    @Slot(object)
    def _on_opt_in_switch_requested(self, request: SwitchRequest) -> None:
        self._run_request(lambda state: self._change_switch(state, request), self._opt_in)

    @Slot(object)
    def _on_ai_switch_requested(self, request: AiSwitchRequest) -> None:
        self._run_request(lambda state: self._change_ai(state, request), self._ai)

    @Slot()
    def _on_clock_timer_timeout(self) -> None:
        if self.isVisible():
            self.reload()

    # -- helpers --------------------------------------------------------------------------

    def _load(self) -> None:
        """Read the client (one row, its lock, its housemates, its last events) and show it."""
        self._reload_pending = False
        self._reload_when_shown = False
        client_id = self._client_id
        assert client_id is not None
        try:
            state = load_consent(client_id, now=self._clock())
            mates = sharing(mobile=state.client.mobile, email=state.client.email,
                            excluding=client_id)
            review = (review_items(number=state.client.mobile, now=self._clock())
                      if state.client.mobile else [])
            events = client_history(client_id, HISTORY_LIMIT)
        except NotFound:
            self._show_empty(self.tr("This client is no longer on file."))
            return
        except OptInDeskError as error:
            if self._state is None:
                self._show_empty(self.tr("The profile could not be read: {error}").format(
                    error=spoken(error)))
            else:
                self._opt_in.show_message(self.tr(
                    "The profile could not be read again: {error}").format(error=spoken(error)))
            return
        self._state = state
        with _layouts_held(self._header, self._opt_in, self._ai, self._content):
            self._header.show_client(state, mates, review)
            self._opt_in.show_consent(state)
            self._ai.show_consent(state)
            self._grid.show_receives(state.receives)
            self._history.show_events(events)
            self._printer.set_client(client_id, state.client.name)
        self._pages.setCurrentIndex(1)
        self._fit_content()
        if not self._clock_timer.isActive():
            self._clock_timer.start()

    def _fit_content(self) -> None:
        """Give the content its new height before it lays itself out, in one pass.

        Left to Qt's posted layout requests, a new height climbed one level of widgets per
        pass of the event loop: the content was laid out at the old height, squeezing the
        sections for a frame, then laid out and painted again (issue 12). The sections are
        laid out now, and the scroll area sizes the content from their new hints."""
        for section in (self._header, self._opt_in, self._ai, self._grid.parentWidget(),
                        self._history.parentWidget()):
            section.layout().activate()
        QCoreApplication.sendEvent(self._scroll, QEvent(QEvent.Type.LayoutRequest))

    def _show_empty(self, text: str) -> None:
        self._state = None
        self._clock_timer.stop()
        self._empty.setText(text)
        self._header.clear()
        self._opt_in.clear()
        self._ai.clear()
        self._grid.clear_cells()
        self._history.clear()
        self._printer.set_client(None, "")
        self._pages.setCurrentIndex(0)

    def _run_request(self, attempt: Callable[[ClientConsent], Change | None],
                     section: OptInSection | AiControlsSection) -> None:
        """Run one asked-for change; put the switches back unless it was committed."""
        state = self._state
        if state is None or self._busy:
            if state is not None:
                section.show_consent(state)
            return
        self._busy = True
        change: Change | None = None
        try:
            self._opt_in.clear_message()
            self._ai.clear_message()
            change = attempt(state)
        finally:
            self._busy = False
            if change is None and self._state is state:
                section.show_consent(state)  # put the switch back as the model has it
        if change is not None:
            self.reload()
            app_events().data_changed.emit(change.asked_by(self))
        elif self._reload_pending:
            self.reload()

    def _change_switch(self, state: ClientConsent, request: SwitchRequest) -> Change | None:
        name = state.client.name
        switch_name = words.switch_name(request.channel, request.switch)
        staff = signed_in()
        if staff is None:
            self._opt_in.show_message(self.tr("Sign in to change a client's opt-ins."))
            return None
        if request.on:
            answer: ConsentAnswer | OptOutAnswer | None = ConsentDialog.ask(
                self, client_name=name, switch_name=switch_name,
                warning=consent_warning(state, request.channel))
        else:
            answer = OptOutDialog.ask(self, client_name=name, switch_name=switch_name,
                                      warning=opt_out_warning(state, request))
        if answer is None:
            return None
        method, note = answer.method, answer.note
        try:
            change = set_switch(staff, state.client.id, request.channel, request.switch,
                                request.on, method=method, note=note,
                                expected_version=state.version)
        except StaleData as error:
            self._opt_in.show_message(spoken(error))
            self._load()
            return None
        except OptInDeskError as error:
            self._opt_in.show_message(spoken(error))
            return None
        turned = (self.tr("{switch} turned on for {name}") if request.on
                  else self.tr("{switch} turned off for {name}"))
        app_events().status_message.emit(turned.format(switch=switch_name, name=name))
        return change

    def _change_ai(self, state: ClientConsent, request: AiSwitchRequest) -> Change | None:
        staff = signed_in()
        if staff is None:
            self._ai.show_message(self.tr("Sign in to change a client's Hailee settings."))
            return None
        try:
            change = set_client_ai(staff, state.client.id, request.which, request.on,
                                   expected_version=state.version)
        except StaleData as error:
            self._ai.show_message(spoken(error))
            self._load()
            return None
        except OptInDeskError as error:
            self._ai.show_message(spoken(error))
            return None
        label = words.AI_SWITCH_NAMES[request.which]
        turned = (self.tr("{switch} turned on for {name}") if request.on
                  else self.tr("{switch} turned off for {name}"))
        app_events().status_message.emit(turned.format(switch=label, name=state.client.name))
        return change

    # -- Qt overrides ---------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up with changes that arrived while the profile was hidden."""
        super().showEvent(event)
        if self._reload_when_shown:
            self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Put Opt-In and Hailee side by side when there is room, else one above the other."""
        super().resizeEvent(event)
        width = event.size().width()
        self._grid.set_transposed(width < self.grid_wide_width)
        self._opt_in.set_compact(width < self.grid_wide_width)
        self._top.setDirection(QBoxLayout.Direction.LeftToRight if width >= self.button_beside_width
                               else QBoxLayout.Direction.TopToBottom)
        self._top.setAlignment(self._printer.button(), Qt.AlignmentFlag.AlignTop if width >= (
            self.button_beside_width) else Qt.AlignmentFlag.AlignLeft)
        wide = width >= self.side_by_side_width
        direction = (QBoxLayout.Direction.LeftToRight if wide
                     else QBoxLayout.Direction.TopToBottom)
        if self._sections.direction() != direction:
            self._sections.setDirection(direction)
            # Side by side, the shorter section sits at the top; stacked, no alignment, so
            # that the sections' wrapped text gets the height it needs at their width.
            alignment = Qt.AlignmentFlag.AlignTop if wide else Qt.AlignmentFlag(0)
            self._sections.setAlignment(self._opt_in, alignment)
            self._sections.setAlignment(self._ai, alignment)
