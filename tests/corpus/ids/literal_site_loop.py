"""One-off: remove the demo sites created for the sales offsite."""
import sys

from insight import InsightClient

DRY_RUN = "--execute" not in sys.argv


def main():
    client = InsightClient(environment="production")
    for site_id in ["site-5f2a91", "site-77c0d3", "site-a1b2c3"]:  # expect: OPS301
        if DRY_RUN:
            print("would delete", site_id)
            continue
        client.delete_site(site_id)


if __name__ == "__main__":
    main()
