"""Settings resolve in layers: defaults < newsweave.toml < NEWSWEAVE_* < overrides; pipelines are checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import load_settings
from newsweave.errors import ConfigError
from newsweave.pipeline import build_stages


def test_layers(tmp_path: Path) -> None:
    toml = tmp_path / "newsweave.toml"
    toml.write_text('db = "from-file.db"\ndedup_threshold = 0.7\n[limits]\nmax_file_bytes = 1000\n')
    env = {"NEWSWEAVE_DEDUP_THRESHOLD": "0.9", "NEWSWEAVE_LIMITS__MAX_RECORDS_PER_FILE": "5"}
    s = load_settings(toml, overrides={"db": None}, environ=env)
    assert (s.db, s.dedup_threshold, s.limits.max_file_bytes, s.limits.max_records_per_file) == (
        "from-file.db",
        0.9,
        1000,
        5,
    )
    s = load_settings(toml, overrides={"db": "flag.db"}, environ=env)
    assert s.db == "flag.db"


def test_unknown_settings_rejected(tmp_path: Path) -> None:
    toml = tmp_path / "x.toml"
    toml.write_text("no_such_setting = 1\n")
    with pytest.raises(ValueError, match="no_such_setting"):
        load_settings(toml, environ={})
    with pytest.raises(FileNotFoundError):
        load_settings(tmp_path / "missing.toml", environ={})
    with pytest.raises(ValueError, match=r"require_ui: unknown setting \(from environment variable NEWSWEAVE_REQ"):
        load_settings(environ={"NEWSWEAVE_REQUIRE_UI": "1"})
    with pytest.raises(ValueError, match=r"limits.max_file_bytes: .*NEWSWEAVE_LIMITS__MAX_FILE_BYTES"):
        load_settings(environ={"NEWSWEAVE_LIMITS__MAX_FILE_BYTES": "lots"})


def test_pipeline_order_checked(tmp_path: Path) -> None:
    s = load_settings(overrides={"pipeline": ["clean", "text", "language", "meta", "fingerprint"]}, environ={})
    with pytest.raises(ConfigError, match="'clean' needs blocks"):
        build_stages(s)
    with pytest.raises(ConfigError, match="unknown stage"):
        build_stages(load_settings(overrides={"pipeline": ["text", "nope"]}, environ={}))
    with pytest.raises(ConfigError, match=r"stages\.language"):
        build_stages(load_settings(overrides={"stages": {"language": {"accuracy": "medium"}}}, environ={}))
