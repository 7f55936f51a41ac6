"""Canonical N-Quads with blank nodes: RDFC-1.0 (pyoxigraph) in a child process, within a time budget.

Blank node labels depend on the parser's run (and on ``PYTHONHASHSEED``); sorting lines is not
enough. RDFC-1.0 names them from the graph's shape (``_:c14n0`` ...). Its worst case is
exponential and pyoxigraph cannot be interrupted from Python, so it runs in a child process that
is killed past the budget.
"""

from __future__ import annotations

import re
import subprocess
import sys

from ..errors import DataError

#: Seconds RDFC-1.0 may take before the build gives up.
BUDGET_SECONDS = 60.0


def has_blank_nodes(nquads: bytes) -> bool:
    """Whether N-Quads text has a blank node (a term ``_:``; a literal that contains ``_:`` may
    give a false positive, which only costs the canonicalisation).

    >>> has_blank_nodes(b'<a> <b> "x_:y" .\\n'), has_blank_nodes(b'_:n1 <b> <c> .\\n')
    (False, True)
    """
    return re.search(rb"(?:^|\s)_:", nquads, re.MULTILINE) is not None


def sorted_lines(nquads: bytes) -> bytes:
    """One quad per line, sorted, no repeats.

    >>> sorted_lines(b"<b> <p> <o> .\\n<a> <p> <o> .\\n<a> <p> <o> .\\n")
    b'<a> <p> <o> .\\n<b> <p> <o> .\\n'
    """
    lines = sorted({ln for ln in nquads.decode("utf-8").splitlines() if ln.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _canonicalise(nquads: bytes) -> bytes:
    import pyoxigraph as ox

    ds = ox.Dataset(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return ox.serialize(ds, format=ox.RdfFormat.N_QUADS) or b""


def canonical_nquads(nquads: bytes, budget: float = BUDGET_SECONDS) -> bytes:
    """Sorted N-Quads whose blank nodes are named by RDFC-1.0; DataError past ``budget`` seconds.

    >>> a = b'_:x <http://e/p> _:y .\\n_:y <http://e/q> "1" .\\n'
    >>> b = b'_:k <http://e/q> "1" .\\n_:j <http://e/p> _:k .\\n'
    >>> canonical_nquads(a) == canonical_nquads(b)
    True
    >>> print(canonical_nquads(a).decode(), end="")
    _:c14n0 <http://e/q> "1" .
    _:c14n1 <http://e/p> _:c14n0 .
    """
    if not has_blank_nodes(nquads):
        return sorted_lines(nquads)
    try:
        done = subprocess.run([sys.executable, "-m", "hykg.rdf.canon"], input=nquads, capture_output=True,
                              timeout=budget, check=False)
    except subprocess.TimeoutExpired as exc:
        n = len({t for ln in nquads.split(b"\n") for t in ln.split() if t.startswith(b"_:")})
        raise DataError(f"{n} blank nodes could not be canonicalised (RDFC-1.0) within {budget:g} s: "
                        "give them IRIs (or fewer interlinked blank nodes)") from exc
    if done.returncode != 0:
        raise DataError("canonicalising blank nodes failed: " + done.stderr.decode("utf-8", "replace").strip()[-500:])
    return sorted_lines(done.stdout)


if __name__ == "__main__":  # the child process of canonical_nquads
    sys.stdout.buffer.write(_canonicalise(sys.stdin.buffer.read()))
