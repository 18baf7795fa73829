import pytest

from linter.testing import assert_case, case

CASES = [
    # handed to the module's own function that compares it with explicit text: parsed, not truthy
    case('''
        import os
        import boto3
        def cleanup(cf, names, dryrun="False"):
            if dryrun != "True":
                for name in names[:10]:
                    cf.delete_stack(StackName=name)
        def handler(event, context):
            dryrun = os.environ.get("DRYRUN", "True")
            cleanup(boto3.client("cloudformation"), event["names"], dryrun=dryrun)
    '''),
    # an environment read as a parameter's default, tested for truth in the function
    case('''
        import os, shutil
        def main(dry_run=os.getenv("DRY_RUN", "1"), force=os.getenv("FORCE", "no").lower() == "yes"):
            if dry_run or not force:
                return
            shutil.rmtree("/srv/old")
        if __name__ == "__main__":
            main()
    ''', "OPS204:2"),
    case('''
        import os, shutil
        if os.environ.get("FORCE"):
            shutil.rmtree("/srv/old")
    ''', "OPS204:2"),
    case('''
        import os, shutil
        dry_run = os.getenv("DRY_RUN", "1")
        if not dry_run:
            shutil.rmtree("/srv/old")
    ''', "OPS204:2"),
    case('''
        import os, shutil
        if not bool(os.environ["APPLY"].strip()):
            sys.exit(0)
        shutil.rmtree("/srv/old")
    ''', "OPS204:2"),
    # parsed: compared, or handed to a parser
    case('''
        import os, shutil
        from distutils.util import strtobool
        if os.environ.get("FORCE", "").lower() in ("1", "true"):
            shutil.rmtree("/srv/a")
        if strtobool(os.getenv("EXECUTE", "0")):
            shutil.rmtree("/srv/b")
        dry = os.getenv("DRY_RUN", "1")
        if dry != "0":
            sys.exit(0)
        shutil.rmtree("/srv/c")
    '''),
    # `or "default"` keeps it a string: what matters is how it is used next
    case('''
        import os, shutil
        dry = os.getenv("DRY_RUN") or "1"
        if dry == "0":
            shutil.rmtree("/srv/a")
        force = os.getenv("FORCE") or ""
        if force:
            shutil.rmtree("/srv/b")
    ''', "OPS204:5"),
    # not a safety flag, or no destructive call
    case('''
        import os, shutil
        if os.environ.get("DEBUG"):
            print("debug")
        shutil.rmtree("/tmp/x")
    '''),
    case('''
        import os
        if os.environ.get("FORCE"):
            print("forcing")
    '''),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_ops204(c):
    assert_case(c, rules=["OPS204"])
