"""Circular economy: ENA figures validated against a published model and hand-derived networks; loops; 松木."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from hykg.analysis import circular as C
from hykg.errors import UnknownEntity

# Cone Spring (Tilly 1968, Ecol. Monogr. 38:169-197), the energy-flow model (kcal m^-2 y^-1) as adapted
# by Williams & Crouthamel and drawn in Szyrmer & Ulanowicz (1987, Ecol. Model. 35:123-136, Fig. 1);
# the same flows ship as the `Conesprings` data set of the R package NetIndices.
# Compartments: 0 plants, 1 detritus, 2 bacteria, 3 detritus feeders, 4 carnivores.
CONE_FLOWS = [(0, 1, 8881), (1, 2, 5205), (1, 3, 2309), (2, 1, 1600), (2, 3, 75), (3, 1, 200), (3, 4, 370), (4, 1, 167)]
CONE_INPUTS = [11184, 635, 0, 0, 0]


def cone_spring() -> np.ndarray:
    F = np.zeros((5, 5))
    for i, j, v in CONE_FLOWS:
        F[i, j] = v
    return F


def test_finn_cycling_index_cone_spring() -> None:
    """Finn's cycling index of Cone Spring.

    Published value: FCI = 0.092 for Cone Spring (Finn, J.T. 1976, "Measures of ecosystem structure and
    function derived from analysis of flows", J. Theor. Biol. 56:363-380; the value is quoted for this
    model throughout the ENA literature). TST = 30626 is the sum of the compartment throughflows
    (11184 + 11483 + 5205 + 2384 + 370), checkable by hand from the published flows.
    """
    fci, tst, tstc = C.finn_cycling_index(cone_spring(), inputs=np.array(CONE_INPUTS, dtype=float))
    assert tst == 30626.0
    assert round(fci, 3) == 0.092
    assert tstc == pytest.approx(0.0919389893 * 30626, rel=1e-6)


def test_finn_cycling_index_hand_derived() -> None:
    """A two-node loop where a share p of A's throughflow goes to B and a share q of B's comes back:
    each unit cycles with probability pq, so N_AA = N_BB = 1 / (1 - pq) and FCI = pq exactly
    (derived by hand). Here input 3 to A, A->B 2, B->A 1: T_A = 4, T_B = 2, p = q = 1/2, FCI = 1/4."""
    fci, tst, tstc = C.finn_cycling_index(np.array([[0.0, 2.0], [1.0, 0.0]]), inputs=np.array([3.0, 0.0]))
    assert (fci, tst, tstc) == (0.25, 6.0, 1.5)
    # no cycle: nothing is cycled
    assert C.finn_cycling_index(np.array([[0.0, 1.0], [0.0, 0.0]]))[0] == 0.0
    # a closed ring with no boundary flow: everything cycles
    assert C.finn_cycling_index(np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]))[0] == pytest.approx(1.0)


def test_cyclicity_cone_spring_hand_derived() -> None:
    """Cyclicity (Fath & Halnes 2007; Layton et al. 2016) of the Cone Spring adjacency matrix.

    Every cycle passes through detritus: two of length 2 (D-B-D, D-F-D), two of length 3 (D-B-F-D,
    D-F-C-D) and one of length 4 (D-B-F-C-D), so the dominant eigenvalue solves
    1 = 2/l^2 + 2/l^3 + 1/l^4, i.e. l^4 - 2l^2 - 2l - 1 = (l + 1)(l^3 - l^2 - l - 1) = 0: the real root
    of l^3 = l^2 + l + 1, the tribonacci constant 1.839286755 (derived by hand, not a published figure).
    """
    g = nx.DiGraph([(i, j) for i, j, _ in CONE_FLOWS])
    assert C.cyclicity(g) == pytest.approx(1.839286755214161, abs=1e-9)


@pytest.mark.parametrize("edges, expected", [
    ([(1, 2), (2, 3)], 0.0),                                   # a chain: no cycling
    ([(1, 2), (2, 3), (3, 1)], 1.0),                           # one simple cycle
    ([(0, 1), (1, 0), (0, 2), (2, 0), (0, 3), (3, 0)], 3 ** 0.5),  # hub with k = 3 two-cycles: sqrt(k)
    ([(a, b) for a in range(4) for b in range(4) if a != b], 3.0),  # complete digraph on n = 4: n - 1
])
def test_cyclicity_known_values(edges, expected) -> None:
    assert C.cyclicity(nx.DiGraph(edges)) == pytest.approx(expected, abs=1e-9)


def test_cyclicity_power_iteration_matches_dense(monkeypatch: pytest.MonkeyPatch) -> None:
    g = nx.DiGraph([(i, j) for i, j, _ in CONE_FLOWS])
    monkeypatch.setattr(C, "DENSE_EIG_LIMIT", 1)
    assert C.cyclicity(g) == pytest.approx(1.839286755214161, abs=1e-6)
    monkeypatch.setattr(C, "DENSE_EIG_LIMIT", 1)
    assert C.cyclicity(nx.DiGraph([(1, 2), (2, 3), (3, 1)])) == pytest.approx(1.0, abs=1e-6)


def test_connectance_link_density_centralization() -> None:
    star = nx.DiGraph([("h", x) for x in "abcd"])
    m = C.ena_metrics(star)
    assert (m["links"], m["connectance"], m["link_density"]) == (4, 4 / 20, 4 / 5)
    assert m["degree_centralization"] == {"total": 1.0, "in": pytest.approx(1 / 16), "out": 1.0}
    ring = nx.DiGraph([(1, 2), (2, 3), (3, 4), (4, 1)])
    assert C.degree_centralization(ring) == {"total": 0.0, "in": 0.0, "out": 0.0}


def test_weighted_metrics_use_quantities() -> None:
    g = nx.MultiDiGraph()
    g.add_edge("A", "B", quantity=2.0)
    g.add_edge("B", "A", quantity=1.0)
    g.add_node("src")
    m = C.ena_metrics(g, "quantity")
    # unbalanced A (out 2, in 1) gets an input of 1: T_A = 2, T_B = 2, p = 1, q = 1/2 -> FCI = 1/2
    assert (m["total_system_throughflow"], m["finn_cycling_index"]) == (4.0, 0.5)


def test_loops_and_components() -> None:
    g = nx.MultiDiGraph([("b", "a"), ("a", "b"), ("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    assert C.loops(g) == [["a", "b"], ["a", "b", "c"]]
    assert C.loops(g, max_length=2) == [["a", "b"]]
    assert C.components(g) == [["a", "b", "c"]]


def test_circular_hand_built(akg) -> None:
    r = C.circular(akg)
    m = r["metrics"]
    # unit flows a<->b, b->c, c->d balanced with minimal boundary: T = (1, 2, 1, 1), cycled 0.5 + 1
    assert (m["nodes"], m["links"], m["cyclicity"]) == (4, 4, 1.0)
    assert (m["total_system_throughflow"], m["cycled_throughflow"], m["finn_cycling_index"]) == (5.0, 1.5, 0.3)
    assert m["connectance"] == pytest.approx(1 / 3) and m["link_density"] == 1.0
    assert m["degree_centralization"]["total"] == pytest.approx(1 / 3)
    assert [[n["id"] for n in loop["nodes"]] for loop in r["loops"]] == [["ent/a", "ent/b"]]
    assert r["scope"]["statuses"] == ["documented", "editorial"]
    assert "unit flows" in r["notes"][0]


def test_circular_park_scope_includes_sub_parks(akg) -> None:
    r = C.circular(akg, "甲园区")
    assert r["scope"]["park"]["id"] == "park/pa" and r["scope"]["areas"] == ["park/pa", "park/pc"]
    assert r["scope"]["firms"] == 3  # 甲, 乙 in 甲园区 and 丁 in its part 丙园区
    assert r["metrics"]["finn_cycling_index"] == 1.0  # a closed loop inside the park
    with pytest.raises(UnknownEntity):
        C.circular(akg, "没有的园区")


def test_circular_songmu(kg) -> None:
    """松木: 建滔 -> 恒光 (3 flows), 建衡 <-> 恒光, 恒光 -> 电科. By hand with unit flows: T = (建滔 3,
    恒光 4, 建衡 1, 电科 1) = 9; the 恒光-建衡 loop returns with probability 1/4, so TSTc = 1 + 1/4."""
    r = C.circular(kg, "松木经开区")
    loop = r["loops"][0]
    assert [n["label"] for n in loop["nodes"]] == ["恒光", "建衡"]
    mats = [[f["material"]["label"] for f in s["flows"]] for s in loop["steps"]]
    assert mats == [["硫酸"], ["聚合氯化铝"]]
    m = r["metrics"]
    assert (m["nodes"], m["flows"], m["links"], m["cyclicity"]) == (4, 6, 4, 1.0)
    assert (m["total_system_throughflow"], m["cycled_throughflow"]) == (9.0, 1.25)
    assert m["finn_cycling_index"] == pytest.approx(1.25 / 9)
    assert m["degree_centralization"]["total"] == 1.0  # 恒光 is the hub of an undirected star
    assert [[n["label"] for n in c] for c in r["components"]] == [["恒光", "建衡"]]
