"""One error base class; subclasses carry their facts as fields and format them in __str__.

The CLI catches MilitantmapError and prints str(error) without a traceback, so every message
must name the input and say what to do next.
"""
from __future__ import annotations


class MilitantmapError(Exception):
    """Base class of every error militantmap reports to a person."""

    exit_code = 1


class InputError(MilitantmapError):
    """An input (file, line, URL, stdin) that cannot be used as an article."""

    exit_code = 2

    def __init__(self, source: str, reason: str, hint: str | None = None) -> None:
        super().__init__(source, reason, hint)
        self.source = source
        self.reason = reason
        self.hint = hint

    def __str__(self) -> str:
        msg = f"{self.source}: {self.reason}"
        if self.hint:
            msg += f" ({self.hint})"
        return msg


class ConfigError(MilitantmapError):
    """Something about the installation or configuration, e.g. a missing spaCy model."""

    exit_code = 3

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(what, fix)
        self.what = what
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.what}. To fix: {self.fix}"


class MissingExtra(MilitantmapError):
    """A feature asked for whose optional dependency is not installed (the Ray engine): says
    what to install. Exit 2, as for a bad option, since nothing was done."""

    exit_code = 2

    def __init__(self, feature: str, needs: str, install: str, detail: str = "") -> None:
        super().__init__(feature, needs, install, detail)
        self.feature, self.needs, self.install, self.detail = feature, needs, install, detail

    def __str__(self) -> str:
        why = f" ({self.detail})" if self.detail else ""
        return f"{self.feature} needs {self.needs}, which is not installed{why}. Install it: {self.install}"


class EngineFailed(MilitantmapError):
    """The extraction engine itself failed (Ray workers lost again and again): what is stored
    stays stored, and the message says where the run stopped and how to resume."""

    def __init__(self, engine: str, where: str, reason: str) -> None:
        super().__init__(engine, where, reason)
        self.engine, self.where, self.reason = engine, where, reason

    def __str__(self) -> str:
        return (f"extraction on {self.engine} failed at {self.where} ({self.reason}); the articles "
                "before it are stored: run the same command again to resume (if it fails there "
                "again, `--engine local --workers 2` finds and skips an article that kills its worker)")


class NotInStore(LookupError):
    """A name or id the store does not have: the store's own "not found" (a 404 in the web app,
    exit 2 in the CLI). A KeyError or IndexError, though also LookupErrors, are bugs or races and
    must never be reported as "not in the store" (issue 11)."""


def is_not_in_store(err: BaseException) -> bool:
    """The store's own not-found: NotInStore, or a plain LookupError raised as such (never one of
    its subclasses KeyError / IndexError)."""
    return isinstance(err, NotInStore) or type(err) is LookupError
