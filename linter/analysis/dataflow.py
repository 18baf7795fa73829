"""Intra-module data flow, backwards from the arguments of destructive calls.

Only files with destructive calls pay for it, and only the values those calls
take are followed: through assignments, unpacking, subscripts, comprehensions,
collection literals and in-place additions, wrappers (`list()`, `sorted()`),
string methods and formatting, loop variables, the module's own functions
(arguments to parameters, return and yield values back to callers), module
globals and `self` attributes set in another method. Where the value comes
from something the module does not show (another module's function, an API
response, `getattr`), the walk stops and says so (an opaque origin).

Each walk ends in a `Flow`: the named bindings it passed (`Hop`s, nearest the
call first), where the value started (`Origin`), and whether a validation on
the way stops values of the wrong kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import cached_property
from typing import Callable, Mapping, Sequence

import libcst as cst
from libcst.metadata import CodeRange

from linter.analysis.callgraph import chained_onto, passed_argument, resolve_local_callee
from linter.analysis.idtypes import IdTypes, name_matches
from linter.analysis.model import CallSite, ClassInfo, CliOption, DestructiveCall, FunctionInfo, ModuleAnalysis
from linter.analysis.names import dotted_name, fold, keyword_arg, parameter, positional_args, string_value
from linter.analysis.scopes import SELF_NAMES, Binding, Scope, collect_scope
from linter.analysis.sources import HANDLE_SOURCES, SourceMatch, SourceMatcher
from linter.analysis.validation import Validation, field_of

# Methods whose result carries the receiver's value (string, file and container methods).
RECEIVER_METHODS = frozenset(
    {
        "strip", "lstrip", "rstrip", "lower", "upper", "casefold", "replace", "removeprefix", "removesuffix",
        "split", "rsplit", "splitlines", "read", "readlines", "readline", "decode", "encode", "items", "values",
        "keys", "copy", "get", "pop", "popleft", "tolist", "to_list", "unique", "dropna", "astype", "drop_duplicates",
        "json", "iterrows", "itertuples", "to_dict",
    }
)
TEXT_METHODS = frozenset({"split", "rsplit", "splitlines"})
# Parsers of text handed to them: a source only when the text is not an HTTP response body.
TEXT_PARSERS = frozenset({"json.loads", "yaml.safe_load", "yaml.load", "yaml.full_load", "tomllib.loads", "toml.loads"})
# subprocess calls whose output a script parses: the listing of a CLI (aws, kubectl, gh, curl)
COMMAND_OUTPUT_CALLS = frozenset(
    {"subprocess.run", "subprocess.check_output", "subprocess.getoutput", "subprocess.Popen", "subprocess.getstatusoutput"}
)
RESPONSE_BODY_ATTRIBUTES = frozenset({"text", "content"})
BODY_TEXT_METHODS = frozenset({"decode", "strip", "lstrip", "rstrip"})
# Query-building membership tests whose argument is what the query selects: `Node.id.in_(node_ids)`.
QUERY_MEMBERSHIP = frozenset({"in_", "isin", "any_"})
CASTS = frozenset({"typing.cast", "typing_extensions.cast"})
LITERALS = (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float)
KILLING_KINDS = frozenset({"assign", "element", "handle"})
_ID_SUFFIX = re.compile(r"[_-]?(ids?|IDs?|Ids?)$")
# Conventional names of the object argparse returns (matched when no parse_args() assignment is visible).
OPTION_HOLDERS = ("args", "opts", "options", "arguments", "ns", "namespace", "parsed_args", "cli_args", "cmd_args")
# Budgets keep pathological modules cheap: a walk that runs out stops silently (fewer findings, never wrong ones).
MAX_STEPS_PER_CALL = 800
MAX_STEPS_PER_MODULE = 10000
MAX_HOPS = 40
# Names followed back from a call's receiver to the calls that built it (`q = s.query(N); f = q.filter(...)`).
MAX_RECEIVER_NAMES = 3


@dataclass(frozen=True)
class Hop:
    """A named place the value passed through: a variable, parameter, option, key or attribute."""

    name: str
    node: cst.CSTNode
    # binding | param | option | attribute | key | keyword | comprehension | return | literal | iterated | handle
    # | cast | keyed (a document field that is the ID collection: plan["buckets"])
    kind: str
    collection: bool  # holds a collection of IDs
    id_named: bool  # its name says it holds IDs
    typed: bool | None  # declared element type: True distinct ID type, False plain, None unknown

    @property
    def reportable(self) -> bool:
        return self.kind in ("binding", "param", "option", "attribute", "literal", "iterated", "handle")


@dataclass(frozen=True)
class Origin:
    """Where a walk ended.

    kind: source (outside data), literal (a literal in the code), typed (a
    distinct ID type built it), validated (a configured validator returned
    it), opaque (the flow is lost: another module, an API response).
    """

    kind: str
    node: cst.CSTNode | None = None
    words: str = ""  # for sources: `ids.txt`, `the --site-ids option`


@dataclass(frozen=True)
class Flow:
    call: DestructiveCall
    hops: tuple[Hop, ...]  # nearest the call first
    origin: Origin
    validated: bool
    argument: cst.CSTNode | None = None  # the argument of the call the walk started from

    @property
    def typed(self) -> bool:
        return self.origin.kind == "typed" or any(h.typed is True for h in self.hops)

    @property
    def carries_ids(self) -> bool:
        return any(h.id_named for h in self.hops)


@dataclass(frozen=True)
class _State:
    scope: cst.CSTNode  # FunctionDef or Module whose names are in force
    point: cst.CSTNode  # where the value is used in that scope
    level: str = "item"  # item | coll | other: what the current expression holds, relative to the IDs
    items_are_ids: bool = False  # for a collection: its items were named as IDs
    hops: tuple[Hop, ...] = ()
    validated: bool = False
    context: tuple[tuple[CallSite, cst.CSTNode, cst.CSTNode], ...] = ()  # (call, caller scope, caller point)
    comprehension: tuple[tuple[str, cst.CompFor], ...] = ()
    # `for region, instance_id in rows`: the part of each tuple that is followed, with the level and
    # items_are_ids it had before unpacking (restored where the tuple is built: rows.append((r, i)))
    part: tuple[int, str, bool] | None = None
    # `f"{API}/tenants/{tenant_id}"`: the path segment naming the value that ends a URL (what it addresses)
    url_noun: str = ""
    # `row["site_id"]`: the field of the record (the next name resolved) that is followed; a check
    # of another ID field of the same record does not validate it
    field: str = ""


class DataFlow:
    """Backward flows into this module's destructive calls; built on first use."""

    def __init__(self, analysis: ModuleAnalysis) -> None:
        self.analysis = analysis
        self.policy = analysis.settings.ids
        self._scopes: dict[cst.CSTNode, Scope] = {}
        self._flows: list[Flow] = []
        self._seen: set[tuple[object, ...]] = set()
        self._steps = 0
        self._module_steps = 0
        self._call: DestructiveCall | None = None
        self._argument: cst.CSTNode | None = None

    # -- shared lazily built facts ------------------------------------------------------------
    @cached_property
    def types(self) -> IdTypes:
        return IdTypes(self.analysis)

    @cached_property
    def sources(self) -> SourceMatcher:
        return SourceMatcher(self.analysis)

    @cached_property
    def validation(self) -> Validation:
        return Validation(self.analysis, self.types, self.scope)

    @cached_property
    def _site_of(self) -> dict[cst.Call, CallSite]:
        return {site.node: site for site in self.analysis.calls}

    @cached_property
    def _argparse_dests(self) -> dict[str, CliOption]:
        return {o.dest: o for o in self.analysis.cli_options if o.source == "argparse"}

    @cached_property
    def _function_options(self) -> dict[tuple[int, str], CliOption]:
        found = {}
        for option in self.analysis.cli_options:
            if option.function is not None and option.source in ("click", "typer"):
                found[(id(option.function), fold(option.dest))] = option
        return found

    @cached_property
    def _instantiations(self) -> dict[str, list[CallSite]]:
        """`Cleaner(...)` calls of the module's classes, by class name."""
        found: dict[str, list[CallSite]] = {}
        for site in self.analysis.calls:
            if isinstance(site.node.func, cst.Name) and site.node.func.value in self.analysis.classes:
                found.setdefault(site.node.func.value, []).append(site)
        return found

    @cached_property
    def _parsed_option_names(self) -> set[str]:
        """Names that hold parsed command-line options: `args = parser.parse_args()`, Django's `**options`."""
        names = set(OPTION_HOLDERS)
        for site in self.analysis.calls:
            if site.name in ("parse_args", "parse_known_args", "parse_intermixed_args"):
                parent = self.analysis.parents.get(site.node)
                if isinstance(parent, cst.Assign):
                    for target in parent.targets:
                        names.update(n for n in _target_names(target.target))
        for info in self.analysis.functions.values():
            star = info.node.params.star_kwarg
            if star is not None:
                names.add(star.name.value)
        return names

    def _passes_through(self, qualname: str) -> bool:
        """`sorted(ids)`, `tqdm(ids)`: calls named in `ids.pass_through` hand their arguments through."""
        return bool(qualname) and any(fnmatchcase(qualname, glob) for glob in self.policy.pass_through)

    def _holds_parsed_options(self, expr: cst.BaseExpression) -> bool:
        name = dotted_name(expr)
        return name is not None and name.split(".")[-1] in self._parsed_option_names

    def scope(self, node: cst.CSTNode) -> Scope:
        found = self._scopes.get(node)
        if found is None:
            found = collect_scope(node)
            self._scopes[node] = found
        return found

    def _function(self, scope_node: cst.CSTNode) -> FunctionInfo | None:
        if isinstance(scope_node, cst.FunctionDef):
            return self.analysis.function_by_node.get(scope_node)
        return None

    # -- the walks ---------------------------------------------------------------------------------
    @cached_property
    def flows(self) -> list[Flow]:
        """Every walk from every destructive call's arguments back to where the values start."""
        for call in self.analysis.destructive:
            self._call = call
            self._seen = set()
            self._steps = 0
            site = call.site
            start = _State(scope=site.function.node if site.function else self.analysis.module, point=site.node)
            start = self._inside_comprehensions(start, site)
            for arg in site.node.args:
                self._argument = arg.value
                self._trace(arg.value, self._keyword(arg, start))
            for inner, at in self._receiver_chain(site.node, start):
                for arg in inner.args:
                    self._argument = arg.value
                    self._trace(arg.value, self._keyword(arg, at))
            for outer in chained_onto(self.analysis, site.node, limit=4):
                for arg in outer.args:
                    self._argument = arg.value
                    self._trace(arg.value, self._keyword(arg, start))
        return self._flows


    def _keyword(self, arg: cst.Arg, st: _State) -> _State:
        """`terminate_instances(InstanceIds=...)`: the parameter's name says the value holds IDs."""
        if arg.keyword is None:
            return st
        return self._hop(st, arg.keyword.value, arg.keyword, "keyword")

    def _receiver_chain(self, call: cst.Call, start: _State) -> list[tuple[cst.Call, _State]]:
        """The calls that built the receiver, each with the state its arguments are traced in.

        Inline (`Site.objects.filter(id__in=ids).delete()`) and through a name bound
        to a call (`instance = ec2.Instance(instance_id)`, then `instance.terminate()`).
        """
        found: list[tuple[cst.Call, _State]] = []
        pending: list[tuple[cst.BaseExpression, _State, int]] = [(call.func, start, 0)]
        while pending:
            expr, st, depth = pending.pop()
            calls, root = _receiver_calls_and_root(expr)
            found.extend((inner, st) for inner in calls)
            if depth < MAX_RECEIVER_NAMES and isinstance(root, cst.Name) and root.value not in SELF_NAMES:
                pending.extend((value, at, depth + 1) for value, at in self._built_by(root.value, st))
        return found

    def _built_by(self, name: str, st: _State) -> list[tuple[cst.BaseExpression, _State]]:
        """What a local name was built from where it is used: the call it was assigned from, or the
        query a loop iterates (`for instance in ec2.instances.filter(InstanceIds=ids)`). None when any
        assignment that reaches the use is something else."""
        scope = self.scope(st.scope)
        bindings = scope.bindings.get(name)
        if not bindings:
            return []
        built: list[tuple[cst.BaseExpression, _State]] = []
        for binding in self._reaching(scope, bindings, st.point):
            value = binding.value
            if binding.kind == "assign" and isinstance(value, cst.Call):
                if self.sources.match_call(value) is None:
                    built.append((value, replace(st, point=binding.statement)))
            elif binding.kind == "element" and not binding.unpacked and _iterates_a_query(value):
                assert value is not None
                if not isinstance(value, cst.Call) or self.sources.match_call(value) is None:
                    built.append((value, replace(st, point=binding.statement)))
            else:
                return []
        return built

    def _inside_comprehensions(self, st: _State, site: CallSite) -> _State:
        """`[client.delete_site(s) for s in site_ids if s in known]`: the call sees the comprehension's names."""
        bound: list[tuple[str, cst.CompFor]] = []
        validated = False
        for ancestor in self.analysis.ancestors(site.node):
            if isinstance(ancestor, (cst.BaseStatement, cst.BaseSmallStatement)):
                break
            if isinstance(ancestor, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
                clause: cst.CompFor | None = ancestor.for_in
                names: set[str] = set()
                clauses = []
                while clause is not None:
                    clauses.append(clause)
                    names.update(_target_names(clause.target))
                    clause = clause.inner_for_in
                outer = [(n, c) for c in clauses for n in _target_names(c.target)]
                bound = outer + bound
                validated = validated or any(
                    "pos" in self.validation.polarity(cond.test, names) for c in clauses for cond in c.ifs
                )
        if not bound:
            return st
        return replace(st, comprehension=tuple(bound), validated=st.validated or validated)

    def flows_to(self, call: DestructiveCall) -> list[Flow]:
        return [f for f in self.flows if f.call is call]

    @cached_property
    def untyped_collections(self) -> list[tuple[Hop, Flow]]:
        """ID collections of plain values that reach a destructive call: one per collection, where first bound."""
        found: dict[cst.CSTNode, tuple[Hop, Flow]] = {}
        for flow in self.flows:
            if flow.typed:
                continue
            collections = [h for h in flow.hops if h.collection and h.reportable]
            # a field of a loaded document looped over in place (plan["buckets"]) when nothing names it
            collections = collections or [h for h in flow.hops if h.kind == "keyed"]
            # an open file (`with open(p) as fh`) is the collection only when iterated as it is;
            # `snapshot_ids = fh.readlines()` is bound nearer the source than the call and is reported
            lists = [h for h in collections if h.kind != "handle"]
            collections = lists or collections
            declared_plain = [h for h in collections if h.typed is False]
            if collections and flow.origin.kind in ("literal", "source"):
                chosen = collections[-1]
            elif declared_plain:
                chosen = declared_plain[-1]
            else:
                continue
            found.setdefault(chosen.node, (chosen, flow))
        return list(found.values())

    @cached_property
    def unvalidated_sources(self) -> list[Flow]:
        """Flows of IDs from outside data into a destructive call with no check of their kind: one per (source, call)."""
        found: dict[tuple[int, int], Flow] = {}
        for flow in self.flows:
            if flow.origin.kind != "source" or flow.validated or not flow.carries_ids:
                continue
            found.setdefault((id(flow.origin.node), id(flow.call)), flow)
        return list(found.values())

    @cached_property
    def _source_lines(self) -> Mapping[cst.CSTNode, CodeRange]:
        """Positions of the sources OPS302 names, in one cheap pass (only files that report one pay it)."""
        nodes = [f.origin.node for f in self.unvalidated_sources if f.origin.node is not None]
        return self.analysis.positions(nodes) if nodes else {}

    def line_of(self, node: cst.CSTNode | None) -> int | None:
        """The line a source starts on."""
        if node is None:
            return None
        where = self._source_lines.get(node)
        return where.start.line if where is not None else None

    def _end(self, st: _State, origin: Origin, validated: bool = False) -> None:
        assert self._call is not None
        self._flows.append(Flow(self._call, st.hops, origin, st.validated or validated, self._argument))

    def _hop(self, st: _State, name: str, node: cst.CSTNode, kind: str, typed: bool | None = None,
             collection: bool | None = None) -> _State:
        is_collection = name_matches(name, self.policy.collection_names)
        id_named = is_collection or name_matches(name, self.policy.single_names)
        if id_named and self._is_scope(name, st.url_noun):
            is_collection = id_named = False
        if collection is None:
            collection = is_collection or (st.level == "coll" and st.items_are_ids)
        hop = Hop(name, node, kind, collection and kind not in ("key", "keyword"), id_named, typed)
        # an ID name says what the value is, whatever wrapped it on the way to the call
        if is_collection:
            return replace(st, hops=st.hops + (hop,), level="coll", items_are_ids=True)
        if id_named:
            return replace(st, hops=st.hops + (hop,), level="item", items_are_ids=False)
        return replace(st, hops=st.hops + (hop,))

    def _is_scope(self, name: str, url_noun: str = "") -> bool:
        """`project_id` in `instances().delete(project=project_id)` says where, not what; unless the call's
        name (`delete_tenant(tenant_id)`) or the URL segment it ends (`/tenants/{tenant_id}`) names it."""
        if not self.policy.scope_names or not name_matches(name, self.policy.scope_names):
            return False
        stem = _ID_SUFFIX.sub("", name).lower().replace("-", "_").split("_")[-1]
        call_text = self._call.label.lower() if self._call is not None else ""
        return not stem or (stem not in call_text and stem not in url_noun)

    def _to_collection(self, st: _State) -> _State:
        """From one item to the collection it was taken from."""
        if st.level == "item":
            last = st.hops[-1] if st.hops else None
            return replace(st, level="coll", items_are_ids=bool(last and last.id_named and not last.collection))
        return replace(st, level="other", items_are_ids=False)

    def _to_item(self, st: _State) -> _State:
        return replace(st, level="item" if st.level == "coll" else "other", items_are_ids=False)

    def _trace(self, expr: cst.BaseExpression, st: _State) -> None:
        self._steps += 1
        self._module_steps += 1
        if self._steps > MAX_STEPS_PER_CALL or self._module_steps > MAX_STEPS_PER_MODULE or len(st.hops) > MAX_HOPS:
            return
        if st.field and not isinstance(expr, cst.Name):
            st = replace(st, field="")  # the field restricts only the record's own name
        key = (id(expr), id(st.point), st.level, st.items_are_ids, st.validated, any(h.id_named for h in st.hops),
               tuple(id(c[0]) for c in st.context), st.part, st.url_noun, st.field)
        if key in self._seen:
            return
        self._seen.add(key)
        handler = getattr(self, f"_expr_{type(expr).__name__}", None)
        if handler is None:
            self._end(st, Origin("opaque", expr))
        else:
            handler(expr, st)

    # -- expressions -------------------------------------------------------------------------------
    def _expr_SimpleString(self, expr: cst.BaseExpression, st: _State) -> None:
        self._end(st, Origin("literal", expr))

    _expr_Integer = _expr_SimpleString
    _expr_ConcatenatedString = _expr_SimpleString
    _expr_Float = _expr_SimpleString

    def _expr_FormattedString(self, expr: cst.FormattedString, st: _State) -> None:
        inner = replace(st, level="item", items_are_ids=False)
        parts = expr.parts
        for index, part in enumerate(parts):
            if isinstance(part, cst.FormattedStringExpression):
                before = parts[index - 1] if index > 0 else None
                text = before.value if isinstance(before, cst.FormattedStringText) else ""
                rest = parts[index + 1:]
                last = all(isinstance(p, cst.FormattedStringText) and _ends_path(p.value) for p in rest)
                self._trace(part.expression, replace(inner, url_noun=_segment_noun(text) if last else ""))

    def _expr_BinaryOperation(self, expr: cst.BinaryOperation, st: _State) -> None:
        if isinstance(expr.operator, cst.Modulo) and string_value(expr.left) is not None:
            right = expr.right
            values = [e.value for e in right.elements] if isinstance(right, cst.Tuple) else [right]
            for value in values:
                self._trace(value, replace(st, level="item", items_are_ids=False))
            return
        if isinstance(expr.operator, cst.Add) and self._ends_url(expr):
            # `API + "/tenants/" + tenant_id`: the value ends the URL after the segment naming it
            self._trace(expr.left, replace(st, url_noun=""))
            self._trace(expr.right, replace(st, url_noun=_segment_noun(_trailing_text(expr.left))))
            return
        if isinstance(expr.operator, cst.BitAnd):
            st = replace(st, validated=True)  # set intersection with an allow-list
        elif isinstance(expr.operator, cst.Subtract):
            self._trace(expr.left, st)  # what is taken away cannot reach the call
            return
        for side in (expr.left, expr.right):
            if not isinstance(side, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)) or isinstance(
                side, cst.FormattedString
            ):
                self._trace(side, st)

    def _ends_url(self, expr: cst.BinaryOperation) -> bool:
        """`... + "/tenants/" + tenant_id` where nothing more is added after the value."""
        parent = self.analysis.parents.get(expr)
        more = isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Add) and parent.left is expr
        return not more and not isinstance(expr.right, LITERALS) and _trailing_text(expr.left).endswith("/")

    def _expr_List(self, expr: cst.List | cst.Tuple | cst.Set, st: _State) -> None:
        if isinstance(expr, cst.Tuple) and st.part is not None:
            self._tuple_part(expr.elements, st)
            return
        for element in expr.elements:
            if isinstance(element, cst.StarredElement):
                self._trace(element.value, st)
            else:
                self._trace(element.value, self._to_item(st))

    _expr_Tuple = _expr_List

    def _tuple_part(self, parts: Sequence[cst.BaseElement | cst.Arg], st: _State) -> None:
        """Follow only the part of a tuple (or of zip's arguments) that was unpacked into the name."""
        assert st.part is not None
        position, level, items_are_ids = st.part
        if position >= len(parts) or any(isinstance(p, cst.StarredElement) or getattr(p, "star", "") for p in parts):
            self._trace_parts(parts, replace(st, part=None))
            return
        self._trace(parts[position].value, replace(st, level=level, items_are_ids=items_are_ids, part=None))

    def _trace_parts(self, parts: Sequence[cst.BaseElement | cst.Arg], st: _State) -> None:
        for part in parts:
            self._trace(part.value, st)
    _expr_Set = _expr_List

    def _expr_Dict(self, expr: cst.Dict, st: _State) -> None:
        for element in expr.elements:
            if isinstance(element, cst.DictElement):
                self._trace(element.value, replace(st, level="other", items_are_ids=False))
            else:
                self._trace(element.value, st)

    def _expr_Comparison(self, expr: cst.Comparison, st: _State) -> None:
        """`Node.id == node_id` in an ORM filter: the value compared with is what the query selects."""
        for side in (expr.left, *(c.comparator for c in expr.comparisons)):
            if not isinstance(side, LITERALS):
                self._trace(side, st)

    def _expr_IfExp(self, expr: cst.IfExp, st: _State) -> None:
        self._trace(expr.body, st)
        self._trace(expr.orelse, st)

    def _expr_BooleanOperation(self, expr: cst.BooleanOperation, st: _State) -> None:
        self._trace(expr.left, st)
        self._trace(expr.right, st)

    def _expr_Await(self, expr: cst.Await, st: _State) -> None:
        self._trace(expr.expression, st)

    def _expr_NamedExpr(self, expr: cst.NamedExpr, st: _State) -> None:
        self._trace(expr.value, st)

    def _expr_StarredElement(self, expr: cst.StarredElement, st: _State) -> None:
        self._trace(expr.value, st)

    def _expr_ListComp(self, expr: cst.ListComp | cst.SetComp | cst.GeneratorExp, st: _State) -> None:
        self._comprehension(expr.for_in, [expr.elt], st)

    _expr_SetComp = _expr_ListComp
    _expr_GeneratorExp = _expr_ListComp

    def _expr_DictComp(self, expr: cst.DictComp, st: _State) -> None:
        self._comprehension(expr.for_in, [expr.key, expr.value], st)

    def _comprehension(self, first: cst.CompFor, results: list[cst.BaseExpression], st: _State) -> None:
        bound = list(st.comprehension)
        clauses: list[cst.CompFor] = []
        current: cst.CompFor | None = first
        while current is not None:
            clauses.append(current)
            for name in _target_names(current.target):
                bound.append((name, current))
            current = current.inner_for_in
        names = {name for name, _ in bound}
        tests = [cond.test for clause in clauses for cond in clause.ifs]
        for result in results:
            # `[r["site_id"] for r in rows if r["app_id"] in apps]`: the filter checks another field
            record, field = field_of(result) or ("", "")
            validated = st.validated or any(
                "pos" in self.validation.polarity(test, names)
                and not self.validation.other_fields_only(test, record, field) for test in tests
            )
            self._trace(result, replace(self._to_item(st), comprehension=tuple(bound), validated=validated))

    def _expr_Subscript(self, expr: cst.Subscript, st: _State) -> None:
        source = self.sources.match_expr(expr.value)
        if source is not None:
            self._source(expr, source, st)
            return
        element = expr.slice[0].slice if len(expr.slice) == 1 else None
        if isinstance(element, cst.Index):
            key = string_value(element.value)
            if key is not None:
                option = self._argparse_dests.get(key)
                if option is not None and self._holds_parsed_options(expr.value):
                    self._option(option, st)
                    return
                if st.level == "coll" and st.items_are_ids:
                    # for bucket_id in plan["buckets"]: this field of the document is the ID collection
                    st = replace(st, hops=st.hops + (Hop(key, expr, "keyed", True, False, None),))
                st = self._hop(st, key, expr, "key")
                self._trace(expr.value, replace(st, level="other", items_are_ids=False, field=key))
                return
            self._trace(expr.value, self._to_collection(st))
            return
        self._trace(expr.value, st)  # a slice of a collection is the same collection

    def _source(self, expr: cst.BaseExpression, source: SourceMatch, st: _State) -> None:
        """Outside data; an environment variable's name says what it holds, like a variable's."""
        key = self.sources.environment_key(expr)
        if key is not None:
            st = self._hop(st, key, expr, "key")
        self._end(st, Origin("source", expr, self.sources.describe(expr, source)))

    def _expr_Attribute(self, expr: cst.Attribute, st: _State) -> None:
        source = self.sources.match_expr(expr)
        if source is not None:
            self._end(st, Origin("source", expr, self.sources.describe(expr, source)))
            return
        attr = expr.attr.value
        receiver = expr.value
        dotted = dotted_name(expr)
        if dotted is not None and not st.validated and self.validation.checked(st.scope, st.point, dotted):
            st = replace(st, validated=True)
        if isinstance(receiver, cst.Name) and receiver.value in SELF_NAMES:
            self._self_attribute(attr, expr, st)
            return
        option = self._argparse_dests.get(attr)
        if option is not None and self._holds_parsed_options(receiver):
            self._option(option, st)
            return
        st = self._hop(st, attr, expr, "key")
        self._trace(receiver, replace(st, level="other", items_are_ids=False, field=attr))

    def _expr_Name(self, expr: cst.Name, st: _State) -> None:
        name = expr.value
        for index in range(len(st.comprehension) - 1, -1, -1):
            bound, clause = st.comprehension[index]
            if bound == name:
                inner = self._hop(replace(st, field=""), name, expr, "comprehension")
                inner = replace(self._to_collection(inner), comprehension=st.comprehension[:index])
                self._trace(clause.iter, inner)
                return
        walrus = self._comprehension_walrus(name, st)
        if walrus is not None:
            self._trace(walrus, st)
            return
        if self.analysis.imports.is_imported(name):
            source = self.sources.match_expr(expr)
            self._end(st, Origin("source", expr, self.sources.describe(expr, source)) if source else Origin("opaque"))
            return
        self._resolve_name(name, expr, st)

    @staticmethod
    def _comprehension_walrus(name: str, st: _State) -> cst.BaseExpression | None:
        """`m` bound in a comprehension's filter, `[m.group(0) for line in f if (m := APP.fullmatch(line))]`."""
        for _, clause in st.comprehension:
            for condition in clause.ifs:
                test = condition.test
                while isinstance(test, cst.UnaryOperation):
                    test = test.expression
                if isinstance(test, cst.NamedExpr) and isinstance(test.target, cst.Name) and test.target.value == name:
                    return test.value
        return None

    def _expr_Call(self, call: cst.Call, st: _State) -> None:
        source = self.sources.match_call(call)
        if source is not None and source.qualname in TEXT_PARSERS and self._parses_response(call, st):
            self._end(st, Origin("opaque", call))  # an API's own listing: its kind is already fixed
            return
        if source is not None:
            self._source(call, source, st)
            return
        if self.validation.is_validator(call):
            self._end(st, Origin("validated", call), validated=True)
            return
        if self.types.constructs_id(call):
            self._end(st, Origin("typed", call), validated=True)
            return
        site = self._site_of.get(call)
        local = resolve_local_callee(self.analysis, site) if site is not None else None
        if local is not None and site is not None:
            self._into_function(local, site, st)
            return
        func = call.func
        qualname = self.sources.qualified(func) or ""
        args = positional_args(call)
        if st.part is not None and qualname in ("zip", "enumerate"):
            self._unpacked_call(call, qualname, st)
            return
        if qualname in CASTS and len(args) == 2:
            # `cast(list[SiteId], json.load(f))` declares a type, like an annotation: it checks nothing
            typed = self.types.annotation_typed(args[0])
            self._trace(args[1], self._hop(st, "cast", call, "cast", typed, collection=False))
            return
        if self._passes_through(qualname):
            # islice(items, stop) / islice(items, start, stop, step): only the first holds items
            for arg in args[:1] if qualname.rsplit(".", 1)[-1] == "islice" else args:
                self._trace(arg, st)
            return
        if qualname in ("filter", "map") and len(args) == 2:
            validated = st.validated or self.validation.validating_callable(args[0])
            if qualname == "map" and isinstance(args[0], (cst.Name, cst.Attribute)):
                if self.types.is_id_type(dotted_name(args[0])):
                    self._end(st, Origin("typed", call), validated=True)
                    return
            self._trace(args[1], replace(st, validated=validated))
            return
        if qualname == "next" and args:
            self._trace(args[0], self._to_collection(st))
            return
        subject = self.validation.match_subject(call)
        if subject is not None:
            # `m.group(0)` where `m = APP_RE.fullmatch(line.strip())`: the text the match checked
            self._trace(subject, replace(st, validated=True))
            return
        if isinstance(func, cst.Attribute) and func.attr.value == "group" and isinstance(func.value, cst.Name):
            self._trace(func.value, st)  # the match object, followed to what it matched
            return
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            if method == "format" or method == "join":
                level = replace(st, level="item" if method == "format" else "coll", items_are_ids=False)
                for formatted in call.args:
                    self._trace(formatted.value, level)
                return
            if method in QUERY_MEMBERSHIP:
                for arg in args:
                    self._trace(arg, st)
                return
            if method == "intersection":
                self._trace(func.value, replace(st, validated=True))
                return
            if method in RECEIVER_METHODS:
                inner = st
                if method in ("get", "pop") and args and string_value(args[0]) is not None:
                    key = string_value(args[0]) or ""
                    option = self._argparse_dests.get(key)
                    if option is not None and self._holds_parsed_options(func.value):
                        self._option(option, st)
                        return
                    inner = replace(self._hop(st, key, call, "key"), level="other", items_are_ids=False, field=key)
                elif method in TEXT_METHODS:
                    inner = replace(st, level="other", items_are_ids=False)
                elif method in ("pop", "popleft") and not args:
                    inner = self._to_collection(st)  # one item taken from the collection
                elif method == "items" and st.part is not None and st.part[0] < 2:
                    # `for app_id, reason in doomed.items()`: the keys (or values) are the items followed
                    keys = replace(st, level=st.part[1], items_are_ids=st.part[2], part=None)
                    inner = self._to_collection(keys)
                self._trace(func.value, inner)
                return
        self._end(st, Origin("opaque", call))

    def _unpacked_call(self, call: cst.Call, qualname: str, st: _State) -> None:
        """`for i, site_id in enumerate(ids)`, `for region, iid in zip(regions, ids)`: one argument's items."""
        assert st.part is not None
        position, level, items_are_ids = st.part
        if qualname == "enumerate":
            if position == 0:
                self._end(st, Origin("literal", call))  # the counter
                return
            position -= 1
        parts = [a for a in call.args if a.keyword is None]
        if position >= len(parts) or any(a.star for a in parts):
            self._trace_parts(parts, replace(st, part=None))
            return
        item = replace(st, level=level, items_are_ids=items_are_ids, part=None)
        self._trace(parts[position].value, self._to_collection(item))

    def _parses_response(self, call: cst.Call, st: _State) -> bool:
        """`json.loads(resp.text)`, `json.loads(response.content.decode())`: the text is an HTTP response body."""
        args = positional_args(call)
        return bool(args) and self._is_response_body(args[0], st, depth=2)

    def _is_response_body(self, expr: cst.BaseExpression, st: _State, depth: int) -> bool:
        if self._command_output(expr):
            return True  # json.loads(subprocess.check_output(["aws", "ec2", "describe-volumes"])): a CLI listing
        while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            method = expr.func.attr.value
            if method == "read":
                return self._is_url_response(expr.func.value, st)
            if method not in BODY_TEXT_METHODS:
                return False
            expr = expr.func.value
        if isinstance(expr, cst.Attribute):
            return expr.attr.value in RESPONSE_BODY_ATTRIBUTES
        if isinstance(expr, cst.Name) and depth > 0:
            values = self._assigned_values(expr.value, st)
            return bool(values) and all(self._is_response_body(v, st, depth - 1) for v in values)
        return False

    def _command_output(self, expr: cst.BaseExpression) -> bool:
        """What a command printed: `check_output([...])`, `run([...], capture_output=True).stdout`."""
        if isinstance(expr, cst.Attribute) and expr.attr.value == "stdout":
            expr = expr.value
        if not isinstance(expr, cst.Call):
            return False
        return (self.sources.qualified(expr.func) or "") in COMMAND_OUTPUT_CALLS

    def _is_url_response(self, expr: cst.BaseExpression, st: _State) -> bool:
        """`urlopen(url)` or a name bound to it: `.read()` of it is a response body, not a file."""
        values = self._assigned_values(expr.value, st) if isinstance(expr, cst.Name) else [expr]
        return bool(values) and all(
            isinstance(v, cst.Call) and (self.sources.qualified(v.func) or "").endswith("urlopen") for v in values
        )

    def _assigned_values(self, name: str, st: _State) -> list[cst.BaseExpression]:
        """The values a local name is assigned where it is used; empty when any binding is not a plain assignment."""
        scope = self.scope(st.scope)
        bindings = self._reaching(scope, scope.bindings.get(name, []), st.point)
        if any(b.kind not in ("assign", "handle") or b.value is None for b in bindings):
            return []
        return [b.value for b in bindings if b.value is not None]

    # -- names -----------------------------------------------------------------------------------
    def _resolve_name(self, name: str, use: cst.Name, st: _State) -> None:
        scope = self.scope(st.scope)
        function = self._function(st.scope)
        if not st.validated and self.validation.checked(st.scope, st.point, name, st.field):
            st = replace(st, validated=True)
        field, st = st.field, replace(st, field="")  # what the name's bindings hold is the whole record
        if self._match_capture(name, st):
            return
        if function is not None and name in scope.declared_global:
            self._module_name(name, use, st)
            return
        # `raw = raw.strip()` in a function taking `raw`: the right-hand `raw` is the parameter
        reaching = self._reaching(scope, scope.bindings.get(name, []), st.point)
        if reaching:
            for binding in reaching:
                self._follow(binding, use, st)
            return
        if function is not None and name in function.params:
            self._parameter(function, name, st)
            return
        if function is not None and function.parent is not None:
            self._trace(use, replace(st, scope=function.parent.node, point=function.node, field=field))
            return
        if function is not None:
            self._module_name(name, use, st)
            return
        self._end(st, Origin("opaque", use))

    def _match_capture(self, name: str, st: _State) -> bool:
        """`match item: case {"id": app_id}:`: a capture in the case around the use is `item["id"]`.

        A sibling key compared with a constant (`{"kind": "insight-app", "id": app_id}`) is a kind
        check, like `item["kind"] != "insight-app"`; so is a guard that checks the capture."""
        for ancestor in self.analysis.ancestors(st.point):
            if ancestor is st.scope:
                return False
            if not isinstance(ancestor, cst.MatchCase):
                continue
            found = _capture_path(ancestor.pattern, name, self._names_an_id)
            if found is None:
                continue
            steps, kind_checked, captured = found
            guard = ancestor.guard
            checked = guard is not None and "pos" in self.validation.polarity(guard, {name}, st.scope)
            st = replace(st, validated=st.validated or kind_checked or checked)
            st = self._hop(st, name, captured, "binding")
            match = self.analysis.parents.get(ancestor)
            for step, key in reversed(steps):
                if step == "opaque" or not isinstance(match, cst.Match):
                    self._end(st, Origin("opaque", ancestor))
                    return True
                if step == "key":
                    st = replace(self._hop(st, key, ancestor, "key"), level="other", items_are_ids=False, field=key)
                else:
                    st = self._to_collection(st)
            if isinstance(match, cst.Match):
                self._trace(match.subject, st)
            return True
        return False

    def _names_an_id(self, key: str) -> bool:
        return name_matches(key, self.policy.single_names + self.policy.collection_names)

    def _module_name(self, name: str, use: cst.Name, st: _State) -> None:
        module = self.analysis.module
        scope = self.scope(module)
        bindings = scope.bindings.get(name, [])
        assigned_elsewhere = self._global_assignments.get(name, [])
        if not bindings and not assigned_elsewhere:
            self._end(st, Origin("opaque", use))
            return
        # used from a function: the module's assignments as they stand when it runs
        top = [b for b in bindings if b.kind in KILLING_KINDS and self._top_level(b.statement)]
        last = max((b.order for b in top), default=-1)
        for binding in bindings:
            if binding.order >= last:
                self._follow(binding, use, replace(st, scope=module, point=binding.statement))
        for function_node, binding in assigned_elsewhere:
            self._follow(binding, use, replace(st, scope=function_node, point=binding.statement, context=()))

    @cached_property
    def _global_assignments(self) -> dict[str, list[tuple[cst.FunctionDef, Binding]]]:
        """Module globals assigned inside functions that declare them `global`."""
        found: dict[str, list[tuple[cst.FunctionDef, Binding]]] = {}
        for info in self.analysis.functions.values():
            scope = self.scope(info.node)
            for name in scope.declared_global:
                for binding in scope.bindings.get(name, ()):
                    found.setdefault(name, []).append((info.node, binding))
        return found

    def _top_level(self, statement: cst.CSTNode) -> bool:
        line = self.analysis.parents.get(statement) if isinstance(statement, cst.BaseSmallStatement) else statement
        return line is not None and self.analysis.parents.get(line) is self.analysis.module

    def _reaching(self, scope: Scope, bindings: list[Binding], point: cst.CSTNode) -> list[Binding]:
        """The bindings of a name that can reach `point`: earlier ones not overwritten, and loop-carried ones."""
        at = self._order_of(scope, point)
        ancestors = set(self.analysis.ancestors(point))
        before = [b for b in bindings if b.order < at]
        after = [b for b in bindings if b.order > at and self._share_loop(b.statement, ancestors, scope.node)]
        killers = [b for b in before if b.kind in KILLING_KINDS and self._dominates(b.statement, ancestors)]
        if killers:
            last = max(b.order for b in killers)
            before = [b for b in before if b.order >= last]
        return before + after

    def _order_of(self, scope: Scope, point: cst.CSTNode) -> int:
        current: cst.CSTNode | None = point
        while current is not None:
            order = scope.order.get(current)
            if order is not None:
                return order
            current = self.analysis.parents.get(current)
        return len(scope.order)

    def _dominates(self, statement: cst.CSTNode, ancestors: set[cst.CSTNode]) -> bool:
        if statement in ancestors:
            return True  # a loop header binding its target for the body
        line = self.analysis.parents.get(statement) if isinstance(statement, cst.BaseSmallStatement) else statement
        block = self.analysis.parents.get(line) if line is not None else None
        return block is not None and block in ancestors

    def _share_loop(self, statement: cst.CSTNode, ancestors: set[cst.CSTNode], scope: cst.CSTNode) -> bool:
        current = self.analysis.parents.get(statement)
        while current is not None and current is not scope:
            if isinstance(current, (cst.For, cst.While)) and current in ancestors:
                return True
            current = self.analysis.parents.get(current)
        return False

    def _follow(self, binding: Binding, use: cst.Name, st: _State) -> None:
        if binding.kind == "opaque" or binding.value is None:
            self._end(st, Origin("opaque", binding.target))
            return
        typed = self.types.annotation_typed(binding.annotation)
        if binding.kind in ("add_item", "add_many", "augment"):
            # the collection grows here; it is reported where it was first bound
            first = next((b for b in self.scope(st.scope).bindings.get(binding.name, ()) if b.kind == "assign"), binding)
            after = self._hop(st, binding.name, first.target, "binding", self.types.annotation_typed(first.annotation))
            after = replace(after, point=binding.statement)
            if binding.kind == "add_item":
                after = self._to_item(after)
            self._trace(binding.value, after)
            return
        kind = "handle" if binding.kind == "handle" else "binding"
        st = self._hop(st, binding.name, binding.target, kind, typed)
        st = replace(st, point=binding.statement)
        if binding.kind == "element" and binding.unpacked:
            # one field of a tuple: the iterable holds records, not IDs; where the tuple is built,
            # only that field is followed
            part = (binding.position, st.level, st.items_are_ids) if binding.position is not None else None
            self._trace(binding.value, replace(st, level="other", items_are_ids=False, part=part))
        elif binding.kind == "element" and (
            isinstance(binding.value, (cst.List, cst.Tuple, cst.Set)) or self._reads_source(binding.value)
        ):
            self._trace(binding.value, self._literal_collection(self._to_collection(st), binding))
        elif binding.kind == "element":
            self._trace(binding.value, self._to_collection(st))
        elif binding.kind in ("handle", "assign") and isinstance(binding.value, cst.Call):
            source = self.sources.match_call(binding.value)
            if source is not None and source.glob in HANDLE_SOURCES:
                # the data is read where the open file is used, not where it is opened
                self._end(st, Origin("source", use, self.sources.describe(binding.value, source)))
            else:
                self._trace(binding.value, st)
        else:
            self._trace(binding.value, st)

    def _literal_collection(self, st: _State, binding: Binding) -> _State:
        """`for site_id in ["s-1", "s-2"]`, `for site_id in sys.argv[1:]`: the iterable is the ID collection,
        bound where it is written."""
        if not st.items_are_ids or binding.value is None:
            return st
        kind = "literal" if isinstance(binding.value, (cst.List, cst.Tuple, cst.Set)) else "iterated"
        hop = Hop(binding.name, binding.value, kind, True, False, None)
        return replace(st, hops=st.hops + (hop,))

    def _reads_source(self, expr: cst.BaseExpression) -> bool:
        """`sys.argv[1:]`, `sys.stdin.read().split()`, `os.environ["IDS"].split(",")`: outside data read in place."""
        while True:
            if isinstance(expr, cst.Subscript):
                if self.sources.match_expr(expr.value) is not None:
                    return True
                expr = expr.value
            elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and (
                expr.func.attr.value in RECEIVER_METHODS
            ):
                expr = expr.func.value
            elif isinstance(expr, cst.Call):
                source = self.sources.match_call(expr)
                return source is not None and source.glob not in HANDLE_SOURCES
            else:
                return isinstance(expr, (cst.Name, cst.Attribute)) and self.sources.match_expr(expr) is not None

    # -- self attributes ---------------------------------------------------------------------------
    def _self_attribute(self, attr: str, node: cst.Attribute, st: _State) -> None:
        function = self._function(st.scope)
        owner = function.class_name if function is not None else None
        cls = self.analysis.classes.get(owner) if owner else None
        if cls is None:
            self._end(st, Origin("opaque", node))
            return
        found = False
        methods = [m for c in self._class_and_bases(cls.name) for m in c.methods.values()]
        for method in methods:
            for binding in self.scope(method.node).self_attributes.get(attr, ()):
                found = True
                inner = replace(st, scope=method.node, point=binding.statement, context=())
                if binding.value is None:
                    continue
                if binding.kind in ("add_item", "add_many", "augment"):
                    self._trace(binding.value, self._to_item(inner) if binding.kind == "add_item" else inner)
                    continue
                typed = self.types.annotation_typed(binding.annotation)
                self._trace(binding.value, self._hop(inner, attr, binding.target, "attribute", typed))
        if not found:
            self._end(st, Origin("opaque", node))

    def _class_and_bases(self, name: str) -> list[ClassInfo]:
        """A module class and the module classes it derives from (attributes may be set in either)."""
        found: list[ClassInfo] = []
        pending = [name]
        while pending:
            current = self.analysis.classes.get(pending.pop())
            if current is not None and current not in found:
                found.append(current)
                pending.extend(current.bases)
        return found

    # -- functions ---------------------------------------------------------------------------------
    def _into_function(self, callee: FunctionInfo, site: CallSite, st: _State) -> None:
        scope = self.scope(callee.node)
        returns = callee.node.returns
        typed = self.types.annotation_typed(returns.annotation) if returns is not None else None
        context = st.context + ((site, st.scope, st.point),)
        base = replace(st, scope=callee.node, context=context)
        if typed is not None:
            base = self._hop(base, callee.name, callee.node.name, "return", typed, collection=False)
        if not (scope.returns or scope.yields or scope.yields_from):
            self._end(st, Origin("opaque", site.node))
            return
        for value in scope.returns:
            self._trace(value, replace(base, point=value))
        for value in scope.yields:
            self._trace(value, replace(self._to_item(base), point=value))
        for value in scope.yields_from:
            self._trace(value, replace(base, point=value))

    def _parameter(self, function: FunctionInfo, name: str, st: _State) -> None:
        param = parameter(function.node, name)
        if param is None:
            self._end(st, Origin("opaque"))
            return
        option = self._function_options.get((id(function), fold(name)))
        if option is not None:
            self._option(option, st)
            return
        typed = self.types.annotation_typed(param.annotation.annotation if param.annotation else None)
        st = self._hop(st, name, param, "param", typed)
        if st.context and st.context[-1][0] is not None:
            site, caller_scope, caller_point = st.context[-1]
            if resolve_local_callee(self.analysis, site) is function:
                outer = replace(st, scope=caller_scope, point=caller_point, context=st.context[:-1], comprehension=())
                outer = self._inside_comprehensions(outer, site)
                for value, element in self._arguments_for(site, function, name):
                    self._trace(value, self._to_collection(outer) if element else outer)
                return
        callers = [c for c in self.analysis.callers.get(function.qualname, []) if isinstance(c, CallSite)]
        if function.name == "__init__" and function.class_name:
            callers += self._instantiations.get(function.class_name, [])
        if not callers:
            self._end(st, Origin("opaque", param))
            return
        for site in callers:
            scope = site.function.node if site.function else self.analysis.module
            # `[destroy(vm_id) for vm_id in vm_ids]`: the argument is a name the comprehension binds
            outer = self._inside_comprehensions(replace(st, scope=scope, point=site.node, context=(), comprehension=()),
                                                site)
            for value, element in self._arguments_for(site, function, name):
                self._trace(value, self._to_collection(outer) if element else outer)

    def _arguments_for(self, site: CallSite, function: FunctionInfo, name: str) -> list[tuple[cst.BaseExpression, bool]]:
        """The argument expressions a call passes to parameter `name`; True marks one item of it."""
        call = site.node
        params = list(function.params)
        index = params.index(name)
        bound = function.class_name is not None and "staticmethod" not in function.decorators
        direct = resolve_local_callee(self.analysis, site) is function or (
            isinstance(call.func, cst.Name) and call.func.value == function.class_name
        )
        if direct:
            if any(a.star for a in call.args) and keyword_arg(call, name) is None:
                return []
            value = passed_argument(call, function, name)
            return [(value, False)] if value is not None else []
        # handed on: map(f, xs), pool.submit(f, x), Thread(target=f, args=(x,))
        position = index - (1 if bound else 0)
        target = keyword_arg(call, "target")
        if target is not None:
            args = keyword_arg(call, "args")
            if args is not None and isinstance(args.value, (cst.Tuple, cst.List)):
                elements = args.value.elements
                return [(elements[position].value, False)] if 0 <= position < len(elements) else []
            return []
        positional = positional_args(call)
        for k, arg in enumerate(positional):
            if isinstance(arg, (cst.Name, cst.Attribute)) and (dotted_name(arg) or "").split(".")[-1] == function.name:
                rest = positional[k + 1:]
                if site.name in ("map", "imap", "imap_unordered", "starmap"):
                    return [(rest[position], True)] if 0 <= position < len(rest) else []
                return [(rest[position], False)] if 0 <= position < len(rest) else []
        return []

    # -- options ---------------------------------------------------------------------------------
    def _option(self, option: CliOption, st: _State) -> None:
        node = option.node
        type_expr: cst.BaseExpression | None = None
        validated = option.typed_choices
        if isinstance(node, cst.Call):
            type_arg = keyword_arg(node, "type")
            type_expr = type_arg.value if type_arg is not None else None
            validated = validated or keyword_arg(node, "callback") is not None
        elif isinstance(node, cst.Param):
            type_expr = node.annotation.annotation if node.annotation is not None else None
            default = node.default
            validated = validated or (isinstance(default, cst.Call) and keyword_arg(default, "callback") is not None)
        if isinstance(node, cst.Param):
            typed = self.types.annotation_typed(type_expr)
        else:
            typed = True if self.types.option_type_typed(type_expr) or option.typed_choices else None
            if typed is None and option.multiple:
                typed = False
        if type_expr is not None and self._converter_checks(type_expr) is False:
            typed, validated = False, option.typed_choices  # it hands back the plain text it was given
        validated = validated or typed is True
        flag = option.flags[0] if option.flags else option.dest
        st = self._hop(st, option.dest, node, "option", typed, collection=None)
        self._end(st, Origin("source", node, f"the {flag} option"), validated=validated)

    def _converter_checks(self, type_expr: cst.BaseExpression) -> bool | None:
        """Does the module's own converter given as `type=` check the value's kind? None when it is not the
        module's own. A click ParamType whose `convert` only normalises (`.strip().lower()`), or a function
        that does, is neither validation nor a distinct ID type."""
        name = dotted_name(type_expr.func if isinstance(type_expr, cst.Call) else type_expr)
        cls = self.analysis.classes.get(name or "")
        if cls is not None:
            function = cls.methods.get("convert")
        elif isinstance(type_expr, cst.Name):  # `type=normalise`, not called: the function is the converter
            function = self.analysis.functions.get(type_expr.value)
        else:
            return None
        return self.validation.validates_parameter(function) if function is not None else None


def _capture_path(pattern: cst.MatchPattern, name: str,
                  names_an_id: Callable[[str], bool]) -> tuple[list[tuple[str, str]], bool, cst.Name] | None:
    """Where a case pattern captures `name`: steps from the subject (("key", "id"), ("item", ""), or
    ("opaque", "") for a class's positional part) and whether a sibling non-ID key is compared with
    a constant (a kind check), and the captured name; None when the pattern does not capture it."""
    if isinstance(pattern, cst.MatchAs):
        if pattern.name is not None and pattern.name.value == name:
            return [], False, pattern.name
        return _capture_path(pattern.pattern, name, names_an_id) if pattern.pattern is not None else None
    if isinstance(pattern, cst.MatchOr):
        for element in pattern.patterns:
            found = _capture_path(element.pattern, name, names_an_id)
            if found is not None:
                return found
        return None
    parts: list[tuple[tuple[str, str], cst.MatchPattern]] = []
    if isinstance(pattern, cst.MatchMapping):
        parts = [(("key", string_value(e.key) or ""), e.pattern) for e in pattern.elements]
        parts = [(("opaque", "") if not step[1] else step, p) for step, p in parts]
    elif isinstance(pattern, (cst.MatchList, cst.MatchTuple)):
        parts = [(("item", ""), e.value) for e in pattern.patterns if isinstance(e, cst.MatchSequenceElement)]
    elif isinstance(pattern, cst.MatchClass):
        parts = [(("opaque", ""), e.value) for e in pattern.patterns]
        parts += [(("key", e.key.value), e.pattern) for e in pattern.kwds]
    for step, part in parts:
        found = _capture_path(part, name, names_an_id)
        if found is not None:
            kind = found[1] or any(
                isinstance(other, cst.MatchValue) and key[0] == "key" and not names_an_id(key[1])
                for key, other in parts if other is not part
            )
            return [step] + found[0], kind, found[2]
    return None


def _target_names(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _target_names(e.value)]
    return []


def _segment_noun(text: str) -> str:
    """`tenants` for `https://api/v1/tenants/`: the path segment just before a value in a URL."""
    if not text.endswith("/"):
        return ""
    return text.rstrip("/").rsplit("/", 1)[-1].lower()


def _ends_path(text: str) -> bool:
    """Text after a value that adds no path segment: nothing, a slash, a query string or fragment."""
    return text in ("", "/") or text.startswith(("?", "#", "/?"))


def _trailing_text(expr: cst.BaseExpression) -> str:
    """The literal text an expression ends with: `"/tenants/"`, `API + "/tenants/"`, `f"{API}/tenants/"`."""
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _trailing_text(expr.right)
    if isinstance(expr, cst.FormattedString) and expr.parts and isinstance(expr.parts[-1], cst.FormattedStringText):
        return expr.parts[-1].value
    return string_value(expr) or ""


def _iterates_a_query(value: cst.BaseExpression | None) -> bool:
    """A loop over a call or a name (`for i in ec2.instances.filter(...)`, `for i in instances`):
    each item is an object the query returned. Not a literal list or a comprehension."""
    return isinstance(value, (cst.Call, cst.Name, cst.Attribute))


def _receiver_calls_and_root(expr: cst.BaseExpression) -> tuple[list[cst.Call], cst.BaseExpression]:
    """Calls in a receiver chain and what it starts from: `gl.projects.get(project_id).delete` ->
    ([the get(...) call], `gl`); a call itself (`ec2.Instance(i)`) counts as the first of the chain."""
    found = []
    while True:
        if isinstance(expr, cst.Attribute):
            expr = expr.value
        elif isinstance(expr, cst.Subscript):
            expr = expr.value
        elif isinstance(expr, cst.Call):
            found.append(expr)
            expr = expr.func
        else:
            return found, expr

