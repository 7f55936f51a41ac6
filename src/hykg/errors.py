"""The project's exception types; the CLI and HTTP edges turn them into messages."""

from __future__ import annotations


class HykgError(Exception):
    """Base class of every error hykg raises on purpose."""


class DataError(HykgError):
    """Curated data or an input file is invalid; carries one message per problem."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class UnknownEntity(HykgError):
    """A name resolves to no entity; lists the closest matches."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = ("; closest: " + ", ".join(suggestions)) if suggestions else ""
        super().__init__(f"no entity named {name!r}{hint}")


class AmbiguousName(HykgError):
    """A name matches several entities equally well; lists them."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name = name
        self.candidates = candidates
        super().__init__(f"{name!r} is ambiguous: " + ", ".join(candidates))


class QueryRefused(HykgError):
    """A SPARQL request is refused before evaluation (update, SERVICE, LOAD, too deep ...)."""


class QuerySyntaxError(HykgError):
    """A SPARQL request does not parse; carries the parser's message."""


class QueryTimeout(HykgError):
    """A query ran past its time limit and was stopped."""
