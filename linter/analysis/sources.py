"""Outside data: which expressions read what another person or system handed the script.

The globs come from `ids.sources` (qualified names resolved through the
module's imports). A glob matches the expression it names and anything
reached through it (`sys.stdin` covers `sys.stdin.read()`, `os.environ`
covers `os.environ.get("IDS")`). A glob of the form `module.Class.method`
(`pathlib.Path.read_text`) also matches that method on any object, since the
object's class is rarely known statically.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatchcase

import libcst as cst

from linter.analysis.model import ModuleAnalysis
from linter.analysis.names import dotted_name, positional_args, string_value

# Sources that hand back an open file: the data is read where the handle is used.
HANDLE_SOURCES = frozenset({"open", "io.open", "codecs.open"})


@dataclass(frozen=True)
class SourceMatch:
    glob: str
    qualname: str


class SourceMatcher:
    def __init__(self, analysis: ModuleAnalysis) -> None:
        self.analysis = analysis
        self.globs = analysis.settings.ids.sources
        # (full glob, method glob) for `module.Class.method` entries
        self.method_globs = tuple(
            (g, g.rsplit(".", 1)[1]) for g in self.globs if g.count(".") >= 2 and g.rsplit(".", 2)[1][:1].isupper()
        )
        self._local_names = analysis.defined_names

    def qualified(self, expr: cst.BaseExpression) -> str | None:
        """The qualified name of a Name/Attribute chain; builtins stand for themselves."""
        dotted = dotted_name(expr)
        if dotted is None:
            return None
        resolved = self.analysis.imports.resolve(dotted)
        if resolved is not None:
            return resolved
        if dotted.split(".")[0] in self._local_names:
            return None
        return dotted

    def match_expr(self, expr: cst.BaseExpression) -> SourceMatch | None:
        """`sys.argv`, `sys.stdin`, `os.environ` (attributes, not calls)."""
        qualname = self.qualified(expr)
        return self._match_qualname(qualname) if qualname else None

    def match_call(self, call: cst.Call) -> SourceMatch | None:
        qualname = self.qualified(call.func)
        if qualname:
            found = self._match_qualname(qualname)
            if found is not None:
                return found
        if isinstance(call.func, cst.Attribute):
            method = call.func.attr.value
            for glob, method_glob in self.method_globs:
                if fnmatchcase(method, method_glob):
                    return SourceMatch(glob, glob)
        return None

    def _match_qualname(self, qualname: str) -> SourceMatch | None:
        for glob in self.globs:
            if fnmatchcase(qualname, glob) or qualname.startswith(glob + "."):
                return SourceMatch(glob, qualname)
        return None

    def describe(self, expr: cst.BaseExpression, match: SourceMatch) -> str:
        """Words for a message: `ids.txt`, `standard input`, `environment variable SITE_IDS`."""
        qualname = match.qualname
        if isinstance(expr, cst.Call) and (
            match.glob in HANDLE_SOURCES | {"pathlib.Path.read_text", "pathlib.Path.read_bytes"}
            or qualname.startswith("pandas.read_")
        ):
            return self._file_words(expr)
        if qualname.startswith("sys.stdin"):
            return "standard input"
        if qualname.startswith("sys.argv"):
            return "the command line (sys.argv)"
        if qualname.startswith(("os.environ", "os.getenv")):
            return self._env_words(expr)
        if qualname == "input":
            return "input()"
        if qualname.startswith("csv."):
            return "a CSV file"
        if qualname.startswith("json."):
            return "JSON data"
        if qualname.startswith("yaml."):
            return "YAML data"
        return f"{qualname}(...)"

    def _file_words(self, call: cst.Call) -> str:
        path: cst.BaseExpression | None = None
        args = positional_args(call)
        if isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Call):
            inner = positional_args(call.func.value)  # Path("ids.txt").read_text()
            path = inner[0] if inner else None
        elif args:
            path = args[0]  # open("ids.txt"), pd.read_csv("ids.csv")
        text = string_value(path) if path is not None else None
        if text:
            return os.path.basename(text) or text
        if path is not None:
            code = self.analysis.code(path)
            if len(code) <= 40:
                return f"the file named by {code}"
        return "a file"

    def environment_key(self, expr: cst.BaseExpression) -> str | None:
        """`SITE_IDS` for `os.environ["SITE_IDS"]`, `os.getenv("SITE_IDS")`; None for anything else."""
        if isinstance(expr, cst.Call):
            qualname = self.qualified(expr.func) or ""
            args = positional_args(expr)
            if qualname.startswith(("os.environ", "os.getenv")) and args:
                return string_value(args[0])
        elif isinstance(expr, cst.Subscript) and expr.slice and isinstance(expr.slice[0].slice, cst.Index):
            if (self.qualified(expr.value) or "").startswith("os.environ"):
                return string_value(expr.slice[0].slice.value)
        return None

    def _env_words(self, expr: cst.BaseExpression) -> str:
        name = self.environment_key(expr)
        return f"environment variable {name}" if name else "the environment"
