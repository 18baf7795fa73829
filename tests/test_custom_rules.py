"""Custom rules declared in YAML: `forbid` and `require-guard`, reusing the built-in guard analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config.model import Settings
from linter.testing import case, lint_source, rule_lines, settings_from_yaml

CONFIG = """
catalog:
  - id: acme.insight.purge_site
    method: purge_site
    receiver: ["*insight*"]
    description: "Purges a whole Insight site and every app on it."
  - id: acme.insight.rpc_wipe
    url: 'insight\\.acme\\.io/rpc/sites\\.wipe\\b'
    description: "The Insight RPC endpoint that wipes a site."
custom_rules:
  - id: ACME001
    name: no-legacy-export
    message: the legacy export API leaks PII; use exports.v2
    severity: error
    kind: forbid
    match: {call: "acme.legacy.export_*"}
  - id: ACME002
    name: guard-site-purge
    message: site purges must sit behind --execute or a confirmation
    severity: error
    kind: require-guard
    match: {method: purge_site, receiver: ["*insight*"]}
"""


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return settings_from_yaml(CONFIG, tmp_path_factory.mktemp("acme"))


CASES = [
    case(
        """
        from acme.legacy import export_users
        export_users("all")
        """,
        "ACME001:2",
    ),
    case(
        """
        from acme.exports import v2
        v2.export_users("all")
        """
    ),
    case(
        """
        import argparse
        from acme import insight

        parser = argparse.ArgumentParser()
        parser.add_argument("--execute", action="store_true")
        args = parser.parse_args()
        if args.execute:
            insight.purge_site("s-1")
        """
    ),
    case(
        """
        import argparse
        from acme import insight

        parser = argparse.ArgumentParser()
        parser.add_argument("--execute", action="store_true")
        args = parser.parse_args()
        insight.purge_site("s-1")
        """,
        "ACME002:7",
    ),
    case(
        """
        import click
        from acme import insight

        def purge(site):
            if not click.confirm(f"Purge {site}?"):
                return
            insight.purge_site(site)
        """
    ),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_custom_rules(c, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    assert rule_lines(lint_source(c.source, settings), ["ACME"]) == sorted(c.expected)


def test_user_catalog_entry_feeds_the_built_in_rules(settings: Settings) -> None:
    source = "from acme import insight\n\ninsight.purge_site('s-1')\n"
    findings = lint_source(source, settings)
    assert "OPS101:3" in rule_lines(findings)
    ops101 = next(f for f in findings if f.rule == "OPS101")
    assert "insight.purge_site(...)" in ops101.message


def test_user_url_entry_matches_the_rpc_endpoint_it_names(settings: Settings) -> None:
    source = (
        "import requests\n"
        "RPC = 'https://insight.acme.io/rpc'\n"
        "requests.post(f'{RPC}/sites.wipe', json={'site': 's-1'})\n"
        "requests.post(f'{RPC}/sites.wipeout_report', json={'site': 's-1'})\n"
    )
    assert [line for line in rule_lines(lint_source(source, settings)) if line.startswith("OPS101")] == ["OPS101:3"]


def test_custom_rules_are_listed_by_opslint_rules(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from linter.cli import cli

    config = tmp_path / "acme.yaml"
    config.write_text(CONFIG)
    result = CliRunner().invoke(cli, ["rules", "--config", str(config)])
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[1:]}
    assert rows["ACME001"][1:] == ["no-legacy-export", "error", "yes"]
    assert rows["ACME002"][1:] == ["guard-site-purge", "error", "yes"]
