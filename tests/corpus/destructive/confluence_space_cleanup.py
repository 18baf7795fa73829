"""Remove pages labelled 'obsolete' from a Confluence space."""
import argparse
import os
import sys

from atlassian import Confluence

parser = argparse.ArgumentParser()
parser.add_argument("space")
parser.add_argument("--dry-run", action="store_true")  # expect: OPS203
parser.add_argument("--limit", type=int, default=50)
args = parser.parse_args()

confluence = Confluence(
    url="https://wiki.example.com",
    username=os.environ["WIKI_USER"],
    password=os.environ["WIKI_TOKEN"],
)

pages = confluence.get_all_pages_by_label("obsolete", limit=args.limit)
pages = [p for p in pages if p["space"]["key"] == args.space]
print(f"{len(pages)} obsolete pages in {args.space}")
for page in pages:
    print("-", page["title"])
    if not args.dry_run:
        confluence.remove_page(page["id"], status="trashed")
if not pages:
    sys.exit(0)
