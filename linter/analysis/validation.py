"""Is a value checked for its kind before it is used?

A check counts only when failing it stops the value: the branch that runs on
failure raises, exits, returns, continues or breaks, or the check filters a
comprehension, or the use sits inside the branch that runs on success. The
checks that say something about *which kind* of ID a value is: an anchored
regex match, membership in an allow-list or a lookup, a comparison of a kind
field with a constant (`item["type"] != "insight-app"`), `startswith`, a
distinct ID type's constructor, a validator from `ids.validators`, or a
function of the module that does one of these to its parameter. Generic
conversions (`str()`, `int()`, `UUID()`, `.strip()`) are not checks.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import cached_property
from typing import Callable

import libcst as cst

from linter.analysis.guards import PROMPT_BUILTINS, PROMPT_CALLS
from linter.analysis.walk import walk
from linter.analysis.idtypes import IdTypes, name_matches
from linter.analysis.callgraph import resolve_local_callee
from linter.analysis.model import CallSite, FunctionInfo, ModuleAnalysis
from linter.analysis.names import dotted_name, positional_args, string_value
from linter.analysis.scopes import SELF_NAMES, Scope

REGEX_FUNCTIONS = frozenset({"re.fullmatch", "re.match", "re.search", "regex.fullmatch", "regex.match"})
REGEX_METHODS = frozenset({"fullmatch", "match", "search"})
COMPILE_FUNCTIONS = frozenset({"re.compile", "regex.compile"})
COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)
LITERAL_NUMBERS = (cst.Integer, cst.Float)
PREFIX_METHODS = frozenset({"startswith", "endswith"})
STOP_CALLS = frozenset({"sys.exit", "exit", "quit", "os._exit", "os.abort"})
STOP_METHODS = frozenset({"exit", "abort", "fail", "error"})  # parser.error, ctx.fail, ctx.abort
STOP_STATEMENTS = (cst.Raise, cst.Return, cst.Continue, cst.Break)
WHOLE_WRAPPERS = frozenset({"list", "set", "sorted", "tuple", "frozenset"})
RELATED_DEPTH = 3  # a lookup's result, then fields of it: `resp = describe(id)`, `state = resp["State"]`
MAX_LOOKBACK = 200  # checks stand near what they check; this bounds very long module-level scripts


class Validation:
    def __init__(self, analysis: ModuleAnalysis, types: IdTypes, scope_of: Callable[[cst.CSTNode], Scope]) -> None:
        self.analysis = analysis
        self.types = types
        self.scope_of = scope_of
        self.validators = analysis.settings.ids.validators
        self._local_validators: dict[str, bool] = {}
        self._checked: dict[tuple[int, str, str], bool] = {}
        self._names: dict[cst.CSTNode, frozenset[str]] = {}
        self._raising: dict[str, bool] = {}
        self._related_names: dict[tuple[cst.CSTNode, str, str], set[str]] = {}
        self._candidates: dict[cst.CSTNode, list[tuple[int, cst.CSTNode]]] = {}
        self._positions: dict[cst.CSTNode, dict[cst.CSTNode, int]] = {}

    # -- names an expression mentions (cached: checks are asked about many names) ----------------
    def _mentions(self, expr: cst.BaseExpression, names: set[str]) -> bool:
        return not self.names_in(expr).isdisjoint(names)

    def names_in(self, expr: cst.CSTNode) -> frozenset[str]:
        """Variable names (and dotted `args.app_id` chains) an expression reads; not attribute names."""
        found = self._names.get(expr)
        if found is None:
            collected: set[str] = set()
            _collect_names(expr, collected, self._is_prompt)
            found = frozenset(collected)
            self._names[expr] = found
        return found

    # -- calls ----------------------------------------------------------------------------------
    def _qualified(self, expr: cst.BaseExpression) -> str | None:
        dotted = dotted_name(expr)
        if dotted is None:
            return None
        return self.analysis.imports.resolve(dotted) or dotted

    def _is_prompt(self, call: cst.Call) -> bool:
        """`input(f"really delete {app_id}? [y/N]")`: the answer is what a person typed, not a fact about the ID."""
        name = self._qualified(call.func) or ""
        return name in PROMPT_CALLS or name in PROMPT_BUILTINS

    def is_validator(self, call: cst.Call) -> bool:
        """A call named in `ids.validators`."""
        name = self._qualified(call.func)
        return bool(name) and any(fnmatchcase(name or "", g) for g in self.validators)

    def validating_callable(self, expr: cst.BaseExpression) -> bool:
        """A predicate handed to filter()/map() that checks the kind of each item."""
        if isinstance(expr, cst.Lambda):
            names = {p.name.value for p in expr.params.params}
            return "pos" in self.polarity(expr.body, names)
        if isinstance(expr, cst.Attribute) and expr.attr.value in REGEX_METHODS:
            return self._anchored_pattern_method(expr)
        name = self._qualified(expr)
        if not name:
            return False
        if any(fnmatchcase(name, g) for g in self.validators) or self.types.is_id_type(name):
            return True
        local = self.analysis.functions.get(name)
        return local is not None and self.validates_parameter(local)

    def match_subject(self, call: cst.Call) -> cst.BaseExpression | None:
        """The value an anchored regex match checks: `x` in `re.fullmatch(PATTERN, x)` or `APP_RE.fullmatch(x)`."""
        args = positional_args(call)
        qualname = self._qualified(call.func) or ""
        if qualname in REGEX_FUNCTIONS:
            return args[1] if len(args) == 2 and _anchored(qualname, args) else None
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value in REGEX_METHODS and len(args) == 1:
            return args[0] if self._anchored_pattern_method(func) else None
        return None

    def _anchored_pattern_method(self, method: cst.Attribute) -> bool:
        """`filter(APP_RE.fullmatch, raw)`: a compiled pattern's bound method, anchored on both ends.

        `fullmatch` always is; `match`/`search` only when the module compiles a pattern that ends
        (and for `search` starts) with an anchor, so a prefix match of a longer value is not taken for a check.
        """
        receiver = dotted_name(method.value)
        if receiver is None or (self._qualified(method) or "") in REGEX_FUNCTIONS:
            return False  # `re.fullmatch` itself would take each item as the pattern
        if method.attr.value == "fullmatch":
            return True
        compiled = self.analysis.module_assignments.get(receiver, [])
        for value in compiled:
            if not isinstance(value, cst.Call) or (self._qualified(value.func) or "") not in COMPILE_FUNCTIONS:
                return False
            args = positional_args(value)
            if not args or string_value(args[0]) is None or not _anchored("re." + method.attr.value, args):
                return False
        return bool(compiled)

    def validates_parameter(self, function: FunctionInfo) -> bool:
        """Does a module function check the kind of one of its parameters?"""
        known = self._local_validators.get(function.qualname)
        if known is not None:
            return known
        self._local_validators[function.qualname] = False  # recursion stops here
        params = {p for p in function.params if p not in SELF_NAMES}
        finder = _TestFinder()
        walk(function.node.body, finder)
        result = any(self.polarity(test, params) for test in finder.tests)
        self._local_validators[function.qualname] = result
        return result

    def _validation_call(self, call: cst.Call, names: set[str], scope: cst.CSTNode | None = None) -> bool:
        func = call.func
        args = [a.value for a in call.args]
        if not any(self._mentions(a, names) for a in args) and not (
            isinstance(func, cst.Attribute) and self._mentions(func.value, names)
        ):
            return False
        if isinstance(func, cst.Attribute) and func.attr.value == "get" and args:
            # `projects.get(project_id)` on a dict the module built: membership, like `in projects`
            return self._mentions(args[0], names) and self._is_mapping(func.value, scope)
        qualname = self._qualified(func) or ""
        if qualname in REGEX_FUNCTIONS:
            return _anchored(qualname, positional_args(call))
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            if method in REGEX_METHODS and not self._mentions(func.value, names):
                return True  # a compiled pattern: PATTERN.fullmatch(app_id)
            if method in PREFIX_METHODS and self._mentions(func.value, names):
                return True
        if qualname in ("isinstance",) and len(args) == 2:
            return self.types.is_id_type(dotted_name(args[1]))
        if self.is_validator(call) or self.types.constructs_id(call):
            return True
        local = self._local_callee(call, qualname)
        return local is not None and self.validates_parameter(local)

    def _local_callee(self, call: cst.Call, qualname: str) -> FunctionInfo | None:
        """The module function or method a call runs: `require(x)`, and `self.require(x)` or
        `registry.require(x)` on an instance of the module's own class."""
        local = self.analysis.functions.get(qualname)
        if local is None and isinstance(call.func, cst.Attribute):
            site = self._sites.get(call)
            local = resolve_local_callee(self.analysis, site) if site is not None else None
        return local

    @cached_property
    def _sites(self) -> dict[cst.Call, CallSite]:
        return {site.node: site for site in self.analysis.calls}

    # -- tests -----------------------------------------------------------------------------------
    def polarity(self, test: cst.BaseExpression, names: set[str], scope: cst.CSTNode | None = None) -> set[str]:
        """{"pos"}: the test is true for a valid value; {"neg"}: true for an invalid one; empty: no check.

        With `scope`, a test of a whole collection counts too: `if bad:` where
        `bad = [i for i in ids if not valid(i)]`, and `any(...)`/`all(...)`.
        """
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            return {_FLIP[p] for p in self.polarity(test.expression, names, scope)}
        if isinstance(test, cst.BooleanOperation):
            left = self.polarity(test.left, names, scope)
            right = self.polarity(test.right, names, scope)
            either = "neg" if isinstance(test.operator, cst.Or) else "pos"
            both = "pos" if either == "neg" else "neg"
            result = {either} if either in left | right else set()
            if both in left and both in right:
                result.add(both)
            return result
        allow_list = self._set_polarity(test, names)
        if allow_list:
            return allow_list
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            truth = _compared_with_bool(test)
            if truth is not None:  # `bool(m) is True`, `ok == False`
                inner = self.polarity(test.left, names, scope)
                return inner if truth else {_FLIP[p] for p in inner}
            if scope is not None and isinstance(test.left, cst.Name) and _is_none(test.comparisons[0].comparator):
                # `m is not None` where `m = re.fullmatch(PATTERN, app_id)`
                found = self._result_of_check(test.left.value, names, scope)
                operator = test.comparisons[0].operator
                if found and isinstance(operator, (cst.IsNot, cst.NotEqual)):
                    return found
                if found and isinstance(operator, (cst.Is, cst.Equal)):
                    return {_FLIP[p] for p in found}
            return self._comparison(test, names, scope)
        if isinstance(test, cst.Call) and dotted_name(test.func) == "bool" and len(test.args) == 1:
            return self.polarity(test.args[0].value, names, scope)
        if isinstance(test, cst.Call) and self._validation_call(test, names, scope):
            return {"pos"}
        if isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and test.func.value in ("any", "all"):
            args = positional_args(test)
            if len(args) == 1:
                items = self._items_polarity(args[0], names, scope)
                # all(valid) / any(invalid) speak for every item; any(valid) / all(invalid) do not
                wanted = "pos" if test.func.value == "all" else "neg"
                return {wanted} if wanted in items else set()
        if isinstance(test, cst.Name) and scope is not None:
            return self._result_of_check(test.value, names, scope) or self._invalid_items_named(test.value, names, scope)
        return set()

    def _set_polarity(self, test: cst.BaseExpression, names: set[str]) -> set[str]:
        """Allow-list checks of a whole collection: `set(ids) <= allowed`, `set(ids).issubset(allowed)`,
        `allowed >= set(ids)` are true when every ID is allowed; `set(ids) - allowed` and
        `set(ids).difference(allowed)` are non-empty (true) when one is not."""
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            operator, right = test.comparisons[0].operator, test.comparisons[0].comparator
            if isinstance(operator, (cst.LessThanEqual, cst.LessThan)) and self._allow_list_of(test.left, right, names):
                return {"pos"}
            if isinstance(operator, (cst.GreaterThanEqual, cst.GreaterThan)) and self._allow_list_of(right, test.left,
                                                                                                    names):
                return {"pos"}
        elif isinstance(test, cst.BinaryOperation) and isinstance(test.operator, cst.Subtract):
            left = test.left
            if self._allow_list_of(left, test.right, names, bare=not isinstance(test.right, LITERAL_NUMBERS)):
                return {"neg"}
        elif isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute) and len(test.args) == 1:
            method, receiver, other = test.func.attr.value, test.func.value, test.args[0].value
            if method in ("issubset", "difference") and self._allow_list_of(receiver, other, names, bare=True):
                return {"pos" if method == "issubset" else "neg"}
            if method == "issuperset" and self._allow_list_of(other, receiver, names, bare=True):
                return {"pos"}
        return set()

    def _allow_list_of(self, ids: cst.BaseExpression, allowed: cst.BaseExpression, names: set[str],
                       bare: bool = False) -> bool:
        """`ids` is a set of the checked values (`set(ids)`, `{i for i in ids}`, or with `bare` the name itself,
        where only a set makes sense) and `allowed` does not mention them. A list or number compared with
        `<=` is no subset test: `len(ids) <= 50` is a cap."""
        if self._mentions(allowed, names) or not self._mentions(ids, names) or isinstance(allowed, LITERAL_NUMBERS):
            return False
        if isinstance(ids, cst.Call) and dotted_name(ids.func) in ("set", "frozenset") and len(ids.args) == 1:
            return True
        if isinstance(ids, cst.SetComp):
            return True
        return bare and isinstance(ids, cst.Name)

    def _result_of_check(self, name: str, names: set[str], scope: cst.CSTNode) -> set[str]:
        """`if m:` where every assignment of `m` is a check of the value: `m = re.fullmatch(PATTERN, app_id)`."""
        bindings = self.scope_of(scope).bindings.get(name, ())
        if not bindings or any(b.kind != "assign" or not isinstance(b.value, cst.Call) for b in bindings):
            return set()
        if all(self._validation_call(b.value, names - {name}, scope) for b in bindings):  # type: ignore[arg-type]
            return {"pos"}
        return set()

    def _items_polarity(self, expr: cst.BaseExpression, names: set[str], scope: cst.CSTNode | None) -> set[str]:
        """For a comprehension over `names`: the polarity of its result (or filter) for each item."""
        if not isinstance(expr, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
            return set()
        clause = expr.for_in
        if clause.inner_for_in is not None or not self._mentions(clause.iter, names):
            return set()
        targets = {n.value for n in _names(clause.target)}
        if clause.ifs:
            result: set[str] = set()
            for condition in clause.ifs:
                result |= self.polarity(condition.test, targets, scope)
            return result
        return self.polarity(expr.elt, targets, scope)

    def _invalid_items_named(self, name: str, names: set[str], scope: cst.CSTNode) -> set[str]:
        """`if bad:` where `bad = [i for i in ids if not valid(i)]`: true when an invalid item exists."""
        for binding in self.scope_of(scope).bindings.get(name, ()):
            value = binding.value
            if binding.kind == "assign" and isinstance(value, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
                if value.for_in.ifs and "neg" in self._items_polarity(value, names, scope):
                    return {"neg"}
            elif binding.kind == "assign" and value is not None:
                if "neg" in self._set_polarity(value, names - {name}):
                    return {"neg"}  # `unknown = set(ids) - allowed`
        return set()

    def _comparison(self, test: cst.Comparison, names: set[str], scope: cst.CSTNode | None = None) -> set[str]:
        target = test.comparisons[0]
        operator = target.operator
        left, right = test.left, target.comparator
        if isinstance(operator, (cst.In, cst.NotIn)):
            if _is_length(left):
                return set()  # `len(x) not in (10, 19)`: a length says nothing about the kind
            subject_left = self._mentions(left, names) and not self._mentions(right, names)
            substring = string_value(left) is not None and self._mentions(right, names)
            if subject_left or substring:
                return {"pos" if isinstance(operator, cst.In) else "neg"}
            return set()
        if isinstance(operator, (cst.Equal, cst.NotEqual)):
            for value, other in ((left, right), (right, left)):
                if self._mentions(value, names) and _is_constant(other) and not self._mentions(other, names):
                    return {"pos" if isinstance(operator, cst.Equal) else "neg"}
            return set()
        if isinstance(operator, (cst.Is, cst.IsNot)) and _is_none(right) and isinstance(left, cst.Call):
            if self._validation_call(left, names, scope):
                return {"neg" if isinstance(operator, cst.Is) else "pos"}
        return set()

    # -- where a check stands ------------------------------------------------------------------------
    def checked(self, scope: cst.CSTNode, point: cst.CSTNode, name: str, field: str = "") -> bool:
        """Is `name` checked, on every path in `scope` to `point`, by a check that stops bad values?

        With `field`, only that field of the record `name` reaches the point (`row["site_id"]`),
        so a check of another ID field of it (`row["app_id"] not in retired`) does not count.
        """
        key = (id(point), name, field)
        known = self._checked.get(key)
        if known is None:
            known = self._find_check(scope, point, self._related(scope, name, field), (name, field))
            self._checked[key] = known
        return known

    def _related(self, scope: cst.CSTNode, name: str, field: str = "") -> set[str]:
        """The name, and names holding what a call returned for it (`app = client.get_app(app_id)`)."""
        key = (scope, name, field)
        cached = self._related_names.get(key)
        if cached is None:
            cached = self._related_names[key] = self._find_related(scope, name, field)
        return cached

    def _find_related(self, scope: cst.CSTNode, name: str, field: str) -> set[str]:
        names = {name}
        assigned = [(other, b.value) for other, bs in self.scope_of(scope).bindings.items() for b in bs
                    if b.kind == "assign" and b.value is not None]
        for round_ in range(RELATED_DEPTH):
            before = len(names)
            for other, value in assigned:
                if other in names:
                    continue
                if round_ == 0 and isinstance(value, (cst.Call, cst.Subscript)):
                    if self._looks_up(value, name) and not self.other_fields_only(value, name, field):
                        names.add(other)
                elif round_ == 0 and isinstance(value, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
                    if self._mentions(value.for_in.iter, {name}):
                        names.add(other)  # `bad = [i for i in ids if ...]`, tested by `if bad:`
                elif round_ == 0 and "neg" in self._set_polarity(value, {name}):
                    names.add(other)  # `unknown = set(ids) - allowed`, tested by `if unknown:`
                elif round_ > 0 and isinstance(value, (cst.Subscript, cst.Attribute)):
                    # a field of what the lookup returned: `status = resp["Instances"][0]["State"]["Name"]`
                    if _root_name(value) in names - {name}:
                        names.add(other)
                elif round_ > 0 and isinstance(value, COMPREHENSIONS):
                    # its fields reshaped: `tags = {t["Key"]: t["Value"] for t in instance.get("Tags", [])}`
                    if _receiver_root(value.for_in.iter) in names - {name}:
                        names.add(other)
            if len(names) == before and round_ > 0:
                break
        return names

    def _looks_up(self, value: cst.BaseExpression, name: str) -> bool:
        """`client.get_app(app_id)`, or an item of what it returned:
        `inventory.lookup(asset_ids=[asset_id])["assets"][0]`, `describe_instances(InstanceIds=[i])["Reservations"]`."""
        while isinstance(value, cst.Subscript):
            value = value.value
        if not isinstance(value, cst.Call) or self._is_prompt(value):
            return False
        return any(self._mentions(a.value, {name}) for a in value.args)

    def other_fields_only(self, node: cst.CSTNode, name: str, field: str) -> bool:
        """Does `node` read record `name` only through ID fields other than `field`?

        `row["app_id"] not in retired` says nothing about `row["site_id"]`; a kind field
        (`row["type"] != "site"`) or the whole record (`valid(row)`) still speaks for it.
        """
        if not field:
            return False
        fields: set[str] = set()
        stack: list[cst.CSTNode] = [node]
        while stack:
            current = stack.pop()
            read = field_of(current)
            if read is not None and read[0] == name:
                fields.add(read[1])
                continue
            if (dotted_name(current) if isinstance(current, (cst.Name, cst.Attribute)) else None) == name:
                return False  # the whole record
            stack.extend(current.children)
        names = self.analysis.settings.ids
        id_fields = names.single_names + names.collection_names
        return bool(fields) and all(f != field and name_matches(f, id_fields) for f in fields)

    def _find_check(self, scope: cst.CSTNode, point: cst.CSTNode, names: set[str],
                    record: tuple[str, str] = ("", "")) -> bool:
        parents = self.analysis.parents
        child: cst.CSTNode = point
        current = parents.get(point)
        name, field = record

        def checks(statement: cst.CSTNode) -> bool:
            about = statement.test if isinstance(statement, cst.If) else statement
            return self._statement_checks(statement, names, scope) and not self.other_fields_only(about, name, field)

        while current is not None:
            if isinstance(current, cst.If):
                wanted = "pos" if child is current.body else "neg" if child is current.orelse else None
                if wanted and wanted in self.polarity(current.test, names, scope) and not self.other_fields_only(
                    current.test, name, field
                ):
                    return True
            elif isinstance(current, (cst.IndentedBlock, cst.Module, cst.SimpleStatementSuite)):
                if any(checks(s) for s in self._candidates_before(current, child)):
                    return True
            elif isinstance(current, cst.Try) and current.orelse is not None and child is current.orelse:
                # `try: AppId.parse(x) except ValueError: continue else: delete(x)`: the else runs on success only
                if any(checks(s) for s in current.body.body):
                    return True
            elif isinstance(current, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                return False
            if current is scope:
                return False
            child = current
            current = parents.get(current)
        return False

    def _candidates_before(self, block: cst.CSTNode, child: cst.CSTNode) -> list[cst.CSTNode]:
        """Statements of `block` before `child` that could be checks, nearest first, at most MAX_LOOKBACK."""
        candidates = self._candidates.get(block)
        if candidates is None:
            candidates = []
            for index, statement in enumerate(block.body):  # type: ignore[attr-defined]
                if isinstance(statement, (cst.If, cst.Try, cst.For)) or (
                    isinstance(statement, cst.SimpleStatementLine)
                    and any(isinstance(s, (cst.Assert, cst.Expr)) for s in statement.body)
                ):
                    candidates.append((index, statement))
            self._candidates[block] = candidates
            self._positions[block] = {s: i for i, s in enumerate(block.body)}  # type: ignore[attr-defined]
        position = self._positions[block].get(child)
        if position is None:
            return []
        before = [s for i, s in candidates if i < position]
        return before[::-1][:MAX_LOOKBACK]

    def _statement_checks(self, statement: cst.CSTNode, names: set[str], scope: cst.CSTNode,
                          hard: bool = False) -> bool:
        """Does `statement` stop values of `names` that fail a check? With `hard`, only raising,
        exiting or returning stops them (inside a checking loop, `continue` skips just the check)."""
        if isinstance(statement, cst.If):
            if self.names_in(statement.test).isdisjoint(names):
                return False  # most statements say nothing about these names: skip them cheaply
            test = self.polarity(statement.test, names, scope)
            if "neg" in test and _stops(statement.body, hard):
                return True
            orelse = statement.orelse
            return "pos" in test and isinstance(orelse, cst.Else) and _stops(orelse.body, hard)
        if isinstance(statement, cst.Try):
            return self._try_checks(statement, names, scope, hard)
        if isinstance(statement, cst.For):
            return self._loop_checks(statement, names, scope)
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if not isinstance(small, (cst.Assert, cst.Expr)) or self.names_in(small).isdisjoint(names):
                    continue
                if isinstance(small, cst.Assert) and "pos" in self.polarity(small.test, names, scope):
                    return True
                if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                    if self._validation_call(small.value, names, scope) and self._raises_on_failure(small.value):
                        return True
        return False

    def _try_checks(self, statement: cst.Try, names: set[str], scope: cst.CSTNode, hard: bool = False) -> bool:
        """A check in a `try` body counts only when every handler stops the value too:
        `except ValueError: log.error(...)` catches the failure and carries on with the bad value."""
        if not all(_stops(handler.body, hard) for handler in statement.handlers):
            return False
        return any(self._statement_checks(s, names, scope, hard) or self._looked_up(s, names, scope)
                   for s in statement.body.body)

    def _looked_up(self, statement: cst.CSTNode, names: set[str], scope: cst.CSTNode) -> bool:
        """`projects[project_id]` (or `p = projects[project_id]`) in a `try` whose handlers stop: a KeyError
        from a dict the module built is membership, like `if project_id not in projects: exit`."""
        if not isinstance(statement, cst.SimpleStatementLine):
            return False
        for small in statement.body:
            value = small.value if isinstance(small, (cst.Expr, cst.Assign)) else None
            if not isinstance(value, cst.Subscript) or len(value.slice) != 1:
                continue
            key = value.slice[0].slice
            if isinstance(key, cst.Index) and self._mentions(key.value, names) and self._is_mapping(value.value, scope):
                return True
        return False

    def _is_mapping(self, expr: cst.BaseExpression, scope: cst.CSTNode | None) -> bool:
        """A name every assignment of which builds a dict here (`{p.key: p for p in jira.projects()}`): a lookup
        in it fails for a key it does not hold. Not a client's or ORM's `.get(pk)`, which finds any row."""
        if not isinstance(expr, cst.Name):
            return False
        for where in (scope, self.analysis.module):
            bindings = self.scope_of(where).bindings.get(expr.value) if where is not None else None
            if bindings:
                return all(b.kind == "assign" and _builds_mapping(b.value) for b in bindings)
        return False

    def _loop_checks(self, loop: cst.For, names: set[str], scope: cst.CSTNode) -> bool:
        """`for site_id in site_ids: if site_id not in known: sys.exit(...)` checks every item of
        `site_ids` before what follows, as `all(...)` does; a loop over part of it (`ids[:5]`) does not."""
        if not isinstance(loop.target, cst.Name) or _whole_collection(loop.iter) not in names:
            return False
        items = self._related(scope, loop.target.value)
        return isinstance(loop.body, cst.IndentedBlock) and any(
            self._statement_checks(s, items, scope, hard=True) for s in loop.body.body
        )

    def _raises_on_failure(self, call: cst.Call) -> bool:
        """A validation call used as a statement must raise: a validator, an ID constructor, or a module function that raises."""
        if self.is_validator(call) or self.types.constructs_id(call):
            return True
        local = self._local_callee(call, self._qualified(call.func) or "")
        if local is None:
            return False
        known = self._raising.get(local.qualname)
        if known is None:
            finder = _TestFinder()
            walk(local.node.body, finder)
            known = self._raising[local.qualname] = finder.raises
        return known


_FLIP = {"pos": "neg", "neg": "pos"}


class _TestFinder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.tests: list[cst.BaseExpression] = []
        self.raises = False

    def visit_If(self, node: cst.If) -> None:
        self.tests.append(node.test)

    def visit_Assert(self, node: cst.Assert) -> None:
        self.tests.append(node.test)
        self.raises = True

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.tests.append(node.value)

    def visit_Raise(self, node: cst.Raise) -> None:
        self.raises = True

    def visit_Call(self, node: cst.Call) -> None:
        if _is_stop_call(node):
            self.raises = True


def _stops(block: cst.BaseSuite, hard: bool = False) -> bool:
    """Does the block raise, exit, return (or, unless `hard`, continue or break)?"""
    statements = block.body
    for statement in statements:
        smalls = statement.body if isinstance(statement, cst.SimpleStatementLine) else [statement]
        for small in smalls:
            if isinstance(small, STOP_STATEMENTS) and not (hard and isinstance(small, (cst.Continue, cst.Break))):
                return True
            if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and _is_stop_call(small.value):
                return True
    return False


def _is_stop_call(call: cst.Call) -> bool:
    name = dotted_name(call.func) or ""
    if name in STOP_CALLS:
        return True
    if isinstance(call.func, cst.Attribute) and call.func.attr.value in STOP_METHODS:
        receiver = (dotted_name(call.func.value) or "").lower()
        return any(word in receiver for word in ("parser", "ctx", "context", "sys", "click", "typer"))
    return False


def _anchored(qualname: str, args: list[cst.BaseExpression]) -> bool:
    if not args:
        return False
    pattern = string_value(args[0])
    if pattern is None:
        return True  # a named pattern: its anchoring cannot be seen here
    if qualname.endswith("fullmatch"):
        return True
    end = pattern.endswith("$") or pattern.endswith("\\Z")
    if qualname.endswith(".match"):
        return end
    return pattern.startswith("^") and end


def _collect_names(node: cst.CSTNode, out: set[str], is_prompt: Callable[[cst.Call], bool]) -> None:
    """A hand-written walk: LibCST's visitor machinery costs too much for the many small checks.

    A prompt's arguments are skipped: `input(f"delete {app_id}?") != "y"` tests the answer, not the ID.
    """
    stack: list[cst.CSTNode] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            out.add(current.value)
        elif isinstance(current, cst.Attribute):
            dotted = dotted_name(current)
            if dotted is not None:
                out.add(dotted)
            stack.append(current.value)  # the attribute's own name is not a variable
        elif isinstance(current, (cst.SimpleString, cst.Integer, cst.Float)):
            continue
        elif isinstance(current, cst.Call):
            stack.append(current.func)
            if not is_prompt(current):
                stack.extend(arg.value for arg in current.args)
        elif isinstance(current, cst.Subscript):
            stack.append(current.value)
            stack.extend(e.slice for e in current.slice)
        elif isinstance(current, cst.Index):
            stack.append(current.value)
        elif isinstance(current, cst.Comparison):
            stack.append(current.left)
            stack.extend(c.comparator for c in current.comparisons)
        elif isinstance(current, (cst.BinaryOperation, cst.BooleanOperation)):
            stack.extend((current.left, current.right))
        elif isinstance(current, cst.UnaryOperation):
            stack.append(current.expression)
        elif isinstance(current, (cst.List, cst.Tuple, cst.Set)):
            stack.extend(e.value for e in current.elements)
        else:
            stack.extend(current.children)  # rarer shapes: LibCST's generic (slower) child list


def field_of(expr: cst.CSTNode) -> tuple[str, str] | None:
    """(`row`, `site_id`) for `row["site_id"]`, `row.get("site_id")` or `row.site_id`: a field read from a record."""
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        key, record = string_value(expr.slice[0].slice.value), dotted_name(expr.value)
    elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get":
        args = positional_args(expr)
        key, record = (string_value(args[0]) if args else None), dotted_name(expr.func.value)
    elif isinstance(expr, cst.Attribute):
        key, record = expr.attr.value, dotted_name(expr.value)
    else:
        return None
    return (record, key) if key is not None and record is not None else None


def _builds_mapping(value: cst.BaseExpression | None) -> bool:
    """`{...}`, `{k: v for ...}`, `dict(...)`."""
    if isinstance(value, cst.Call):
        return dotted_name(value.func) == "dict"
    return isinstance(value, (cst.Dict, cst.DictComp))


def _whole_collection(expr: cst.BaseExpression) -> str | None:
    """`site_ids`, `set(site_ids)`, `sorted(site_ids)`: the collection a loop goes over in full."""
    while isinstance(expr, cst.Call) and dotted_name(expr.func) in WHOLE_WRAPPERS and len(expr.args) == 1:
        expr = expr.args[0].value
    return dotted_name(expr) if isinstance(expr, (cst.Name, cst.Attribute)) else None


def _is_length(expr: cst.BaseExpression) -> bool:
    """`len(instance_id)`, `len(name.split("-"))`."""
    return isinstance(expr, cst.Call) and dotted_name(expr.func) == "len"


def _is_constant(expr: cst.BaseExpression) -> bool:
    if string_value(expr) is not None:
        return True
    name = dotted_name(expr)
    if name is None:
        return False
    last = name.split(".")[-1]
    return last.isupper() or (len(name.split(".")) > 1 and name.split(".")[0][:1].isupper())


def _names(target: cst.BaseExpression) -> list[cst.Name]:
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _names(e.value)]
    return []


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def _root_name(expr: cst.BaseExpression) -> str | None:
    """`resp` for `resp["Reservations"][0].state`."""
    while isinstance(expr, (cst.Subscript, cst.Attribute)):
        expr = expr.value
    return expr.value if isinstance(expr, cst.Name) else None


def _receiver_root(expr: cst.BaseExpression) -> str | None:
    """`instance` for `instance.get("Tags", [])` or `instance["Tags"]`: the record a field is read from."""
    while True:
        if isinstance(expr, (cst.Subscript, cst.Attribute)):
            expr = expr.value
        elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
            expr = expr.func.value
        else:
            return expr.value if isinstance(expr, cst.Name) else None


def _compared_with_bool(test: cst.Comparison) -> bool | None:
    """True for `x is True`/`x == True`, False for `x is False`/`x != True`; None for any other comparison."""
    target = test.comparisons[0]
    value = target.comparator
    if not (isinstance(value, cst.Name) and value.value in ("True", "False")):
        return None
    truth = value.value == "True"
    if isinstance(target.operator, (cst.Is, cst.Equal)):
        return truth
    if isinstance(target.operator, (cst.IsNot, cst.NotEqual)):
        return not truth
    return None
