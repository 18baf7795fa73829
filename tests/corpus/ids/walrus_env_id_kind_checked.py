"""Delete the scratch database named by SCRATCH_DB_ID once it is confirmed to be a scratch one."""
import os
import sys

from dbaas import Client

DRY_RUN = os.environ.get("DRY_RUN", "1") != "0"


def main():
    client = Client()
    if not (db_id := os.environ.get("SCRATCH_DB_ID")):
        sys.exit("SCRATCH_DB_ID is not set")
    database = client.describe_database(db_id)
    if database["tier"] != "scratch":
        sys.exit(f"{db_id} is a {database['tier']} database, not scratch")
    if DRY_RUN:
        print("would delete", db_id)
        return
    client.delete_database(db_id)


if __name__ == "__main__":
    main()
