"""The files and folders the program creates are readable by their owner only (DESIGN §7).

On POSIX a file is made 0600 and a folder 0700 as it is created, whatever the umask, so there is
no moment when someone else could open it; a writer that later opens the file (Qt's PDF writer,
SQLite) keeps that mode, and SQLite gives a database's -wal and -shm files its mode. On Windows
the user's profile folders are private already and the modes are left alone.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TextIO

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

_POSIX = os.name == "posix"


def create_private_file(path: Path, *, exclusive: bool = False) -> bool:
    """Make `path` an empty file only its owner may read and write; return whether it was made.

    With `exclusive`, an existing file is left as it is (a database another process has just
    created is never emptied); without it, an existing file is emptied and made private.
    """
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    try:
        handle = os.open(path, flags, PRIVATE_FILE)
    except FileExistsError:
        return False
    try:
        if _POSIX:
            os.fchmod(handle, PRIVATE_FILE)  # the umask may have taken bits away, never added
    finally:
        os.close(handle)
    return True


def open_private_for_append(path: Path) -> TextIO:
    """`path` opened to add text at its end (a log), created private if it is new."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
    try:
        if _POSIX and os.fstat(handle).st_uid == os.getuid():
            os.fchmod(handle, PRIVATE_FILE)
        return os.fdopen(handle, "a", encoding="utf-8")
    except BaseException:
        os.close(handle)
        raise


def make_private_folders(folder: Path) -> None:
    """Create `folder` and its missing parents, each new one readable by its owner only.
    Folders that already exist are left as they are: they are not the program's to change."""
    missing: list[Path] = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:  # made a moment ago by another process: theirs to keep
            continue
        if _POSIX:
            os.chmod(new, PRIVATE_FOLDER)


def keep_private(path: Path) -> None:
    """Take group and others' access away from an existing file of the current user (a
    database an older version created 0644). Another user's file, or none, is left alone."""
    if not _POSIX:
        return
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)
