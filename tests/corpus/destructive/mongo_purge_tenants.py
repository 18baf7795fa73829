import json
import sys

from pymongo import MongoClient


def main(path):
    with open(path) as fh:
        tenant_ids = json.load(fh)  # expect: OPS301
    db = MongoClient()["saas"]
    result = db.events.delete_many({"tenant_id": {"$in": tenant_ids}})  # expect: OPS101, OPS103, OPS302
    print("deleted", result.deleted_count, "events")
    db.tenants.delete_many({"_id": {"$in": tenant_ids}})  # expect: OPS101, OPS103, OPS302


if __name__ == "__main__":  # expect: OPS201
    main(sys.argv[1])
