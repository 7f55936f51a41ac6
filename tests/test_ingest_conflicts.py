"""What the graph already says against an ingested document: another value for the same indicator and
period, another member list for the same programme; marked for review, and both kept when accepted."""

from __future__ import annotations

import json

from hykg.curation.ingest_conflicts import GraphSays, figure_matches, graph_says, mark_conflicts

from .ingest_fixtures import hykg_in as _hykg

GDP = {"id": "stat/gdp", "type": "Statistic", "indicator": "地区生产总值", "value": 3241.5, "unit": "亿元",
       "period": "2024-01/2024-09", "subject": "place/hy", "doc": "doc/a", "quote": "地区生产总值3241.50亿元"}


def _fig(**kw):
    return {"candidate": "n1", "type": "Statistic", "indicator": "全市实现地区生产总值", "value": 3300, "unit": "亿元",
            "period": "2024-01/2024-09", **kw}


def test_another_value_for_the_same_indicator_and_period_is_a_conflict() -> None:
    rec = _fig(area="place/hy")
    assert mark_conflicts([rec], GraphSays([GDP])) == 1
    assert rec["conflicts"] == [{k: GDP[k] for k in ("id", "value", "unit", "doc", "quote")}]


def test_the_same_value_another_period_unit_or_subject_is_no_conflict() -> None:
    says = GraphSays([GDP])
    same = _fig(value=3241.5)
    assert [m["differs"] for m in figure_matches(same, says)] == [False]
    for rec in (same, _fig(period="2024-01/2024-06"), _fig(unit="万元"), _fig(area="place/other"),
                _fig(type="Target"), _fig(indicator="总值")):  # too short to stand for the longer one
        assert mark_conflicts([rec], says) == 0 and "conflicts" not in rec


def test_a_programme_listed_with_other_parts_shows_both_lists() -> None:
    says = GraphSays(members={"mech/five": [{"id": "mech/a", "label": "甲清单", "doc": "doc/x"},
                                            {"id": "mech/b", "label": "乙清单", "doc": "doc/x"}]})
    recs = [{"candidate": "e1", "zh": "丙清单"},
            {"candidate": "r1", "about": "mech/a", "partOf": "mech/five"},
            {"candidate": "r2", "about": "e1", "partOf": "mech/five"}]
    assert mark_conflicts(recs, says) == 1
    assert recs[1]["conflicts"] == [{"id": "mech/five", "members_in_graph": ["乙清单", "甲清单"],
                                     "members_here": ["丙清单", "甲清单"], "docs": ["doc/x"]}]
    same = [{"candidate": "r1", "about": "mech/a", "partOf": "mech/five"},
            {"candidate": "r2", "about": "mech/b", "partOf": "mech/five"}]
    assert mark_conflicts(same, says) == 0


def test_graph_says_reads_figures_and_members_with_their_documents(kg) -> None:
    says = graph_says(kg)
    gdp = next(f for f in says.figures if f["id"] == "stat/gdp-2024q1q3")
    assert (gdp["value"], gdp["unit"], gdp["period"], gdp["doc"]) == (3241.5, "亿元", "2024-01/2024-09",
                                                                       "doc/000_77e32e1598185cb9")
    assert "发展目标清单" in {m["label"] for m in says.members["mech/five-lists-one-map"]}


def test_ingest_marks_the_conflict_and_accepting_keeps_both_statements(workspace) -> None:
    base, env = workspace
    path = base / "gdp.txt"
    path.write_text("2024年1至9月，衡阳市实现地区生产总值3300亿元。", encoding="utf-8")
    done = _hykg(env, "ingest", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    fig = next(f for f in out["figures"] if f["value"] == "3300")
    assert [(c["id"], c["value"]) for c in fig["conflicts"]] == [("stat/gdp-2024q1q3", 3241.5)]
    doc = out["doc"]["id"]
    listed = _hykg(env, "review", doc)
    assert "≠ stat/gdp-2024q1q3 in the graph: 3241.5 亿元" in listed.stdout
    assert _hykg(env, "review", doc, "--accept", fig["candidate"]).returncode == 0
    assert _hykg(env, "build").returncode == 0
    q = ('SELECT ?v WHERE { ?s a hykg:Statistic ; hykg:period "2024-01/2024-09" ; hykg:value ?v ; '
         'hykg:indicator ?i . FILTER(CONTAINS(?i, "地区生产总值") && !CONTAINS(?i, "增长")) } ORDER BY ?v')
    rows = json.loads(_hykg(env, "sparql", q, "--format", "json").stdout)["results"]["bindings"]
    assert [float(r["v"]["value"]) for r in rows] == [3241.5, 3300.0]
