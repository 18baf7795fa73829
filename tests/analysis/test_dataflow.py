"""The data flow the ID rules read: hops, origins and validation of each walk."""

import textwrap

from linter.analysis import build
from linter.parse import parse_source
from linter.testing import default_settings


def flows(source: str):
    analysis = build("script.py", parse_source(textwrap.dedent(source)), default_settings())
    return analysis.dataflow.flows


def test_walk_names_each_hop_nearest_the_call_first():
    (flow,) = flows('''
        import sys
        from insight import client
        def purge(app_ids):
            for app_id in app_ids:
                client.delete_app(app_id)
        raw = sys.argv[1:]
        purge(raw)
    ''')
    assert [h.name for h in flow.hops] == ["app_id", "app_ids", "raw"]
    assert [h.collection for h in flow.hops] == [False, True, True]
    assert flow.origin.kind == "source" and flow.origin.words == "the command line (sys.argv)"
    assert not flow.validated


def test_later_assignment_replaces_earlier_one():
    (flow,) = flows('''
        import sys
        from insight import client, AppId
        app_ids = sys.argv[1:]
        app_ids = [AppId(a) for a in app_ids]
        client.delete_apps(app_ids)
    ''')
    assert flow.origin.kind == "typed"


def test_both_branches_reach_the_call():
    result = flows('''
        import sys
        from insight import client
        if len(sys.argv) > 1:
            site_ids = sys.argv[1:]
        else:
            site_ids = ["s-1"]
        client.delete_sites(site_ids)
    ''')
    assert sorted(f.origin.kind for f in result) == ["literal", "source"]


def test_other_modules_lose_the_flow():
    (flow,) = flows('''
        from helpers import load_ids
        from insight import client
        app_ids = load_ids()
        client.delete_apps(app_ids)
    ''')
    assert flow.origin.kind == "opaque"


def test_bool_wrapped_local_predicate_validates():
    (flow,) = flows('''
        import re
        import sys
        from insight import client
        def is_app_id(value):
            return bool(re.fullmatch(r"app-[0-9]+", value))
        app_ids = [a for a in sys.argv[1:] if is_app_id(a)]
        client.delete_apps(app_ids)
    ''')
    assert flow.origin.kind == "source" and flow.validated


def test_files_without_destructive_calls_build_nothing():
    analysis = build("script.py", parse_source("import sys\nids = sys.argv[1:]\nprint(ids)\n"), default_settings())
    assert analysis.dataflow.flows == []
    assert analysis.dataflow._scopes == {}


def test_loop_carried_append_reaches_the_call():
    result = flows('''
        import sys
        from insight import client
        pending = []
        for line in sys.stdin:
            if pending:
                client.delete_sites(pending)
            pending.append(line.strip())
    ''')
    assert any(f.origin.kind == "source" for f in result)


def test_receiver_built_step_by_step_is_followed_to_the_ids():
    found = flows('''
        import sys
        from app.models import Node, session
        node_ids = sys.argv[1:]
        query = session.query(Node)
        query = query.filter(Node.id.in_(node_ids))
        query.delete()
    ''')
    reaching = [f for f in found if f.carries_ids]
    assert [h.name for h in reaching[0].hops] == ["node_ids"]
    assert reaching[0].origin.kind == "source"


def test_receiver_assigned_on_two_paths_follows_both():
    found = flows('''
        import sys
        import boto3
        ec2 = boto3.resource("ec2")
        instance_id = sys.argv[1]
        if len(sys.argv) > 2:
            instance = ec2.Instance(instance_id)
        else:
            instance = ec2.Instance(default_id)
        instance.terminate()
    ''')
    origins = {(f.hops[0].name, f.origin.kind) for f in found if f.carries_ids}
    assert origins == {("instance_id", "source")}
