"""Firm ledgers (企业资料台账) from Excel/WPS: read .xlsx and .csv (UTF-8, UTF-8 with BOM, GBK/GB18030), recognise the Chinese headers, check each row.

>>> normalise_header(" 2023年 产值（亿元）* ")
'2023年产值(亿元)'
>>> recognise("2023年产值(亿元)"), recognise("所在园区"), recognise("营业收入(万元)")
(Field(kind='figure', indicator='产值', unit='亿元', year='2023'), Field(kind='park', indicator='', unit='', year=''), Field(kind='figure', indicator='营业收入', unit='万元', year=''))
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import DataError

#: The fields a ledger column can hold, and the headers recognised for each (after normalisation).
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("企业名称", "企业名", "企业全称", "单位名称", "名称", "公司名称"),
    "code": ("统一社会信用代码", "社会信用代码", "信用代码"),
    "aliases": ("简称", "曾用名", "别名", "企业简称", "简称/曾用名", "简称、曾用名"),
    "chain": ("所属产业链", "产业链", "所在产业链"),
    "park": ("所在园区", "园区", "所属园区"),
    "county": ("所在区县", "区县", "所属区县", "县市区", "所在县市区", "所在县区"),
    "products": ("主要产品", "产品"),
    "materials": ("主要原料", "原料", "主要原材料"),
    "ignore": ("序号", "备注", "编号", "来源"),
}
BY_HEADER = {h: kind for kind, hs in HEADERS.items() for h in hs}
FIELDS = (*HEADERS, "figure")
FIGURE = re.compile(r"^(?:(\d{4})年度?)?(.+?)\(([^()]+)\)$")
LIST_SPLIT = re.compile(r"[、,，;；/]+")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
MAX_HEADER_ROW = 10


@dataclass(frozen=True)
class Field:
    """What a column holds: a field kind, and for a figure its indicator, unit and year."""

    kind: str
    indicator: str = ""
    unit: str = ""
    year: str = ""


@dataclass(frozen=True)
class Problem:
    """A bad cell or row: its row number (header row = the row number the sheet shows), column, message."""

    row: int
    column: str
    message: str


@dataclass
class Ledger:
    """A read ledger: the file, sheet, digest, encoding, the recognised columns and the data rows."""

    path: Path
    sheet: str
    sha256: str
    encoding: str
    columns: dict[str, Field]  # header text -> field
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (row number, header -> cell text)
    ignored: list[str] = field(default_factory=list)  # headers not recognised

    @property
    def id(self) -> str:
        """The ledger's document id: ``ledger-`` and a hash of its file name and sheet (stable across
        versions of the file, so that a re-import replaces the earlier one).

        >>> Ledger(Path("x/台账.csv"), "", "", "", {}).id
        'ledger-6e648d80'
        """
        return "ledger-" + hashlib.sha1(f"{self.path.name}|{self.sheet}".encode()).hexdigest()[:8]


def normalise_header(text: str) -> str:
    """A header without spaces, required-marks and full-width brackets."""
    t = text.replace("（", "(").replace("）", ")").replace("【", "(").replace("】", ")")
    return re.sub(r"[\s*＊:：]+", "", t)


def recognise(header: str) -> Field | None:
    """The field a (normalised) header names, or None."""
    h = normalise_header(header)
    if h in BY_HEADER:
        return Field(BY_HEADER[h])
    for part in re.split(r"[/、]", h):
        if part in BY_HEADER and BY_HEADER[part] == "aliases":
            return Field("aliases")
    m = FIGURE.match(h)
    if m and m.group(2) not in BY_HEADER:
        return Field("figure", m.group(2), m.group(3), m.group(1) or "")
    return None


def parse_map(items: tuple[str, ...] | list[str]) -> dict[str, Field]:
    """``--map 列名=field`` (field: name, code, aliases, chain, park, county, products, materials,
    ignore, or ``figure:指标:单位[:年份]``) as header -> Field.

    >>> parse_map(["企业=name", "产值=figure:产值:亿元:2023"])["产值"]
    Field(kind='figure', indicator='产值', unit='亿元', year='2023')
    """
    out: dict[str, Field] = {}
    for item in items:
        header, sep, target = item.partition("=")
        kind, *rest = target.strip().split(":")
        if not sep or not header.strip() or kind not in FIELDS or (kind == "figure") != bool(rest):
            raise DataError(f"--map {item!r}: expected 列名=FIELD, FIELD one of {', '.join(HEADERS)} "
                            "or figure:指标:单位[:年份]")
        if kind == "figure":
            if len(rest) not in (2, 3) or (len(rest) == 3 and not re.fullmatch(r"\d{4}", rest[2])):
                raise DataError(f"--map {item!r}: a figure is figure:指标:单位 or figure:指标:单位:年份")
            out[normalise_header(header)] = Field("figure", rest[0], rest[1], rest[2] if len(rest) == 3 else "")
        else:
            out[normalise_header(header)] = Field(kind)
    return out


def decode(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of a CSV file and the encoding it is in: ``utf-8-sig`` (a BOM), ``utf-8`` or
    ``gb18030`` (GBK, what Excel and WPS save on Chinese Windows), each decoded strictly; anything
    else is an error naming the byte, never a guess.

    >>> decode("企业名称".encode("gbk"), "a.csv")
    ('企业名称', 'gb18030')
    >>> decode(b"\\xef\\xbb\\xbf" + "企业".encode(), "a.csv")
    ('企业', 'utf-8-sig')
    """
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise DataError(f"{name}: cannot read it as {encoding}: {exc}") from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(f"{name}: UTF-16 text (Excel's 'Unicode text'): save it as 'CSV UTF-8' or .xlsx")
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise DataError(f"{name}: starts with a UTF-8 BOM but byte {exc.start + 3} is not UTF-8") from exc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8:
        try:
            return raw.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as exc:
            raise DataError(f"{name}: neither UTF-8 (byte {utf8.start}) nor GBK/GB18030 (byte {exc.start}): "
                            "save it as 'CSV UTF-8' or give --encoding") from exc


def _cell(value: object) -> str:
    """A spreadsheet cell as the text Excel shows (whole floats without .0, dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value).strip()


def _table(path: Path, raw: bytes, sheet: str | None, encoding: str | None) -> tuple[str, str, list[list[str]]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException ...
            raise DataError(f"{path.name}: not a readable .xlsx file: {exc}") from exc
        if sheet is not None and sheet not in wb.sheetnames:
            raise DataError(f"{path.name}: no sheet {sheet!r}; sheets: {', '.join(wb.sheetnames)}")
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        rows = [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
        name = ws.title
        wb.close()
        return name, "xlsx", rows
    if path.suffix.lower() not in (".csv", ".txt"):
        raise DataError(f"{path.name}: not a ledger (.xlsx or .csv; save .xls or .et as .xlsx)")
    if sheet is not None:
        raise DataError(f"{path.name}: --sheet is for .xlsx files (a CSV has one table)")
    text, enc = decode(raw, path.name, encoding)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    return "", enc, [[c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def read_ledger(path: Path, sheet: str | None = None, mapping: dict[str, Field] | None = None,
                encoding: str | None = None) -> Ledger:
    """Read a ledger: find the header row (the first of the first ten rows naming 企业名称 or a mapped
    name column), recognise its columns, keep the non-empty rows with their sheet row numbers."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror})") from exc
    sheet_name, enc, table = _table(path, raw, sheet, encoding)
    mapping = mapping or {}

    def field_of(header: str) -> Field | None:
        return mapping.get(normalise_header(header)) or recognise(header)

    header_at = next((i for i, row in enumerate(table[:MAX_HEADER_ROW])
                      if any((f := field_of(c)) is not None and f.kind == "name" for c in row if c)), None)
    if header_at is None:
        raise DataError(f"{path.name}: no 企业名称 column in the first {MAX_HEADER_ROW} rows "
                        "(name it, or give --map 列名=name)")
    headers = table[header_at]
    columns: dict[str, Field] = {}
    ledger = Ledger(path, sheet_name, hashlib.sha256(raw).hexdigest(), enc, columns)
    for h in headers:
        if not h:
            continue
        f = field_of(h)
        if f is None:
            ledger.ignored.append(h)
        elif f.kind != "ignore":
            columns[h] = f
    for i, row in enumerate(table[header_at + 1:], header_at + 2):
        cells = {h: (row[j] if j < len(row) else "") for j, h in enumerate(headers) if h in columns}
        if any(cells.values()):
            ledger.rows.append((i, cells))
    return ledger


def number(text: str) -> Decimal | None:
    """A figure cell as a number (thousands separators and spaces allowed), or None.

    >>> number("1,234.5"), number("约12"), number(" 3 ")
    (Decimal('1234.5'), None, Decimal('3'))
    """
    t = text.replace(",", "").replace("，", "").replace(" ", "")
    if not NUMBER.match(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def split_list(text: str) -> list[str]:
    """A list cell (products, aliases) split on 、 , ; / (full-width too).

    >>> split_list("硫酸、盐酸；烧碱")
    ['硫酸', '盐酸', '烧碱']
    """
    return [p.strip() for p in LIST_SPLIT.split(text) if p.strip()]
