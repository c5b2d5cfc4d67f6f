"""Secrets stay out of plain-text settings: the OS keyring, else a file only its user can read."""

from __future__ import annotations

import os
import stat

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from models import secret_store


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv(secret_store.PLACE_ENV_VAR, raising=False)
    previous = keyring.get_keyring()
    yield tmp_path
    keyring.set_keyring(previous)


def test_a_keyring_keeps_the_secret_and_no_file_is_written(data_home):
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    place = secret_store.save_secret("server:studio", "s3cret")
    assert place.in_keyring and "keyring" in place.description
    assert memory.passwords == {(secret_store.KEYRING_SERVICE, "server:studio"): "s3cret"}
    assert not secret_store.secrets_file().exists()
    assert secret_store.load_secret("server:studio") == "s3cret"
    secret_store.forget_secret("server:studio")
    assert secret_store.load_secret("server:studio") is None


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_without_a_keyring_the_secret_goes_to_a_private_file_and_the_place_says_so(data_home):
    keyring.set_keyring(fail.Keyring())
    place = secret_store.save_secret("twilio:token", "tok")
    assert not place.in_keyring
    assert str(secret_store.secrets_file()) in place.description
    assert stat.S_IMODE(secret_store.secrets_file().stat().st_mode) == 0o600
    assert secret_store.load_secret("twilio:token") == "tok"
    secret_store.forget_secret("twilio:token")
    assert secret_store.load_secret("twilio:token") is None
    secret_store.forget_secret("never-kept")  # nothing to forget is not an error


def test_a_damaged_secrets_file_reads_as_no_secret(data_home):
    keyring.set_keyring(fail.Keyring())
    secret_store.save_secret("a", "1")
    secret_store.secrets_file().write_text("{not json", encoding="utf-8")
    assert secret_store.load_secret("a") is None
    secret_store.save_secret("b", "2")
    assert secret_store.load_secret("b") == "2"


def test_moving_to_a_keyring_removes_the_plain_file_copy(data_home):
    keyring.set_keyring(fail.Keyring())
    secret_store.save_secret("a", "old")
    keyring.set_keyring(MemoryKeyring())
    secret_store.save_secret("a", "new")
    assert secret_store.load_secret("a") == "new"
    assert "a" not in secret_store.secrets_file().read_text(encoding="utf-8")
