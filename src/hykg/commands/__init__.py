"""Command modules beyond the core queries; each topic module exposes ``COMMANDS`` (click commands)."""

from __future__ import annotations

import importlib
import importlib.util

import click

#: Topic modules, in the order their commands are listed; a module may be absent.
TOPICS = ("coverage", "analysis", "viz", "serve", "stores", "reports", "docs")


def register(group: click.Group) -> None:
    """Add every topic module's commands to ``group`` (cheap: heavy imports stay inside commands)."""
    for topic in TOPICS:
        name = f"{__name__}.{topic}"
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        for command in getattr(module, "COMMANDS", []):
            group.add_command(command)
