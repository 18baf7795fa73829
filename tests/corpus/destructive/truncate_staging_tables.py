"""Reset the staging database before the nightly import."""
import os

import psycopg2

TABLES = ["import_orders", "import_customers", "import_lines"]

conn = psycopg2.connect(os.environ["STAGING_DSN"])
cur = conn.cursor()
for table in TABLES:
    cur.execute(f"TRUNCATE TABLE {table}")  # expect: OPS101, OPS201
conn.commit()
print("staging reset")
