"""Reap unattached EBS volumes older than N days."""
import argparse
import datetime as dt
import logging

import boto3

log = logging.getLogger("volume-reaper")


class VolumeReaper:
    def __init__(self, region, dry_run=True, max_volumes=20):
        self.ec2 = boto3.client("ec2", region_name=region)
        self.dry_run = dry_run
        self.max_volumes = max_volumes

    def candidates(self, days):
        cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
        resp = self.ec2.describe_volumes(Filters=[{"Name": "status", "Values": ["available"]}])
        return [v for v in resp["Volumes"] if v["CreateTime"] < cutoff]

    def _delete(self, vol):
        if self.dry_run:
            log.info("[dry-run] would delete %s (%s GiB)", vol["VolumeId"], vol["Size"])
            return
        self.ec2.delete_volume(VolumeId=vol["VolumeId"])
        log.info("deleted %s", vol["VolumeId"])

    def run(self, days):
        vols = self.candidates(days)
        if len(vols) > self.max_volumes:
            raise SystemExit(f"{len(vols)} volumes exceed the limit of {self.max_volumes}")
        for vol in vols:
            self._delete(vol)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--region", default="eu-west-1")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    VolumeReaper(args.region, dry_run=not args.execute).run(args.days)


if __name__ == "__main__":
    main()
