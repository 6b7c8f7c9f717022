"""Documentation keeps up: every CLI command and every setting is named in the README."""

from __future__ import annotations

from pathlib import Path

from newsweave.cli import app, config_app, eval_app, train_app
from newsweave.config import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_documented() -> None:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    names += [f"config {c.name}" for c in config_app.registered_commands]
    names += [f"eval {c.name}" for c in eval_app.registered_commands]
    names += [f"train {c.name}" for c in train_app.registered_commands]
    missing = [n for n in names if f"newsweave {n}" not in README]
    assert not missing, f"commands missing from README: {missing}"


def test_every_setting_documented() -> None:
    missing = []
    for name, field in Settings.model_fields.items():
        sub = field.annotation
        if isinstance(sub, type) and hasattr(sub, "model_fields"):
            missing += [f"{name}.{s}" for s in sub.model_fields if f"{name}.{s}" not in README]
        elif f"`{name}`" not in README:
            missing.append(name)
    assert not missing, f"settings missing from README: {missing}"


def test_readme_first_screen_has_the_two_commands() -> None:
    first_screen = "\n".join(README.splitlines()[:40])
    assert "make demo" in first_screen and "make test" in first_screen
