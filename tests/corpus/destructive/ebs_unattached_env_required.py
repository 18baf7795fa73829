"""Delete unattached EBS volumes in one region. DRY_RUN=true prints only."""
import os

import boto3

DRY_RUN = os.environ["DRY_RUN"].lower() == "true"  # expect: OPS203
REGION = os.environ.get("AWS_REGION", "us-east-1")
ec2 = boto3.client("ec2", region_name=REGION)


def unattached_volumes():
    resp = ec2.describe_volumes(Filters=[{"Name": "status", "Values": ["available"]}], MaxResults=50)
    return resp["Volumes"]


def main():
    for volume in unattached_volumes():
        print("unattached:", volume["VolumeId"], volume["Size"], "GiB")
        if DRY_RUN:
            continue
        ec2.delete_volume(VolumeId=volume["VolumeId"])


if __name__ == "__main__":
    main()
