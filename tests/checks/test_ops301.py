import pytest

from linter.checks.ops301_untyped_id_list import suggested_type
from linter.testing import assert_case, case

CASES = [
    # a literal list of strings
    case('''
        from insight import client
        site_ids = ["s-1", "s-2"]
        for site_id in site_ids:
            client.delete_site(site_id)
    ''', "OPS301:2"),
    # read from a file, reported where it is bound, not again in the helper
    case('''
        import sys
        from insight import client

        def purge(app_ids):
            for app_id in app_ids:
                client.permanently_delete(app_id)

        def main():
            with open(sys.argv[1]) as f:
                app_ids = [line.strip() for line in f]
            purge(app_ids)
    ''', "OPS301:10"),
    # an annotated plain parameter is untyped whatever the caller passes
    case('''
        from insight import client
        def purge(app_ids: list[str]) -> None:
            for app_id in app_ids:
                client.permanently_delete(app_id)
    ''', "OPS301:2"),
    # Sequence[str], set[int], tuple[str, ...] are plain too
    case('''
        from typing import Sequence
        from insight import client
        def a(app_ids: Sequence[str]):
            client.delete_apps(app_ids)
        def b(site_ids: "set[int]"):
            for s in site_ids:
                client.delete_site(s)
    ''', "OPS301:3", "OPS301:5"),
    # NewType elements are typed: silent
    case('''
        from typing import NewType
        from insight import client
        AppId = NewType("AppId", str)
        def purge(app_ids: list[AppId]) -> None:
            for app_id in app_ids:
                client.permanently_delete(app_id)
    '''),
    # typed by what built it
    case('''
        import sys
        from typing import NewType
        from insight import client
        AppId = NewType("AppId", str)
        raw = open(sys.argv[1]).read().split()
        app_ids = [AppId(x) for x in raw]
        for app_id in app_ids:
            client.permanently_delete(app_id)
    '''),
    # a function annotated -> list[AppId]
    case('''
        import sys
        from ids import AppId
        from insight import client
        def load(path) -> list[AppId]:
            return [AppId.parse(x) for x in open(path)]
        for app_id in load(sys.argv[1]):
            client.permanently_delete(app_id)
    '''),
    # an iterable whose loop variable has an ID name is an ID collection
    case('''
        import csv
        from insight import client
        rows = [r[0] for r in csv.reader(open("ids.csv"))]
        for site_id in rows:
            client.delete_site(site_id)
    ''', "OPS301:3"),
    # argparse nargs without a type: reported at the option
    case('''
        import argparse
        from insight import client
        parser = argparse.ArgumentParser()
        parser.add_argument("--app-ids", nargs="+")
        args = parser.parse_args()
        for app_id in args.app_ids:
            client.permanently_delete(app_id)
    ''', "OPS301:4"),
    # argparse with a distinct type: typed
    case('''
        import argparse
        from insight import client, AppId
        parser = argparse.ArgumentParser()
        parser.add_argument("--app-ids", nargs="+", type=AppId)
        args = parser.parse_args()
        for app_id in args.app_ids:
            client.permanently_delete(app_id)
    '''),
    # click multiple=True
    case('''
        import click
        from insight import client
        @click.command()
        @click.option("--site-id", "site_ids", multiple=True)
        def main(site_ids):
            for site_id in site_ids:
                client.delete_site(site_id)
    ''', "OPS301:4"),
    # IDs listed from the API the script acts on: the listing fixes their kind
    case('''
        import boto3
        ec2 = boto3.client("ec2")
        snapshot_ids = [s["SnapshotId"] for s in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]]
        for snapshot_id in snapshot_ids:
            ec2.delete_snapshot(SnapshotId=snapshot_id)
    '''),
    # a list of something other than IDs
    case('''
        import shutil
        paths = ["/tmp/a", "/tmp/b"]
        for path in paths:
            shutil.rmtree(path)
    '''),
    # through self, set in __init__ and read in another method
    case('''
        import os
        from insight import client
        class Cleaner:
            def __init__(self):
                self.site_ids = os.environ["SITE_IDS"].split(",")
            def run(self):
                for site_id in self.site_ids:
                    client.delete_site(site_id)
    ''', "OPS301:5"),
    # through a module global and an f-string URL
    case('''
        import requests
        APP_IDS = ["a-1", "a-2"]
        def purge():
            for app_id in APP_IDS:
                requests.delete(f"https://api.example.com/apps/{app_id}")
    ''', "OPS301:2"),
    # .append builds the list from stdin
    case('''
        import sys
        from insight import client
        site_ids = []
        for line in sys.stdin:
            site_ids.append(line.strip())
        client.delete_sites(site_ids)
    ''', "OPS301:3"),
    # a generator helper yields the IDs
    case('''
        from insight import client
        def read_ids(path):
            with open(path) as f:
                for line in f:
                    yield line.strip()
        def main():
            app_ids = list(read_ids("ids.txt"))
            for app_id in app_ids:
                client.permanently_delete(app_id)
    ''', "OPS301:7"),
    # an unannotated parameter with no caller in the module: the flow is lost
    case('''
        from insight import client
        def purge(app_ids):
            for app_id in app_ids:
                client.permanently_delete(app_id)
    '''),
    # reassigned into the typed form before use
    case('''
        import json
        from insight import client, SiteId
        site_ids = json.load(open("ids.json"))
        site_ids = [SiteId(s) for s in site_ids]
        client.delete_sites(site_ids)
    '''),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_ops301(c):
    assert_case(c, rules=["OPS301"])


def test_message_names_call_and_suggests_newtype():
    from linter.testing import lint_source

    source = 'from insight import client\nsite_ids = ["s-1"]\nfor s in site_ids:\n    client.delete_site(s)\n'
    (finding,) = [f for f in lint_source(source) if f.rule == "OPS301"]
    assert "client.delete_site(...)" in finding.message
    assert 'SiteId = NewType("SiteId", str)' in finding.message
    # the confidence is the destructive call's
    from linter.analysis import build
    from linter.parse import parse_source
    from linter.testing import default_settings

    analysis = build("script.py", parse_source(source), default_settings())
    assert finding.confidence == analysis.destructive[0].confidence


@pytest.mark.parametrize(
    "name,expected",
    [("site_ids", "SiteId"), ("ids", "AppId"), ("appIds", "AppId"), ("customer_id_list", "CustomerId")],
)
def test_suggested_type(name, expected):
    assert suggested_type(name) == expected


def test_global_assigned_in_function():
    assert_case(case('''
        import sys
        from insight import client
        SITE_IDS = []
        def load():
            global SITE_IDS
            SITE_IDS = open(sys.argv[1]).read().split()
        def purge():
            for site_id in SITE_IDS:
                client.delete_site(site_id)
    ''', "OPS301:6"), rules=["OPS301"])


def test_typer_annotated_option_is_untyped():
    assert_case(case('''
        from typing import Annotated
        import typer
        from insight import client
        def main(site_ids: Annotated[list[str], typer.Option("--site-id")]):
            for site_id in site_ids:
                client.delete_site(site_id)
        typer.run(main)
    ''', "OPS301:4"), rules=["OPS301"])


def test_annotated_validator_is_typed():
    assert_case(case('''
        from typing import Annotated
        from insight import client, check_site
        def purge(site_ids: list[Annotated[str, check_site]]):
            for site_id in site_ids:
                client.delete_site(site_id)
    '''), rules=["OPS301"])
