"""The module's own call graph: which of its functions call (or hand on) which."""

from __future__ import annotations

import libcst as cst

from linter.analysis.model import MODULE_SCOPE, CallSite, FunctionInfo, ModuleAnalysis
from linter.analysis.names import dotted_name, keyword_arg, positional_args

SELF_NAMES = ("self", "cls")


def site_in(call: cst.Call, scope: FunctionInfo | None) -> CallSite:
    """A call seen from `scope`, for asking what it resolves to (not an indexed site: no qualname)."""
    return CallSite(
        node=call,
        callee=dotted_name(call.func),
        qualname=None,
        name=None,
        receiver=call.func.value if isinstance(call.func, cst.Attribute) else None,
        function=scope,
        statement=call,
    )


def chained_onto(analysis: ModuleAnalysis, call: cst.Call, limit: int = 6) -> list[cst.Call]:
    """Calls chained onto a call's result, innermost first: `delete(t).where(t.c.id.in_(ids))`
    -> [the `.where(...)` call]."""
    found: list[cst.Call] = []
    current: cst.CSTNode = call
    for _ in range(limit):
        attribute = analysis.parents.get(current)
        outer = analysis.parents.get(attribute) if isinstance(attribute, cst.Attribute) else None
        if not (isinstance(outer, cst.Call) and outer.func is attribute):
            break
        found.append(outer)
        current = outer
    return found


def passed_argument(call: cst.Call, function: FunctionInfo, name: str) -> cst.BaseExpression | None:
    """What a direct call of `function` passes to its parameter `name`: by keyword, or by position
    among its positional parameters (after `self`/`cls`); None when left out or behind a *args."""
    keyword = keyword_arg(call, name)
    if keyword is not None:
        return keyword.value
    params = function.node.params
    positional = [p.name.value for p in (*params.posonly_params, *params.params)]
    if name not in positional or any(a.star == "*" for a in call.args):
        return None
    index = positional.index(name) - (1 if _is_bound(function) else 0)
    values = positional_args(call)
    return values[index] if 0 <= index < len(values) else None


def first_parameter(function: FunctionInfo) -> str | None:
    """The first parameter a caller passes (after `self`/`cls` for a method)."""
    params = function.node.params
    positional = [p.name.value for p in (*params.posonly_params, *params.params)]
    if _is_bound(function):
        positional = positional[1:]
    return positional[0] if positional else None


def _is_bound(function: FunctionInfo) -> bool:
    """A method called on an instance or class: its first parameter is not passed."""
    return function.class_name is not None and "staticmethod" not in function.decorators


def resolve_local_callee(analysis: ModuleAnalysis, site: CallSite) -> FunctionInfo | None:
    """The module function a call runs, if it is one: `f()`, `self.m()`, `Cls.m()`, `Cls().m()`."""
    func = site.node.func
    if isinstance(func, cst.Name):
        return _lookup_name(analysis, func.value, site.function)
    if not isinstance(func, cst.Attribute):
        return None
    method = func.attr.value
    receiver = func.value
    owner: str | None = None
    if isinstance(receiver, cst.Name) and receiver.value in SELF_NAMES and site.function:
        owner = _owning_class(site.function)
    elif isinstance(receiver, cst.Name) and receiver.value in analysis.classes:
        owner = receiver.value
    elif isinstance(receiver, cst.Call) and dotted_name(receiver.func) in analysis.classes:
        owner = dotted_name(receiver.func)
    elif isinstance(receiver, cst.Call) and dotted_name(receiver.func) == "super" and site.function:
        owner = _owning_class(site.function)
    else:
        owner = _instance_class(analysis, receiver, site.function)
    if owner is None:
        return None
    return _method_in_hierarchy(analysis, owner, method)


def _instance_class(analysis: ModuleAnalysis, receiver: cst.BaseExpression, scope: FunctionInfo | None) -> str | None:
    """The module class of `c` in `c = Cleaner(...); c.run()`, or of `self.c` set in any method."""
    instances = analysis.local_instances
    if isinstance(receiver, cst.Name):
        key = scope.qualname if scope else MODULE_SCOPE
        return instances.get((key, receiver.value)) or instances.get((MODULE_SCOPE, receiver.value))
    text = dotted_name(receiver)
    if text and text.startswith("self.") and text.count(".") == 1 and scope:
        owner = _owning_class(scope)
        return instances.get((f"{owner}.self", text[5:])) if owner else None
    return None


def collect_local_instances(analysis: ModuleAnalysis) -> dict[tuple[str, str], str]:
    """(scope, name) -> class for `name = ModuleClass(...)` and `self.name = ModuleClass(...)`."""
    found: dict[tuple[str, str], str] = {}
    for site in analysis.calls:
        if site.callee not in analysis.classes:
            continue
        parent = analysis.parents.get(site.node)
        if not isinstance(parent, cst.Assign):
            continue
        for target in parent.targets:
            node = target.target
            if isinstance(node, cst.Name):
                scope = site.function.qualname if site.function else MODULE_SCOPE
                found[(scope, node.value)] = site.callee
            elif dotted_name(node) and (dotted_name(node) or "").startswith("self.") and site.function:
                owner = _owning_class(site.function)
                if owner:
                    found[(f"{owner}.self", node.attr.value)] = site.callee  # type: ignore[attr-defined]
    return found


def _owning_class(function: FunctionInfo) -> str | None:
    current: FunctionInfo | None = function
    while current is not None:
        if current.class_name is not None:
            return current.class_name
        current = current.parent
    return None


def _method_in_hierarchy(analysis: ModuleAnalysis, class_name: str, method: str) -> FunctionInfo | None:
    seen: set[str] = set()
    pending = [class_name]
    while pending:
        name = pending.pop(0)
        if name in seen or name not in analysis.classes:
            continue
        seen.add(name)
        cls = analysis.classes[name]
        if method in cls.methods:
            return cls.methods[method]
        pending.extend(cls.bases)
    return None


def _lookup_name(analysis: ModuleAnalysis, name: str, scope: FunctionInfo | None) -> FunctionInfo | None:
    current = scope
    while current is not None:
        nested = analysis.functions.get(f"{current.qualname}.<locals>.{name}")
        if nested is not None:
            return nested
        current = current.parent
    return analysis.functions.get(name)


def handed_on_functions(analysis: ModuleAnalysis, site: CallSite) -> list[FunctionInfo]:
    """Module functions passed as arguments: map(f, xs), pool.submit(f), Thread(target=f), retry(f)."""
    found = []
    for arg in site.node.args:
        value = arg.value
        target: FunctionInfo | None = None
        if isinstance(value, cst.Name):
            target = _lookup_name(analysis, value.value, site.function)
        elif isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name):
            if value.value.value in SELF_NAMES and site.function:
                owner = _owning_class(site.function)
                target = _method_in_hierarchy(analysis, owner, value.attr.value) if owner else None
        if target is not None:
            found.append(target)
    return found


def build_call_graph(analysis: ModuleAnalysis) -> None:
    analysis.local_instances = collect_local_instances(analysis) if analysis.classes else {}
    graph: dict[str, set[str]] = {}
    callers: dict[str, list[CallSite | cst.CSTNode]] = {}
    runs_handed: dict[str, list[cst.Call]] = {}
    for site in analysis.calls:
        scope = site.function.qualname if site.function else MODULE_SCOPE
        if site.function is not None and isinstance(site.node.func, cst.Name):
            if site.node.func.value == first_parameter(site.function):
                runs_handed.setdefault(site.function.qualname, []).append(site.node)
        targets = []
        direct = resolve_local_callee(analysis, site)
        if direct is not None:
            targets.append(direct)
        targets.extend(handed_on_functions(analysis, site))
        for target in targets:
            graph.setdefault(scope, set()).add(target.qualname)
            callers.setdefault(target.qualname, []).append(site)
    analysis.call_graph = graph
    analysis.callers = callers
    analysis.runs_handed = runs_handed
