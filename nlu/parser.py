"""Understanding a message: Rasa's parse result from text or from a button payload `/intent{...}`."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from nlu.classifier import FALLBACK_INTENT, Encode, IntentClassifier
from nlu.entities import EntityExtractor
from nlu.training import DATA_DIR, read_training_data

_PAYLOAD = re.compile(r"^/(?P<intent>[A-Za-z_][\w]*)(?P<entities>\{.*\})?$", re.S)


def _fallback(text: str) -> dict[str, object]:
    fallback = {"name": FALLBACK_INTENT, "confidence": 1.0}
    return {"text": text, "intent": fallback, "entities": [], "intent_ranking": [fallback]}


@dataclass
class Parser:
    classifier: IntentClassifier
    entities: EntityExtractor

    @classmethod
    def build(
        cls, cache_dir: Path | None, encode: Encode | None, model_name: str = "", data_dir: Path = DATA_DIR
    ) -> Parser:
        classifier = IntentClassifier.load_or_train(cache_dir, encode, model_name, data_dir)
        return cls(classifier, EntityExtractor(read_training_data(data_dir)))

    def parse(
        self, text: str, now: dt.datetime | None = None, domain_intents: Collection[str] = ()
    ) -> dict[str, object]:
        """Rasa's `/model/parse` result for `text`; a payload may also name an intent of the domain
        that has no training examples (`/upload_files`), as Rasa reads payloads against its domain."""
        text = text.strip()
        if text.startswith("/"):
            return self._parse_payload(text, _PAYLOAD.match(text), domain_intents)
        if not text:
            return _fallback(text)
        intent, ranking = self.classifier.classify(text)
        return {
            "text": text,
            "intent": intent,
            "entities": self.entities.extract(text, now),
            "intent_ranking": ranking,
        }

    def _parse_payload(
        self, text: str, payload: re.Match[str] | None, domain_intents: Collection[str]
    ) -> dict[str, object]:
        """A button payload, as Rasa reads it; malformed ones, unknown intents and bad JSON are not trusted."""
        if payload is None:
            return _fallback(text)
        name = payload["intent"]
        entities: list[dict[str, object]] = []
        try:
            values = json.loads(payload["entities"]) if payload["entities"] else {}
        except json.JSONDecodeError:
            values = None
        known = (
            name in self.classifier.intents or name in domain_intents or name in ("restart", "session_start")
        )
        if not known or not isinstance(values, dict):
            return _fallback(text)
        for entity, value in values.items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str | int | float | bool) and len(str(item)) <= 200:
                    entities.append({"entity": str(entity)[:64], "value": item, "start": 0, "end": 0})
        intent = {"name": name, "confidence": 1.0}
        return {"text": text, "intent": intent, "entities": entities, "intent_ranking": [intent]}
