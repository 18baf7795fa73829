import pytest

from linter.testing import assert_case, case, lint_source

CASES = [
    # a query kept in a variable picks its items as the inline chain does
    case('''
        import sys
        from insight.models import App
        app_ids = sys.argv[2:]
        qs = App.objects.filter(pk__in=app_ids)
        if "--execute" in sys.argv:
            qs.delete()
    ''', "OPS103:6"),
    # a cap on one list is no cap on another, whatever the limit is called
    case('''
        import sys
        from insight import InsightClient
        MAX_APPS = 20
        app_ids = sys.argv[2].split(",")
        site_ids = sys.argv[3].split(",")
        if len(app_ids) > MAX_APPS:
            sys.exit("too many apps")
        client = InsightClient()
        if "--execute" in sys.argv:
            for app_id in app_ids:
                client.mark_for_deletion(app_id)
            for site_id in site_ids:
                client.mark_for_deletion(site_id)
    ''', "OPS103:12"),
    # a literal list that arrives as a parameter default is bounded; range(n) over len()//size is not
    case('''
        import sys
        import psycopg2
        def clean(conn, states=["success", "failed"]):
            for state in states:
                conn.execute("DELETE FROM runs WHERE state = %s", (state,))
        def trim(conn, tables, size=100):
            names = list(tables)
            batches = len(names) // size + 1
            for i in range(batches):
                conn.execute(f"DROP TABLE {', '.join(names[i * size:(i + 1) * size])}")
        if "--execute" in sys.argv:
            conn = psycopg2.connect("")
            clean(conn)
            trim(conn, sys.argv[2:])
            n = min(len(sys.argv), MAX_DELETES)
            for i in range(n):
                conn.execute("DELETE FROM runs WHERE id = %s", (sys.argv[i],))
    ''', "OPS103:9"),
    # one call handed a whole list: star-args and items joined into one argument
    case('''
        import sys
        import redis
        from elasticsearch import Elasticsearch
        r = redis.Redis()
        es = Elasticsearch()
        if "--execute" in sys.argv:
            keys = [k for k in r.scan_iter(match=sys.argv[2])]
            r.delete(*keys)
            names = [line.strip() for line in open(sys.argv[3])]
            es.indices.delete(index=",".join(names))
            if len(names) <= 20:
                es.indices.delete(index=", ".join(names))
            es.indices.delete(index=",".join(names[:20]))
            if len(names) > 20:
                print("refusing: too many")
            else:
                r.delete(*names)
            if len(names) <= len(keys):
                r.delete(*names)
    ''', "OPS103:8", "OPS103:10", "OPS103:19"),
    # a while loop that deletes a scan's batches until the cursor comes back is filter-based
    case('''
        import sys
        import redis
        client = redis.Redis()
        def del_by_pattern(pattern):
            pos = 0
            while True:
                pos, keys = client.scan(pos, pattern, 10000)
                if keys and "--execute" in sys.argv:
                    client.delete(*keys)
                if pos == 0:
                    break
    '''),
    # a while that drains a list by re-slicing it is a loop over the list; one that re-lists a
    # prefix until nothing is left is filter-based; a retry loop around a whole list is neither
    case('''
        import sys
        import boto3
        s3 = boto3.client("s3")
        keys = [line.strip() for line in open(sys.argv[2])]
        if "--execute" in sys.argv:
            while keys:
                batch, keys = keys[:1000], keys[1000:]
                s3.delete_objects(Bucket="b", Delete={"Objects": [{"Key": k} for k in batch]})
            while True:
                resp = s3.list_objects_v2(Bucket="b", Prefix=sys.argv[1])
                if not resp.get("Contents"):
                    break
                s3.delete_objects(Bucket="b", Delete={"Objects": [{"Key": o["Key"]} for o in resp["Contents"]]})
            attempts = 0
            while attempts < 3:
                attempts += 1
                try:
                    s3.delete_objects(Bucket="b", Delete={"Objects": [{"Key": k} for k in keys]})
                    break
                except Exception:
                    pass
    ''', "OPS103:6", "OPS103:18"),
    # a capped loop caps the batch it hands over, not a DELETE with no WHERE or a list it does not pick
    case('''
        import sqlite3, sys
        conn = sqlite3.connect(sys.argv[1])
        keys = sorted(line.strip() for line in open(sys.argv[2]))
        if "--execute" in sys.argv:
            for table in ("events_raw", "funnels"):
                conn.execute(f"DELETE FROM {table}")
            for bucket in ("x", "y"):
                conn.execute("DELETE FROM objects WHERE bucket = ? AND key IN (?)", (bucket, keys))
            for key in keys[-50:]:
                conn.execute("DELETE FROM objects WHERE key = ?", (key,))
            for batch in (keys[:100], keys[100:200]):
                conn.execute("DELETE FROM objects WHERE key IN (?)", (batch,))
    ''', "OPS103:6", "OPS103:8"),
    # one finding per problem: the per-ARN loop, not also the loop over regions that calls it
    case('''
        import sys
        import boto3
        def clean_region(region):
            client = boto3.client("ecs", region_name=region)
            arns = client.list_task_definitions(status="INACTIVE")["taskDefinitionArns"]
            for arn in arns:
                if "--execute" in sys.argv:
                    client.delete_task_definitions(taskDefinitions=[arn])
        def clean_all():
            for region in boto3.session.Session().get_available_regions("ecs"):
                clean_region(region)
        if len(sys.argv) == 3:
            clean_region(sys.argv[1])
        else:
            clean_all()
    ''', "OPS103:6"),
    # a listing handed to a bulk call whole is as uncapped as one kept in a variable first
    case('''
        import sys
        from google.cloud import storage
        bucket = storage.Client().bucket(sys.argv[1])
        if "--execute" in sys.argv:
            bucket.delete_blobs(bucket.list_blobs())
            bucket.delete_blobs(bucket.list_blobs(max_results=100))
            blobs = bucket.list_blobs()
            bucket.delete_blobs(blobs)
    ''', "OPS103:5", "OPS103:8"),
    # the batch unpacked from a scan's reply kept in a variable is still listed afresh each time
    case('''
        import sys
        import redis
        client = redis.Redis()
        begin = 0
        while "--execute" in sys.argv:
            result = client.scan(begin, sys.argv[1], 10000)
            begin, keys = result
            if keys:
                client.delete(*keys)
            if begin == 0:
                break
    '''),
    # one finding for a chain of helpers: the outermost loop when the helpers only run inside it
    case('''
        import sys
        import boto3
        def delete_one(region, arn):
            client = boto3.client("ecs", region_name=region)
            for attempt in range(5):
                client.delete_task_definitions(taskDefinitions=[arn])
                break
        def clean_region(region):
            arns = boto3.client("ecs", region_name=region).list_task_definitions()["taskDefinitionArns"]
            for arn in arns:
                delete_one(region, arn)
        if "--execute" in sys.argv:
            for region in boto3.session.Session().get_available_regions("ecs"):
                clean_region(region)
    ''', "OPS103:13"),
    # ... and the per-ARN loop two calls away, not the region loop too, when a region can be run alone
    case('''
        import sys
        import boto3
        def delete_one(region, arn):
            client = boto3.client("ecs", region_name=region)
            for attempt in range(5):
                client.delete_task_definitions(taskDefinitions=[arn])
                break
        def clean_region(region):
            arns = boto3.client("ecs", region_name=region).list_task_definitions()["taskDefinitionArns"]
            for arn in arns:
                delete_one(region, arn)
        if "--execute" in sys.argv and len(sys.argv) == 3:
            clean_region(sys.argv[2])
        elif "--execute" in sys.argv:
            for region in boto3.session.Session().get_available_regions("ecs"):
                clean_region(region)
    ''', "OPS103:10"),
    # a usage check on the command line caps no other list; a length check of the list does
    case('''
        import sys
        import requests
        if len(sys.argv) != 2:
            sys.exit("usage: prune.py URL")
        for name in requests.get(sys.argv[1]).json():
            requests.delete(sys.argv[1] + "/" + name)
        tags = requests.get(sys.argv[1] + "/tags").json()
        if len(tags) > 50:
            sys.exit("refusing: more than 50 tags")
        for tag in sorted(tags)[:-5]:
            requests.delete(sys.argv[1] + "/tags/" + tag)
        ids = sys.argv[1:]
        if len(sys.argv) > 21:
            sys.exit("at most 20 IDs")
        for i in ids:
            requests.delete(sys.argv[1] + "/items/" + i)
    ''', "OPS103:5"),
    # draining a queue.Queue is a loop over what was put in it
    case('''
        import queue, sys
        import hvac
        client = hvac.Client()
        pending = queue.Queue()
        for key in client.list(sys.argv[1])["data"]["keys"]:
            pending.put(sys.argv[1] + key)
        while not pending.empty():
            client.delete(pending.get())
        attempts = 0
        while attempts < 3:
            attempts += 1
            client.delete(pending.get_nowait())
    ''', "OPS103:7"),
    # a cap checked in __init__ bounds the attribute a method loops over; another attribute's does not
    case('''
        import sys
        from google.cloud import storage
        class Purge:
            def __init__(self, names):
                self.bucket_ids = [n for n in names if n.startswith("tmp-")]
                self.blob_names = list(names)
                if len(self.bucket_ids) > 20:
                    raise SystemExit("twenty buckets per run")
            def run(self):
                for bucket_id in self.bucket_ids:
                    if "--execute" in sys.argv:
                        storage.Client().bucket(bucket_id).delete()
                for name in self.blob_names:
                    if "--execute" in sys.argv:
                        storage.Client().bucket("b").blob(name).delete()
        Purge(sys.argv[1:]).run()
    ''', "OPS103:13"),
    # a query built with .limit(n) caps what it fetches, handed to scalars() or chained to fetchall()
    case('''
        import sqlite3, sys
        from sqlalchemy import select
        from scheduler.models import Job, db_session
        if "--execute" not in sys.argv:
            raise SystemExit("dry run")
        for job in db_session.scalars(select(Job).where(Job.state == "done").limit(100)):
            db_session.delete(job)
        jobs = db_session.scalars(select(Job).where(Job.state == "failed")).all()
        for job in jobs:
            db_session.delete(job)
        conn = sqlite3.connect("jobs.db")
        rows = conn.execute("SELECT id FROM jobs WHERE state = 'done' LIMIT 100").fetchall()
        for (job_id,) in rows:
            conn.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
    ''', "OPS103:9"),
    # a DELETE with no WHERE through SQLAlchemy's text(); a tenacity retry loop is no loop over items
    case('''
        import sys
        import boto3
        from sqlalchemy import create_engine, text
        from tenacity import Retrying, stop_after_attempt
        if "--execute" in sys.argv:
            with create_engine("postgresql://ops@db/app").begin() as conn:
                conn.execute(text("DELETE FROM audit_log"))
            for attempt in Retrying(stop=stop_after_attempt(5)):
                with attempt:
                    boto3.client("dynamodb").delete_table(TableName=sys.argv[1])
    ''', "OPS103:7"),
    # a length check of a dict caps the loop over its items()
    case('''
        import json, sys
        from insight import InsightClient
        doomed = json.load(open(sys.argv[1]))
        if len(doomed) > 15:
            sys.exit("15 apps per plan at most")
        for app_id, reason in doomed.items():
            if "--execute" in sys.argv:
                InsightClient().permanently_delete(app_id)
    '''),
    # a capped listing returned by a helper stays capped through the name and the Objects dict
    case('''
        import sys
        import boto3
        s3 = boto3.client("s3")
        def candidates(bucket):
            resp = s3.list_objects_v2(Bucket=bucket, Prefix="tmp/", MaxKeys=500)
            return [o["Key"] for o in resp.get("Contents", [])]
        keys = candidates(sys.argv[1])
        if "--execute" in sys.argv and keys:
            s3.delete_objects(Bucket=sys.argv[1], Delete={"Objects": [{"Key": k} for k in keys]})
    '''),
    # a path built from parts, and a wrapper handing on its *args, are not lists of items
    case('''
        import shutil, sys
        def rm(*args, **kwargs):
            shutil.rmtree(*args, **kwargs)
        if "--execute" in sys.argv:
            parts = sys.argv[1].split("/")
            shutil.rmtree("/".join(parts))
            rm("/srv/cache")
    '''),
    # map handed a destructive function is a loop over its iterable
    case('''
        import os, sys
        list(map(os.remove, sys.argv[1:]))
        list(map(os.remove, sys.argv[1:4]))
    ''', "OPS103:2"),
    # IN (SELECT ... LIMIT n) is a filter deleted in batches, not a list of IDs
    case('''
        import sys
        import psycopg2
        conn = psycopg2.connect("")
        cur = conn.cursor()
        if "--execute" in sys.argv:
            while True:
                cur.execute(
                    "DELETE FROM audit.events WHERE id IN (SELECT id FROM audit.events "
                    "WHERE logged_at < now() - interval '90 days' ORDER BY id LIMIT 5000)"
                )
                conn.commit()
                if cur.rowcount == 0:
                    break
            cur.execute("DELETE FROM sessions WHERE id IN %s", (tuple(sys.argv[2:]),))
    ''', "OPS103:14"),
    # what is not a cap: a reply's status, an error or time budget, a usage floor
    case('''
        import logging, sys, time
        import requests
        log = logging.getLogger(__name__)
        names = sys.argv[2:]
        for name in names:
            r = requests.delete(f"https://es.example.com/{name}")
            if r.status_code >= 300:
                log.error("delete %s failed", name)
        errors = 0
        for name in names:
            try:
                requests.delete(f"https://es.example.com/{name}")
            except requests.RequestException:
                errors += 1
                if errors >= 5:
                    break
        start = time.time()
        for name in names:
            if time.time() - start > 600:
                break
            requests.delete(f"https://es.example.com/{name}")
        if len(sys.argv) < 2:
            sys.exit("usage: prune.py INSTANCE_ID...")
        for name in sys.argv[1:]:
            requests.delete(f"https://es.example.com/{name}")
    ''', "OPS103:5", "OPS103:10", "OPS103:18", "OPS103:24"),
    # what is: a count of items done, an index, a ternary between bounded lists
    case('''
        import sys
        import requests
        TABLES = ("page_views", "api_log")
        names = sys.argv[1:]
        deleted = 0
        for name in names:
            if deleted >= 100:
                break
            requests.delete(f"https://es.example.com/{name}")
            deleted += 1
        for i, name in enumerate(names):
            if i >= 100:
                break
            requests.delete(f"https://es.example.com/{name}")
        tables = [sys.argv[1]] if len(sys.argv) > 1 else list(TABLES)
        for table in tables:
            requests.delete(f"https://es.example.com/{table}")
    '''),
    # map over a lambda is a loop; over a capped list it is not unbounded
    case('''
        import sys
        import boto3
        s3 = boto3.client("s3")
        keys = [line.strip() for line in open(sys.argv[1])]
        list(map(lambda k: s3.delete_object(Bucket="b", Key=k), keys))
        list(map(lambda k: s3.delete_object(Bucket="b", Key=k), keys[:100]))
        names = sorted(keys, key=lambda k: len(k))
    ''', "OPS103:5"),
    # a capped listing kept in a variable is still capped: .get("Contents", []) / .items of it
    case('''
        import boto3
        from kubernetes import client
        s3 = boto3.client("s3")
        listing = s3.list_objects_v2(Bucket="b", Prefix="tmp/", MaxKeys=100)
        for obj in listing.get("Contents", []):
            s3.delete_object(Bucket="b", Key=obj["Key"])
        apps = client.AppsV1Api()
        deps = apps.list_namespaced_deployment("previews", limit=30)
        for dep in deps.items:
            apps.delete_namespaced_deployment(dep.metadata.name, "previews")
    '''),
    # a counter kept across pages caps the paging loop too; one reset on every page does not
    case('''
        import boto3
        iam = boto3.client("iam")
        deleted = 0
        for page in iam.get_paginator("list_roles").paginate(PathPrefix="/ci/"):
            for role in page["Roles"]:
                if deleted >= 25:
                    break
                iam.delete_role(RoleName=role["RoleName"])
                deleted += 1
        for page in iam.get_paginator("list_users").paginate():
            n = 0
            for user in page["Users"]:
                if n >= 10:
                    break
                iam.delete_user(UserName=user["UserName"])
                n += 1
    ''', "OPS103:10"),
    case('''
        def run(client, ids):
            for i in ids:
                client.delete_site(i)
    ''', "OPS103:2"),
    # capped: slice, islice, literal list, range, length check, counter, cap option
    case('''
        import itertools, sys
        MAX_DELETES = 20
        def a(client, ids):
            for i in ids[:MAX_DELETES]:
                client.delete_site(i)
        def b(client, ids):
            for i in itertools.islice(ids, 10):
                client.delete_site(i)
        def c(client):
            for name in ["tmp-a", "tmp-b"]:
                client.delete_bucket(Bucket=name)
        def d(client, ids):
            if len(ids) > MAX_DELETES:
                sys.exit("too many")
            for i in ids:
                client.delete_site(i)
        def e(client, ids, limit):
            deleted = 0
            for i in ids:
                if deleted >= limit:
                    break
                client.delete_site(i)
                deleted += 1
        def f(client, x):
            for attempt in range(3):
                client.delete_site(x)
    '''),
    # outermost uncapped loop only; loops reached through functions
    case('''
        def delete_one(client, i):
            client.delete_site(i)
        def run(client, groups):
            for group in groups:
                for i in group:
                    delete_one(client, i)
    ''', "OPS103:4"),
    case('''
        def delete_one(i):
            client.delete_site(i)
        def run(ids):
            with Pool(4) as pool:
                pool.map(delete_one, ids)
            [delete_one(i) for i in ids]
    ''', "OPS103:5", "OPS103:6"),
    # bulk calls outside loops
    case('''
        def a(ec2, instance_ids):
            ec2.terminate_instances(InstanceIds=instance_ids)
        def b(ec2, iid):
            ec2.terminate_instances(InstanceIds=[iid])
        def c(db, ids):
            db.sites.delete_many({"_id": {"$in": ids}})
        def d(db, cutoff):
            db.sites.delete_many({"created": {"$lt": cutoff}})
    ''', "OPS103:2", "OPS103:6"),
    case('''
        def a(cur):
            cur.execute("DELETE FROM sessions")
        def b(cur, ids):
            cur.execute("DELETE FROM sites WHERE id = ANY(%s)", (ids,))
        def c(cur, site_id):
            cur.execute("DELETE FROM sites WHERE id = %s", (site_id,))
        def d(cur, ids):
            cur.execute("DELETE FROM sites WHERE id = ANY(%s)", (ids[:50],))
    ''', "OPS103:2", "OPS103:4"),
    # filter-based mass deletes are not OPS103
    case('''
        def a(es, v1):
            es.delete_by_query(index="logs", body={"query": {"match_all": {}}})
            v1.delete_collection_namespaced_pod("ns")
        def b(Site, cutoff):
            Site.objects.filter(created__lt=cutoff).delete()
        def c(Site, ids):
            Site.objects.filter(id__in=ids).delete()
    ''', "OPS103:7"),
    # a batch size fixed in the code is not a cap: every image is still deleted, 100 at a time;
    # a --batch-size option the operator sets is one (the spec's "--batch-size option consulted")
    case('''
        import argparse
        parser = argparse.ArgumentParser()
        parser.add_argument("--batch-size", type=int, default=100)
        def chunks(items, n):
            return [items[i:i + n] for i in range(0, len(items), n)]
        def run(s3, keys, args):
            for batch in chunks(keys, args.batch_size):
                s3.delete_objects(Bucket="b", Delete={"Objects": [{"Key": k} for k in batch]})
        def wipe(ecr, image_ids):
            batch_size = 100
            for start in range(0, len(image_ids), batch_size):
                ecr.batch_delete_image(repositoryName="r", imageIds=image_ids[start:start + batch_size])
    ''', "OPS103:11"),
    # ... but a batch size or max option consulted as a cap is one
    case('''
        import sys
        def run(s3, keys, args):
            if len(keys) > args.batch_size:
                sys.exit("too many keys")
            s3.delete_objects(Bucket="b", Delete={"Objects": [{"Key": k} for k in keys]})
        def other(client, ids, args):
            for i in ids[:args.max]:
                client.delete_site(i)
        def listed(client, args):
            for s in client.list_sites(limit=args.limit):
                client.delete_site(s)
            for p in client.get_paginator("list_sites").paginate(PaginationConfig={"MaxItems": 50}):
                client.delete_site(p)
    '''),
    # an age threshold is a filter, not a cap
    case('''
        MAX_AGE_DAYS = 30
        def run(ec2, snaps):
            for snap in [s for s in snaps if s["Age"] > MAX_AGE_DAYS]:
                ec2.delete_snapshot(SnapshotId=snap["SnapshotId"])
        def paged(ec2, snaps):
            for snap in ec2.get_paginator("describe_snapshots").paginate(MaxResults=100):
                ec2.delete_snapshot(SnapshotId=snap)
    ''', "OPS103:3", "OPS103:6"),
    # IDs in the receiver chain of a bulk call; a prefix filter is filter-based
    case('''
        def a(ec2, ids):
            ec2.instances.filter(InstanceIds=ids).terminate()
        def b(ec2, iid):
            ec2.instances.filter(InstanceIds=[iid]).terminate()
        def c(bucket, prefix):
            bucket.objects.filter(Prefix=prefix).delete()
        def d(ec2, ids):
            ec2.instances.filter(InstanceIds=ids[:10]).terminate()
    ''', "OPS103:2"),
    # a list that starts empty (or as a literal) and grows is unbounded
    case('''
        def a(ec2, pages):
            snapshot_ids = []
            for page in pages:
                snapshot_ids.append(page["SnapshotId"])
            for snapshot_id in snapshot_ids:
                ec2.delete_snapshot(SnapshotId=snapshot_id)
        def b(s3, found):
            keys = [{"Key": "marker"}]
            keys += [{"Key": k} for k in found]
            s3.delete_objects(Bucket="b", Delete={"Objects": keys})
        def c(s3):
            keys = [{"Key": "a"}, {"Key": "b"}]
            s3.delete_objects(Bucket="b", Delete={"Objects": keys})
    ''', "OPS103:5", "OPS103:10"),
    # an option with a fixed integer arity holds that many items
    case('''
        import argparse
        import shutil
        p = argparse.ArgumentParser()
        p.add_argument("path", nargs=1)
        p.add_argument("pair", nargs=2)
        p.add_argument("many", nargs="+")
        args = p.parse_args()
        for d in args.path:
            shutil.rmtree(d)
        for d in p.parse_args().pair:
            shutil.rmtree(d)
        for d in args.many:
            shutil.rmtree(d)
    ''', "OPS103:12"),
    # a per-item prompt is a cap: the operator approves each delete
    case('''
        import click
        def a(gh):
            for repo in gh.get_repos():
                if input(f"delete {repo.name}? ") == "y":
                    repo.delete()
        def b(client, ids):
            for i in ids:
                if not click.confirm(f"delete {i}?"):
                    continue
                client.delete_site(i)
        def c(client, ids, args):
            for i in ids:
                if not args.dry_run:
                    client.delete_site(i)
        def d(client, ids):
            if input("delete all? ") != "yes":
                return
            for i in ids:
                client.delete_site(i)
    ''', "OPS103:12", "OPS103:18"),
    # paginators are unbounded
    case('''
        def run(s3):
            pages = s3.get_paginator("list_objects_v2").paginate(Bucket="b")
            for page in pages:
                for obj in page.get("Contents", []):
                    s3.delete_object(Bucket="b", Key=obj["Key"])
    ''', "OPS103:3"),
    # caps seen through the module: checked callers, Enum members, LIMIT queries, list-call limits
    case('''
        import sys
        def delete_all(client, ids):
            for i in ids:
                client.delete_site(i)
        def main(client, ids):
            if len(ids) > 20:
                sys.exit("too many")
            delete_all(client, ids)
    '''),
    case('''
        import enum
        class App(enum.Enum):
            A = "app-1"
            B = "app-2"
        def main(client):
            for app in App:
                client.delete_app(app.value)
    '''),
    case('''
        def main(cur):
            cur.execute("SELECT id FROM t WHERE stale LIMIT 100")
            for (row_id,) in cur.fetchall():
                cur.execute("DELETE FROM t WHERE id = %s", (row_id,))
        def other(cur):
            cur.execute("SELECT id FROM t WHERE stale")
            for (row_id,) in cur.fetchall():
                cur.execute("DELETE FROM t WHERE id = %s", (row_id,))
    ''', "OPS103:7"),
    case('''
        def a(logs):
            for g in logs.describe_log_groups(limit=50)["logGroups"]:
                logs.delete_log_group(logGroupName=g["logGroupName"])
        def b(jira):
            for issue in jira.search_issues("project = X", maxResults=False):
                issue.delete()
    ''', "OPS103:5"),
    # a caller's slice caps a helper's loop; an accumulator filled later does not
    case('''
        def delete_all(client, ids):
            for i in ids:
                client.delete_site(i)
        def main(client, ids):
            delete_all(client, ids[:10])
        def other(client, groups):
            by_owner = {}
            for g in groups:
                by_owner.setdefault(g.owner, []).append(g)
            for owner, items in by_owner.items():
                client.delete_site(owner)
    ''', "OPS103:10"),
    # all but the newest N is not a cap
    case('''
        def main(client, snaps, keep):
            for s in sorted(snaps)[:-keep]:
                client.delete_snapshot(SnapshotId=s)
    ''', "OPS103:2"),
    # while loops that drain a queue or page through a listing are loops over a collection
    case('''
        def drain(client, queue):
            while queue:
                item = queue.pop()
                client.delete_site(item)
        def pages(s3):
            token = None
            while True:
                kwargs = {"Bucket": "b"}
                if token:
                    kwargs["ContinuationToken"] = token
                resp = s3.list_objects_v2(**kwargs)
                for obj in resp.get("Contents", []):
                    s3.delete_object(Bucket="b", Key=obj["Key"])
                if not resp.get("IsTruncated"):
                    break
                token = resp["NextContinuationToken"]
        def until_empty(client):
            while True:
                pages = client.get_all_pages_from_space("OPS")
                if not pages:
                    break
                for page in pages:
                    client.remove_page(page["id"])
    ''', "OPS103:2", "OPS103:7", "OPS103:18"),
    # a paging loop that stops when a page comes back empty, spelled with len(); a page taken
    # out of the JSON body is still a fetched page
    case('''
        import requests
        def purge_runs(api, repo):
            while True:
                runs = requests.get(f"{api}/repos/{repo}/actions/runs").json()["workflow_runs"]
                if len(runs) == 0:
                    break
                for run in runs:
                    requests.delete(f"{api}/repos/{repo}/actions/runs/{run['id']}")
    ''', "OPS103:3"),
    # ... but a real cap still caps it
    case('''
        import requests
        def purge_runs(api, repo, limit=100):
            deleted = 0
            while True:
                runs = requests.get(f"{api}/repos/{repo}/actions/runs").json()["workflow_runs"]
                if len(runs) == 0 or deleted >= limit:
                    break
                for run in runs[: limit - deleted]:
                    requests.delete(f"{api}/repos/{repo}/actions/runs/{run['id']}")
                    deleted += 1
    '''),
    # an exclusion deletes everything but the list: its size caps nothing; a count of the query does
    case('''
        from app.models import User
        def purge(keep_ids):
            User.objects.exclude(pk__in=keep_ids[:10]).delete()
    ''', "OPS103:3"),
    case('''
        import sys
        from app.models import User
        MAX = 50
        def purge(keep_ids):
            doomed = User.objects.exclude(pk__in=keep_ids)
            if doomed.count() > MAX:
                sys.exit("refusing to delete that many users")
            doomed.delete()
    '''),
    # retries, polling and counted while loops are not
    case('''
        import time
        def retry(client, site_id):
            attempts = 0
            while attempts < 3:
                try:
                    client.delete_site(site_id)
                    break
                except Exception:
                    attempts += 1
                    time.sleep(2)
        def counted(client, queue, args):
            deleted = 0
            while queue:
                if deleted >= args.max:
                    break
                client.delete_site(queue.pop())
                deleted += 1
        def bounded(client, queue):
            while queue and deleted < MAX_DELETES:
                client.delete_site(queue.pop())
    '''),
    # no destructive call: no finding
    case('''
        def run(ids):
            for i in ids:
                print(i)
    '''),
]


def test_an_exclusion_gets_advice_about_the_query_not_the_list():
    findings = lint_source(
        "from app.models import User\n"
        "def purge(keep_ids):\n"
        "    User.objects.exclude(pk__in=keep_ids).delete()\n"
    )
    [finding] = [f for f in findings if f.rule == "OPS103"]
    assert "everything except the listed items" in finding.message
    assert "ids[:MAX]" not in finding.message


def test_a_long_call_chain_is_named_without_its_arguments():
    findings = lint_source(
        "from app.models import User\n"
        "def purge(options):\n"
        "    User.objects.exclude(pk__in=options['keep_these_user_ids_please'] or []).delete()\n"
    )
    [finding] = [f for f in findings if f.rule == "OPS103"]
    assert finding.message.startswith("User.objects.exclude(...).delete(...) deletes")


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_ops103(c):
    assert_case(c, rules=["OPS103"])
