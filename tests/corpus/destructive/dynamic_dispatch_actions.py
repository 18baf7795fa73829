#!/usr/bin/env python3
"""Apply an action named on the command line to one cluster node."""
import argparse

from fleet import FleetClient


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["cordon", "drain", "reboot"])
    parser.add_argument("node")
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    fleet = FleetClient()
    handler = getattr(fleet, args.action)
    if args.execute:
        handler(args.node)
    else:
        print(f"would {args.action} {args.node}")


if __name__ == "__main__":
    main()
