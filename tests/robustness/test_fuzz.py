"""Property-based fuzzing of the whole per-file pipeline (read -> decode -> prefilter -> parse -> analysis -> rules).

Invariants, for any input:
  * no exception escapes, and no rule crashes (OPS000 is a caught crash: a bug);
  * the file appears in the result, analysed or as OPS001;
  * the same input gives the same findings in the same order.

The default budget (2,100 examples, derandomized so CI is repeatable)
runs in well under a minute. For a long run:

    OPSLINT_FUZZ_EXAMPLES=100000 pytest tests/robustness/test_fuzz.py

scales every test's share to that total, and OPSLINT_FUZZ_SEED=<n> picks new
random examples instead of the fixed CI ones.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path

import hypothesmith
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from linter.cli import cli
from linter.config.model import Settings
from linter.discovery import Target
from linter.findings import Finding
from linter.runner import RunOptions, run
from linter.testing import default_settings
from robust_support import DESTRUCTIVE, assert_no_crash

REPO = Path(__file__).resolve().parents[2]
DEFAULT_TOTAL = 2100
SHARES = {"grammar": 200, "mutation": 1600, "config": 100}
TOTAL = int(os.environ.get("OPSLINT_FUZZ_EXAMPLES", DEFAULT_TOTAL))
RANDOM_SEED = os.environ.get("OPSLINT_FUZZ_SEED")


def budget(name: str) -> settings:
    examples = max(1, SHARES[name] * TOTAL // DEFAULT_TOTAL)
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=RANDOM_SEED is None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def maybe_seed(test):  # type: ignore[no-untyped-def]
    return seed(int(RANDOM_SEED))(test) if RANDOM_SEED is not None else test


def scan(raw: bytes, settings_: Settings | None = None) -> list[Finding]:
    """One file through the real runner (read from a stream, prefilter on), checked against the invariants."""
    options = RunOptions(jobs=1)
    settings_ = settings_ or default_settings()
    target = Target("fuzzed.py", None, True)
    result = run([target], settings_, options, stdin=io.BytesIO(raw))
    assert result.files == ["fuzzed.py"] and result.files_scanned == 1
    crashes = [f for f in result.findings if f.rule == "OPS000"]
    assert not crashes, crashes[0].message
    assert all(f.path == "fuzzed.py" and f.line >= 1 and f.column >= 1 for f in result.findings)
    again = run([target], settings_, options, stdin=io.BytesIO(raw))
    assert again.findings == result.findings, "same input, different findings"
    return result.findings


# -- random programs from Python's grammar ------------------------------------------------------


@budget("grammar")
@maybe_seed
@given(source=hypothesmith.from_grammar())
def test_grammar_generated_programs(source: str) -> None:
    scan(source.encode("utf-8", "surrogatepass"))


@budget("grammar")
@maybe_seed
@given(source=hypothesmith.from_grammar(), where=st.integers(0, 10_000))
def test_grammar_generated_programs_around_a_delete(source: str, where: int) -> None:
    """The same, with a real destructive call spliced in at a line boundary, so the rules have work to do."""
    lines = source.splitlines(keepends=True)
    cut = where % (len(lines) + 1)
    scan("".join(lines[:cut] + [DESTRUCTIVE] + lines[cut:]).encode("utf-8", "surrogatepass"))


# -- mutations of real scripts ------------------------------------------------------------------


@lru_cache(maxsize=1)
def seeds() -> tuple[bytes, ...]:
    files = sorted((REPO / "examples").rglob("*.py")) + sorted((REPO / "tests" / "corpus").rglob("*.py"))
    found = tuple(path.read_bytes() for path in files if path.stat().st_size < 20_000)
    return found or (DESTRUCTIVE.encode(),)


INTERESTING = [
    b"\x00", b"\xff", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\t", b"\n    ", b"\\", b"(", b")", b"[", b"]", b"{",
    b'"', b"'", b'"""', b"#", b"# opslint: ignore[OPS101]", b"# -*- coding: latin-1 -*-\n", b"lambda: ",
    b"not ", b" and ", b"async ", b"await ", b"yield ", b"def ", b"class ", b":", b"=", b"*", b"**", b"@",
    b"if __name__ == '__main__':\n", b"shutil.rmtree(x)\n", b"\xe2\x80\xae", b"\xc3", b"f'{", b"}'",
]

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 20), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 1 << 20), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 20), st.sampled_from(range(len(INTERESTING)))),
    st.tuples(st.just("delete"), st.integers(0, 1 << 20), st.integers(1, 64)),
    st.tuples(st.just("duplicate"), st.integers(0, 1 << 20), st.integers(1, 200)),
)


def mutate(data: bytes, edits: list[tuple[str, int, int]]) -> bytes:
    for kind, position, value in edits:
        at = position % (len(data) + 1)
        if kind == "flip" and data:
            at %= len(data)
            data = data[:at] + bytes([data[at] ^ value]) + data[at + 1 :]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + INTERESTING[value] + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + value :]
        elif kind == "duplicate":
            data = data[:at] + data[at : at + value] * 2 + data[at + value :]
    return data


@budget("mutation")
@maybe_seed
@given(which=st.integers(0, 10_000), edits=st.lists(mutation, min_size=1, max_size=6))
def test_mutated_examples_and_corpus(which: int, edits: list[tuple[str, int, int]]) -> None:
    pool = seeds()
    scan(mutate(pool[which % len(pool)], edits))


# -- random configs -----------------------------------------------------------------------------

_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 100), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["OPS1", "OPS101", "OPS0", "ACME1", "x", "", "*", "**/*.py", "a\\", "(", "rm (-rf", "re:.*",
                     "shutil.rmtree", "delete_*", "error", "warning", "high", "base.yaml", ".opslint.yaml"]),
    st.text(max_size=8),
)
_key = st.sampled_from(
    ["extends", "select", "ignore", "severity", "unsuppressible", "include", "exclude", "per_file_ignores",
     "max_file_seconds", "cache_dir", "permanent_kwargs", "catalog", "guards", "ids", "custom_rules", "id", "call",
     "method", "receiver", "command", "sql", "args", "effect", "match", "message", "kind", "name",
     "dry_run_names", "execute_names", "OPS101", "tests/**", "0", "x"]
)
_value = st.recursive(_scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_key, inner, max_size=4), max_leaves=10)
_document = st.one_of(
    st.dictionaries(_key, _value, max_size=5).map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.text(max_size=60),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
)


@budget("config")
@maybe_seed
@given(document=_document)
def test_random_configs_are_an_error_or_a_working_run(document: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path_factory.mktemp("cfg")
    (root / ".opslint.yaml").write_text(document, encoding="utf-8", errors="surrogateescape")
    (root / "purge.py").write_text(DESTRUCTIVE)
    (root / "base.yaml").write_text("select: [OPS1]\n")
    result = CliRunner().invoke(
        cli, ["check", str(root), "--config", str(root / ".opslint.yaml"), "--no-cache", "-j", "1", "--format", "json"]
    )
    assert_no_crash(result.exit_code, result.stdout, result.stderr, result.exception)
    if result.exit_code == 2:
        [line] = result.stderr.splitlines()
        assert line.startswith("opslint: ") and "internal error" not in line, line
        assert result.stdout == ""
    else:
        assert '"files_scanned": 1' in result.stdout
        assert "OPS000" not in result.stdout
