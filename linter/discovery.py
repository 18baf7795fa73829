"""Discovery: turn command-line paths into the list of files to lint.

Directories are walked with os.scandir in sorted order. A walked file is a
target when it ends in `.py`, or has no dot in its name and starts with a
Python shebang. Tool/VCS/cache directories and virtualenvs are pruned,
`.gitignore` files (nested, with negation, plus `.git/info/exclude`) and the
config `exclude` globs remove files and prune directories, and a non-empty
config `include` restricts walked files. A file named on the command line is
always a target.

The walk never follows a symlink out of its scan root (the directory named on
the command line), never loops, never opens anything that is not a regular
file (a FIFO would block) and never raises for an unreadable entry: problems
become warnings. Only a command-line path that does not exist is an error.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linter.config.model import Settings

if TYPE_CHECKING:  # imported when a .gitignore or a pattern is met: many trees have none (start-up cost)
    import pathspec

__all__ = ["Target", "DiscoveryError", "discover", "is_python_shebang", "SKIP_DIRS"]


@dataclass(frozen=True)
class Target:
    """One file to lint."""

    display_path: str  # relative stays relative, '/' separators, "-"/stdin name for stdin
    fs_path: str | None  # absolute, unresolved; None for stdin (a str: a Path per file was a tenth of discovery)
    explicit: bool  # named on the command line


class DiscoveryError(Exception):
    """A command-line path problem. One line; the CLI prints it and exits 2.

    str(exc) carries no program-name prefix (like ConfigError): the CLI
    renders it as `opslint: <message>`.
    """


def _warn_stderr(message: str) -> None:
    print(f"opslint: warning: {message}", file=sys.stderr)


SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        "node_modules",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".opslint_cache",
        ".eggs",
        "site-packages",
    }
)

_SHEBANG_PEEK = 128
_PYTHON_INTERPRETER = re.compile(r"^(?:python|pypy)(?:\d+(?:\.\d+)*)?$")


def is_python_shebang(head: bytes) -> bool:
    """True when `head` (the first bytes of a file) starts with a Python shebang."""
    if not head.startswith(b"#!"):
        return False
    line = head[2:].split(b"\n", 1)[0].rstrip(b"\r")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    words = text.split()
    if not words:
        return False
    interpreter = posixpath.basename(words[0])
    if _PYTHON_INTERPRETER.match(interpreter):
        return True
    if interpreter != "env":
        return False
    # env [-S] [-i] [-u NAME] [NAME=value ...] python3 [args]
    args = iter(words[1:])
    for word in args:
        if word in ("-u", "--unset", "-C", "--chdir"):
            next(args, None)
            continue
        if word.startswith("-") or ("=" in word and not word.startswith("=")):
            continue
        return bool(_PYTHON_INTERPRETER.match(posixpath.basename(word)))
    return False


def _peek(path: str) -> bytes:
    """The first bytes of a regular file; b"" on any error. Never blocks."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, _SHEBANG_PEEK)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _display(arg: str) -> str:
    """Normalise a command-line path for display: '/' separators, no './'."""
    text = arg.replace(os.sep, "/") if os.sep != "/" else arg
    if os.altsep:
        text = text.replace(os.altsep, "/")
    text = posixpath.normpath(text)
    if text.startswith("//") and not text.startswith("///"):
        text = text[1:]  # POSIX keeps a leading '//'; nobody wants to see it
    return text


def _join(base: str, name: str) -> str:
    if base == ".":
        return name
    if base.endswith("/"):
        return base + name
    return f"{base}/{name}"


def _within(path: str, root: str) -> bool:
    """`path` is `root` or below it (both already resolved)."""
    if path == root:
        return True
    prefix = root if root.endswith(os.sep) else root + os.sep
    return path.startswith(prefix)


def _errmsg(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return exc.strerror or exc.__class__.__name__


def _spec(lines: Sequence[str]) -> pathspec.GitIgnoreSpec | None:
    lines = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return None
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # a malformed pattern must not crash discovery
        return None


def _read_ignore_file(path: str, warn: Callable[[str], None]) -> pathspec.GitIgnoreSpec | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        warn(f"cannot read {path.replace(os.sep, '/')}: {_errmsg(exc)}")
        return None
    return _spec(data.decode("utf-8", errors="replace").splitlines())


def _find_repo_root(start: str) -> str | None:
    """The first ancestor of `start` (inclusive) that contains `.git`."""
    current = start
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _dir_prefix(directory: str) -> str:
    return directory if directory.endswith(os.sep) else directory + os.sep


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


class _Ignores:
    """`.gitignore` specs from the repository root down to a directory.

    Each layer is (directory, spec); the deepest layer with an opinion wins,
    as in git (and within a file the last matching pattern wins).
    """

    def __init__(self, layers: tuple[tuple[str, pathspec.GitIgnoreSpec], ...] = ()) -> None:
        self.layers = layers

    def push(self, directory: str, warn: Callable[[str], None]) -> _Ignores:
        spec = _read_ignore_file(os.path.join(directory, ".gitignore"), warn)
        if spec is None:
            return self
        return _Ignores(self.layers + ((directory, spec),))

    def ignored(self, path: str, is_dir: bool) -> bool:
        for directory, spec in reversed(self.layers):
            rel = os.path.relpath(path, directory)
            if rel.startswith(".."):
                continue
            rel = rel.replace(os.sep, "/")
            if is_dir:
                rel += "/"
            include = spec.check_file(rel).include
            if include is not None:
                return include
        return False


class _ConfigFilter:
    """Config `exclude`/`include` globs, relative to settings.root."""

    def __init__(self, settings: Settings) -> None:
        self.root = os.path.abspath(settings.root or ".")
        self.real_root = os.path.realpath(self.root)
        self.exclude = _spec(list(settings.exclude))
        self.include = _spec(list(settings.include))

    def _rel(self, path: str) -> str | None:
        rel = os.path.relpath(path, self.root)
        if rel == ".." or rel.startswith(".." + os.sep):
            rel = os.path.relpath(os.path.realpath(path), self.real_root)
            if rel == ".." or rel.startswith(".." + os.sep):
                return None
        if rel == ".":
            return None
        return rel.replace(os.sep, "/")

    def excluded(self, path: str, is_dir: bool) -> bool:
        if self.exclude is None:
            return False
        rel = self._rel(path)
        if rel is None:
            return False
        return self.exclude.match_file(rel + "/" if is_dir else rel)

    def included(self, path: str) -> bool:
        if self.include is None:
            return True
        rel = self._rel(path)
        if rel is None:
            return False
        return self.include.match_file(rel)


def _is_named_venv(path: str, name: str) -> bool:
    """A virtualenv by its usual name (any virtualenv also shows a pyvenv.cfg in its listing)."""
    if name in (".venv", "venv"):
        return os.path.isfile(os.path.join(path, "bin", "activate")) or os.path.isfile(
            os.path.join(path, "Scripts", "activate")
        )
    return False


def _skip_dir(path: str, name: str) -> bool:
    return name in SKIP_DIRS or name.endswith(".egg-info") or _is_named_venv(path, name)


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device file"
    return "special file"


@dataclass(frozen=True)
class _Found:
    display: str
    fs_path: str  # absolute, unresolved
    key: str  # resolved path, for dedupe
    explicit: bool
    via_symlink: bool


class _Walker:
    def __init__(self, settings: Settings, warn: Callable[[str], None]) -> None:
        self.config = _ConfigFilter(settings)
        self.warn = warn

    def _initial_ignores(self, top: str) -> _Ignores:
        """Specs from the repository root down to (excluding) `top`."""
        real_top = os.path.realpath(top)
        repo = _find_repo_root(real_top)
        ignores = _Ignores()
        if repo is None:
            return ignores
        exclude = _read_ignore_file(os.path.join(repo, ".git", "info", "exclude"), self.warn)
        if exclude is not None:
            ignores = _Ignores(((repo, exclude),))
        chain: list[str] = []
        current = os.path.dirname(real_top) if real_top != repo else None
        while current is not None and _within(current, repo):
            chain.append(current)
            if current == repo:
                break
            current = os.path.dirname(current)
        for directory in reversed(chain):
            ignores = ignores.push(directory, self.warn)
        return ignores

    def walk(self, arg_display: str, top: str) -> Iterator[_Found]:
        """Walk directory `top` (absolute, unresolved) named as `arg_display`."""
        real_top = os.path.realpath(top)
        # The ignore layers are kept per directory in resolved form, so that
        # relpath against the repository root works whatever `top` looks like.
        ignores = self._initial_ignores(top)
        visited: set[str] = set()
        stack: list[tuple[str, str, str, _Ignores]] = [(top, real_top, arg_display, ignores)]
        while stack:
            path, real, display, ignores = stack.pop()
            if real in visited:
                continue
            visited.add(real)
            try:
                with os.scandir(path) as it:
                    entries = sorted(it, key=_entry_name)
            except OSError as exc:
                self.warn(f"cannot read directory {display}: {_errmsg(exc)}")
                continue
            names = {entry.name for entry in entries}
            if path != top and "pyvenv.cfg" in names:
                continue  # a virtualenv (seen in its own listing: no stat per directory)
            if ".gitignore" in names:  # no open() per directory without one
                ignores = ignores.push(real, self.warn)
            subdirs: list[tuple[str, str, str, _Ignores]] = []
            # plain concatenation: os.path.join per entry was a tenth of a warm rescan
            path_prefix, real_prefix = _dir_prefix(path), _dir_prefix(real)
            for entry in entries:
                name = entry.name
                try:
                    is_link = entry.is_symlink()
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError as exc:
                    self.warn(f"cannot stat {_join(display, name)}: {_errmsg(exc)}")
                    continue
                if not (is_dir or is_link or self._wanted_name(name)):
                    continue  # README, setup.cfg, data files: not even a path to build
                child_display = _join(display, name)
                child_real = real_prefix + name
                child_path = path_prefix + name

                if is_dir:
                    if _skip_dir(child_path, name):
                        continue
                    if ignores.ignored(child_real, True) or self.config.excluded(child_path, True):
                        continue
                    subdirs.append((child_path, child_real, child_display, ignores))
                    continue

                if is_link:
                    found = self._symlink(entry, child_path, child_real, child_display, real_top, ignores)
                    if found is not None:
                        yield found
                    continue

                if ignores.ignored(child_real, False) or self.config.excluded(child_path, False):
                    continue
                try:
                    # the directory listing knows the type: a stat only for what is not a regular file
                    regular = entry.is_file(follow_symlinks=False)
                    mode = 0 if regular else entry.stat(follow_symlinks=False).st_mode
                except OSError as exc:
                    self.warn(f"cannot stat {child_display}: {_errmsg(exc)}")
                    continue
                if not regular:
                    self.warn(f"skipping {_special_kind(mode)}: {child_display}")
                    continue
                if not self.config.included(child_path):
                    continue
                if not name.endswith(".py") and not is_python_shebang(_peek(child_path)):
                    continue
                yield _Found(child_display, child_path, child_real, False, False)
            # reversed so that popping visits them in sorted order
            stack.extend(reversed(subdirs))

    @staticmethod
    def _wanted_name(name: str) -> bool:
        return name.endswith(".py") or "." not in name

    def _symlink(
        self,
        entry: os.DirEntry[str],
        path: str,
        real_parent_join: str,
        display: str,
        real_top: str,
        ignores: _Ignores,
    ) -> _Found | None:
        """A symlink found by the walk: a file inside the root, or nothing."""
        if ignores.ignored(real_parent_join, False) or self.config.excluded(path, False):
            return None
        try:
            target_is_dir = entry.is_dir()  # follows; False when broken
        except OSError:
            target_is_dir = False
        if target_is_dir and (
            ignores.ignored(real_parent_join, True) or self.config.excluded(path, True)
        ):
            return None
        try:
            st = os.stat(path)
        except OSError as exc:
            if self._wanted_name(entry.name):
                reason = "symlink loop" if exc.errno == errno.ELOOP else "broken symlink"
                self.warn(f"skipping {reason}: {display}")
            return None
        resolved = os.path.realpath(path)
        if not _within(resolved, real_top):
            if stat.S_ISDIR(st.st_mode) or self._wanted_name(entry.name):
                self.warn(f"skipping symlink pointing outside the scan root: {display}")
            return None
        if stat.S_ISDIR(st.st_mode):
            # Inside the root: the real directory is walked by its own name,
            # so following the link would only duplicate (or loop).
            return None
        if not self._wanted_name(entry.name):
            return None
        if not stat.S_ISREG(st.st_mode):
            self.warn(f"skipping {_special_kind(st.st_mode)}: {display}")
            return None
        if not self.config.included(path):
            return None
        if not entry.name.endswith(".py") and not is_python_shebang(_peek(path)):
            return None
        return _Found(display, path, resolved, False, True)


def discover(
    paths: Sequence[str],
    settings: Settings,
    *,
    stdin_filename: str | None = None,
    warn: Callable[[str], None] = _warn_stderr,
) -> list[Target]:
    """The files to lint, sorted by display path, each once.

    Raises DiscoveryError for a command-line path that does not exist (or is
    a broken symlink / symlink loop). Everything else that cannot be scanned
    is reported through `warn` and skipped.
    """
    if not paths:
        paths = ["."]
    walker = _Walker(settings, warn)
    found: list[_Found] = []
    stdin_target: Target | None = None

    for arg in paths:
        if arg == "-":
            stdin_target = Target(stdin_filename or "-", None, True)
            continue
        if not arg:
            raise DiscoveryError("path does not exist: ''")
        display = _display(arg)
        try:
            lst = os.lstat(arg)
        except FileNotFoundError:
            raise DiscoveryError(f"path does not exist: {display}") from None
        except OSError as exc:
            raise DiscoveryError(f"cannot access {display}: {_errmsg(exc)}") from None
        try:
            st = os.stat(arg)
        except OSError as exc:
            if stat.S_ISLNK(lst.st_mode):
                reason = "symlink loop" if exc.errno == errno.ELOOP else "broken symlink"
                raise DiscoveryError(f"{reason}: {display}") from None
            raise DiscoveryError(f"cannot access {display}: {_errmsg(exc)}") from None
        absolute = os.path.abspath(arg)
        if stat.S_ISDIR(st.st_mode):
            found.extend(walker.walk(display, absolute))
        elif stat.S_ISREG(st.st_mode):
            found.append(_Found(display, absolute, os.path.realpath(absolute), True, False))
        else:
            warn(f"skipping {_special_kind(st.st_mode)}: {display}")

    # Dedupe by resolved path. Prefer a command-line file name, then the real
    # (non-symlink) path, then whichever was found first (argument order).
    best: dict[str, tuple[tuple[bool, bool, int], _Found]] = {}
    explicit_keys: set[str] = set()
    for order, item in enumerate(found):
        if item.explicit:
            explicit_keys.add(item.key)
        rank = (not item.explicit, item.via_symlink, order)
        current = best.get(item.key)
        if current is None or rank < current[0]:
            best[item.key] = (rank, item)
    targets = [
        Target(item.display, item.fs_path, item.key in explicit_keys)
        for _, item in best.values()
    ]
    if stdin_target is not None:
        targets.append(stdin_target)
    targets.sort(key=lambda t: (t.display_path, t.fs_path is None))
    return targets
