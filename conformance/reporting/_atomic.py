"""Writing a file atomically: a temporary file beside it, flushed to disk, then renamed over it.

A reader, or a crash, sees the old file or the new one, never a part of either. The temporary file
is created as ``open`` would create the file (mode 0666 less the umask), not with
``tempfile.mkstemp``'s 0600: a CI uploader running as another user must read the reports.

Its name, ``.<name>.<pid>.<random>.tmp``, says which process writes it, so the next run in the
folder can remove what a killed one left (:func:`remove_stale_temporaries`) without touching the
file a live run is writing.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path

__all__ = ["remove_stale_temporaries", "write_atomically"]

# ".<file name>.<pid>.<8 random characters>.tmp"; before the pid was in the name, no "<pid>."
_TEMPORARY = re.compile(r"\.(?P<name>[^/]+?)\.(?:(?P<pid>\d+)\.)?[a-z0-9_]{8,16}\.tmp")
_STALE_AFTER_S = 600.0  # no write takes this long: an older temporary file is a leftover


def write_atomically(path: Path, text: str) -> None:
    temporary = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(directory: Path, names: tuple[str, ...]) -> list[Path]:
    """Remove the temporary files of ``names`` that killed runs left in ``directory``; returns them."""
    removed = []
    for path in directory.iterdir():
        match = _TEMPORARY.fullmatch(path.name)
        if match is None or match["name"] not in names or not _stale(path, match["pid"]):
            continue
        try:
            path.unlink()
        except FileNotFoundError:  # its run finished or cleaned it meanwhile
            continue
        removed.append(path)
    return removed


def _stale(path: Path, pid: str | None) -> bool:
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return False
    return age > _STALE_AFTER_S or (pid is not None and not _alive(int(pid)))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # someone else's process, or not a pid at all
        return True
    return True
