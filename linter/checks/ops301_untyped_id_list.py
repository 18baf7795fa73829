"""OPS301 untyped-id-list: a plain list of IDs reaches a destructive call."""

from __future__ import annotations

import re
from typing import Iterable

from linter.analysis.dataflow import Flow, Hop
from linter.analysis.model import ModuleAnalysis
from linter.checks.base import Report, Rule

_SUFFIX = re.compile(r"(_id_list|_id_set|_ids|Ids|IDs|ids|_list|_id|Id|ID)$")


class UntypedIdList(Rule):
    id = "OPS301"
    name = "untyped-id-list"
    severity = "warning"
    summary = "A collection of plain str/int IDs reaches a destructive call; nothing says which kind of ID it holds."
    rationale = """
In the April 2022 outage that motivated opslint, a cleanup script meant for a
legacy app's IDs was handed a list of *site* IDs. Both were plain strings in a
plain list, so nothing in the code could tell them apart, and the data of 400
customers was deleted. A list of `str` accepts any ID of any kind.

opslint follows each destructive call's arguments back through the module
(assignments, loops, comprehensions, helpers, `self` attributes, globals) and
reports an ID collection (`site_ids`, `*_id_list`, `ids`, or any iterable whose
loop variable is named like an ID) whose items are plain values: a literal
list, data read from a file, the command line or the environment, an option
declared with `nargs`/`multiple=True` and no type (or a converter, such as a
click ParamType, that only normalises the text), or a `list[str]` annotation.
A regex or allow-list filter validates such a list but leaves it plain:
`[m.group(0) for line in f if (m := APP.fullmatch(line))]` is still reported.
It is reported once, where the collection is first bound; a literal list or
`sys.argv[1:]` iterated in place is reported on the iterable itself. IDs are
followed through the calls in `ids.pass_through` (`sorted`, `enumerate`,
`tqdm`) and through the receiver of the call (an ORM filter, an object built
from the ID).

Give each kind of ID its own type (`AppId = NewType("AppId", str)`, a small
class, an `Enum`), parse raw values into it where they enter the script, and
annotate the functions that delete with it. A type checker then rejects a
`SiteId` handed to the app cleanup, and the parse step is the natural place to
check the value's kind. A collection whose items are a distinct ID type is
never reported. ID names come from `ids.names` and `ids.single_names`.
"""
    bad = """
import sys
from insight import InsightClient

client = InsightClient()
app_ids = [line.strip() for line in open(sys.argv[1])]
for app_id in app_ids:
    client.permanently_delete(app_id)
"""
    good = """
import sys
from typing import NewType
from insight import InsightClient

AppId = NewType("AppId", str)
client = InsightClient()
app_ids: list[AppId] = [AppId(line.strip()) for line in open(sys.argv[1])]
for app_id in app_ids:
    client.permanently_delete(app_id)
"""
    options = """
`ids.names` (globs of collection names, default `ids`, `*_ids`, `*_id_list`,
`*_id_set`, `*Ids`, `id_list`) and `ids.single_names` (`id`, `*_id`, `*Id`)
decide which values hold IDs.
"""

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        if not analysis.destructive:
            return
        for hop, flow in analysis.dataflow.untyped_collections:
            yield Report(hop.node, self.message(hop, flow), flow.call.confidence)

    @staticmethod
    def message(hop: Hop, flow: Flow) -> str:
        # `for row in reader: delete_user(row[0])`: the name that says which kind of ID it is is
        # the one nearest the call (`def delete_user(workplace_id)`), not the row's
        named = hop if hop.id_named else next((h for h in flow.hops if h.id_named), hop)
        type_name = suggested_type(named.name)
        if hop.kind in ("literal", "iterated"):
            what = f"the {'literal list' if hop.kind == 'literal' else 'list'} iterated as `{hop.name}`"
        else:
            what = {"option": "option", "param": "parameter"}.get(hop.kind, "collection") + f" `{hop.name}`"
        return (
            f"{what} is a plain collection of str/int IDs that reaches {flow.call.label}: "
            "nothing stops the wrong kind of ID (site IDs for app IDs) being deleted; give the IDs their own type "
            f'(`{type_name} = NewType("{type_name}", str)`) and parse the values into it where they enter the script'
        )


def suggested_type(name: str) -> str:
    """`site_ids` -> `SiteId`; names with no kind in them -> `AppId`."""
    stem = _SUFFIX.sub("", name)
    if not stem or stem.lower() in ("id", "ids", "id_list", "item", "items"):
        return "AppId"
    words = [w for w in re.split(r"_|(?<=[a-z])(?=[A-Z])", stem) if w]
    return "".join(w[:1].upper() + w[1:] for w in words) + "Id"
