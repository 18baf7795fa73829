import pytest

from linter.testing import assert_case, case

CASES = [
    # ... also when a helper of the module loads it
    case('''
        import sys, yaml
        from insight import InsightClient
        def load_plan(path):
            with open(path) as fh:
                return yaml.safe_load(fh)
        plan = load_plan(sys.argv[1])
        mode = plan.get("mode", "permanent")
        for app_id in plan["app_ids"][:10]:
            if mode == "mark":
                InsightClient().mark_for_deletion(app_id)
            elif mode == "permanent" and "--execute" in sys.argv:
                InsightClient().permanently_delete(app_id)
    ''', "OPS102:7"),
    # a mode read from a loaded config file whose default is permanent
    case('''
        import sys, yaml
        from insight import InsightClient
        cfg = yaml.safe_load(open(sys.argv[1])) or {}
        mode = cfg.get("mode", "permanent")
        client = InsightClient()
        for app_id in cfg.get("apps", [])[:10]:
            if cfg.get("execute") is True:
                if mode == "mark":
                    client.mark_for_deletion(app_id)
                else:
                    client.permanently_delete(app_id)
    ''', "OPS102:4"),
    # a free-text action with no recoverable choice is not a permanent-vs-recoverable mode
    case('''
        import argparse
        import boto3
        p = argparse.ArgumentParser()
        p.add_argument("--action", default="list")
        args = p.parse_args()
        cf = boto3.client("cloudformation")
        if args.action == "create":
            cf.create_stack(StackName="x")
        elif args.action == "delete":
            cf.delete_stack(StackName="x")
    '''),
    # an environment variable's default picks the permanent mode (also through .lower())
    case('''
        import os
        from atlassian import Confluence
        MODE = os.environ.get("MODE", "purge")
        cleanup_mode = os.getenv("CLEANUP_MODE", "hard").lower()
        wiki = Confluence(url="https://wiki.example.com")
        for page in wiki.get_all_pages_from_space("OPS", limit=10):
            if os.environ.get("EXECUTE") == "yes":
                if MODE == "trash":
                    wiki.remove_page(page["id"])
                else:
                    wiki.remove_page_from_trash(page["id"])
                if cleanup_mode != "soft":
                    wiki.remove_page_from_trash(page["id"])
    ''', "OPS102:3", "OPS102:4"),
    # ... not when the default is recoverable, or nothing recoverable is ever chosen
    case('''
        import os
        from atlassian import Confluence
        MODE = os.environ.get("MODE", "trash")
        ACTION = os.environ.get("ACTION", "purge")
        wiki = Confluence(url="https://wiki.example.com")
        if os.environ.get("EXECUTE") == "yes":
            if MODE == "purge":
                wiki.remove_page_from_trash("1")
            if ACTION == "purge":
                wiki.remove_page_from_trash("2")
    '''),
    # an Enum member as the default, handed to typer.Option or argparse's default=
    case('''
        import enum, shutil
        import typer
        class Mode(str, enum.Enum):
            archive = "archive"
            purge = "purge"
        def main(mode: Mode = typer.Option(Mode.purge), execute: bool = typer.Option(False)):
            if execute and mode is Mode.purge:
                shutil.rmtree("/srv/tenant")
        if __name__ == "__main__":
            typer.run(main)
    ''', "OPS102:6"),
    case('''
        import enum, shutil
        import typer
        class Mode(str, enum.Enum):
            archive = "archive"
            purge = "purge"
        def main(mode: Mode = typer.Option(Mode.archive), execute: bool = typer.Option(False)):
            if execute and mode is Mode.purge:
                shutil.rmtree("/srv/tenant")
        if __name__ == "__main__":
            typer.run(main)
    '''),
    case('''
        import argparse, enum, shutil
        class Mode(enum.Enum):
            ARCHIVE = "archive"
            PURGE = "purge"
        def main():
            ap = argparse.ArgumentParser()
            ap.add_argument("--mode", type=Mode, choices=list(Mode), default=Mode.PURGE)
            args = ap.parse_args()
            if args.mode is Mode.PURGE:
                shutil.rmtree("/srv/x")
    ''', "OPS102:7"),
    # argparse mode with a permanent default while a recoverable choice exists
    case('''
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--mode", choices=["mark", "permanent"], default="permanent")
        args = p.parse_args()
        def run(client, x):
            if args.mode == "permanent":
                client.permanently_delete(x)
            else:
                client.mark_for_deletion(x)
    ''', "OPS102:3"),
    # recoverable default: fine
    case('''
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--mode", choices=["mark", "permanent"], default="mark")
        args = p.parse_args()
        def run(client, x):
            if args.mode == "permanent":
                client.permanently_delete(x)
    '''),
    # free-text mode: reported on the option whatever the default
    case('''
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--action", default="archive")
        args = p.parse_args()
        def run(client, x):
            if args.action == "purge":
                client.purge_project(x)
            else:
                client.archive_project(x)
    ''', "OPS102:3"),
    # click Choice with a permanent default; by values under another name
    case('''
        import click
        @click.command()
        @click.option("--how", type=click.Choice(["soft", "hard"]), default="hard")
        def main(how):
            if how == "hard":
                client.hard_delete_user(1)
    ''', "OPS102:3"),
    # a --permanent flag that is on by default
    case('''
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--no-permanent", dest="permanent", action="store_false")
        args = p.parse_args()
        client.delete_site(1, permanent=args.permanent)
    ''', "OPS102:3"),
    case('''
        import click
        @click.command()
        @click.option("--purge/--no-purge", default=True)
        def main(purge):
            client.delete_page(1, purge=purge)
    ''', "OPS102:3"),
    case('''
        import click
        @click.command()
        @click.option("--purge/--no-purge", default=False)
        def main(purge):
            client.delete_page(1, purge=purge)
    '''),
    # typer Enum default
    case('''
        from enum import Enum
        import typer
        class Mode(str, Enum):
            mark = "mark"
            purge = "purge"
        def main(mode: Mode = Mode.purge):
            client.purge_site(1)
        typer.run(main)
    ''', "OPS102:6"),
    # function parameters in a function that reaches a destructive call
    case('''
        def remove_site(client, site_id, permanent=True):
            client.delete_site(site_id, permanent=permanent)
        def remove_page(client, page_id, mode="purge"):
            client.delete_page(page_id)
        def harmless(x, hard=True):
            print(x)
    ''', "OPS102:1", "OPS102:3"),
    # a mode unrelated to deleting is not a delete mode
    case('''
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--mode", choices=["fast", "slow"], default="fast")
        args = p.parse_args()
        client.delete_site(1)
    '''),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_ops102(c):
    assert_case(c, rules=["OPS102"])
