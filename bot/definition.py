"""The conversation definition in Rasa's formats: bot/domain.yml and bot/data/*.yml rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
DOMAIN = HERE / "domain.yml"
RULES_DIR = HERE / "data"

# Actions every Rasa assistant has.
BUILTIN_ACTIONS = {"action_listen", "action_restart", "action_deactivate_loop", "action_session_start"}


@dataclass(frozen=True)
class Rule:
    """A Rasa rule: optional conditions, then steps (intent, action, active_loop, slot_was_set)."""

    name: str
    conditions: list[dict[str, Any]]
    steps: list[dict[str, Any]]
    conversation_start: bool = False

    @property
    def intent(self) -> str | None:
        first = self.steps[0] if self.steps else {}
        return first.get("intent")

    def actions(self) -> list[str]:
        """The actions of the rule, in order."""
        return [s["action"] for s in self.steps if "action" in s]


@dataclass
class Definition:
    domain: dict[str, Any]
    rules: list[Rule] = field(default_factory=list)

    @property
    def slots(self) -> dict[str, dict[str, Any]]:
        return self.domain.get("slots", {})

    @property
    def responses(self) -> dict[str, list[dict[str, Any]]]:
        return self.domain.get("responses", {})

    @property
    def intents(self) -> set[str]:
        return {i if isinstance(i, str) else next(iter(i)) for i in self.domain.get("intents", [])}

    @property
    def forms(self) -> dict[str, dict[str, Any]]:
        return self.domain.get("forms", {})

    @property
    def actions(self) -> set[str]:
        return set(self.domain.get("actions", [])) | BUILTIN_ACTIONS | set(self.forms) | set(self.responses)

    def initial_slots(self) -> dict[str, Any]:
        slots = {name: spec.get("initial_value") for name, spec in self.slots.items()}
        return {**slots, "requested_slot": None}

    def as_rasa_domain(self) -> dict[str, Any]:
        """The domain as a Rasa server sends it to the action server."""
        return {**self.domain, "slots": {**self.slots, "requested_slot": {"type": "any", "mappings": []}}}


def load_definition(domain: Path = DOMAIN, rules_dir: Path = RULES_DIR) -> Definition:
    definition = Definition(yaml.safe_load(domain.read_text(encoding="utf-8")))
    for path in sorted(rules_dir.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for rule in content.get("rules", []):
            definition.rules.append(
                Rule(
                    name=str(rule.get("rule", "")),
                    conditions=list(rule.get("condition", [])),
                    steps=list(rule.get("steps", [])),
                    conversation_start=bool(rule.get("conversation_start", False)),
                )
            )
    return definition
