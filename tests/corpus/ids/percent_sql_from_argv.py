#!/usr/bin/env python3
"""Remove one customer's rows: delete_customer.py CUSTOMER_ID [--execute]"""
import sqlite3
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    customer_id = sys.argv[1]
    conn = sqlite3.connect("billing.db")
    if "--execute" not in sys.argv:
        print("would delete customer", customer_id)
        return
    conn.execute("DELETE FROM customers WHERE id = '%s'" % customer_id)  # expect: OPS302
    conn.commit()


if __name__ == "__main__":
    main()
