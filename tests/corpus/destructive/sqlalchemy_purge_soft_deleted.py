"""Hard-delete rows that were soft-deleted more than 30 days ago."""
import argparse
import datetime as dt
import os

from sqlalchemy import create_engine, delete, select
from sqlalchemy.orm import Session

from app.models import Document


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--execute", action="store_true")
    args = ap.parse_args()
    engine = create_engine(os.environ["DATABASE_URL"])
    cutoff = dt.datetime.utcnow() - dt.timedelta(days=30)
    with Session(engine) as session:
        count = len(session.scalars(select(Document.id).where(Document.deleted_at < cutoff)).all())
        print(f"{count} documents to purge")
        if not args.execute:
            return
        session.execute(delete(Document).where(Document.deleted_at < cutoff))
        session.commit()


if __name__ == "__main__":
    main()
