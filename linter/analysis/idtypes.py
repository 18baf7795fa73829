"""Typed and untyped ID values: ID names, distinct ID types, annotations.

A value holds IDs when its name says so (`site_ids`, `app_id`, patterns from
`ids.names`/`ids.single_names`). It is *typed* when its element type is a
distinct ID type (a `NewType`, an ID class, an `Enum`, a `Literal`, an
`Annotated[..., validator]`) and *untyped* when it is a plain builtin.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import lru_cache

import libcst as cst

from linter.analysis.model import ModuleAnalysis
from linter.analysis.names import dotted_name, string_value

# Element types that say nothing about which kind of ID a value is.
PLAIN_TYPES = frozenset(
    {"str", "int", "bytes", "float", "object", "Any", "typing.Any", "UUID", "uuid.UUID", "Text", "typing.Text"}
)
# Containers whose subscript is the element type.
CONTAINERS = frozenset(
    {
        "list", "List", "set", "Set", "frozenset", "FrozenSet", "tuple", "Tuple", "Sequence", "MutableSequence",
        "Iterable", "Iterator", "Collection", "AbstractSet", "MutableSet", "Generator", "deque", "Deque",
    }
)
WRAPPERS = frozenset({"Optional", "Union", "Final", "ClassVar"})
TYPED_FORMS = frozenset({"Literal", "Annotated"})
ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum", "enum.Enum", "enum.StrEnum", "enum.IntEnum"})
VALUE_BASES = frozenset({"str", "int", "UUID", "uuid.UUID", "BaseModel", "pydantic.BaseModel", "RootModel"})
RECORD_DECORATORS = ("dataclass", "attr.s", "attrs", "define", "frozen", "attr.define", "attr.frozen")


@lru_cache(maxsize=4096)
def name_matches(name: str, patterns: tuple[str, ...]) -> bool:
    """Match an identifier against ID name globs.

    Lower-case globs (`*_ids`) match case-insensitively, with `-` read as `_`,
    so `APP_IDS` and `app-ids` count; globs with capitals (`*Ids`) are camelCase
    patterns and match case-sensitively, reading a trailing `ID`/`IDs` as
    `Id`/`Ids` so `siteID` and `SiteIDs` count too.
    """
    lowered = name.lower().replace("-", "_")
    camel = name.replace("IDs", "Ids").replace("ID", "Id")
    for pattern in patterns:
        if pattern.lower() == pattern:
            if fnmatchcase(lowered, pattern):
                return True
        elif fnmatchcase(name, pattern) or fnmatchcase(camel, pattern):
            return True
    return False


class IdTypes:
    """The distinct ID types a module declares or imports."""

    def __init__(self, analysis: ModuleAnalysis) -> None:
        self.analysis = analysis
        self.single_names = analysis.settings.ids.single_names
        self.newtypes = self._newtypes()
        self.classes = self._id_classes()

    def _newtypes(self) -> set[str]:
        found = set()
        for name, values in self.analysis.module_assignments.items():
            for value in values:
                if isinstance(value, cst.Call) and (dotted_name(value.func) or "").split(".")[-1] == "NewType":
                    found.add(name)
        return found

    def _id_classes(self) -> set[str]:
        found = set()
        for name, info in self.analysis.classes.items():
            bases = {self.analysis.imports.resolve(b) or b for b in info.bases} | set(info.bases)
            decorators = {dotted_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator) or ""
                          for d in info.node.decorators}
            if bases & ENUM_BASES or bases & VALUE_BASES:
                found.add(name)
            elif any(d.endswith(RECORD_DECORATORS) for d in decorators) and self.is_id_named_type(name):
                found.add(name)
        return found

    def is_id_named_type(self, name: str) -> bool:
        """`AppId`, `SiteID`: a capitalised name the single-ID patterns match."""
        last = name.split(".")[-1]
        return bool(last[:1].isupper()) and name_matches(last, self.single_names)

    def is_id_type(self, name: str | None) -> bool:
        if not name or name in PLAIN_TYPES:
            return False
        last = name.split(".")[-1]
        return last in self.newtypes or last in self.classes or self.is_id_named_type(name)

    def constructs_id(self, call: cst.Call) -> bool:
        """`AppId(x)`, `AppId.parse(x)`, `SiteId.from_str(x)`: the value becomes a distinct ID type."""
        func = call.func
        name = dotted_name(func)
        if name is None:
            return False
        if self.is_id_type(name):
            return True
        if isinstance(func, cst.Attribute):
            owner = dotted_name(func.value)
            return self.is_id_type(owner) and owner is not None and owner.split(".")[-1][:1].isupper()
        return False

    def annotation_typed(self, annotation: cst.BaseExpression | None) -> bool | None:
        """True: a distinct ID element type; False: a plain builtin; None: no annotation or unknown."""
        if annotation is None:
            return None
        if isinstance(annotation, (cst.SimpleString, cst.ConcatenatedString)):
            text = string_value(annotation)
            if not text:
                return None
            try:
                annotation = cst.parse_expression(text)
            except Exception:  # noqa: BLE001 - a string that is no expression says nothing
                return None
        return self._element_typed(annotation)

    def _element_typed(self, expr: cst.BaseExpression) -> bool | None:
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.BitOr):
            left, right = self._element_typed(expr.left), self._element_typed(expr.right)
            return _combine(left, right)
        if isinstance(expr, cst.Name) and expr.value == "None":
            return None
        if isinstance(expr, cst.Subscript):
            outer = (dotted_name(expr.value) or "").split(".")[-1]
            elements = [e.slice.value for e in expr.slice if isinstance(e.slice, cst.Index)]
            if outer == "Annotated" and elements and any(_is_cli_metadata(e) for e in elements[1:]):
                return self._element_typed(elements[0])  # typer's Annotated[list[str], typer.Option()]
            if outer in TYPED_FORMS:
                return True
            if outer in WRAPPERS:
                result: bool | None = None
                for element in elements:
                    result = _combine(result, self._element_typed(element))
                return result
            if outer in CONTAINERS and elements:
                return self._element_typed(elements[0])
            if outer in ("dict", "Dict", "Mapping"):
                return None
            return None
        name = dotted_name(expr)
        if name is None:
            return None
        if name in PLAIN_TYPES or name.split(".")[-1] in CONTAINERS:
            return False
        if self.is_id_type(name):
            return True
        if name.split(".")[-1][:1].isupper():
            return True  # an imported or declared class: a distinct type
        return None

    def option_type_typed(self, type_expr: cst.BaseExpression | None) -> bool:
        """Does an argparse/click `type=` turn the value into something more than plain text?"""
        if type_expr is None:
            return False
        name = dotted_name(type_expr)
        if name is not None:
            last = name.split(".")[-1]
            return not (name in PLAIN_TYPES or last in ("STRING", "INT", "UUID", "str", "int") or name == "click.UUID")
        if isinstance(type_expr, cst.Call):
            callee = (dotted_name(type_expr.func) or "").split(".")[-1]
            return callee not in ("File", "Path", "STRING")
        return True


def _is_cli_metadata(expr: cst.BaseExpression) -> bool:
    """`typer.Option(...)`, `typer.Argument(...)`: option metadata, not a validator."""
    if isinstance(expr, cst.Call):
        return (dotted_name(expr.func) or "").split(".")[-1] in ("Option", "Argument")
    return False


def _combine(left: bool | None, right: bool | None) -> bool | None:
    if left is False or right is False:
        return False
    if left is True or right is True:
        return True
    return None

