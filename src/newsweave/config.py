"""One ``Settings`` object per entry point, resolved in layers.

Order, later wins: defaults beside each stage < ``newsweave.toml`` < ``NEWSWEAVE_*`` environment
variables < explicit overrides (CLI flags). Nested keys use ``__`` in the environment
(``NEWSWEAVE_LIMITS__MAX_FILE_BYTES=1000000``). Stage options stay as plain dicts here and are validated
by each stage's own ``Options`` model when the pipeline is built, so a stage owns its defaults.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

ENV_PREFIX = "NEWSWEAVE_"
CONFIG_FILE = "newsweave.toml"


class Limits(BaseModel):
    """Size limits, so one hostile or broken input cannot exhaust memory."""

    model_config = ConfigDict(extra="forbid")

    max_file_bytes: int = Field(50_000_000, description="Inputs larger than this are skipped.")
    max_article_chars: int = Field(2_000_000, description="Extracted text longer than this is skipped.")
    max_records_per_file: int = Field(1_000_000, description="JSONL/CSV/feed/WARC records read per file.")
    fetch_timeout_s: float = Field(20.0, description="Timeout for reading a feed or page from a URL.")
    extract_timeout_s: float = Field(20.0, description="Time one HTML page's extraction may take (0: no limit).")
    article_timeout_s: float = Field(60.0, description="Time one article's stages may take together (0: no limit).")
    max_field_chars: int = Field(
        20_000, description="Longer titles, bylines, outlets, URLs, dates or metadata values refuse the document."
    )


class ServerSettings(BaseModel):
    """Who may do what on ``newsweave serve``. Writes are off until the operator sets a token: a server
    started on a shared machine must not take articles from anyone who finds the port."""

    model_config = ConfigDict(extra="forbid")

    write_token: str | None = Field(
        None, description="Bearer token that ingest and other writes need; unset: writes are refused."
    )
    read_token: str | None = Field(
        None, description="When set, reading (API, pages, OpenAPI) needs this token or the write token."
    )
    max_request_bytes: int = Field(60_000_000, description="Larger request bodies are refused with 413.")
    max_documents: int = Field(10_000, description="Documents one JSON ingest request may carry.")
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed to call the API from a browser; none by default."
    )


class EngineSettings(BaseModel):
    """Where the per-article stages of an ingest run (the driver always writes the store)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["serial", "dask"] = Field("serial", description="serial: in this process; dask: on Dask workers.")
    scheduler: str | None = Field(
        None, description="A running Dask scheduler (tcp://host:8786); none: a local cluster of `workers`."
    )
    workers: int = Field(2, ge=1, description="Worker processes of the local Dask cluster.")
    batch: int = Field(32, ge=1, description="Documents sent to a Dask worker at a time.")
    gc_young: int | None = Field(
        10_000,
        ge=700,
        description="During ingest, collect garbage every this many new objects and freeze what is alive "
        "after warm-up (gc_tuning); none: leave Python's collector as it is.",
    )
    connect_timeout_s: float = Field(30.0, gt=0, description="How long to wait for the Dask scheduler.")


class CommitSettings(BaseModel):
    """How an ingest groups its writes: consecutive articles share one transaction, committed between
    two articles after ``articles`` articles or ``seconds`` seconds, whichever comes first. A failure
    or a killed process loses the open batch only (never half an article); the next run reads it again."""

    model_config = ConfigDict(extra="forbid")

    articles: int = Field(500, ge=1, description="Articles stored in one transaction at most (1: each its own).")
    seconds: float = Field(1.0, ge=0, description="A batch open this long commits after its current article.")


class FieldMap(BaseModel):
    """Which JSONL/CSV columns hold which article field; the first present name wins."""

    model_config = ConfigDict(extra="forbid")

    text: list[str] = ["text", "maintext", "body", "content", "article", "description"]
    title: list[str] = ["title", "headline"]
    published: list[str] = ["published", "date", "date_publish", "pubdate", "publish_date", "datetime"]
    url: list[str] = ["url", "link", "uri"]
    outlet: list[str] = ["outlet", "source_domain", "sitename", "source", "publisher", "domain"]
    byline: list[str] = ["byline", "author", "authors"]
    language: list[str] = ["lang", "language"]
    label: list[str] = ["label", "cluster", "category"]


class Settings(BaseModel):
    """Everything configurable in newsweave; ``newsweave config show`` prints the resolved values."""

    model_config = ConfigDict(extra="forbid")

    db: str = Field(
        "newsweave.db",
        description="Store: a SQLite file path or sqlite:///path, or a PostgreSQL URL postgresql://user:pw@host/db.",
    )
    pipeline: list[str] = Field(
        [
            "text",
            "clean",
            "language",
            "meta",
            "mentions",
            "dates",
            "events",
            "quotes",
            "citations",
            "embed",
            "fingerprint",
        ],
        description="Per-article stages, in order.",
    )
    stages: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Options per stage, e.g. stages.language.accuracy = 'high'."
    )
    limits: Limits = Limits()
    fields: FieldMap = FieldMap()
    server: ServerSettings = ServerSettings()
    engine: EngineSettings = EngineSettings()
    commit: CommitSettings = CommitSettings()
    stories_model: str | None = Field(
        None, description="A stories.json from `newsweave train stories` to use instead of the shipped one."
    )
    dedup_threshold: float = Field(0.8, description="Estimated Jaccard above which two articles are copies.")
    strict: bool = Field(False, description="Re-raise the first stage error instead of reporting it.")


def _deep_merge(base: dict[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _env_layer(environ: Mapping[str, str]) -> dict[str, Any]:
    """Turn NEWSWEAVE_A__B=value into {"a": {"b": value}}; JSON values are decoded when they parse."""
    layer: dict[str, Any] = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or name == ENV_PREFIX + "CONFIG":
            continue
        path = name[len(ENV_PREFIX) :].lower().split("__")
        try:
            value: Any = json.loads(raw)
        except ValueError:
            value = raw
        node = layer
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return layer


def load_settings(
    config_file: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve settings from file, environment and overrides (``None`` values in overrides are ignored)."""
    env = os.environ if environ is None else environ
    data: dict[str, Any] = {}
    path = Path(config_file or env.get(ENV_PREFIX + "CONFIG") or CONFIG_FILE)
    if path.is_file():
        with path.open("rb") as fh:
            data = _deep_merge(data, tomllib.load(fh))
    elif config_file is not None:
        raise FileNotFoundError(f"config file not found: {path}")
    data = _deep_merge(data, _env_layer(env))
    if overrides:
        data = _deep_merge(data, {k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ValueError(_explain(exc, path if path.is_file() else None, env)) from exc


def _explain(exc: ValidationError, path: Path | None, env: Mapping[str, str]) -> str:
    """Name where each bad value came from: a typo in a variable set long ago is otherwise a riddle."""
    lines = []
    for error in exc.errors():
        dotted = ".".join(str(part) for part in error["loc"])
        variable = ENV_PREFIX + "__".join(str(part) for part in error["loc"]).upper()
        if variable in env:
            origin = f"environment variable {variable}"
        elif path is not None:
            origin = f"{path} or a command-line option"
        else:
            origin = "a command-line option"
        reason = "unknown setting" if error["type"] == "extra_forbidden" else error["msg"]
        lines.append(f"{dotted}: {reason} (from {origin})")
    return "; ".join(lines)
