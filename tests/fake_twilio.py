"""A local stand-in for Twilio's REST API, plugged in through the twilio library's own HTTP
extension point (`Client(..., http_client=...)`): the Accounts fetch and the Messages list,
newest first, in pages of real-shaped JSON with `next_page_uri`, the `DateSent>` filter,
credentials checked, and failures on demand (a status for a page, the network gone).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests
from twilio.http import HttpClient
from twilio.http.response import Response

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "f" * 32
KEY_SID = "SK" + "fedcba9876543210" * 2
KEY_SECRET = "s" * 32
STUDIO_NUMBER = "+12125550100"
_BASE = f"/2010-04-01/Accounts/{ACCOUNT_SID}"


def rfc2822(moment: datetime) -> str:
    """A time as Twilio writes it: 'Thu, 26 Nov 2026 09:14:00 +0000'."""
    return format_datetime(moment.astimezone(timezone.utc)).replace("-0000", "+0000")


def message(sid: str, number: str, body: str, sent: datetime | None, *, direction: str = "inbound",
            status: str | None = None) -> dict[str, Any]:
    """One message resource as Twilio's API returns it. `number` is the client's: the sender
    of an inbound text, the recipient of an outbound one."""
    inbound = direction == "inbound"
    created = rfc2822(sent) if sent is not None else rfc2822(datetime.now(timezone.utc))
    return {
        "account_sid": ACCOUNT_SID, "api_version": "2010-04-01", "body": body,
        "date_created": created, "date_sent": rfc2822(sent) if sent is not None else None,
        "date_updated": created, "direction": direction, "error_code": None, "error_message": None,
        "from": number if inbound else STUDIO_NUMBER, "to": STUDIO_NUMBER if inbound else number,
        "messaging_service_sid": None, "num_media": "0", "num_segments": "1", "price": None,
        "price_unit": "USD", "sid": sid,
        "status": status or ("received" if inbound else "delivered"),
        "subresource_uris": {"media": f"{_BASE}/Messages/{sid}/Media.json"},
        "uri": f"{_BASE}/Messages/{sid}.json",
        "_sent": sent,  # the fake's own sort key; removed before serving
    }


@dataclass
class FakeTwilio(HttpClient):
    """Twilio's API for one account, served from `messages`."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    #: Statuses to answer a Messages page with, by page number (0 = first), one per request;
    #: a page not listed (or whose list ran out) is served.
    page_failures: dict[int, list[int]] = field(default_factory=dict)
    #: Raise a network error instead of answering.
    unreachable: bool = False
    #: The account's status, as the Accounts fetch reports it.
    account_status: str = "active"
    calls: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(logging.getLogger("fake_twilio"), is_async=False)

    def add(self, *items: dict[str, Any]) -> None:
        self.messages.extend(items)

    def request(self, method: str, uri: str, params: dict[str, object] | None = None,
                data: dict[str, object] | None = None, headers: dict[str, str] | None = None,
                auth: tuple[str, str] | None = None, timeout: float | None = None,
                allow_redirects: bool = False) -> Response:
        parts = urlsplit(uri)
        query = dict(parse_qsl(parts.query))
        query.update({key: str(value) for key, value in (params or {}).items()})
        self.calls.append((method, parts.path, query))
        if self.unreachable:
            raise requests.ConnectionError("Failed to establish a new connection")
        if auth not in ((ACCOUNT_SID, AUTH_TOKEN), (KEY_SID, KEY_SECRET)):
            return _error(401, 20003, "Authenticate")
        if parts.path == f"{_BASE}.json":
            return Response(200, json.dumps({"sid": ACCOUNT_SID, "friendly_name": "Studio account",
                                             "status": self.account_status, "type": "Full"}))
        if parts.path == f"{_BASE}/Messages.json" and method == "GET":
            return self._page(query)
        return _error(404, 20404, f"The requested resource {parts.path} was not found")

    def _page(self, query: dict[str, str]) -> Response:
        number = int(query.get("Page", "0"))
        failures = self.page_failures.get(number)
        if failures:
            return _error(failures.pop(0), 20500, "Internal Server Error")
        size = int(query.get("PageSize", "50"))
        chosen = sorted((m for m in self.messages if _after(m, query.get("DateSent>"))),
                        key=lambda m: (m["_sent"] or datetime.max.replace(tzinfo=timezone.utc),
                                       m["sid"]), reverse=True)
        part = chosen[number * size:(number + 1) * size]
        base = {key: value for key, value in query.items() if key in ("DateSent>", "PageSize")}
        uri = f"{_BASE}/Messages.json?{urlencode(base)}"
        more = (number + 1) * size < len(chosen)
        next_uri = (f"{_BASE}/Messages.json?{urlencode({**base, 'Page': number + 1, 'PageToken': f'PASM{number + 1}'})}"
                    if more else None)
        body = {"first_page_uri": uri, "end": number * size + max(len(part) - 1, 0),
                "previous_page_uri": None, "messages": [_served(m) for m in part], "uri": uri,
                "page_size": size, "start": number * size, "next_page_uri": next_uri, "page": number}
        return Response(200, json.dumps(body))


def _after(item: dict[str, Any], bound: str | None) -> bool:
    """Twilio's `DateSent>`: sent on or after the time (a message not sent yet is listed)."""
    if bound is None or item["_sent"] is None:
        return True
    moment = datetime.strptime(bound, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return item["_sent"] >= moment


def _served(item: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if not key.startswith("_")}


def _error(status: int, code: int, text: str) -> Response:
    return Response(status, json.dumps({"code": code, "message": text,
                                        "more_info": f"https://www.twilio.com/docs/errors/{code}",
                                        "status": status}))


def plug_in(monkeypatch: Any, data_home: Any) -> FakeTwilio:
    """A fresh fake Twilio plugged into the library in place of the network, retries without
    pauses, and secrets kept in a private file under `data_home` (no keyring in a test)."""
    from models import provider, provider_sync

    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("OPTIN_DESK_SECRETS", "file")
    monkeypatch.setattr(provider_sync, "RETRY_PAUSE", 0.0)
    twilio = FakeTwilio()
    monkeypatch.setattr(provider, "HTTP_CLIENT", lambda: twilio)
    return twilio
