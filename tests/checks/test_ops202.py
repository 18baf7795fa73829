import pytest

from linter.testing import assert_case, case

CASES = [
    # a required --plan FILE is always given: no dry-run switch, whatever "plan" usually means
    case('''
        import argparse
        from insight import SiteAdminClient
        parser = argparse.ArgumentParser()
        parser.add_argument("--plan", required=True, help="plan file, one app ID per line")
        args = parser.parse_args()
        client = SiteAdminClient()
        for app_id in open(args.plan).read().split()[:10]:
            client.mark_for_deletion(app_id)
    '''),
    # functools.partial binding dry_run=False switches the helper's own check off for every call
    case('''
        import argparse, functools
        from drive import DriveClient
        def trash_file(drive, file, dry_run):
            if dry_run:
                return
            drive.trash_file(file["id"])
        parser = argparse.ArgumentParser()
        parser.add_argument("--execute", action="store_true")
        args = parser.parse_args()
        drive = DriveClient()
        handle = functools.partial(trash_file, drive, dry_run=False)
        for file in drive.list_files(limit=100)[:100]:
            handle(file)
    ''', "OPS202:6"),
    # ... one that binds the real switch keeps it
    case('''
        import argparse, functools
        from drive import DriveClient
        def trash_file(drive, file, dry_run):
            if dry_run:
                return
            drive.trash_file(file["id"])
        parser = argparse.ArgumentParser()
        parser.add_argument("--execute", action="store_true")
        args = parser.parse_args()
        drive = DriveClient()
        handle = functools.partial(trash_file, drive, dry_run=not args.execute)
        for file in drive.list_files(limit=100)[:100]:
            handle(file)
    '''),
    # a recoverable call that ignores the dry-run flag
    case('''
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--execute", action="store_true")
        args = p.parse_args()
        def main(client, users):
            for u in users[:10]:
                client.disable_user(u)
    ''', "OPS202:7"),
    # honoured
    case('''
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--execute", action="store_true")
        args = p.parse_args()
        def main(client, users):
            for u in users[:10]:
                if args.execute:
                    client.disable_user(u)
    '''),
    # guarded on one path only
    case('''
        def archive_all(client, projects, dry_run=True):
            for p in projects[:10]:
                if not dry_run:
                    client.archive_project(p)
            client.archive_project("scratch")
    ''', "OPS202:5"),
    # no dry-run mode: OPS201's business, not OPS202's
    case('''
        def main(client, x):
            client.archive_project(x)
        if __name__ == "__main__":
            main(None, 1)
    '''),
    # permanent calls are OPS101, never OPS202
    case('''
        def run(client, x, dry_run=True):
            client.permanently_delete(x)
    '''),
    # KMS schedule_key_deletion is recoverable
    case('''
        import os
        import boto3
        DRY_RUN = os.environ.get("DRY_RUN", "1") == "1"
        kms = boto3.client("kms")
        def retire(key_id):
            kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=30)
    ''', "OPS202:6"),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_ops202(c):
    assert_case(c, rules=["OPS202"])
