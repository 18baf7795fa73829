from linter.checks.base import Rule


class ParseError(Rule):
    id = "OPS001"
    name = "parse-error"
    severity = "error"
    summary = "The file could not be read or parsed, so none of its code was checked."
    engine = True
    rationale = """
A file that does not parse, is not valid text in its declared encoding, cannot
be read, or takes longer than `max_file_seconds` to analyse is reported here
instead of being skipped silently: a script nobody could check is the one most
likely to hide an unguarded delete. The finding points at the place the parser
gave up.
"""
    bad = """
def cleanup(ids)
    for i in ids:
        client.delete_site(i)
"""
    good = """
def cleanup(ids):
    for i in ids:
        print(i)
"""
