"""The README's examples stay true: its configuration parses and its rules table is current."""

import re
import tomllib
from pathlib import Path

from transcheck.config import parse_config
from transcheck.rules import all_rules

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_configuration_example_is_valid():
    (block,) = re.findall(r"```toml\n(.*?)```", README, re.DOTALL)
    config = parse_config(tomllib.loads(block))
    assert config.lang == "en"
    assert config.fuzzy == "check"


def test_readme_lists_every_rule():
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", README, re.MULTILINE))
    assert listed == {rule.name for rule in all_rules()}
