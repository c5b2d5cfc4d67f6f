"""What a switch change does, said in its dialog before it is done (R3, R8, R20)."""

from __future__ import annotations

from models.consent import ClientConsent
from models.inbound import last_opt_out_at
from models.review import waits_for_review
from models.rules import Channel, Switch
from ui.profile.opt_in_section import SwitchRequest, local_time_text

#: "Turn off all <noun> to Dana Reyes?" (R3).
_ALL_OFF_NOUNS = {
    Channel.EMAIL: "email",
    Channel.SMS: "SMS",
    Channel.VOICE: "phone calls",
    Channel.HOME: "home phone calls",
}


def opt_out_warning(state: ClientConsent, request: SwitchRequest) -> str | None:
    """What turning a switch off does, said before it is done (R3, R20); None for Marketing."""
    if request.switch is not Switch.ALL:
        return None
    if request.channel is Channel.SMS and state.channels[Channel.SMS].stop_locked:
        return ("SMS is already off: this number texted STOP. Recording that the client asked "
                "too keeps SMS off for them even after someone on this number texts START.")
    # Who can turn it on again differs: SMS has the client's own START besides renewed
    # consent; the other channels come back only when the client consents again (R3, R4, R8).
    back_on = ("Only the client can turn it back on: by texting START to the studio, or by "
               "giving consent again, which staff record with how it was given."
               if request.channel is Channel.SMS else
               "Only the client can turn it back on: staff record it when the client gives "
               "consent again, with how it was given.")
    return (f"This fully blocks {_ALL_OFF_NOUNS[request.channel]} to {state.client.name}: no "
            f"campaigns, reminders, booking help or Hailee messages. {back_on}")


def consent_warning(state: ClientConsent, channel: Channel) -> str | None:
    """Before consent is recorded for the client's mobile: a text of theirs that waits in
    review, or a STOP they texted before (issue 8)."""
    if channel not in (Channel.SMS, Channel.VOICE) or state.client.mobile is None:
        return None
    if waits_for_review(state.client.mobile):
        return ("A text from this mobile waits in Needs review: it may be an opt-out. Review "
                "it before recording consent.")
    stopped = last_opt_out_at(state.client.mobile)
    if stopped is not None:
        return (f"This mobile texted STOP on {local_time_text(stopped)}. Record consent only "
                "if the client gave it since.")
    return None
