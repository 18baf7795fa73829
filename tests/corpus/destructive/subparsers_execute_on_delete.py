"""GitHub org housekeeping: archive or delete abandoned repos."""
import argparse

from github import Github


def cmd_archive(gh, args):
    repo = gh.get_repo(f"{args.org}/{args.name}")
    if args.execute:
        repo.edit(archived=True)
    print("archived" if args.execute else "would archive", repo.full_name)


def cmd_delete(gh, args):
    repo = gh.get_repo(f"{args.org}/{args.name}")
    if not args.execute:
        print("would delete", repo.full_name, "(pass --execute)")
        return
    repo.delete()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--org", default="acme")
    subs = parser.add_subparsers(required=True)
    for name, func in (("archive", cmd_archive), ("delete", cmd_delete)):
        sp = subs.add_parser(name)
        sp.add_argument("name")
        sp.add_argument("--execute", action="store_true")
        sp.set_defaults(func=func)
    args = parser.parse_args()
    args.func(Github(), args)


if __name__ == "__main__":
    main()
