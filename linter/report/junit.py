"""`--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure).

One testcase per scanned file; each finding in the file is a failure of its
testcase, so a clean file is a passing test. `failures` on the suite counts
failing testcases (files), as JUnit consumers expect.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from linter.findings import Finding
from linter.runner import RunResult

# XML 1.0 cannot carry most control characters, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def render(result: RunResult, **_: object) -> str:
    by_file: dict[str, list[Finding]] = {path: [] for path in result.files}
    for f in result.findings:
        by_file.setdefault(f.path, []).append(f)
    failing = sum(1 for findings in by_file.values() if findings)
    counts = {"tests": str(len(by_file)), "failures": str(failing), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "opslint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "opslint", **counts, "time": "0"})
    for path, findings in by_file.items():
        case = ET.SubElement(suite, "testcase", {"classname": "opslint", "name": _clean(path), "file": _clean(path)})
        for f in findings:
            failure = ET.SubElement(
                case,
                "failure",
                {"type": f"{f.rule} {f.name}".strip(), "message": _clean(f"{f.rule} [{f.severity}] {f.message}")},
            )
            failure.text = _clean(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
