"""Check out a repo into a scratch dir, run the linters, clean up."""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def lint_revision(repo_url: str, rev: str) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="lint-"))
    try:
        subprocess.run(["git", "clone", "--quiet", repo_url, str(scratch)], check=True)
        subprocess.run(["git", "-C", str(scratch), "checkout", "--quiet", rev], check=True)
        return subprocess.run(["ruff", "check", str(scratch)]).returncode
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(lint_revision(sys.argv[1], sys.argv[2]))
