import pytest

from linter.testing import assert_case, case

CASES = [
    # ... so a script whose only "plan" is a required file has no dry-run mode
    case('''
        import argparse, shutil
        parser = argparse.ArgumentParser()
        parser.add_argument("--plan", required=True)
        parser.add_argument("preview")
        args = parser.parse_args()
        for path in open(args.plan).read().split()[:10]:
            shutil.rmtree(path)
    ''', "OPS201:7"),
    # a counting switch that is 0 unless given (`-r N`, `-v` counts) is an opt-in when its truth gates the delete
    case('''
        import argparse, os
        def main():
            parser = argparse.ArgumentParser()
            parser.add_argument("-r", "--remove", type=int, default=0)
            parser.add_argument("-f", "--force", action="count")
            args = parser.parse_args()
            if args.remove:
                os.system("kubectl delete job old-backup")
            if args.force:
                os.system("kubectl delete job old-report")
        if __name__ == "__main__":
            main()
    '''),
    # ... a positional number is always given, and a default of 1 acts unless told otherwise
    case('''
        import argparse, os
        def main():
            parser = argparse.ArgumentParser()
            parser.add_argument("count", type=int)
            parser.add_argument("--remove", type=int, default=1)
            args = parser.parse_args()
            if args.count:
                os.system("kubectl delete job old-backup")
            if args.remove:
                os.system("kubectl delete job old-report")
        if __name__ == "__main__":
            main()
    ''', "OPS201:11"),
    # a configargparse parser makes a command-line script
    case('''
        import configargparse, shutil
        def main():
            p = configargparse.ArgParser()
            p.add("--path", required=True)
            shutil.rmtree(p.parse_args().path)
    ''', "OPS201:5"),
    # a top-level map over a module function runs it: an executable script
    case('''
        import sys
        from google.cloud import storage
        client = storage.Client()
        def drop_bucket(name):
            client.bucket(name).delete(force=True)
        list(map(drop_bucket, sys.argv[1:]))
    ''', "OPS201:5"),
    # ... a module that only defines it is a library
    case('''
        from google.cloud import storage
        client = storage.Client()
        def drop_bucket(name):
            client.bucket(name).delete(force=True)
        HANDLERS = {"drop": drop_bucket}
    '''),
    # __main__ script with no dry-run: reported on the main guard
    case('''
        import shutil
        def main():
            shutil.rmtree("/srv/old")
        if __name__ == "__main__":
            main()
    ''', "OPS201:4"),
    # a MODE environment variable defaulting to "dry_run" is a dry-run mode
    case('''
        import os
        import boto3
        MODE = os.environ.get("MODE", "dry_run")
        def main():
            ec2 = boto3.client("ec2")
            for snap in ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"][:50]:
                if MODE == "delete":
                    ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])
        if __name__ == "__main__":
            main()
    '''),
    # a dry_run parameter nothing reads is no dry-run mode
    case('''
        import argparse
        import boto3
        def empty_bucket(name, dry_run=True):
            bucket = boto3.resource("s3").Bucket(name)
            if input(f"empty {name}? ") == "yes":
                bucket.delete()
        if __name__ == "__main__":
            p = argparse.ArgumentParser()
            p.add_argument("bucket")
            empty_bucket(p.parse_args().bucket)
    ''', "OPS201:7"),
    # ... one that is read is
    case('''
        import argparse
        import boto3
        def empty_bucket(name, dry_run=True):
            bucket = boto3.resource("s3").Bucket(name)
            if not dry_run:
                bucket.delete()
        if __name__ == "__main__":
            p = argparse.ArgumentParser()
            p.add_argument("bucket")
            empty_bucket(p.parse_args().bucket)
    '''),
    # a library: functions only
    case('''
        import shutil
        def clean(path):
            shutil.rmtree(path)
    '''),
    # bare top-level script: reported on the first destructive call
    case('''
        import os
        os.remove("/var/run/app.pid")
    ''', "OPS201:2"),
    # click command: reported on the command function
    case('''
        import click
        @click.command()
        @click.argument("bucket")
        def main(bucket):
            client.delete_bucket(Bucket=bucket)
    ''', "OPS201:4"),
    # a dry-run option (any source) is a dry-run mode
    case('''
        import argparse, shutil
        p = argparse.ArgumentParser()
        p.add_argument("--no-dry-run", dest="dry_run", action="store_false")
        args = p.parse_args()
        if not args.dry_run:
            shutil.rmtree("/srv/old")
    '''),
    case('''
        import os, shutil
        DRY_RUN = os.environ.get("DRY_RUN", "true").lower() == "true"
        if not DRY_RUN:
            shutil.rmtree("/srv/old")
    '''),
    # typer bool = False execute switch
    case('''
        import typer
        def main(path: str, execute: bool = False):
            if execute:
                client.delete_page(path)
        typer.run(main)
    '''),
    # Django management command with --dry-run
    case('''
        from django.core.management.base import BaseCommand
        class Command(BaseCommand):
            def add_arguments(self, parser):
                parser.add_argument("--execute", action="store_true")
            def handle(self, *args, **options):
                if options["execute"]:
                    Site.objects.filter(stale=True).delete()
    '''),
    # Django command without one: reported on handle
    case('''
        from django.core.management.base import BaseCommand
        class Command(BaseCommand):
            def handle(self, *args, **options):
                Site.objects.filter(stale=True).delete()
    ''', "OPS201:3"),
    # an opt-in flag without which nothing runs is a dry-run mode
    case('''
        import sys
        import shutil
        if "--really" in sys.argv:
            shutil.rmtree("/srv/old")
    '''),
    case('''
        import sys
        import shutil
        if "--purge-cache" in sys.argv:
            shutil.rmtree("/srv/cache")
    '''),
    # a confirmation prompt alone is not a dry-run mode
    case('''
        import click, shutil
        @click.command()
        def main():
            if click.confirm("wipe cache?"):
                shutil.rmtree("/srv/cache")
    ''', "OPS201:3"),
    # module-level main() call
    case('''
        import shutil
        def main():
            shutil.rmtree("/srv/old")
        main()
    ''', "OPS201:3"),
    # a FORCE-or-prompt guard is no dry-run mode: the operator can only confirm, never preview
    case('''
        import os, shutil
        if "FORCE" in os.environ or input("remove /srv/old? ") == "yes":
            shutil.rmtree("/srv/old")
    ''', "OPS201:3"),
    # no destructive call: nothing to report
    case('''
        import argparse
        if __name__ == "__main__":
            print(argparse.ArgumentParser().parse_args())
    '''),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_ops201(c):
    assert_case(c, rules=["OPS201"])
