from report_fixtures import project  # noqa: F401 - the shared fixture
