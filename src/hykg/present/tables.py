"""Tables written to files that Excel and WPS open on Chinese Windows: CSV with a UTF-8 BOM, or .xlsx.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> write_table(p, ["名称", "值"], [["恒光", 1]])
>>> p.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
True
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..files import write_atomic
from .text import to_csv

#: The file formats a table can be written in.
FILE_FORMATS = ("csv", "xlsx")


def xlsx_bytes(headers: list[str], rows: list[list[Any]], sheet: str = "hykg") -> bytes:
    """An .xlsx workbook of one sheet: a bold header row, then the rows (numbers stay numbers)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(["" if c is None else c if isinstance(c, int | float) else str(c) for c in r])
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return _stable_zip(buf.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The workbook with fixed member times and creation dates, so the same table gives the same bytes."""
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2000-01-01T00:00:00Z", body)
            dst.writestr(zipfile.ZipInfo(info.filename, (2000, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_table(path: Path, headers: list[str], rows: list[list[Any]], fmt: str | None = None) -> None:
    """Write a table to ``path`` atomically: ``xlsx`` (also chosen by the suffix .xlsx) or CSV with a
    UTF-8 BOM (what Excel and WPS need to read Chinese)."""
    fmt = fmt or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
    if fmt == "xlsx":
        write_atomic(path, xlsx_bytes(headers, rows))
    else:
        write_atomic(path, b"\xef\xbb\xbf" + to_csv(headers, rows).encode("utf-8"))


def frame(headers: list[str], rows: list[list[Any]]) -> Any:
    """The table as a pandas DataFrame (notebooks show it as an HTML table, so Chinese columns align);
    needs pandas (``pip install hykg[notebooks]``).

    >>> frame(["名称", "值"], [["恒光", 1]]).shape
    (1, 2)
    """
    try:
        import pandas as pd
    except ImportError as exc:
        from ..errors import HykgError

        raise HykgError("tables as DataFrames need pandas: pip install 'hykg[notebooks]'") from exc
    return pd.DataFrame([list(r) for r in rows], columns=list(headers))
