"""The switches a script takes from outside: argparse, click, typer, argv, env, constants."""

from __future__ import annotations

from functools import cached_property

import libcst as cst

from linter.analysis.model import CallSite, CliOption, FunctionInfo, ModuleAnalysis
from linter.analysis.walk import walk
from linter.analysis.names import (
    UNKNOWN,
    dotted_name,
    keyword_arg,
    literal_value,
    positional_args,
    returns_in,
    string_value,
)

ENV_READS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault"})
# what a config file is read with: `cfg = yaml.safe_load(fh)` ... `cfg.get("dry_run", False)`
CONFIG_LOADERS = frozenset(
    {"json.load", "json.loads", "yaml.safe_load", "yaml.load", "yaml.full_load", "tomllib.load", "toml.load", "tomli.load"}
)
CLICK_OPTION_DECORATORS = frozenset({"click.option", "click.argument", "typer.Option", "typer.Argument"})


def collect_cli_options(analysis: ModuleAnalysis) -> list[CliOption]:
    options: list[CliOption] = []
    configs = _LoadedConfigNames(analysis)
    for site in analysis.calls:
        resolved = site.qualname or ""
        if _is_argparse_style(site.name, site.receiver is not None, resolved) or _is_configargparse_add(site.node, site.name):
            option = _argparse_option(site.node)
        elif resolved in ("click.option", "click.argument"):
            option = _click_option(site.node, analysis)
        elif resolved in ENV_READS:
            option = _env_read(site.node)
        elif site.name == "get" and configs.read_by(site):
            option = _config_read(site.node)
        else:
            option = None
        if option is not None:
            options.append(option)
    options.extend(_typer_params(analysis))
    options.extend(_env_subscripts_and_argv(analysis))
    options.extend(_constants(analysis))
    return options


def _is_argparse_style(name: str | None, has_receiver: bool, resolved: str) -> bool:
    """argparse's add_argument, optparse's add_option and make_option (old Django commands)."""
    if name in ("add_argument", "add_option") and has_receiver:
        return True
    return resolved.endswith("make_option")


def _is_configargparse_add(call: cst.Call, name: str | None) -> bool:
    """configargparse's `p.add("--dry-run", ...)` / `p.add_arg(...)`: a receiver's add of a flag."""
    if name not in ("add", "add_arg") or not isinstance(call.func, cst.Attribute):
        return False
    args = positional_args(call)
    first = string_value(args[0]) if args else None
    return first is not None and first.startswith("-") and len(first) > 1


def _flags(call: cst.Call) -> tuple[str, ...]:
    flags = []
    for arg in positional_args(call):
        value = string_value(arg)
        if value is not None:
            flags.append(value)
    return tuple(flags)


def _dest_from_flags(flags: tuple[str, ...]) -> str:
    longs = [f for f in flags if f.startswith("--")]
    chosen = (longs or list(flags) or [""])[0]
    chosen = chosen.split("/")[0]
    return chosen.lstrip("-").replace("-", "_")


def _argparse_option(call: cst.Call) -> CliOption | None:
    flags = _flags(call)
    if not flags:
        return None
    dest_arg = keyword_arg(call, "dest")
    dest = string_value(dest_arg.value) if dest_arg else None
    action_arg = keyword_arg(call, "action")
    action: str | None = None
    if action_arg is not None:
        action = string_value(action_arg.value) or dotted_name(action_arg.value)
    default_arg = keyword_arg(call, "default")
    is_flag = action in ("store_true", "store_false") or (action or "").endswith("BooleanOptionalAction")
    const_arg = keyword_arg(call, "const")
    const = literal_value(const_arg.value) if const_arg is not None else None
    if action == "store_const" and isinstance(const, bool):
        is_flag = True  # action="store_const", const=True: a store_true spelled out
    if default_arg is not None:
        default = literal_value(default_arg.value)
    elif action == "store_const" and isinstance(const, bool):
        default = None  # argparse's default: off for const=True
    elif action == "store_true":
        default = False
    elif action == "store_false":
        default = True
    else:
        default = None
    choices_arg = keyword_arg(call, "choices")
    type_arg = keyword_arg(call, "type")
    nargs_arg = keyword_arg(call, "nargs")
    return CliOption(
        dest=dest or _dest_from_flags(flags),
        flags=flags,
        source="argparse",
        node=call,
        default=default,
        has_default=default_arg is not None or action in ("store_true", "store_false"),
        is_flag=is_flag,
        action=action,
        choices=_choices(choices_arg.value) if choices_arg else None,
        typed_choices=choices_arg is not None,
        type_name=(dotted_name(type_arg.value) or "?") if type_arg else None,
        multiple=nargs_arg is not None or action in ("append", "extend"),
        required=_required(call) or not any(f.startswith("-") for f in flags),
    )


def _required(call: cst.Call) -> bool:
    required = keyword_arg(call, "required")
    return required is not None and literal_value(required.value) is True


def _choices(expr: cst.BaseExpression) -> tuple[object, ...]:
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        return tuple(literal_value(e.value) for e in expr.elements)
    return (UNKNOWN,)


def _click_option(call: cst.Call, analysis: ModuleAnalysis) -> CliOption | None:
    flags = _flags(call)
    if not flags:
        return None
    names = [f for f in flags if not f.startswith("-")]
    dashed = [f for f in flags if f.startswith("-")]
    dest = names[0] if names else _dest_from_flags(tuple(dashed))
    is_flag_arg = keyword_arg(call, "is_flag")
    is_pair = any("/" in f for f in dashed)
    default_arg = keyword_arg(call, "default")
    default = literal_value(default_arg.value) if default_arg else None
    is_flag = bool(is_flag_arg and literal_value(is_flag_arg.value) is True) or is_pair
    if is_flag and default_arg is None:
        default = False
    type_arg = keyword_arg(call, "type")
    choices: tuple[object, ...] | None = None
    typed = False
    if type_arg is not None and isinstance(type_arg.value, cst.Call):
        if (dotted_name(type_arg.value.func) or "").endswith("Choice"):
            inner = positional_args(type_arg.value)
            choices = _choices(inner[0]) if inner else (UNKNOWN,)
            typed = True
    multiple_arg = keyword_arg(call, "multiple")
    nargs_arg = keyword_arg(call, "nargs")
    return CliOption(
        dest=dest,
        flags=tuple(dashed) or tuple(names),
        source="click",
        node=call,
        default=default,
        has_default=default_arg is not None or is_flag,
        is_flag=is_flag,
        choices=choices,
        typed_choices=typed,
        type_name=(dotted_name(type_arg.value) if type_arg else None),
        multiple=bool(multiple_arg and literal_value(multiple_arg.value) is True)
        or bool(nargs_arg and literal_value(nargs_arg.value) not in (1, UNKNOWN)),
        secondary_default_on=is_pair and default is True,
        function=_decorated_function(call, analysis),
    )


def _decorated_function(call: cst.Call, analysis: ModuleAnalysis) -> FunctionInfo | None:
    parent = analysis.parents.get(call)
    if isinstance(parent, cst.Decorator):
        owner = analysis.parents.get(parent)
        if isinstance(owner, cst.FunctionDef):
            return analysis.function_by_node.get(owner)
    return None


def _is_typer_command(info: FunctionInfo, analysis: ModuleAnalysis, typer_run_targets: set[str]) -> bool:
    if info.name in typer_run_targets:
        return True
    for decorator in info.node.decorators:
        expr = decorator.decorator
        func = expr.func if isinstance(expr, cst.Call) else expr
        text = dotted_name(func) or ""
        if text.endswith(".command") or text.endswith(".callback"):
            root = text.split(".")[0]
            if root not in ("click",) and not (analysis.imports.resolve(root) or "").startswith("click"):
                return True
    return False


def _typer_params(analysis: ModuleAnalysis) -> list[CliOption]:
    if not any((q or "").startswith("typer") for q in analysis.imports.aliases.values()):
        return []
    run_targets = set()
    for site in analysis.calls:
        if site.qualname == "typer.run":
            for arg in positional_args(site.node):
                if isinstance(arg, cst.Name):
                    run_targets.add(arg.value)
    options = []
    for info in analysis.functions.values():
        if not _is_typer_command(info, analysis, run_targets):
            continue
        for param in (*info.node.params.params, *info.node.params.kwonly_params):
            options.append(_typer_param(param, info, analysis))
    return options


def _typer_param(param: cst.Param, info: FunctionInfo, analysis: ModuleAnalysis) -> CliOption:
    annotation = dotted_name(param.annotation.annotation) if param.annotation else None
    default_expr = param.default
    flags: tuple[str, ...] = ()
    default = literal_value(default_expr) if default_expr is not None else None
    multiple = False
    if isinstance(default_expr, cst.Call) and (analysis.imports.resolve_expr(default_expr.func) or "").startswith(
        "typer."
    ):
        args = positional_args(default_expr)
        default_kw = keyword_arg(default_expr, "default")
        if default_kw is not None:
            default = literal_value(default_kw.value)
        elif args:
            default = literal_value(args[0])
            flags = tuple(s for s in (string_value(a) for a in args[1:]) if s)
        else:
            default = None
    if param.annotation is not None:
        ann_text = analysis.code(param.annotation.annotation)
        multiple = ann_text.startswith(("list", "List", "typing.List", "tuple", "Tuple"))
    name = param.name.value
    is_flag = annotation == "bool"
    return CliOption(
        dest=name,
        flags=flags or (f"--{name.replace('_', '-')}",),
        source="typer",
        node=param,
        default=default,
        has_default=default_expr is not None,
        is_flag=is_flag,
        type_name=annotation,
        multiple=multiple,
        secondary_default_on=is_flag and default is True,
        function=info,
    )


def _env_read(call: cst.Call) -> CliOption | None:
    args = positional_args(call)
    if not args:
        return None
    name = string_value(args[0])
    if name is None:
        return None
    default = literal_value(args[1]) if len(args) > 1 else None
    return CliOption(
        dest=name,
        flags=(name,),
        source="env",
        node=call,
        default=default,
        has_default=len(args) > 1,
    )


class _LoadedConfigNames:
    """Which names hold a loaded config file, per function (walked once each, on first need)."""

    def __init__(self, analysis: ModuleAnalysis) -> None:
        self.analysis = analysis
        self._by_scope: dict[cst.CSTNode, set[str]] = {}

    def read_by(self, site: CallSite) -> bool:
        """`cfg.get(...)` where `cfg` was assigned what a config loader returned (in this function
        or at module level)."""
        if not isinstance(site.receiver, cst.Name) or not self._loads_any:
            return False
        name = site.receiver.value
        return name in self._names(site.function.node if site.function is not None else None) or name in self._names(None)

    @cached_property
    def _loads_any(self) -> bool:
        return any(site.qualname in CONFIG_LOADERS for site in self.analysis.calls)

    def _names(self, function: cst.FunctionDef | None) -> set[str]:
        key: cst.CSTNode = function if function is not None else self.analysis.module
        found = self._by_scope.get(key)
        if found is None:
            loaded = _LoadedConfigs(self.analysis)
            walk(function.body if function is not None else self.analysis.module, loaded)
            found = self._by_scope[key] = loaded.names
        return found


def _loads_config(value: cst.BaseExpression, analysis: ModuleAnalysis, through_helper: bool = True) -> bool:
    """`yaml.safe_load(fh)`, also `yaml.safe_load(fh) or {}` (an empty file loads None), or a call of
    the module's own function that returns one (`plan = load_plan(path)`)."""
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        value = value.left
    if not isinstance(value, cst.Call):
        return False
    if analysis.imports.resolve_expr(value.func) in CONFIG_LOADERS:
        return True
    helper = analysis.functions.get(value.func.value) if isinstance(value.func, cst.Name) else None
    if helper is None or not through_helper:
        return False
    returns = returns_in(helper.node.body)
    return any(r.value is not None and _loads_config(r.value, analysis, through_helper=False) for r in returns)


class _LoadedConfigs(cst.CSTVisitor):
    def __init__(self, analysis: ModuleAnalysis) -> None:
        super().__init__()
        self.analysis = analysis
        self.names: set[str] = set()

    def visit_Assign(self, node: cst.Assign) -> None:
        if _loads_config(node.value, self.analysis):
            self.names.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # another scope


def _config_read(call: cst.Call) -> CliOption | None:
    args = positional_args(call)
    name = string_value(args[0]) if args else None
    if name is None:
        return None
    default = literal_value(args[1]) if len(args) > 1 else None
    return CliOption(dest=name, flags=(name,), source="config", node=call, default=default, has_default=len(args) > 1)


def _env_subscripts_and_argv(analysis: ModuleAnalysis) -> list[CliOption]:
    options = []
    for node in analysis.environ_subscripts:
        if analysis.imports.resolve_expr(node.value) != "os.environ" or len(node.slice) != 1:
            continue
        element = node.slice[0].slice
        name = string_value(element.value) if isinstance(element, cst.Index) else None
        if name:
            options.append(CliOption(dest=name, flags=(name,), source="env", node=node))
    for test in analysis.membership_tests:
        name = string_value(test.left)
        if name is None:
            continue
        for target in test.comparisons:
            resolved = analysis.imports.resolve_expr(target.comparator)
            if resolved == "sys.argv" or is_argv(target.comparator, analysis):
                options.append(_argv_switch((name,), test))
            elif resolved == "os.environ":
                options.append(CliOption(dest=name, flags=(name,), source="env", node=test))
    options.extend(_argv_any_switches(analysis))
    return options


def is_argv(expr: cst.BaseExpression, analysis: ModuleAnalysis) -> bool:
    """`sys.argv`, or a slice of it (`sys.argv[1:]`): the words the script was run with."""
    while isinstance(expr, cst.Subscript) and all(isinstance(e.slice, cst.Slice) for e in expr.slice):
        expr = expr.value
    return analysis.imports.resolve_expr(expr) == "sys.argv"


def _argv_switch(flags: tuple[str, ...], node: cst.CSTNode) -> CliOption:
    longs = [f for f in flags if f.startswith("--")] or list(flags)
    return CliOption(
        dest=longs[0].lstrip("-").replace("-", "_"),
        flags=flags,
        source="argv",
        node=node,
        default=False,
        has_default=True,
        is_flag=True,
    )


def _argv_any_switches(analysis: ModuleAnalysis) -> list[CliOption]:
    """`any(a in ("-n", "--dry-run") for a in sys.argv[1:])`: one switch with several spellings."""
    found = []
    for site in analysis.calls:
        args = positional_args(site.node)
        if site.callee != "any" or len(args) != 1 or not isinstance(args[0], cst.GeneratorExp):
            continue
        generator = args[0]
        test = generator.elt
        if generator.for_in.inner_for_in is not None or not is_argv(generator.for_in.iter, analysis):
            continue
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.comparisons[0].operator, cst.In):
            words = test.comparisons[0].comparator
            flags = tuple(
                v for e in getattr(words, "elements", ()) if (v := string_value(e.value)) is not None and v.startswith("-")
            )
            if flags:
                found.append(_argv_switch(flags, site.node))
    return found


def _constants(analysis: ModuleAnalysis) -> list[CliOption]:
    options = []
    for name, values in analysis.module_assignments.items():
        if not name.isupper() or len(values) != 1:
            continue
        value = literal_value(values[0])
        if isinstance(value, bool):
            options.append(
                CliOption(
                    dest=name,
                    flags=(name,),
                    source="constant",
                    node=values[0],
                    default=value,
                    has_default=True,
                    is_flag=True,
                )
            )
    return options
