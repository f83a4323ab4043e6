"""The generated docs cannot drift: docs/cli.md and docs/data-dictionary.md are rebuilt in
memory and compared, every command and every model field must be documented, and the
README links every guide.

To fix a failure, run the generator named in the message and commit its output:
    .venv/bin/python docs/gen_cli_reference.py
    .venv/bin/python docs/gen_data_dictionary.py   (after adding ENTRIES for new fields)
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"docs_{name}", DOCS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cli_doc():
    return _load("gen_cli_reference")


@pytest.fixture(scope="module")
def dictionary():
    return _load("gen_data_dictionary")


def test_cli_reference_is_current(cli_doc):
    expected = cli_doc.render()
    actual = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/cli.md is stale: run .venv/bin/python docs/gen_cli_reference.py"
    )


def test_cli_reference_does_not_depend_on_the_terminal(cli_doc, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    narrow = cli_doc.render()
    monkeypatch.setenv("COLUMNS", "200")
    assert cli_doc.render() == narrow
    for path in {str(ROOT), str(Path.home())}:
        assert path not in narrow


def test_every_command_is_documented(cli_doc):
    from tallytale.cli import COMMANDS

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    management = cli_doc.tallytale_commands()
    assert set(COMMANDS) <= set(management), "tallytale.cli.COMMANDS names a missing command"
    undocumented = [
        name
        for name in sorted(set(COMMANDS) | set(management))
        if f"## `tallytale {name}`" not in text
    ]
    assert undocumented == [], f"not in docs/cli.md: {undocumented}"


def test_every_subcommand_is_documented(cli_doc):
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    from django.core.management import load_command_class

    for name, app in cli_doc.tallytale_commands().items():
        parser = load_command_class(app, name).create_parser("tallytale", name)
        for sub in cli_doc._subparsers(parser):
            assert f"### `tallytale {name} {sub}`" in text, f"tallytale {name} {sub}"


def test_every_model_field_has_a_dictionary_entry(dictionary):
    missing = dictionary.missing_entries()
    assert missing == [], f"add these to ENTRIES in docs/gen_data_dictionary.py: {missing}"
    stale = dictionary.stale_entries()
    assert stale == [], f"remove these from ENTRIES (no such field): {stale}"


def test_data_dictionary_is_current(dictionary):
    expected = dictionary.render()
    actual = (DOCS / "data-dictionary.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/data-dictionary.md is stale: run .venv/bin/python docs/gen_data_dictionary.py"
    )


def test_contact_details_are_marked_never_exported(dictionary):
    for key, entry in dictionary.ENTRIES.items():
        if key.startswith("programmes.ContactDetails."):
            assert entry[2:] == (dictionary.CONTACT,), key


def test_readme_starts_with_the_two_commands_and_links_every_doc():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make demo", "make test"]
    unlinked = [p.name for p in sorted(DOCS.glob("*.md")) if f"](docs/{p.name})" not in readme]
    assert unlinked == [], f"README.md does not link {unlinked}"
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    images += re.findall(r'<img src="([^"]+)"', readme)
    assert images, "README.md shows no screenshot"
    for image in images:
        assert (ROOT / image).is_file(), image
        assert (ROOT / image).stat().st_size < 250_000, f"{image} is over 250 KB"
