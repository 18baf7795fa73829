"""Delete customer rows whose IDs are listed in a CSV export."""
import argparse
import csv

import sqlalchemy as sa

metadata = sa.MetaData()
customers = sa.Table("customers", metadata, sa.Column("id", sa.Integer, primary_key=True))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csvfile")
    parser.add_argument("--db", default="postgresql://ops@crm-db/crm")
    parser.add_argument("--no-dry-run", dest="dry_run", action="store_false")
    args = parser.parse_args()
    with open(args.csvfile) as fh:
        ids = [int(row["customer_id"]) for row in csv.DictReader(fh)]  # expect: OPS301
    stmt = sa.delete(customers).where(customers.c.id.in_(ids))  # expect: OPS103, OPS302
    engine = sa.create_engine(args.db)
    if args.dry_run:
        print(f"would delete {len(ids)} customers")
        return
    with engine.begin() as conn:
        conn.execute(stmt)


if __name__ == "__main__":
    main()
