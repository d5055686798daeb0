"""The README documents every CLI command and every setting."""

from pathlib import Path

from diplograph.cli import app
from diplograph.settings import Settings

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _command_names() -> list[str]:
    names = []
    for cmd in app.registered_commands:
        names.append(cmd.name or cmd.callback.__name__.replace("_", "-"))
    return names


def test_docs_every_command_is_in_readme():
    missing = [n for n in _command_names() if f"`{n}" not in README]
    assert missing == []


def test_docs_every_setting_is_in_readme_with_its_env_var():
    for name, field in Settings.model_fields.items():
        assert f"DIPLOGRAPH_{name.upper()}" in README, name
        assert field.description, name
