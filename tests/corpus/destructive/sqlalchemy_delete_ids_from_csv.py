import csv
import sys

from sqlalchemy import create_engine, delete

from app.models import Account

engine = create_engine("postgresql:///app")


def purge_accounts(account_ids, dry_run=False):
    stmt = delete(Account).where(Account.id.in_(account_ids))  # expect: OPS103, OPS302
    if dry_run:
        print(stmt)
        return
    with engine.begin() as conn:
        conn.execute(stmt)


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        ids = [int(row[0]) for row in csv.reader(fh)]  # expect: OPS301
    purge_accounts(ids, dry_run="--dry-run" in sys.argv)  # expect: OPS203
