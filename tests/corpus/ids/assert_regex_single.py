#!/usr/bin/env python3
"""drop_queue.py QUEUE_ID: purge one dead-letter queue."""
import re
import sys

import boto3

QUEUE_ID = re.compile(r"dlq-[a-z0-9-]+")


def main():
    queue_id = sys.argv[1]
    assert QUEUE_ID.fullmatch(queue_id), f"{queue_id} is not a dead-letter queue"
    if "--execute" not in sys.argv:
        print("would purge", queue_id)
        return
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=queue_id)["QueueUrl"]
    sqs.purge_queue(QueueUrl=url)


if __name__ == "__main__":
    main()
