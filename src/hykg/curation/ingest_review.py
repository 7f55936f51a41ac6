"""`hykg review`: list an ingested document's candidates, accept or reject them, and write the accepted
ones into the workspace's curated data (``data/curated/ingested_DOCID.yaml``), where ``hykg build``
reads them with their quotes.

The curated file is made afresh from the candidates file each time (so that an edit there, a
changed label, type or id, a ``review: accepted`` typed by hand, is what counts).

>>> resolve_refs({"about": "e1", "inPark": "park/x"}, {"e1": "ent/a"}, "r1", {"e1": "pending"})
{'about': 'ent/a', 'inPark': 'park/x'}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..files import write_atomic
from .ingest_yaml import REVIEW_KEYS
from .workspace import Workspace

CAND_ID = re.compile(r"^[a-z]\d+$")
STATES = ("pending", "accepted", "rejected")


@dataclass
class Review:
    """The candidates of one document, the file they are in, and what was written."""

    doc: str
    path: Path
    records: list[dict[str, Any]]
    written: Path | None = None
    changed: list[str] | None = None

    def rows(self) -> list[dict[str, Any]]:
        """One row per candidate: id, review state, kind, label or statement, confidence, quote."""
        out = []
        for r in self.records:
            what = r.get("zh") or " ".join(f"{k}={v}" for k, v in r.items()
                                           if k not in (*REVIEW_KEYS, "quote", "about", "type"))
            if "about" in r:
                what = f"{r['about']} " + what
            out.append({"candidate": r["candidate"], "review": r.get("review", "pending"),
                        "type": r.get("type") or ("known" if r.get("linked") and "id" not in r else "relation"),
                        "what": what, "id": r.get("id") or r.get("linked") or r.get("about"),
                        "confidence": r.get("confidence"), "why": r.get("why"), "quote": r.get("quote"),
                        "conflicts": r.get("conflicts") or []})
        return out


def candidates_path(ws: Workspace, doc: str) -> Path:
    return ws.root / "candidates" / f"{doc}.yaml"


def load(ws: Workspace, doc: str) -> Review:
    """Read ``candidates/DOCID.yaml``; DataError naming the file (and line) when it is missing or invalid."""
    from .yamlfile import clean, read_yaml

    path = candidates_path(ws, doc)
    if not path.exists():
        known = sorted(p.stem for p in (ws.root / "candidates").glob("*.yaml"))
        raise DataError(f"{path}: no candidates for document {doc!r} (ingested: {', '.join(known) or 'none'})")
    data = read_yaml(path, str(path))
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise DataError(f"{path}:1: expected a mapping with doc and a records list")
    problems, seen = [], set()
    for rec in data["records"]:
        line = rec.get("__line__", 0) if isinstance(rec, dict) else 0
        if not isinstance(rec, dict) or not isinstance(rec.get("candidate"), str):
            problems.append(f"{path}:{line}: a candidate needs a candidate id (e1, r1 ...)")
            continue
        if rec["candidate"] in seen:
            problems.append(f"{path}:{line}: duplicate candidate {rec['candidate']}")
        seen.add(rec["candidate"])
        if rec.get("review", "pending") not in STATES:
            problems.append(f"{path}:{line}: review must be one of {', '.join(STATES)}, not {rec.get('review')!r}")
    if problems:
        raise DataError(problems)
    return Review(doc, path, [clean(r) for r in data["records"]])


def resolve_refs(rec: dict[str, Any], ids: dict[str, str], cand: str, states: dict[str, str]) -> dict[str, Any]:
    """``rec`` with candidate ids (e1, m1 ...) replaced by the ids of accepted candidates; DataError
    when it names one that is not accepted."""
    out: dict[str, Any] = {}
    for k, v in rec.items():
        vals = v if isinstance(v, list) else [v]
        new = []
        for x in vals:
            if isinstance(x, str) and CAND_ID.match(x) and k not in ("zh", "quote", "indicator", "unit"):
                if x not in ids:
                    state = states.get(x, "unknown")
                    raise DataError(f"{cand} refers to {x}, which is {state}: accept {x} too (or edit {cand})")
                x = ids[x]
            new.append(x)
        out[k] = new if isinstance(v, list) else new[0]
    return out


def _parse_ids(spec: str | None, records: list[dict[str, Any]], path: Path) -> set[str]:
    if not spec:
        return set()
    names = {r["candidate"] for r in records}
    if spec.strip() == "all":
        return names
    wanted = {s.strip() for s in re.split(r"[,\s]+", spec) if s.strip()}
    unknown = sorted(wanted - names)
    if unknown:
        raise DataError(f"{path}: no candidate {', '.join(unknown)} (see hykg review DOCID)")
    return wanted


#: What a reviewer may change on a candidate besides its review state (the review page's fields).
EDITABLE = ("zh", "type", "linked", "merge", "review")


def decide(ws: Workspace, doc: str, accept: str | None = None, reject: str | None = None,
           edits: dict[str, dict[str, Any]] | None = None) -> Review:
    """Set the review state of candidates (``accept``/``reject``: ids such as ``e1,r2`` or ``all``),
    rewrite the candidates file and write the accepted records into the workspace's curated data.
    With neither, the curated file is made afresh from the candidates file as it is (after edits).
    ``edits``: candidate id -> new values of :data:`EDITABLE` fields (``linked: ""`` removes the link)."""
    from .add import records_text

    rv = load(ws, doc)
    by_id = {r["candidate"]: r for r in rv.records}
    edited = []
    for cand, fields in (edits or {}).items():
        if cand not in by_id:
            raise DataError(f"{rv.path}: no candidate {cand} (see hykg review DOCID)")
        bad = sorted(set(fields) - set(EDITABLE))
        if bad:
            raise DataError(f"{rv.path}: {cand}: {', '.join(bad)} cannot be edited here (only {', '.join(EDITABLE)})")
        if fields.get("review", "pending") not in STATES:
            raise DataError(f"{rv.path}: {cand}: review must be one of {', '.join(STATES)}")
        rec = by_id[cand]
        for k, v in fields.items():
            if k == "linked" and not v:
                if rec.pop("linked", None) is not None:
                    edited.append(cand)
            elif rec.get(k) != v and not (k == "review" and v == "pending" and "review" not in rec):
                rec[k] = v
                edited.append(cand)
    acc = _parse_ids(accept, rv.records, rv.path)
    rej = _parse_ids(reject, rv.records, rv.path)
    if accept and accept.strip() == "all":
        acc -= rej
    elif reject and reject.strip() == "all":
        rej -= acc
    if acc & rej:
        raise DataError(f"{rv.path}: {', '.join(sorted(acc & rej))} both accepted and rejected")
    changed = list(dict.fromkeys(edited))
    for r in rv.records:
        old_state = r.get("review", "pending")
        r["review"] = "accepted" if r["candidate"] in acc else "rejected" if r["candidate"] in rej else old_state
        if r["review"] != old_state:
            changed.append(r["candidate"])
    # materials of an accepted flow are accepted with it
    by = {r["candidate"]: r for r in rv.records}
    for r in rv.records:
        if r["review"] == "accepted" and r.get("type") in ("MaterialFlow", "ParkResourceFlow"):
            m = by.get(str(r.get("material")))
            if m is not None and m.get("review") == "pending":
                m["review"] = "accepted"
                changed.append(m["candidate"])
    curated, body = accepted_records(rv, ws)
    old = rv.path.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in old.splitlines() if line.startswith("#"))
    text = header + f'doc: "{doc}"\nrecords:\n' + records_text(rv.records)
    write_atomic(curated, body) if body else curated.unlink(missing_ok=True)
    write_atomic(rv.path, text)
    rv.written, rv.changed = curated if body else None, list(dict.fromkeys(changed))
    return rv


def accepted_records(rv: Review, ws: Workspace) -> tuple[Path, str]:
    """The curated file of the accepted candidates and its text ('' when none is accepted)."""
    from .add import record_text

    states = {r["candidate"]: r.get("review", "pending") for r in rv.records}
    ids: dict[str, str] = {}
    for r in rv.records:
        if states[r["candidate"]] != "accepted":
            continue
        if "id" in r and not r.get("merge"):
            ids[r["candidate"]] = r["id"]
        elif r.get("linked"):
            ids[r["candidate"]] = r["linked"]
    out = []
    for r in rv.records:
        c = r["candidate"]
        if states[c] != "accepted":
            continue
        if "id" not in r and "about" not in r:
            continue  # a known entity: already in the graph
        rec = {k: v for k, v in r.items() if k not in REVIEW_KEYS}
        ns = rec.get("notStated") or []
        ns = [ns] if isinstance(ns, str) else list(ns)
        if rec.get("type") == "IndustrialChain" and "inScheme" not in rec and "inScheme" not in ns:
            rec["notStated"] = [*ns, "inScheme"]  # a chain a document names: which chain list, it does not say
        if "id" in r and r.get("merge") and r.get("linked"):
            rec = {"about": r["linked"], "aliases": r["zh"], "quote": r["quote"]}
        elif "id" in r and r.get("linked"):
            rec["possiblySameAs"] = {"value": r["linked"], "editorial": (
                f"hykg ingest 认为名称相近（{r.get('why', '')}），审核者未确认为同一 / "
                f"the names are alike (hykg ingest, link score {r.get('link_score')}); a reviewer kept them apart")}
        out.append(resolve_refs(rec, ids, c, states))
    path = ws.data_dir / "curated" / f"ingested_{rv.doc}.yaml"
    if not out:
        return path, ""
    head = (f"# Accepted candidates of document {rv.doc} (hykg review; made from candidates/{rv.doc}.yaml:\n"
            "# edit that file and run `hykg review DOCID --apply`, not this one).\n")
    return path, head + f'doc: "{rv.doc}"\nrecords:\n' + "".join(record_text(r) for r in out)
