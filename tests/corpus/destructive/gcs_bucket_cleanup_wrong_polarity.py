"""Delete blobs older than --days from a bucket."""
import argparse
import datetime

from google.cloud import storage

parser = argparse.ArgumentParser()
parser.add_argument("bucket")
parser.add_argument("--days", type=int, default=90)
parser.add_argument("--dry-run", action="store_true", default=True)
args = parser.parse_args()

client = storage.Client()
cutoff = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=args.days)

for blob in client.list_blobs(args.bucket):  # expect: OPS103
    if blob.updated > cutoff:
        continue
    if args.dry_run:
        # TODO: print only
        blob.delete()  # expect: OPS101
    else:
        print("skipping", blob.name)
