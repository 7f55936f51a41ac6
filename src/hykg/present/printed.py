"""Writing a picture (SVG text) as .svg, .html, or, through headless Chromium with no network, .png / .pdf.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     s = write_picture('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\\n', pathlib.Path(d) / "a.html", "A")
>>> s["format"]
'html'
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ..errors import DataError, HykgError
from .svg import html_page

FORMATS = ("svg", "html", "png", "pdf")
#: Chromium switches: headless, offline (no background, sync or update traffic), no first-run work.
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                 "--disable-default-apps", "--hide-scrollbars", "--proxy-server=127.0.0.1:9",
                 "--proxy-bypass-list=<-loopback>")


class NoBrowser(HykgError):
    """PNG / PDF output needs Chromium, which is not installed."""

    exit_code = 3
    code = "no-browser"


def chromium() -> str:
    """The Chromium executable (Debian's ``chromium``; scripts/system-deps.sh installs it)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise NoBrowser("PNG and PDF output need Chromium (Debian: apt-get install chromium); "
                    "write .svg or .html instead")


def format_of(out: Path, fmt: str | None = None) -> str:
    """The output format: ``fmt``, or the suffix of ``out``.

    >>> format_of(Path("a.PNG")), format_of(Path("a.svg"), "pdf")
    ('png', 'pdf')
    """
    f = (fmt or out.suffix.lstrip(".")).lower()
    if f not in FORMATS:
        raise DataError(f"{out}: unknown picture format {f or '(none)'!r}: use .svg, .html, .png or .pdf")
    return f


def write_picture(svg: str, out: Path, title: str, lang: str = "zh", fmt: str | None = None,
                  size: tuple[int, int] = (1680, 1188), page: str = "A3 landscape") -> dict[str, Any]:
    """Write ``svg`` to ``out`` as svg / html / png / pdf (by suffix or ``fmt``), atomically.

    PNG is a ``size`` pixel screenshot, PDF one printed ``page``; both come from headless Chromium
    loading the HTML page from a temporary file, every network request refused.
    """
    from ..files import write_atomic

    f = format_of(out, fmt)
    if f == "svg":
        data = svg.encode("utf-8")
    elif f == "html":
        data = html_page(svg, title, lang, page).encode("utf-8")
    else:
        data = _chromium(html_page(svg, title, lang, page, size if f == "png" else None), f, size)
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise DataError(f"{out}: cannot write the picture ({exc.strerror})") from exc
    return {"out": str(out), "format": f, "bytes": len(data)}


def _chromium(html: str, fmt: str, size: tuple[int, int]) -> bytes:
    exe = chromium()
    with tempfile.TemporaryDirectory(prefix="hykg-print-") as d:
        folder = Path(d)
        page = folder / "page.html"
        page.write_text(html, encoding="utf-8")
        target = folder / f"out.{fmt}"
        args = [exe, *CHROMIUM_ARGS, f"--user-data-dir={folder / 'profile'}"]
        if fmt == "png":
            args += [f"--screenshot={target}", f"--window-size={size[0]},{size[1]}"]
        else:
            args += [f"--print-to-pdf={target}", "--no-pdf-header-footer", "--print-to-pdf-no-header"]
        try:
            done = subprocess.run([*args, page.as_uri()], capture_output=True, timeout=120, check=False)
        except subprocess.TimeoutExpired as exc:
            raise DataError(f"chromium did not finish the {fmt.upper()} in 120 s") from exc
        if not target.exists() or target.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise DataError(f"chromium wrote no {fmt.upper()} (exit {done.returncode}): {' '.join(tail)}")
        return target.read_bytes()
