"""`--store sparql:URL` on two real SPARQL servers nobody here wrote: Virtuoso 7 (Debian's virtuoso-opensource,
started here on loopback with its own database) and `oxigraph serve`. Every named question must give the
local store's answer on both; loading needs credentials (from the environment or a netrc file), never
anonymous write rights; a 401, a redirect or a malformed answer is a clear error.
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hykg.cli import main
from hykg.datasets.chainkg.importer import import_chainkg
from hykg.errors import HykgError
from hykg.stores import load_store, open_store
from hykg.stores.remote_http import RemoteAuthError, RemoteError

from .fixtures import CORPUS
from .store_fixtures import OxigraphServer, VirtuosoServer, virtuoso_binary

pytestmark = pytest.mark.skipif(virtuoso_binary() is None, reason="virtuoso-t is not installed (Debian package "
                                "virtuoso-opensource; scripts/system-deps.sh installs it, as CI does)")

CHAINKG = Path(__file__).parent / "data" / "chainkg"
PASSWORD = "hykgTest55"

# Every named question, as a user types it (each with --format json; `store info` differs by design).
QUESTIONS: list[list[str]] = [
    ["fed-by", "恒光"], ["feeds", "恒光"], ["feeds", "恒光", "--depth", "3"], ["fed-by", "松木经开区"],
    ["feeds", "松木经开区"], ["fed-by", "建滔", "--depth", "2"],
    ["upstream", "恒光"], ["downstream", "建滔"], ["path", "建滔", "恒光"], ["path", "松木经开区", "松木经开区"],
    ["show", "恒光"], ["show", "松木经开区"], ["show", "汽车产业链推进办公室"], ["show", "scheme/chains-2024"],
    ["show", "target/auto-output-2025"], ["show", "雷鹏"], ["show", "一轴三廊"],
    ["chain", "化工新材料"], ["chain", "汽车"], ["chain", "电子信息"], ["park", "松木经开区"],
    ["search", "建滔"], ["search", "产业集群"], ["search", "高新技术企业"], ["stats"],
    ["analyze", "circular"], ["analyze", "chain", "化工新材料"], ["analyze", "could-supply"],
    ["analyze", "could-supply", "恒光"], ["analyze", "risk"], ["coverage", "--corpus", str(CORPUS)],
    ["listed", "特变电工"], ["prospects", "汽车"], ["link", "candidates"],
    ["sparql", "SELECT ?t (COUNT(?x) AS ?n) WHERE { ?x a ?t } GROUP BY ?t ORDER BY ?t"],
    ["sparql", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"],
]
EXPORTS = ["supply", "park", "membership"]


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory, built_graph: Path) -> Path:
    """The built graph with the tiny ChainKG fixture imported next to it."""
    folder = tmp_path_factory.mktemp("remote-graph")
    shutil.copy(built_graph, folder / "hykg.nq.gz")
    import_chainkg(CHAINKG, folder / "chainkg.nq.gz", folder / "hykg.nq.gz", CHAINKG / "links.yaml")
    return folder / "hykg.nq.gz"


@pytest.fixture(scope="module")
def netrc_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("netrc") / "netrc"
    path.write_text(f"machine 127.0.0.1 login dba password {PASSWORD}\n", encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"), PASSWORD)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def loaded(virtuoso: VirtuosoServer, graph: Path, netrc_file: Path, tmp_path_factory: pytest.TempPathFactory,
           ) -> Iterator[dict[str, str]]:
    """Stores of the same files: local Oxigraph, `oxigraph serve` and Virtuoso (loaded with `hykg store load`,
    credentials from a netrc file, the Graph Store path discovered)."""
    d = tmp_path_factory.mktemp("oxigraph-serve")
    ox = OxigraphServer(d / "db", d / "log")
    r = CliRunner().invoke(main, ["--graph", str(graph), "store", "load", f"sparql:{virtuoso.query_url}",
                                  "--format", "json"], env={"HYKG_REMOTE_NETRC": str(netrc_file)})
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["graphs"]["https://w3id.org/hykg/graph/chainkg"] > 0
    load_store(f"sparql:{ox.query_url}", graph)
    yield {"local": "oxigraph-memory", "oxigraph-serve": f"sparql:{ox.query_url}",
           "virtuoso": f"sparql:{virtuoso.query_url}"}
    ox.stop()


def _ask(graph: Path, spec: str, args: list[str]) -> Any:
    r = CliRunner().invoke(main, ["--graph", str(graph), "--store", spec, *args, "--format", "json"])
    assert r.exit_code == 0, f"{spec}: hykg {' '.join(args)}\n{r.output}"
    return json.loads(r.output)


# ---------------------------------------------------------------------- the same answers everywhere
@pytest.mark.parametrize("server", ["virtuoso", "oxigraph-serve"])
def test_every_named_question_answers_as_the_local_store(loaded: dict[str, str], graph: Path, server: str) -> None:
    differ = []
    for args in QUESTIONS:
        want, got = _ask(graph, loaded["local"], args), _ask(graph, loaded[server], args)
        if got != want:
            differ.append(f"hykg {' '.join(args)}:\n  local: {json.dumps(want, ensure_ascii=False)[:600]}\n"
                          f"  {server}: {json.dumps(got, ensure_ascii=False)[:600]}")
    assert not differ, "\n".join(differ)


def test_fed_by_hengguang_has_four_flows_on_virtuoso(loaded: dict[str, str], graph: Path) -> None:
    flows = _ask(graph, loaded["virtuoso"], ["fed-by", "恒光"])["flows"]
    assert sorted((f["supplier"]["id"], f["material"]["label"]) for f in flows) == [
        ("ent/jianheng", "聚合氯化铝"), ("ent/kingboard", "双氧水"), ("ent/kingboard", "烧碱"), ("ent/kingboard", "盐酸")]


@pytest.mark.parametrize("server", ["virtuoso", "oxigraph-serve"])
def test_exports_are_byte_identical(loaded: dict[str, str], graph: Path, server: str, tmp_path: Path) -> None:
    for view in EXPORTS:
        files = {}
        for name in ("local", server):
            out = tmp_path / f"{view}-{name}.graphml"
            r = CliRunner().invoke(main, ["--graph", str(graph), "--store", loaded[name], "export", view,
                                          "--format", "graphml", "-o", str(out)])
            assert r.exit_code == 0, r.output
            files[name] = out.read_bytes()
        assert files[server] == files["local"], f"export {view} differs on {server}"


def test_store_info_counts_only_hykg_graphs(loaded: dict[str, str], graph: Path) -> None:
    local, remote = (_ask(graph, loaded[n], ["store", "info"]) for n in ("local", "virtuoso"))
    assert remote["graphs"] == local["graphs"] and remote["quads"] == local["quads"]


# ---------------------------------------------------------------------- credentials and loading
def test_anonymous_load_is_an_authentication_error(virtuoso: VirtuosoServer, graph: Path,
                                                   tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["--graph", str(graph), "store", "load", f"sparql:{virtuoso.query_url}"],
                           env={"HYKG_REMOTE_NETRC": str(tmp_path / "none"), "HYKG_REMOTE_USER": ""})
    assert r.exit_code == 1
    assert "asks for credentials (HTTP 401, digest" in r.output and "HYKG_REMOTE_USER" in r.output
    assert "Broken pipe" not in r.output and "Traceback" not in r.output


def test_wrong_password_is_refused_by_name(virtuoso: VirtuosoServer, graph: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HYKG_REMOTE_USER", "dba")
    monkeypatch.setenv("HYKG_REMOTE_PASSWORD", "wrong")
    with pytest.raises(RemoteAuthError, match="refused the credentials of user 'dba' from \\$HYKG_REMOTE_USER"):
        load_store(f"sparql:{virtuoso.query_url}", graph)


def test_load_with_credentials_from_the_environment_and_a_given_gsp_url(
        virtuoso: VirtuosoServer, graph: Path, loaded: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HYKG_REMOTE_USER", "dba")
    monkeypatch.setenv("HYKG_REMOTE_PASSWORD", PASSWORD)
    r = load_store(f"sparql:{virtuoso.query_url}", graph, gsp=virtuoso.gsp_url)
    assert r["graphs"]["https://w3id.org/hykg/graph/hengyang"] > 30_000
    assert len(open_store(loaded["virtuoso"])) == len(open_store(loaded["local"], graph))  # replaced, not doubled


def test_credentials_in_the_url_are_refused(virtuoso: VirtuosoServer) -> None:
    with pytest.raises(HykgError, match="credentials in the URL are refused"):
        open_store(f"sparql:http://dba:{PASSWORD}@127.0.0.1:{virtuoso.http_port}/sparql")


# ---------------------------------------------------------------------- hostile or broken endpoints
class _Canned(http.server.BaseHTTPRequestHandler):
    """Answers every request with the server's (status, headers, body)."""

    answer: tuple[int, dict[str, str], bytes] = (200, {}, b"")

    def _reply(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, headers, body = self.server.answer  # type: ignore[attr-defined]
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_HEAD = _reply

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def canned() -> Iterator[http.server.HTTPServer]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Canned)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


JSON = {"Content-Type": "application/sparql-results+json"}


@pytest.mark.parametrize(("answer", "message"), [
    ((200, JSON, b'{"head": {"vars": ["g"]}, "results": {"bindings": [{}]}}'), None),  # Virtuoso's GRAPH ?g {}
    ((200, JSON, b"<html>oops</html>"), "not SPARQL JSON results"),
    ((200, JSON, b'{"head": {"vars": ["g"]}}'), "without head.vars and results.bindings"),
    ((200, JSON, b'{"head": {"vars": ["g"]}, "results": {"bindings": [{"x": {"type": "uri", "value": "u"}}]}}'),
     "that is not bindings of"),
    ((200, JSON, b'{"head": {"vars": ["g"]}, "results": {"bindings": [{"g": {"value": "u"}}]}}'), "malformed term"),
    ((200, {"Content-Type": "text/html"}, b"<p>"), "unexpected response type"),
    ((302, {"Location": "http://example.org/sparql"}, b""), "redirect to http://example.org/sparql: hykg follows no"),
    ((401, {"WWW-Authenticate": 'Basic realm="x"'}, b""), "asks for credentials (HTTP 401, basic"),
    ((500, {}, b"boom"), "HTTP 500: boom"),
])
def test_malformed_answers_are_clear_errors(canned: http.server.HTTPServer, answer: tuple[int, dict[str, str], bytes],
                                            message: str | None, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    monkeypatch.setenv("HYKG_REMOTE_NETRC", str(tmp_path / "none"))
    monkeypatch.delenv("HYKG_REMOTE_USER", raising=False)
    canned.answer = answer  # type: ignore[attr-defined]
    store = open_store(f"sparql:http://127.0.0.1:{canned.server_port}/sparql")
    if message is None:
        assert store.graphs() == []  # type: ignore[attr-defined]
        return
    with pytest.raises(RemoteError, match=message.replace("(", "\\(").replace(")", "\\)")):
        store.query("SELECT ?g WHERE { ?g ?p ?o }", {})
