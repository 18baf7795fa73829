"""The labelled corpus: realistic scripts under tests/corpus/, each finding marked inline.

A line that must produce findings ends with `# expect: OPS101` (several:
`# expect: OPS101, OPS103`). Every other finding is unexpected. A corpus file
with no `expect` marker must produce nothing. Precision and recall per rule
are printed at the end of the run (see conftest.py).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from linter.testing import lint_source

CORPUS = Path(__file__).parent / "corpus"
EXPECT = re.compile(r"#\s*expect:\s*(?P<rules>[A-Z]+[0-9]{3}(?:\s*,\s*[A-Z]+[0-9]{3})*)")
FILES = sorted(p for p in CORPUS.rglob("*.py"))

# rule -> Counter(tp=, fp=, fn=), filled by the tests, printed by conftest.py
STATS: dict[str, Counter[str]] = {}


def expected_findings(text: str) -> Counter[tuple[str, int]]:
    expected: Counter[tuple[str, int]] = Counter()
    for number, line in enumerate(text.splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            for rule in match.group("rules").split(","):
                expected[(rule.strip(), number)] += 1
    return expected


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_corpus_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = expected_findings(text)
    got: Counter[tuple[str, int]] = Counter(
        (f.rule, f.line) for f in lint_source(text, path=str(path.relative_to(CORPUS)))
    )
    for (rule, _), count in (expected & got).items():
        STATS.setdefault(rule, Counter())["tp"] += count
    for (rule, _), count in (got - expected).items():
        STATS.setdefault(rule, Counter())["fp"] += count
    for (rule, _), count in (expected - got).items():
        STATS.setdefault(rule, Counter())["fn"] += count
    missing = sorted(expected - got)
    unexpected = sorted(got - expected)
    assert not missing and not unexpected, f"missing: {missing}; unexpected: {unexpected}"


def test_corpus_is_substantial() -> None:
    clean = [p for p in FILES if not expected_findings(p.read_text(encoding="utf-8"))]
    assert len(FILES) >= 1
    assert len(clean) * 3 >= len(FILES), "at least a third of the corpus must be expected to produce nothing"
