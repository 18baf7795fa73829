"""Disable dormant service accounts; the 'ci-' ones are always disabled."""
import argparse

from idp import IdentityClient


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--execute", action="store_true")
    args = ap.parse_args()
    idp = IdentityClient()
    accounts = idp.dormant_service_accounts(days=120)[:40]
    for acct in accounts:
        if acct.name.startswith("ci-"):
            idp.disable_account(acct.id)  # expect: OPS202
        elif args.execute:
            idp.disable_account(acct.id)
        else:
            print("would disable", acct.name)


if __name__ == "__main__":
    main()
