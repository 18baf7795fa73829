"""Empty an ECR repository, 100 image IDs per request. Prints only unless --execute."""
import argparse

import boto3

ecr = boto3.client("ecr")
BATCH_SIZE = 100
MAX_AGE_DAYS = 90


def list_image_ids(repository):
    image_ids = []
    for page in ecr.get_paginator("list_images").paginate(repositoryName=repository):
        image_ids.extend(page["imageIds"])
    return image_ids


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("repository")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    image_ids = list_image_ids(args.repository)
    print(f"{len(image_ids)} images in {args.repository} (older than {MAX_AGE_DAYS} days kept? no)")
    if not args.execute:
        return
    for start in range(0, len(image_ids), BATCH_SIZE):  # expect: OPS103
        batch = image_ids[start:start + BATCH_SIZE]
        ecr.batch_delete_image(repositoryName=args.repository, imageIds=batch)


if __name__ == "__main__":
    main()
