"""Calls whose arguments carry shell commands, SQL text or URLs.

Shared by the prefilter and the analysis; kept free of LibCST so the prefilter
can import it without loading the parser.
"""

from __future__ import annotations

SHELL_CALLS = frozenset(
    {
        "subprocess.run",
        "subprocess.call",
        "subprocess.check_call",
        "subprocess.check_output",
        "subprocess.Popen",
        "os.system",
        "os.popen",
        "asyncio.create_subprocess_exec",
        "asyncio.create_subprocess_shell",
    }
)
SQL_METHODS = frozenset(
    {"execute", "executemany", "executescript", "exec_driver_sql", "read_sql", "read_sql_query", "mogrify_and_execute"}
)

# HTTP calls by name (requests, a requests/httpx session or client, urllib): the URL is their
# first argument (`url=`), or the second for `request(method, url)`
HTTP_CALLS = frozenset({"get", "post", "put", "patch", "delete", "head", "request", "urlopen", "Request"})
