"""Bad source never crashes opslint: each file gives its correct findings or one located OPS001.

Every case runs through the real CLI (in-process). A case is the file's bytes
and either the rules expected at the destructive call, or the OPS001 expected:
its line and a piece of its message.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from linter import engine
from robust_support import DESTRUCTIVE, DESTRUCTIVE_LINE, run_check, write


@dataclass(frozen=True)
class Broken:
    """A file opslint cannot analyse: OPS001 at `line`, message containing `words`."""

    content: bytes
    line: int
    words: str


@dataclass(frozen=True)
class Analysable:
    """A file opslint must analyse despite its oddity: these rules at `line`."""

    content: bytes
    line: int
    rules: tuple[str, ...] = ("OPS101", "OPS201")


def destructive(prefix: bytes = b"", newline: bytes = b"\n") -> bytes:
    return prefix + DESTRUCTIVE.encode().replace(b"\n", newline)


BROKEN = {
    "python2 print": Broken(b"import shutil\nprint 'cleaning'\nshutil.rmtree('/tmp/x')\n", 2, "syntax error"),
    "python2 raise": Broken(b"import os\nif os.sep:\n    raise OSError, 'bad path'\n", 3, "syntax error"),
    "python2 octal mode": Broken(b"import os\nos.chmod('/tmp/x', 0777)\n", 2, "syntax error"),
    "unterminated string": Broken(b"import shutil\nshutil.rmtree('/tmp/x)\n", 2, "unterminated string"),
    "unterminated triple quote": Broken(b'x = 1\ndoc = """never closed\n\n', 2, "unterminated triple-quoted"),
    "stray indentation": Broken(b"import shutil\n    shutil.rmtree('/tmp/x')\n", 2, "unexpected indent"),
    "inconsistent tabs and spaces": Broken(b"if True:\n\tx = 1\n        y = 2\n", 3, "inconsistent use of tabs"),
    "NUL byte": Broken(b"import shutil\nx = 1\x00\n", 2, "NUL byte"),
    "binary named .py": Broken(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", 3, "NUL byte"),
    "latin-1 without coding line": Broken(b"import shutil\nname = 'caf\xe9'\n", 2, "not valid utf-8"),
    "unknown coding line": Broken(b"# -*- coding: klingon -*-\nx = 1\n", 1, "bad encoding declaration"),
    "coding line contradicting BOM": Broken(b"\xef\xbb\xbf# coding: latin-1\nx = 1\n", 1, "encoding"),
    "nesting beyond CPython's bracket limit": Broken(b"x = " + b"(" * 1000 + b"1" + b")" * 1000 + b"\n", 1, "too many nested parentheses"),
    "chain beyond CPython's parser": Broken(b"import shutil\nx = " + b"-" * 5000 + b"1\nshutil.rmtree(p)\n", 2, "too deeply nested"),
}

ANALYSABLE = {
    "latin-1 with coding line": Analysable(
        b"# -*- coding: latin-1 -*-\nimport shutil\nimport sys\nshutil.rmtree(sys.argv[1])  # caf\xe9\n", 4
    ),
    "UTF-8 BOM": Analysable(destructive(b"\xef\xbb\xbf"), DESTRUCTIVE_LINE),
    "CRLF line endings": Analysable(destructive(newline=b"\r\n"), DESTRUCTIVE_LINE),
    "lone CR line endings": Analysable(destructive(newline=b"\r"), DESTRUCTIVE_LINE),
    "no newline at end": Analysable(destructive().rstrip(b"\n"), DESTRUCTIVE_LINE),
    "tabs and spaces in separate blocks": Analysable(
        b"import shutil\nimport sys\nif sys.argv:\n\tx = 1\nif x:\n        shutil.rmtree(sys.argv[1])\n", 6
    ),
    "1,000 nested unary operators": Analysable(destructive(b"x = " + b"-" * 1000 + b"1\n"), DESTRUCTIVE_LINE + 1),
    "1,000-term concatenation": Analysable(destructive(b"x = " + b" + ".join([b"'a'"] * 1000) + b"\n"), DESTRUCTIVE_LINE + 1),
    "1,000 chained lambdas": Analysable(destructive(b"f = " + b"lambda: " * 1000 + b"0\n"), DESTRUCTIVE_LINE + 1),
    "1,000 chained ands": Analysable(destructive(b"ok = " + b" and ".join([b"a"] * 1000) + b"\n"), DESTRUCTIVE_LINE + 1),
    "200 nested lists": Analysable(destructive(b"x = " + b"[" * 199 + b"]" * 199 + b"\n"), DESTRUCTIVE_LINE + 1),
}


@pytest.mark.parametrize("case", list(BROKEN.values()), ids=list(BROKEN))
def test_unanalysable_file_is_one_located_ops001(project: Path, case: Broken) -> None:
    write(project / "bad.py", case.content)
    run = run_check("bad.py")
    assert run.report["files_scanned"] == 1
    [finding] = [f for f in run.findings if f["path"] == "bad.py"]
    assert finding["rule"] == "OPS001", finding
    assert (finding["line"], case.words) == (case.line, case.words) and case.words in finding["message"], finding
    assert finding["column"] >= 1


@pytest.mark.parametrize("case", list(ANALYSABLE.values()), ids=list(ANALYSABLE))
def test_odd_but_valid_file_gets_its_findings(project: Path, case: Analysable) -> None:
    write(project / "odd.py", case.content)
    run = run_check("odd.py", "--select", "OPS0,OPS101,OPS201")
    got = sorted((f["rule"], f["line"]) for f in run.findings)
    assert got == sorted((rule, case.line) for rule in case.rules), run.findings


@pytest.mark.parametrize("content", [b"", b"# only a comment\n# and another\n", b"\n\n\n", b"\xef\xbb\xbf"])
def test_empty_and_comment_only_files_are_scanned_and_clean(project: Path, content: bytes) -> None:
    write(project / "empty.py", content)
    run = run_check(".")
    assert run.report["files_scanned"] == 1
    assert run.findings == []


def test_ten_thousand_element_id_list_is_analysed(project: Path) -> None:
    ids = "".join(f'    "site-{i:06d}",\n' for i in range(10_000))
    source = f"import sys\nSITE_IDS = [\n{ids}]\nfor site in SITE_IDS:\n    client.delete_site(site)\n"
    write(project / "ids.py", source)
    started = time.monotonic()
    run = run_check("ids.py")
    assert time.monotonic() - started < 30
    rules = run.rules_for("ids.py")
    assert "OPS101" in rules and "OPS001" not in rules and "OPS000" not in rules, run.findings


def test_five_megabyte_generated_file_is_scanned(project: Path) -> None:
    rows = []
    size, index = 0, 0
    while size < 5_000_000:
        row = f'SITE_{index} = {{"id": "{index:08d}", "name": "site-{index}", "tags": ["a", "b"]}}\n'
        rows.append(row)
        size += len(row)
        index += 1
    write(project / "generated_sites.py", "".join(rows))
    run = run_check(".")
    assert run.report["files_scanned"] == 1
    assert run.findings == []


def test_deep_nesting_never_reaches_libcst_in_a_real_process(project: Path) -> None:
    """LibCST's native parser segfaults near 1,300 nested brackets; a crash kills the process, so run one."""
    write(project / "deep_brackets.py", b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n" + destructive())
    write(project / "deep_ands.py", destructive(b"ok = " + b" and ".join([b"a"] * 8000) + b"\n"))
    write(project / "deep_lambdas.py", destructive(b"f = " + b"lambda: " * 4000 + b"0\n"))
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--no-cache", "-j", "1", "-q", "--fail-on", "never", "."],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for name in ("deep_brackets.py", "deep_ands.py", "deep_lambdas.py"):
        assert f"{name}:" in proc.stdout and "OPS001" in proc.stdout, proc.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])  # in-process, and in forked workers
def test_file_over_time_limit_is_ops001_not_dropped(project: Path, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    write(project / ".opslint.yaml", "max_file_seconds: 0.2\n")
    write(project / "slow.py", destructive())
    write(project / "fast.py", destructive())
    real_build = engine.build

    def slow_build(display_path: str, *args: object, **kwargs: object) -> object:
        if display_path == "slow.py":
            time.sleep(5)
        return real_build(display_path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "build", slow_build)
    started = time.monotonic()
    run = run_check(".", "-j", jobs, "--select", "OPS0,OPS101")
    assert time.monotonic() - started < 4.5
    slow = [f for f in run.findings if f["path"] == "slow.py"]
    assert [(f["rule"], f["line"]) for f in slow] == [("OPS001", 1)]
    assert "analysis timed out after 0.2 s" in slow[0]["message"]
    assert run.rules_for("fast.py") == ["OPS101"]


def test_time_limit_does_not_leak_an_alarm(project: Path) -> None:
    write(project / ".opslint.yaml", "max_file_seconds: 0.3\n")
    write(project / "a.py", destructive())
    run_check("a.py", "-j", "1")
    time.sleep(0.5)  # an alarm left armed would raise here


def test_analysis_recursion_error_is_located(monkeypatch: pytest.MonkeyPatch) -> None:
    from linter.testing import default_settings

    def overflow(*_: object, **__: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(engine, "build", overflow)
    source = "import shutil\n\nx = " + "-" * 300 + "1\nshutil.rmtree(p)\n"
    [finding] = engine.lint_text("deep.py", source, default_settings()).findings
    assert (finding.rule, finding.line) == ("OPS001", 3)
    assert "too deeply nested" in finding.message
