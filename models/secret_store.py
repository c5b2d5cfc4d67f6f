"""Secrets kept out of plain-text settings: the studio server's password, the provider's token.

The OS keyring (through `keyring`) is the well-kept place. A machine without one (a bare Linux
box, a service account, CI) gets a file in the application-data folder that only its user may
read, and the caller tells the user so: `SecretPlace.description` says which place was used.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from .locations import app_data_dir
from .private_files import create_private_file, make_private_folders
from .wording import say

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Opt-In Desk"
SECRETS_FILE_NAME = "secrets.json"
#: Set to "file" to keep secrets in the private file even where a keyring exists (tests, kiosks).
PLACE_ENV_VAR = "OPTIN_DESK_SECRETS"


@dataclass(frozen=True, slots=True)
class SecretPlace:
    """Where a secret was kept, for the window to say."""

    in_keyring: bool
    description: str


def secrets_file() -> Path:
    """The private file that stands in for a keyring."""
    return app_data_dir() / SECRETS_FILE_NAME


def _keyring():
    """The OS keyring backend, or None where the machine has none (or the file is asked for)."""
    if os.environ.get(PLACE_ENV_VAR) == "file":
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # pragma: no cover - keyring is a dependency; a broken install falls back
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or backend.priority <= 0:
        return None
    return backend


def _file_place() -> SecretPlace:
    return SecretPlace(False, say("in {path}, a file only you can read (this computer has no "
                                  "password keyring)", path=str(secrets_file())))


def _read_file() -> dict[str, str]:
    try:
        data = json.loads(secrets_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("secrets file %s unreadable: %s", secrets_file(), error)
        return {}
    return {str(key): str(value) for key, value in data.items()} if isinstance(data, dict) else {}


def _write_file(secrets: dict[str, str]) -> None:
    path = secrets_file()
    make_private_folders(path.parent)
    partial = path.with_name(path.name + ".partial")
    create_private_file(partial)
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(secrets, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def save_secret(name: str, value: str) -> SecretPlace:
    """Keep `value` under `name`; return where it was kept."""
    backend = _keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, name, value)
        except Exception as error:  # a locked or refusing keyring: fall back, and say so
            log.warning("keyring refused %s: %s", name, error)
        else:
            secrets = _read_file()
            if secrets.pop(name, None) is not None:
                _write_file(secrets)
            return SecretPlace(True, say("in this computer's password keyring"))
    secrets = _read_file()
    secrets[name] = value
    _write_file(secrets)
    return _file_place()


def load_secret(name: str) -> str | None:
    """The secret kept under `name`, or None."""
    backend = _keyring()
    if backend is not None:
        try:
            value = backend.get_password(KEYRING_SERVICE, name)
        except Exception as error:
            log.warning("keyring could not read %s: %s", name, error)
            value = None
        if value is not None:
            return value
    return _read_file().get(name)


def forget_secret(name: str) -> None:
    """Remove the secret kept under `name` from wherever it is; nothing if there is none."""
    backend = _keyring()
    if backend is not None:
        try:
            backend.delete_password(KEYRING_SERVICE, name)
        except Exception:  # not there, or the keyring refuses: the file is still checked
            pass
    secrets = _read_file()
    if secrets.pop(name, None) is not None:
        _write_file(secrets)
