#!/usr/bin/env python3
"""Deregister AMIs listed in amis.txt."""
import sys
from pathlib import Path

import boto3

EXECUTE = "--execute" in sys.argv


def main():
    image_ids = Path("amis.txt").read_text().split()  # expect: OPS301
    if len(image_ids) > 30:
        sys.exit("too many images")
    ec2 = boto3.client("ec2")
    for image_id in image_ids:
        if EXECUTE:
            ec2.deregister_image(ImageId=image_id)  # expect: OPS302
        else:
            print("would deregister", image_id)


if __name__ == "__main__":
    main()
