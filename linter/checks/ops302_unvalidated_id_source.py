"""OPS302 unvalidated-id-source: IDs from outside data reach a destructive call unchecked."""

from __future__ import annotations

from typing import Iterable

import libcst as cst

from linter.analysis.dataflow import Flow
from linter.analysis.idtypes import name_matches
from linter.analysis.model import ModuleAnalysis
from linter.checks.base import Report, Rule


class UnvalidatedIdSource(Rule):
    id = "OPS302"
    name = "unvalidated-id-source"
    severity = "warning"
    summary = "IDs read from a file, the command line, the environment or stdin reach a destructive call unchecked."
    rationale = """
The April 2022 outage that motivated opslint started with a list handed over
by another team: a file of IDs that were the wrong kind. The script deleted
whatever the file said. Data from outside the script (files, CSV, JSON/YAML,
standard input, `sys.argv`, command-line options, environment variables,
`input()`) is only as right as whoever produced it.

opslint follows each destructive call's arguments back through the module and
reports IDs that come from such a source with no check of their kind on the
way. A check counts when failing it stops the value (raise, exit, return,
continue, or a comprehension filter): parsing into a distinct ID type
(`AppId.parse(raw)`), a validator from `ids.validators`, an anchored
`re.fullmatch`, membership in an allow-list or in what the API lists for that
kind (`if app_id not in known_app_ids: raise`, a loop doing that for each ID
before the deleting one, or a lookup in a dict the script built from such a
listing: `try: projects[key] except KeyError: sys.exit(...)`), or a kind field
(`if app["type"] != "insight-app": continue`, `case {"kind": "insight-app",
"id": app_id}:`). The check must be of the value that reaches the call: a
check of `row["app_id"]` says nothing about `row["site_id"]`. A check that
only logs, a confirmation prompt (it says what a person typed, not what the ID
is), generic conversions (`str()`, `int()`, `UUID()`, `.strip()`,
`typing.cast`, or a `type=` converter such as a click ParamType that only
normalises), and length checks (`len(x) not in (10, 19)`) are not validation;
nor is a lookup by primary key that only fails when
nothing matches (`Site.objects.get(pk=site_id)`): a number of the wrong kind
finds an unrelated row, which is how the wrong things get deleted. IDs the script lists itself from the API it acts on are not a
source: the listing already fixes their kind, and that includes JSON parsed
from an HTTP response body (`json.loads(resp.text)`). IDs reach a call through
its receiver too: an ORM filter (`query(Node).filter(Node.id == node_id)
.delete()`), an object built from the ID (`ec2.Instance(instance_id)`) or
each item of a query built from the IDs (`for instance in
ec2.instances.filter(InstanceIds=ids): instance.terminate()`). Values count as
IDs when a name on the way says so (`ids.names`, `ids.single_names`: a
variable, parameter, option, dictionary key, or the call's own keyword such as
`InstanceIds=`).
"""
    bad = """
import json
from insight import InsightClient

client = InsightClient()
with open("ids.json") as f:
    app_ids = json.load(f)
for app_id in app_ids:
    client.permanently_delete(app_id)
"""
    good = """
import json
from insight import InsightClient

client = InsightClient()
with open("ids.json") as f:
    app_ids = json.load(f)
known = {app["id"] for app in client.list_apps(kind="insight-app")}
for app_id in app_ids:
    if app_id not in known:
        raise SystemExit(f"{app_id} is not an insight app; refusing to delete")
    client.permanently_delete(app_id)
"""
    options = """
`ids.sources` (qualified-name globs of calls and objects that read outside
data; add your HTTP or database reads) and `ids.validators` (qualified-name
globs of functions that check an ID's kind and raise or return it).
"""

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        if not analysis.destructive:
            return
        flow_model = analysis.dataflow
        used: set[cst.CSTNode] = set()
        for flow in flow_model.unvalidated_sources:
            # one finding per (source, call): a second source of the same call is shown at its argument
            node: cst.CSTNode = flow.call.node
            if node in used and flow.argument is not None and flow.argument not in used:
                node = flow.argument
            used.add(node)
            message = self.message(flow, flow_model.line_of(flow.origin.node))
            yield Report(node, message, flow.call.confidence)

    def message(self, flow: Flow, line: int | None) -> str:
        named = [h for h in flow.hops if h.id_named]
        variables = [h for h in named if h.reportable]
        hop = (variables or named)[-1]  # a variable's name reads better than a column key
        plural = hop.collection or name_matches(hop.name, ("*s",))
        where = f" at line {line}" if line else ""
        return (
            f"`{hop.name}` read from {flow.origin.words}{where} {'reach' if plural else 'reaches'} {flow.call.label} "
            "without validation: check the IDs are the kind this call expects before deleting (parse them into an "
            "ID type, compare with an allow-list or what the API lists for that kind, or check a kind field and skip)"
        )
