"""Hybrid search over the catalogue: dense (sentence embeddings) fused with lexical BM25.

Each item is embedded as several short passages (its names, each alias, each scenario, each FAQ
question); an item's dense score is its best passage. Lexical BM25 (jieba words and character
bigrams) runs on the query expanded with formal words (knowledge.lexicon). The two are fused
by adding a small, bounded lexical term to the dense score, and the action a question asks for
(open, change, renew, close, replace) moves close variants of an item apart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import bm25s
import numpy as np
import yaml
from threadpoolctl import threadpool_limits

from knowledge.embeddings import Embedder
from knowledge.lexicon import (
    Action,
    everyday_variants,
    expand,
    formal_actions,
    spoken_actions,
    without_actions,
)
from knowledge.schema import Catalogue, Item, LocalText
from knowledge.text import normalise, tokens

_OUT_OF_SCOPE_TOPICS = Path(__file__).parent / "data" / "out_of_scope.yml"


def _out_of_scope_topics(catalogue: Catalogue) -> list[str]:
    """Background topics, in the languages the catalogue's item names are written in."""
    topics = yaml.safe_load(_OUT_OF_SCOPE_TOPICS.read_text(encoding="utf-8"))
    names = [i.name for i in catalogue.items]
    languages = [
        lang for lang in ("zh", "en") if sum(bool(getattr(n, lang)) for n in names) * 2 >= len(names)
    ]
    return [t for lang in languages or ["zh"] for t in topics[lang]]


@dataclass(frozen=True)
class SearchSettings:
    """The knobs of the ranking; defaults were chosen on one catalogue and checked on another."""

    lexical_weight: float = 0.06
    action_bonus: float = 0.02
    action_penalty: float = 0.04
    unstated_action_penalty: float = 0.01
    material_weight: float = 0.96
    out_of_scope_below: float = 0.75
    out_of_scope_margin: float = -0.0125
    coverage_weight: float = 0.05
    ambiguity_margin: float = 0.015


@dataclass(frozen=True)
class Hit:
    item_id: str
    name: LocalText
    score: float
    scenario_id: str | None = None


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    out_of_scope: bool
    actions: frozenset[Action] = field(default_factory=frozenset)
    # Not one word the catalogue or the out-of-scope topics know ("lkjhg fdsa"): not understood.
    unknown_words: bool = False

    @property
    def top(self) -> Hit | None:
        return None if self.out_of_scope or not self.hits else self.hits[0]


@dataclass(frozen=True)
class _Passage:
    item: int
    text: str
    weight: float
    scenario_id: str | None = None


def _passages(index: int, item: Item, material_weight: float) -> list[_Passage]:
    out: list[_Passage] = [_Passage(index, t, 1.0) for t in item.name.all()]
    out += [_Passage(index, alias, 1.0) for alias in item.aliases]
    out += [_Passage(index, text, 1.0) for text in everyday_variants(item.name.get("zh"))]
    for scenario in item.scenarios:
        for lang in ("zh", "en"):
            text = f"{item.name.get(lang)} {scenario.name.get(lang)}"
            out.append(_Passage(index, text, 1.0, scenario.id))
    out += [_Passage(index, text, 1.0) for faq in item.faq for text in faq.q.all()]
    for lang in ("zh", "en"):
        names = "、".join(m.name.get(lang) for m in item.materials)
        if names:
            out.append(_Passage(index, f"{item.name.get(lang)}: {names}", material_weight))
    return list({(p.text, p.scenario_id): p for p in out}.values())


def _identity_texts(item: Item) -> list[str]:
    """The texts that say what an item is (not what it needs)."""
    texts = [*item.name.all(), *item.aliases]
    texts += [t for s in item.scenarios for t in s.name.all()]
    return texts + [t for f in item.faq for t in f.q.all()]


def _lexical_document(item: Item) -> list[str]:
    names = " ".join(item.name.all())
    parts = [names, names, *_identity_texts(item), *item.aliases]
    parts += [t for m in item.materials for t in m.name.all()]
    return tokens(" ".join(parts))


@cache
def _single_threaded_blas() -> None:
    """Keep numpy's BLAS to one thread: its idle threads spin and starve torch's query encoding.

    Measured at 1,000 items on 2 cores: query p95 108 ms with default BLAS threads, 21 ms with one.
    """
    threadpool_limits(limits=1, user_api="blas")


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores, best first (ties keep catalogue order)."""
    if k < len(scores):
        candidates = np.argpartition(-scores, k - 1)[:k]
        return candidates[np.lexsort((candidates, -scores[candidates]))]
    return np.argsort(-scores, kind="stable")


class SearchIndex:
    """Finds the service items a question is about, or says it is out of scope."""

    def __init__(
        self,
        catalogue: Catalogue,
        embedder: Embedder | None,
        settings: SearchSettings | None = None,
        progress: Callable[[int, int], None] | None = None,
    ):
        _single_threaded_blas()
        self.catalogue = catalogue
        self.settings = settings or SearchSettings()
        self.embedder = embedder
        self._items = list(catalogue.items)
        offered = [formal_actions(" ".join(i.name.all())) for i in self._items]
        self._offers = {a: np.array([a in o for o in offered], dtype=bool) for a in Action}
        self._offers_any = np.array([bool(o) for o in offered], dtype=bool)
        self._passages = [
            p for n, item in enumerate(self._items) for p in _passages(n, item, self.settings.material_weight)
        ]
        self._passage_start = np.searchsorted([p.item for p in self._passages], np.arange(len(self._items)))
        self._passage_weight = np.array([p.weight for p in self._passages], dtype=np.float32)
        self._vectors = (
            embedder.passages([p.text for p in self._passages], progress) if embedder is not None else None
        )
        topics = _out_of_scope_topics(catalogue)
        self._background = embedder.passages(topics) if embedder is not None else None
        self._topic_words = set(tokens(" ".join(topics)))
        documents = [_lexical_document(item) for item in self._items]
        # Coverage looks at what an item is: 身份证 is among nearly every item's materials.
        self._token_sets = [set(tokens(" ".join(_identity_texts(item)))) for item in self._items]
        frequency = Counter(t for d in self._token_sets for t in d)
        self._idf = {t: math.log(1 + len(documents) / n) for t, n in frequency.items()}
        self._bm25 = bm25s.BM25()
        self._bm25.index(documents, show_progress=False) if self._items else None

    def __len__(self) -> int:
        return len(self._items)

    def _dense(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """Best passage score per item, and every passage's score (passages are grouped by item)."""
        n = len(self._items)
        if self._vectors is None or self.embedder is None or not len(self._passages):
            return np.zeros(n, dtype=np.float32), np.zeros(0, dtype=np.float32)
        scores = (self._vectors @ self.embedder.query(normalise(query))) * self._passage_weight
        return np.maximum.reduceat(scores, self._passage_start), scores

    def _best_passage(self, item: int, scores: np.ndarray) -> _Passage | None:
        if not len(scores):
            return None
        start = self._passage_start[item]
        end = self._passage_start[item + 1] if item + 1 < len(self._items) else len(scores)
        return self._passages[start + int(np.argmax(scores[start:end]))]

    def _lexical(self, query: str) -> np.ndarray:
        """BM25 scores scaled to [0, 1] by the best one, 0 where nothing matched."""
        n = len(self._items)
        query_tokens = [t for t in tokens(expand(query)) if t in self._bm25.vocab_dict]
        if not n or not query_tokens:
            return np.zeros(n, dtype=np.float32)
        scores = np.asarray(self._bm25.get_scores(query_tokens), dtype=np.float32)
        top = float(scores.max())
        return scores / top if top > 0 else np.zeros(n, dtype=np.float32)

    def names_out_of_scope_topic(self, query: str) -> bool:
        """Whether a word of the query belongs to something the center does not do (护照, 结婚 …)."""
        return not set(tokens(expand(query))).isdisjoint(self._topic_words)

    def knows_words(self, query: str) -> bool:
        """Whether any word of the query is one the catalogue or the out-of-scope topics use."""
        words = set(tokens(expand(query)))
        return bool(words & self._topic_words) or any(w in self._bm25.vocab_dict for w in words)

    def _coverage(self, query: str, item: int) -> float:
        """The idf-weighted share of the query's words that the item's texts contain."""
        query_tokens = set(tokens(query))
        if not query_tokens:
            return 0.0
        unseen = max(self._idf.values(), default=1.0)
        weights = {t: self._idf.get(t, unseen) for t in query_tokens}
        found = sum(w for t, w in weights.items() if t in self._token_sets[item])
        return found / sum(weights.values())

    def _action_adjustment(self, asked: set[Action]) -> np.ndarray:
        """A bonus for items offering the asked action, a penalty for items offering only others."""
        s = self.settings
        if not asked:
            return np.where(self._offers_any & ~self._offers[Action.new], -s.unstated_action_penalty, 0.0)
        matches = np.logical_or.reduce([self._offers[a] for a in asked])
        return np.where(matches, s.action_bonus, np.where(self._offers_any, -s.action_penalty, 0.0))

    def scores(self, query: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, set[Action]]:
        """Fused score per item, with its dense part, every passage's score and the asked actions."""
        dense, passage_scores = self._dense(query)
        lexical = self._lexical(query)
        asked = spoken_actions(query)
        fused = dense + self.settings.lexical_weight * lexical + self._action_adjustment(asked)
        if self._vectors is None:
            fused = lexical + self._action_adjustment(asked)
        return fused, dense, passage_scores, asked

    def search(self, query: str, k: int = 5) -> SearchResult:
        """The k best items for `query`, and whether the question is out of scope."""
        query = query.strip()
        if not query or not self._items:
            return SearchResult(query, [], out_of_scope=True)
        if not self.knows_words(query):
            return SearchResult(query, [], out_of_scope=True, unknown_words=True)
        fused, dense, passage_scores, asked = self.scores(query)
        order = _top(fused, max(k, 1))
        hits = []
        for n in order:
            passage = self._best_passage(int(n), passage_scores)
            item = self._items[n]
            hits.append(Hit(item.id, item.name, round(float(fused[n]), 4), passage and passage.scenario_id))
        out_of_scope = self._is_out_of_scope(
            query, int(order[0]), float(fused[order[0]]), float(dense[order[0]])
        )
        return SearchResult(query, hits, out_of_scope, frozenset(asked))

    def _is_out_of_scope(self, query: str, top: int, best_fused: float, best_dense: float) -> bool:
        """Out of scope when nothing is near, or a background topic is nearer than the best item."""
        if self._background is None or self.embedder is None:
            return best_fused <= 0
        if best_dense < self.settings.out_of_scope_below:
            return True
        background = float((self._background @ self.embedder.query(normalise(query))).max())
        subject = without_actions(expand(query))
        evidence = best_dense + self.settings.coverage_weight * self._coverage(subject, top)
        return background - evidence > self.settings.out_of_scope_margin

    def close_alternatives(self, result: SearchResult) -> list[Hit]:
        """The hits too close to the top one to choose between without asking (at most three)."""
        if result.out_of_scope or not result.hits:
            return []
        top = result.hits[0].score
        close = [h for h in result.hits if top - h.score <= self.settings.ambiguity_margin]
        return close[:3] if len(close) > 1 else []
