"""pytest set-up for the tests and the doctests alike: the fixture modules, registered once here, and a
temporary home (HYKG_HOME, HYKG_GRAPH set for the session) so that no test writes into the user's."""

pytest_plugins = ["tests.fixtures", "tests.analysis_fixtures", "tests.viz_fixtures", "tests.server_fixtures",
                  "tests.ledger_fixtures", "tests.ingest_fixtures"]
