import pytest

from linter.checks.ops301_untyped_id_list import suggested_type
from linter.testing import assert_case, case, lint_source

CASES = [
    # a field of a loaded document looped over in place is the ID collection: reported on it
    case('''
        import boto3, yaml
        with open("plan.yaml") as f:
            plan = yaml.safe_load(f)
        s3 = boto3.resource("s3")
        for bucket_id in plan["decommission"]["buckets"][:5]:
            s3.Bucket(bucket_id).delete()
    ''', "OPS301:5"),
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


# IDs that reach the call through its receiver, wrappers and literal loops (real-world triage)
REACHED_INDIRECTLY = [
    # an ORM filter in the receiver chain: the comparison carries the ID
    case('''
        import click
        from app.models import Node, session

        @click.command()
        @click.argument("node_ids", nargs=-1)
        def delete_nodes(node_ids):
            for node_id in node_ids[:20]:
                session.query(Node).filter(Node.id == node_id).delete()
    ''', "OPS301:5"),
    # SQLAlchemy in_() inside the filter
    case('''
        from app.models import Node, session
        node_ids = ["n-1", "n-2"]
        session.query(Node).filter(Node.id.in_(node_ids)).delete()
    ''', "OPS301:2"),
    # a Django queryset bound to a name, deleted later
    case('''
        import sys
        from app.models import Site
        site_ids = sys.argv[1:]
        doomed = Site.objects.filter(id__in=site_ids)
        doomed.delete()
    ''', "OPS301:3"),
    # an object constructed from the ID is the receiver
    case('''
        import sys
        import boto3
        ec2 = boto3.resource("ec2")
        instance_ids = open(sys.argv[1]).read().split()
        for instance_id in instance_ids:
            instance = ec2.Instance(instance_id)
            instance.terminate()
    ''', "OPS301:4"),
    # a typed list through the same constructor stays silent
    case('''
        import sys
        from typing import NewType
        import boto3
        InstanceId = NewType("InstanceId", str)
        ec2 = boto3.resource("ec2")
        instance_ids = [InstanceId(x) for x in open(sys.argv[1]).read().split()]
        for instance_id in instance_ids:
            instance = ec2.Instance(instance_id)
            instance.terminate()
    '''),
    # a self method's sorted(key=...) return and a tqdm progress bar
    case('''
        import sys
        from tqdm import tqdm
        from insight import client

        class Cleaner:
            def load(self, path):
                site_ids = [line.strip() for line in open(path)]
                return sorted(site_ids, key=lambda s: s.lower())

            def run(self, path):
                site_ids = self.load(path)
                for site_id in tqdm(site_ids, desc="deleting"):
                    client.delete_site(site_id)
    ''', "OPS301:7"),
    # enumerate, reversed, itertools.chain
    case('''
        import itertools
        from insight import client
        app_ids = ["a-1", "a-2"]
        more_ids = ["a-3"]
        for n, app_id in enumerate(reversed(app_ids)):
            client.delete_app(app_id)
        for app_id in itertools.chain(more_ids, []):
            client.delete_app(app_id)
    ''', "OPS301:3", "OPS301:4"),
    # a literal list iterated directly: reported on the literal
    case('''
        from insight import client
        for site_id in ["s-1", "s-2"]:
            client.delete_site(site_id)
    ''', "OPS301:2"),
    # a literal list of typed IDs iterated directly: silent
    case('''
        from typing import NewType
        from insight import client
        SiteId = NewType("SiteId", str)
        for site_id in [SiteId("s-1"), SiteId("s-2")]:
            client.delete_site(site_id)
    '''),
    # outside data iterated in place: reported on the iterable
    case('''
        import os
        import sys
        from insight import client
        for app_id in sys.argv[1:]:
            client.delete_app(app_id)
        for site_id in os.environ["SITE_IDS"].split(","):
            client.delete_site(site_id)
    ''', "OPS301:4", "OPS301:6"),
    # parsed into an ID type on the way in: silent
    case('''
        import sys
        from typing import NewType
        from insight import client
        AppId = NewType("AppId", str)
        for app_id in map(AppId, sys.argv[1:]):
            client.delete_app(app_id)
    '''),
    # a literal of non-ID names: silent
    case('''
        import shutil
        for name in ["build", "dist"]:
            shutil.rmtree(name)
    '''),
]


@pytest.mark.parametrize("c", REACHED_INDIRECTLY, ids=[c.id for c in REACHED_INDIRECTLY])
def test_reached_indirectly(c):
    assert_case(c, rules=["OPS301"])


def test_configured_pass_through(tmp_path):
    from linter.testing import settings_from_yaml

    source = case('''
        from acme.progress import spinner
        from insight import client
        site_ids = ["s-1", "s-2"]
        for site_id in spinner(site_ids):
            client.delete_site(site_id)
    ''', "OPS301:3")
    # without the configuration the flow stops at the unknown wrapper
    assert_case(case(source.source), rules=["OPS301"])
    settings = settings_from_yaml("ids:\n  pass_through: [acme.progress.spinner]\n", tmp_path)
    assert_case(source, rules=["OPS301"], settings=settings)


def test_literal_loop_message_names_loop_variable():
    from linter.testing import lint_source

    source = case('''
        from insight import client
        for site_id in ["s-1", "s-2"]:
            client.delete_site(site_id)
    ''').source
    [finding] = [f for f in lint_source(source) if f.rule == "OPS301"]
    assert finding.message.startswith("the literal list iterated as `site_id` is a plain collection")
    assert 'SiteId = NewType("SiteId", str)' in finding.message


# found by probing the rules against the spec (one case per fix, failing before it)
PROBED = [
    # a module helper called inside a comprehension or generator: the comprehension's name is followed
    case('''
        import sys
        from hypervisor import hv
        def destroy(vm_id):
            hv.delete_vm(vm_id)
        def main():
            vm_ids = open(sys.argv[1]).read().split()
            done = [destroy(vm_id) for vm_id in vm_ids]
    ''', "OPS301:6"),
    case('''
        import asyncio
        async def delete_one(session, webhook_id):
            await session.delete(f"https://hooks.example.com/webhooks/{webhook_id}")
        async def main(session):
            with open("webhooks.txt") as f:
                webhook_ids = f.read().split()
            await asyncio.gather(*(delete_one(session, w) for w in webhook_ids))
    ''', "OPS301:6"),
    # validated by filter(PATTERN.fullmatch, ...) but still plain strings
    case('''
        import os
        import re
        import boto3
        FN_RE = re.compile(r"fn-[a-z0-9-]{4,40}")
        def main():
            lambda_ids = list(filter(FN_RE.fullmatch, os.environ["LAMBDA_IDS"].split(",")))
            for lambda_id in lambda_ids:
                boto3.client("lambda").delete_function(FunctionName=lambda_id)
    ''', "OPS301:6"),
    # the list read from a file is reported where it is bound, not on the file handle
    case('''
        import boto3
        ec2 = boto3.client("ec2")
        def main():
            with open("stale.txt") as fh:
                snapshot_ids = list(map(str.strip, fh.readlines()))
            for snapshot_id in snapshot_ids:
                ec2.delete_snapshot(SnapshotId=snapshot_id)
        def other():
            with open("stale.txt") as fh:
                snapshot_ids = fh.readlines()
            for snapshot_id in snapshot_ids:
                ec2.delete_snapshot(SnapshotId=snapshot_id.strip())
    ''', "OPS301:5", "OPS301:10"),
    # ... and on the handle when the handle itself is iterated
    case('''
        import boto3
        ec2 = boto3.client("ec2")
        with open("stale.txt") as fh:
            for snapshot_id in fh:
                ec2.delete_snapshot(SnapshotId=snapshot_id.strip())
    ''', "OPS301:3"),
    # an allow-list check validates the IDs but leaves them plain strings
    case('''
        import json
        import sys
        import boto3
        ecr = boto3.client("ecr")
        sandbox = {r["repositoryName"] for r in ecr.describe_repositories()["repositories"]}
        with open("repos.json") as f:
            repo_ids = json.load(f)["repository_ids"]
        if set(repo_ids) - sandbox:
            sys.exit("not all sandbox repositories")
        for repo_id in repo_ids:
            ecr.delete_repository(repositoryName=repo_id)
    ''', "OPS301:7"),
    # a validating helper that returns the plain string: validated (no OPS302) but still untyped
    case('''
        import re
        from insight import client
        APP_ID_RE = re.compile(r"app-[0-9a-f]{12}")
        def parse_app_id(raw):
            raw = raw.strip()
            if not APP_ID_RE.fullmatch(raw):
                raise ValueError(f"not an app id: {raw!r}")
            return raw
        with open("apps.txt") as f:
            app_ids = [parse_app_id(line) for line in f]
        for app_id in app_ids:
            client.mark_for_deletion(app_id)
    ''', "OPS301:10"),
    # typing.cast to a distinct ID type types the list; a cast to list[str] does not
    case('''
        import json
        from typing import NewType, cast
        from insight import client
        SiteId = NewType("SiteId", str)
        with open("sites.json") as f:
            site_ids = cast(list[SiteId], json.load(f))
        for site_id in site_ids:
            client.delete_site(site_id)
        with open("apps.json") as f:
            app_ids = cast(list[str], json.load(f))
        for app_id in app_ids:
            client.delete_app(app_id)
    ''', "OPS301:10"),
    # a ParamType whose convert only normalises hands back plain text; one that checks counts as typed
    case('''
        import click
        import requests
        class NormalisedId(click.ParamType):
            name = "id"
            def convert(self, value, param, ctx):
                return value.strip().lower()
        class CheckedId(click.ParamType):
            name = "id"
            def convert(self, value, param, ctx):
                if not value.startswith("db-"):
                    self.fail(f"{value} is not a database", param, ctx)
                return value
        @click.command()
        @click.option("--db-id", "db_ids", multiple=True, type=NormalisedId())
        @click.option("--other-id", "other_ids", multiple=True, type=CheckedId())
        def main(db_ids, other_ids):
            for db_id in db_ids[:5]:
                requests.delete(f"https://api.example.com/databases/{db_id}", timeout=30)
            for other_id in other_ids[:5]:
                requests.delete(f"https://api.example.com/databases/{other_id}", timeout=30)
    ''', "OPS301:14"),
    # `for app_id, reason in doomed.items()`: the mapping's keys are the plain ID collection
    case('''
        import json
        import sys
        from insight import InsightClient
        client = InsightClient()
        doomed = json.load(open(sys.argv[1]))
        for app_id, reason in list(doomed.items())[:10]:
            client.permanently_delete(app_id)
        renamed = json.load(open(sys.argv[2]))
        for name, site_id in renamed.items():
            client.delete_site(site_id)
    ''', "OPS301:5", "OPS301:8"),
    # ... not when the item followed is the other part, or the mapping comes from the API
    case('''
        import json
        import sys
        from insight import InsightClient
        client = InsightClient()
        notes = json.load(open(sys.argv[1]))
        for note, app in notes.items():
            client.permanently_delete(app)
        listed = {a["id"]: a for a in client.list_apps()}
        for app_id, app in listed.items():
            client.permanently_delete(app_id)
    '''),
    # IDs kept by an anchored match and taken from it (m.group(0)) are validated but still plain str
    case('''
        import re
        import sys
        from insight import InsightClient
        APP = re.compile(r"app-[0-9a-f]{12}")
        with open(sys.argv[1]) as f:
            app_ids = [m.group(0) for line in f if (m := APP.fullmatch(line.strip()))]
        site_ids = []
        for raw in sys.argv[2:]:
            if (m := re.fullmatch(r"site-[0-9]+", raw)):
                site_ids.append(m.group(0))
        for app_id in app_ids[:10]:
            InsightClient().permanently_delete(app_id)
        for site_id in site_ids[:10]:
            InsightClient().delete_site(site_id)
    ''', "OPS301:6", "OPS301:7"),
    # an unanchored search extracts an ID from text the script does not follow further
    case('''
        import re
        import sys
        from insight import InsightClient
        with open(sys.argv[1]) as f:
            app_ids = [m.group(0) for line in f if (m := re.search(r"app-[0-9a-f]{12}", line))]
        for app_id in app_ids[:10]:
            InsightClient().permanently_delete(app_id)
    '''),
    # a collection captured by a match-case pattern from JSON is a plain ID collection
    case('''
        import json
        import sys
        from insight import InsightClient
        client = InsightClient()
        match json.load(open(sys.argv[1])):
            case {"app_ids": app_ids}:
                for app_id in app_ids[:10]:
                    client.permanently_delete(app_id)
    ''', "OPS301:6"),
]


@pytest.mark.parametrize("c", PROBED, ids=[c.id for c in PROBED])
def test_probed(c):
    assert_case(c, rules=["OPS301"])


def test_list_read_from_a_file_is_named():
    source = case('''
        import boto3
        with open("stale.txt") as fh:
            snapshot_ids = fh.readlines()
        for snapshot_id in snapshot_ids:
            boto3.client("ec2").delete_snapshot(SnapshotId=snapshot_id.strip())
    ''').source
    messages = [f.message for f in lint_source(source) if f.rule == "OPS301"]
    assert len(messages) == 1 and messages[0].startswith("collection `snapshot_ids` is a plain collection")


def test_suggested_type_comes_from_the_id_name_nearest_the_call():
    findings = lint_source(
        "import csv, requests\n"
        "def delete_user(workplace_id):\n"
        '    requests.delete("https://graph.workplace.com/" + workplace_id)\n'
        'with open("users.csv", newline="") as f:\n'
        "    for row in csv.reader(f):\n"
        "        delete_user(row[0])\n"
    )
    messages = [f.message for f in findings if f.rule == "OPS301"]
    assert len(messages) == 1 and 'WorkplaceId = NewType("WorkplaceId", str)' in messages[0], messages
