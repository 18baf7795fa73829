"""CronJob: disable sites whose IDs the operator put in SITE_IDS."""
import os
import sys

from insight import InsightClient

DRY_RUN = os.environ.get("DRY_RUN", "true").lower() in ("1", "true", "yes")


def main():
    site_ids = os.environ["SITE_IDS"].split(",")  # expect: OPS301
    if len(site_ids) > 5:
        sys.exit("refusing more than 5 sites")
    client = InsightClient()
    for site_id in site_ids:
        if DRY_RUN:
            print("DRY RUN: would disable", site_id)
            continue
        client.disable_site(site_id.strip())  # expect: OPS302


if __name__ == "__main__":
    main()
