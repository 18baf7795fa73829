"""Match call sites against the destructive-call catalog."""

from __future__ import annotations

import re
from dataclasses import replace
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any, Iterable

import libcst as cst

from linter.analysis.callgraph import passed_argument, resolve_local_callee
from linter.analysis.model import CallSite, DestructiveCall, FunctionInfo, ModuleAnalysis
from linter.analysis.walk import walk
from linter.analysis.names import (
    UNKNOWN,
    dotted_name,
    keyword_arg,
    literal_value,
    positional_args,
    references,
    root_name,
    string_prefix,
    string_value,
)
from linter.config.model import CatalogEntry, Match
from linter.known_calls import HTTP_CALLS, SHELL_CALLS, SQL_METHODS
from linter.prefilter import gate_for

# calls that run the function they are handed (first argument, or target=)
FUNCTION_RUNNERS = frozenset({
    "map", "imap", "imap_unordered", "starmap", "map_async", "starmap_async", "submit", "apply", "apply_async",
    "partial", "register", "Thread", "Process", "Timer", "to_thread", "retry_call", "call_with_retry",
})
# retry wrappers applied to a function in place: retry(stop=...)(shutil.rmtree)(path),
# Retrying(stop=...)(s3.delete_object, Key=k)
RETRY_WRAPPERS = frozenset({
    "tenacity.retry", "tenacity.Retrying", "tenacity.AsyncRetrying", "backoff.on_exception", "backoff.on_predicate",
    "retrying.retry", "retry.retry",
})
TEXT_WRAPPERS = frozenset({"text", "sqlalchemy.text", "sqlalchemy.sql.text", "sql.SQL", "psycopg2.sql.SQL"})
TEMPFILE_MAKERS = ("tempfile.",)
PYTEST_TEMP_FIXTURES = frozenset({"tmp_path", "tmpdir", "tmp_path_factory", "tmpdir_factory"})
SELF_NAMES = frozenset({"self", "cls"})


@lru_cache(maxsize=512)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _glob_any(globs: Iterable[str], text: str) -> bool:
    return any(fnmatchcase(text, g) for g in globs)


def _glob_any_ci(globs: Iterable[str], text: str) -> bool:
    lowered = text.lower()
    return any(fnmatchcase(lowered, g.lower()) for g in globs)


def _created_path(site: CallSite) -> cst.BaseExpression | None:
    """The path a call creates, if it creates one."""
    args = positional_args(site.node)
    if site.qualname == "os.open" and args:
        return args[0]
    if site.name == "open" and args:
        mode = string_value(args[1]) if len(args) > 1 else string_value(getattr(keyword_arg(site.node, "mode"), "value", None))
        return args[0] if mode is not None and any(c in mode for c in "wxa") else None
    if site.name in ("touch", "mkdir", "write_text") and site.receiver is not None:
        return site.receiver
    if site.qualname in ("os.mkdir", "os.makedirs") and args:
        return args[0]
    return None


def _path_key(expr: cst.BaseExpression) -> str | None:
    """What names a path across the module: `LOCK_PATH`, `self.lock_file`, a literal, `Path(X)` -> X."""
    if isinstance(expr, cst.Call) and dotted_name(expr.func) in ("Path", "pathlib.Path") and len(expr.args) == 1:
        expr = expr.args[0].value
    text = string_value(expr)
    return f"'{text}'" if text is not None else dotted_name(expr)


def _identifier_words(identifier: str) -> list[str]:
    """LOCK_PATH -> lock, path; pidFile -> pid, file."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", identifier)
    return [w.lower() for w in spaced.split("_") if w]


def _call_args(site: CallSite) -> list[cst.BaseExpression]:
    """The positional arguments the catalogued function gets: after itself when it is handed on."""
    args = positional_args(site.node)
    return args[1:] if site.passed and args else args


def _argument(call: cst.Call, key: int | str) -> cst.BaseExpression | None:
    """The argument at a position (`0`) or passed by keyword (`"method"`)."""
    if isinstance(key, str):
        arg = keyword_arg(call, key)
        return arg.value if arg is not None else None
    args = positional_args(call)
    return args[key] if key < len(args) else None


class CatalogMatcher:
    """Finds the destructive calls of one module."""

    def __init__(self, analysis: ModuleAnalysis) -> None:
        self.analysis = analysis
        self.entries = analysis.settings.catalog
        self.permanent_kwargs = analysis.settings.permanent_kwargs
        self._local_instances = self._collect_local_instances()
        self._assignments_cache: dict[int, dict[str, list[cst.BaseExpression]]] = {}
        self._temp_names_cache: dict[cst.CSTNode, set[str]] = {}
        self._temp_attributes_cache: dict[str, set[str]] = {}
        self._created: set[str] | None = None  # paths the module creates (see _created_paths)

    def match_all(self) -> list[DestructiveCall]:
        found = []
        for site in self.analysis.calls:
            hit = self.match(site)
            if hit is None:
                passed = self._passed_function(site)
                hit = self.match(passed) if passed is not None else None
            if hit is not None:
                found.append(hit)
        through_helpers = self._through_helpers() + self._texts_through_helpers()
        if through_helpers:
            order = {id(site): index for index, site in enumerate(self.analysis.calls)}
            found = sorted(found + through_helpers, key=lambda d: order[id(d.site)])
        return found

    # -- a function handed to another call: with_backoff(s3.delete_object, Bucket=b, Key=k) ------
    def _passed_function(self, site: CallSite) -> CallSite | None:
        """The call site a function reference stands for when it is handed to `site` to run:
        `site` is a runner (map, submit, partial, Thread(target=...), atexit.register) or a
        function of the module that calls what it is handed (`def with_backoff(fn, ...): fn(...)`).
        Other calls take values: `typer.Option(Mode.purge)` names an Enum member, not a call."""
        if site.name not in FUNCTION_RUNNERS and not self._calls_what_it_is_handed(site) and not self._retry_wrapped(site):
            return None
        args = positional_args(site.node)
        target = keyword_arg(site.node, "target")
        ref = args[0] if args else target.value if target is not None else None
        if not isinstance(ref, (cst.Name, cst.Attribute)):
            return None
        callee = dotted_name(ref)
        if callee is None or callee in self.analysis.functions or callee in self.analysis.classes:
            return None  # the module's own functions are followed through the call graph
        if isinstance(ref, cst.Attribute) and root_name(ref) in SELF_NAMES:
            return None  # so are its own methods (self.delete_batch)
        name = ref.attr.value if isinstance(ref, cst.Attribute) else ref.value
        receiver = ref.value if isinstance(ref, cst.Attribute) else None
        return CallSite(site.node, callee, self.analysis.imports.resolve(callee), name, receiver,
                        site.function, site.statement, passed=True)

    def _retry_wrapped(self, site: CallSite) -> bool:
        """`retry(stop=...)(fn)`: the call of a retry wrapper's result is handed the function to run."""
        func = site.node.func
        return isinstance(func, cst.Call) and self.analysis.imports.resolve_expr(func.func) in RETRY_WRAPPERS

    def _calls_what_it_is_handed(self, site: CallSite) -> bool:
        function = resolve_local_callee(self.analysis, site)
        return function is not None and function.qualname in self.analysis.runs_handed

    # -- a verb handed in: def api(method, path): session.request(method, ...) -------------------
    def _through_helpers(self) -> list[DestructiveCall]:
        """`api("DELETE", f"/sites/{site_id}")` where the module's `api` passes its `method`
        parameter to `session.request(method, ...)`: the helper's call site is the destructive call
        (it is where the verb is chosen, guarded or not, and where the IDs go in)."""
        found = []
        argued = [entry for entry in self.entries if entry.match.args]  # the few entries that read arguments
        for site in self.analysis.calls:
            function = site.function
            if function is None or not function.params:
                continue
            for entry in argued:
                needed = self._parameters_for(entry, site, function)
                if not needed:
                    continue
                for caller in self.analysis.callers.get(function.qualname, ()):
                    if isinstance(caller, CallSite) and self._supplies(caller, function, needed):
                        found.append(replace(self._destructive(caller, entry), inner=site.node))
        return found

    # -- a command or SQL handed in: def sh(cmd): subprocess.run(cmd, shell=True) ----------------
    def _texts_through_helpers(self) -> list[DestructiveCall]:
        """`sh(["aws", "logs", "delete-log-group", ...])` where the module's `sh` runs its parameter
        as a command (or `run_sql(conn, "DELETE FROM ...")` executes it): the helper's call site is
        the destructive call, as for a verb handed in."""
        found = []
        for site in self.analysis.calls:
            function = site.function
            parameter = self._text_parameter(site, function) if function is not None and function.params else None
            if function is None or parameter is None:
                continue
            for caller in self.analysis.callers.get(function.qualname, ()):
                if not isinstance(caller, CallSite):
                    continue
                value = passed_argument(caller.node, function, parameter)
                entry = self._entry_for_text(site, value, caller) if value is not None else None
                if entry is not None:
                    found.append(replace(self._destructive(caller, entry), inner=site.node))
        return found

    def _text_parameter(self, site: CallSite, function: FunctionInfo) -> str | None:
        """The parameter a shell or SQL call in `function` runs as its command text, if any."""
        if site.qualname in SHELL_CALLS:
            arg = self._first_argument(site, "args")
        elif site.name in SQL_METHODS:
            arg = self._first_argument(site, "sql")
        else:
            return None
        if isinstance(arg, cst.Name) and arg.value in function.params and self._follow_name(arg, site) is arg:
            return arg.value
        return None

    def _entry_for_text(self, site: CallSite, value: cst.BaseExpression, caller: CallSite) -> CatalogEntry | None:
        shell = site.qualname in SHELL_CALLS
        text = self._command_words(value, caller) if shell else self._sql_of(value, caller)
        if text is None:
            return None
        for entry in self.entries:
            pattern = entry.match.command if shell else entry.match.sql
            if pattern is not None and _regex(pattern).search(text) is not None:
                return entry
        return None

    def _parameters_for(self, entry: CatalogEntry, site: CallSite, function: FunctionInfo) -> dict[str, str]:
        """{parameter: expected value} when `site` matches `entry` but for arguments that are
        parameters of its function (`request(method, url)` against `args: {0: DELETE}`)."""
        match = entry.match
        if not match.args or not self._matches_kind(match, site):
            return {}
        needed: dict[str, str] = {}
        for key, expected in match.args:
            arg = _argument(site.node, key)
            if arg is None:
                return {}
            if isinstance(arg, cst.Name) and arg.value in function.params:
                needed[arg.value] = str(expected)
            elif string_value(arg) is None or (string_value(arg) or "").lower() != str(expected).lower():
                return {}
        return needed

    @staticmethod
    def _supplies(caller: CallSite, function: FunctionInfo, needed: dict[str, str]) -> bool:
        for name, expected in needed.items():
            value = passed_argument(caller.node, function, name)
            text = string_value(value) if value is not None else None
            if text is None or text.lower() != expected.lower():
                return False
        return True

    def match(self, site: CallSite) -> DestructiveCall | None:
        # most calls match no entry: one combined name test skips the entry-by-entry walk
        # (a url entry can match only an HTTP call whose URL spells the words its regex needs)
        url = (self._url_text(site) or "").lower() if site.name in HTTP_CALLS else ""
        if not gate_for(self.entries).may_match(site.name, (site.qualname,) if site.qualname else (), url=lambda: url):
            return None
        for entry in self.entries:
            if self.matches(entry.match, site):
                if entry.filesystem and self._is_temp_path(site):
                    return None
                return self._destructive(site, entry)
        return None

    # -- the four kinds of match ------------------------------------------------
    def matches(self, match: Match, site: CallSite) -> bool:
        return self._matches_kind(match, site) and self._args_hold(match, site)

    def _matches_kind(self, match: Match, site: CallSite) -> bool:
        if match.call:
            return site.qualname is not None and _glob_any(match.call, site.qualname)
        if match.method:
            return self._matches_method(match, site)
        if match.command is not None:
            command = self._command_text(site)
            return command is not None and _regex(match.command).search(command) is not None
        if match.sql is not None:
            sql = self._sql_text(site)
            return sql is not None and _regex(match.sql).search(sql) is not None
        if match.url is not None:
            url = self._url_text(site)
            return url is not None and _regex(match.url).search(url) is not None
        return False

    def _matches_method(self, match: Match, site: CallSite) -> bool:
        name = site.name
        if name is None or not _glob_any(match.method, name):
            return False
        if self._is_module_code(site):
            return False
        if site.receiver is not None:
            receiver_text = self._receiver_text(site.receiver)
            if match.receiver and not _glob_any_ci(match.receiver, receiver_text):
                # for cont in client.containers.list(): cont.remove(): the loop says what it is
                iterable = self._iterated_by(site.receiver, site)
                if iterable is None or not _glob_any_ci(match.receiver, self._receiver_text(iterable)):
                    return False
            if match.not_receiver and (
                _glob_any_ci(match.not_receiver, receiver_text)
                or _glob_any_ci(match.not_receiver, self._client_service(site.receiver, site))
            ):
                return False
        elif match.receiver:
            return False
        return True

    @staticmethod
    def _args_hold(match: Match, site: CallSite) -> bool:
        if site.passed and match.args:
            return False  # the wrapper's own arguments are not the function's
        for key, expected in match.args:
            arg = _argument(site.node, key)
            actual = string_value(arg) if arg is not None else None
            if actual is None or actual.lower() != str(expected).lower():
                return False
        return True

    def _is_module_code(self, site: CallSite) -> bool:
        """Calls into the module's own functions are analysed through their bodies."""
        if site.passed:
            return False  # _passed_function keeps only references to code the module does not define
        analysis = self.analysis
        func = site.node.func
        if isinstance(func, cst.Name):
            return func.value in analysis.defined_names or any(
                q.endswith(f".<locals>.{func.value}") for q in analysis.functions
            )
        if site.receiver is None or site.name not in analysis.method_names:
            return False
        receiver = site.receiver
        if isinstance(receiver, cst.Name) and receiver.value in SELF_NAMES:
            return True
        if isinstance(receiver, cst.Call) and dotted_name(receiver.func) == "super":
            return True
        if isinstance(receiver, cst.Name) and receiver.value in self._local_instances:
            return True
        if isinstance(receiver, cst.Call) and dotted_name(receiver.func) in analysis.classes:
            return True
        return False

    def _collect_local_instances(self) -> set[str]:
        """Names assigned an instance of a class the module defines: `c = Cleaner()`."""
        classes = self.analysis.classes
        names: set[str] = set()
        if not classes:
            return names
        for site in self.analysis.calls:
            if site.callee in classes:
                parent = self.analysis.parents.get(site.node)
                if isinstance(parent, (cst.Assign, cst.AnnAssign)):
                    targets = parent.targets if isinstance(parent, cst.Assign) else [parent]
                    for target in targets:
                        if isinstance(target.target, cst.Name):
                            names.add(target.target.value)
        return names

    def _iterated_by(self, receiver: cst.BaseExpression, site: CallSite) -> cst.BaseExpression | None:
        """The iterable of the enclosing `for NAME in ...` whose target is the receiver (a name
        assigned once in the function stands for its value)."""
        if not isinstance(receiver, cst.Name):
            return None
        for ancestor in self.analysis.ancestors(site.node):
            if isinstance(ancestor, (cst.FunctionDef, cst.ClassDef)):
                return None
            if isinstance(ancestor, cst.For) and isinstance(ancestor.target, cst.Name) and ancestor.target.value == receiver.value:
                return self._follow_name(ancestor.iter, site)
        return None

    def _client_service(self, receiver: cst.BaseExpression, site: CallSite) -> str:
        """`client = boto3.client("sqs")` -> "sqs": a lookalike exclusion (`*sqs*`) holds for a
        client named only `client` too. Empty when the receiver was not built that way."""
        value = self._follow_name(receiver, site)
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute):
            if value.func.attr.value in ("client", "resource"):
                args = positional_args(value)
                service = string_value(args[0]) if args else string_value(getattr(keyword_arg(value, "service_name"), "value", None))
                return service or ""
        return ""

    def _receiver_text(self, receiver: cst.BaseExpression) -> str:
        dotted = dotted_name(receiver)
        if dotted is not None:
            return dotted
        try:
            return self.analysis.code(receiver)
        except Exception:  # noqa: BLE001 - code generation of odd nodes: fall back to nothing
            return ""

    # -- text of shell commands and SQL -----------------------------------------------
    def _first_argument(self, site: CallSite, keyword: str) -> cst.BaseExpression | None:
        args = _call_args(site)
        if args:
            return args[0]
        arg = keyword_arg(site.node, keyword)
        return arg.value if arg is not None else None

    def _command_text(self, site: CallSite) -> str | None:
        if site.qualname not in SHELL_CALLS:
            return None
        if site.qualname == "asyncio.create_subprocess_exec":
            return " ".join(string_prefix(a) or "{}" for a in _call_args(site))
        first = self._first_argument(site, "args")
        return self._command_words(first, site) if first is not None else None

    def _command_words(self, command: cst.BaseExpression, site: CallSite) -> str | None:
        """A command's text with `{}` for what is not literal: ["rm", "-rf", path] -> "rm -rf {}"."""
        first = self._follow_name(command, site)
        if isinstance(first, (cst.List, cst.Tuple)):
            words = []
            for element in first.elements:
                if isinstance(element, cst.StarredElement):
                    words.append("{}")
                    continue
                words.append(string_prefix(element.value) or "{}")
            return " ".join(words)
        if isinstance(first, cst.Call) and dotted_name(first.func) in ("shlex.split",):
            inner = positional_args(first)
            return string_prefix(inner[0]) if inner else None
        return string_prefix(first)

    def _sql_text(self, site: CallSite) -> str | None:
        if site.name not in SQL_METHODS:
            return None
        first = self._first_argument(site, "sql") or self._first_argument(site, "statement")
        return self._sql_of(first, site) if first is not None else None

    def _sql_of(self, statement: cst.BaseExpression, site: CallSite) -> str | None:
        expr = self._follow_name(statement, site)
        for _ in range(4):  # text("..."), sql.SQL("...").format(...), a name assigned either
            text = string_prefix(expr)
            if text is not None or not isinstance(expr, cst.Call):
                return text
            unwrapped = self._unwrap_sql_call(expr, site)
            if unwrapped is None:
                return None
            expr = unwrapped
        return None

    def _url_text(self, site: CallSite) -> str | None:
        """The URL an HTTP call is handed, `{}` for what is not literal; None if not an HTTP call."""
        if site.name not in HTTP_CALLS:
            return None
        args = positional_args(site.node)
        keyword = keyword_arg(site.node, "url")
        url = keyword.value if keyword is not None else None
        if url is None and args:
            url = args[1] if site.name == "request" and len(args) > 1 else args[0]
        if isinstance(url, cst.Call) and _call_name(url) == "Request":
            inner = positional_args(url)  # urlopen(Request(url, ...))
            url = inner[0] if inner else None
        text = self._url_template(url, site, depth=0) if url is not None else "{}"
        return None if text.strip("{}") == "" else text

    def _url_template(self, expr: cst.BaseExpression, site: CallSite, depth: int) -> str:
        """`BASE + "/api/files.delete?" + urlencode(q)` -> "https://slack.com/api/files.delete?{}"."""
        if depth > 4:
            return "{}"
        followed = self._follow_name(expr, site)
        if followed is not expr:
            return self._url_template(followed, site, depth + 1)
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            return self._url_template(expr.left, site, depth + 1) + self._url_template(expr.right, site, depth + 1)
        if isinstance(expr, cst.FormattedString):
            return "".join(self._formatted_part(part, site, depth + 1) for part in expr.parts)
        text = string_prefix(expr)
        return text if text is not None else "{}"

    def _formatted_part(self, part: cst.BaseFormattedStringContent, site: CallSite, depth: int) -> str:
        if isinstance(part, cst.FormattedStringText):
            return part.value
        if isinstance(part, cst.FormattedStringExpression):
            return self._url_template(part.expression, site, depth)  # f"{BASE}/api/files.delete"
        return "{}"

    def _unwrap_sql_call(self, call: cst.Call, site: CallSite) -> cst.BaseExpression | None:
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("format", "as_string", "replace", "strip", "upper"):
            return self._follow_name(func.value, site)
        resolved = self.analysis.imports.resolve_expr(func) or dotted_name(func) or ""
        if resolved in TEXT_WRAPPERS or resolved.rsplit(".", 1)[-1] in ("text", "SQL"):
            inner = positional_args(call)
            return self._follow_name(inner[0], site) if inner else None
        return None

    def _follow_name(self, expr: cst.BaseExpression, site: CallSite) -> cst.BaseExpression:
        """A name assigned exactly one value in the same function stands for that value."""
        if not isinstance(expr, cst.Name):
            return expr
        values = self._function_assignments(site).get(expr.value)
        if values is None and site.function is None:
            values = self.analysis.module_assignments.get(expr.value)
        if values is None:
            values = self.analysis.module_assignments.get(expr.value) if site.function else None
        if values and len(values) == 1:
            return values[0]
        return expr

    def _function_assignments(self, site: CallSite) -> dict[str, list[cst.BaseExpression]]:
        if site.function is None:
            return self.analysis.module_assignments
        key = id(site.function.node)
        cached = self._assignments_cache.get(key)
        if cached is None:
            collector = _AssignmentCollector()
            walk(site.function.node.body, collector)
            cached = collector.values
            self._assignments_cache[key] = cached
        return cached

    # -- temp-file exemption -----------------------------------------------------------------
    def _is_temp_path(self, site: CallSite) -> bool:
        args = _call_args(site)
        path_expr = args[0] if args else site.receiver
        if path_expr is None:
            return False
        temp_names = self._temp_names(site)
        if any(name in temp_names for name in references(path_expr).names):
            return True
        return self._is_temp_attribute(path_expr, site) or self._is_housekeeping_file(path_expr)

    def _is_housekeeping_file(self, path_expr: cst.BaseExpression) -> bool:
        """`os.remove(LOCK_PATH)` where the script made LOCK_PATH itself (`os.open(LOCK_PATH,
        os.O_CREAT | os.O_EXCL)`): its own lock or pid file (policy `housekeeping_files`), named by
        a word of an identifier or by the file's name. Another program's lock is not the script's."""
        words = {w.lower() for w in self.analysis.settings.housekeeping_files}
        if not words or _path_key(path_expr) not in self._created_paths():
            return False
        refs = references(path_expr)
        for text in refs.strings:
            name = text.rstrip("/").rsplit("/", 1)[-1].lower()
            if name.rsplit(".", 1)[-1] in words or name.split(".", 1)[0] in words:
                return True
        identifiers = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", self._receiver_text(path_expr))
        return any(
            word in words
            for identifier in identifiers
            for word in (*_identifier_words(identifier), "".join(_identifier_words(identifier)))
        )

    def _created_paths(self) -> set[str]:
        """Paths the module creates: open(p, "w"/"x"/"a"), os.open(p, ...), Path(p).touch(), mkdir."""
        if self._created is None:
            self._created = set()
            for site in self.analysis.calls:
                target = _created_path(site)
                if target is not None:
                    self._created.update(self._path_keys(target, site))
        return self._created

    def _path_keys(self, target: cst.BaseExpression, site: CallSite) -> list[str]:
        """The path's own key, or for a helper's parameter (`def acquire_lock(path): os.open(path,
        ...)`) the keys of what its callers in the module pass."""
        key = _path_key(target)
        function = site.function
        if key is None or function is None or key not in function.params:
            return [key] if key is not None else []
        keys = []
        for caller in self.analysis.callers.get(function.qualname, ()):
            if isinstance(caller, CallSite):
                value = passed_argument(caller.node, function, key)
                caller_key = _path_key(value) if value is not None else None
                if caller_key is not None:
                    keys.append(caller_key)
        return keys

    def _is_temp_attribute(self, path_expr: cst.BaseExpression, site: CallSite) -> bool:
        """`self.workdir = tempfile.mkdtemp()` in one method, `rmtree(self.workdir)` in another."""
        cls = self.analysis.classes.get(site.function.class_name or "") if site.function else None
        if cls is None:
            return False
        attributes = self._temp_attributes_cache.get(cls.name)
        if attributes is None:
            collector = _TempNameCollector(self.analysis)
            walk(cls.node, collector)
            attributes = self._temp_attributes_cache[cls.name] = collector.self_attributes
        text = self.analysis.code(path_expr)
        return any(re.search(rf"\bself\.{re.escape(a)}\b", text) for a in attributes)

    def _temp_names(self, site: CallSite) -> set[str]:
        scope: cst.CSTNode = site.function.node if site.function else self.analysis.module
        names = self._temp_names_cache.get(scope)
        if names is None:  # once per scope, not once per call in it
            collector = _TempNameCollector(self.analysis)
            if site.function is not None:  # a pytest test or fixture handed its own temp directory
                collector.names.update(p for p in site.function.params if p in PYTEST_TEMP_FIXTURES)
            walk(scope, collector)
            names = self._temp_names_cache[scope] = collector.names
        return names

    # -- building the result ------------------------------------------------------------------
    def _destructive(self, site: CallSite, entry: CatalogEntry) -> DestructiveCall:
        effect = entry.effect
        if effect == "recoverable" and (
            self._kwargs_hold(site, entry.permanent_when) or self._kwargs_hold(site, self.permanent_kwargs)
        ):
            effect = "permanent"
        elif effect == "permanent" and self._kwargs_hold(site, entry.recoverable_when):
            effect = "recoverable"
        confidence = entry.confidence or ("medium" if entry.match.method else "high")
        return DestructiveCall(
            site=site,
            entry=entry,
            effect=effect,
            confidence=confidence,
            label=self._url_label(site) if entry.match.url is not None else self._label(site),
        )

    def _kwargs_hold(self, site: CallSite, conditions: tuple[tuple[str, Any], ...]) -> bool:
        for key, expected in conditions:
            arg = keyword_arg(site.node, key)
            if arg is None:
                continue
            actual = literal_value(arg.value)
            if actual is UNKNOWN:
                # a flag passed through (permanent=args.permanent) may be on
                if expected is True:
                    return True
                continue
            if isinstance(expected, str) and isinstance(actual, str):
                if actual.lower() == expected.lower():
                    return True
            elif actual == expected:
                return True
        return False

    def _url_label(self, site: CallSite) -> str:
        """`requests.post(".../api/files.delete")`: the verb is in the URL, so the message shows it."""
        url = (self._url_text(site) or "").split("?")[0]
        shown = url if len(url) <= 50 else "..." + url[-47:]
        return f'{self._label(site)[:-5]}("{shown}")'

    def _label(self, site: CallSite) -> str:
        if site.callee is not None:
            return f"{site.callee}(...)"
        func_text = self._receiver_text(site.node.func)
        if len(func_text) > 60:
            # `User.objects.exclude(...).delete`: the chain stays readable without its arguments
            func_text = _elide_arguments(site.node.func) or f"...{func_text[-57:]}"
        return f"{func_text}(...)"


def _call_name(call: cst.Call) -> str | None:
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else None


def _elide_arguments(expr: cst.BaseExpression) -> str | None:
    """`a.b(x, y).c[0].d` -> `a.b(...).c[...].d`; None when the chain does not start at a name."""
    parts: list[str] = []
    while True:
        if isinstance(expr, cst.Attribute):
            parts.append("." + expr.attr.value)
            expr = expr.value
        elif isinstance(expr, cst.Call):
            parts.append("(...)")
            expr = expr.func
        elif isinstance(expr, cst.Subscript):
            parts.append("[...]")
            expr = expr.value
        elif isinstance(expr, cst.Name):
            parts.append(expr.value)
            text = "".join(reversed(parts))
            return text if len(text) <= 60 else None
        else:
            return None


class _AssignmentCollector(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[cst.BaseExpression]] = {}

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self.values.setdefault(target.target.value, []).append(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None and isinstance(node.target, cst.Name):
            self.values.setdefault(node.target.value, []).append(node.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # inner functions have their own names

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


class _TempNameCollector(cst.CSTVisitor):
    """Names bound to paths made by `tempfile` (and names derived from them)."""

    def __init__(self, analysis: ModuleAnalysis) -> None:
        super().__init__()
        self.analysis = analysis
        self.names: set[str] = set()
        self.self_attributes: set[str] = set()  # self.workdir = tempfile.mkdtemp()

    def _is_temp(self, expr: cst.BaseExpression) -> bool:
        found = references(expr)
        if any(name in self.names for name in found.names):
            return True
        for call in found.calls:
            resolved = self.analysis.imports.resolve_expr(call.func) or ""
            if resolved.startswith(TEMPFILE_MAKERS):
                return True
        return False

    def _bind(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.names.add(target.value)
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
            self.self_attributes.add(target.attr.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        if self._is_temp(node.value):
            for target in node.targets:
                self._bind(target.target)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None and self._is_temp(node.item):
            self._bind(node.asname.name)


__all__ = ["CatalogMatcher", "root_name"]
