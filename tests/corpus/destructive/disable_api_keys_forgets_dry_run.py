"""Disable API keys unused for 90 days."""
import datetime as dt
import os

import requests

DRY_RUN = os.environ.get("DRY_RUN", "1") != "0"
API = os.environ.get("KEYS_API", "https://keys.internal/api")


class KeyService:
    def __init__(self):
        self.http = requests.Session()

    def unused_since(self, days):
        since = (dt.date.today() - dt.timedelta(days=days)).isoformat()
        return self.http.get(f"{API}/keys", params={"unused_since": since, "limit": 100}).json()["keys"]


service = KeyService()
client = service.http
for key in service.unused_since(90)[:100]:
    print(("would disable " if DRY_RUN else "disabling ") + key["id"])
    client.disable_key(key["id"])  # expect: OPS202
