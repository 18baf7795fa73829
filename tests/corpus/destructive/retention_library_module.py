"""Retention helpers shared by the cleanup jobs. Callers decide what to delete."""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator


def older_than(items: Iterable[dict], days: int, key: str = "created") -> Iterator[dict]:
    cutoff = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
    for item in items:
        if item[key] < cutoff:
            yield item


def batched(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def delete_batch(client, bucket: str, keys: list[str], dry_run: bool = True) -> int:
    if dry_run or not keys:
        return 0
    resp = client.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys]})  # expect: OPS103
    return len(resp.get("Deleted", []))
