import sys

import redis


def main():
    host = sys.argv[1] if len(sys.argv) > 1 else "localhost"
    r = redis.Redis(host=host, port=6379, db=3)
    print(f"{r.dbsize()} keys in db 3 on {host}")
    answer = input(f"Type the host name ({host}) to flush db 3: ")
    if answer.strip() != host:
        print("aborted")
        sys.exit(1)
    r.flushdb()


if __name__ == "__main__":  # expect: OPS201
    main()
