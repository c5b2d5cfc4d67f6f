"""What the Needs review queue says about a text, in the window's language (issue 14): its due
date (R19) through QLocale, the deadline's words, the selected text in full, and what a
decision did."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QLocale, QObject

from models.phones import display_phone
from models.review import ReviewAction, ReviewItem
from models.timeutil import iso
from ui.formatting import age_text, when_text


class ReviewWords(QObject):
    """The queue's sentences about one text (a QObject so that its texts are translated
    under one context, "ReviewWords")."""

    def due_date(self, day: date, today: date | None = None) -> str:
        """"Mon, Dec 7" ("lun 7 de dic"), with the year when it is not this year's."""
        this_year = day.year == (today or date.today()).year
        # A QLocale format: ddd = day of the week, MMM = month, d = day, yyyy = year.
        pattern = (self.tr("ddd, MMM d", "a due date's format") if this_year else
                   self.tr("ddd, MMM d, yyyy", "a due date's format"))
        return QLocale().toString(QDate(day.year, day.month, day.day), pattern)

    def due(self, item: ReviewItem) -> str:
        """The Due column: "Mon, Dec 7", "Overdue · Mon, Dec 7" or "Call the client"."""
        if item.may_mean_appointment:
            return self.tr("Call the client")
        assert item.due_by is not None
        due = self.due_date(item.due_by)
        return self.tr("Overdue · {date}").format(date=due) if item.overdue else due

    def due_tooltip(self, item: ReviewItem) -> str:
        """Why the Due column says what it says."""
        if item.may_mean_appointment:
            return self.tr("CANCEL locked SMS for this number when it came. The client may have "
                           "meant an appointment: call them.")
        assert item.due_by is not None
        due = self.due_date(item.due_by)
        if item.overdue:
            return self.tr("Was due {date}: an opt-out must be honored within 10 business "
                           "days.").format(date=due)
        return self.tr("Decide by {date}: 10 business days after it came (weekends and US "
                       "holidays don't count).").format(date=due)

    def widest(self) -> tuple[str, str]:
        """A long Received and a long Due cell, to size their columns in any language."""
        moment = datetime.now().astimezone().replace(month=11, day=23, hour=12, minute=0)
        received = (f"{when_text(iso(moment), now=moment + timedelta(days=10))} · "
                    f"{age_text(timedelta(days=10))}")
        due = self.tr("Overdue · {date}").format(date=self.due_date(date(moment.year, 12, 30)))
        return received, due

    def received(self, item: ReviewItem) -> str:
        """The Received column: "Nov 23, 12:00 p.m. · 10 days ago"."""
        return f"{when_text(iso(item.received_at))} · {age_text(item.age)}"

    def detail(self, item: ReviewItem) -> str:
        """The selected text in full, who has the number, and what its deadline asks."""
        came = self.tr("“{text}”\n{when} ({age}) from {number}.").format(
            text=item.body, when=when_text(iso(item.received_at)), age=age_text(item.age),
            number=display_phone(item.number))
        if item.may_mean_appointment:
            return self.tr("{came} CANCEL locked SMS for this number when it came, but the "
                           "client may have meant an appointment — call the client, then mark "
                           "it called.").format(came=came)
        names = ", ".join(item.client_names)
        if len(item.client_names) == 1:
            who = self.tr("{names} has this mobile: a STOP lock turns SMS off for them.")
        elif item.client_names:
            who = self.tr("{names} share this mobile: a STOP lock turns SMS off for all of "
                          "them.")
        else:
            who = self.tr("No client has this mobile on file.")
        assert item.due_by is not None
        due = self.due_date(item.due_by)
        deadline = (self.tr("Overdue: it was due {date}.") if item.overdue else
                    self.tr("Due {date}.")).format(date=due)
        return self.tr("{came} {who} {deadline} Marketing to this number is held until it is "
                       "decided.").format(came=came, who=who.format(names=names),
                                          deadline=deadline)

    def apply_question(self, item: ReviewItem) -> str:
        """What Apply STOP lock asks before it locks."""
        everyone = (", ".join(item.client_names) if item.client_names
                    else self.tr("no client on file yet"))
        return self.tr("Apply the STOP lock to {number}?\n\nSMS is turned off for everyone on "
                       "this number ({everyone}), dated {when} when the client texted, and "
                       "nobody at the studio can turn it back on: only the client can undo "
                       "this, by texting START.").format(
            number=display_phone(item.number), everyone=everyone,
            when=when_text(iso(item.received_at)))

    def done(self, action: ReviewAction, number: str) -> str:
        """What a decision did, for the status bar."""
        shown = display_phone(number)
        if action is ReviewAction.APPLY_STOP:
            text = self.tr("STOP lock applied to {number}: SMS is off for everyone on this "
                           "number")
        elif action is ReviewAction.MARKETING_OFF:
            text = self.tr("SMS marketing turned off for everyone on {number}")
        elif action is ReviewAction.DISMISS:
            text = self.tr("Dismissed the text from {number}")
        else:
            text = self.tr("Marked the CANCEL from {number} as called")
        return text.format(number=shown)
