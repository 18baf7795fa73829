from __future__ import annotations

from typing import Iterable

from linter.analysis.bounds import BoundsAnalysis
from linter.analysis.model import ModuleAnalysis
from linter.checks.base import Report, Rule


class UnboundedBulkDelete(Rule):
    id = "OPS103"
    name = "unbounded-bulk-delete"
    severity = "warning"
    summary = "A loop or bulk call can delete any number of items: nothing caps how many."
    rationale = """
## What it does
Flags a loop (for, comprehension, `map`/`executor.map` of a function or a
lambda, or a `while` that
drains a collection, `while queue: delete(queue.pop())` or
`batch, keys = keys[:1000], keys[1000:]`, or pages through a
listing around a `for` over each page) over a collection whose body reaches
a destructive call, directly or through the module's own
functions, and a destructive call that takes a collection of IDs
(`delete_objects`, `batch_delete_*`, `terminate_instances(InstanceIds=ids)`,
`r.delete(*keys)`, `es.indices.delete(index=",".join(names))`,
`delete_many({"_id": {"$in": ids}})`, `DELETE ... WHERE id IN (...)`), or a
SQL `DELETE` with no `WHERE`, when nothing caps the count. IDs count wherever
they pick the items, including the receiver chain
(`ec2.instances.filter(InstanceIds=ids).terminate()`); a filter by prefix,
tag or age (`bucket.objects.filter(Prefix=p).delete()`) is filter-based. An
exclusion (`User.objects.exclude(pk__in=keep).delete()`) deletes everything
*but* its list, so it is reported unless what the query matches is counted
against a limit first (`if qs.count() > MAX: sys.exit(...)`).

A cap bounds the *number* of items: a `len(ids) > LIMIT` check that exits
first (or an `if len(ids) <= LIMIT:` around the delete), a slice `ids[:MAX]`
(or `keys[-50:]`, the newest 50), `itertools.islice`, a counter that breaks (in an
inner loop too, when it is kept across the outer loop's pages), a
`--max`/`--limit`/`--batch-size` option the loop's iterable consults (the
operator sized the run), or a `limit=`/`MaxResults=` on a listing that is not
paginated (kept in a variable too: `resp.get("Contents", [])`). A literal list that is never grown and an argparse/click option with
an integer `nargs` are bounded. A list that starts empty and is filled by
`append`/`extend`/`+=` is not. A batch size fixed in the code is not a cap:
`range(0, len(ids), 100)` still deletes every ID, batch by batch; nor is a
threshold on something else (`age > MAX_AGE_DAYS`).

A confirmation prompt inside the loop that approves each item
(`if input(f"delete {name}? ") == "y": ...`, or `continue` on no) counts as a
cap: a person vets every delete. A dry-run check inside the loop does not.

Retry and polling `while` loops act on one item and are not reported; a
`while True` that deletes a filter's matches in batches until none are left
(each batch listed afresh inside the loop) is filter-based. Filter-based
deletes (`delete_by_query`, `delete_collection_*`, `rm -r`) are not reported
here. One finding per outermost uncapped loop, on its header (a loop over
regions that calls a function whose own loop is reported adds none); a bulk
call outside any uncapped loop is reported on the call, unless a capped loop
hands it its own item (`for batch in (ids[:100], ids[100:200])`): a capped
loop does not cap `DELETE FROM {table}` with no WHERE, or a list it does not
pick.

## Why is this bad?
The incident this tool exists for was a loop over a list of IDs that was the
wrong list. A cap turns "deleted 400 customers" into "refused: 400 items,
limit is 20". Where the analysis cannot tell what a loop calls (dynamic
dispatch, `getattr`, `eval`) it stays silent.
"""
    bad = """
import sys

from acme.sites import SiteClient

client = SiteClient()
site_ids = [line.strip() for line in open(sys.argv[1])]
for site_id in site_ids:
    client.delete_site(site_id)
"""
    good = """
import sys

from acme.sites import SiteClient

MAX_DELETES = 20
client = SiteClient()
site_ids = [line.strip() for line in open(sys.argv[1])]
if len(site_ids) > MAX_DELETES:
    sys.exit(f"refusing to delete {len(site_ids)} sites (limit {MAX_DELETES})")
for site_id in site_ids:
    client.delete_site(site_id)
"""
    options = """
- `guards.cap_names`: option and variable names that cap a run (`max`, `limit`, `batch_size`, ...).
"""

    def check(self, analysis: ModuleAnalysis) -> Iterable[Report]:
        if not analysis.destructive:
            return
        for finding in BoundsAnalysis(analysis).findings():
            label = finding.call.label
            if finding.kind == "loop":
                message = (
                    f"this loop reaches {label} once per item with no cap on how many: a wrong input list deletes "
                    f"everything in it. Refuse above a limit (`if len(items) > MAX: sys.exit(...)`) or take --max."
                )
            elif finding.kind == "no-where":
                message = (
                    f"{label} runs a DELETE with no WHERE: every row goes. Add a WHERE clause "
                    f"(or TRUNCATE deliberately, behind a confirmation)."
                )
            elif finding.kind == "all-but":
                message = (
                    f"{label} deletes everything except the listed items, with no cap on how many that is: "
                    f"a short or empty keep-list deletes nearly all. Count what the query matches first and "
                    f"refuse above a limit (`if qs.count() > MAX: sys.exit(...)`)."
                )
            else:
                message = (
                    f"{label} deletes a whole collection of items in one call with no cap on its size. "
                    f"Check its length against a limit first, or slice it (`ids[:MAX]`)."
                )
            yield Report(finding.node, message, finding.call.confidence)
