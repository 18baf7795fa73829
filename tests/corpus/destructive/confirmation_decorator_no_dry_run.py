"""Drop a tenant's database after a typed confirmation."""
import functools
import sys

import psycopg2


def require_confirmation(fn):
    @functools.wraps(fn)
    def wrapper(name, *args, **kwargs):
        typed = input(f"Type the database name ({name}) to confirm: ")
        if typed.strip() != name:
            sys.exit("confirmation failed; nothing dropped")
        return fn(name, *args, **kwargs)
    return wrapper


@require_confirmation
def drop_tenant_db(name):
    conn = psycopg2.connect("dbname=postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE "{name}"')


if __name__ == "__main__":  # expect: OPS201
    drop_tenant_db(sys.argv[1])
