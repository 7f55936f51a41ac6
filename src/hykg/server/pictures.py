"""The explorer's pictures: a chain's printable panorama (SVG, its own route) and targets drawn as bars."""

from __future__ import annotations

from typing import Any

from .i18n import lang_of

#: The panorama picture's own policy: its inline <style>, nothing else (it is shown through <img>).
PANORAMA_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def panorama(request: Any) -> Any:
    """A chain's printable picture (hykg.present.panorama: 全景图, or 现状图 with ``mode=status``) as SVG,
    the bytes ``hykg viz panorama`` writes; the chain page shows it through <img>."""
    from starlette.responses import Response

    from ..errors import RequestError
    from ..present.panorama import MODES, panorama_svg

    mode = request.query_params.get("mode", "panorama")
    if mode not in MODES:
        raise RequestError(400, "bad_mode", f"unknown mode {mode!r}; modes: {', '.join(MODES)}")
    lang = lang_of(request.query_params.get("lang"))
    svg = panorama_svg(request.app.state.kg, request.path_params["eid"], mode, lang)
    return Response(svg, media_type="image/svg+xml", headers={"Content-Security-Policy": PANORAMA_CSP})


def target_bars(items: list[dict[str, Any]], lang: str) -> Any:
    """Targets against actuals drawn as bars (:mod:`hykg.present.targetbars`), markup to inline in a page:
    presentation attributes only (no <style>, which the page CSP forbids), every label escaped.

    >>> str(target_bars([], "zh"))
    ''
    """
    from markupsafe import Markup

    from ..present.targetbars import targets_svg

    return Markup(targets_svg(items, lang)) if items else Markup("")
