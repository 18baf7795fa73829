"""Remove stale preview deployments (Heroku-style platform API)."""
import argparse

import requests


class PreviewJanitor:
    def __init__(self, token, dry_run):
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.dry_run = dry_run

    def apps(self):
        return self.http.get("https://api.platform.example/apps", params={"tag": "preview", "limit": 30}).json()

    def delete_app(self, name):
        if self.dry_run:
            print("would delete app", name)
            return
        self.http.delete(f"https://api.platform.example/apps/{name}")

    def delete_addons(self, name):
        for addon in self.http.get(f"https://api.platform.example/apps/{name}/addons").json():  # expect: OPS103
            self.http.delete(f"https://api.platform.example/addons/{addon['id']}")  # expect: OPS101

    def run(self):
        for app in self.apps():  # capped: apps() lists at most 30
            self.delete_addons(app["name"])
            self.delete_app(app["name"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--token", required=True)
    parser.add_argument("--execute", action="store_true")
    args = parser.parse_args()
    PreviewJanitor(args.token, dry_run=not args.execute).run()
