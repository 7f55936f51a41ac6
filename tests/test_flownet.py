"""FlowNet (the networkx-free flow graph) against networkx: the same networks, the same walks."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from hykg.analysis import supply as S
from hykg.query import projections as P
from hykg.query.flownet import FlowNet


@pytest.mark.parametrize("build", [lambda k: P.supply_net(k, all_firms=True), P.park_net],
                         ids=["supply", "park"])
def test_light_network_equals_networkx_projection(akg, build) -> None:
    light = build(akg)
    full = light.to_networkx()
    assert nx.utils.graphs_equal(full, nx.MultiDiGraph(full))  # attributes and keys carried over
    assert list(full.nodes(data=True)) == list(light.nodes.items())
    assert list(full.edges(keys=True, data=True)) == list(light.edges(keys=True, data=True))
    assert len(light) == full.number_of_nodes() > 0


def test_supply_network_is_the_light_network_converted(akg) -> None:
    a, b = P.supply_network(akg), P.supply_net(akg).to_networkx()
    assert nx.utils.graphs_equal(a, b) and a.graph == b.graph


def _random_pair(seed: int) -> tuple[FlowNet, nx.MultiDiGraph]:
    rnd = random.Random(seed)
    light, full = FlowNet(), nx.MultiDiGraph()
    nodes = [f"n{i}" for i in range(9)]
    for i in range(22):
        u, v = rnd.sample(nodes, 2)
        light.add_edge(u, v, key=f"f{i}")
        full.add_edge(u, v, key=f"f{i}")
    return light, full


@pytest.mark.parametrize("seed", range(12))
def test_paths_and_closure_match_networkx_on_random_graphs(seed: int) -> None:
    light, full = _random_pair(seed)
    src, dst = "n0", "n1"
    if src not in full or dst not in full:
        pytest.skip("pair not in this random graph")
    expected = sorted((p for p in nx.all_simple_paths(full, src, dst, cutoff=4)), key=lambda p: (len(p), p))
    expected = [p for i, p in enumerate(expected) if i == 0 or p != expected[i - 1]]  # multi-edges repeat paths
    assert S.material_paths(light, src, dst, max_length=4, limit=1000) == expected
    assert S.material_paths(full, src, dst, max_length=4, limit=3) == expected[:3]
    up = nx.single_source_shortest_path_length(full.reverse(copy=False), dst)
    assert S.closure(light, dst) == {n: d for n, d in sorted(up.items(), key=lambda x: (x[1], x[0])) if n != dst}
    assert S.closure(light, src, "downstream", depth=2) == S.closure(full, src, "downstream", depth=2)
