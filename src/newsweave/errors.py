"""Errors that carry a reason a person can act on; the pipeline turns them into ``Problem`` records."""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base class for errors newsweave reports instead of crashing."""


class InputError(NewsweaveError):
    """An input cannot be read: binary, undecodable, empty, too large, malformed."""


class StageError(NewsweaveError):
    """A stage found the article unusable (e.g. nothing left after cleaning)."""


class ConfigError(NewsweaveError):
    """The pipeline or a setting is inconsistent; raised when things are built, before any input is read."""


class StoreError(NewsweaveError):
    """The store cannot be opened or is from an incompatible version."""


class NotFound(NewsweaveError):
    """A record asked for by id does not exist."""
