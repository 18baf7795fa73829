import pytest

from linter.testing import assert_case, case, lint_source

CASES = [
    # DO_DELETE on unless someone turns it off
    case('''
        import os, shutil
        def parse_boolstr(s):
            return s.lower() in ("true", "1")
        do_delete = parse_boolstr(os.getenv("DO_DELETE", "True"))
        for d in sorted(os.listdir("/srv/old"))[:10]:
            if do_delete:
                shutil.rmtree(os.path.join("/srv/old", d))
    ''', "OPS203:4"),
    # --execute stored with store_false is a dry run unless typed; noaction, INPUT_DRY_RUN, ENABLE_DELETE are switches
    case('''
        import argparse, os, shutil
        import boto3
        p = argparse.ArgumentParser()
        p.add_argument("--execute", action="store_false")
        p.add_argument("-noaction", action="store_true")
        args = p.parse_args()
        boto3.client("ec2").delete_snapshot(SnapshotId="snap-1", DryRun=args.execute)
        if not args.noaction:
            shutil.rmtree("/srv/a")
        dry_run = os.getenv("INPUT_DRY_RUN") == "true"
        if not dry_run:
            shutil.rmtree("/srv/b")
    ''', "OPS203:5", "OPS203:10"),
    case('''
        import shutil
        ENABLE_DELETE = True
        if ENABLE_DELETE:
            shutil.rmtree("/srv/a")
    ''', "OPS203:2"),
    # a switch read from a config file with an off default (or none)
    case('''
        import json, sys, yaml
        from elasticsearch import Elasticsearch
        cfg = yaml.safe_load(open(sys.argv[1]))
        dry_run = cfg.get("dry_run", False)
        es = Elasticsearch(cfg["url"])
        def purge(settings_path):
            settings = json.load(open(settings_path)) or {}
            if not settings.get("dry_run"):
                es.indices.delete(index="logs-old")
        if not dry_run:
            es.indices.delete(index="logs-older")
    ''', "OPS203:4", "OPS203:8"),
    # ... not when it defaults to on, or the dict is not a loaded config
    case('''
        import sys, yaml
        from elasticsearch import Elasticsearch
        cfg = yaml.safe_load(open(sys.argv[1]))
        es = Elasticsearch(cfg["url"])
        def purge(options):
            if not options.get("dry_run", False) and not cfg.get("dry_run", True):
                es.indices.delete(index="logs-old")
    '''),
    # a switch read from a slice of argv, or from any() over its words, is still off unless typed
    case('''
        import shutil, sys
        DRY_RUN = "--dry-run" in sys.argv[1:]
        PRETEND = any(a in ("-n", "--pretend") for a in sys.argv[1:])
        if not (DRY_RUN or PRETEND):
            shutil.rmtree("/srv/old")
        if "--execute" in sys.argv[1:]:
            shutil.rmtree("/srv/older")
    ''', "OPS203:2", "OPS203:3"),
    # a destructive command run through the module's own helper makes the script destructive
    case('''
        import argparse, subprocess
        def shell_exec(args):
            return subprocess.run(args, stdout=subprocess.PIPE)
        def main():
            parser = argparse.ArgumentParser()
            parser.add_argument("--dry", action="store_true")
            args = parser.parse_args()
            for group in open("groups.txt").read().split():
                if not args.dry:
                    shell_exec(["aws", "logs", "delete-log-group", "--log-group-name", group])
        if __name__ == "__main__":
            main()
    ''', "OPS203:6"),
    # configargparse declares options with p.add(...)
    case('''
        import configargparse
        from azure.mgmt.resource import ResourceManagementClient
        p = configargparse.get_argument_parser(name="cleanup")
        p.add("--dry-run", action="store_true", help="only print")
        args = p.parse_args()
        client = ResourceManagementClient(None, "sub")
        for group in list(client.resource_groups.list())[:20]:
            if not args.dry_run:
                client.resource_groups.begin_delete(group.name)
    ''', "OPS203:4"),
    # a constant that is the only switch: every run acts until someone edits the file
    case('''
        import boto3
        DRY_RUN = False
        def main():
            boto3.client("ec2").terminate_instances(InstanceIds=["i-0abc"], DryRun=DRY_RUN)
        if __name__ == "__main__":
            main()
    ''', "OPS203:2"),
    case('''
        import shutil
        EXECUTE = True
        if EXECUTE:
            shutil.rmtree("/srv/old")
    ''', "OPS203:2"),
    # ... a safe constant, or one the command line sets at run time, is not
    case('''
        import boto3
        DRY_RUN = True
        def main():
            boto3.client("ec2").terminate_instances(InstanceIds=["i-0abc"], DryRun=DRY_RUN)
        if __name__ == "__main__":
            main()
    '''),
    case('''
        import sys
        import boto3
        DRY_RUN = False
        def main():
            global DRY_RUN
            DRY_RUN = "--execute" not in sys.argv
            boto3.client("ec2").terminate_instances(InstanceIds=["i-0abc"], DryRun=DRY_RUN)
        if __name__ == "__main__":
            main()
    '''),
    # --dry-run is off by default, but nothing deletes without --delete either: safe by default
    case('''
        import click, shutil
        @click.command()
        @click.option("--dry-run", is_flag=True)
        @click.option("--delete", is_flag=True)
        def main(dry_run, delete):
            if dry_run:
                print("would remove /srv/old")
            elif delete:
                shutil.rmtree("/srv/old")
    '''),
    case('''
        import argparse, os, shutil
        p = argparse.ArgumentParser()
        p.add_argument("--execute", action="store_true")
        args = p.parse_args()
        dry_run = os.environ.get("DRY_RUN", "0") == "1"
        if args.execute and not dry_run:
            shutil.rmtree("/srv/old")
    '''),
    # ... unless one destructive call skips the opt-in
    case('''
        import click, os, shutil
        @click.command()
        @click.option("--dry-run", is_flag=True)
        @click.option("--delete", is_flag=True)
        def main(dry_run, delete):
            if delete and not dry_run:
                shutil.rmtree("/srv/old")
            if not dry_run:
                os.remove("/srv/old.tar")
    ''', "OPS203:3"),
    case('''
        import argparse, shutil
        p = argparse.ArgumentParser()
        p.add_argument("--dry-run", action="store_true")
        args = p.parse_args()
        if not args.dry_run:
            shutil.rmtree("/srv/old")
    ''', "OPS203:3"),
    case('''
        import argparse, shutil
        p = argparse.ArgumentParser()
        p.add_argument("--dry-run", action=argparse.BooleanOptionalAction, default=True)
        args = p.parse_args()
        if not args.dry_run:
            shutil.rmtree("/srv/old")
    '''),
    case('''
        import argparse, shutil
        p = argparse.ArgumentParser()
        p.add_argument("--execute", action="store_true", default=True)
        args = p.parse_args()
        if args.execute:
            shutil.rmtree("/srv/old")
    ''', "OPS203:3"),
    case('''
        import click, shutil
        @click.command()
        @click.option("--dry-run/--no-dry-run", default=False)
        def main(dry_run):
            if not dry_run:
                shutil.rmtree("/srv/old")
    ''', "OPS203:3"),
    case('''
        import click, shutil
        @click.command()
        @click.option("--dry-run/--no-dry-run", default=True)
        def main(dry_run):
            if not dry_run:
                shutil.rmtree("/srv/old")
    '''),
    case('''
        import typer, shutil
        def main(dry_run: bool = False):
            if not dry_run:
                shutil.rmtree("/srv/old")
        typer.run(main)
    ''', "OPS203:2"),
    case('''
        import os, shutil
        DRY_RUN = os.environ.get("DRY_RUN", "false").lower() == "true"
        if not DRY_RUN:
            shutil.rmtree("/srv/old")
    ''', "OPS203:2"),
    case('''
        import os, shutil
        DRY_RUN = os.environ.get("DRY_RUN", "true").lower() == "true"
        if not DRY_RUN:
            shutil.rmtree("/srv/old")
    '''),
    case('''
        import os, shutil
        if (os.getenv("DRY_RUN") or "1") == "0":
            shutil.rmtree("/srv/old")
        if (os.getenv("DRY_RUN") or "") != "1":
            shutil.rmtree("/srv/new")
    ''', "OPS203:4"),
    case('''
        import sys, shutil
        if "--dry-run" not in sys.argv:
            shutil.rmtree("/srv/old")
    ''', "OPS203:2"),
    # os.environ["DRY_RUN"] has no default: the spec's "no default" case, like .get() without one
    case('''
        import os, shutil
        DRY_RUN = os.environ["DRY_RUN"] == "true"
        if not DRY_RUN:
            shutil.rmtree("/srv/old")
    ''', "OPS203:2"),
    # ... but a required EXECUTE is not on by default
    case('''
        import os, shutil
        if os.environ["EXECUTE"] == "1":
            shutil.rmtree("/srv/old")
    '''),
    # no destructive call: nothing to warn about
    case('''
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--dry-run", action="store_true")
        print(p.parse_args())
    '''),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_ops203(c):
    assert_case(c, rules=["OPS203"])


def test_message_names_the_long_flag():
    findings = lint_source(
        "import argparse, shutil\n"
        "p = argparse.ArgumentParser()\n"
        'p.add_argument("-n", "--dry-run", action="store_true")\n'
        "if not p.parse_args().dry_run:\n"
        '    shutil.rmtree("/srv/old")\n'
    )
    messages = [f.message for f in findings if f.rule == "OPS203"]
    assert len(messages) == 1 and messages[0].startswith("--dry-run defaults to off"), messages


def test_message_for_a_membership_test_of_the_environment():
    findings = lint_source('import os, shutil\nif "DRY_RUN" not in os.environ:\n    shutil.rmtree("/srv/old")\n')
    messages = [f.message for f in findings if f.rule == "OPS203"]
    assert len(messages) == 1 and messages[0].startswith('`"DRY_RUN" in os.environ` makes acting the default'), messages
