"""Baselines: write, check only new findings, survive moves, resurrect on changed calls, count gone entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.baseline import BaselineEntry, BaselineError, fingerprints, read, render
from linter.cli import cli
from linter.findings import Finding

CONFIG = """
# Only the rules these tests control; built-in rules that land later must not change the counts.
select: [ACME, OPS0]
custom_rules:
  - id: ACME001
    name: no-rmtree
    message: "shutil.rmtree is permanent"
    severity: error
    kind: forbid
    match: {call: shutil.rmtree}
  - id: ACME002
    name: no-os-remove
    message: "os.remove is permanent"
    severity: warning
    kind: forbid
    match: {call: os.remove}
"""

SCRIPT = """\
import os
import shutil


def clean_cache(path):
    shutil.rmtree(path)


def clean_locks(path):
    os.remove(path)
    os.remove(path)
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".opslint.yaml").write_text(CONFIG)
    (tmp_path / "ops").mkdir()
    (tmp_path / "ops" / "cleanup.py").write_text(SCRIPT)
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("baseline", "ops")
    assert code == 0, err
    assert "wrote 3 findings" in err
    return tmp_path


def check(*args: str) -> tuple[int, str, str]:
    return invoke("check", "--baseline", ".opslint-baseline.json", "--format", "json", *args)


def new_rules(out: str) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in json.loads(out)["findings"]]


def rewrite(project: Path, text: str) -> None:
    (project / "ops" / "cleanup.py").write_text(text)


def test_baseline_file_is_versioned_sorted_and_line_free(project: Path) -> None:
    payload = json.loads((project / ".opslint-baseline.json").read_text())
    assert payload["version"] == 1
    entries = payload["findings"]
    assert [(e["rule"], e["path"], e["scope"]) for e in entries] == [
        ("ACME001", "ops/cleanup.py", "clean_cache"),
        ("ACME002", "ops/cleanup.py", "clean_locks"),
        ("ACME002", "ops/cleanup.py", "clean_locks"),
    ]
    assert entries[1]["fingerprint"] != entries[2]["fingerprint"]
    assert "line" not in json.dumps(entries)
    first = (project / ".opslint-baseline.json").read_text()
    invoke("baseline", "ops")
    assert (project / ".opslint-baseline.json").read_text() == first


def test_everything_baselined_passes(project: Path) -> None:
    code, out, err = check("ops")
    assert code == 0
    assert new_rules(out) == []
    assert "3 findings baselined" in err
    assert "gone" not in err


def test_only_a_new_finding_fails(project: Path) -> None:
    rewrite(project, SCRIPT + "\n\ndef clean_tmp(path):\n    shutil.rmtree(path)\n")
    code, out, err = check("ops")
    assert code == 1
    assert new_rules(out) == [("ACME001", 15)]
    assert "3 findings baselined" in err


def test_inserted_lines_and_moved_functions_stay_baselined(project: Path) -> None:
    moved = (
        '"""Cleanup jobs.\n\nRun nightly.\n"""\n'
        "import os\nimport shutil\n\n\n"
        "def clean_locks(path):\n    # remove the stale locks\n    os.remove(path)\n\n    os.remove(path)\n\n\n"
        "def clean_cache(path):\n    shutil.rmtree(  path )\n"
    )
    rewrite(project, moved)
    code, out, err = check("ops")
    assert (code, new_rules(out)) == (0, [])
    assert "3 findings baselined" in err


def test_changing_the_destructive_call_resurrects_it(project: Path) -> None:
    rewrite(project, SCRIPT.replace("shutil.rmtree(path)", "shutil.rmtree('/')"))
    code, out, _ = check("ops")
    assert code == 1
    assert new_rules(out) == [("ACME001", 6)]


def test_same_call_in_another_function_is_new(project: Path) -> None:
    rewrite(project, SCRIPT.replace("def clean_cache(path):", "def clean_everything(path):"))
    code, out, _ = check("ops")
    assert code == 1 and new_rules(out) == [("ACME001", 6)]


def test_a_third_identical_statement_is_new(project: Path) -> None:
    rewrite(project, SCRIPT + "    os.remove(path)\n")
    code, out, _ = check("ops")
    assert code == 1 and new_rules(out) == [("ACME002", 12)]


def test_fixed_findings_are_counted_as_gone(project: Path) -> None:
    rewrite(project, SCRIPT.replace("    shutil.rmtree(path)\n", "    pass\n").replace("    os.remove(path)\n", "", 1))
    code, out, err = check("ops")
    assert (code, new_rules(out)) == (0, [])
    assert "1 finding baselined" in err
    assert "2 baseline entries are gone" in err


def test_deleted_file_entries_are_gone(project: Path) -> None:
    (project / "ops" / "cleanup.py").unlink()
    (project / "ops" / "other.py").write_text("print('x')\n")
    _, _, err = check("ops")
    assert "3 baseline entries are gone" in err


def test_unscanned_files_are_not_gone(project: Path) -> None:
    (project / "ops" / "other.py").write_text("print('x')\n")
    code, _, err = check("ops/other.py")
    assert code == 0
    assert "0 findings baselined" in err and "gone" not in err


def test_baseline_works_from_another_directory(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "ops")
    code, out, err = invoke("check", "--baseline", "../.opslint-baseline.json", "--format", "json", ".")
    assert (code, new_rules(out)) == (0, [])
    assert "3 findings baselined" in err


def test_baseline_applies_to_every_format(project: Path) -> None:
    rewrite(project, SCRIPT + "\n\ndef clean_tmp(path):\n    shutil.rmtree(path)\n")
    code, out, _ = invoke("check", "--baseline", ".opslint-baseline.json", "--format", "github", "ops")
    assert code == 1 and out.count("::error") == 1 and "line=15" in out


def test_baseline_output_option(project: Path) -> None:
    code, _, err = invoke("baseline", "--output", "ci/accepted.json", "ops")
    assert code == 2 and "cannot write ci/accepted.json" in err
    (project / "ci").mkdir()
    code, _, _ = invoke("baseline", "--output", "ci/accepted.json", "ops")
    assert code == 0
    entries = json.loads((project / "ci" / "accepted.json").read_text())["findings"]
    assert {e["path"] for e in entries} == {"../ops/cleanup.py"}
    code, _, err = invoke("check", "--baseline", "ci/accepted.json", "ops")
    assert code == 0 and "3 findings baselined" in err


def test_baseline_respects_select(project: Path) -> None:
    invoke("baseline", "--select", "ACME002", "ops")
    code, out, _ = check("ops")
    assert code == 1 and new_rules(out) == [("ACME001", 6)]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "not an opslint baseline"),
        ('{"version": 99, "findings": []}', "unsupported baseline version 99"),
        ('{"version": 1, "findings": {}}', "'findings' must be a list"),
        ('{"version": 1, "findings": [{"rule": "OPS101"}]}', "findings[0] needs string fields"),
        (b"\xff\xfe\x00garbage", "cannot read baseline file"),
    ],
)
def test_broken_baseline_is_a_one_line_error_exit_2(project: Path, content: str | bytes, expected: str) -> None:
    path = project / "broken.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    code, out, err = invoke("check", "--baseline", "broken.json", "ops")
    assert code == 2
    assert out == ""
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_baseline_exit_2(project: Path) -> None:
    code, _, err = invoke("check", "--baseline", "nope.json", "ops")
    assert code == 2 and "baseline file not found: nope.json" in err


def test_read_rejects_garbage_directly(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text('{"version": 1}')
    with pytest.raises(BaselineError):
        read(tmp_path / "b.json")


def test_render_is_sorted_and_stable() -> None:
    entries = [BaselineEntry("b.py", "OPS1", "", "2"), BaselineEntry("a.py", "OPS2", "f", "1")]
    assert render(entries) == render(reversed(entries))
    assert [e["path"] for e in json.loads(render(entries))["findings"]] == ["a.py", "b.py"]


def test_fingerprints_ignore_positions_and_path_spelling() -> None:
    a = Finding("./x.py", 3, 5, "OPS101", 3, 9, snippet="shutil.rmtree(p)", scope="f")
    b = Finding("x.py", 30, 1, "OPS101", 30, 5, snippet="shutil.rmtree(p)", scope="f")
    assert fingerprints([a]) == fingerprints([b])
    assert fingerprints([a]) != fingerprints([Finding("x.py", 3, 5, "OPS101", snippet="shutil.rmtree(q)", scope="f")])


def test_findings_without_a_statement_ignore_numbers_in_the_message() -> None:
    a = Finding("x.py", 3, 5, "OPS001", message="syntax error at line 3")
    b = Finding("x.py", 9, 5, "OPS001", message="syntax error at line 9")
    assert fingerprints([a]) == fingerprints([b])


def test_reformatting_keeps_the_fingerprint() -> None:
    def one(snippet: str) -> list[str]:
        return fingerprints([Finding("x.py", 1, 1, "OPS101", snippet=snippet, scope="f")])

    assert one("client.delete_objects(Bucket='b', Delete=keys)") == one(
        'client.delete_objects( Bucket="b",  Delete=keys, )'
    )
    assert one("client.delete_objects(Bucket='b')") != one("client.delete_objects(Bucket='c')")


def test_cached_and_parallel_runs_fingerprint_the_same(project: Path) -> None:
    (project / "ops" / "more.py").write_text("import shutil\n\ndef wipe(p):\n    shutil.rmtree(p)\n")
    invoke("baseline", "--jobs", "2", "ops")
    for args in (("--jobs", "1", "--no-cache"), ("--jobs", "2"), ("--jobs", "2")):  # the last one reads the cache
        code, out, err = check(*args, "ops")
        assert (code, new_rules(out)) == (0, []), err
        assert "4 findings baselined" in err


class _ReportsLoopsAndCalls:
    """A stand-in rule: reports every `for` loop and every call to `wipe` (the built-in rules may change)."""

    id, name, severity = "OPS997", "loops-and-wipes", "warning"

    def check(self, analysis):  # type: ignore[no-untyped-def]
        import libcst as cst

        from linter.checks.base import Report

        for site in analysis.calls:
            if (site.callee or "").endswith("wipe"):
                yield Report(site.node, "wipe")
        for parent in set(analysis.parents.values()):
            if isinstance(parent, cst.For):
                yield Report(parent, "loop")


def _prints(source: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    from linter import engine
    from linter.testing import lint_source

    monkeypatch.setattr(engine, "active_rules", lambda settings, path: [_ReportsLoopsAndCalls()])
    findings = [f for f in lint_source(source) if f.rule == "OPS997"]
    return sorted(zip((f.message for f in findings), fingerprints(findings)))


def test_a_loop_is_identified_by_its_header_not_its_body(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _prints("def go(ids):\n    for i in ids:\n        wipe(i)\n", monkeypatch)
    grown = _prints("def go(ids):\n    for i in ids:  # nightly\n        log(i)\n        wipe(i)\n    else:\n        done()\n", monkeypatch)
    assert before == grown
    assert before != _prints("def go(ids):\n    for i in ids[:10]:\n        wipe(i)\n", monkeypatch)


def test_comments_inside_a_call_do_not_count(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _prints("def go(ids):\n    wipe(ids, force=True)\n", monkeypatch)
    commented = _prints("def go(ids):\n    # the big one\n    wipe(  # all of them\n        ids,\n        force=True,  # no undo\n    )\n", monkeypatch)
    assert plain == commented
    assert plain != _prints("def go(ids):\n    wipe(ids, force=False)\n", monkeypatch)
