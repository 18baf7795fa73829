# quick cleanup of the scratch schema after the migration test
import psycopg2

conn = psycopg2.connect("dbname=analytics host=localhost")
cur = conn.cursor()
cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'scratch'")
tables = [r[0] for r in cur.fetchall()]
print(tables)
for t in tables:  # expect: OPS103
    cur.execute("DROP TABLE scratch." + t)  # expect: OPS101, OPS201
conn.commit()
