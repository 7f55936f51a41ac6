"""The read-only, no-network checks applied to every SPARQL request."""

from __future__ import annotations

import pytest

from hykg.errors import QueryRefused
from hykg.query.safety import check_query
from hykg.rdf.terms import sparql_string


@pytest.mark.parametrize("query,form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("ask { ?s ?p ?o }", "ASK"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <https://w3id.org/hykg/id/ent/hengguang>", "DESCRIBE"),
    ('SELECT ?service WHERE { ?s <http://x/service> "SERVICE" } # SERVICE in a comment', "SELECT"),
    ("SELECT * FROM <https://w3id.org/hykg/graph/hengyang> WHERE { ?s ?p ?o }", "SELECT"),
])
def test_allowed(query: str, form: str) -> None:
    assert check_query(query) == form


@pytest.mark.parametrize("query,message", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("select * where { service silent <http://x/> { } }", "SERVICE is not allowed"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "updates are not allowed (INSERT)"),
    ("DELETE WHERE { ?s ?p ?o }", "updates are not allowed (DELETE)"),
    ("LOAD <http://example.org/x.ttl>", "updates are not allowed (LOAD)"),
    ("DROP ALL", "updates are not allowed (DROP)"),
    ("SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }", "FROM http://example.org/remote.ttl is not allowed"),
    ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { ?s ?p ?o }", "is not allowed"),
    ("SELECT * WHERE " + "{" * 100 + "}" * 100, "nested 100 levels deep"),
    ("SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("SELECT * { \\U00000073ervice silent <http://x/> { } }", "SERVICE is not allowed"),
    ("SELECT * \\u0046ROM <file:///etc/passwd> { ?s ?p ?o }", "FROM file:///etc/passwd is not allowed"),
    ("SELECT * FROM <https://w3id.org/hykg/graph/x/../../../elsewhere> { ?s ?p ?o }", "is not allowed"),
    ("SELECT * FROM <https://w3id.org/hykg/graph/x/%2E%2E/y> { ?s ?p ?o }", "is not allowed"),
    ("SELECT * FROM <https://w3id.org/hykg/graph/./x> { ?s ?p ?o }", "is not allowed"),
    ("SELECT * \\u0049NSERT { }", "updates are not allowed (INSERT)"),
])
def test_refused(query: str, message: str) -> None:
    with pytest.raises(QueryRefused, match=None) as exc:
        check_query(query)
    assert message in str(exc.value)


def test_sparql_string_escapes_quotes_and_newlines() -> None:
    assert sparql_string('a"b\nc\\') == '"a\\"b\\nc\\\\"'
