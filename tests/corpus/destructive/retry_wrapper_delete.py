import time
import sys

import requests

SESSION = requests.Session()


def with_retries(fn, *args, attempts=3):
    for attempt in range(attempts):
        try:
            return fn(*args)
        except requests.RequestException:
            if attempt == attempts - 1:
                raise
            time.sleep(2**attempt)


def delete_webhook(hook_url):
    SESSION.delete(hook_url, timeout=10).raise_for_status()  # expect: OPS101


if __name__ == "__main__":  # expect: OPS201
    with_retries(delete_webhook, sys.argv[1])
