"""Every command through click's CliRunner: output, JSON shapes, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest

from hykg.cli import main

ROOT = Path(__file__).resolve().parents[1]
#: the README and the topic pages of the command reference (the index only lists the commands)
DOCS = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
        for p in [ROOT / "README.md", *sorted((ROOT / "docs" / "commands").glob("*.md"))] if p.name != "index.md"}


def test_every_command_has_help_and_is_documented(runner) -> None:
    assert runner.invoke(main, ["--help"]).exit_code == 0
    ctx = click.Context(main, info_name="hykg")
    names = main.list_commands(ctx)
    assert {"build", "sparql", "fed-by", "coverage", "viz", "serve", "analyze", "config"} <= set(names)
    assert len(DOCS) > 5, sorted(DOCS)
    text = "\n".join(DOCS.values())
    for name in names:
        command = main.get_command(ctx, name)
        assert command is not None
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help, name
        assert f"hykg {name}" in text, f"neither README.md nor docs/commands/ documents `hykg {name}`"
        if isinstance(command, click.Group):  # and each subcommand: `hykg analyze risk`, `hykg store info` ...
            for sub in command.list_commands(ctx):
                assert f"hykg {name} {sub}" in text, f"neither README.md nor docs/commands/ documents `hykg {name} {sub}`"


def test_fed_by_table(cli) -> None:
    result = cli("fed-by", "恒光")
    assert result.exit_code == 0
    assert "建滔" in result.stdout and "聚合氯化铝" in result.stdout and "documented" in result.stdout


def test_fed_by_json_shape(cli) -> None:
    data = json.loads(cli("fed-by", "恒光", "--format", "json").stdout)
    assert set(data) == {"entity", "direction", "depth", "flows"}
    assert data["direction"] == "fed_by" and data["depth"] == 1
    flow = data["flows"][0]
    assert set(flow) == {"depth", "supplier", "consumer", "material", "flow", "kind", "status", "sources", "rationale"}
    assert set(flow["supplier"]) == {"id", "label", "label_en"}
    assert set(flow["sources"][0]) == {"doc", "quote"}


def test_feeds_csv_opens_as_table(cli) -> None:
    text = cli("feeds", "恒光", "--format", "csv", "--lang", "en").stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["depth", "supplier", "consumer", "material", "status", "sources"]
    assert {r[2] for r in rows[1:]} == {"Jianheng", "Dianke"}


def test_feeds_depth_must_be_positive(cli) -> None:
    assert cli("feeds", "恒光", "--depth", "0").exit_code == 2


def test_sparql_select_json_is_w3c(cli) -> None:
    result = cli("sparql", "SELECT ?c WHERE { ?c skos:inScheme scheme:chains-2021 }", "--format", "json")
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["c"]
    assert len(data["results"]["bindings"]) == 14
    assert data["results"]["bindings"][0]["c"]["type"] == "uri"


def test_sparql_ask_and_construct(cli, tmp_path: Path) -> None:
    assert json.loads(cli("sparql", "ASK { ent:hengguang hykg:inPark park:songmu }", "--format", "json").stdout) == {
        "head": {}, "boolean": True}
    q = tmp_path / "q.rq"
    q.write_text("CONSTRUCT { ?f hykg:material ?m } WHERE { ?f a hykg:MaterialFlow ; hykg:material ?m }", encoding="utf-8")
    out = cli("sparql", "-f", str(q), "--format", "ntriples").stdout
    assert len(out.strip().splitlines()) == 6


def test_sparql_csv_and_tsv(cli) -> None:
    q = 'SELECT ?l WHERE { ent:hengguang rdfs:label ?l } ORDER BY ?l'
    assert cli("sparql", q, "--format", "csv").stdout.splitlines() == ["l", "Hengguang", "恒光"]
    assert cli("sparql", q, "--format", "tsv").stdout.splitlines() == ["?l", '"Hengguang"@en', '"恒光"@zh']


@pytest.mark.parametrize("query,needle", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates are not allowed"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "SERVICE is not allowed"),
])
def test_sparql_refusals_exit_1(cli, query: str, needle: str) -> None:
    result = cli("sparql", query)
    assert result.exit_code == 1
    assert needle in result.stderr


def test_sparql_syntax_error_exits_2_with_parser_message(cli) -> None:
    result = cli("sparql", "SELECT ?x WHERE { ?x ")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: error at 1:")


def test_search(cli) -> None:
    data = json.loads(cli("search", "松木", "--format", "json").stdout)
    ids = [h["id"] for h in data]
    assert "park/songmu" in ids
    english = json.loads(cli("search", "kingboard", "--format", "json").stdout)
    assert english[0]["id"] == "ent/kingboard"


def test_show_card(cli) -> None:
    card = json.loads(cli("show", "恒光", "--format", "json").stdout)
    assert card["id"] == "ent/hengguang" and card["en_kind"] == "transliteration"
    park = [r for r in card["relations"] if r["property"] == "hykg:inPark"]
    assert park[0]["other"]["id"] == "park/songmu" and park[0]["status"] == "documented"
    incoming = {r["other"]["id"] for r in card["relations"] if r["direction"] == "in" and r["property"] == "hykg:consumer"}
    assert "flow/kingboard-hengguang-hcl" in incoming
    text = cli("show", "恒光").stdout
    assert "所在园区" in text and "松木经开区" in text


def test_show_possibly_same_as_is_editorial(cli) -> None:
    card = json.loads(cli("show", "建衡实业", "--format", "json").stdout)
    link = [r for r in card["relations"] if r["property"] == "hykg:possiblySameAs"]
    assert link[0]["other"]["id"] == "ent/jianheng"
    assert link[0]["status"] == "editorial" and link[0]["rationale"]


def test_unknown_name_lists_closest_matches(cli) -> None:
    result = cli("fed-by", "恒光化工厂")
    assert result.exit_code == 1
    assert "no entity named '恒光化工厂'" in result.stderr and "恒光 (ent/hengguang)" in result.stderr


def test_ambiguous_name_lists_candidates(cli) -> None:
    result = cli("show", "建滔化")
    assert result.exit_code in (0, 1)
    result = cli("fed-by", "建")
    assert result.exit_code == 1
    assert "is ambiguous" in result.stderr and "ent/kingboard" in result.stderr


def test_chain_and_park_commands(cli) -> None:
    chain = cli("chain", "化工新材料")
    assert chain.exit_code == 0 and "链长" in chain.stdout and "not stated in the sources" in chain.stdout
    park = json.loads(cli("park", "松木经开区", "--format", "json").stdout)
    assert park["park"]["id"] == "park/songmu"


def test_stats(cli) -> None:
    data = json.loads(cli("stats", "--format", "json").stdout)
    assert data["entities_by_type"]["hykg:IndustrialChain"] >= 14
    assert set(data["statements_by_status"]) <= {"documented", "editorial", "inferred"}
    assert data["statements_by_document"]["000_77e32e1598185cb9"] > 0


def test_missing_graph_file_is_a_clear_error(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--graph", str(tmp_path / "none.nq.gz"), "stats"])
    assert result.exit_code == 1
    assert "run `hykg build` first" in result.stderr
