"""Reading a target's bytes and decoding them as Python source (PEP 263).

read_source never raises for a file problem and never writes: an unreadable,
vanished, non-regular, binary or undecodable file comes back as a SourceText
with `text=None` and a one-line `error` plus the line/column it refers to.
Anything that is not a regular file is never opened for reading (opening a
FIFO would block).
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import sys
import tokenize
from dataclasses import dataclass
from typing import BinaryIO

from linter.discovery import Target

__all__ = ["SourceText", "read_source", "decode_source"]


@dataclass
class SourceText:
    text: str | None  # decoded source, None when it could not be read/decoded
    raw: bytes | None  # the bytes read, None when nothing could be read
    error: str | None  # one-line human message when unreadable/undecodable
    error_line: int = 1  # 1-based line the error refers to (1 if unknown)
    error_column: int = 1  # 1-based byte column within that line (1 if unknown)
    # (size, mtime in ns) of the file as it was opened, before reading: what the cache's index keeps
    stamp: tuple[int, int] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, byte column) of byte `offset`; \\n, \\r\\n and lone \\r end lines."""
    lines = raw[:offset].splitlines(keepends=True)
    if not lines:
        return 1, offset + 1
    last = lines[-1]
    if last.endswith((b"\n", b"\r")):
        return len(lines) + 1, 1
    return len(lines), len(last) + 1


def _first_two_lines(raw: bytes) -> list[bytes]:
    """Where a PEP 263 coding line may be; a BOM before it does not hide it."""
    return raw.removeprefix(b"\xef\xbb\xbf").splitlines()[:2]


def _cookie_line(raw: bytes) -> int:
    for number, line in enumerate(_first_two_lines(raw), start=1):
        if _COOKIE.match(line):
            return number
    return 1


def _reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        reason = "permission denied"
    elif isinstance(exc, FileNotFoundError):
        reason = "file no longer exists"
    elif isinstance(exc, IsADirectoryError):
        reason = "is a directory"
    elif exc.errno == errno.ELOOP:
        reason = "symlink loop"
    else:
        reason = (exc.strerror or exc.__class__.__name__).lower()
    return reason


def _read_error(exc: OSError) -> str:
    return f"cannot read file: {_reason(exc)}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "not a regular file (FIFO)"
    if stat.S_ISSOCK(mode):
        return "not a regular file (socket)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (device)"
    return "not a regular file"


def decode_source(raw: bytes) -> SourceText:
    """Decode `raw` per PEP 263 (BOM, coding cookie, default utf-8)."""
    nul = raw.find(b"\x00")
    if nul != -1:
        line, column = _position(raw, nul)
        return SourceText(None, raw, "file contains a NUL byte; not Python source", line, column)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        # An unknown encoding in the cookie or a BOM contradicting it; or, with
        # no cookie, undecodable bytes on the first two lines (where a cookie
        # may be): then decode as utf-8 below to report the exact byte.
        if any(_COOKIE.match(line) for line in _first_two_lines(raw)):
            message = str(exc.msg if getattr(exc, "msg", None) else exc)
            return SourceText(
                None, raw, f"bad encoding declaration: {message}", _cookie_line(raw), 1
            )
        encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        start = exc.start
        if encoding == "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf") and not exc.object.startswith(
            b"\xef\xbb\xbf"
        ):
            start += 3  # the codec reported an offset past the BOM
        line, column = _position(raw, start)
        name = "utf-8" if encoding == "utf-8-sig" else encoding
        return SourceText(
            None, raw, f"not valid {name} text at byte {start} (line {line})", line, column
        )
    except LookupError as exc:  # e.g. a cookie naming a non-text codec (rot13)
        return SourceText(None, raw, f"bad encoding declaration: {exc}", _cookie_line(raw), 1)
    return SourceText(text, raw, None, 1, 1)


def _read_stdin(stdin: BinaryIO | None) -> SourceText:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        raw = stream.read()
    except OSError as exc:
        return SourceText(None, None, f"cannot read standard input: {_reason(exc)}", 1, 1)
    if isinstance(raw, str):  # a text stream was passed; be lenient
        raw = raw.encode("utf-8", errors="surrogateescape")
    return decode_source(raw)


def read_source(target: Target, stdin: BinaryIO | None = None) -> SourceText:
    """Read and decode one target. Never raises for file problems."""
    if target.fs_path is None:
        return _read_stdin(stdin)
    path = target.fs_path
    try:
        st = os.stat(path)
    except OSError as exc:
        return SourceText(None, None, _read_error(exc), 1, 1)
    if not stat.S_ISREG(st.st_mode):
        return SourceText(None, None, f"cannot read file: {_kind(st.st_mode)}", 1, 1)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return SourceText(None, None, _read_error(exc), 1, 1)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped between stat and open
            return SourceText(None, None, f"cannot read file: {_kind(st.st_mode)}", 1, 1)
        chunks: list[bytes] = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    except OSError as exc:
        return SourceText(None, None, _read_error(exc), 1, 1)
    finally:
        os.close(fd)
    source = decode_source(b"".join(chunks))
    source.stamp = (st.st_size, st.st_mtime_ns)
    return source
