"""The prefilter is exact: the same findings with and without it. Plus the lean-analysis pieces it relies on."""

from __future__ import annotations

import dataclasses
import importlib
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from linter.analysis.indexer import ModuleIndexer
from linter.analysis.positions import node_positions
from linter.analysis.walk import TRIVIA, walk
from linter.checks import builtin_rules, known_rule_names, rule_metadata
from linter.config import CustomRule, Match, load_settings
from linter.config.model import Settings
from linter.discovery import discover
from linter.prefilter import (
    CATALOG_GATED_RULES,
    ENGINE_RULES,
    build_prefilter,
    examine,
    glob_token,
    minimal_tokens,
    required_word_options,
    required_words,
)
from linter.runner import RunOptions, run

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(None, known_rule_names())


def verdict(source: str, settings: Settings) -> str:
    return examine(source, build_prefilter(settings, known_rule_names())).stage


# -- tokens ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "token"),
    [
        ("shutil.rmtree", "rmtree"),
        ("delete_*", "delete_"),
        ("*indices*", "indices"),
        ("os.rm*", "os"),
        ("permanently_delete*", "permanently_delete"),
        ("[[]x]*", "x"),
        ("[ab]*", None),
        ("*", None),
        ("?", None),
    ],
)
def test_glob_token_is_a_literal_piece_every_match_contains(glob: str, token: str | None) -> None:
    assert glob_token(glob) == token


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"\bkubectl\s+delete\b", ("kubectl",)),
        (r"(?:^|;)\s*DELETE\s+FROM\b", ("delete",)),
        (r"\b(?:terraform|tofu)\s+destroy\b", ("destroy",)),
        (r"\b(?:dropdb|mysqladmin)\b", ("dropdb", "mysqladmin")),
        (r"(?:foo|bar)+x", ("bar", "foo")),
        (r"(?:foo|b.)?x", ("x",)),
        (r"(a|b)", None),
        (r".*", None),
        (r"[", None),
    ],
)
def test_required_words_are_in_every_match(pattern: str, words: tuple[str, ...] | None) -> None:
    assert required_words(pattern) == words


def test_required_word_options_list_every_requirement() -> None:
    assert required_word_options(r"slack\.com/api/(files|chat)\.delete\b") == [
        ("slack",), ("com",), ("api",), ("chat", "files"), ("delete",)
    ]
    assert required_word_options(r"(a|b)") is None


def test_minimal_tokens_drop_tokens_that_contain_another() -> None:
    assert minimal_tokens(["delete_user", "Delete", "batch_delete_", "rmtree"]) == ("delete", "rmtree")



def test_every_builtin_rule_is_known_to_the_prefilter(settings: Settings) -> None:
    """A new rule must be checked (does it need a catalog-matched call?) and listed, or the prefilter turns off."""
    unknown = set(known_rule_names()) - CATALOG_GATED_RULES - ENGINE_RULES
    assert not unknown, f"add to CATALOG_GATED_RULES once verified: {sorted(unknown)}"
    assert build_prefilter(settings, known_rule_names()).active


def test_an_unverified_rule_turns_the_prefilter_off(settings: Settings) -> None:
    assert not build_prefilter(settings, [*known_rule_names(), "OPS999"]).active


def test_a_glob_without_a_literal_piece_turns_the_prefilter_off(settings: Settings) -> None:
    custom = CustomRule(id="ACME001", message="no", severity="error", kind="forbid", match=Match(method=("*",)))
    assert not build_prefilter(dataclasses.replace(settings, custom_rules=(custom,)), known_rule_names()).active


# -- verdicts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "stage"),
    [
        ("x = 1\n", "tokens"),
        ("# we never delete anything here\nprint('delete')\n", "calls"),
        ("def delete(x):\n    return x\n", "calls"),
        ("import shutil\nshutil.rmtree(p)\n", "libcst"),
        ("from shutil import rmtree as zap\nzap(p)\n", "libcst"),
        ("import shutil as sh\nsh.rmtree(p)\n", "libcst"),
        ("client.delete_objects(Bucket=b)\n", "libcst"),
        ("import subprocess\nsubprocess.run(['kubectl', 'delete', 'pod', p])\n", "libcst"),
        ("import subprocess\nsubprocess.run(['ls', '-l'])\n", "calls"),
        ("import subprocess\nsubprocess.run('kube' 'ctl delete pod x', shell=True)\n", "libcst"),
        ("import os\nos.system('\\x6bubectl delete ns x')\n", "libcst"),
        ("cursor.execute('DELETE FROM users')\n", "libcst"),
        ("cursor.execute('SELECT 1')\n", "calls"),
        # an entry with argument values needs them spelled in the file
        ("import urllib.request\nurllib.request.Request(url, method='GET')\n", "calls"),
        ("import urllib.request\nurllib.request.Request(url, method='DELETE')\n", "libcst"),
        ("session.request('GET', url)\n", "calls"),
        ("VERB = 'DELETE'\nsession.request(VERB, url)\n", "libcst"),
        # a function handed to a call to run
        ("import os\nlist(map(os.remove, paths))\n", "libcst"),
        ("import shutil, atexit\natexit.register(shutil.rmtree, d)\n", "libcst"),
        # a url entry needs every word its regex requires, in the URL when it names no variable
        ("requests.post('https://slack.com/api/files.delete', data=d)\n", "libcst"),
        ("API = 'https://slack.com/api'\nrequests.post(f'{API}/chat.delete', data=d)\n", "libcst"),
        ("import requests\nrequests.get('https://slack.com/api/files.list')\nprint('delete')\n", "calls"),
        ("options.get('keep_after')\nprint('slack.com api delete')\n", "calls"),
        ("options.get(key)\nprint('slack.com api remove')\n", "libcst"),
        ("x = 1  # opslint: ignore[OPS101] reason\n", "libcst"),
        ("def f(:\n    pass\n", "libcst"),  # CPython rejects it: the full path reports OPS001
        ("def f(:\n    delete()\n", "libcst"),
    ],
)
def test_examine_sends_only_possible_files_to_libcst(source: str, stage: str, settings: Settings) -> None:
    assert verdict(source, settings) == stage


def test_custom_rule_calls_pass_the_prefilter(settings: Settings) -> None:
    custom = CustomRule(id="ACME001", message="use the API", severity="error", kind="forbid", match=Match(method=("frobnicate_tenant",)))
    with_rule = dataclasses.replace(settings, custom_rules=(custom,))
    source = "client.frobnicate_tenant('t-1')\n"
    assert verdict(source, settings) == "tokens"
    assert verdict(source, with_rule) == "libcst"
    findings = run_source(source, with_rule, prefilter=True)
    assert [f.rule for f in findings] == ["ACME001"]


def run_source(source: str, settings: Settings, prefilter: bool) -> list:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "s.py"
        path.write_text(source, encoding="utf-8")
        targets = discover([str(path)], settings)
        return run(targets, settings, RunOptions(prefilter=prefilter)).findings


# -- equivalence ---------------------------------------------------------------------------------


def _package_dir(name: str, sub: str = "") -> str:
    """The source tree of an installed package ('' when it is not installed)."""
    try:
        module = importlib.import_module(name)
    except ImportError:
        return ""
    return str(Path(module.__file__ or "").parent / sub)


def equivalence_roots() -> list[str]:
    roots = [str(REPO / "tests" / "corpus"), str(REPO / "examples")]
    roots += [_package_dir(name) for name in ("click", "yaml", "jsonschema", "_pytest", "hypothesis")]
    roots += [_package_dir("libcst", "metadata"), _package_dir("libcst", "codemod")]
    return [r for r in roots if r and Path(r).is_dir()]


def test_findings_are_identical_with_and_without_the_prefilter(settings: Settings) -> None:
    """Over the labelled corpus, examples/ and about 500 files of real installed packages."""
    targets = discover(equivalence_roots(), settings)
    assert len(targets) > 400
    with_prefilter = run(targets, settings, RunOptions(jobs=2, prefilter=True))
    without = run(targets, settings, RunOptions(jobs=2, prefilter=False))
    assert with_prefilter.findings == without.findings
    assert [(f.snippet, f.scope) for f in with_prefilter.findings] == [(f.snippet, f.scope) for f in without.findings]
    assert with_prefilter.files == without.files
    # the point of it: most files never reach LibCST
    assert with_prefilter.stages.get("libcst", 0) < len(targets) / 2  # the corpus is mostly destructive
    assert any(f.rule != "OPS001" for f in without.findings)


def test_parse_errors_are_identical_with_and_without_the_prefilter(settings: Settings) -> None:
    for source in ("def f(:\n    pass\n", "x = (\n", "print 'hello'\n", "\tif x:\n  pass\n"):
        with_prefilter, without = run_source(source, settings, True), run_source(source, settings, False)
        assert [dataclasses.replace(f, path="s.py") for f in with_prefilter] == [
            dataclasses.replace(f, path="s.py") for f in without
        ]
        assert [f.rule for f in without] == ["OPS001"]


# -- lean analysis ---------------------------------------------------------------------------------


def _sample_modules() -> list[cst.Module]:
    files = sorted(Path(_package_dir("click")).glob("*.py"))[:8] + sorted((REPO / "tests" / "corpus").rglob("*.py"))[:20]
    modules = []
    for path in files:
        try:
            modules.append(cst.parse_module(path.read_bytes()))
        except cst.ParserSyntaxError:
            continue
    return modules


class _Recorder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[tuple[str, cst.CSTNode]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.nodes.append(("visit", node))
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.nodes.append(("leave", original_node))


def _meaningful(events: list[tuple[str, cst.CSTNode]]) -> list[tuple[str, int]]:
    return [(kind, id(node)) for kind, node in events if not isinstance(node, TRIVIA)]


def test_walk_visits_every_non_trivia_node_in_libcst_order() -> None:
    for module in _sample_modules():
        by_libcst, by_walk = _Recorder(), _Recorder()
        module.visit(by_libcst)
        walk(module, by_walk)
        assert _meaningful(by_walk.nodes) == _meaningful(by_libcst.nodes)
        assert not any(isinstance(node, TRIVIA) for _, node in by_walk.nodes)


class _TypedRecorder(cst.CSTVisitor):
    """No on_visit of its own: walk's dispatch-table path."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []

    def visit_Call(self, node: cst.Call) -> None:
        self.events.append(("call", id(node)))

    def leave_Call(self, original_node: cst.Call) -> None:
        self.events.append(("/call", id(original_node)))

    def visit_Name(self, node: cst.Name) -> None:
        self.events.append(("name", id(node)))

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False  # children of a lambda are not visited


def test_walk_calls_typed_callbacks_like_libcst() -> None:
    for module in _sample_modules():
        by_libcst, by_walk = _TypedRecorder(), _TypedRecorder()
        module.visit(by_libcst)
        walk(module, by_walk)
        assert by_walk.events == by_libcst.events


def test_walk_records_the_parent_of_every_visited_node() -> None:
    module = cst.parse_module("def f(a, b=1):\n    return g(a)[b] + (h(b) if a else 0)\n")
    recorder, parents = _Recorder(), {}
    walk(module, recorder, parents)
    visited = [node for kind, node in recorder.nodes if kind == "visit"]
    assert set(parents) == set(visited[1:])  # all but the module itself
    call = next(node for node in visited if isinstance(node, cst.Call) and cst.ensure_type(node.func, cst.Name).value == "h")
    assert isinstance(parents[call], cst.IfExp)


def test_indexer_has_no_attribute_callbacks_walk_would_skip() -> None:
    names = [n for n in vars(ModuleIndexer) if n.startswith(("visit_", "leave_")) and n.count("_") > 1]
    assert names == []


def _all_nodes_and_parents(module: cst.Module) -> tuple[list[cst.CSTNode], dict[cst.CSTNode, cst.CSTNode]]:
    recorder, parents = _Recorder(), {}
    walk(module, recorder, parents)
    return [node for kind, node in recorder.nodes if kind == "visit"], parents


@pytest.mark.parametrize("with_source", [False, True], ids=["whole-module pass", "per-statement"])
def test_node_positions_equal_position_provider(with_source: bool) -> None:
    for module in _sample_modules():
        nodes, parents = _all_nodes_and_parents(module)
        source, known_parents = (module.code, parents) if with_source else (None, None)
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        got = node_positions(module, nodes, source, known_parents)
        assert all(got[n] == expected[n] for n in nodes)
        for step in (3, 17, 101):  # a few nodes: code generation stops early
            few = nodes[step // 2 :: step][:4]
            assert node_positions(module, few, source, known_parents) == {n: expected[n] for n in few}


@pytest.mark.parametrize(
    "source",
    [
        # the same statement twice: its text is not unique, so the whole-module pass places it
        "import os\n\nos.remove(p)\nprint(1)\nos.remove(p)\n",
        # a statement's text also inside an earlier string
        'DOC = """\nos.remove(p)\n"""\nos.remove(p)\n',
        # CRLF and lone CR line ends, a comment header, no trailing newline
        "# header\r\nimport os\r\r\nif x:\r\n    os.remove(p)",
        # nested blocks with their own indentation, a repeated inner line, comments at column 0
        "class C:\n  def f(self):\n      os.remove(p)\n# flush left\n      os.remove(p)\n  def g(self):\n"
        "      if a:\n          x()\n      else:\n          # why\n          x()\n",
    ],
    ids=["duplicate statement", "statement text in a string", "mixed line ends", "nested blocks"],
)
def test_node_positions_per_statement_edge_cases(source: str) -> None:
    module = cst.parse_module(source)
    nodes, parents = _all_nodes_and_parents(module)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    for node in nodes:
        assert node_positions(module, [node], source, parents) == {node: expected[node]}


def test_static_rule_metadata_equals_the_rule_classes() -> None:
    assert rule_metadata() == {cls.id: (cls.name, cls.severity) for cls in builtin_rules()}


# -- import cost -----------------------------------------------------------------------------------


def _modules_after_check(tmp_path: Path, args: list[str], exit_code: int) -> dict[str, bool]:
    """Run `opslint check ARGS` in a fresh interpreter: which costly modules did it import?"""
    script = (
        "import sys\n"
        "from linter.cli import main\n"
        "try:\n"
        f"    main(['check', '--no-cache', *{args!r}])\n"
        "except SystemExit as done:\n"
        f"    assert done.code == {exit_code}, done.code\n"
        "print(*(name in sys.modules for name in ('libcst', 'multiprocessing')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True)
    libcst, multiprocessing = result.stdout.strip().splitlines()[-1].split()
    return {"libcst": libcst == "True", "multiprocessing": multiprocessing == "True"}


def test_a_run_the_prefilter_settles_never_imports_libcst(tmp_path: Path) -> None:
    (tmp_path / "clean.py").write_text("import os\n\nprint(os.getcwd())\n", encoding="utf-8")
    assert _modules_after_check(tmp_path, ["clean.py"], 0)["libcst"] is False


def test_one_file_with_a_destructive_call_runs_without_a_process_pool(tmp_path: Path) -> None:
    (tmp_path / "purge.py").write_text("import shutil\n\nshutil.rmtree('/srv/old')\n", encoding="utf-8")
    assert _modules_after_check(tmp_path, ["--jobs", "2", "purge.py"], 1) == {"libcst": True, "multiprocessing": False}


def test_import_aliases_found_in_every_nested_block() -> None:
    import ast

    from linter.prefilter import _import_aliases

    tree = ast.parse(
        "try:\n    import shutil as sh\nexcept ImportError:\n    from os import remove as rm\nelse:\n    pass\n"
        "finally:\n    import a\n"
        "class C:\n    def f(self):\n        if x:\n            from pathlib import Path as P\n"
        "        with open(p) as f:\n            import boto3 as b3\n"
        "match cmd:\n    case 'go':\n        import subprocess as sp\n"
        "for i in xs:\n    pass\nelse:\n    import json as j\n"
    )
    aliases = _import_aliases(tree)
    assert aliases["sh"] == {"shutil"} and aliases["rm"] == {"os.remove"} and aliases["a"] == {"a"}
    assert aliases["P"] == {"pathlib.Path"} and aliases["b3"] == {"boto3"}
    assert aliases["sp"] == {"subprocess"} and aliases["j"] == {"json"}
