"""Decide, before LibCST, whether a file can have any finding at all.

LibCST parses about ten times slower than CPython's own parser, and most files
in a real repository never call anything destructive. Two cheap, sound stages
keep those files away from LibCST:

1. **Tokens.** Every catalog entry and custom rule needs a call whose name (or
   qualified name) contains a literal identifier piece of its glob
   (`rmtree`, `delete_`, `terminate_instances`), a shell call (`subprocess`,
   `os.system`, `os.popen`) or an SQL call (`execute`, `read_sql`, ...).
   Suppression comments need `opslint`. One case-insensitive regex over the
   text finds any of them; a file with none cannot produce a rule finding.
2. **Candidate calls.** Many files contain the word `delete` somewhere without
   calling anything the catalog matches. CPython's `ast` (which we parse
   anyway for an exact OPS001) lists the calls; their names and import-resolved
   qualified names are matched against the same globs the catalog matcher
   uses, over-approximating receivers, arguments and regexes.

Soundness rests on one property of the rules: every rule outside
`CATALOG_GATED_RULES` might fire without a destructive call, so if any such
rule is enabled the prefilter turns itself off (every file goes to LibCST).
OPS000/OPS001/OPS002 are the engine's: OPS002 needs an `opslint` comment (a
token), OPS001 comes from `ast.parse` here and OPS000 needs an analysis.

This module must not import LibCST: a run whose files it rejects never pays
for that import.
"""

from __future__ import annotations

import ast
import fnmatch
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Sequence

from linter.ast_walk import cpython_parse as _ast_parse
from linter.ast_walk import iter_nodes
from linter.config.model import Match, Settings
from linter.known_calls import HTTP_CALLS, SHELL_CALLS, SQL_METHODS

try:  # the regex parser: re._parser from 3.11, sre_parse before
    from re import _parser as _regex_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _regex_parser  # type: ignore[no-redef]
_LITERAL = _regex_parser.LITERAL if hasattr(_regex_parser, "LITERAL") else _regex_parser._constants.LITERAL

# Rules (other than the engine's) verified to report only at, or about, a call
# the catalog or a custom rule matches. A rule not listed here disables the
# prefilter while it is enabled: unknown means unsafe.
CATALOG_GATED_RULES = frozenset(
    {
        "OPS101", "OPS102", "OPS103",
        "OPS201", "OPS202", "OPS203", "OPS204",
        "OPS301", "OPS302",
    }
)
ENGINE_RULES = frozenset({"OPS000", "OPS001", "OPS002"})

SUPPRESSION_TOKEN = "opslint"
_SHELL_TOKENS = ("subprocess", "system", "popen")
_SQL_TOKENS = ("execute", "exec_driver_sql", "read_sql")
# a glob's wildcard pieces: `*`, `?`, a `[...]` class, and the `.` between segments
_GLOB_BREAK = re.compile(r"\[[^\]]*\]|[*?.]")
_IDENTIFIER_PIECE = re.compile(r"\w+")


class CallGate:
    """Could a call with this name / qualified name match any of these matches? Never a false no.

    Receivers, arguments and command/SQL text only narrow a match further, so
    they are left out: the catalog matcher decides those.
    """

    def __init__(self, matches: Sequence[Match]) -> None:
        plain = [m for m in matches if not m.args]
        self.method_globs = tuple(sorted({g for m in plain for g in m.method}))
        self.call_globs = tuple(sorted({g for m in plain for g in m.call}))
        # `request` with args {0: DELETE}: the call can match only in a file that spells "delete"
        self.argued = tuple(
            (_glob_regex(m.method), _glob_regex(m.call), tuple(str(v).lower() for _, v in m.args))
            for m in matches
            if m.args
        )
        self.shell = any(m.command is not None for m in matches)
        self.sql = any(m.sql is not None for m in matches)
        # a literal word each command / SQL regex needs in the string it reads (None: no such word)
        self.shell_words = _needs([m.command for m in matches if m.command is not None])
        self.sql_words = _needs([m.sql for m in matches if m.sql is not None])
        self.url = any(m.url is not None for m in matches)
        # per url entry, every word requirement its regex has (None: one that needs no word)
        self.url_needs = [required_word_options(m.url) for m in matches if m.url is not None]
        self._method = _glob_regex(self.method_globs)
        self._call = _glob_regex(self.call_globs)

    def may_match(
        self,
        name: str | None,
        qualnames: Iterable[str],
        strings: Callable[[], str] | None = None,
        url: Callable[[], str] | None = None,
    ) -> bool:
        """`strings`, if given, returns the file's string constants (lower-cased): a command or
        SQL entry can only match a call if the file spells the entry's required word somewhere.
        `url`, if given, returns the literal text of the call's URL argument, when that is all the
        matcher can read there (no names it could follow to other constants)."""
        if name is None:
            return False
        if self._method is not None and self._method.match(name):
            return True
        if self.sql and name in SQL_METHODS and _spelled(self.sql_words, strings):
            return True
        if self.url and name in HTTP_CALLS and _spelled_url(self.url_needs, url or strings):
            return True
        for qualname in qualnames:
            if self._call is not None and self._call.match(qualname):
                return True
            if self.shell and qualname in SHELL_CALLS and _spelled(self.shell_words, strings):
                return True
        return any(
            ((method is not None and method.match(name)) or (call is not None and any(call.match(q) for q in qualnames)))
            and _spelled_all(values, strings)
            for method, call, values in self.argued
        )


def _needs(patterns: list[str]) -> tuple[str, ...] | None:
    """Words one of which any of `patterns` needs; None if some pattern needs none."""
    words: set[str] = set()
    for pattern in patterns:
        found = required_words(pattern)
        if found is None:
            return None
        words.update(found)
    return tuple(sorted(words))


def _spelled_all(words: tuple[str, ...], strings: Callable[[], str] | None) -> bool:
    if strings is None:
        return True
    text = strings()
    return all(word in text for word in words)


def _spelled_url(needs: list[list[tuple[str, ...]] | None], text: Callable[[], str] | None) -> bool:
    """Could some url entry match: does the text meet every word requirement of its regex?"""
    if text is None or any(options is None for options in needs):
        return True
    seen = text()
    return any(all(any(word in seen for word in words) for words in options or ()) for options in needs)


def _spelled(words: tuple[str, ...] | None, strings: Callable[[], str] | None) -> bool:
    if strings is None or words is None:
        return True
    text = strings()
    return any(word in text for word in words)


def required_words(pattern: str) -> tuple[str, ...] | None:
    """Words (letters, digits, `_`, `-`; lower-cased) one of which every match of `pattern` contains.

    Read from the parsed regex: literal runs of the top-level sequence, mandatory
    groups and repeats, and alternations whose every branch needs a word. None
    when no such word can be proven.
    """
    try:
        parsed = _regex_parser.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    return _sequence_words(list(parsed))


def required_word_options(pattern: str) -> list[tuple[str, ...]] | None:
    """Every requirement `required_words` chooses among: each match of `pattern` contains a
    word of each tuple (`slack\\.com/api/files\\.delete` needs slack, com, api, files and delete)."""
    try:
        parsed = _regex_parser.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    return _sequence_options(list(parsed)) or None


def _sequence_words(items: list[Any]) -> tuple[str, ...] | None:
    options = _sequence_options(items)
    # the most selective requirement: the one whose shortest word is longest
    return max(options, key=lambda words: min(len(w) for w in words)) if options else None


def _sequence_options(items: list[Any]) -> list[tuple[str, ...]]:
    options: list[tuple[str, ...]] = []
    current = ""
    for opcode, argument in items + [(None, None)]:
        char = chr(argument) if opcode is _LITERAL else ""
        if char and (char.isalnum() or char in "_-"):
            current += char.lower()
            continue
        if current:
            options.append((current,))
        current = ""
        inner = _item_words(opcode, argument)
        if inner:
            options.append(inner)
    return options


def _item_words(opcode: Any, argument: Any) -> tuple[str, ...] | None:
    name = str(opcode)
    if name == "SUBPATTERN":
        return _sequence_words(list(argument[-1]))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and argument[0] >= 1:
        return _sequence_words(list(argument[2]))
    if name == "BRANCH":
        branches = [_sequence_words(list(branch)) for branch in argument[1]]
        if all(branches):
            return tuple(sorted({w for words in branches if words for w in words}))
    return None


def _glob_regex(globs: Sequence[str]) -> re.Pattern[str] | None:
    """One regex equal to `any(fnmatchcase(text, g) for g in globs)`."""
    if not globs:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(g)})" for g in globs))


_GATES: dict[int, tuple[object, CallGate]] = {}


def gate_for(entries: Sequence[Any]) -> CallGate:
    """The gate of a catalog (CatalogEntry sequence), built once per catalog object."""
    cached = _GATES.get(id(entries))
    if cached is None or cached[0] is not entries:
        cached = (entries, CallGate([entry.match for entry in entries]))
        _GATES[id(entries)] = cached
    return cached[1]


@dataclass(frozen=True)
class Prefilter:
    """What one settings object needs from a file. Picklable (workers rebuild nothing)."""

    active: bool
    tokens: tuple[str, ...] = ()
    gate: CallGate | None = None

    def may_match_text(self, text: str) -> bool:
        """Stage 1: does the text hold any token a finding needs?"""
        return not self.active or _contains_any(text.lower(), self.tokens)

    def has_candidate_call(self, tree: ast.AST) -> bool:
        """Stage 2: could any call in the tree match a catalog entry or custom rule?"""
        if not self.active or self.gate is None:
            return True
        aliases = _import_aliases(tree)
        gate = self.gate
        strings: list[str] = []

        def string_constants() -> str:
            if not strings:
                strings.append(_string_constants(tree))
            return strings[0]

        for node in iter_nodes(tree):
            if type(node) is ast.Call:
                # the callee, and a function handed to the call to run (pool.submit(ec2.delete_volume, v))
                for func in (node.func, _passed_function(node)):
                    if func is None:
                        continue
                    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
                    url = _literal_url(node, name) if func is node.func and name in HTTP_CALLS else None
                    if gate.may_match(name, _qualnames(func, aliases), string_constants, url):
                        return True
        return False


def _literal_url(call: ast.Call, name: str | None) -> Callable[[], str] | None:
    """The lower-cased literal text of an HTTP call's URL argument when it names no variable
    (`d.get("key")`: "key"), so a url entry's word must be in it; None when a name could bring
    in other text (the matcher follows names to their constants) or there is no URL argument."""
    url = next((k.value for k in call.keywords if k.arg == "url"), None)
    if url is None:
        position = 1 if name == "request" else 0
        url = call.args[position] if len(call.args) > position else None
    if url is None or any(type(node) is ast.Name for node in ast.walk(url)):
        return None
    text = " ".join(n.value for n in ast.walk(url) if type(n) is ast.Constant and isinstance(n.value, str)).lower()
    return lambda: text


def _passed_function(call: ast.Call) -> ast.expr | None:
    """The function reference a call is handed as its first argument or `target=` (the shape
    linter.analysis.catalog_match treats as a call of that function)."""
    if call.args:
        first = call.args[0]
        return first if isinstance(first, (ast.Name, ast.Attribute)) else None
    for keyword in call.keywords:
        if keyword.arg == "target" and isinstance(keyword.value, (ast.Name, ast.Attribute)):
            return keyword.value
    return None


def _string_constants(tree: ast.AST) -> str:
    """Every str/bytes constant of the module, escapes evaluated and implicit concatenation joined, lower-cased.

    The catalog matcher reads command and SQL text from literals (LibCST's
    evaluated_value; bytes as latin-1), so any word it can see is in here.
    """
    parts = []
    for node in iter_nodes(tree):
        if type(node) is ast.Constant:
            if isinstance(node.value, str):
                parts.append(node.value)
            elif isinstance(node.value, bytes):
                parts.append(node.value.decode("latin-1"))
    return "\n".join(parts).lower()


def _contains_any(lowered: str, tokens: tuple[str, ...]) -> bool:
    # str `in` per token beats one big alternation regex by far: re has no
    # multi-literal search, and minimal_tokens keeps the list short
    return any(token in lowered for token in tokens)


def minimal_tokens(tokens: Iterable[str]) -> tuple[str, ...]:
    """Lower-cased tokens without those that contain another token (`delete` covers `delete_user`)."""
    lowered = sorted({t.lower() for t in tokens}, key=lambda t: (len(t), t))
    kept: list[str] = []
    for token in lowered:
        if not any(shorter in token for shorter in kept):
            kept.append(token)
    return tuple(kept)


def glob_token(glob: str) -> str | None:
    """A literal identifier piece every name matching `glob` contains.

    Each dot-separated segment of a qualified name is one identifier of the
    source text, so a literal piece of a segment glob appears in the text.
    None when the glob has no literal piece (`*`): nothing to look for.
    """
    pieces = [p for part in _GLOB_BREAK.split(glob) for p in _IDENTIFIER_PIECE.findall(part)]
    if not pieces:
        return None
    # any piece is sound; the last (the function's own name) is the rarest in
    # real code, unless it is too short to say much (`os.rm*`)
    return pieces[-1] if len(pieces[-1]) >= 4 else max(pieces, key=len)


def _match_tokens(match: Match) -> tuple[list[str], bool]:
    """Tokens for one match, and whether they make a sound gate."""
    if match.call or match.method:
        tokens = [glob_token(g) for g in (*match.call, *match.method)]
        return [t for t in tokens if t], all(tokens)
    if match.command is not None:
        return list(_SHELL_TOKENS), True
    if match.sql is not None:
        return list(_SQL_TOKENS), True
    if match.url is not None:
        # the URL is read from the file's literals, so a word its regex needs is in the text
        words = required_words(match.url)
        return list(words or ()), words is not None
    return [], True  # matches nothing


def build_prefilter(settings: Settings, rule_ids: Iterable[str]) -> Prefilter:
    """The prefilter for these settings; inactive when a gate cannot be proven sound.

    `rule_ids` are the built-in rule IDs (linter.checks.known_rule_names()).
    """
    from linter.selection import rule_enabled

    ungated = [r for r in rule_ids if r not in CATALOG_GATED_RULES | ENGINE_RULES and rule_enabled(r, settings)]
    if ungated:
        return Prefilter(active=False)
    matches: list[Match] = [entry.match for entry in settings.catalog]
    matches += [rule.match for rule in settings.custom_rules]
    tokens = {SUPPRESSION_TOKEN}
    for match in matches:
        found, sound = _match_tokens(match)
        if not sound:
            return Prefilter(active=False)
        tokens.update(found)
    return Prefilter(active=True, tokens=minimal_tokens(tokens), gate=CallGate(matches))


# -- the light import resolution, mirroring linter.analysis.imports.ImportMap ----------


def _import_aliases(tree: ast.AST) -> dict[str, set[str]]:
    """Local name -> every qualified name an import may bind it to.

    A set, not one value: `ast.walk` is breadth-first, so the order in which
    ImportMap sees rebinding imports is not known here; keeping all of them
    over-approximates safely.
    """
    aliases: dict[str, set[str]] = {}
    for node in _statements(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases.setdefault(alias.asname, set()).add(alias.name)
                else:
                    head = alias.name.split(".")[0]
                    aliases.setdefault(head, set()).add(head)
        elif isinstance(node, ast.ImportFrom):
            prefix = "." * (node.level or 0) + (node.module or "")
            for alias in node.names:
                if alias.name == "*":
                    continue
                local = alias.asname or alias.name
                aliases.setdefault(local, set()).add(f"{prefix}.{alias.name}" if prefix else alias.name)
    return aliases


def _statements(tree: ast.AST) -> Iterator[ast.stmt]:
    """Every statement, nested ones included, without visiting expressions (imports are statements)."""
    pending: list[list[ast.stmt]] = [list(getattr(tree, "body", []))]
    while pending:
        for statement in pending.pop():
            yield statement
            for name in ("body", "orelse", "finalbody"):
                block = getattr(statement, name, None)
                if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                    pending.append(block)
            for holder in (*getattr(statement, "handlers", ()), *getattr(statement, "cases", ())):
                pending.append(list(holder.body))


def _dotted(expr: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        parts.append(expr.id)
        return ".".join(reversed(parts))
    return None


def _qualnames(func: ast.expr, aliases: dict[str, set[str]]) -> Sequence[str]:
    dotted = _dotted(func)
    if dotted is None:
        return ()
    head, _, rest = dotted.partition(".")
    targets = aliases.get(head)
    if not targets:
        return ()
    return [f"{t}.{rest}" if rest else t for t in targets]


# -- the per-file decision ----------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """`needs_libcst` False means: no finding is possible and the file parses."""

    needs_libcst: bool
    stage: str  # "tokens" | "calls" | "libcst"
    tree: ast.AST | None = field(default=None, compare=False)  # CPython's tree, handed on to the engine


def examine(text: str, prefilter: Prefilter) -> Verdict:
    if not prefilter.active:
        return Verdict(True, "libcst")
    lowered = text.lower()
    hit = _contains_any(lowered, prefilter.tokens)
    if hit and SUPPRESSION_TOKEN in lowered:
        return Verdict(True, "libcst")  # suppression comments are the engine's to judge
    tree = _ast_parse(text)
    if tree is None:
        # CPython rejects it: the full path gives the same OPS001 (it asks
        # CPython for the message) or, if LibCST is more lenient, the findings
        return Verdict(True, "libcst")
    if not hit:
        return Verdict(False, "tokens")
    if not prefilter.has_candidate_call(tree):
        return Verdict(False, "calls")
    return Verdict(True, "libcst", tree)
