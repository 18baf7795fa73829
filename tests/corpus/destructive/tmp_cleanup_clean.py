"""Builds an archive in a scratch directory and removes the scratch directory afterwards."""
import shutil
import subprocess
import tempfile


def build_bundle(src: str, dest: str) -> None:
    workdir = tempfile.mkdtemp(prefix="bundle-")
    try:
        subprocess.run(["tar", "-czf", f"{workdir}/bundle.tgz", src], check=True)
        shutil.copy(f"{workdir}/bundle.tgz", dest)
    finally:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    build_bundle("/srv/app", "/backups/app.tgz")
