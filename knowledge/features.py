"""What search measures between a question and each entry of a catalogue.

An entry is an item, or a background topic (something halls are usually not asked for) shaped like
an item, so that both are scored alike. Every measure is relative to the catalogue in hand (z-scores
over its items, idf over its words, the siblings an item has in it), so that one set of weights
serves any hall's catalogue; `knowledge.ranker` holds the weights, learned on halls other than the
one being measured.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from knowledge.embeddings import Embedder
from knowledge.lexicon import everyday_names, expand, formal_actions, lexicon, spoken_actions, without_actions
from knowledge.schema import Item
from knowledge.text import normalise, tokens

FEATURES = (
    "dense_identity",  # the question against the item's names (formal, everyday, English, scenarios)
    "dense_materials",
    "dense_conditions",
    "z_identity",  # the same, in standard deviations from this question's mean over the catalogue
    "z_materials",
    "z_conditions",
    "gap_identity",  # behind the best item's identity score
    "query_coverage",  # idf share of the question's words that the item's names contain
    "object_coverage",  # idf share of the item's object words (its name less its action) in the question
    "material_coverage",
    "action_agrees",  # the share of the actions the question asks for that the item's name offers
    "action_conflicts",  # it asks for actions, the item offers others only
    "action_unstated",  # it asks for none, the item offers one other than applying
    "distinct_coverage",  # the words that set the item apart from its near-twins, found in the question
    "sibling_margin",  # its identity score ahead of its best near-twin
    "has_siblings",
)
SIBLING_OVERLAP = 0.4  # share of name words two items must have in common to be near-twins


@dataclass(frozen=True)
class Entry:
    name: str
    scenarios: tuple[tuple[str | None, str], ...] = ()  # (scenario id, its name)
    materials: tuple[str, ...] = ()
    conditions: str = ""
    other_names: tuple[str, ...] = ()  # the catalogue's own: its English name and aliases
    faq: tuple[str, ...] = ()  # the questions of its FAQ

    @classmethod
    def of(cls, item: Item) -> Entry:
        others = [item.name.en or "", *item.aliases]
        return cls(
            item.name.get("zh"),
            tuple((s.id, s.name.get("zh")) for s in item.scenarios),
            tuple(m.name.get("zh") for m in item.materials),
            (item.conditions.get("zh") if item.conditions else "")[:200],
            tuple(t for t in others if t),
            tuple(t for f in item.faq for t in f.q.all()),
        )

    def names(self) -> list[str]:
        """The name said formally, in everyday words and in English, and the catalogue's other names."""
        return list(dict.fromkeys([self.name, *everyday_names(self.name), *self.other_names]))

    def identity_texts(self) -> list[tuple[str | None, str]]:
        """(scenario id or None, text): the names, the FAQ questions and each scenario."""
        texts = [(None, t) for t in dict.fromkeys([*self.names(), *self.faq])]
        return texts + [(s, f"{self.name} {name}") for s, name in self.scenarios]


def _idf(documents: list[set[str]]) -> dict[str, float]:
    frequency = Counter(t for d in documents for t in d)
    return {t: math.log(1 + len(documents) / n) for t, n in frequency.items()}


class _Postings:
    """Which entries' word sets hold each word, to add up weights over entries at once."""

    def __init__(self, sets: list[set[str]], idf: dict[str, float], unseen: float):
        self.n = len(sets)
        rows: dict[str, list[int]] = {}
        for n, words in enumerate(sets):
            for word in words:
                rows.setdefault(word, []).append(n)
        self._rows = {w: np.array(r) for w, r in rows.items()}
        self.totals = np.array([sum(idf.get(w, unseen) for w in s) for s in sets], dtype=np.float32)

    def weight_found(self, words: dict[str, float]) -> np.ndarray:
        """Per entry, the summed weight of `words` its set holds."""
        found = np.zeros(self.n, dtype=np.float32)
        for word, weight in words.items():
            if (rows := self._rows.get(word)) is not None:
                found[rows] += weight
        return found


def _z(values: np.ndarray, real: int) -> np.ndarray:
    spread = float(values[:real].std()) if real > 1 else 0.0
    return (values - float(values[:real].mean())) / (spread if spread > 1e-6 else 1.0)


class FeatureSpace:
    """The catalogue's entries, embedded and tokenised once; a question's features in one call."""

    def __init__(
        self,
        items: list[Item],
        topics: list[str],
        embedder: Embedder | None,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.real = len(items)
        self.entries = [Entry.of(i) for i in items] + [Entry(t) for t in topics]
        identity = [(n, s, t) for n, e in enumerate(self.entries) for s, t in e.identity_texts()]
        self.passage_entry = np.array([n for n, _, _ in identity])
        self.passage_scenario = [s for _, s, _ in identity]
        self._item_names = [f" {normalise(t)} " for e in self.entries[: self.real] for t in e.names()]
        self._starts = np.searchsorted(self.passage_entry, np.arange(len(self.entries)))
        materials = [f"{e.name}: {'、'.join(e.materials)}" if e.materials else e.name for e in self.entries]
        conditions = [e.conditions or e.name for e in self.entries]
        self.embedder = embedder
        if embedder is not None:
            texts = [t for _, _, t in identity] + materials + conditions
            vectors = embedder.passages(texts, progress)
            self._identity = vectors[: len(identity)]
            self._materials = vectors[len(identity) : len(identity) + len(materials)]
            self._conditions = vectors[len(identity) + len(materials) :]
        self._words(identity)

    def _words(self, identity: list[tuple[int, str | None, str]]) -> None:
        names: list[set[str]] = [set() for _ in self.entries]
        for n, _, text in identity:
            names[n] |= set(tokens(text))
        objects = [set(tokens(without_actions(e.name))) for e in self.entries]
        materials = [set(tokens(" ".join(e.materials))) for e in self.entries]
        own = [set(tokens(e.name)) for e in self.entries[: self.real]]
        self.siblings = [
            [
                j
                for j, other in enumerate(own)
                if j != i and len(mine & other) / max(len(mine | other), 1) >= SIBLING_OVERLAP
            ]
            for i, mine in enumerate(own)
        ]
        distinct = [
            own[i] - set().union(*(own[j] for j in s)) if s else set() for i, s in enumerate(self.siblings)
        ]
        distinct += [set() for _ in self.entries[self.real :]]
        self.idf = _idf(names[: self.real])
        self._unseen = max(self.idf.values(), default=1.0)
        self._names = _Postings(names, self.idf, self._unseen)
        self._objects = _Postings(objects, self.idf, self._unseen)
        self._material_words = _Postings(materials, self.idf, self._unseen)
        self._distinct = _Postings(distinct, self.idf, self._unseen)
        self.vocabulary = set().union(*names[: self.real], *materials[: self.real])
        actions = [a.name for a in lexicon().actions]
        offered = [formal_actions(e.name) for e in self.entries]
        self._offers = np.array([[a in o for a in actions] for o in offered], dtype=bool).reshape(
            -1, len(actions)
        )
        self._action_names = actions
        width = max((len(s) for s in self.siblings), default=0)
        self._sibling_table = np.full((len(self.entries), max(width, 1)), -1, dtype=int)
        for i, s in enumerate(self.siblings):
            self._sibling_table[i, : len(s)] = s

    def names_one_item(self, words: list[str]) -> bool:
        """Whether one item's names (formal, everyday, English) hold all these words (English ones
        as whole words: "car" is not in "care")."""
        wanted = [w if not w.isascii() else f" {w} " for w in words]
        return bool(wanted) and any(all(w in name for w in wanted) for name in self._item_names)

    def best_passage(self, entry: int, passage_scores: np.ndarray) -> int:
        """Which of an entry's identity passages scored best (its first without an embedder)."""
        start = int(self._starts[entry])
        end = int(self._starts[entry + 1]) if entry + 1 < len(self._starts) else len(self.passage_entry)
        return start + int(np.argmax(passage_scores[start:end])) if len(passage_scores) else start

    def matrix(self, text: str, vector: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """The features of every entry for a question (rows in entry order), and the score of every
        identity passage."""
        n = len(self.entries)
        if vector is None or self.embedder is None:
            identity, passage_scores = np.zeros(n, np.float32), np.zeros(0, np.float32)
            materials = conditions = np.zeros(n, np.float32)
        else:
            passage_scores = self._identity @ vector
            identity = np.maximum.reduceat(passage_scores, self._starts)
            materials, conditions = self._materials @ vector, self._conditions @ vector
        dense = [identity, materials, conditions]
        zs = [_z(d, self.real) for d in dense]
        gap = identity - float(identity[: self.real].max(initial=0.0))
        lexical = self._lexical(text)
        margin = self._sibling_margin(identity)
        columns = [*dense, *zs, gap, *lexical, margin, (self._sibling_table[:, 0] >= 0).astype(np.float32)]
        return np.stack(columns, axis=1).astype(np.float32), passage_scores

    def _lexical(self, text: str) -> list[np.ndarray]:
        words = set(tokens(expand(text)))
        weights = {w: self.idf.get(w, self._unseen) for w in words}
        total = sum(weights.values()) or 1.0
        query_coverage = self._names.weight_found(weights) / total
        found = {w: self.idf.get(w, self._unseen) for w in words}
        object_coverage = self._objects.weight_found(found) / np.maximum(self._objects.totals, 1e-6)
        material_coverage = self._material_words.weight_found(weights) / total
        distinct = self._distinct.weight_found(found) / np.maximum(self._distinct.totals, 1e-6)
        spoken = spoken_actions(text)
        asked = np.array([a in spoken for a in self._action_names], dtype=bool)
        offers_any = self._offers.any(axis=1)
        agreeing = (self._offers & asked).sum(axis=1)
        agrees = agreeing / max(int(asked.sum()), 1)
        conflicts = asked.any() & offers_any & (agreeing == 0)
        new = self._offers[:, self._action_names.index("new")] if "new" in self._action_names else False
        unstated = (not asked.any()) & offers_any & ~new
        return [
            query_coverage,
            object_coverage,
            material_coverage,
            agrees.astype(np.float32),
            conflicts.astype(np.float32),
            unstated.astype(np.float32),
            distinct,
        ]

    def _sibling_margin(self, identity: np.ndarray) -> np.ndarray:
        padded = np.append(identity, -np.inf)[self._sibling_table]  # -1 reads the -inf at the end
        best = padded.max(axis=1)
        return np.where(np.isfinite(best), identity - best, 0.0).astype(np.float32)
