"""Safe YAML reading that remembers the line of every mapping and key, for file:line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError

LINE = "__line__"
KEY_LINES = "__key_lines__"


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster


class _LineLoader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader whose mappings carry their own line and each key's line (1-based)."""


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
    mapping: dict[str, Any] = yaml.SafeLoader.construct_mapping(loader, node, deep=True)  # type: ignore[assignment]
    seen: dict[Any, int] = {}
    key_lines: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise DataError(
                f"{loader.name}:{line}: key {key!r} repeated (first at line {seen[key]})"
            )
        seen[key] = line
        key_lines[key] = line
    mapping[LINE] = node.start_mark.line + 1
    mapping[KEY_LINES] = key_lines
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, display: str | None = None) -> Any:
    """Parse a YAML file safely; mappings carry ``__line__`` and ``__key_lines__``.

    Raises DataError naming the file and line on a syntax error.
    """
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{name}: cannot read: {exc}") from exc
    loader = _LineLoader(text)
    loader.name = name
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise DataError(f"{name}:{line}: YAML syntax error: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: YAML error: {exc}") from exc
    finally:
        loader.dispose()


def clean(value: Any) -> Any:
    """The same data without the line bookkeeping keys."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if k not in (LINE, KEY_LINES)}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value
