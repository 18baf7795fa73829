"""Bound analysis for OPS103: loops and bulk calls that can touch any number of items.

A loop (for, comprehension, map/executor.map) whose body reaches a destructive
call, directly or through the module's functions, is *uncapped* unless its
iterable has a static length, is sliced or `islice`d, comes from a listing
call with a count limit, or the code checks a length or a counter against a
cap (policy `guards.cap_names`) and exits before too much is gone, or the
iterable consults a --max/--limit/--batch-size CLI option. A batch size fixed
in the code bounds each request, not the run, so it is no cap by itself. Only the
outermost uncapped loop is reported; a function whose every call sits in an
uncapped loop contributes nothing of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cached_property
from typing import Iterator

import libcst as cst

from linter.analysis.walk import walk
from linter.analysis.callgraph import chained_onto, passed_argument, resolve_local_callee, site_in
from linter.analysis.model import CallSite, DestructiveCall, FunctionInfo, ModuleAnalysis
from linter.analysis.names import dotted_name, fold, keyword_arg, literal_value, parameter, positional_args, string_prefix, string_value
from linter.known_calls import SQL_METHODS

# Wrappers that keep an iterable's size: for x in sorted(ids), enumerate(ids), tqdm(ids)
SIZE_PRESERVING = frozenset({"enumerate", "list", "sorted", "set", "tuple", "reversed", "tqdm", "iter", "frozenset", "zip"})
# a view of the receiver, or one field of a capped response: listing.get("Contents", [])
VIEW_METHODS = frozenset({"items", "keys", "values", "copy", "get"})
MAP_CALLS = frozenset({"map", "imap", "imap_unordered", "starmap", "starmap_async", "map_async"})
EXIT_CALLS = frozenset({"sys.exit", "exit", "quit", "os._exit"})
SQL_LIMIT = re.compile(r"\b(LIMIT|TOP|FETCH\s+FIRST)\b", re.IGNORECASE)
SQL_WHERE = re.compile(r"\bWHERE\b", re.IGNORECASE)
# `IN (%s)`, `= ANY(%s)`, `IN :ids`: a list handed in; `IN (SELECT ...)` is a filter, not a list
SQL_IN = re.compile(r"\bIN\s*[({%](?!\s*SELECT\b)|\bANY\s*\((?!\s*SELECT\b)|\bIN\s+%|\bIN\s+:|\bIN\s+\?", re.IGNORECASE)
# Words that make a max/limit name a threshold on something other than the number of items
NOT_A_COUNT_WORDS = frozenset({
    "age", "days", "day", "hours", "hour", "minutes", "mins", "seconds", "secs", "time", "timeout", "wait",
    "delay", "retries", "retry", "attempts", "tries", "workers", "threads", "concurrency", "bytes", "kb",
    "mb", "gb", "depth", "length", "len", "width", "interval", "backoff", "rate", "qps",
    # an error budget stops a run that goes wrong, not one that deletes too much
    "errors", "error", "failures", "failed", "fails", "failure", "elapsed",
})
# Sizes of one request or batch: they bound each call, not the run
PER_REQUEST_WORDS = frozenset({"batch", "chunk", "page", "per", "pagesize"})


# how far a collection is followed through names, helpers' returns and wrappers: a listing two
# helpers away, kept in variables and rebuilt as S3's {"Objects": [...]}, is about eight steps
MAX_FOLLOW_DEPTH = 10
# tenacity's retry iterators: `for attempt in Retrying(...): with attempt: delete(x)` acts on one thing
RETRY_ITERATORS = frozenset({"Retrying", "AsyncRetrying"})


@dataclass(frozen=True)
class UnboundedFinding:
    node: cst.CSTNode  # the loop header or the bulk call
    call: DestructiveCall  # the destructive call it reaches (first one)
    kind: str  # "loop" | "bulk" | "no-where"


class BoundsAnalysis:
    def __init__(self, analysis: ModuleAnalysis) -> None:
        self.analysis = analysis
        self.caps = tuple(fold(n) for n in analysis.settings.guards.cap_names)
        self.id_globs = tuple(fold(n) for n in analysis.settings.ids.collection_names)
        self._uncapped_memo: dict[cst.CSTNode, bool] = {}
        self._in_loop_memo: dict[str, bool] = {}
        self._growth_memo: dict[cst.CSTNode, frozenset[str]] = {}
        self._while_memo: dict[cst.While, bool] = {}
        self._count_names_memo: dict[cst.CSTNode, set[str]] = {}

    # -- which functions reach a destructive call -----------------------------------------
    @cached_property
    def reaching(self) -> dict[str, DestructiveCall]:
        """Function qualname -> a destructive call it makes, directly or through module functions."""
        found: dict[str, DestructiveCall] = {}
        for call in self.analysis.destructive:
            if call.site.function is not None:
                found.setdefault(call.site.function.qualname, call)
        pending = list(found)
        while pending:
            qualname = pending.pop()
            for site in self.analysis.callers.get(qualname, []):
                if isinstance(site, CallSite) and site.function is not None:
                    caller = site.function.qualname
                    if caller not in found:
                        found[caller] = found[qualname]
                        pending.append(caller)
        return found

    # -- findings -----------------------------------------------------------------------------
    def findings(self) -> list[UnboundedFinding]:
        reported = self._loop_findings()
        for call in self.analysis.destructive:
            loops = list(self._loops_around(call.node))
            if any(not self._loop_capped(loop) for loop in loops):
                continue  # the uncapped loop is the finding
            if call.site.function is not None and self._function_in_any_loop(call.site.function):
                continue
            kind = self._bulk_problem(call)
            if kind is not None and not (loops and self._batch_of_loop(call, kind, loops)):
                reported.setdefault(call.node, UnboundedFinding(call.node, call, kind))
        return list(reported.values())

    def _batch_of_loop(self, call: DestructiveCall, kind: str, loops: list[cst.CSTNode]) -> bool:
        """In a capped loop, a bulk call over the loop's own item (`for batch in chunks(ids[:500], 100):
        delete_objects(batch)`) is capped by it; `DELETE FROM {table}` with no WHERE, or a list the
        loop does not pick, is not (`for table in ("a", "b"): DELETE every row`)."""
        if kind == "no-where":
            return False
        targets = {name for loop in loops for name in _identifiers(_loop_target(loop))}
        scope = call.site.function
        if kind == "bulk" and (call.entry.match.sql is not None or call.site.name in SQL_METHODS):
            picked = [p for p in _sql_params(call.node) if not self._iterable_bounded(p, scope)]
        else:
            picked = [c for c in self._collections(call) or [] if not self._iterable_bounded(c, scope)]
        return bool(picked) and all(targets & set(_identifiers(c)) for c in picked)

    def _loop_findings(self) -> dict[cst.CSTNode, UnboundedFinding]:
        """One finding per outermost uncapped loop around a destructive call or a call into a function
        that reaches one; a loop around a call into a function whose own loop is reported adds none."""
        reported: dict[cst.CSTNode, UnboundedFinding] = {}
        via: dict[cst.CSTNode, str] = {}  # loop -> the module function its body calls to reach the delete
        for node, call, is_map, callee in self._reachers():
            loops = ([node] if is_map else []) + list(self._loops_around(node))
            uncapped = [
                loop
                for position, loop in enumerate(loops)
                if not self._loop_capped(loop)
                and not self._approved_per_item(node, loop)
                and not self._capped_by_inner_counter(loop, loops[:position])
            ]
            function = self.analysis.function_of(node)
            if not uncapped or (function is not None and self._function_in_uncapped_loop(function)):
                continue
            outer = uncapped[-1]
            if outer not in reported:
                reported[outer] = UnboundedFinding(outer, call, "loop")
                if callee is not None:
                    via[outer] = callee
        looped = {loop: self.analysis.function_of(loop) for loop in reported}
        for loop, callee in via.items():
            inner = self._functions_reached_from(callee)
            # `for region in regions: clean(region)`: clean's own uncapped loop is the finding
            if any(f is not None and f.qualname in inner for other, f in looped.items() if other is not loop):
                del reported[loop]
        return reported

    def _reachers(self) -> Iterator[tuple[cst.CSTNode, DestructiveCall, bool, str | None]]:
        """Every node that reaches a destructive call, with whether it maps a function over a
        collection and the module function it calls into (None for the destructive call itself)."""
        for call in self.analysis.destructive:
            # map(os.remove, paths): the call handed the function is the loop
            yield call.node, call, call.site.passed and _method_name(call.node) in MAP_CALLS, None
        seen: set[int] = set()
        for qualname, call in self.reaching.items():
            for site in self.analysis.callers.get(qualname, []):
                if isinstance(site, CallSite) and id(site.node) not in seen:
                    seen.add(id(site.node))
                    yield site.node, call, self._is_map_call(site), qualname

    @cached_property
    def _reaching_callees(self) -> dict[str, set[str]]:
        """Function qualname -> the functions reaching a delete that it calls."""
        callees: dict[str, set[str]] = {}
        for callee in self.reaching:
            for site in self.analysis.callers.get(callee, []):
                if isinstance(site, CallSite) and site.function is not None:
                    callees.setdefault(site.function.qualname, set()).add(callee)
        return callees

    def _functions_reached_from(self, qualname: str) -> set[str]:
        """`qualname` and the module functions it calls, directly or not, on the way to a delete."""
        found = {qualname}
        pending = [qualname]
        while pending:
            for callee in self._reaching_callees.get(pending.pop(), ()):
                if callee not in found:
                    found.add(callee)
                    pending.append(callee)
        return found

    # -- loops ----------------------------------------------------------------------------------
    def _loops_around(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        """Loops (innermost first) within the node's own function whose body holds the node."""
        child = node
        for parent in self.analysis.ancestors(node):
            if isinstance(parent, cst.Lambda):
                mapper = self._mapped_by(parent)
                if mapper is None:
                    return
                yield mapper  # map(lambda k: s3.delete_object(Key=k), keys): once per key
                child = parent
                continue
            if isinstance(parent, cst.FunctionDef):
                return
            if isinstance(parent, cst.For) and child is parent.body:
                yield parent
            elif isinstance(parent, cst.While) and child is parent.body and self._while_walks_collection(parent):
                yield parent
            elif isinstance(parent, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
                if child is not parent.for_in:
                    yield parent
            child = parent
        return

    def _refetched_in_while(self, node: cst.CSTNode, collections: list[cst.BaseExpression]) -> bool:
        """`while True: pos, keys = r.scan(pos, pattern); r.delete(*keys)`: each batch is what a
        filter returns now, so the while deletes a filter's matches in batches (filter-based)."""
        for parent in self.analysis.ancestors(node):
            if isinstance(parent, (cst.FunctionDef, cst.Lambda)):
                return False
            if isinstance(parent, cst.While):
                facts = _WhileFacts()
                walk(parent.body, facts)
                parts = [e.value for c in collections for e in _dict_elements(c)] or collections
                return all(_value_key(part) in facts.assigned or facts.built_from_fetched(part) for part in parts)
        return False

    def _mapped_by(self, function: cst.Lambda) -> cst.Call | None:
        """The map call (`map`, `pool.map`, `executor.map`) a lambda is handed to as the function."""
        arg = self.analysis.parents.get(function)
        call = self.analysis.parents.get(arg) if isinstance(arg, cst.Arg) else None
        if not isinstance(call, cst.Call) or _method_name(call) not in MAP_CALLS:
            return None
        args = positional_args(call)
        return call if len(args) >= 2 and args[0] is function else None

    def _function_in_uncapped_loop(self, function: FunctionInfo) -> bool:
        return self._function_in_loop(function, capped_ok=False)

    def _function_in_any_loop(self, function: FunctionInfo) -> bool:
        return self._function_in_loop(function, capped_ok=True)

    def _function_in_loop(self, function: FunctionInfo, capped_ok: bool) -> bool:
        """Every call of the function (in the module) runs inside a loop (uncapped unless capped_ok)."""
        key = f"{capped_ok}:{function.qualname}"
        cached = self._in_loop_memo.get(key)
        if cached is not None:
            return cached
        self._in_loop_memo[key] = False  # recursion: assume not
        sites = [s for s in self.analysis.callers.get(function.qualname, []) if isinstance(s, CallSite)]
        sites = [s for s in sites if s.function is not function]
        result = bool(sites)
        for site in sites:
            if self._is_map_call(site):
                in_loop = capped_ok or not self._iterable_bounded(self._map_iterable(site), site.function)
            else:
                in_loop = False
            if not in_loop:
                loops = list(self._loops_around(site.node))
                in_loop = any(capped_ok or not self._loop_capped(loop) for loop in loops)
            if not in_loop and site.function is not None:
                in_loop = self._function_in_loop(site.function, capped_ok)
            if not in_loop:
                result = False
                break
        self._in_loop_memo[key] = result
        return result

    def _is_map_call(self, site: CallSite) -> bool:
        return site.name in MAP_CALLS and len(positional_args(site.node)) >= 2

    def _map_iterable(self, site: CallSite) -> cst.BaseExpression:
        return positional_args(site.node)[1]

    def _approved_per_item(self, node: cst.CSTNode, loop: cst.CSTNode) -> bool:
        """`for r in repos: if input(f"delete {r}?") == "y": r.delete()`: a person vets each item."""
        return isinstance(loop, cst.For) and self.analysis.guards.is_prompted_within(node, loop)

    def _loop_capped(self, loop: cst.CSTNode) -> bool:
        cached = self._uncapped_memo.get(loop)
        if cached is None:
            scope = self.analysis.function_of(loop)
            if isinstance(loop, cst.Call):  # map(delete_one, ids)
                iterable = positional_args(loop)[1]
                cached = self._iterable_bounded(iterable, scope) or self._checked_before(loop, scope, [iterable])
            elif isinstance(loop, cst.While):
                cached = self._while_capped(loop) or self._checked_before(loop, scope)
            elif isinstance(loop, cst.For):
                cached = (
                    self._iterable_bounded(loop.iter, scope)
                    or self._consults_cap_option(loop.iter, scope)
                    or self._body_breaks_on_count(loop.body)
                    or self._checked_before(loop, scope, [loop.iter])
                    or self._checked_in_init(loop.iter, scope)
                )
            else:
                comp = loop.for_in  # type: ignore[attr-defined]
                cached = self._iterable_bounded(comp.iter, scope) or self._checked_before(loop, scope, [comp.iter])
            self._uncapped_memo[loop] = cached
        return cached

    # -- while loops ------------------------------------------------------------------------------
    def _while_walks_collection(self, loop: cst.While) -> bool:
        """`while queue: queue.pop()`, a paging loop, or `while True: items = list(); if not items: break`.

        Other while loops (retries, polling) act on one thing several times: not a collection.
        """
        cached = self._while_memo.get(loop)
        if cached is None:
            facts = _WhileFacts()
            walk(loop.body, facts)
            drained = bool(facts.popped & set(_identifiers(loop.test)))
            emptied = bool(facts.empty_breaks & facts.assigned)
            # a paging loop counts only around a for over each page: `while True: take a batch by
            # filter; delete it; stop when empty` is a filter-based delete done in batches
            cached = self._while_memo[loop] = drained or (facts.has_for and (facts.pages or emptied))
        return cached

    def _while_capped(self, loop: cst.While) -> bool:
        """`while queue and deleted < MAX`, or `if deleted >= args.max: break` on a counter the body counts."""
        if self._is_size_test(loop.test) and not _emptiness_only(loop.test):
            return True
        facts = _WhileFacts()
        walk(loop.body, facts)
        for test in facts.break_tests:
            if not isinstance(test, cst.Comparison) or _emptiness_only(test):
                continue
            operands = [test.left, *(c.comparator for c in test.comparisons)]
            if any(self._is_cap_operand(o) or _value_key(o) in facts.counted for o in operands):
                return True
        return False

    # -- iterables ------------------------------------------------------------------------------
    def _iterable_bounded(self, expr: cst.BaseExpression, scope: FunctionInfo | None, depth: int = 0) -> bool:
        """Statically sized, sliced, islice'd, or sized by a cap option."""
        if depth > MAX_FOLLOW_DEPTH:
            return False
        if isinstance(expr, (cst.List, cst.Dict, cst.Set)) and not expr.elements:
            return False  # an accumulator filled later: `by_repo = {}` ... setdefault(...).append(...)
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            return all(
                not isinstance(e, cst.StarredElement) or self._iterable_bounded(e.value, scope, depth + 1)
                for e in expr.elements
            )
        if isinstance(expr, cst.Dict):
            # {"Objects": [...]}: as bounded as the collections it carries
            return all(
                self._iterable_bounded(e.value, scope, depth + 1)
                for e in expr.elements
                if isinstance(e, cst.DictElement) and _collection_shaped(e.value)
            )
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Integer, cst.Float)):
            return True
        if isinstance(expr, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
            return self._iterable_bounded(expr.for_in.iter, scope, depth + 1)
        if isinstance(expr, cst.Subscript):
            if all(isinstance(e.slice, cst.Index) for e in expr.slice):
                return self._iterable_bounded(expr.value, scope, depth + 1)  # resp["Items"] of a capped call
            # ids[:MAX] and keys[-50:] ("the newest 50") cap; ids[:-keep] ("all but the newest") does not
            return any(isinstance(s.slice, cst.Slice) and _slice_caps(s.slice) for s in expr.slice)
        if isinstance(expr, cst.Call):
            return self._call_bounded(expr, scope, depth)
        if isinstance(expr, cst.IfExp):  # [args.table] if args.table else list(TABLES)
            return self._iterable_bounded(expr.body, scope, depth + 1) and self._iterable_bounded(expr.orelse, scope, depth + 1)
        if isinstance(expr, cst.Name) and expr.value in self.analysis.classes:
            return True  # for app in LoadTestApp: the members of an Enum the module defines
        if self._fixed_arity_option(expr, scope):
            return True
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, (cst.Call, cst.Name)):
            # list_pods(limit=20).items, or deps.items where deps = list_...(limit=args.limit)
            return self._iterable_bounded(expr.value, scope, depth + 1)
        if isinstance(expr, cst.Name):
            # `pages = [p for p in pages if ...]` filters: it never grows what it came from
            assigned = self._assigned(expr.value, scope)
            values = [v for v in assigned if expr.value not in _identifiers(v)]
            if any(v not in values and self._caps_itself(v, scope, depth) for v in assigned):
                return True  # ids = ids[:MAX]
            if not values and scope is not None and expr.value in scope.params:
                return self._parameter_bounded(expr.value, scope, depth)
            if values and self._grown(expr.value, scope):
                return False  # keys = [...]; keys.append(k) / keys += more: its length is not the literal's
            return bool(values) and all(self._iterable_bounded(v, scope, depth + 1) for v in values)
        return False

    def _caps_itself(self, value: cst.BaseExpression, scope: FunctionInfo | None, depth: int) -> bool:
        """`ids = ids[:MAX]` / `ids = list(islice(ids, MAX))`: a reassignment that caps."""
        if isinstance(value, (cst.Name, cst.ListComp, cst.GeneratorExp, cst.SetComp)):
            return False
        return self._iterable_bounded(value, scope, depth + 1) if not isinstance(value, cst.Name) else False

    def _parameter_bounded(self, name: str, scope: FunctionInfo, depth: int) -> bool:
        """A parameter is bounded when every call in the module passes a bounded value."""
        sites = [s for s in self.analysis.callers.get(scope.qualname, []) if isinstance(s, CallSite)]
        if not sites or any(resolve_local_callee(self.analysis, s) is not scope for s in sites):
            return False
        default = parameter(scope.node, name)
        for site in sites:
            value = passed_argument(site.node, scope, name)
            if value is None and default is not None and default.default is not None:
                # not passed: the default, `def clean(states=["success", "failed"])`
                if not self._iterable_bounded(default.default, scope.parent, depth + 1):
                    return False
                continue
            if value is None:
                return False
            if not (self._iterable_bounded(value, site.function, depth + 1) or self._checked_before(site.node, site.function)):
                return False
        return True

    def _call_bounded(self, call: cst.Call, scope: FunctionInfo | None, depth: int) -> bool:
        name = dotted_name(call.func) or ""
        last = call.func.attr.value if isinstance(call.func, cst.Attribute) else name.split(".")[-1]
        if last in ("islice", "fetchmany"):
            return True
        if last == "limit" and isinstance(call.func, cst.Attribute) and positional_args(call):
            return True  # query.limit(100), collection.filter(...).limit(50): at most that many
        if last in RETRY_ITERATORS:
            return True  # for attempt in Retrying(...): the same action tried again, not a list
        if last == "fetchall" and isinstance(call.func, cst.Attribute):
            return self._query_limited(call.func.value, scope)
        if any(_limited_statement(a.value) for link in (call, *_call_chain(call)) for a in link.args[:1]):
            return True  # session.scalars(select(Job).limit(100)).all(): what the statement fetches
        if last == "range":
            # range(n) / range(args.max) caps; range(0, len(ids), batch_size) walks all of ids, and
            # so does range(batches) after `batches = len(ids) // size + 1`
            return not any(self._measures_a_length(a.value, scope) for a in call.args)
        # requests.get(url, params={"limit": 25}).json(): the cap sits on the listing the chain starts with
        if any(self._call_takes_cap(link, _method_name(link)) for link in (call, *_call_chain(call))):
            return True
        target = self._local_callee(call, scope)
        if target is not None:
            # for v in unattached_volumes(): bounded when every value the helper returns is
            values = [r.value for r in _returned(target.node.body)]
            return bool(values) and all(v is not None and self._iterable_bounded(v, target, depth + 1) for v in values)
        args = positional_args(call)
        if last in SIZE_PRESERVING and args:
            return all(self._iterable_bounded(a, scope, depth + 1) for a in args)
        if isinstance(call.func, cst.Attribute) and call.func.attr.value in VIEW_METHODS:
            return self._iterable_bounded(call.func.value, scope, depth + 1)
        return False

    def _measures_a_length(self, expr: cst.BaseExpression, scope: FunctionInfo | None) -> bool:
        if _calls_named(expr, "len"):
            return True
        if isinstance(expr, cst.Name):
            # `n = min(len(marked), args.max)` is capped; `batches = len(ids) // size + 1` is not
            return any(
                _calls_named(value, "len") and not self._mentions_cap(value) for value in self._assigned(expr.value, scope)
            )
        return False

    def _local_callee(self, call: cst.Call, scope: FunctionInfo | None) -> FunctionInfo | None:
        return resolve_local_callee(self.analysis, site_in(call, scope))

    def _query_limited(self, cursor: cst.BaseExpression, scope: FunctionInfo | None) -> bool:
        """`cur.execute("SELECT ... LIMIT 500")` before `cur.fetchall()`, or chained onto it."""
        if isinstance(cursor, cst.Call) and _method_name(cursor) in SQL_METHODS:
            args = positional_args(cursor)
            text = _sql_literal(self._follow(args[0], scope)) if args else None
            return bool(text and SQL_LIMIT.search(text))
        receiver = dotted_name(cursor)
        for site in self.analysis.calls:
            if site.function is not scope or site.name not in SQL_METHODS or site.receiver is None:
                continue
            if dotted_name(site.receiver) != receiver:
                continue
            args = positional_args(site.node)
            text = _sql_literal(self._follow(args[0], scope)) if args else None
            if text and SQL_LIMIT.search(text):
                return True
        return False

    def _call_takes_cap(self, call: cst.Call, last: str) -> bool:
        """`list_sites(limit=50)`, `fetch_stale(args.max)`, `paginate(PaginationConfig={"MaxItems": 50})`.

        A batch or page size bounds each request, not the run, so it is no cap; neither is a
        per-page `MaxResults=` handed to a paginator, which keeps fetching pages.
        """
        for arg in call.args:
            value = arg.value
            if last != "paginate":
                if arg.keyword is not None:
                    if self._is_count_cap(arg.keyword.value) and literal_value(value) not in (False, None, 0, -1):
                        return True
                else:
                    key = _value_key(value)
                    if key is not None and self._is_count_cap(key):
                        return True
            for element in _dict_elements(value):
                key = string_value(element.key)
                if key and self._is_count_cap(key) and literal_value(element.value) not in (False, None, 0, -1):
                    return True
        return False

    def _is_count_cap(self, name: str) -> bool:
        """A cap name that bounds how many items in total (not per batch or page)."""
        return self._is_cap_name(name) and not _words(name) & PER_REQUEST_WORDS

    def _fixed_arity_option(self, expr: cst.BaseExpression, scope: FunctionInfo | None) -> bool:
        """`args.path` / a click parameter declared with an integer `nargs=` holds that many values."""
        key = _value_key(expr) if not isinstance(expr, cst.Name) else (
            expr.value if scope is not None and expr.value in scope.params else None
        )
        if key is None:
            return False
        for option in self.analysis.cli_options:
            if option.dest != key or option.source not in ("argparse", "click", "typer"):
                continue
            if isinstance(expr, cst.Name) and option.function is not scope:
                continue
            nargs = _nargs(option.node)
            if isinstance(nargs, int) and not isinstance(nargs, bool) and nargs >= 0:
                return True
        return False

    def _grown(self, name: str, scope: FunctionInfo | None) -> bool:
        """`name.append(...)`, `.extend`, `.insert`, `.add`, `.update` or `name += ...` in the scope."""
        body: cst.CSTNode = scope.node.body if scope is not None else self.analysis.module
        grown = self._growth_memo.get(body)
        if grown is None:
            collector = _Growing()
            walk(body, collector)
            grown = self._growth_memo[body] = frozenset(collector.names)
        return name in grown

    def _consults_cap_option(self, expr: cst.CSTNode, scope: FunctionInfo | None) -> bool:
        """The operator sized the run: `chunks(keys, args.batch_size)`, `fetch(limit=opts["max"])`.

        Only a CLI option counts (the spec's "a --max/--limit/--batch-size option
        consulted"): `args.x`/`opts["x"]`, or the parameter of the click/typer
        command declaring it. A constant batch size sizes requests, not the run.
        """
        options = [
            o
            for o in self.analysis.cli_options
            if o.source in ("argparse", "click", "typer") and self._is_cap_name(o.dest)
        ]
        if not options:
            return False
        attribute_keys = {fold(o.dest) for o in options}
        param_keys = {fold(o.dest) for o in options if o.function is not None and o.function is scope}
        finder = _OptionReads()
        walk(expr, finder)
        return bool({fold(k) for k in finder.keyed} & attribute_keys or {fold(n) for n in finder.names} & param_keys)

    def _mentions_cap(self, expr: cst.CSTNode) -> bool:
        return any(self._is_cap_name(n) for n in _identifiers(expr))

    def _is_cap_name(self, name: str) -> bool:
        folded = fold(name)
        if folded in self.caps:
            return True
        if _words(name) & NOT_A_COUNT_WORDS:
            return False  # MAX_AGE_DAYS, max_retries, limit_mb: a threshold on something else
        return any(
            fnmatchcase(folded, cap) or folded.startswith(cap) or folded.endswith(cap) for cap in self.caps
        )

    # -- counters and length checks ------------------------------------------------------------
    def _body_breaks_on_count(self, body: cst.BaseSuite) -> bool:
        """`if deleted >= args.max: break` somewhere in the loop body (not in an inner loop)."""
        return bool(self._count_check_names(body))

    def _count_check_names(self, body: cst.BaseSuite) -> set[str]:
        """The names in the body's counter checks (empty: none); asked once per loop, then again
        for each loop around it, so kept."""
        names = self._count_names_memo.get(body)
        if names is None:
            collector = _CountChecks(self)
            walk(body, collector)
            names = self._count_names_memo[body] = collector.names if collector.found else set()
        return names

    def _capped_by_inner_counter(self, loop: cst.CSTNode, inner: list[cst.CSTNode]) -> bool:
        """`for page in pages: for role in page: if deleted >= MAX: return/break`: a counter kept
        across pages caps the outer loop too, unless the outer body resets it (a per-page cap)."""
        if not isinstance(loop, (cst.For, cst.While)):
            return False
        reset = _assigned_in(loop.body)
        for candidate in inner:
            if isinstance(candidate, (cst.For, cst.While)):
                names = self._count_check_names(candidate.body)
                if names and not names & reset:
                    return True
        return False

    def _checked_before(
        self, node: cst.CSTNode, scope: FunctionInfo | None, collections: list[cst.BaseExpression] | None = None
    ) -> bool:
        """`if len(ids) > LIMIT: sys.exit(...)` (or an assert) earlier in the same function, or
        an `if len(ids) <= LIMIT:` around the node (or the `else:` of `if len(ids) > LIMIT:`).

        With `collections` (what the loop or call acts on), a `len()` must measure one of them
        (or what they were assigned from): `if len(sys.argv) != 2: usage()` caps no other list."""
        about = self._collection_keys(collections, scope) if collections is not None else None
        child = node
        for parent in self.analysis.ancestors(node):
            if isinstance(parent, (cst.FunctionDef, cst.Lambda)):
                return False
            if isinstance(parent, cst.If) and self._size_branch(parent, child, about):
                return True
            body = getattr(parent, "body", None)
            if isinstance(parent, (cst.IndentedBlock, cst.Module)) and isinstance(body, (list, tuple)):
                for statement in body:
                    if statement is child:
                        break
                    if self._is_size_check(statement, about):
                        return True
            child = parent
        return False

    def _checked_in_init(self, iterable: cst.BaseExpression, scope: FunctionInfo | None) -> bool:
        """`for b in self.bucket_ids:` in a method, where `__init__` refuses a longer list
        (`if len(self.bucket_ids) > 20: raise SystemExit(...)`)."""
        key = dotted_name(iterable)
        if key is None or not key.startswith("self.") or scope is None or scope.class_name is None:
            return False
        cls = self.analysis.classes.get(scope.class_name)
        init = cls.methods.get("__init__") if cls is not None else None
        if init is None or not isinstance(init.node.body, cst.IndentedBlock):
            return False
        return any(self._is_size_check(statement, {key}) for statement in init.node.body.body)

    def _size_branch(self, branch: cst.If, child: cst.CSTNode, about: set[str] | None = None) -> bool:
        """Is `child` the branch of `branch` that runs only when the size is within a limit?"""
        if child is branch.body:
            tests = _conjuncts(branch.test)
            return any(
                isinstance(t, cst.Comparison) and _floor_only(t) and not _compares_lengths(t) and self._is_size_test(t, about)
                for t in tests
            )
        if child is branch.orelse and isinstance(child, cst.Else):
            return self._is_size_test(branch.test, about) and not _floor_only(branch.test)
        return False

    def _is_size_check(self, statement: cst.CSTNode, about: set[str] | None = None) -> bool:
        if isinstance(statement, cst.If):
            # `if len(sys.argv) < 2: sys.exit(usage)` sets a floor, not a cap
            return (
                self._is_size_test(statement.test, about) and _block_stops(statement.body) and not _floor_only(statement.test)
            )
        if isinstance(statement, cst.SimpleStatementLine):
            return any(isinstance(s, cst.Assert) and self._is_size_test(s.test, about) for s in statement.body)
        return False

    def _is_size_test(self, test: cst.BaseExpression, about: set[str] | None = None) -> bool:
        """`len(ids) > LIMIT`, `count >= args.max`: a comparison whose operand is a length (of one
        of the collections `about` names, when given) or a cap.

        A `len()` buried in a prompt's text (`input(f"delete {len(ids)}?") != "yes"`) is not one.
        """
        if isinstance(test, cst.BooleanOperation):
            return self._is_size_test(test.left, about) or self._is_size_test(test.right, about)
        if isinstance(test, cst.UnaryOperation):
            return self._is_size_test(test.expression, about)
        if not isinstance(test, cst.Comparison):
            return False
        operands = [test.left, *(c.comparator for c in test.comparisons)]
        lengths = [o for o in operands if _is_len_call(o)]
        if lengths:
            # `len(app_ids) > MAX_APPS` caps app_ids, not site_ids: the length must be of the list
            return any(_measures(o, about) for o in lengths)
        return any(self._is_cap_operand(o) for o in operands)  # `deleted >= args.max`

    def _collection_keys(self, collections: list[cst.BaseExpression], scope: FunctionInfo | None) -> set[str]:
        """Dotted names in the collections and in what their names were assigned: what a len() of
        the same data would measure (`ids` for `for i in ids[:-5]`, `args.ids` after `ids = args.ids`)."""
        keys: set[str] = set()
        for expr in collections:
            found = _dotted_names(expr) | self._picking_names(expr)
            keys |= found
            for name in [k for k in found if "." not in k]:
                for value in self._assigned(name, scope):
                    keys |= _dotted_names(value) | self._picking_names(value)
        return keys

    def _picking_names(self, expr: cst.BaseExpression) -> set[str]:
        """The ID lists a query is built from: `ec2.instances.filter(InstanceIds=args.ids)` -> {"args.ids"}."""
        if not isinstance(expr, cst.Call):
            return set()
        names: set[str] = set()
        for link in (expr, *_call_chain(expr)):
            for arg in link.args:
                keyword = arg.keyword.value if arg.keyword is not None else ""
                if keyword.endswith("__in") or (keyword and self._is_id_collection_name(keyword)):
                    names |= _dotted_names(arg.value)
        return names

    def _is_cap_operand(self, expr: cst.BaseExpression) -> bool:
        key = _value_key(expr)
        return key is not None and self._is_cap_name(key)

    # -- bulk calls ---------------------------------------------------------------------------------
    def _bulk_problem(self, call: DestructiveCall) -> str | None:
        scope = call.site.function
        if call.entry.match.sql is not None or call.site.name in SQL_METHODS:
            return self._sql_problem(call, scope)
        if any(_is_exclusion(link) for link in _call_chain(call.node)):
            # `User.objects.exclude(pk__in=keep).delete()`: the list names what survives, so its
            # size caps nothing; only a check of what the query matches would
            return None if self._checked_before(call.node, scope) else "all-but"
        collections = self._collections(call)
        if collections is None or self._refetched_in_while(call.node, collections):
            return None
        if self._checked_before(call.node, scope):
            return None
        if all(self._iterable_bounded(c, scope) for c in collections):
            return None
        return "bulk"

    def _sql_problem(self, call: DestructiveCall, scope: FunctionInfo | None) -> str | None:
        args = positional_args(call.node)
        if not args:
            return None
        text = _sql_literal(self._follow(args[0], scope)) or ""
        if not text.lstrip().upper().startswith("DELETE"):
            return None
        if not SQL_WHERE.search(text):
            return "no-where"
        if not SQL_IN.search(text):
            return None
        if self._checked_before(call.node, scope):
            return None
        params = _sql_params(call.node)
        if params and all(self._iterable_bounded(p, scope) for p in params):
            return None
        if "{" in text and "{}" in text and not params:
            return None  # the IDs are spliced into the text; OPS3xx speaks to that
        return "bulk"

    def _collections(self, call: DestructiveCall) -> list[cst.BaseExpression] | None:
        """The collections of items a bulk call acts on; None when it takes none (filter-based)."""
        node = call.node
        chain = list(_call_chain(node)) + list(self._parent_chain(node)) + self._receiver_built_by(node, call.site.function)
        found: list[cst.BaseExpression] = []
        for link in chain:
            for arg in link.args:
                if arg.keyword is not None and arg.keyword.value.endswith("__in"):
                    found.append(arg.value)
                elif arg.keyword is not None and self._is_id_collection_name(arg.keyword.value):
                    # ec2.instances.filter(InstanceIds=ids).terminate(): the IDs pick what is acted on
                    found.append(arg.value)
            if isinstance(link.func, cst.Attribute) and link.func.attr.value in ("in_", "isin"):
                found.extend(a.value for a in link.args)
        found.extend(_dollar_in_values(node))
        for arg in node.args:
            if arg.keyword is not None and self._is_id_collection_name(arg.keyword.value):
                found.append(arg.value)
            elif isinstance(arg.value, cst.Name) and self._is_id_collection_name(arg.value.value):
                found.append(arg.value)
            elif arg.star == "*" and not _forwards_star_args(arg.value, call.site.function):
                found.append(arg.value)  # r.delete(*keys): one call, as many items as the list holds
            elif (joined := _joined_items(arg.value)) is not None:
                found.append(joined)  # es.indices.delete(index=",".join(names))
        if found:
            return found
        if not call.entry.bulk or call.entry.filter_based:
            return None
        shaped = [a.value for a in node.args if _collection_shaped(a.value)]
        return shaped or None

    def _receiver_built_by(self, node: cst.Call, scope: FunctionInfo | None) -> list[cst.Call]:
        """`qs = Model.objects.filter(pk__in=ids)` ... `qs.delete()`: the query a named receiver holds."""
        func = node.func
        receiver = func.value if isinstance(func, cst.Attribute) else None
        if not isinstance(receiver, cst.Name):
            return []
        value = self._follow(receiver, scope)
        return [value, *_call_chain(value)] if isinstance(value, cst.Call) else []

    def _is_id_collection_name(self, name: str) -> bool:
        folded = fold(name)
        return any(fnmatchcase(folded, g) for g in self.id_globs)

    def _parent_chain(self, node: cst.Call) -> Iterator[cst.Call]:
        """`delete(table).where(table.c.id.in_(ids))`: the calls chained onto the result, and the
        call chains in their arguments (`table.c.id.in_(ids)`)."""
        for outer in chained_onto(self.analysis, node):
            yield outer
            yield from (c for a in outer.args for c in _call_chain_all(a.value))

    def _follow(self, expr: cst.BaseExpression, scope: FunctionInfo | None) -> cst.BaseExpression:
        if isinstance(expr, cst.Name):
            values = self._assigned(expr.value, scope)
            if len(values) == 1:
                return values[0]
        return expr

    def _assigned(self, name: str, scope: FunctionInfo | None) -> list[cst.BaseExpression]:
        if scope is not None:
            cached = self.analysis.guards.scope_assignments(scope.node)
            if name in cached:
                return cached[name]
            if name in scope.params:
                return []
        return self.analysis.module_assignments.get(name, [])


# -- helpers ---------------------------------------------------------------------------------------


def _elements(expr: cst.BaseExpression) -> list[cst.BaseElement]:
    if isinstance(expr, (cst.Tuple, cst.List)):
        return list(expr.elements)
    return [cst.Element(expr)]


def _forwards_star_args(value: cst.BaseExpression, scope: FunctionInfo | None) -> bool:
    """`def rm(*args): shutil.rmtree(*args)` hands on its arguments, not a list of items."""
    if scope is None or not isinstance(value, cst.Name):
        return False
    star = scope.node.params.star_arg
    return isinstance(star, cst.Param) and star.name.value == value.value


def _joined_items(expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The list in `",".join(names)`: items joined into one argument. A separator that builds
    one name or path from parts (`"/".join(parts)`, `"".join(chars)`) does not list items."""
    if not (isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "join"):
        return None
    separator = string_value(expr.func.value)
    if not separator or separator.strip(" \t\n,;|"):
        return None
    args = positional_args(expr)
    return args[0] if len(args) == 1 else None


def _collection_shaped(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set, cst.ListComp, cst.GeneratorExp, cst.SetComp)):
        return True
    if isinstance(expr, cst.Dict):
        return any(isinstance(e, cst.DictElement) and _collection_shaped(e.value) for e in expr.elements)
    if isinstance(expr, cst.Name):
        name = expr.value.lower()
        return name.endswith("s") and not name.endswith("ss") and len(name) > 2
    if isinstance(expr, cst.Call):
        # bucket.delete_blobs(bucket.list_blobs()): a listing handed over whole
        return _LISTING_CALL.match(_method_name(expr)) is not None
    return False


_LISTING_CALL = re.compile(r"(list|scan|iter|search|find|query|describe|select)(_|[A-Z]|$)")


def _dollar_in_values(node: cst.Call) -> list[cst.BaseExpression]:
    found = []
    for arg in node.args:
        for element in _dict_elements(arg.value):
            if string_value(element.key) == "$in":
                found.append(element.value)
    return found


def _dict_elements(expr: cst.BaseExpression) -> Iterator[cst.DictElement]:
    if isinstance(expr, cst.Dict):
        for element in expr.elements:
            if isinstance(element, cst.DictElement):
                yield element
                yield from _dict_elements(element.value)


def _call_chain(node: cst.Call) -> Iterator[cst.Call]:
    """The calls a method call hangs off: `Site.objects.filter(id__in=ids).delete()` -> filter(...)."""
    current: cst.BaseExpression = node.func
    while True:
        if isinstance(current, cst.Attribute):
            current = current.value
        elif isinstance(current, cst.Call):
            yield current
            current = current.func
        elif isinstance(current, cst.Subscript):
            current = current.value
        else:
            return


def _is_exclusion(link: cst.Call) -> bool:
    """`.exclude(pk__in=keep)`: an ORM filter that keeps the listed items."""
    return (
        isinstance(link.func, cst.Attribute)
        and link.func.attr.value == "exclude"
        and any(a.keyword is not None and a.keyword.value.endswith("__in") for a in link.args)
    )


def _call_chain_all(expr: cst.BaseExpression) -> Iterator[cst.Call]:
    if isinstance(expr, cst.Call):
        yield expr
        yield from _call_chain(expr)


_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def _words(name: str) -> set[str]:
    """`MAX_AGE_DAYS` -> {max, age, days}; `maxResults` -> {max, results}."""
    return {w.lower() for w in _WORD.findall(name)}


class _Returned(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.Return] = []
        self.yields = False

    def visit_Return(self, node: cst.Return) -> None:
        self.found.append(node)

    def visit_Yield(self, node: cst.Yield) -> None:
        self.yields = True

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


def _returned(body: cst.BaseSuite) -> list[cst.Return]:
    """The function's return statements; none for a generator (its yields are the items)."""
    collector = _Returned()
    walk(body, collector)
    return [] if collector.yields else collector.found


# Keys and names that say "there is another page": NextToken, IsTruncated, nextPageToken, has_more
PAGE_MARKERS = frozenset({
    "nexttoken", "nextmarker", "marker", "continuationtoken", "nextcontinuationtoken", "istruncated",
    "nextpagetoken", "pagetoken", "hasmore", "nextpage", "nextcursor", "startingtoken", "nextlink",
})


class _WhileFacts(cst.CSTVisitor):
    """What a while body does: pops, pages, counts, and the tests it breaks on."""

    def __init__(self) -> None:
        super().__init__()
        self.popped: set[str] = set()
        self.assigned: set[str] = set()
        self.counted: set[str] = set()
        self.empty_breaks: set[str] = set()
        self.break_tests: list[cst.BaseExpression] = []
        self.pages = False
        self.has_for = False

    def visit_For(self, node: cst.For) -> None:
        self.has_for = True

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        # list.pop(), deque.popleft(), queue.Queue.get(): the loop test names what they drain
        if isinstance(func, cst.Attribute) and func.attr.value in ("pop", "popleft", "popitem", "get", "get_nowait"):
            key = _value_key(func.value)
            if key:
                self.popped.add(key)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            for name, value in _paired(target.target, node.value):
                refetched = isinstance(value, cst.Name) and value.value in self.assigned  # pos, keys = result
                if _fetched(value) or refetched or self.built_from_fetched(value):
                    self.assigned.add(name)  # `pos, keys = r.scan(pos, pattern)`: a fresh batch each time
                elif _slice_of(value, name):
                    self.popped.add(name)  # `batch, keys = keys[:1000], keys[1000:]` drains keys

    def built_from_fetched(self, value: cst.BaseExpression) -> bool:
        """`[{"Key": o["Key"]} for o in resp["Contents"]]` after `resp = s3.list_objects_v2(...)`."""
        if not isinstance(value, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
            return False
        return bool(self.assigned & set(_identifiers(value.for_in.iter)))

    def visit_Del(self, node: cst.Del) -> None:
        for element in _elements(node.target):
            target = element.value
            if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
                self.popped.add(target.value.value)  # `del keys[:1000]`

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name):
            self.counted.add(node.target.value)

    def visit_If(self, node: cst.If) -> None:
        if _block_stops(node.body):
            self.break_tests.append(node.test)
            key = _emptied_name(node.test)
            if key:
                self.empty_breaks.add(key)

    def visit_Name(self, node: cst.Name) -> None:
        if fold(node.value) in PAGE_MARKERS:
            self.pages = True

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if fold(node.attr.value) in PAGE_MARKERS:
            self.pages = True

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        text = string_value(node)
        if text and fold(text) in PAGE_MARKERS:
            self.pages = True

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_While(self, node: cst.While) -> bool:
        return False


def _sql_literal(expr: cst.BaseExpression) -> str | None:
    """The text of a SQL statement, through `text("...")` / `sql.SQL("...")` wrappers."""
    for _ in range(3):
        if not (isinstance(expr, cst.Call) and _method_name(expr) in ("text", "SQL") and positional_args(expr)):
            break
        expr = positional_args(expr)[0]
    return string_prefix(expr)


def _limited_statement(expr: cst.BaseExpression) -> bool:
    """A query built with `.limit(n)` somewhere in its chain (`select(Job).where(...).limit(100)`)."""
    return isinstance(expr, cst.Call) and any(
        _method_name(link) == "limit" and isinstance(link.func, cst.Attribute) and bool(positional_args(link))
        for link in (expr, *_call_chain(expr))
    )


def _sql_params(call: cst.Call) -> list[cst.BaseExpression]:
    """The values a SQL call binds; the parameters tuple holds the collection: (ids,) is not a
    static-length list of IDs."""
    args = positional_args(call)
    params = args[1:] or [a.value for a in call.args if a.keyword is not None]
    return [e.value for p in params for e in _elements(p)]


def _loop_target(loop: cst.CSTNode) -> cst.CSTNode:
    if isinstance(loop, cst.For):
        return loop.target
    if isinstance(loop, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
        return loop.for_in.target
    return loop  # a while or a map call: whatever it names counts as its item


def _slice_caps(part: cst.Slice) -> bool:
    if part.upper is not None:
        return not isinstance(part.upper, cst.UnaryOperation)
    return isinstance(part.lower, cst.UnaryOperation) and isinstance(part.lower.operator, cst.Minus)


def _paired(target: cst.BaseExpression, value: cst.BaseExpression) -> list[tuple[str, cst.BaseExpression]]:
    """`a, b = x, y` -> [(a, x), (b, y)]; `a, b = call()` -> [(a, call()), (b, call())]."""
    if isinstance(target, cst.Name):
        return [(target.value, value)]
    if not isinstance(target, (cst.Tuple, cst.List)):
        return []
    names = [e.value for e in target.elements]
    if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(names):
        pairs = zip(names, (e.value for e in value.elements))
    else:
        pairs = zip(names, [value] * len(names))
    return [(n.value, v) for n, v in pairs if isinstance(n, cst.Name)]


def _slice_of(value: cst.BaseExpression, name: str) -> bool:
    return (
        isinstance(value, cst.Subscript)
        and isinstance(value.value, cst.Name)
        and value.value.value == name
        and any(isinstance(e.slice, cst.Slice) for e in value.slice)
    )


def _fetched(value: cst.BaseExpression) -> bool:
    """`client.list()`, `requests.get(url).json()["items"]`: a value some call returned."""
    while isinstance(value, (cst.Subscript, cst.Attribute)):
        value = value.value
    return isinstance(value, cst.Call)


def _emptied_name(test: cst.BaseExpression) -> str | None:
    """The collection a stop test finds empty: `not runs`, `not len(runs)`, `len(runs) == 0`."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = test.expression
        if _is_len_call(inner) and isinstance(inner, cst.Call) and inner.args:
            inner = inner.args[0].value
        return _value_key(inner)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and _emptiness_only(test):
        if isinstance(test.comparisons[0].operator, (cst.Equal, cst.LessThan, cst.LessThanEqual)):
            left = test.left
            if _is_len_call(left) and isinstance(left, cst.Call) and left.args:
                return _value_key(left.args[0].value)
    return None


def _emptiness_only(test: cst.BaseExpression) -> bool:
    """`len(items) == 0`, `len(q) > 0`: a test for empty, not a count."""
    if not isinstance(test, cst.Comparison):
        return False
    operands = [test.left, *(c.comparator for c in test.comparisons)]
    return any(literal_value(o) in (0, 1) and not isinstance(literal_value(o), bool) for o in operands)


def _is_len_call(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Call) and dotted_name(expr.func) == "len"


def _method_name(call: cst.Call) -> str:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else ""


def _value_key(expr: cst.BaseExpression) -> str | None:
    """The name a value goes by: `args.max` -> max, `opts["limit"]` -> limit, `LIMIT` -> LIMIT."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        return string_value(expr.slice[0].slice.value)
    return None


def _nargs(node: cst.CSTNode) -> object:
    if not isinstance(node, cst.Call):
        return None
    arg = keyword_arg(node, "nargs")
    return literal_value(arg.value) if arg is not None else None


class _Growing(cst.CSTVisitor):
    """Names a scope grows in place: `ids.append(x)`, `ids.extend(more)`, `ids += more`."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("append", "extend", "insert", "add", "update"):
            if isinstance(func.value, cst.Name):
                self.names.add(func.value.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name) and isinstance(node.operator, (cst.AddAssign, cst.BitOrAssign)):
            self.names.add(node.target.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False


def _calls_named(node: cst.CSTNode, name: str) -> bool:
    collector = _NamedCalls(name)
    walk(node, collector)
    return collector.found


class _NamedCalls(cst.CSTVisitor):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.found = False

    def visit_Call(self, node: cst.Call) -> None:
        if (dotted_name(node.func) or "").split(".")[-1] == self.name:
            self.found = True


class _FreshValues(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_Assign(self, node: cst.Assign) -> None:
        self.names.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False


def _assigned_in(body: cst.CSTNode) -> set[str]:
    """Names given a fresh value (`n = 0`) in `body`; `n += 1` counts on and is not one."""
    collector = _FreshValues()
    walk(body, collector)
    return collector.names


def _identifiers(node: cst.CSTNode) -> list[str]:
    collector = _Identifiers()
    walk(node, collector)
    return collector.names


class _Identifiers(cst.CSTVisitor):
    """Variable, attribute and string-key names: `args.max`, `opts["limit"]`, `MAX_DELETES`."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node.value)

    def visit_Call(self, node: cst.Call) -> bool:
        # the callee's own name (max(), min()) is not a cap option
        for arg in node.args:
            # list_things(limit=50), paginate(MaxItems=...): but maxResults=False means "all"
            if arg.keyword is not None and literal_value(arg.value) not in (False, None, 0, -1):
                self.names.append(arg.keyword.value)
            walk(arg.value, self)
        if isinstance(node.func, cst.Attribute):
            walk(node.func.value, self)
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.names.append(node.attr.value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = string_value(node.key)  # params={"limit": 25}
        if key and literal_value(node.value) not in (False, None, 0, -1):
            self.names.append(key)

    def visit_SubscriptElement(self, node: cst.SubscriptElement) -> None:
        if isinstance(node.slice, cst.Index):
            key = string_value(node.slice.value)
            if key:
                self.names.append(key)

    def visit_Param(self, node: cst.Param) -> bool:
        return False


def _block_stops(block: cst.BaseSuite) -> bool:
    statements = block.body if isinstance(block, (cst.IndentedBlock, cst.SimpleStatementSuite)) else []
    for statement in statements:
        smalls = statement.body if isinstance(statement, cst.SimpleStatementLine) else (
            [statement] if isinstance(statement, cst.BaseSmallStatement) else []
        )
        for small in smalls:
            if isinstance(small, (cst.Raise, cst.Return, cst.Break)):
                return True
            if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                name = dotted_name(small.value.func) or ""
                if name in EXIT_CALLS or name.endswith(".exit") or name.endswith(".fail"):
                    return True
                # parser.error() exits; log.error() / logger.error() only write a line
                if name.endswith(".error") and "log" not in name.lower():
                    return True
    return False


class _CountChecks(cst.CSTVisitor):
    def __init__(self, bounds: BoundsAnalysis) -> None:
        super().__init__()
        self.bounds = bounds
        self.found = False
        self.names: set[str] = set()  # the names the checks compare: the counter, the cap

    def visit_If(self, node: cst.If) -> None:
        test = node.test
        # `if len(runs) == 0: break` ends a paging loop when nothing is left: no cap on how many go
        if isinstance(test, cst.Comparison) and _block_stops(node.body) and not _emptiness_only(test):
            ordering = (cst.GreaterThan, cst.GreaterThanEqual, cst.Equal, cst.LessThan, cst.LessThanEqual)
            if any(isinstance(c.operator, ordering) for c in test.comparisons) and self._counts(test):
                self.found = True
                self.names.update(_identifiers(test))

    def _counts(self, test: cst.Comparison) -> bool:
        """`deleted >= args.max`, `i >= 100`, `len(done) == LIMIT`: how many so far against a bound.
        Not `r.status_code >= 300` (a reply), `errors >= MAX_ERRORS` (an error budget) or
        `time.time() - start > 600` (a time budget)."""
        operands = [test.left, *(c.comparator for c in test.comparisons)]
        counts = [o for o in operands if self._count_like(o)]
        bounds = [o for o in operands if o not in counts and (_has_integer(o) or self.bounds._mentions_cap(o))]
        return bool(counts and bounds)

    def _count_like(self, expr: cst.BaseExpression) -> bool:
        if _is_len_call(expr):
            return True
        key = _value_key(expr) if isinstance(expr, (cst.Name, cst.Attribute)) else None
        if key is None or (isinstance(expr, cst.Attribute) and dotted_name(expr.value) not in ("self", "cls")):
            return False
        return not (_words(key) & NOT_A_COUNT_WORDS) and not self.bounds._is_cap_name(key)

    def visit_For(self, node: cst.For) -> bool:
        return False

    def visit_While(self, node: cst.While) -> bool:
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False


def _conjuncts(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    """`a and b and c` -> [a, b, c]: each must hold for the branch to run."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _conjuncts(test.left) + _conjuncts(test.right)
    return [test]


def _measures(len_call: cst.BaseExpression, about: set[str] | None) -> bool:
    """Does `len(x)` measure one of the collections `about` names (any, when None)?"""
    if about is None or not isinstance(len_call, cst.Call) or not len_call.args:
        return about is None
    measured = len_call.args[0].value
    while isinstance(measured, cst.Subscript):  # len(sys.argv[1:]) measures sys.argv
        measured = measured.value
    key = dotted_name(measured)
    return key is None or key in about  # len(list(...)) of something unnamed: give it the benefit


def _dotted_names(expr: cst.BaseExpression, depth: int = 0) -> set[str]:
    """The names a collection expression holds its data under: `args.ids[:20]` -> {"args.ids"},
    `sorted(ids)` -> {"ids"}, `[t for t in tags if t]` -> {"tags"}. A method call's arguments
    are not the data (`requests.get(sys.argv[1]).json()` is a listing, not sys.argv)."""
    if depth > 6:
        return set()
    if isinstance(expr, (cst.Name, cst.Attribute)):
        dotted = dotted_name(expr)
        if dotted is not None:
            return {dotted}
    if isinstance(expr, cst.Attribute):
        return _dotted_names(expr.value, depth + 1)
    if isinstance(expr, cst.Subscript):
        return _dotted_names(expr.value, depth + 1)
    if isinstance(expr, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
        return _dotted_names(expr.for_in.iter, depth + 1)
    if isinstance(expr, cst.Call):
        if isinstance(expr.func, cst.Name):  # list(ids), sorted(ids), chunks(ids, 10)
            return {n for a in expr.args for n in _dotted_names(a.value, depth + 1)}
        if isinstance(expr.func, cst.Attribute):  # doomed.items(): the receiver's data
            return _dotted_names(expr.func.value, depth + 1)
    return set()


def _compares_lengths(test: cst.Comparison) -> bool:
    """`len(a) <= len(b)`: no limit on either."""
    return _is_len_call(test.left) and _is_len_call(test.comparisons[0].comparator)


def _floor_only(test: cst.BaseExpression) -> bool:
    """`len(x) < 2`, `len(x) <= 1`, `2 > len(x)`: true only when there are too few."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    operator = test.comparisons[0].operator
    if _is_len_call(test.left):
        return isinstance(operator, (cst.LessThan, cst.LessThanEqual))
    if _is_len_call(test.comparisons[0].comparator):
        return isinstance(operator, (cst.GreaterThan, cst.GreaterThanEqual))
    return False


def _has_integer(node: cst.CSTNode) -> bool:
    collector = _Integers()
    walk(node, collector)
    return collector.found


class _Integers(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_Integer(self, node: cst.Integer) -> None:
        self.found = True


__all__ = ["BoundsAnalysis", "UnboundedFinding"]


class _OptionReads(cst.CSTVisitor):
    """`args.max` / `opts["limit"]` (keyed reads) and bare names."""

    def __init__(self) -> None:
        super().__init__()
        self.keyed: list[str] = []
        self.names: list[str] = []

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.keyed.append(node.attr.value)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        key = _value_key(node)
        if key:
            self.keyed.append(key)

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node.value)
