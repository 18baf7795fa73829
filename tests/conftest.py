from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    try:
        from test_corpus import STATS  # type: ignore[import-not-found]
    except ImportError:
        return
    if not STATS:
        return
    terminalreporter.write_line("")
    terminalreporter.write_line("labelled corpus: precision and recall per rule")
    terminalreporter.write_line(f"{'rule':<8} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}")
    for rule in sorted(STATS):
        c = STATS[rule]
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        terminalreporter.write_line(f"{rule:<8} {tp:>4} {fp:>4} {fn:>4} {precision:>10.2f} {recall:>8.2f}")
