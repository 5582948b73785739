"""Read Rasa 3.x NLU training data (intents, regexes, lookups, synonyms) into plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"

# `[text](entity)`, `[text](entity:value)`, `[text]{"entity": ...}` -> text
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass
class TrainingData:
    examples: list[tuple[str, str]] = field(default_factory=list)  # (text, intent)
    regexes: dict[str, list[str]] = field(default_factory=dict)
    lookups: dict[str, list[str]] = field(default_factory=dict)
    synonyms: dict[str, str] = field(default_factory=dict)  # spoken form -> value

    @property
    def intents(self) -> list[str]:
        return sorted({intent for _, intent in self.examples})


def example_lines(block: str) -> list[str]:
    return [line.strip()[2:].strip() for line in block.splitlines() if line.strip().startswith("- ")]


def plain_text(example: str) -> str:
    """An example without its entity annotations."""
    return _ANNOTATION.sub(r"\1", example)


def read_training_data(folder: Path = DATA_DIR) -> TrainingData:
    """Every `*.yml` file of `folder` merged, as Rasa would read them."""
    data = TrainingData()
    for path in sorted(folder.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in content.get("nlu", []):
            examples = example_lines(block.get("examples", ""))
            if "intent" in block:
                data.examples += [(plain_text(e), str(block["intent"])) for e in examples]
            elif "regex" in block:
                data.regexes.setdefault(str(block["regex"]), []).extend(examples)
            elif "lookup" in block:
                data.lookups.setdefault(str(block["lookup"]), []).extend(examples)
            elif "synonym" in block:
                data.synonyms.update({e: str(block["synonym"]) for e in examples})
    return data
