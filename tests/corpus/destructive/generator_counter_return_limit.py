"""Remove Docker images of retired services from the build hosts."""
import argparse

import docker


def retired_images(client, prefixes, limit):
    found = 0
    for image in client.images.list():
        if any(t.split(":")[0] in prefixes for t in image.tags):
            yield image
            found += 1
            if found >= limit:
                return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("prefixes", nargs="+")
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    client = docker.from_env()
    for image in retired_images(client, set(args.prefixes), args.limit):
        print(image.short_id, image.tags)
        if args.execute:
            client.images.remove(image.id, force=True)


if __name__ == "__main__":
    main()
