"""Reading a document for ingest: .txt/.md/.html/.docx to text, its encoding detected, bad files refused.

The text returned is what the workspace corpus keeps (UTF-8) and what every quote of the candidates
cites verbatim: a plain-text file as decoded, an HTML page's article text (not its navigation), a
Word file's paragraphs.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = p.write_bytes("衡阳市松木经开区新增企业十家。".encode("gbk"))
>>> d = read_document(p)
>>> d.text, d.encoding, d.format
('衡阳市松木经开区新增企业十家。', 'gbk', 'txt')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..errors import DataError

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
           ".docx": "docx", ".pdf": "pdf"}
#: Share of CJK ideographs among the letters a document must reach to be read as Chinese.
MIN_CJK_SHARE = 0.3
MIN_CJK_CHARS = 10
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\uac00-\ud7af\u3400-\u9fff]")
#: Characters far more frequent in Chinese text in one script than the other (to tell GBK from Big5).
COMMON_SIMPLIFIED = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
                        "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
                        "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数"
                        "正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题"
                        "党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手"
                        "角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器"
                        "压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具"
                        "万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉"
                        "林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般"
                        "史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派"
                        "层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")


@dataclass(frozen=True)
class Document:
    """A read document: its text (what quotes cite), the encoding of its bytes, its format."""

    path: Path
    text: str
    encoding: str
    format: str
    raw: bytes


def _score(text: str) -> float:
    """How Chinese a decoded text looks: the share of its CJK characters that are common ones."""
    from .ingest_text import to_simplified

    cjk = CJK.findall(to_simplified(text))
    if not cjk:
        return 0.0
    bad = text.count("\ufffd") + sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff")
    return (sum(1 for ch in cjk if ch in COMMON_SIMPLIFIED) + 0.5 * len(cjk)) / (len(cjk) + 5 * bad)


def decode(raw: bytes, display: str) -> tuple[str, str]:
    """The text of ``raw`` and its encoding: a BOM (UTF-8, UTF-16), else UTF-16 without BOM (by its
    NUL bytes), else UTF-8, else the better of GB18030 and Big5. Refuses binary files.

    >>> decode("衡陽市的產業鏈發展".encode("big5"), "x")
    ('衡陽市的產業鏈發展', 'big5')
    >>> decode("衡阳".encode("utf-16"), "x")
    ('衡阳', 'utf-16')
    """
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(enc), "utf-8" if enc == "utf-8-sig" else enc
            except UnicodeDecodeError as exc:
                raise DataError(f"{display}: starts with a {enc} mark but is not {enc} ({exc.reason} at byte "
                                f"{exc.start})") from exc
    nul = b"\x00" in raw[:4096]
    if not nul:
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    tries: list[tuple[float, str, str]] = []
    for enc in (("utf-16-le", "utf-16-be") if len(raw) % 2 == 0 else ()) + (() if nul else ("gb18030", "big5")):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc.startswith("utf-16") and "\x00" in text:
            continue
        tries.append((_score(text), enc, text))
    if not tries:
        if nul:
            raise DataError(f"{display}: a binary file (NUL bytes), not a text document")
        raise DataError(f"{display}: unknown encoding (neither UTF-8, UTF-16, GBK/GB18030 nor Big5)")
    score, enc, text = max(tries)
    if score < 0.55:
        raise DataError(f"{display}: unknown encoding (decoded as {enc} it is not readable Chinese)")
    return text, "gbk" if enc == "gb18030" and _is_gbk(raw) else enc


def _is_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gbk")
        return True
    except UnicodeDecodeError:
        return False


class _Article(HTMLParser):
    """Collects the text blocks of an HTML page, leaving out scripts, styles, navigation, headers,
    footers, forms and asides; counts how much of each block is link text."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "select", "button",
            "iframe", "svg", "template"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "section", "article",
             "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "title"}
    NAV_CLASS = re.compile(r"nav|menu|breadcrumb|footer|header|sidebar|share|comment|copyright|banner|crumb",
                           re.I)

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.stack: list[tuple[str, bool]] = []
        self.blocks: list[tuple[str, int, bool]] = []  # text, link chars, in <title>
        self.buf: list[str] = []
        self.link = 0
        self.in_a = 0
        self.in_title = False

    def flush(self) -> None:
        text = "".join(self.buf).strip()
        if text:
            self.blocks.append((text, self.link, self.in_title))
        self.buf, self.link = [], 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr", "img", "meta", "link", "input"):
            if tag == "br":
                self.flush()
            return
        cls = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skipping = tag in self.SKIP or bool(cls and self.NAV_CLASS.search(cls))
        self.stack.append((tag, skipping))
        self.skip += skipping
        if tag in self.BLOCK:
            self.flush()
        if tag == "a":
            self.in_a += 1
        if tag == "title":
            self.in_title = True

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            t, skipping = self.stack.pop()
            self.skip -= skipping
            if t == "a":
                self.in_a = max(0, self.in_a - 1)
            if t == tag:
                break
        if tag in self.BLOCK:
            self.flush()
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = re.sub(r"\s+", " ", data)
        self.buf.append(data)
        if self.in_a:
            self.link += len(data.strip())


def html_article(markup: str) -> tuple[str, str | None]:
    """The article text of an HTML page (blocks with Chinese text, navigation and link lists left out)
    and its ``<title>``.

    >>> html_article("<nav><a href='/'>首页</a></nav><p>衡阳市新增规模工业企业100家。</p>")
    ('衡阳市新增规模工业企业100家。', None)
    """
    parser = _Article()
    parser.feed(markup)
    parser.close()
    parser.flush()
    title = next((t for t, _, is_title in parser.blocks if is_title), None)
    keep: list[str] = []
    for text, link, is_title in parser.blocks:
        if is_title:
            continue
        cjk = len(CJK.findall(text))
        if link > 0.5 * len(text) or cjk < 2:
            continue
        if cjk < 8 and not re.search(r"[。！？；：:]$", text) and len(keep) == 0:
            continue  # a short line before the article: a menu item, a site name
        keep.append(text)
    return "\n".join(keep), title


def docx_text(path: Path, display: str) -> str:
    """The paragraphs (and table cells) of a Word .docx file, one per line."""
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise DataError(f"{display}: reading .docx needs python-docx (pip install python-docx)") from exc
    try:
        d = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile, KeyError, lxml errors
        raise DataError(f"{display}: not a readable .docx file ({type(exc).__name__})") from exc
    lines = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(line.rstrip() for line in lines if line.strip())


def pdf_text(path: Path, display: str) -> str:
    """The text layer of a PDF, page after page (pypdf); a scanned PDF without one is refused."""
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd fonts are not the user's
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            raise DataError(f"{display}: an encrypted PDF: save it unprotected first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DataError:
        raise
    except Exception as exc:  # pypdf raises its own errors, and ValueError/KeyError on damaged files
        raise DataError(f"{display}: not a readable PDF file ({type(exc).__name__})") from exc
    text = "\n".join(line.rstrip() for page in pages for line in page.splitlines() if line.strip())
    if not CJK.search(text):
        raise DataError(f"{display}: a PDF without a text layer (a scan?): run OCR on it or save it as text first")
    return text


def check_chinese(text: str, display: str) -> None:
    """Refuse an empty text or one that is not (mostly) Chinese."""
    if not text.strip():
        raise DataError(f"{display}: the document is empty")
    letters = LETTER.findall(text)
    cjk = CJK.findall(text)
    if len(cjk) < MIN_CJK_CHARS or len(cjk) < MIN_CJK_SHARE * len(letters):
        raise DataError(f"{display}: not a Chinese text ({len(cjk)} Chinese characters of {len(letters)} letters)")


def read_document(path: Path) -> Document:
    """Read ``path`` (.txt, .md, .html, .docx, text-layer .pdf): the text, its encoding and format; raises DataError
    naming the file for an unreadable, empty, binary, non-Chinese or unknown-encoding file."""
    display = str(path)
    fmt = FORMATS.get(path.suffix.lower(), "txt")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{display}: cannot read ({exc.strerror})") from exc
    if not raw.strip():
        raise DataError(f"{display}: the document is empty")
    if fmt == "docx" or raw.startswith(b"PK\x03\x04"):
        if fmt != "docx":
            raise DataError(f"{display}: a binary file (a zip archive), not a text document")
        text, encoding = docx_text(path, display), "docx"
    elif raw.startswith(b"%PDF"):
        text, encoding, fmt = pdf_text(path, display), "pdf", "pdf"
    else:
        if fmt == "pdf":
            raise DataError(f"{display}: named .pdf but not a PDF file")
        text, encoding = decode(raw, display)
        if fmt == "txt" and re.match(r"\s*<(!doctype html|html)", text, re.I):
            fmt = "html"
        if fmt == "html":
            text, _title = html_article(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_chinese(text, display)
    return Document(path, text, encoding, fmt, raw)


def html_title(path: Path) -> str | None:
    """The ``<title>`` of an HTML file (None for other files or none)."""
    if FORMATS.get(path.suffix.lower()) != "html":
        return None
    text, _enc = decode(path.read_bytes(), str(path))
    return html_article(text)[1]
