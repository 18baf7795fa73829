"""The shared per-module model: imports, call sites, catalog matching mechanics, CLI options, call graph."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from linter.analysis import ModuleAnalysis, build
from linter.analysis.names import UNKNOWN, fold, string_prefix
from linter.config.model import CatalogEntry, Match, Settings

CATALOG = (
    CatalogEntry(id="rmtree", match=Match(call=("shutil.rmtree",)), filesystem=True),
    CatalogEntry(id="purge", match=Match(method=("permanently_delete*",))),
    CatalogEntry(id="term", match=Match(method=("terminate",), receiver=("*instance*",), not_receiver=("*pool*",))),
    CatalogEntry(id="http", match=Match(method=("request",), args=((0, "DELETE"),))),
    CatalogEntry(id="sql", match=Match(sql=r"^\s*DELETE\s+FROM")),
    CatalogEntry(id="kubectl", match=Match(command=r"\bkubectl\b.*\bdelete\b")),
    CatalogEntry(
        id="secret",
        match=Match(method=("delete_secret",)),
        effect="recoverable",
        permanent_when=(("ForceDeleteWithoutRecovery", True),),
    ),
)


def analyse(source: str) -> ModuleAnalysis:
    settings = Settings(catalog=CATALOG, permanent_kwargs=(("permanent", True),))
    return build("t.py", cst.parse_module(textwrap.dedent(source)), settings)


def matched(source: str) -> list[tuple[str, str]]:
    return [(d.entry.id, d.effect) for d in analyse(source).destructive]


def test_imports_resolve_aliases_and_from_imports() -> None:
    a = analyse(
        """
        import os.path as osp
        import shutil as sh
        from pathlib import Path as P
        from .client import Api
        """
    )
    assert a.imports.resolve("osp.join") == "os.path.join"
    assert a.imports.resolve("sh.rmtree") == "shutil.rmtree"
    assert a.imports.resolve("P") == "pathlib.Path"
    assert a.imports.resolve("Api") == ".client.Api"
    assert a.imports.resolve("undefined.name") is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import shutil\nshutil.rmtree(p)\n", [("rmtree", "permanent")]),
        ("from shutil import rmtree as rt\nrt(p)\n", [("rmtree", "permanent")]),
        ("shutil.rmtree(p)\n", []),  # not imported: some local object named shutil
        ("client.permanently_delete_site(s)\n", [("purge", "permanent")]),
        ("ec2_instance.terminate()\n", [("term", "permanent")]),
        ("pool.terminate()\n", []),
        ("instance_pool.terminate()\n", []),
        ("session.request('DELETE', url)\n", [("http", "permanent")]),
        ("session.request('GET', url)\n", []),
        ("sm.delete_secret(SecretId=s)\n", [("secret", "recoverable")]),
        ("sm.delete_secret(SecretId=s, ForceDeleteWithoutRecovery=True)\n", [("secret", "permanent")]),
        ("sm.delete_secret(SecretId=s, permanent=True)\n", [("secret", "permanent")]),
        ("# client.permanently_delete(x)\ns = 'client.permanently_delete(x)'\n", []),
    ],
)
def test_catalog_match_kinds(source: str, expected: list[tuple[str, str]]) -> None:
    assert matched(source) == expected


def test_module_functions_are_not_matched_by_name() -> None:
    source = """
    class Cleaner:
        def permanently_delete(self, x):
            self.api.permanently_delete(x)

        def run(self, xs):
            for x in xs:
                self.permanently_delete(x)

    def permanently_delete_all(c):
        Cleaner().permanently_delete(c)

    permanently_delete_all(1)
    """
    a = analyse(source)
    assert [d.label for d in a.destructive] == ["self.api.permanently_delete(...)"]


@pytest.mark.parametrize(
    "source",
    [
        "q = 'DELETE FROM users WHERE id = %s'\ncur.execute(q, (1,))\n",
        "cur.execute(f'DELETE FROM {table} WHERE ts < %s', (t,))\n",
        "cur.execute('delete from users ' + where)\n",
        "cur.execute('DELETE FROM {} WHERE id = %s'.format(t), (1,))\n",
        "conn.execute(text('DELETE FROM users'))\n",
        "cur.execute('DELETE FROM t WHERE id = %s' % x)\n",
    ],
)
def test_sql_text_forms(source: str) -> None:
    assert matched(source) == [("sql", "permanent")]


def test_sql_select_is_not_destructive() -> None:
    assert matched("cur.execute('SELECT * FROM users WHERE note = \"DELETE FROM\"')\n") == []


@pytest.mark.parametrize(
    ("source", "hit"),
    [
        ("import subprocess\nsubprocess.run(['kubectl', '-n', ns, 'delete', 'ns', ns])\n", True),
        ("import subprocess\nsubprocess.check_call(f'kubectl delete ns {ns}', shell=True)\n", True),
        ("import os\nos.system('kubectl delete pod ' + pod)\n", True),
        ("import subprocess\ncmd = ['kubectl', 'delete', 'ns', ns]\nsubprocess.run(cmd)\n", True),
        ("import subprocess\nsubprocess.run(['kubectl', 'get', 'ns'])\n", False),
    ],
)
def test_shell_commands(source: str, hit: bool) -> None:
    assert bool(matched(source)) is hit


@pytest.mark.parametrize(
    "source",
    [
        "import shutil, tempfile\nd = tempfile.mkdtemp()\nshutil.rmtree(d)\n",
        "import shutil, tempfile, os\ndef f():\n    d = tempfile.mkdtemp()\n    p = os.path.join(d, 'x')\n    shutil.rmtree(p)\n",
        "import shutil, tempfile\nwith tempfile.TemporaryDirectory() as tmp:\n    shutil.rmtree(tmp)\n",
    ],
)
def test_paths_the_script_made_itself_are_not_destructive(source: str) -> None:
    assert matched(source) == []


def test_cli_options_from_argparse_click_typer_env_argv_constants() -> None:
    a = analyse(
        """
        import argparse, os, sys
        import click
        DRY_RUN = True
        p = argparse.ArgumentParser()
        p.add_argument("--dry-run", action="store_true")
        p.add_argument("--mode", choices=["mark", "permanent"], default="permanent")
        p.add_argument("ids", nargs="+")
        force = os.environ.get("FORCE")
        token = os.environ["API_TOKEN"]
        live = "--live" in sys.argv

        @click.command()
        @click.option("--execute/--no-execute", default=False)
        @click.option("--site-id", "site_ids", multiple=True)
        def main(execute, site_ids):
            pass
        """
    )
    by_dest = {(o.source, o.dest): o for o in a.cli_options}
    assert by_dest[("argparse", "dry_run")].is_flag and by_dest[("argparse", "dry_run")].default is False
    mode = by_dest[("argparse", "mode")]
    assert mode.choices == ("mark", "permanent") and mode.default == "permanent"
    assert by_dest[("argparse", "ids")].multiple
    assert by_dest[("env", "FORCE")].has_default is False
    assert ("env", "API_TOKEN") in by_dest
    assert by_dest[("argv", "live")].is_flag
    assert by_dest[("constant", "DRY_RUN")].default is True
    execute = by_dest[("click", "execute")]
    assert execute.is_flag and execute.default is False and execute.function is not None
    assert by_dest[("click", "site_ids")].multiple


def test_call_graph_covers_direct_self_and_handed_on_calls() -> None:
    a = analyse(
        """
        from concurrent.futures import ThreadPoolExecutor

        class Job:
            def run(self):
                self.step()

            def step(self):
                pass

        def work(x):
            pass

        def main():
            Job().run()
            with ThreadPoolExecutor() as pool:
                pool.map(work, [1, 2])

        if __name__ == "__main__":
            main()
        """
    )
    assert a.call_graph["<module>"] == {"main"}
    assert a.call_graph["main"] == {"Job.run", "work"}
    assert a.call_graph["Job.run"] == {"Job.step"}
    assert a.main_guard is not None


def test_name_helpers() -> None:
    assert fold("--dry-run") == fold("DRY_RUN") == fold("dryRun") == "dryrun"
    assert string_prefix(cst.parse_expression("f'rm -rf {d}'")) == "rm -rf {}"
    assert string_prefix(cst.parse_expression("x")) is None
    assert UNKNOWN is not None


def test_optparse_options_are_cli_options() -> None:
    a = analyse(
        """
        from optparse import OptionParser, make_option

        option_list = (make_option("--delete", action="store_true", dest="delete", default=False),)
        parser = OptionParser()
        parser.add_option("-n", "--dry-run", action="store_true", dest="dry_run")
        """
    )
    by_dest = {o.dest: o for o in a.cli_options}
    assert by_dest["delete"].is_flag and by_dest["delete"].default is False
    assert by_dest["dry_run"].is_flag and by_dest["dry_run"].flags == ("-n", "--dry-run")


def test_call_graph_follows_instances_of_module_classes() -> None:
    a = analyse(
        """
        class Cleaner:
            def run(self):
                self.sweep()

            def sweep(self):
                pass

        class App:
            def __init__(self):
                self.cleaner = Cleaner()

            def main(self):
                self.cleaner.run()

        def main():
            c = Cleaner()
            c.run()

        job = Cleaner()
        job.sweep()
        """
    )
    assert a.call_graph["main"] >= {"Cleaner.run"}
    assert a.call_graph["App.main"] == {"Cleaner.run"}
    assert "Cleaner.sweep" in a.call_graph["<module>"]
