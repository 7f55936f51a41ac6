"""A small deterministic SVG writer: escaped elements, text width estimates and wrapping, an HTML wrapper.

Every attribute and text goes through :func:`esc`; attributes are written in the order given, numbers
rounded to one decimal, so the same drawing is the same bytes.

>>> d = Drawing(200, 100)
>>> d.text(10, 20, "a<b & 链", cls="t")
>>> '<text x="10" y="20" class="t">a&lt;b &amp; 链</text>' in d.svg()
True
"""

from __future__ import annotations

import unicodedata
from typing import Any

#: The CJK fonts the pictures name (the test system installs fonts-wqy-microhei), sans-serif last.
FONTS = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif"


def esc(value: Any) -> str:
    """Text safe inside an XML element or a double-quoted attribute (control characters dropped).

    >>> esc('a<b>&"c"')
    'a&lt;b&gt;&amp;&quot;c&quot;'
    """
    text = "".join(ch for ch in str(value) if ch in "\t\n" or ord(ch) >= 32)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def num(x: float) -> str:
    """A coordinate as short, stable text.

    >>> num(3.0), num(2.25), num(-0.04)
    ('3', '2.2', '0')
    """
    r = round(float(x), 1)
    return str(int(r)) if r == int(r) else f"{r:.1f}"


def width(text: str, size: float) -> float:
    """Estimated drawn width of ``text`` at font ``size``: wide (CJK) characters 1 em, others 0.58 em.

    >>> width("链", 10), round(width("ab", 10), 1)
    (10, 11.6)
    """
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.58 for ch in text)


def wrap(text: str, max_width: float, size: float, max_lines: int = 0) -> list[str]:
    """``text`` broken into lines no wider than ``max_width`` (at spaces for Latin text, anywhere in CJK);
    with ``max_lines``, the last kept line ends with an ellipsis.

    >>> wrap("上游原料 与 产品", 45, 10)
    ['上游原料', '与 产品']
    >>> wrap("一二三四五六", 30, 10, max_lines=1)
    ['一二…']
    """
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if line and width(line + token, size) > max_width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
        while width(line, size) > max_width and len(line) > 1:  # one token wider than the line
            cut = len(line)
            while cut > 1 and width(line[:cut], size) > max_width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and width(last + "…", size) > max_width:
            last = last[:-1]
        lines = lines[:max_lines - 1] + [last + "…"]
    return lines


def _tokens(text: str) -> list[str]:
    """Words (with their trailing space) for Latin text, single characters for CJK."""
    out: list[str] = []
    word = ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
            if ch == " ":
                out.append(word)
                word = ""
    if word:
        out.append(word)
    return out


class Drawing:
    """An SVG drawing of ``w`` x ``h`` user units, optionally sized in millimetres for print."""

    def __init__(self, w: float, h: float, mm: tuple[int, int] | None = None, css: str = "", label: str = "",
                 prefix: str = "") -> None:
        self.w, self.h, self.mm, self.css, self.label, self.prefix = w, h, mm, css, label, prefix
        self.parts: list[str] = []

    def raw(self, markup: str) -> None:
        """Append markup written by this module (already escaped)."""
        self.parts.append(markup)

    def el(self, tag: str, text: str | None = None, **attrs: Any) -> None:
        """Append one element; ``cls`` is written as ``class`` (each name with the drawing's prefix, so a
        page holding the drawing keeps its own styles), ``_`` in names as ``-``; None values left out."""
        self.parts.append(element(tag, text, prefix=self.prefix, **attrs))

    def open(self, tag: str, **attrs: Any) -> None:
        self.parts.append(element(tag, None, prefix=self.prefix, **attrs)[:-2] + ">")

    def close(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def text(self, x: float, y: float, text: str, **attrs: Any) -> None:
        self.el("text", text, x=x, y=y, **attrs)

    def lines(self, x: float, y: float, lines: list[str], size: float, step: float = 1.3, **attrs: Any) -> float:
        """Draw ``lines`` from baseline ``y``; returns the y below the last line."""
        for i, line in enumerate(lines):
            self.text(x, y + i * size * step, line, **attrs)
        return y + len(lines) * size * step

    def svg(self) -> str:
        size = (f' width="{self.mm[0]}mm" height="{self.mm[1]}mm"' if self.mm
                else f' width="{num(self.w)}" height="{num(self.h)}"')
        head = (f'<svg xmlns="http://www.w3.org/2000/svg"{size} viewBox="0 0 {num(self.w)} {num(self.h)}" '
                f'role="img" aria-label="{esc(self.label)}" font-family="{esc(FONTS)}">')
        style = f"<style>{esc_css(self.css)}</style>" if self.css else ""
        return head + style + "\n" + "\n".join(self.parts) + "\n</svg>\n"


def element(tag: str, text: str | None = None, prefix: str = "", **attrs: Any) -> str:
    """One element as text.

    >>> element("rect", x=1.0, cls="a b", stroke_dasharray="4 2", title=None, prefix="p-")
    '<rect x="1" class="p-a p-b" stroke-dasharray="4 2"/>'
    """
    out = [tag]
    for k, v in attrs.items():
        if v is None:
            continue
        if k == "cls" and prefix:
            v = " ".join(prefix + c for c in str(v).split())
        name = "class" if k == "cls" else k.rstrip("_").replace("_", "-")
        value = num(v) if isinstance(v, (float, int)) and not isinstance(v, bool) else esc(v)
        out.append(f'{name}="{value}"')
    start = "<" + " ".join(out)
    return start + "/>" if text is None else f"{start}>{esc(text)}</{tag}>"


def esc_css(css: str) -> str:
    """CSS text inside <style>: only ``<`` and ``&`` need escaping (our CSS has neither)."""
    return css.replace("&", "&amp;").replace("<", "&lt;")


def html_page(svg: str, title: str, lang: str = "zh", page: str = "A3 landscape",
              pixels: tuple[int, int] | None = None) -> str:
    """A self-contained HTML page showing ``svg`` on screen and one printed page (no script, no network);
    ``pixels`` fixes its size on screen (for a screenshot).

    >>> "<title>a&amp;b</title>" in html_page("<svg/>", "a&b")
    True
    """
    return (f'<!doctype html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title><style>@page {{ size: {page}; margin: 0 }} html, body {{ margin: 0; "
            "background: #fff } svg { display: block; " + (f"width: {pixels[0]}px; height: {pixels[1]}px }} " if pixels
            else "width: 100vw; height: 100vh } ") +
            "@media print { svg { height: 99.5vh } }</style></head><body>\n"
            f"{svg}</body></html>\n")
