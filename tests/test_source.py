"""Reading sources: PEP 263 decoding and every way a file can be unreadable."""

from __future__ import annotations

import io
import os
import stat
import threading
from pathlib import Path

import pytest

from linter.discovery import Target
from linter.source import SourceText, decode_source, read_source


def target(path: Path) -> Target:
    return Target(path.name, str(path), True)


def read(tmp_path: Path, data: bytes, name: str = "x.py") -> SourceText:
    path = tmp_path / name
    path.write_bytes(data)
    return read_source(target(path))


def test_plain_utf8(tmp_path):
    src = read(tmp_path, "msg = 'héllo ✓'\n".encode())
    assert src.error is None and src.ok
    assert src.text == "msg = 'héllo ✓'\n"
    assert src.raw == "msg = 'héllo ✓'\n".encode()


def test_empty_file(tmp_path):
    src = read(tmp_path, b"")
    assert (src.text, src.error) == ("", None)


def test_latin1_with_coding_cookie_decodes(tmp_path):
    data = b"#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nname = '\xe9t\xe9'\n"
    src = read(tmp_path, data)
    assert src.error is None
    assert src.text == "#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nname = 'été'\n"


def test_latin1_without_cookie_reports_line_and_byte(tmp_path):
    data = b"a = 1\nb = 2\nname = '\xe9t\xe9'\n"
    src = read(tmp_path, data)
    assert src.text is None
    assert src.raw == data
    assert src.error == "not valid utf-8 text at byte 20 (line 3)"
    assert (src.error_line, src.error_column) == (3, 9)


def test_invalid_utf8_on_first_line_reports_the_byte(tmp_path):
    src = read(tmp_path, b"x = '\xff'\n")
    assert src.error == "not valid utf-8 text at byte 5 (line 1)"
    assert (src.error_line, src.error_column) == (1, 6)


def test_bom_is_removed(tmp_path):
    src = read(tmp_path, b"\xef\xbb\xbfx = 1\r\n")
    assert src.error is None
    assert src.text == "x = 1\r\n"


def test_bom_with_bad_byte_later_counts_bom_bytes(tmp_path):
    src = read(tmp_path, b"\xef\xbb\xbfx = 1\ny = '\xff'\n")
    assert src.error == "not valid utf-8 text at byte 14 (line 2)"
    assert src.error_line == 2


def test_unknown_encoding_cookie(tmp_path):
    src = read(tmp_path, b"#!/usr/bin/env python3\n# coding: klingon\nx = 1\n")
    assert src.text is None
    assert src.error.startswith("bad encoding declaration:")
    assert "klingon" in src.error
    assert src.error_line == 2


def test_non_text_codec_cookie_is_an_error_not_a_crash(tmp_path):
    src = read(tmp_path, b"# coding: rot13\nx = 1\n")
    assert src.text is None and src.error.startswith("bad encoding declaration:")


def test_newlines_are_kept_exactly(tmp_path):
    data = b"a = 1\r\nb = 2\rc = 3\n"
    src = read(tmp_path, data)
    assert src.text == "a = 1\r\nb = 2\rc = 3\n"


def test_nul_byte(tmp_path):
    src = read(tmp_path, b"x = 1\ny = 2\x00\n")
    assert src.text is None
    assert src.error == "file contains a NUL byte; not Python source"
    assert (src.error_line, src.error_column) == (2, 6)


def test_line_numbers_count_lone_cr_and_crlf():
    src = decode_source(b"a\rb\r\nc\n\xff")
    assert src.error_line == 4 and src.error_column == 1


def test_vanished_file(tmp_path):
    path = tmp_path / "gone.py"
    path.write_text("x = 1\n")
    t = target(path)
    path.unlink()
    src = read_source(t)
    assert src.text is None and src.raw is None
    assert src.error == "cannot read file: file no longer exists"
    assert src.error_line == 1


def test_directory(tmp_path):
    (tmp_path / "d.py").mkdir()
    src = read_source(target(tmp_path / "d.py"))
    assert src.error == "cannot read file: is a directory"


def test_permission_denied(tmp_path):
    path = tmp_path / "secret.py"
    path.write_text("x = 1\n")
    path.chmod(0)
    try:
        try:
            path.read_bytes()
            can_read = True  # running as root: modes are not enforced
        except PermissionError:
            can_read = False
        src = read_source(target(path))
        if can_read:
            assert (src.text, src.error) == ("x = 1\n", None)
        else:
            assert src.text is None
            assert src.error == "cannot read file: permission denied"
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_never_opened(tmp_path):
    path = tmp_path / "pipe.py"
    os.mkfifo(path)
    result: list[SourceText] = []
    worker = threading.Thread(target=lambda: result.append(read_source(target(path))), daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), "read_source hung on a FIFO"
    assert result[0].text is None
    assert result[0].error == "cannot read file: not a regular file (FIFO)"


def test_symlink_loop(tmp_path):
    os.symlink("b.py", tmp_path / "a.py")
    os.symlink("a.py", tmp_path / "b.py")
    src = read_source(target(tmp_path / "a.py"))
    assert src.text is None and src.error == "cannot read file: symlink loop"


def test_stdin():
    src = read_source(Target("-", None, True), stdin=io.BytesIO(b"# coding: latin-1\nx = '\xe9'\n"))
    assert src.text == "# coding: latin-1\nx = 'é'\n"
    bad = read_source(Target("-", None, True), stdin=io.BytesIO(b"x = '\xe9'\n"))
    assert bad.error == "not valid utf-8 text at byte 5 (line 1)"


def test_stdin_read_error():
    class Broken(io.RawIOBase):
        def read(self, *args):
            raise OSError(5, "Input/output error")

    src = read_source(Target("-", None, True), stdin=Broken())
    assert src.text is None
    assert src.error == "cannot read standard input: input/output error"


def test_reading_never_writes(tmp_path):
    path = tmp_path / "x.py"
    path.write_bytes(b"x = 1\n")
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    read_source(target(path))
    after = path.stat()
    assert after.st_mtime_ns == before.st_mtime_ns
    assert sorted(os.listdir(tmp_path)) == ["x.py"]
