"""The studio's texting-provider account (R24): connect it once, test it, disconnect it.

Twilio first, through its official library. The account SID (and an API key's SID) are kept
in the database, so every workstation knows which account the studio uses; the auth token or
key secret never is: it goes to this computer's OS keyring (`models.secret_store`, a private
file where there is none). A workstation without the secret does not sync; the others do.

Every call to the provider goes through `twilio_client`, whose HTTP client is `HTTP_CLIENT()`
when set — the library's own extension point, which the tests point at a local fake.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from .db import database
from .errors import InvalidInput, OptInDeskError
from .schema import ProviderAccount, ProviderSync
from .secret_store import SecretPlace, forget_secret, load_secret, save_secret
from .staff import Role, SignedIn, require_role
from .timeutil import iso_now
from .wording import say

TWILIO = "twilio"
#: Seconds to wait for Twilio's answer before calling it unreachable (the library waits forever).
TIMEOUT_SECONDS = 20.0
#: The HTTP client the twilio library uses; None: its own (requests), with TIMEOUT_SECONDS.
HTTP_CLIENT: Callable[[], Any] | None = None

_ACCOUNT_SID = re.compile(r"AC[0-9a-fA-F]{32}")
_KEY_SID = re.compile(r"SK[0-9a-fA-F]{32}")


class ProviderError(OptInDeskError):
    """The texting provider cannot be used right now; the message says why and what to do."""


class ProviderNotConnected(ProviderError):
    """No provider account is connected, or its secret is not kept on this computer."""


class ProviderRefused(ProviderError):
    """The provider refused the credentials (a wrong SID, token or key, a closed account)."""


class ProviderUnreachable(ProviderError):
    """The provider could not be reached, or kept failing (network, timeouts, its outages)."""


@dataclass(frozen=True, slots=True)
class ProviderConnection:
    """The connected account, as every workstation sees it (no secret)."""

    kind: str
    account_sid: str
    key_sid: str | None
    connected_at: str
    connected_by: str

    def describe(self) -> str:
        """"Twilio account AC…1234 (API key SK…9abc)", for the screen."""
        if self.key_sid:
            return say("Twilio account {account} (API key {key})",
                       account=_short(self.account_sid), key=_short(self.key_sid))
        return say("Twilio account {account}", account=_short(self.account_sid))


@dataclass(frozen=True, slots=True)
class Credentials:
    """What the connect dialog collects: the account SID and either its auth token, or an API
    key's SID and secret."""

    account_sid: str
    secret: str
    key_sid: str | None = None

    def checked(self) -> Credentials:
        """The same credentials, trimmed, if they look like Twilio's; InvalidInput otherwise."""
        account = self.account_sid.strip()
        key = (self.key_sid or "").strip() or None
        secret = self.secret.strip()
        if not _ACCOUNT_SID.fullmatch(account):
            raise InvalidInput(say("the account SID is AC followed by 32 letters and digits "
                                   "(Twilio Console ▸ Account info)"))
        if key is not None and not _KEY_SID.fullmatch(key):
            raise InvalidInput(say("an API key SID is SK followed by 32 letters and digits"))
        if not secret:
            raise InvalidInput(say("the API key secret is empty") if key
                               else say("the auth token is empty"))
        return Credentials(account, secret, key)


def _short(sid: str | None) -> str:
    return f"{sid[:2]}…{sid[-4:]}" if sid else ""


def secret_name(account_sid: str, key_sid: str | None) -> str:
    """The name the secret is kept under in the keyring."""
    return f"provider:{TWILIO}:{account_sid}:{key_sid or 'auth-token'}"


def load_connection() -> ProviderConnection | None:
    """The connected account, or None."""
    row = ProviderAccount.get_or_none(ProviderAccount.id == 1)
    if row is None:
        return None
    return ProviderConnection(row.kind, row.account_sid, row.key_sid, row.connected_at,
                              row.connected_by)


def twilio_client(credentials: Credentials) -> Any:
    """A twilio `Client` for these credentials, on HTTP_CLIENT() when set."""
    from twilio.http.http_client import TwilioHttpClient
    from twilio.rest import Client

    http = HTTP_CLIENT() if HTTP_CLIENT is not None else TwilioHttpClient(timeout=TIMEOUT_SECONDS)
    if credentials.key_sid:
        return Client(credentials.key_sid, credentials.secret, credentials.account_sid,
                      http_client=http, environment={})
    return Client(credentials.account_sid, credentials.secret, http_client=http, environment={})


def stored_credentials() -> Credentials:
    """The connected account's credentials on this computer; ProviderNotConnected when there
    is no account, or its secret is not kept here."""
    connection = load_connection()
    if connection is None:
        raise ProviderNotConnected(say("no texting provider is connected (Manage ▸ Texting "
                                       "provider)"))
    secret = load_secret(secret_name(connection.account_sid, connection.key_sid))
    if not secret:
        raise ProviderNotConnected(say("the secret of {account} is not kept on this computer; "
                                       "connect it here (Manage ▸ Texting provider)",
                                       account=connection.describe()))
    return Credentials(connection.account_sid, secret, connection.key_sid)


def check_credentials(credentials: Credentials) -> str:
    """One harmless call (fetch the account); its friendly name and status, or a ProviderError."""
    checked = credentials.checked()
    client = twilio_client(checked)
    account = call_provider(lambda: client.api.v2010.accounts(checked.account_sid).fetch())
    status = getattr(account, "status", None) or "unknown"
    if status != "active":
        raise ProviderRefused(say("the Twilio account is {status}, not active", status=status))
    return f"{account.friendly_name or checked.account_sid} ({status})"


def connect_provider(staff: SignedIn, credentials: Credentials) -> SecretPlace:
    """Keep the account for the studio and its secret on this computer (owner or manager);
    return where the secret was kept. Another account replaces the one connected, and its
    sync starts afresh."""
    checked = credentials.checked()
    with database.atomic():
        who = require_role(staff, Role.MANAGER)
        old = load_connection()
        ProviderAccount.delete().execute()
        ProviderAccount.create(id=1, kind=TWILIO, account_sid=checked.account_sid,
                               key_sid=checked.key_sid, connected_at=iso_now(), connected_by=who.name)
        ProviderSync.insert(id=1).on_conflict_ignore().execute()
        if old is None or old.account_sid != checked.account_sid:
            ProviderSync.update(account_sid=checked.account_sid, newest_sent=None,
                                last_success_at=None, last_failure_at=None, last_failure=None
                                ).where(ProviderSync.id == 1).execute()
    if old is not None and (old.account_sid, old.key_sid) != (checked.account_sid, checked.key_sid):
        forget_secret(secret_name(old.account_sid, old.key_sid))
    return save_secret(secret_name(checked.account_sid, checked.key_sid), checked.secret)


def disconnect_provider(staff: SignedIn) -> None:
    """Forget the account and this computer's secret (owner or manager). Messages already
    synced stay; syncing stops."""
    with database.atomic():
        require_role(staff, Role.MANAGER)
        old = load_connection()
        ProviderAccount.delete().execute()
    if old is not None:
        forget_secret(secret_name(old.account_sid, old.key_sid))


def call_provider(call: Callable[[], Any]) -> Any:
    """`call()`, with the twilio library's and the network's failures as ProviderErrors."""
    import requests
    from twilio.base.exceptions import TwilioException, TwilioRestException

    try:
        return call()
    except TwilioRestException as error:
        raise provider_error(error.status, error.msg or str(error)) from None
    except requests.RequestException as error:
        raise ProviderUnreachable(say("cannot reach Twilio ({error}); check this computer's "
                                      "internet connection", error=type(error).__name__)) from None
    except TwilioException as error:
        # A page the library could not fetch: TwilioException("Unable to fetch page", response).
        response = error.args[1] if len(error.args) > 1 else None
        if isinstance(getattr(response, "status_code", None), int):
            raise provider_error(response.status_code, _error_text(response)) from None
        raise ProviderRefused(say("Twilio: {error}", error=" ".join(str(error).split()))) from None
    except ValueError:  # an answer that is not JSON: cut off on the way, or not Twilio's
        raise ProviderUnreachable(say("Twilio's answer could not be read (cut off?); try again "
                                      "later")) from None


def _error_text(response: Any) -> str:
    """The message of Twilio's error JSON ({"code", "message", "status", …}), else its text."""
    try:
        return str(json.loads(response.text).get("message") or response.text)
    except (ValueError, AttributeError):
        return str(getattr(response, "text", ""))


def provider_error(status: int, text: str) -> ProviderError:
    """The ProviderError for an HTTP status Twilio answered with."""
    words = " ".join(str(text).split())[:200]
    if status in (401, 403):
        return ProviderRefused(say("Twilio refused the credentials (HTTP {status}: {error}); "
                                   "check them in Manage ▸ Texting provider", status=status,
                                   error=words))
    if status == 404:
        return ProviderRefused(say("Twilio knows no such account (HTTP 404: {error}); check the "
                                   "account SID", error=words))
    return ProviderUnreachable(say("Twilio answered HTTP {status} ({error}); try again later",
                                   status=status, error=words))
