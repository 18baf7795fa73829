import pytest

from linter.testing import assert_case, case, lint_source

CASES = [
    # pytest's own temp directories (tmp_path, tmpdir, tmp_path_factory) are as temporary as tempfile's
    case('''
        import os, shutil
        def test_remove(tmp_path):
            p = tmp_path / "a.log"
            p.write_text("x")
            os.remove(p)
        def test_tree(tmp_path_factory):
            d = tmp_path_factory.mktemp("data")
            shutil.rmtree(d)
        def cleanup(path):
            shutil.rmtree(path)
    ''', "OPS101:10"),
    # a parameter means what every caller hands it: an off-by-default --delete passed positionally
    case('''
        import argparse, os
        parser = argparse.ArgumentParser()
        parser.add_argument("path")
        parser.add_argument("--delete", action="store_true")
        args = parser.parse_args()
        def clear(path, remove=False):
            for name in os.listdir(path)[:100]:
                if remove:
                    os.remove(os.path.join(path, name))
        def wipe(path, go):
            if go:
                os.remove(path)
        clear(args.path, args.delete)
        clear(args.path)
        wipe(args.path, args.delete)
        wipe(args.path, True)
    ''', "OPS101:12"),
    # a decorator or a context manager of the module that guards what it wraps
    case('''
        import contextlib, functools, os, shutil, sys
        import boto3
        DRY_RUN = os.environ.get("DRY_RUN", "1") != "0"
        def require_confirmation(fn):
            @functools.wraps(fn)
            def wrapper(path):
                if input(f"remove {path}? type yes: ") != "yes":
                    sys.exit("aborted")
                return fn(path)
            return wrapper
        def skip_in_dry_run(fn):
            def inner(*args):
                if DRY_RUN:
                    return None
                return fn(*args)
            return inner
        @contextlib.contextmanager
        def live_only(execute):
            if not execute:
                sys.exit("dry run: pass --execute")
            yield
        @require_confirmation
        def wipe(path):
            shutil.rmtree(path)
        @skip_in_dry_run
        def remove(key):
            boto3.client("s3").delete_object(Bucket="exports", Key=key)
        if __name__ == "__main__":
            wipe(sys.argv[1])
            remove(sys.argv[2])
            with live_only("--execute" in sys.argv):
                boto3.client("cloudformation").delete_stack(StackName=sys.argv[3])
    '''),
    # ... not one that only logs around the call, or yields before its check
    case('''
        import contextlib, functools, logging, shutil, sys
        def logged(fn):
            @functools.wraps(fn)
            def wrapper(*args):
                logging.info("calling %s", fn.__name__)
                return fn(*args)
            return wrapper
        @contextlib.contextmanager
        def timer(execute):
            yield
            if not execute:
                sys.exit("should have been a dry run")
        @logged
        def wipe(path):
            shutil.rmtree(path)
        if __name__ == "__main__":
            wipe(sys.argv[1])
            with timer("--execute" in sys.argv):
                shutil.rmtree(sys.argv[2])
    ''', "OPS101:15", "OPS101:19"),
    # a destructive call wrapped by a retry helper in place still runs
    case('''
        import shutil, sys
        import boto3
        from tenacity import Retrying, retry, stop_after_attempt
        s3 = boto3.client("s3")
        retry(stop=stop_after_attempt(3))(shutil.rmtree)(sys.argv[1])
        Retrying(stop=stop_after_attempt(3))(s3.delete_object, Bucket="exports", Key=sys.argv[2])
        retry(stop=stop_after_attempt(3))(print)(sys.argv[1])
    ''', "OPS101:5", "OPS101:6"),
    # an RPC-style API takes its verb in the URL: a Slack files.delete through a constant base URL
    case('''
        import requests
        API = "https://slack.com/api"
        files = requests.get(f"{API}/files.list").json()["files"]
        for f in files[:10]:
            requests.post(f"{API}/files.delete", data={"file": f["id"]})
            requests.post(API + "/chat.delete", data={"channel": "C1", "ts": f["ts"]})
    ''', "OPS101:5", "OPS101:6"),
    # a helper that runs the command or SQL it is handed: the helper's call site is the delete
    case('''
        import sqlite3, subprocess, sys
        def sh(cmd):
            print("+", cmd)
            subprocess.check_call(cmd, shell=True)
        def run_sql(conn, statement, params=()):
            conn.execute(statement, params)
        def main():
            conn = sqlite3.connect(sys.argv[1])
            sh("ls -la /srv")
            sh(f"rm -rf /srv/releases/{sys.argv[2]}")
            run_sql(conn, "SELECT 1")
            run_sql(conn, statement="DELETE FROM sessions WHERE id = ?", params=(sys.argv[3],))
        if __name__ == "__main__":
            main()
    ''', "OPS101:10", "OPS101:12"),
    # ... guarded when the helper itself returns early in a dry run
    case('''
        import argparse, subprocess
        import requests
        DRY_RUN = True
        def sh(cmd):
            if DRY_RUN:
                print("would run:", cmd)
                return
            subprocess.check_call(cmd, shell=True)
        def api(method, path):
            if DRY_RUN:
                return None
            return requests.request(method, "https://api.example.com" + path)
        def main():
            global DRY_RUN
            p = argparse.ArgumentParser()
            p.add_argument("--execute", action="store_true")
            DRY_RUN = not p.parse_args().execute
            sh("rm -rf /srv/releases/old")
            api("DELETE", "/sites/1")
        if __name__ == "__main__":
            main()
    '''),
    # a dry-run parameter that no call in the script ever sets guards nothing
    case('''
        import shutil
        def remove_all(paths, dry_run=False):
            for p in paths[:10]:
                if not dry_run:
                    shutil.rmtree(p)
        def main():
            remove_all(["/srv/a", "/srv/b"])
        if __name__ == "__main__":
            main()
    ''', "OPS101:5"),
    # ... but one a caller passes (by keyword or position) does, and so does one handed on or in a library
    case('''
        import argparse, shutil
        def remove_all(paths, dry_run=False):
            for p in paths[:10]:
                if not dry_run:
                    shutil.rmtree(p)
        def main():
            parser = argparse.ArgumentParser()
            parser.add_argument("--dry-run", action=argparse.BooleanOptionalAction, default=True)
            args = parser.parse_args()
            remove_all(["/srv/a"], dry_run=args.dry_run)
            remove_all(["/srv/b"], args.dry_run)
        if __name__ == "__main__":
            main()
    '''),
    case('''
        import shutil
        from concurrent.futures import ThreadPoolExecutor
        def remove(path, dry_run=False):
            if not dry_run:
                shutil.rmtree(path)
        if __name__ == "__main__":
            with ThreadPoolExecutor() as pool:
                pool.map(remove, ["/srv/a"])
    '''),
    case('''
        import shutil
        def remove_all(paths, dry_run=False):
            for p in paths[:10]:
                if not dry_run:
                    shutil.rmtree(p)
        def purge_defaults():
            remove_all(["/srv/a"])
    '''),
    # correlated branches: in `elif ids:` after `if dry_run and ids:`, ids is true, so dry_run is false
    case('''
        import argparse, shutil
        def main():
            parser = argparse.ArgumentParser()
            parser.add_argument("--dry-run", action="store_true")
            parser.add_argument("--delete", action="store_true")
            args = parser.parse_args()
            paths = ["/srv/a", "/srv/b"]
            if args.dry_run and paths:
                print("would remove", paths)
            elif args.delete and paths:
                shutil.rmtree(paths[0])
            if args.dry_run and paths:
                print("would remove", paths)
            elif args.delete:
                shutil.rmtree(paths[1])
        if __name__ == "__main__":
            main()
    ''', "OPS101:15"),
    # a mode value whose default is the dry run: acting needs the other value, asked for by name
    case('''
        import os, shutil
        mode = os.environ.get("CLEANUP_MODE", "plan")
        if mode == "apply":
            shutil.rmtree("/srv/old")
        elif mode != "plan":
            shutil.rmtree("/srv/older")
    '''),
    case('''
        import argparse, shutil
        def main():
            parser = argparse.ArgumentParser()
            parser.add_argument("--mode", choices=["dry-run", "delete"], default="dry-run")
            args = parser.parse_args()
            if args.mode == "delete":
                shutil.rmtree("/srv/old")
        if __name__ == "__main__":
            main()
    '''),
    # ... but a mode that defaults to deleting guards nothing
    case('''
        import os, shutil
        mode = os.environ.get("CLEANUP_MODE", "delete")
        if mode == "delete":
            shutil.rmtree("/srv/old")
    ''', "OPS101:4"),
    # the verb handed to a request helper: the helper's call with "DELETE" is the destructive call
    case('''
        import sys
        import requests
        session = requests.Session()
        def api(method, path, **kwargs):
            response = session.request(method, "https://api.example.com" + path, **kwargs)
            response.raise_for_status()
            return response
        def main(dry_run=True):
            site = sys.argv[1]
            api("GET", f"/sites/{site}")
            api("DELETE", f"/sites/{site}/apps")
            api(method="delete", path=f"/sites/{site}")
            if not dry_run:
                api("DELETE", f"/sites/{site}/users")
        if __name__ == "__main__":
            main(dry_run="--execute" not in sys.argv)
    ''', "OPS101:11", "OPS101:12"),
    # a DELETE request built first and sent under the flag is guarded where it is sent
    case('''
        import sys
        import urllib.request
        url = "https://api.example.com/sites/" + sys.argv[1]
        request = urllib.request.Request(url, method="DELETE")
        if "--execute" in sys.argv:
            urllib.request.urlopen(request)
        urllib.request.urlopen(urllib.request.Request(url + "/apps", method="DELETE"))
    ''', "OPS101:7"),
    # a top-level script adding --dry-run to the argv under the flag hands the flag to the command
    case('''
        import argparse, subprocess
        parser = argparse.ArgumentParser()
        parser.add_argument("--dry-run", action=argparse.BooleanOptionalAction, default=True)
        args = parser.parse_args()
        cmd = ["rsync", "-a", "--delete", "/srv/a/", "dr:/srv/a/"]
        if args.dry_run:
            cmd.insert(1, "--dry-run")
        subprocess.run(cmd, check=True)
    '''),
    # a directory the object made with mkdtemp is its own scratch space, whichever method removes it
    case('''
        import shutil, tempfile
        class Build:
            def __init__(self):
                self.workdir = tempfile.mkdtemp(prefix="release-")
                self.output = "/srv/releases/current"
            def cleanup(self):
                shutil.rmtree(self.workdir, ignore_errors=True)
            def clear_output(self):
                shutil.rmtree(self.output)
    ''', "OPS101:9"),
    # a switch parameter every call fixes to acting guards nothing either
    case('''
        import sys
        from jira import JIRA
        def remove_projects(jira, keys, execute=False):
            for key in keys[:10]:
                if execute:
                    jira.delete_project(key)
        def main():
            remove_projects(JIRA("https://jira.example.com"), sys.argv[1:], execute=True)
        if __name__ == "__main__":
            main()
    ''', "OPS101:6"),
    case('''
        import sys
        from jira import JIRA
        def remove_projects(jira, keys, execute=False):
            for key in keys[:10]:
                if execute:
                    jira.delete_project(key)
        def main():
            remove_projects(JIRA("https://jira.example.com"), sys.argv[1:], execute="--execute" in sys.argv)
        if __name__ == "__main__":
            main()
    '''),
    # a flag copied into an attribute under another name still carries it to the other methods
    case('''
        from django.core.management.base import BaseCommand
        from docs.models import Document
        class Command(BaseCommand):
            def add_arguments(self, parser):
                parser.add_argument("--execute", action="store_true")
            def handle(self, *args, **options):
                self.for_real = options["execute"]
                self.purge()
            def purge(self):
                if not self.for_real:
                    return
                Document.objects.filter(deleted=True).delete()
    '''),
    case('''
        from django.core.management.base import BaseCommand
        from docs.models import Document
        class Command(BaseCommand):
            def add_arguments(self, parser):
                parser.add_argument("--execute", action="store_true")
            def handle(self, *args, **options):
                self.verbose = options["verbosity"] > 1
                self.purge()
            def purge(self):
                if not self.verbose:
                    print("purging")
                Document.objects.filter(deleted=True).delete()
    ''', "OPS101:12"),
    # a destructive function handed to another call to run is a call of it
    case('''
        import atexit, functools, shutil, tempfile
        from concurrent.futures import ThreadPoolExecutor
        import boto3
        ec2 = boto3.client("ec2")
        with ThreadPoolExecutor() as pool:
            pool.submit(ec2.delete_volume, VolumeId="vol-1")
        cleanup = functools.partial(shutil.rmtree, "/srv/cache")
        scratch = tempfile.mkdtemp()
        atexit.register(shutil.rmtree, scratch)
        print(len, sorted(["b", "a"]))
    ''', "OPS101:6", "OPS101:7"),
    # ... not a value handed to a call that only keeps it (an Enum member as an option's default)
    case('''
        import enum
        import typer
        class Mode(str, enum.Enum):
            archive = "archive"
            purge = "purge"
        def main(mode: Mode = typer.Option(Mode.purge), execute: bool = typer.Option(False)):
            print(mode, execute)
        if __name__ == "__main__":
            typer.run(main)
    '''),
    # ... guarded when the module's runner calls it past its own dry-run check
    case('''
        import sys
        import boto3
        DRY_RUN = "--execute" not in sys.argv
        def run(action, *args, **kwargs):
            if DRY_RUN:
                print("dry run:", action.__name__, kwargs)
                return None
            return action(*args, **kwargs)
        def retry(action, *args, **kwargs):
            return action(*args, **kwargs)
        s3 = boto3.client("s3")
        run(s3.delete_object, Bucket="b", Key="k")
        retry(s3.delete_object, Bucket="b", Key="k")
    ''', "OPS101:13"),
    # action="store_const", const=True is an opt-in flag like store_true
    case('''
        import argparse
        import boto3
        parser = argparse.ArgumentParser()
        parser.add_argument("--really-delete", dest="really_delete", action="store_const", const=True, default=False)
        args = parser.parse_args()
        for obj in boto3.resource("s3").Bucket("logs").objects.filter(Prefix="old/").limit(100):
            if args.really_delete:
                obj.delete()
    '''),
    # a variable named like a switch but assigned a typed answer is a prompt: typing "delete" confirms
    case('''
        import argparse, sys
        from acme import client
        parser = argparse.ArgumentParser()
        parser.add_argument("--force", action="store_true")
        args = parser.parse_args()
        if not args.force:
            confirm = input("type 'delete' to go on: ")
            if confirm != "delete":
                sys.exit(0)
        client.delete_instances(["i-1", "i-2"])
    '''),
    # unguarded: bare script, no flag at all
    case('''
        import shutil
        shutil.rmtree("/srv/data")
    ''', "OPS101:2"),
    # the body of `if dry_run:` is not guarded
    case('''
        def run(dry_run, client, ids):
            for i in ids[:10]:
                if dry_run:
                    client.permanently_delete(i)
    ''', "OPS101:4"),
    # else of `if dry_run:` is guarded
    case('''
        def run(dry_run, client, ids):
            for i in ids[:10]:
                if dry_run:
                    print("would delete", i)
                else:
                    client.permanently_delete(i)
    '''),
    # `if not args.dry_run:`
    case('''
        def run(args, client):
            if not args.dry_run:
                client.permanently_delete(args.id)
    '''),
    # `dry_run or force` does not guard its body; `force or not dry_run` does
    case('''
        def a(dry_run, force, client, x):
            if dry_run or force:
                client.permanently_delete(x)
        def b(dry_run, force, client, x):
            if force or not dry_run:
                client.permanently_delete(x)
    ''', "OPS101:3"),
    # `and`: any guarding conjunct suffices
    case('''
        def a(args, client, x):
            if x.stale and not args.dry_run:
                client.permanently_delete(x)
    '''),
    # comparisons with booleans
    case('''
        def a(args, client, x):
            if args.dry_run == False:
                client.permanently_delete(x)
            if args.execute is True:
                client.permanently_delete(x)
            if args.dry_run != True:
                client.permanently_delete(x)
            if args.dry_run is True:
                client.permanently_delete(x)
    ''', "OPS101:9"),
    # ternary
    case('''
        def a(args, client, x):
            return None if args.dry_run else client.permanently_delete(x)
    '''),
    # early exits in dry-run mode
    case('''
        import sys
        def a(dry_run, client, ids):
            for i in ids[:5]:
                if dry_run:
                    print("skip", i)
                    continue
                client.permanently_delete(i)
        def b(dry_run, client, x):
            if dry_run:
                return
            client.permanently_delete(x)
        def c(dry_run, client, x):
            if dry_run:
                sys.exit(0)
            client.permanently_delete(x)
        def d(dry_run, client, x):
            assert not dry_run
            client.permanently_delete(x)
        def e(dry_run, client, x):
            if dry_run:
                raise SystemExit("dry run")
            client.permanently_delete(x)
    '''),
    # early exit guards only what comes after it
    case('''
        def a(dry_run, client, x):
            client.permanently_delete(x)
            if dry_run:
                return
    ''', "OPS101:2"),
    # confirmations
    case('''
        import sys
        import click
        def a(client, x):
            if click.confirm("delete?"):
                client.permanently_delete(x)
        def b(client, x):
            if not click.confirm("delete?"):
                sys.exit(1)
            client.permanently_delete(x)
        def c(client, x):
            click.confirm("delete?", abort=True)
            client.permanently_delete(x)
        def d(client, x):
            if input("type yes: ").strip().lower() in ("y", "yes"):
                client.permanently_delete(x)
        def e(client, x):
            answer = input("sure? ")
            if answer != "yes":
                raise SystemExit("aborted")
            client.permanently_delete(x)
        def f(client, x):
            confirmed = click.confirm("go?")
            if confirmed:
                client.permanently_delete(x)
    '''),
    # a prompt bypass with --yes still needs an explicit act
    case('''
        import click
        def a(args, client, x):
            if args.yes or click.confirm("delete?"):
                client.permanently_delete(x)
    '''),
    # the flag handed to the API
    case('''
        import boto3
        ec2 = boto3.client("ec2")
        def a(args):
            ec2.delete_snapshot(SnapshotId=args.snap, DryRun=args.dry_run)
        def b(v1, args, name):
            v1.delete_namespace(name, dry_run="All" if args.dry_run else None)
        def c(snap):
            ec2.delete_snapshot(SnapshotId=snap, DryRun=False)
    ''', "OPS101:8"),
    case('''
        import subprocess
        def a(args, ns):
            cmd = ["kubectl", "delete", "namespace", ns]
            if args.dry_run:
                cmd.append("--dry-run=client")
            subprocess.run(cmd, check=True)
    '''),
    # guards in callers, to a fixed point
    case('''
        import argparse
        import shutil
        def remove(path):
            shutil.rmtree(path)
        def process(paths, dry_run):
            for p in paths[:10]:
                if not dry_run:
                    remove(p)
        def main():
            p = argparse.ArgumentParser()
            p.add_argument("--execute", action="store_true")
            args = p.parse_args()
            process(["/a"], not args.execute)
    '''),
    case('''
        import shutil
        def remove(path):
            shutil.rmtree(path)
        def a(dry_run):
            if not dry_run:
                remove("/a")
        def b():
            remove("/b")
    ''', "OPS101:3"),
    # self.dry_run, options["dry_run"], ctx.obj
    case('''
        class Cleaner:
            def __init__(self, client, dry_run):
                self.client = client
                self.dry_run = dry_run
            def purge(self, x):
                if self.dry_run:
                    return
                self.client.permanently_delete(x)
        def handle(client, options, x):
            if not options["dry_run"]:
                client.permanently_delete(x)
        def cmd(ctx, client, x):
            if not ctx.obj.dry_run:
                client.permanently_delete(x)
    '''),
    # derived guard function
    case('''
        import sys
        import click
        def confirm_or_die(n):
            if not click.confirm(f"delete {n}?"):
                sys.exit(1)
        def main(client, ids):
            confirm_or_die(len(ids))
            for i in ids[:10]:
                client.permanently_delete(i)
    '''),
    # a confirmation helper that returns True only on the yes branch
    case('''
        def confirm(question):
            reply = input(question + " (y/n): ").strip().lower()
            if reply == "y":
                return True
            return False
        def main(client, ids):
            for i in ids[:10]:
                if confirm(f"delete {i}?"):
                    client.permanently_delete(i)
    '''),
    # re-asking in `while True`, answer stored in a name, exit on no
    case('''
        import sys
        def confirm(question):
            while True:
                reply = input(question).lower().strip()
                if reply[:1] == "y":
                    return True
                if reply[:1] == "n":
                    return False
        def main(client, x):
            ok = confirm("sure?")
            if not ok:
                sys.exit(1)
            client.permanently_delete(x)
    '''),
    # `return False` on "n" then `return True`, with a force short-cut; `if not ...: continue`
    case('''
        import click
        def confirm_action(question, force=False):
            if force is True:
                return True
            response = input(question)
            while len(response) < 1 or response[0].lower() not in "yn":
                response = input("yes or no: ")
            if response[0].lower() == "n":
                return False
            return True
        def ask(q):
            if click.confirm(q):
                return True
            return False
        def main(client, ids):
            for i in ids[:10]:
                if not confirm_action(f"delete {i}?"):
                    continue
                client.permanently_delete(i)
                if ask("again?"):
                    client.permanently_delete(i)
    '''),
    # a helper returning True on the NO branch does not guard; neither does one returning True everywhere
    case('''
        def declined(question):
            if input(question) == "n":
                return True
            return False
        def always():
            input("press enter")
            return True
        def main(client, x):
            if declined("delete?"):
                client.permanently_delete(x)
            if always():
                client.permanently_delete(x)
            if not declined("delete?"):
                client.permanently_delete(x)
    ''', "OPS101:10", "OPS101:12"),
    # a function that returns only when... not: a plain helper is no guard
    case('''
        def log_start(n):
            print("deleting", n)
        def main(client, x):
            log_start(1)
            client.permanently_delete(x)
    ''', "OPS101:5"),
    # an unrelated opt-in does not guard in a script with a dry-run switch
    case('''
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--dry-run", action="store_true", default=True)
        p.add_argument("--include-orphans", action="store_true")
        args = p.parse_args()
        def main(client, x):
            if args.include_orphans:
                client.permanently_delete(x)
    ''', "OPS101:8"),
    # ... but a structural opt-in does in a script without one
    case('''
        import argparse
        p = argparse.ArgumentParser()
        p.add_argument("--purge-orphans", action="store_true")
        args = p.parse_args()
        def main(client, x):
            if args.purge_orphans:
                client.permanently_delete(x)
        main(None, 1)
    '''),
    # env flags and constants carry the flag; names are folded
    case('''
        import os
        DRY_RUN = os.environ.get("DRY_RUN", "1") != "0"
        def main(client, x):
            if DRY_RUN:
                return
            client.permanently_delete(x)
        def other(client, x, dryRun):
            if not dryRun:
                client.permanently_delete(x)
    '''),
    # typing back a name the script shows is a confirmation
    case('''
        import sys
        def main(r, host):
            if input(f"type {host} to flush: ").strip() != host:
                sys.exit(1)
            r.flushdb()
    '''),
    # positional switches: sys.argv[1] == "--go"
    case('''
        import os, sys
        GO = len(sys.argv) > 1 and sys.argv[1] == "--go"
        def main(path):
            if GO:
                os.unlink(path)
    '''),
    # a built statement is guarded where it is executed
    case('''
        from sqlalchemy import delete
        def purge(conn, table, ids, dry_run=True):
            stmt = delete(table).where(table.c.id.in_(ids[:100]))
            if dry_run:
                print(stmt)
                return
            conn.execute(stmt)
        def purge_unguarded(conn, table, ids):
            stmt = delete(table).where(table.c.id.in_(ids[:100]))
            conn.execute(stmt)
    ''', "OPS101:9"),
    # passing dry_run= to the module's own function is not an API flag
    case('''
        def purge(client, x, dry_run):
            client.permanently_delete(x)
        def main(client, args):
            purge(client, 1, dry_run=args.dry_run)
    ''', "OPS101:2"),
    # a prompt bypass via --yes skips a prompt that still guards
    case('''
        import sys
        def main(args, client, x):
            if not args.yes:
                if input("really? ") != "yes":
                    sys.exit(1)
            client.permanently_delete(x)
    '''),
    # recoverable calls are never OPS101
    case('''
        def main(client, x):
            client.mark_for_deletion(x)
    '''),
    # a renamed dest reads as what its flag says: --execute stored as `go`, --dry-run stored as `pretend`
    case('''
        import argparse, shutil
        ap = argparse.ArgumentParser()
        ap.add_argument("--execute", dest="go", action="store_true")
        opts = ap.parse_args()
        if opts.go:
            shutil.rmtree("/srv/build-cache")
    '''),
    case('''
        import argparse, shutil
        ap = argparse.ArgumentParser()
        ap.add_argument("--dry-run", dest="pretend", action="store_true")
        args = ap.parse_args()
        if not args.pretend:
            shutil.rmtree("/srv/a")
        if args.pretend:
            shutil.rmtree("/srv/b")
    ''', "OPS101:8"),
    case('''
        import click, shutil
        @click.command()
        @click.option("--execute", "go", is_flag=True)
        def main(go):
            if go:
                shutil.rmtree("/srv/a")
    '''),
    # ... so a --force stored under an execute-sounding dest is still only a prompt bypass
    case('''
        import argparse, shutil
        ap = argparse.ArgumentParser()
        ap.add_argument("--dry-run", action="store_true")
        ap.add_argument("--force", dest="really", action="store_true")
        args = ap.parse_args()
        if args.really:
            shutil.rmtree("/srv/a")
    ''', "OPS101:7"),
    # ... and store_false turns the flag's meaning around: --execute stored as dry_run=False
    case('''
        import argparse, shutil
        ap = argparse.ArgumentParser()
        ap.add_argument("--execute", dest="dry_run", action="store_false")
        args = ap.parse_args()
        if not args.dry_run:
            shutil.rmtree("/srv/a")
        if args.dry_run:
            shutil.rmtree("/srv/b")
    ''', "OPS101:8"),
    # match statements guard like an if: a case guard, a value pattern on the flag or the answer
    case('''
        import argparse, shutil
        ap = argparse.ArgumentParser()
        ap.add_argument("action", choices=["clean", "show"])
        ap.add_argument("--execute", action="store_true")
        ap.add_argument("--all", action="store_true")
        args = ap.parse_args()
        match args.action:
            case "clean" if args.execute:
                shutil.rmtree("/srv/a")
            case "clean" if args.all:
                shutil.rmtree("/srv/b")
            case "show":
                shutil.rmtree("/srv/c")
        match args.execute:
            case True:
                shutil.rmtree("/srv/d")
            case False:
                shutil.rmtree("/srv/e")
    ''', "OPS101:11", "OPS101:13", "OPS101:18"),
    case('''
        import shutil
        def main():
            match input("remove? ").strip().lower():
                case "y" | "yes":
                    shutil.rmtree("/srv/a")
                case _:
                    shutil.rmtree("/srv/b")
    ''', "OPS101:7"),
    # ... and a match that exits when the flag is off guards what follows it
    case('''
        import argparse, shutil, sys
        def main():
            ap = argparse.ArgumentParser()
            ap.add_argument("--execute", action="store_true")
            args = ap.parse_args()
            match args.execute:
                case False:
                    sys.exit("dry run: pass --execute")
            shutil.rmtree("/srv/a")
        def other(args):
            match args.execute:
                case True:
                    print("executing")
            shutil.rmtree("/srv/b")
    ''', "OPS101:14"),
    # a confirmation helper that re-asks until y (return or break) or n (exit) is a guard function
    case('''
        import shutil, sys
        def ask(question):
            while True:
                reply = input(question + " [y/n] ").strip().lower()
                if reply in ("y", "yes"):
                    return
                if reply in ("n", "no"):
                    sys.exit("aborted")
        def ask_then_break(question):
            while True:
                reply = input(question).strip().lower()
                if reply == "y":
                    break
                if reply == "n":
                    raise SystemExit(1)
            print("confirmed")
        def wipe(path):
            ask(f"remove {path}?")
            shutil.rmtree(path)
        def wipe_too(path):
            ask_then_break(f"remove {path}?")
            shutil.rmtree(path)
    '''),
    # ... but not when "n" returns, a break ends the loop unconfirmed, or the loop asks nothing
    case('''
        import shutil
        def ask(question):
            while True:
                reply = input(question).strip().lower()
                if reply in ("y", "yes"):
                    return
                if reply in ("n", "no"):
                    return
        def ask_or_give_up(question):
            while True:
                reply = input(question).strip().lower()
                if reply == "y":
                    return
                if reply == "n":
                    break
        def drain(queue):
            while True:
                item = queue.get()
                if item is None:
                    return
                print(item)
        def wipe(path, queue):
            ask(f"remove {path}?")
            shutil.rmtree(path)
            ask_or_give_up(f"remove {path}.bak?")
            shutil.rmtree(path + ".bak")
            drain(queue)
            shutil.rmtree(path + ".old")
    ''', "OPS101:24", "OPS101:26", "OPS101:28"),
    # argparse's error() and exit() raise SystemExit, whatever the parser is called
    case('''
        import argparse, shutil
        ap = argparse.ArgumentParser()
        ap.add_argument("path")
        ap.add_argument("--execute", action="store_true")
        args = ap.parse_args()
        if not args.execute:
            ap.error("refusing to delete without --execute")
        shutil.rmtree(args.path)
    '''),
    case('''
        import argparse, shutil
        def build():
            p = argparse.ArgumentParser()
            p.add_argument("--execute", action="store_true")
            return p
        def main():
            cli = build()
            args = cli.parse_args()
            if not args.execute:
                cli.exit(0, "dry run only")
            shutil.rmtree("/srv/a")
        def die(message):
            cli = build()
            cli.error(message)
        def other(args):
            if not args.execute:
                die("pass --execute")
            shutil.rmtree("/srv/b")
    '''),
    # ... but logger.error() only logs
    case('''
        import argparse, logging, shutil
        logger = logging.getLogger(__name__)
        ap = argparse.ArgumentParser()
        ap.add_argument("--execute", action="store_true")
        args = ap.parse_args()
        if not args.execute:
            logger.error("refusing to delete without --execute")
        shutil.rmtree("/srv/a")
    ''', "OPS101:8"),
    # `"FORCE" in os.environ` reads like os.environ.get("FORCE"): a bypass, which with a prompt guards
    case('''
        import os, shutil
        if "FORCE" in os.environ or input("remove /srv/old? ") == "yes":
            shutil.rmtree("/srv/old")
    '''),
    case('''
        import argparse, os, shutil
        def main():
            ap = argparse.ArgumentParser()
            ap.add_argument("--dry-run", action="store_true")
            args = ap.parse_args()
            if "FORCE" in os.environ or input("sure? ") == "yes":
                shutil.rmtree("/srv/a")
        def alone():
            if "FORCE" in os.environ:
                shutil.rmtree("/srv/b")
        def unrelated():
            if "HOME" in os.environ or input("sure? ") == "yes":
                shutil.rmtree("/srv/c")
    ''', "OPS101:10", "OPS101:13"),
    # temp-file cleanup is not destructive
    case('''
        import shutil, tempfile
        def build():
            d = tempfile.mkdtemp()
            shutil.rmtree(d)
    '''),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_ops101(c):
    assert_case(c, rules=["OPS101"])


def test_a_url_match_names_the_url_in_the_message():
    findings = lint_source(
        'import requests\nAPI = "https://slack.com/api"\nrequests.post(f"{API}/files.delete?t=1", data={"file": "F1"})\n'
    )
    messages = [f.message for f in findings if f.rule == "OPS101"]
    assert messages and messages[0].startswith('requests.post("https://slack.com/api/files.delete") deletes'), messages
