"""The weights of search, and how they are learned.

Three small linear models over the measures of `knowledge.features`:
- the *ranking*: a score per item, learned from pairs (the right item against each of the others
  near it) of labelled questions;
- *coverage*: whether a catalogue answers a text confidently, which decides which background
  topics stand for this catalogue (a topic the catalogue covers never rejects a question);
- *out of scope*: from the best item's score, how far it is ahead of the topics left standing,
  and how much of the question the catalogue knows.
They are learned from halls' catalogues with questions labelled by people who never saw OneWindow's
answers on them (`onewindow eval fit`), and measured on a hall left out of the learning
(`onewindow eval retrieval --leave-one-out`). `knowledge/data/ranker.json` holds the weights.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from knowledge.features import FEATURES

MODEL = Path(__file__).parent / "data" / "ranker.json"
QUERY_FEATURES = (
    "top_score",
    "ahead_of_topics",
    "margin",
    "z_identity",
    "query_coverage",
    "object_coverage",
    "known_words",
    "english",  # English questions on a Chinese catalogue share fewer words with it
)
COVERAGE_FEATURES = tuple(f for f in QUERY_FEATURES if f != "ahead_of_topics")
NO_TOPIC_LEFT = 10.0  # how far ahead of the topics a question is when none stands for this catalogue
REJECTED_IN_SCOPE = 0.015  # the share of in-scope training questions the out-of-scope threshold may reject
COVERED_OUTSIDE = 0.02  # the share of out-of-scope training questions that would count as covered
MOST_ASKED_BACK = 0.2  # the share of questions that may be asked back as a choice of close items
PAIRS_PER_QUESTION = 15


@dataclass(frozen=True)
class Measured:
    """A question measured against a catalogue: its features, its best passages, its known words."""

    matrix: np.ndarray  # entries × FEATURES (items first, then background topics)
    passages: np.ndarray  # the score of every identity passage
    known: float  # the share of the question's words that the catalogue uses
    english: bool = False


@dataclass(frozen=True)
class Linear:
    weights: np.ndarray
    intercept: float = 0.0

    def logit(self, x: np.ndarray) -> np.ndarray:
        return x @ self.weights + self.intercept

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self.logit(x)))


@dataclass(frozen=True)
class Ranker:
    rank: Linear
    coverage: Linear
    out_of_scope: Linear
    threshold: float  # P(out of scope) above which a question is out of scope
    covered_above: float  # P(in scope) above which a catalogue covers a text
    ambiguity: float  # score gap within which items are too close to choose between
    trained_on: tuple[str, ...] = field(default=())

    def scores(self, measured: Measured) -> np.ndarray:
        return self.rank.logit(measured.matrix)

    def query_features(
        self, measured: Measured, scores: np.ndarray, real: int, topics: np.ndarray
    ) -> np.ndarray:
        """What the out-of-scope decision reads of a question; `topics` marks the topics standing."""
        items = scores[:real]
        order = np.argsort(-items)[:2]
        top, second = int(order[0]), int(order[-1])
        standing = scores[real:][topics] if topics.size else np.zeros(0)
        ahead = float(items[top] - standing.max()) if standing.size else NO_TOPIC_LEFT
        row = measured.matrix[top]
        z, coverage = row[FEATURES.index("z_identity")], row[FEATURES.index("query_coverage")]
        margin = float(items[top] - items[second]) if real > 1 else NO_TOPIC_LEFT
        named = row[FEATURES.index("object_coverage")]
        features = [items[top], ahead, margin, z, coverage, named, measured.known, float(measured.english)]
        return np.array(features, dtype=np.float32)

    def covers(self, query_features: np.ndarray) -> bool:
        """Whether the catalogue answers a text confidently (read without the topics)."""
        return bool(self.coverage.probability(_without_topics(query_features)) > self.covered_above)

    def is_out_of_scope(self, query_features: np.ndarray) -> bool:
        return bool(self.out_of_scope.probability(query_features) > self.threshold)

    @classmethod
    def load(cls, path: Path = MODEL) -> Ranker:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES or tuple(data["query_features"]) != QUERY_FEATURES:
            raise ValueError(f"{path} was learned on other features: run `onewindow eval fit` again")
        return cls(
            Linear(np.array(data["rank"], np.float32)),
            Linear(np.array(data["coverage"]["weights"], np.float32), data["coverage"]["intercept"]),
            Linear(np.array(data["out_of_scope"]["weights"], np.float32), data["out_of_scope"]["intercept"]),
            data["out_of_scope"]["threshold"],
            data["coverage"]["above"],
            data["ambiguity"],
            tuple(data.get("trained_on", ())),
        )

    def save(self, path: Path = MODEL) -> None:
        def rounded(values: np.ndarray) -> list[float]:
            return [round(float(v), 5) for v in values]

        data = {
            "features": FEATURES,
            "query_features": QUERY_FEATURES,
            "rank": rounded(self.rank.weights),
            "coverage": {
                "weights": rounded(self.coverage.weights),
                "intercept": round(self.coverage.intercept, 5),
                "above": round(self.covered_above, 5),
            },
            "out_of_scope": {
                "weights": rounded(self.out_of_scope.weights),
                "intercept": round(self.out_of_scope.intercept, 5),
                "threshold": round(self.threshold, 5),
            },
            "ambiguity": round(self.ambiguity, 5),
            "trained_on": list(self.trained_on),
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _without_topics(query_features: np.ndarray) -> np.ndarray:
    return np.delete(query_features, QUERY_FEATURES.index("ahead_of_topics"), axis=-1)


@dataclass(frozen=True)
class Labelled:
    """One hall's questions, measured, with the right item's row (None: out of scope), and its
    background topics measured as questions."""

    name: str
    real: int
    questions: list[Measured]
    answers: list[int | None]
    topics: list[Measured]


def _logistic(x: np.ndarray, y: np.ndarray, intercept: bool, balanced: bool = False) -> Linear:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(
        C=1.0, fit_intercept=intercept, class_weight="balanced" if balanced else None, max_iter=5000
    ).fit(x, y)
    return Linear(model.coef_[0].astype(np.float32), float(model.intercept_[0]) if intercept else 0.0)


def _rank(halls: list[Labelled]) -> Linear:
    """Pairs of the right item against the others the dense score puts near it."""
    rows, labels = [], []
    for hall in halls:
        for measured, answer in zip(hall.questions, hall.answers, strict=True):
            if answer is None:
                continue
            items = measured.matrix[: hall.real]
            for other in np.argsort(-items[:, 0])[:PAIRS_PER_QUESTION]:
                if other != answer:
                    rows += [items[answer] - items[other], items[other] - items[answer]]
                    labels += [1, 0]
    return _logistic(np.array(rows), np.array(labels), intercept=False)


def standing_topics(ranker: Ranker, hall: Labelled) -> np.ndarray:
    """The background topics that stand for this catalogue: those it does not cover."""
    none = np.zeros(0, dtype=bool)
    return np.array(
        [not ranker.covers(ranker.query_features(t, ranker.scores(t), hall.real, none)) for t in hall.topics],
        dtype=bool,
    )


def fit(halls: list[Labelled]) -> Ranker:
    """Learn the three models from labelled halls."""
    rank = _rank(halls)
    draft = Ranker(
        rank, Linear(np.zeros(len(COVERAGE_FEATURES))), Linear(np.zeros(len(QUERY_FEATURES))), 0.5, 0.5, 1.0
    )
    none = np.zeros(0, dtype=bool)
    rows = [
        (draft.query_features(m, draft.scores(m), h.real, none), a is None)
        for h in halls
        for m, a in zip(h.questions, h.answers, strict=True)
    ]
    plain, outside_plain = _without_topics(np.array([r for r, _ in rows])), np.array([o for _, o in rows])
    coverage = _logistic(plain, ~outside_plain, True, True)
    # Covered: as sure as almost no out-of-scope question ever makes the catalogue.
    covered_above = float(np.quantile(coverage.probability(plain[outside_plain]), 1 - COVERED_OUTSIDE))
    draft = Ranker(rank, coverage, draft.out_of_scope, 0.5, covered_above, 1.0)
    features, outside, gaps = [], [], []  # gaps: between the best and the runner-up item
    for hall in halls:
        standing = standing_topics(draft, hall)
        for measured, answer in zip(hall.questions, hall.answers, strict=True):
            scores = draft.scores(measured)
            features.append(draft.query_features(measured, scores, hall.real, standing))
            outside.append(answer is None)
            if answer is not None:
                gaps.append(_runner_up_gap(scores[: hall.real]))
    out_of_scope = _logistic(np.array(features), np.array(outside), True, True)
    probabilities = out_of_scope.probability(np.array(features))
    threshold = float(np.quantile(probabilities[~np.array(outside)], 1 - REJECTED_IN_SCOPE))
    names = tuple(h.name for h in halls)
    return Ranker(rank, coverage, out_of_scope, threshold, covered_above, _ambiguity(gaps), names)


def _runner_up_gap(items: np.ndarray) -> float:
    top = np.sort(items)[-2:]
    return float(top[-1] - top[0]) if len(top) == 2 else np.inf


def _ambiguity(gaps: list[float]) -> float:
    """The widest score gap that asks back at most MOST_ASKED_BACK of the questions: within it, a
    runner-up is offered beside the best item."""
    return float(np.quantile(np.array(gaps), MOST_ASKED_BACK)) if gaps else 1.0
