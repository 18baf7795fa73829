import pytest

from linter.testing import assert_case, case, lint_source

CASES = [
    # IDs parsed from a CLI's own listing (json.loads of subprocess output) are no outside source
    case('''
        import json, subprocess, sys
        versions = json.loads(subprocess.run(["gh", "api", "/user/packages/container/app/versions"],
                                             capture_output=True, text=True).stdout)
        for version in versions[:20]:
            if "--execute" in sys.argv and not version["metadata"]["container"]["tags"]:
                subprocess.run(["gh", "api", "-X", "DELETE", f"/user/packages/container/app/versions/{version['id']}"])
    '''),
    # islice's count is not where the items come from: --max is no ID source
    case('''
        import argparse, itertools
        from insight import InsightClient
        ap = argparse.ArgumentParser()
        ap.add_argument("--max", type=int, default=20)
        ap.add_argument("--execute", action="store_true")
        args = ap.parse_args()
        client = InsightClient()
        for app_id in itertools.islice(client.iter_apps(kind="legacy"), args.max):
            if args.execute:
                client.permanently_delete(app_id)
    '''),
    # IDs picked by a call chained onto the delete: SQLAlchemy's delete(t).where(t.c.id.in_(ids))
    case('''
        import csv, sys
        import sqlalchemy as sa
        customers = sa.Table("customers", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True))
        with open(sys.argv[1]) as fh:
            customer_ids = [int(row["customer_id"]) for row in csv.DictReader(fh)]
        if "--execute" in sys.argv and len(customer_ids) < 50:
            with sa.create_engine("postgresql://x").begin() as conn:
                conn.execute(sa.delete(customers).where(customers.c.id.in_(customer_ids)))
    ''', "OPS302:8"),
    # Django's `pk` is an ID: a management command deleting the user a pk option names, unchecked
    case('''
        from django.core.management.base import BaseCommand
        from accounts.models import User
        class Command(BaseCommand):
            def add_arguments(self, parser):
                parser.add_argument("pk", type=int, help="User ID")
                parser.add_argument("--execute", action="store_true")
            def handle(self, *args, **options):
                user = User.objects.filter(pk=options["pk"]).first()
                if user is not None and options["execute"]:
                    user.delete()
    ''', "OPS302:10"),
    # a tuple's parts are followed apart: the region option is not the ID's source, the file is
    case('''
        import argparse
        import boto3
        def main():
            p = argparse.ArgumentParser()
            p.add_argument("-r", "--region", default="us-east-1")
            p.add_argument("--ids-file")
            args = p.parse_args()
            targets = []
            with open(args.ids_file) as fh:
                for line in fh:
                    targets.append((args.region, line.strip()))
            for region, instance_id in targets[:20]:
                boto3.client("ec2", region_name=region).terminate_instances(InstanceIds=[instance_id])
        if __name__ == "__main__":
            main()
    ''', "OPS302:13"),
    case('''
        import argparse
        import boto3
        def main():
            p = argparse.ArgumentParser()
            p.add_argument("-r", "--region", default="us-east-1")
            args = p.parse_args()
            ec2 = boto3.client("ec2", region_name=args.region)
            targets = []
            for res in ec2.describe_instances()["Reservations"]:
                for inst in res["Instances"]:
                    targets.append((args.region, inst["InstanceId"]))
            for region, instance_id in targets[:20]:
                boto3.client("ec2", region_name=region).terminate_instances(InstanceIds=[instance_id])
        if __name__ == "__main__":
            main()
    '''),
    # zip and enumerate: the unpacked name follows its own argument
    case('''
        import sys
        import boto3
        ec2 = boto3.client("ec2")
        regions = ["us-east-1"] * 3
        for region, snapshot_id in zip(regions, sys.argv[1:4]):
            ec2.delete_snapshot(SnapshotId=snapshot_id)
        for n, volume_id in enumerate(sys.argv[1:4]):
            ec2.delete_volume(VolumeId=volume_id)
        for region, sg_id in zip(sys.argv[1:4], ["sg-1", "sg-2"]):
            ec2.delete_security_group(GroupId=sg_id)
    ''', "OPS302:6", "OPS302:8"),
    # the incident shape: a file of IDs, deleted as read
    case('''
        from insight import client
        with open("ids.txt") as f:
            site_ids = f.read().splitlines()
        for site_id in site_ids:
            client.permanently_delete(site_id)
    ''', "OPS302:5"),
    # a single ID from argv
    case('''
        import sys
        import boto3
        instance_id = sys.argv[1]
        boto3.client("ec2").terminate_instances(InstanceIds=[instance_id])
    ''', "OPS302:4"),
    # env var, through a helper and an f-string URL
    case('''
        import os
        import requests
        def delete_app(app_id):
            requests.delete(f"https://api.example.com/apps/{app_id}")
        def main():
            for app_id in os.environ["APP_IDS"].split(","):
                delete_app(app_id)
    ''', "OPS302:4"),
    # CSV rows: the ID is a column
    case('''
        import csv
        from insight import client
        with open("sites.csv") as f:
            for row in csv.DictReader(f):
                client.delete_site(row["site_id"])
    ''', "OPS302:5"),
    # JSON, then a kind check that stops other kinds
    case('''
        import json
        from insight import client
        items = json.load(open("export.json"))
        for item in items:
            if item["type"] != "insight-app":
                continue
            client.permanently_delete(item["app_id"])
    '''),
    # a kind check that only logs is no validation
    case('''
        import json
        import logging
        from insight import client
        items = json.load(open("export.json"))
        for item in items:
            if item["type"] != "insight-app":
                logging.warning("not an app: %s", item)
            client.permanently_delete(item["app_id"])
    ''', "OPS302:8"),
    # an allow-list from the API
    case('''
        import sys
        from insight import client
        app_ids = sys.argv[1:]
        known_app_ids = {a["id"] for a in client.list_apps()}
        for app_id in app_ids:
            if app_id not in known_app_ids:
                sys.exit(f"{app_id} is not an app")
            client.permanently_delete(app_id)
    '''),
    # an API lookup confirming the kind
    case('''
        import sys
        from insight import client
        for app_id in sys.stdin.read().split():
            app = client.get(app_id)
            if app["kind"] != "app":
                raise ValueError(app_id)
            client.permanently_delete(app_id)
    '''),
    # an anchored regex
    case('''
        import re
        import sys
        from insight import client
        APP_ID = re.compile(r"app-[0-9a-f]{8}")
        for app_id in sys.argv[1:]:
            if not APP_ID.fullmatch(app_id):
                raise SystemExit(f"not an app ID: {app_id}")
            client.permanently_delete(app_id)
    '''),
    # an unanchored search is not a kind check
    case('''
        import re
        import sys
        from insight import client
        for app_id in sys.argv[1:]:
            if not re.search("app", app_id):
                continue
            client.permanently_delete(app_id)
    ''', "OPS302:7"),
    # a comprehension filter
    case('''
        import sys
        from insight import client
        app_ids = [a for a in sys.argv[1:] if a.startswith("app-")]
        for app_id in app_ids:
            client.permanently_delete(app_id)
    '''),
    # the constructor of a distinct ID type
    case('''
        import sys
        from insight import client, AppId
        app_ids = [AppId.parse(a) for a in sys.argv[1:]]
        for app_id in app_ids:
            client.permanently_delete(app_id)
    '''),
    # generic conversions are not validation
    case('''
        import sys
        import uuid
        from insight import client
        app_ids = [uuid.UUID(str(a).strip()) for a in sys.argv[1:]]
        client.delete_apps(app_ids)
    ''', "OPS302:5"),
    # a module function that checks and raises
    case('''
        import sys
        from insight import client
        def check_app_id(value):
            if not value.startswith("app-"):
                raise ValueError(value)
        for app_id in sys.argv[1:]:
            check_app_id(app_id)
            client.permanently_delete(app_id)
    '''),
    # a validator from the config is tested in test_configured_validator
    # listed from the API: not a source
    case('''
        import boto3
        ec2 = boto3.client("ec2")
        for image in ec2.describe_images(Owners=["self"])["Images"]:
            ec2.deregister_image(ImageId=image["ImageId"])
    '''),
    # outside data that is not IDs (a path)
    case('''
        import shutil
        import sys
        shutil.rmtree(sys.argv[1])
    '''),
    # an argparse option
    case('''
        import argparse
        from insight import client
        p = argparse.ArgumentParser()
        p.add_argument("--site-id", required=True)
        args = p.parse_args()
        client.delete_site(args.site_id)
    ''', "OPS302:6"),
    # argparse choices are an allow-list
    case('''
        import argparse
        from insight import client
        p = argparse.ArgumentParser()
        p.add_argument("--site-id", choices=["s-1", "s-2"])
        args = p.parse_args()
        client.delete_site(args.site_id)
    '''),
    # one finding per (source, call)
    case('''
        import sys
        from insight import client
        site_ids = sys.argv[1:]
        client.delete_sites(site_ids)
        for site_id in site_ids:
            client.delete_site(site_id)
    ''', "OPS302:4", "OPS302:6"),
    # self attribute from stdin
    case('''
        import sys
        from insight import client
        class Job:
            def __init__(self):
                self.app_ids = [l.strip() for l in sys.stdin]
            def run(self):
                for app_id in self.app_ids:
                    client.permanently_delete(app_id)
    ''', "OPS302:8"),
    # input() checked against an allow-list
    case('''
        from insight import client
        ALLOWED = {"app-1", "app-2"}
        app_id = input("app to delete: ").strip()
        if app_id in ALLOWED:
            client.permanently_delete(app_id)
    '''),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_ops302(c):
    assert_case(c, rules=["OPS302"])


def test_message_names_source_and_line():
    source = (
        "from insight import client\n"
        "\n"
        "with open('ids.txt') as f:\n"
        "    site_ids = [line.strip() for line in f]\n"
        "for site_id in site_ids:\n"
        "    client.permanently_delete(site_id)\n"
    )
    (finding,) = [f for f in lint_source(source) if f.rule == "OPS302"]
    assert finding.message.startswith(
        "`site_ids` read from ids.txt at line 4 reach client.permanently_delete(...) without validation"
    )


def test_configured_validator(tmp_path):
    from linter.testing import settings_from_yaml

    settings = settings_from_yaml("ids:\n  validators: [acme.ids.require_app_id]\n", tmp_path)
    source = case('''
        import sys
        from acme.ids import require_app_id
        from insight import client
        for app_id in sys.argv[1:]:
            require_app_id(app_id)
            client.permanently_delete(app_id)
    ''')
    assert_case(source, rules=["OPS302"], settings=settings)
    # without the configuration the call says nothing about the ID
    assert_case(case(source.source, "OPS302:6"), rules=["OPS302"])


def test_configured_source(tmp_path):
    from linter.testing import settings_from_yaml

    settings = settings_from_yaml("ids:\n  sources: [requests.get]\n", tmp_path)
    source = case('''
        import requests
        from insight import client
        app_ids = requests.get("https://handover.example.com/ids").json()
        for app_id in app_ids:
            client.permanently_delete(app_id)
    ''', "OPS302:5")
    assert_case(source, rules=["OPS302"], settings=settings)
    assert_case(case(source.source), rules=["OPS302"])


WHOLE_LIST_CHECKS = [
    # a list of the bad ones, and an exit when it is not empty
    case('''
        import json
        import sys
        from insight import client
        ids = json.load(open("ids.json"))
        bad = [i for i in ids if not str(i).startswith("site-")]
        if bad:
            sys.exit(f"not site IDs: {bad}")
        for site_id in ids:
            client.delete_site(site_id)
    '''),
    # all(...) over the list
    case('''
        import re
        import sys
        from insight import client
        site_ids = sys.argv[1:]
        if not all(re.fullmatch(r"site-[0-9]+", s) for s in site_ids):
            raise SystemExit("only site IDs, please")
        client.delete_sites(site_ids)
    '''),
    # any(valid) says nothing about the others
    case('''
        import re
        import sys
        from insight import client
        site_ids = sys.argv[1:]
        if not any(re.fullmatch(r"site-[0-9]+", s) for s in site_ids):
            raise SystemExit("no site IDs")
        client.delete_sites(site_ids)
    ''', "OPS302:7"),
]


@pytest.mark.parametrize("c", WHOLE_LIST_CHECKS, ids=[c.id for c in WHOLE_LIST_CHECKS])
def test_whole_list_checks(c):
    assert_case(c, rules=["OPS302"])


MORE = [
    # fileinput reads the files named on the command line, or stdin
    case('''
        import fileinput
        from insight import client
        for line in fileinput.input():
            site_id = line.strip()
            client.delete_site(site_id)
    ''', "OPS302:5"),
    # set intersection with an allow-list validates
    case('''
        import sys
        from insight import client
        KNOWN_SITE_IDS = {"s-1", "s-2"}
        site_ids = set(sys.argv[1:]) & KNOWN_SITE_IDS
        client.delete_sites(sorted(site_ids))
    '''),
    # an attribute that only shares a name with an option is not the option
    case('''
        import argparse
        import boto3
        parser = argparse.ArgumentParser()
        parser.add_argument("--id")
        cli = parser.parse_args()
        ec2 = boto3.resource("ec2")
        for snap in ec2.snapshots.filter(OwnerIds=["self"]):
            ec2.meta.client.delete_snapshot(SnapshotId=snap.id)
    '''),
    # typer with Annotated metadata: the option is the source
    case('''
        from typing import Annotated
        import typer
        from insight import client
        def main(site_ids: Annotated[list[str], typer.Option("--site-id")]):
            for site_id in site_ids:
                client.delete_site(site_id)
        typer.run(main)
    ''', "OPS302:6"),
]


@pytest.mark.parametrize("c", MORE, ids=[c.id for c in MORE])
def test_more_sources_and_checks(c):
    assert_case(c, rules=["OPS302"])


def test_source_line_is_the_read_not_the_open():
    source = (
        "from insight import client\n"
        "fh = open('ids.txt')\n"
        "\n"
        "site_ids = fh.read().split()\n"
        "for site_id in site_ids:\n"
        "    client.delete_site(site_id)\n"
    )
    (finding,) = [f for f in lint_source(source) if f.rule == "OPS302"]
    assert "read from ids.txt at line 4" in finding.message


def test_environment_variable_name_marks_ids():
    assert_case(case('''
        import os
        from insight import client
        client.delete_cluster(os.environ["CLUSTER_ID"])
        client.delete_cluster(os.environ["CLUSTER_NAME"])
    ''', "OPS302:3"), rules=["OPS302"])


def test_call_inside_a_comprehension():
    assert_case(case('''
        import sys
        from insight import client
        KNOWN = {"s-1"}
        [client.delete_site(s) for s in sys.argv[1:] if s in KNOWN]
        results = [client.delete_site(site_id) for site_id in sys.argv[1:]]
    ''', "OPS302:5"), rules=["OPS302"])


def test_self_attribute_set_in_a_base_class():
    assert_case(case('''
        import sys
        from insight import client
        class Base:
            def __init__(self):
                self.site_ids = sys.argv[1:]
        class Cleaner(Base):
            def run(self):
                for site_id in self.site_ids:
                    client.delete_site(site_id)
    ''', "OPS302:9"), rules=["OPS302"])


def test_scope_ids_are_not_what_is_deleted():
    assert_case(case('''
        import os
        from googleapiclient import discovery
        PROJECT_ID = os.environ["PROJECT_ID"]
        compute = discovery.build("compute", "v1")
        for inst in compute.instances().list(project=PROJECT_ID, zone="europe-west1-b").execute()["items"]:
            compute.instances().delete(project=PROJECT_ID, zone="europe-west1-b", instance=inst["name"]).execute()
        crm = discovery.build("cloudresourcemanager", "v1")
        crm.projects().delete(projectId=PROJECT_ID).execute()
    ''', "OPS302:8"), rules=["OPS302"])


def test_one_finding_per_source_and_call():
    findings = [f for f in lint_source(
        "import os, sys\n"
        "from insight import client\n"
        "site_id = sys.argv[1]\n"
        "app_id = os.environ['APP_ID']\n"
        "client.delete_app_on_site(site_id,\n"
        "                          app_id)\n"
    ) if f.rule == "OPS302"]
    assert sorted((f.line, f.message.split(" read from ")[0]) for f in findings) == [(5, "`site_id`"), (6, "`app_id`")]


# IDs through the receiver of the call, and JSON parsed from an API response (real-world triage)
RECEIVERS_AND_RESPONSES = [
    # the loop variable reaches the call inside an ORM filter
    case('''
        import click
        from app.models import Node, session

        @click.command()
        @click.argument("node_ids", nargs=-1)
        def delete_nodes(node_ids):
            if not click.confirm("go?"):
                return
            for node_id in node_ids[:20]:
                session.query(Node).filter(Node.id == node_id).delete()
    ''', "OPS302:10"),
    # an object built from an argv ID, terminated on the next line
    case('''
        import sys
        import boto3
        ec2 = boto3.resource("ec2")
        for id in sys.argv[1:]:
            instance = ec2.Instance(id)
            print(instance.terminate())
    ''', "OPS302:6"),
    # Django: Model.objects.filter(id__in=...) built from stdin
    case('''
        import sys
        from app.models import Site
        site_ids = sys.stdin.read().split()
        Site.objects.filter(id__in=site_ids).delete()
    ''', "OPS302:4"),
    # the object is built from a validated ID: silent
    case('''
        import re
        import sys
        import boto3
        ec2 = boto3.resource("ec2")
        for instance_id in sys.argv[1:]:
            if not re.fullmatch(r"i-[0-9a-f]{17}", instance_id):
                continue
            instance = ec2.Instance(instance_id)
            instance.terminate()
    '''),
    # the object is built from something else than the ID: the name alone is not an ID
    case('''
        import sys
        import boto3
        bucket = boto3.resource("s3").Bucket(sys.argv[1])
        bucket.objects.all().delete()
    '''),
    # each object a query built from argv IDs returns, deleted in the loop over it
    case('''
        import sys
        import boto3
        ec2 = boto3.resource("ec2")
        instance_ids = sys.argv[1:]
        for instance in ec2.instances.filter(InstanceIds=instance_ids):
            instance.terminate()
    ''', "OPS302:6"),
    # ... and through a name holding the query
    case('''
        import sys
        import boto3
        ec2 = boto3.resource("ec2")
        instance_ids = sys.argv[1:]
        instances = ec2.instances.filter(InstanceIds=instance_ids)
        for instance in instances:
            instance.terminate()
    ''', "OPS302:7"),
    # the call's own keyword says the value holds IDs, with no variable in between
    case('''
        import sys
        import boto3
        boto3.client("ec2").terminate_instances(InstanceIds=sys.argv[1:])
    ''', "OPS302:3"),
    case('''
        import sys
        import boto3
        ec2 = boto3.client("ec2")
        ec2.delete_snapshot(SnapshotId=sys.argv[1], DryRun=False)
    ''', "OPS302:4"),
    # a keyword that names something else than IDs is no evidence
    case('''
        import sys
        import boto3
        boto3.client("s3").delete_bucket(Bucket=sys.argv[1])
    '''),
    # an owner filter says whose snapshots are listed, not which are deleted
    case('''
        import argparse
        import boto3
        p = argparse.ArgumentParser()
        p.add_argument("--owner-id", required=True)
        args = p.parse_args()
        for snap in boto3.resource("ec2").snapshots.filter(OwnerIds=[args.owner_id]):
            snap.delete()
    '''),
    # a loop over a directory or a prefix listing: no IDs go in
    case('''
        import sys
        from pathlib import Path
        for path in Path(sys.argv[1]).iterdir():
            path.unlink()
    '''),
    case('''
        import sys
        import boto3
        for obj in boto3.resource("s3").Bucket("logs").objects.filter(Prefix=sys.argv[1]):
            obj.delete()
    '''),
    # a loop over a literal list or unpacked rows is not a query: the items are traced as before
    case('''
        import boto3
        ec2 = boto3.resource("ec2")
        for instance in [ec2.Instance("i-0123456789abcdef0")]:
            instance.terminate()
    '''),
    # json.loads of an HTTP response is an API listing, not outside data
    case('''
        import json
        import requests
        BASE = "https://gitlab.example.com/api/v4/projects/7"
        resp = requests.get(f"{BASE}/jobs")
        jobs = json.loads(resp.text)
        for job in jobs[:50]:
            requests.delete(f"{BASE}/jobs/{job['id']}/artifacts")
    '''),
    case('''
        import json
        import requests
        from insight import client
        response = requests.get("https://api.example.com/apps")
        for app in json.loads(response.content.decode()):
            client.delete_app(app["app_id"])
    '''),
    # json.load of a file and json.loads of stdin still are
    case('''
        import json
        from insight import client
        with open("apps.json") as f:
            app_ids = json.load(f)
        for app_id in app_ids:
            client.delete_app(app_id)
    ''', "OPS302:6"),
    case('''
        import json
        import sys
        from insight import client
        for app_id in json.loads(sys.stdin.read()):
            client.delete_app(app_id)
    ''', "OPS302:5"),
]


@pytest.mark.parametrize("c", RECEIVERS_AND_RESPONSES, ids=[c.id for c in RECEIVERS_AND_RESPONSES])
def test_receivers_and_responses(c):
    assert_case(c, rules=["OPS302"])


LOOKUPS_AND_CLIENTS = [
    # a field of the API lookup for that ID, checked before the call: validated
    case('''
        import boto3
        ec2 = boto3.client("ec2")
        with open("ids.txt") as f:
            instance_ids = [line.strip() for line in f]
        for instance_id in instance_ids:
            response = ec2.describe_instances(InstanceIds=[instance_id])
            status = response["Reservations"][0]["Instances"][0]["State"]["Name"]
            if status == "running":
                ec2.terminate_instances(InstanceIds=[instance_id])
    '''),
    # the same field only logged: not validated
    case('''
        import boto3
        ec2 = boto3.client("ec2")
        with open("ids.txt") as f:
            instance_ids = [line.strip() for line in f]
        for instance_id in instance_ids:
            response = ec2.describe_instances(InstanceIds=[instance_id])
            status = response["Reservations"][0]["Instances"][0]["State"]["Name"]
            print(instance_id, status)
            ec2.terminate_instances(InstanceIds=[instance_id])
    ''', "OPS302:9"),
    # an anchored regex result tested as `bool(m) is True` filters the rows
    case('''
        import csv
        import re
        from insight import client
        rows = []
        for row in csv.DictReader(open("users.csv")):
            m = re.search(r"^[0-9]+$", row["user_id"])
            if bool(m) is True:
                rows.append(row)
        for row in rows:
            client.delete_user(row["user_id"])
    '''),
    # `m is None` stops the value
    case('''
        import re
        import sys
        from insight import client
        for app_id in sys.argv[1:]:
            m = re.fullmatch(r"app-[0-9a-f]{12}", app_id)
            if m is None:
                continue
            client.delete_app(app_id)
    '''),
    # a match result never tested: not validated
    case('''
        import re
        import sys
        from insight import client
        for app_id in sys.argv[1:]:
            m = re.fullmatch(r"app-[0-9a-f]{12}", app_id)
            client.delete_app(app_id)
    ''', "OPS302:6"),
    # the credentials a client is built with are not what it deletes
    case('''
        import os
        import boto3
        s3 = boto3.client("s3", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"])
        if input("ok? ") == "yes":
            s3.delete_object(Bucket="b", Key="k")
    '''),
]


@pytest.mark.parametrize("c", LOOKUPS_AND_CLIENTS, ids=[c.id for c in LOOKUPS_AND_CLIENTS])
def test_lookups_and_clients(c):
    assert_case(c, rules=["OPS302"])


# found by probing the rules against the spec (one case per fix, failing before it)
PROBED = [
    # a y/N prompt that names the ID says nothing about its kind
    case('''
        import sys
        from kubernetes import client
        core = client.CoreV1Api()
        namespace_id = input("namespace ID to delete: ").strip()
        answer = input(f"really delete {namespace_id}? [y/N] ")
        if answer.lower() != "y":
            sys.exit("aborted")
        core.delete_namespace(name=namespace_id)
    ''', "OPS302:8"),
    case('''
        import sys
        from kubernetes import client
        core = client.CoreV1Api()
        namespace_id = input("namespace ID to delete: ").strip()
        if input(f"really delete {namespace_id}? [y/N] ") not in ("y", "yes"):
            sys.exit("aborted")
        core.delete_namespace(name=namespace_id)
    ''', "OPS302:7"),
    # typing the ID back confirms the operator meant it, not that it is the right kind
    case('''
        import sys
        from kubernetes import client
        core = client.CoreV1Api()
        namespace_id = sys.argv[1]
        if input("type the namespace ID again: ") != namespace_id:
            sys.exit("aborted")
        core.delete_namespace(name=namespace_id)
    ''', "OPS302:7"),
    # a kind check next to a prompt still counts
    case('''
        import sys
        from kubernetes import client
        core = client.CoreV1Api()
        namespace_id = sys.argv[1]
        if not namespace_id.startswith("cust-"):
            sys.exit("not a customer namespace")
        if input(f"really delete {namespace_id}? [y/N] ") != "y":
            sys.exit("aborted")
        core.delete_namespace(name=namespace_id)
    '''),
    # a module helper called inside a comprehension or generator: the comprehension's name is followed
    case('''
        import sys
        from hypervisor import hv
        def destroy(vm_id):
            hv.delete_vm(vm_id)
            return vm_id
        vm_ids = open(sys.argv[1]).read().split()
        done = [destroy(vm_id) for vm_id in vm_ids]
    ''', "OPS302:4"),
    case('''
        import sys
        from concurrent.futures import ThreadPoolExecutor
        from hypervisor import hv
        def destroy(vm_id):
            hv.delete_vm(vm_id)
        vm_ids = open(sys.argv[1]).read().split()
        with ThreadPoolExecutor() as pool:
            futures = [pool.submit(destroy, vm_id) for vm_id in vm_ids]
    ''', "OPS302:5"),
    case('''
        import asyncio
        async def delete_one(session, webhook_id):
            await session.delete(f"https://hooks.example.com/webhooks/{webhook_id}")
        async def main(session):
            with open("webhooks.txt") as f:
                webhook_ids = f.read().split()
            await asyncio.gather(*(delete_one(session, w) for w in webhook_ids))
    ''', "OPS302:3"),
    # ... and a filter of that comprehension still validates
    case('''
        import re
        import sys
        from hypervisor import hv
        VM = re.compile(r"vm-[0-9a-f]{8}")
        def destroy(vm_id):
            hv.delete_vm(vm_id)
        vm_ids = open(sys.argv[1]).read().split()
        done = [destroy(vm_id) for vm_id in vm_ids if VM.fullmatch(vm_id)]
    '''),
    # a parse whose failure is only logged does not stop the value
    case('''
        import logging
        from insight import client
        from insight.ids import AppId
        log = logging.getLogger("purge")
        with open("apps.txt") as f:
            app_ids = [line.strip() for line in f]
        for app_id in app_ids:
            try:
                AppId.parse(app_id)
            except ValueError:
                log.error("%s is not an app id", app_id)
            client.permanently_delete(app_id)
    ''', "OPS302:12"),
    # ... one that re-raises, exits, returns or continues does
    case('''
        import logging
        import sys
        from insight import client
        from insight.ids import AppId
        log = logging.getLogger("purge")
        def purge(app_id):
            try:
                AppId.parse(app_id)
            except ValueError:
                log.error("%s is not an app id", app_id)
                return
            client.permanently_delete(app_id)
        with open("apps.txt") as f:
            app_ids = [line.strip() for line in f]
        for app_id in app_ids:
            try:
                AppId.parse(app_id)
            except ValueError:
                log.error("%s is not an app id", app_id)
                continue
            client.permanently_delete(app_id)
        for app_id in app_ids:
            try:
                AppId.parse(app_id)
            except ValueError as exc:
                raise SystemExit(f"{app_id}: {exc}")
            client.permanently_delete(app_id)
        for app_id in app_ids:
            purge(app_id)
    '''),
    # ... and an else clause runs only when the parse succeeded
    case('''
        import logging
        from insight import client
        from insight.ids import AppId
        log = logging.getLogger("purge")
        with open("apps.txt") as f:
            app_ids = [line.strip() for line in f]
        for app_id in app_ids:
            try:
                AppId.parse(app_id)
            except ValueError:
                log.error("%s is not an app id", app_id)
            else:
                client.permanently_delete(app_id)
    '''),
    # filter() by a compiled anchored pattern's bound method validates like the lambda form
    case('''
        import os
        import re
        import boto3
        FN_RE = re.compile(r"fn-[a-z0-9-]{4,40}")
        ANCHORED = re.compile(r"^fn-[a-z0-9-]{4,40}$")
        aws_lambda = boto3.client("lambda")
        for lambda_id in filter(FN_RE.fullmatch, os.environ["LAMBDA_IDS"].split(",")):
            aws_lambda.delete_function(FunctionName=lambda_id)
        for lambda_id in filter(ANCHORED.search, os.environ["LAMBDA_IDS"].split(",")):
            aws_lambda.delete_function(FunctionName=lambda_id)
    '''),
    # ... not an unanchored search or match, which passes `fn-abcd-and-more` or `x fn-abcd`
    case('''
        import os
        import re
        import boto3
        FN_RE = re.compile(r"fn-[a-z0-9-]{4,40}")
        aws_lambda = boto3.client("lambda")
        for lambda_id in filter(FN_RE.search, os.environ["LAMBDA_IDS"].split(",")):
            aws_lambda.delete_function(FunctionName=lambda_id)
        for lambda_id in filter(FN_RE.match, os.environ["LAMBDA_IDS"].split(",")):
            aws_lambda.delete_function(FunctionName=lambda_id)
    ''', "OPS302:7", "OPS302:9"),
    # a kind check on an item of what a lookup returned
    case('''
        import sys
        from inventory import InventoryClient
        from hypervisor import Hypervisor
        asset_id = sys.argv[1]
        asset = InventoryClient().lookup(asset_ids=[asset_id])["assets"][0]
        if asset["kind"] != "vm":
            sys.exit(f"{asset_id} is not a VM")
        Hypervisor().delete_vm(asset_id)
    '''),
    case('''
        import sys
        import boto3
        ec2 = boto3.client("ec2")
        instance_id = sys.argv[1]
        instance = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
        if instance["InstanceType"] != "t3.micro":
            sys.exit("not a scratch instance")
        ec2.terminate_instances(InstanceIds=[instance_id])
    '''),
    case('''
        import sys
        import boto3
        ec2 = boto3.client("ec2")
        instance_id = sys.argv[1]
        reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
        instance = reservations[0]["Instances"][0]
        tags = {t["Key"]: t["Value"] for t in instance.get("Tags", [])}
        if tags.get("role") != "scratch":
            sys.exit("not a scratch instance")
        ec2.terminate_instances(InstanceIds=[instance_id])
    '''),
    # ... that only logs, or checks another ID's lookup, is no validation
    case('''
        import logging
        import sys
        from inventory import InventoryClient
        from hypervisor import Hypervisor
        asset_id = sys.argv[1]
        other_id = sys.argv[2]
        asset = InventoryClient().lookup(asset_ids=[asset_id])["assets"][0]
        if asset["kind"] != "vm":
            logging.warning("%s is not a VM", asset_id)
        other = InventoryClient().lookup(asset_ids=[other_id])["assets"][0]
        if other["kind"] != "vm":
            sys.exit("not a VM")
        Hypervisor().delete_vm(asset_id)
    ''', "OPS302:13"),
    # a set difference or subset test against an allow-list, failing to an exit
    case('''
        import json
        import sys
        import boto3
        ecr = boto3.client("ecr")
        sandbox = {r["repositoryName"] for r in ecr.describe_repositories()["repositories"]}
        with open("repos.json") as f:
            repo_ids = json.load(f)["repository_ids"]
        unknown = set(repo_ids) - sandbox
        if unknown:
            sys.exit(f"not sandbox repositories: {sorted(unknown)}")
        for repo_id in repo_ids:
            ecr.delete_repository(repositoryName=repo_id)
    '''),
    case('''
        import json
        import sys
        import boto3
        ecr = boto3.client("ecr")
        sandbox = {r["repositoryName"] for r in ecr.describe_repositories()["repositories"]}
        with open("repos.json") as f:
            repo_ids = json.load(f)["repository_ids"]
        if not set(repo_ids) <= sandbox:
            sys.exit("not all sandbox repositories")
        if not set(repo_ids).issubset(sandbox) or set(repo_ids).difference(sandbox):
            sys.exit("not all sandbox repositories")
        for repo_id in repo_ids:
            ecr.delete_repository(repositoryName=repo_id)
    '''),
    # ... not a difference that is only logged, nor a cap (`len(ids) <= 50` compares a number)
    case('''
        import json
        import logging
        import sys
        import boto3
        ecr = boto3.client("ecr")
        sandbox = {r["repositoryName"] for r in ecr.describe_repositories()["repositories"]}
        with open("repos.json") as f:
            repo_ids = json.load(f)["repository_ids"]
        unknown = set(repo_ids) - sandbox
        if unknown:
            logging.warning("not sandbox repositories: %s", unknown)
        if not len(repo_ids) <= 50:
            sys.exit("too many")
        for repo_id in repo_ids:
            ecr.delete_repository(repositoryName=repo_id)
    ''', "OPS302:15"),
    # a parameter rebound from itself (`raw = raw.strip()`) is followed back to the caller's argument
    case('''
        import re
        from insight import client
        APP_ID_RE = re.compile(r"app-[0-9a-f]{12}")
        def parse_app_id(raw):
            raw = raw.strip()
            if not APP_ID_RE.fullmatch(raw):
                raise ValueError(f"not an app id: {raw!r}")
            return raw
        def clean(raw):
            raw = raw.strip()
            return raw
        with open("apps.txt") as f:
            lines = f.readlines()
        app_ids = [parse_app_id(line) for line in lines]
        for app_id in app_ids:
            client.mark_for_deletion(app_id)
        for app_id in [clean(line) for line in lines]:
            client.mark_for_deletion(app_id)
    ''', "OPS302:18"),
    # a tenant (or account) ID is what a DELETE addresses when its URL ends in /tenants/{tenant_id}
    case('''
        import os
        import requests
        API = "https://tenants.example.com/api"
        tenant_id = os.environ["TENANT_ID"]
        requests.delete(f"https://tenants.example.com/api/tenants/{tenant_id}", timeout=30)
        requests.delete(API + "/tenants/" + tenant_id, timeout=30)
        url = f"{API}/accounts/{os.environ['ACCOUNT_ID']}/"
        requests.delete(url, timeout=30)
    ''', "OPS302:5", "OPS302:6", "OPS302:8"),
    # ... but only where: inside the path, in a query, or next to what the call names
    case('''
        import os
        import requests
        API = "https://tenants.example.com/api"
        tenant_id = os.environ["TENANT_ID"]
        account_id = os.environ["ACCOUNT_ID"]
        for user in requests.get(f"{API}/tenants/{tenant_id}/users").json():
            requests.delete(f"{API}/tenants/{tenant_id}/users/{user['name']}")
            requests.delete(API + "/tenants/" + tenant_id + "/users/" + user["name"])
        requests.delete(f"{API}/jobs?tenant={tenant_id}")
        requests.delete(f"{API}/accounts/{account_id}/keys/{user['name']}")
    '''),
    # typing.cast types the IDs for the type checker but checks nothing, like an annotation
    case('''
        import json
        import typing
        from typing import NewType, cast
        from insight import client
        SiteId = NewType("SiteId", str)
        with open("sites.json") as f:
            site_ids = cast(list[SiteId], json.load(f))
        for site_id in site_ids:
            client.delete_site(site_id)
        for site_id in typing.cast(list[SiteId], json.load(open("more.json"))):
            client.delete_site(site_id)
    ''', "OPS302:9", "OPS302:11"),
    # a check of one ID field of a record (row["app_id"]) says nothing about another (row["site_id"])
    case('''
        import json
        import sys
        from insight import InsightClient
        client = InsightClient()
        retired = {a["id"] for a in client.list_apps(status="retired")}
        rows = json.load(open(sys.argv[1]))
        for row in rows[:20]:
            if row["app_id"] not in retired:
                continue
            client.delete_site(row["site_id"])
        for row in rows[:20]:
            if row.get("app_id") not in retired:
                continue
            client.delete_site(row.get("site_id"))
        for row in rows[:20]:
            if row.app_id not in retired:
                continue
            client.delete_site(row.site_id)
        site_ids = [r["site_id"] for r in rows if r["app_id"] in retired]
        for site_id in site_ids[:20]:
            client.delete_site(site_id)
    ''', "OPS302:10", "OPS302:14", "OPS302:18", "OPS302:21"),
    # the same field checked, a kind field, or the whole record still validate it
    case('''
        import json
        import sys
        from insight import InsightClient
        client = InsightClient()
        sites = {s["id"] for s in client.list_sites()}
        rows = json.load(open(sys.argv[1]))
        for row in rows[:20]:
            if row["type"] != "site" or row.get("site_id") not in sites:
                continue
            client.delete_site(row.get("site_id"))
        for row in rows[:20]:
            if row.site_id not in sites:
                continue
            client.delete_site(row.site_id)
        for row in rows[:20]:
            if row["kind"] != "insight-site":
                continue
            client.delete_site(row["site_id"])
        for row in rows[:20]:
            if not is_site(row):
                continue
            client.delete_site(row["site_id"])
        site_ids = [r["site_id"] for r in rows if r["site_id"] in sites]
        for site_id in site_ids[:20]:
            client.delete_site(site_id)
        def is_site(row):
            return row["kind"] == "site"
    '''),
    # a length written as membership is a length check, not an allow-list
    case('''
        import sys
        import boto3
        instance_id = sys.argv[1]
        if len(instance_id) not in (10, 19):
            sys.exit("an instance ID is 10 or 19 characters")
        if "--execute" in sys.argv:
            boto3.client("ec2").terminate_instances(InstanceIds=[instance_id])
    ''', "OPS302:7"),
    case('''
        import sys
        import boto3
        KNOWN = ("i-0abc", "i-0def")
        instance_id = sys.argv[1]
        if len(instance_id) not in (10, 19) or instance_id not in KNOWN:
            sys.exit("not a known instance")
        if "--execute" in sys.argv:
            boto3.client("ec2").terminate_instances(InstanceIds=[instance_id])
    '''),
    # a module's own converter that only normalises (strip/lower) is no kind check: a ParamType's
    # convert, or an argparse type= function; one that checks and fails still is
    case('''
        import argparse
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
        def normalise(raw):
            return raw.strip()
        @click.command()
        @click.option("--db-id", "db_ids", multiple=True, type=NormalisedId())
        @click.option("--other-id", "other_ids", multiple=True, type=CheckedId())
        def main(db_ids, other_ids):
            for db_id in db_ids[:5]:
                requests.delete(f"https://api.example.com/databases/{db_id}", timeout=30)
            for other_id in other_ids[:5]:
                requests.delete(f"https://api.example.com/databases/{other_id}", timeout=30)
        parser = argparse.ArgumentParser()
        parser.add_argument("--vm-id", type=normalise)
        args = parser.parse_args()
        requests.delete(f"https://api.example.com/vms/{args.vm_id}", timeout=30)
    ''', "OPS302:21", "OPS302:27"),
    # a loop that exits on the first unknown ID checks every ID before what follows it, like all(...)
    case('''
        import sys
        from insight import InsightClient
        client = InsightClient()
        site_ids = sys.argv[2:]
        known = {s["id"] for s in client.list_sites()}
        for site_id in site_ids:
            if site_id not in known:
                sys.exit(f"{site_id} is not a site")
        for site_id in site_ids[:10]:
            client.delete_site(site_id)
    '''),
    # ... but not when it only skips the check (continue), only logs, or checks part of the list
    case('''
        import sys
        from insight import InsightClient
        client = InsightClient()
        site_ids = sys.argv[2:]
        app_ids = sys.argv[2:]
        vm_ids = sys.argv[2:]
        known = {s["id"] for s in client.list_sites()}
        for site_id in site_ids:
            if site_id not in known:
                continue
        for app_id in app_ids:
            if app_id not in known:
                print("unknown", app_id)
        for vm_id in vm_ids[:1]:
            if vm_id not in known:
                sys.exit(1)
        for site_id in site_ids[:10]:
            client.delete_site(site_id)
        for app_id in app_ids[:10]:
            client.delete_app(app_id)
        for vm_id in vm_ids[:10]:
            client.delete_vm(vm_id)
    ''', "OPS302:18", "OPS302:20", "OPS302:22"),
    # a lookup in a dict built from the API's listing that exits when the key is missing is membership
    case('''
        import sys
        from jira import JIRA
        jira = JIRA("https://jira.example.com")
        projects = {p.key: p for p in jira.projects()}
        def main(project_id, other_id, third_id):
            try:
                projects[project_id]
            except KeyError:
                sys.exit(f"{project_id} is not a project")
            jira.delete_project(project_id)
            if projects.get(other_id) is None:
                sys.exit(f"{other_id} is not a project")
            jira.delete_project(other_id)
            known = dict((p.key, p) for p in jira.projects())
            try:
                project = known[third_id]
            except KeyError:
                raise SystemExit(f"{third_id} is not a project")
            jira.delete_project(third_id)
        main(sys.argv[1], sys.argv[2], sys.argv[3])
    '''),
    # ... not when the failure is swallowed, nor a client's or cache's get, which finds any key
    case('''
        import sys
        import redis
        from jira import JIRA
        jira = JIRA("https://jira.example.com")
        cache = redis.Redis()
        projects = {p.key: p for p in jira.projects()}
        project_id, other_id = sys.argv[1], sys.argv[2]
        try:
            projects[project_id]
        except KeyError:
            print("unknown project", project_id)
        jira.delete_project(project_id)
        if cache.get(other_id) is None:
            sys.exit(f"{other_id} is not cached")
        jira.delete_project(other_id)
    ''', "OPS302:12", "OPS302:15"),
    # a validator method of the module's own class, called on self or on an instance, checks like a function
    case('''
        import sys
        from insight import InsightClient
        class Cleaner:
            def __init__(self, client):
                self.client = client
                self.known = {s["id"] for s in client.list_sites()}
            def require(self, site_id):
                if site_id not in self.known:
                    raise SystemExit(f"{site_id} is not a site")
            def run(self, site_id):
                self.require(site_id)
                self.client.delete_site(site_id)
        cleaner = Cleaner(InsightClient())
        other_id = sys.argv[2]
        cleaner.require(other_id)
        cleaner.client.delete_site(other_id)
        if "--execute" in sys.argv:
            cleaner.run(sys.argv[1])
    '''),
    # ... a method that only logs, or raises without checking the ID, does not
    case('''
        import sys
        from insight import InsightClient
        class Cleaner:
            def __init__(self, client):
                self.client = client
                self.known = {s["id"] for s in client.list_sites()}
            def note(self, site_id):
                if site_id not in self.known:
                    print(f"{site_id} is not a site")
            def connected(self, site_id):
                if not self.client:
                    raise SystemExit("no client")
            def run(self, site_id):
                self.note(site_id)
                self.connected(site_id)
                self.client.delete_site(site_id)
        if "--execute" in sys.argv:
            Cleaner(InsightClient()).run(sys.argv[1])
    ''', "OPS302:16"),
    # an anchored match taken apart with m.group(0) is validated (OPS301 reports the plain list)
    case('''
        import re
        import sys
        from insight import InsightClient
        APP = re.compile(r"app-[0-9a-f]{12}")
        with open(sys.argv[1]) as f:
            app_ids = [m.group(0) for line in f if (m := APP.fullmatch(line.strip()))]
        for app_id in app_ids[:10]:
            InsightClient().permanently_delete(app_id)
        m = re.search(r"app-[0-9a-f]{12}", sys.argv[2])
        InsightClient().permanently_delete(m.group(0))
    '''),
    # a match-case capture carries the flow: `case {"id": app_id}` is item["id"]
    case('''
        import json
        import sys
        from insight import InsightClient
        client = InsightClient()
        for item in json.load(open(sys.argv[1]))[:10]:
            match item:
                case {"id": app_id}:
                    client.permanently_delete(app_id)
                case {"site_id": "s-1", "app": {"id": app_id}}:
                    client.permanently_delete(app_id)
    ''', "OPS302:8", "OPS302:10"),
    # ... and a kind key compared with a constant in the pattern, or a guard that checks it, validates it
    case('''
        import json
        import sys
        from insight import InsightClient
        client = InsightClient()
        known = {a["id"] for a in client.list_apps()}
        for item in json.load(open(sys.argv[1]))[:10]:
            match item:
                case {"kind": "insight-app", "id": app_id}:
                    client.permanently_delete(app_id)
                case {"id": app_id} if app_id in known:
                    client.permanently_delete(app_id)
                case {"id": app_id}:
                    if app_id not in known:
                        continue
                    client.permanently_delete(app_id)
    '''),
]


@pytest.mark.parametrize("c", PROBED, ids=[c.id for c in PROBED])
def test_probed(c):
    assert_case(c, rules=["OPS302"])
