"""Headless Chromium (Debian's, via Playwright) for the generated HTML of docs and reports: file://, no network."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class Loaded:
    """A page opened from a file, with what went wrong while loading it."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_file(browser: Any, path: Path, width: int = 1280, height: int = 900) -> Loaded:
    """Open ``path`` from file://; every request that is not file:// is recorded and aborted."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    loaded = Loaded(page)

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:", "about:")):
            r.continue_()
        else:
            loaded.external_requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: loaded.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: loaded.page_errors.append(str(e)))

    def dialog(d: Any) -> None:
        loaded.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return loaded


def assert_clean(loaded: Loaded) -> None:
    """No console errors, no script errors, no dialogs, no request leaving the machine."""
    assert loaded.console_errors == []
    assert loaded.page_errors == []
    assert loaded.dialogs == []
    assert loaded.external_requests == []
