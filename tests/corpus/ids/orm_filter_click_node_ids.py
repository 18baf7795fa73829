"""Remove decommissioned nodes from the inventory database.

Usage: prune_nodes.py 4411 4412 4413
"""
import click
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from inventory.models import Node, NodeMetric

engine = create_engine("postgresql:///inventory")
Session = sessionmaker(bind=engine)


@click.command()
@click.argument("node_ids", nargs=-1, type=int)  # expect: OPS301
@click.option("--dry-run/--no-dry-run", default=True, help="Only show what would be removed.")
def prune(node_ids, dry_run):
    session = Session()
    for node_id in node_ids[:50]:
        node = session.query(Node).get(node_id)
        click.echo(f"node {node_id}: {node.hostname if node else 'missing'}")
        if dry_run:
            continue
        session.query(NodeMetric).filter(NodeMetric.node_id == node_id).delete()  # expect: OPS302
        session.query(Node).filter(Node.id == node_id).delete()  # expect: OPS302
    session.commit()


if __name__ == "__main__":
    prune()
