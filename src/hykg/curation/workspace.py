"""The user's workspace: find it (flag, environment, folder), create it, and where its parts live.

A workspace is a folder with ``hykg-workspace.yaml``, ``data/`` (``sources.yaml`` and ``curated/``, the
curated format of the bundled data, English names optional), ``corpus/`` (the texts its quotes cite),
``ledgers/`` (the firm ledgers it imports) and ``graph/`` (what ``hykg build`` and the imports write).

>>> import tempfile, pathlib
>>> ws = init(pathlib.Path(tempfile.mkdtemp()) / "my")
>>> sorted(p.name for p in ws.root.iterdir())
['README.md', 'corpus', 'data', 'graph', 'hykg-workspace.yaml', 'ledgers']
>>> find(ws.root / "data").root == ws.root
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..errors import HykgError
from ..files import write_atomic

MARKER = settings.WORKSPACE_FILE
SOURCES_HEADER = ("# The source documents of this workspace: id, file (in ../corpus/), title, publisher.\n"
                  "# e.g.\n#  - id: my-notes\n#    file: my-notes.txt\n#    title: 园区走访记录\n#    publisher: 本单位\n")
README = """# hykg workspace

- `data/sources.yaml`: the documents your facts cite (their texts go in `corpus/`)
- `data/curated/*.yaml`: your facts, in the curated format of the bundled data (`hykg add` writes them)
- `ledgers/`: firm ledgers (企业资料台账) to import with `hykg import ledger FILE`
- `graph/`: the graph `hykg build` writes, with the imported ledgers next to it

Every hykg command run in this folder (or below it) uses this workspace; `hykg status` says so.
"""


@dataclass(frozen=True)
class Workspace:
    """A workspace folder and why it is the one in use (``flag``, ``environment`` or ``folder``)."""

    root: Path
    source: str = "folder"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def corpus_dir(self) -> Path:
        return self.root / "corpus"

    @property
    def ledgers_dir(self) -> Path:
        return self.root / "ledgers"

    @property
    def graph(self) -> Path:
        return self.root / "graph" / "hykg.nq.gz"


def is_workspace(folder: Path) -> bool:
    """Whether ``folder`` holds a workspace marker file."""
    return (folder / MARKER).is_file()


def find(start: Path | None = None, flag: Path | str | None = None) -> Workspace | None:
    """The workspace in use: ``flag`` (``--workspace``), else ``$HYKG_WORKSPACE``, else the nearest
    folder from ``start`` (default: the working folder) upwards that holds ``hykg-workspace.yaml``.

    A flag or environment value that is not a workspace is an error (never silently ignored).
    """
    given, source = (flag, "flag") if flag else (None, "")
    if given is None and settings.is_set("workspace"):
        given, source = settings.get("workspace"), "environment"
    if given is not None:
        root = Path(given).expanduser().resolve()
        if not is_workspace(root):
            raise HykgError(f"{root}: not a hykg workspace (no {MARKER}); create one with `hykg init {given}`")
        return Workspace(root, source)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_workspace(folder):
            return Workspace(folder, "folder")
    return None


def current() -> Workspace | None:
    """The workspace of this process (see :func:`find`); the ``--workspace`` flag reaches it through
    ``$HYKG_WORKSPACE``, which the command group sets."""
    return find()


def init(folder: Path, name: str | None = None) -> Workspace:
    """Create a workspace in ``folder`` (made if missing); an existing workspace is kept as it is
    (its files are never overwritten)."""
    from ..resources import default_corpus

    folder = folder.expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise HykgError(f"{folder}: exists and is not a folder")
    for sub in ("data/curated", "corpus", "ledgers", "graph"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    if not is_workspace(folder):
        corpus = default_corpus()
        lines = [f"# hykg workspace (hykg init, {dt.date.today().isoformat()})",
                 f"name: {name or folder.name}",
                 "# the corpus of the bundled Hengyang data, for the span check of `hykg build`"
                 + ("" if corpus else " (not found: set HYKG_CORPUS)"),
                 f"bundled_corpus: {corpus}" if corpus else "# bundled_corpus: ../shared/corpus"]
        write_atomic(folder / MARKER, "\n".join(lines) + "\n")
    for path, text in ((folder / "data" / "sources.yaml", SOURCES_HEADER),
                       (folder / "README.md", README)):
        if not path.exists():
            write_atomic(path, text)
    return Workspace(folder, "flag")


def describe(ws: Workspace | None, graph: Path, corpus: Path | None, graph_source: str,
             corpus_source: str) -> dict[str, object]:
    """What ``hykg status`` reports: workspace, graph, corpus and imported datasets, each with why."""
    from ..stores.base import graph_files

    datasets: list[dict[str, object]] = []
    if graph.exists():
        for path in graph_files(graph)[1:]:
            datasets.append({"name": path.name.removesuffix(".nq.gz"), "file": str(path),
                             "bytes": path.stat().st_size})
    ws_info = None
    if ws is not None:
        ws_info = {"root": str(ws.root), "source": ws.source,
                   "records": len(list((ws.data_dir / "curated").glob("*.yaml"))),
                   "documents": len([p for p in ws.corpus_dir.glob("*") if p.is_file()]),
                   "ledgers": len([p for p in ws.ledgers_dir.glob("*") if p.is_file()])}
    return {"workspace": ws_info,
            "graph": {"file": str(graph), "source": graph_source, "exists": graph.exists()},
            "corpus": {"folder": str(corpus) if corpus else None, "source": corpus_source},
            "datasets": datasets}
