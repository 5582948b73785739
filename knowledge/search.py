"""Search over a catalogue: which items a question is about, or that it is out of scope.

A question is put right for homophone typos (knowledge.spelling), embedded once, and measured against
every item and every background topic (knowledge.features); a learned linear ranker scores them
(knowledge.ranker). It is out of scope when the best item is not convincingly ahead: of the
background topics (things halls are not asked for, and the common services of every department),
less those this catalogue covers, and on its own measures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jieba
import numpy as np
import yaml
from threadpoolctl import threadpool_limits

from knowledge.embeddings import Embedder
from knowledge.features import FeatureSpace
from knowledge.lexicon import expand, lexicon, spoken_actions, without_actions
from knowledge.ranker import Measured, Ranker
from knowledge.schema import Catalogue, LocalText
from knowledge.spelling import Spelling
from knowledge.text import content_words, language_of, normalise, tokens

_OUT_OF_SCOPE_TOPICS = Path(__file__).parent / "data" / "out_of_scope.yml"
SAME_CLOSENESS = 0.005  # names this near count as equally near
TERSE_WORDS = 2  # a question of this many words or fewer names no more than a thing
TWIN_MARGINS = 3  # near-twins this many ranker margins behind are offered when no action is said


def background_topics() -> list[str]:
    """What a hall may not do, in Chinese and English (knowledge/data/out_of_scope.yml)."""
    topics = yaml.safe_load(_OUT_OF_SCOPE_TOPICS.read_text(encoding="utf-8"))
    return [t for lang in ("zh", "en") for t in topics.get(lang, [])]


@cache
def default_ranker() -> Ranker:
    return Ranker.load()


@cache
def _single_threaded_blas() -> None:
    """Keep numpy's BLAS to one thread: its idle threads spin and starve the query encoder.

    Measured at 1,000 items on 2 cores: query p95 108 ms with default BLAS threads, 21 ms with one.
    """
    threadpool_limits(limits=1, user_api="blas")


@dataclass(frozen=True)
class Hit:
    item_id: str
    name: LocalText
    score: float
    scenario_id: str | None = None
    closeness: float = 0.0  # how close the question is to the item's names alone (dense)


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    out_of_scope: bool
    actions: frozenset[str] = field(default_factory=frozenset)
    # Not one word the catalogue or the background topics know ("lkjhg fdsa"): not understood.
    unknown_words: bool = False

    @property
    def top(self) -> Hit | None:
        return None if self.out_of_scope or not self.hits else self.hits[0]


class SearchIndex:
    """Finds the service items a question is about, or says it is out of scope."""

    def __init__(
        self,
        catalogue: Catalogue,
        embedder: Embedder | None,
        ranker: Ranker | None = None,
        progress: Callable[[int, int], None] | None = None,
    ):
        _single_threaded_blas()
        self.catalogue = catalogue
        self.embedder = embedder
        self._items = list(catalogue.items)
        self._topics = background_topics()
        self.space = FeatureSpace(self._items, self._topics, embedder, progress)
        words = [w for t in lexicon().terms for w in (t.formal, *t.zh)]
        words += [w for i in self._items for w in (i.name.get("zh"), *jieba.lcut(i.name.get("zh")))]
        self._spelling = Spelling(words)
        self._topic_words = [set(tokens(expand(t))) for t in self._topics]
        # What each topic is about, its action left out ("护照" of 护照丢了补办); one-character words
        # (上, 找, 买) say too little to tell that an item is about the same thing.
        self._topic_objects = [
            [w for w in content_words(without_actions(t)) if len(w) > 1] for t in self._topics
        ]
        self._topic_measures: list[Measured] | None = None
        self.use(ranker or default_ranker())

    def topic_measures(self) -> list[Measured]:
        """The background topics measured as questions (nothing without an embedder)."""
        if self._topic_measures is None:
            if self.embedder is not None:  # the topics' vectors as questions are cached on disk
                self.embedder.remember_queries(self._topics)
            self._topic_measures = (
                [self._measure(t) for t in self._topics] if self.embedder is not None else []
            )
        return self._topic_measures

    def use(self, ranker: Ranker) -> None:
        """Rank with these weights; the background topics this catalogue covers stand down: those
        the coverage model finds an item for, and those that one item names all of."""
        self.ranker = ranker
        measured = self.topic_measures()
        none = np.zeros(0, dtype=bool)
        self.standing = np.array(
            [
                not ranker.covers(ranker.query_features(m, ranker.scores(m), len(self._items), none))
                and not self.space.names_one_item(objects)
                for m, objects in zip(measured, self._topic_objects, strict=False)
            ]
            or [True] * len(self._topics),
            dtype=bool,
        )
        standing_words = set().union(*(w for w, s in zip(self._topic_words, self.standing, strict=True) if s))
        self._outside_words = standing_words - self.space.vocabulary

    def __len__(self) -> int:
        return len(self._items)

    def _measure(self, text: str) -> Measured:
        vector = self.embedder.query(text) if self.embedder is not None else None
        matrix, passages = self.space.matrix(text, vector)
        words = tokens(expand(text))
        known = sum(w in self.space.vocabulary for w in words) / max(len(words), 1)
        return Measured(matrix, passages, known, language_of(text) == "en")

    def measure(self, query: str) -> Measured | None:
        """The question, typos put right, measured against the catalogue; None when it says nothing
        the catalogue or the background topics know."""
        text = self._spelling.correct(normalise(query))
        if not text or not self._items or not self.knows_words(text):
            return None
        return self._measure(text)

    def knows_words(self, query: str) -> bool:
        """Whether any word of the query is one the catalogue or the background topics use."""
        words = set(tokens(expand(query)))
        return bool(words & self.space.vocabulary) or any(words & t for t in self._topic_words)

    def names_out_of_scope_topic(self, query: str) -> bool:
        """Whether a word of the query belongs only to something this center does not do (护照 …)."""
        return not set(tokens(expand(query))).isdisjoint(self._outside_words)

    def search(self, query: str, k: int = 5) -> SearchResult:
        """The k best items for `query`, and whether the question is out of scope."""
        query = query.strip()
        if not query or not self._items:
            return SearchResult(query, [], out_of_scope=True)
        measured = self.measure(query)
        if measured is None:
            return SearchResult(query, [], out_of_scope=True, unknown_words=True)
        return self.decide(query, measured, k)

    def decide(self, query: str, measured: Measured, k: int = 5) -> SearchResult:
        """The k best items and the out-of-scope decision for a measured question."""
        real = len(self._items)
        scores = self.ranker.scores(measured)
        order = np.argsort(-scores[:real], kind="stable")[: max(k, 1)]
        hits = [
            Hit(
                self._items[n].id,
                self._items[n].name,
                round(float(scores[n]), 4),
                self.space.passage_scenario[self.space.best_passage(int(n), measured.passages)],
                float(measured.matrix[n, 0]),
            )
            for n in order
        ]
        features = self.ranker.query_features(measured, scores, real, self.standing)
        out_of_scope = self.ranker.is_out_of_scope(features)
        return SearchResult(query, hits, out_of_scope, frozenset(spoken_actions(query)))

    def close_alternatives(self, result: SearchResult) -> list[Hit]:
        """The hits too close to the top one to choose between without asking (at most three):
        those within the ranker's margin; for a question of a word or two ("营业执照"), those as near
        by their names alone; and, when the question says no action, the top item's near-twins not
        far behind ("食品经营许可要多少钱": 新办, 变更 or 延续?)."""
        if result.out_of_scope or not result.hits:
            return []
        top, rows = result.hits[0], {item.id: n for n, item in enumerate(self._items)}
        twins = set(self.space.siblings[rows[top.item_id]]) if not result.actions else set()
        terse = len(content_words(result.query)) <= TERSE_WORDS
        margin = self.ranker.ambiguity
        close = [
            hit
            for hit in result.hits
            if top.score - hit.score <= margin
            or (terse and hit.closeness >= top.closeness - SAME_CLOSENESS)
            or (rows[hit.item_id] in twins and top.score - hit.score <= TWIN_MARGINS * margin)
        ]
        return close[:3] if len(close) > 1 else []
