#!/usr/bin/env python3
import argparse

from crm import CrmClient


def main():
    parser = argparse.ArgumentParser(description="Clean up duplicate CRM contacts")
    parser.add_argument("--action", default="disable", help="disable or delete")  # expect: OPS102
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    crm = CrmClient()
    dupes = crm.find_duplicates(limit=100)
    for contact in dupes:
        print(args.action, contact.id, contact.email)
        if not args.execute:
            continue
        if args.action == "delete":
            crm.delete_contact(contact.id)
        else:
            crm.disable_contact(contact.id)


if __name__ == "__main__":
    main()
