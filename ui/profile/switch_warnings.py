"""What a switch change does, said in its dialog before it is done (R3, R8, R20)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from models.consent import ClientConsent
from models.inbound import last_opt_out_at
from models.review import waits_for_review
from models.rules import Channel, Switch
from ui.profile.opt_in_section import SwitchRequest, local_time_text

#: "This fully blocks <what> to Dana Reyes: …" (R3), a whole sentence per channel so that a
#: translation may say each its own way.
_ALL_OFF = {
    Channel.EMAIL: QT_TRANSLATE_NOOP(
        "switch_warnings", "This fully blocks email to {name}: no campaigns, reminders, "
        "booking help or Hailee messages."),
    Channel.SMS: QT_TRANSLATE_NOOP(
        "switch_warnings", "This fully blocks SMS to {name}: no campaigns, reminders, "
        "booking help or Hailee messages."),
    Channel.VOICE: QT_TRANSLATE_NOOP(
        "switch_warnings", "This fully blocks phone calls to {name}: no campaigns, reminders, "
        "booking help or Hailee messages."),
    Channel.HOME: QT_TRANSLATE_NOOP(
        "switch_warnings", "This fully blocks home phone calls to {name}: no campaigns, "
        "reminders, booking help or Hailee messages."),
}


def opt_out_warning(state: ClientConsent, request: SwitchRequest) -> str | None:
    """What turning a switch off does, said before it is done (R3, R20); None for Marketing."""
    if request.switch is not Switch.ALL:
        return None
    if request.channel is Channel.SMS and state.channels[Channel.SMS].stop_locked:
        return QCoreApplication.translate(
            "switch_warnings", "SMS is already off: this number texted STOP. Recording that "
            "the client asked too keeps SMS off for them even after someone on this number "
            "texts START.")
    # Who can turn it on again differs: SMS has the client's own START besides renewed
    # consent; the other channels come back only when the client consents again (R3, R4, R8).
    back_on = (QCoreApplication.translate(
        "switch_warnings", "Only the client can turn it back on: by texting START to the "
        "studio, or by giving consent again, which staff record with how it was given.")
        if request.channel is Channel.SMS else QCoreApplication.translate(
        "switch_warnings", "Only the client can turn it back on: staff record it when the "
        "client gives consent again, with how it was given."))
    blocks = QCoreApplication.translate("switch_warnings", _ALL_OFF[request.channel]).format(
        name=state.client.name)
    return f"{blocks} {back_on}"


def consent_warning(state: ClientConsent, channel: Channel) -> str | None:
    """Before consent is recorded for the client's mobile: a text of theirs that waits in
    review, or a STOP they texted before (issue 8)."""
    if channel not in (Channel.SMS, Channel.VOICE) or state.client.mobile is None:
        return None
    if waits_for_review(state.client.mobile):
        return QCoreApplication.translate(
            "switch_warnings", "A text from this mobile waits in Needs review: it may be an "
            "opt-out. Review it before recording consent.")
    stopped = last_opt_out_at(state.client.mobile)
    if stopped is not None:
        return QCoreApplication.translate(
            "switch_warnings", "This mobile texted STOP on {when}. Record consent only if the "
            "client gave it since.").format(when=local_time_text(stopped))
    return None
