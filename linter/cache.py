"""The result cache: one small JSON file of findings per (file content, settings, options).

The key covers everything that can change a file's findings: the file's bytes,
its display path (per-file ignores and the reported path depend on it),
opslint's version, the settings digest (catalog, policy, rule selection,
severities) and the engine options (`--report-unused-ignores`, and today's
date for files with suppression comments, whose `until=` dates expire).

Beside the entries, an index per (version, settings, options) maps each display
path to the size and mtime its file had when it was read, with its key and
findings: a rescan of unchanged files reads one index instead of every file.
A stamp is trusted only if the file had not been modified for two seconds
when it was read (as git does with "racily clean" files): otherwise the file
is read and hashed again, and its key decides.

Writes go to a temporary file in the same directory and are moved into place
with os.replace, so a reader sees a whole entry or none, and two opslint
processes writing the same entry at once both succeed. Any entry that cannot
be read or decoded is a miss, never an error. A cache directory that cannot be
written (a read-only checkout) is replaced by the user cache directory, and if
that fails too the run goes on without a cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from linter import __version__
from linter.findings import Finding

CACHE_DIR_NAME = ".opslint_cache"
_LAYOUT = "v1"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is opslint's result cache; `opslint clean` removes it.\n"
_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
# a file modified this recently before it was read might change again within the same mtime tick
_RACY_NS = 2_000_000_000


@dataclass
class IndexEntry:
    """What the index knows about one display path."""

    size: int
    mtime_ns: int
    trusted: bool  # unmodified for _RACY_NS when read: the stamp alone identifies the content
    key: str
    findings: list[Finding]

    def matches(self, stamp: tuple[int, int] | None) -> bool:
        return self.trusted and stamp == (self.size, self.mtime_ns)


def stamp_entry(stamp: tuple[int, int], read_ns: int, raw: bytes, key: str, findings: list[Finding]) -> IndexEntry:
    """`stamp` taken before the bytes `raw` were read at `read_ns` (time.time_ns())."""
    size, mtime_ns = stamp
    # a file with suppression comments is keyed on today's date too (until= expiry): never by stamp alone
    trusted = mtime_ns + _RACY_NS < read_ns and not _mentions_opslint(raw)
    return IndexEntry(size, mtime_ns, trusted, key, findings)


def _mentions_opslint(raw: bytes) -> bool:
    return b"opslint" in raw.lower()


def user_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "opslint"


def default_cache_dir(settings_cache_dir: str | None, root: str) -> Path:
    """`cache_dir` from the config (relative to the project root), else `<root>/.opslint_cache`."""
    if settings_cache_dir:
        path = Path(settings_cache_dir).expanduser()
        return path if path.is_absolute() else Path(root) / path
    return Path(root) / CACHE_DIR_NAME


def _marked_read_only(directory: Path) -> bool:
    """The directory, or the nearest ancestor that exists, has no write bit at all.

    Root (CI containers) can write there anyway; a tree someone made read-only
    must still get nothing from opslint.
    """
    for candidate in (directory, *directory.parents):
        try:
            return not candidate.stat().st_mode & 0o222
        except FileNotFoundError:
            continue
        except OSError:
            return True
    return False


def _prepare(directory: Path) -> bool:
    """Create the cache directory (tagged and git-ignored); False if it cannot be written."""
    if _marked_read_only(directory):
        return False
    try:
        (directory / _LAYOUT).mkdir(parents=True, exist_ok=True)
        tag = directory / "CACHEDIR.TAG"
        if not tag.exists():
            _atomic_write(tag, _TAG)
            _atomic_write(directory / ".gitignore", "# written by opslint\n*\n")
        probe = directory / _LAYOUT / f".probe-{os.getpid()}-{id(directory)}"
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        os.unlink(probe)
        return True
    except OSError:
        return False


def _atomic_write(path: Path, text: str) -> None:
    import tempfile  # a rescan that changes nothing writes nothing

    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class ResultCache:
    """Findings per file, keyed by content and everything else that changes them."""

    def __init__(self, directory: Path, settings_digest: str, options_key: str) -> None:
        self.directory = directory
        self._entries = directory / _LAYOUT
        self._prefix = f"{__version__}\0{settings_digest}\0{options_key}\0"

    @classmethod
    def open(cls, preferred: Path, settings_digest: str, options_key: str) -> "ResultCache | None":
        """The cache at `preferred`, or in the user cache directory when that is read-only; None if neither works."""
        for directory in (preferred, user_cache_dir()):
            if _prepare(directory):
                return cls(directory, settings_digest, options_key)
        return None

    def key(self, display_path: str, raw: bytes, today: dt.date | None = None) -> str:
        digest = hashlib.sha256(self._prefix.encode("utf-8"))
        digest.update(display_path.encode("utf-8", "surrogateescape") + b"\0")
        if _mentions_opslint(raw):
            # suppressions with until= dates expire: their findings hold for one day
            digest.update((today or dt.date.today()).isoformat().encode("ascii"))
        digest.update(b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self._entries / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Finding] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return [_finding(item) for item in data["findings"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing or damaged: recompute

    def _index_path(self) -> Path:
        name = hashlib.sha256(self._prefix.encode("utf-8")).hexdigest()[:24]
        return self._entries / f"index-{name}.json"

    def load_index(self) -> dict[str, IndexEntry]:
        """The stamp index; empty when missing or damaged (every file is then looked up by content)."""
        try:
            data = json.loads(self._index_path().read_text(encoding="utf-8"))
            return {
                path: IndexEntry(int(size), int(mtime), bool(trusted), str(key), [_finding(f) for f in found])
                for path, (size, mtime, trusted, key, found) in data["files"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def save_index(self, index: dict[str, IndexEntry]) -> None:
        files = {
            path: [e.size, e.mtime_ns, e.trusted, e.key, [asdict(f) for f in e.findings]] for path, e in index.items()
        }
        try:
            _atomic_write(self._index_path(), json.dumps({"files": files}, separators=(",", ":")))
        except OSError:
            pass  # the next run reads files by content instead

    def put(self, key: str, findings: list[Finding]) -> None:
        path = self._path(key)
        payload = json.dumps({"findings": [asdict(f) for f in findings]}, separators=(",", ":"))
        try:
            path.parent.mkdir(exist_ok=True)
            _atomic_write(path, payload)
        except OSError:
            pass  # a full disk or a vanished directory only costs the next run time


def _finding(item: Any) -> Finding:
    if not isinstance(item, dict) or set(item) != set(_FINDING_FIELDS):
        raise ValueError("not a finding")
    return Finding(**item)


def clean(directories: list[Path]) -> list[Path]:
    """Remove opslint cache directories (only ones opslint tagged); returns those removed."""
    import shutil

    removed = []
    for directory in directories:
        if (directory / "CACHEDIR.TAG").is_file() or (directory / _LAYOUT).is_dir():
            shutil.rmtree(directory, ignore_errors=True)
            removed.append(directory)
    return removed
