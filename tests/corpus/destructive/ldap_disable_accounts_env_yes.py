"""Disable LDAP accounts listed by HR. Set YES=1 to skip the prompt (for cron)."""
import os
import sys

import ldap

ASSUME_YES = os.environ.get("YES")  # expect: OPS204


def main(uids):
    conn = ldap.initialize("ldaps://ldap.example.com")
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PW"])
    uids = uids[:50]
    print("\n".join(uids))
    if not ASSUME_YES and input("disable these accounts? ") != "yes":
        sys.exit(1)
    for uid in uids:
        conn.disable_account(f"uid={uid},ou=people,dc=example,dc=com")


if __name__ == "__main__":  # expect: OPS201
    main(sys.argv[1:])
