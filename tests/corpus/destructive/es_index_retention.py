#!/usr/bin/env python3
"""Keep the last N daily log indices; delete the rest."""
import os
import sys

from elasticsearch import Elasticsearch

KEEP = int(os.environ.get("KEEP_DAYS", "30"))
DRY_RUN = os.environ.get("DRY_RUN", "true").lower() in ("1", "true", "yes")

es = Elasticsearch(os.environ.get("ES_URL", "http://localhost:9200"))
indices = sorted(es.indices.get(index="logs-*").keys())
to_delete = indices[:-KEEP] if len(indices) > KEEP else []
if len(to_delete) > 60:
    sys.exit(f"refusing to delete {len(to_delete)} indices in one go")
for name in to_delete:
    print(("would delete " if DRY_RUN else "deleting ") + name)
    if not DRY_RUN:
        es.indices.delete(index=name)
