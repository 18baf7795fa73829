"""Remove rotated core dumps from the crash directory."""
import argparse
import os
from pathlib import Path


def report(path, dry_run):
    if dry_run:
        print(f"would remove {path} ({path.stat().st_size} bytes)")
        return
    print(f"removing {path}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default="/var/crash")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--dry-run", action="store_true")  # expect: OPS203
    args = parser.parse_args()
    dumps = sorted(Path(args.dir).glob("core.*"))[: args.limit]
    for path in dumps:
        report(path, args.dry_run)
        os.remove(path)  # expect: OPS101


if __name__ == "__main__":
    main()
