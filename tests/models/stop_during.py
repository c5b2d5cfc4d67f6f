"""A STOP texted while a long import runs on another thread (R16: it never waits behind it)."""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

from models.db import database
from models.inbound import process_inbound


def stop_while_importing(run: Callable[[], Any], started: Callable[[], bool],
                         number: str) -> tuple[float, Any]:
    """Run the import `run` on a thread; once `started()` says it is well under way, text STOP
    from `number`. Returns how long the STOP took and what `run` returned, and fails the test
    when the import raised or ended before the STOP had landed (make it longer then)."""
    result: dict[str, Any] = {}

    def import_on_thread() -> None:
        try:
            result["done"] = run()
        except Exception as error:  # noqa: BLE001 — reported below
            result["error"] = error
        finally:
            database.close()

    importer = threading.Thread(target=import_on_thread)
    importer.start()
    try:
        deadline = time.monotonic() + 60
        while not started() and importer.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert importer.is_alive(), "the import ended before the STOP: make it longer"
        begin = time.monotonic()
        process_inbound(number, "STOP", sid="SM-stop")
        took = time.monotonic() - begin
        still_importing = importer.is_alive()
    finally:
        importer.join(120)
    assert "error" not in result, result.get("error")
    assert still_importing, "the import ended before the STOP landed: make it longer"
    return took, result["done"]
