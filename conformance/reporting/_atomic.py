"""Writing a file atomically: a temporary file beside it, flushed to disk, then renamed over it.

A reader, or a crash, sees the old file or the new one, never a part of either. The temporary file
is created as ``open`` would create the file (mode 0666 less the umask), not with
``tempfile.mkstemp``'s 0600: a CI uploader running as another user must read the reports.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: Path, text: str) -> None:
    temporary = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"
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
