"""Halls to learn and measure search on: catalogues of different departments and places, each with
questions labelled by people who never saw OneWindow's answers on them (tests/data/halls/).

Leave one out: the weights are learned on all halls but one and measured on that one, for each in
turn, so that every row says how search does on a catalogue it was not tuned on. The same folds
measure a catalogue of about a thousand items: all the halls' items together with generated
near-twins (新办 / 变更 / 延续 / 注销 …), which is how county catalogues look.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.embeddings import Embedder
from knowledge.evaluation import Question, read_questions
from knowledge.lexicon import formal_actions, lexicon, without_actions
from knowledge.loader import load_catalogue
from knowledge.ranker import Labelled, Measured, Ranker, fit
from knowledge.schema import Catalogue, LocalText
from knowledge.search import SearchIndex
from knowledge.text import language_of

HALLS = Path(__file__).resolve().parent.parent / "tests" / "data" / "halls"
# The near-twins of an item as catalogues list them: the same object, another action. Only actions
# the item does not have: twins no question can tell apart (核发 beside 新办, 市级 beside 区级
# copies of one item) would measure nothing.
TWINS = {
    "new": "新办",
    "change": "变更",
    "expired": "延续",
    "cancel": "注销",
    "lost": "补证",
    "damaged": "换证",
    "report_lost": "挂失",
    "lookup": "查询",
}


@dataclass
class Hall:
    name: str
    catalogue: Catalogue
    questions: list[Question]


def load_halls(folder: Path = HALLS) -> list[Hall]:
    """Every sub-folder with a questions.jsonl and a catalogue (catalogue.yml or a catalogue folder)."""
    halls = []
    for path in sorted(p for p in folder.iterdir() if (p / "questions.jsonl").exists()):
        source = next(c for c in (path / "catalogue.yml", path / "catalogue") if c.exists())
        halls.append(Hall(path.name, load_catalogue(source), read_questions(path / "questions.jsonl")))
    if not halls:
        raise ValueError(f"no halls in {folder}: each needs a questions.jsonl beside its catalogue")
    return halls


@dataclass
class Measurements:
    """A hall's index and its questions measured once (None: no word the hall knows)."""

    hall: Hall
    index: SearchIndex
    measured: list[Measured | None]

    def labelled(self) -> Labelled:
        rows = {item.id: n for n, item in enumerate(self.index.catalogue.items)}
        kept = [(m, q) for m, q in zip(self.measured, self.hall.questions, strict=True) if m is not None]
        return Labelled(
            self.hall.name,
            len(rows),
            [m for m, _ in kept],
            [rows[q.item] if q.item else None for _, q in kept],
            self.index.topic_measures(),
        )


def measure_halls(
    halls: list[Hall], embedder: Embedder, say: Callable[[str], None] = lambda _: None
) -> list[Measurements]:
    done = []
    for hall in halls:
        say(f"measuring {hall.name}: {len(hall.catalogue.items)} items, {len(hall.questions)} questions")
        index = SearchIndex(hall.catalogue, embedder)
        done.append(Measurements(hall, index, [index.measure(q.q) for q in hall.questions]))
    return done


@dataclass(frozen=True)
class Row:
    name: str
    items: int
    in_scope: int
    out_of_scope: int
    top1: float
    top3: float
    caught: float  # out-of-scope questions called out of scope
    rejected: float  # in-scope questions called out of scope
    english_top1: float
    english: int

    def cells(self) -> list[str]:
        return [
            self.name,
            str(self.items),
            f"{self.in_scope} / {self.out_of_scope}",
            f"{self.top1:.3f}",
            f"{self.top3:.3f}",
            f"{self.caught:.3f}" if self.out_of_scope else "—",
            f"{self.rejected:.3f}",
            f"{self.english_top1:.3f} ({self.english})" if self.english else "—",
        ]


HEADER = [
    "hall",
    "items",
    "questions in / out",
    "top-1",
    "top-3",
    "out of scope caught",
    "in scope rejected",
    "English top-1",
]


def score(name: str, index: SearchIndex, questions: list[Question], measured: list[Measured | None]) -> Row:
    """Top-1 counts only when the question was not called out of scope."""
    top1 = top3 = caught = rejected = 0
    english: list[bool] = []
    inside = [q for q in questions if q.item]
    for question, measure in zip(questions, measured, strict=True):
        result = index.decide(question.q, measure, 3) if measure is not None else None
        outside = result is None or result.out_of_scope
        if question.item is None:
            caught += outside
            continue
        ranked = [] if result is None else [h.item_id for h in result.hits]
        rejected += outside
        first = not outside and ranked[:1] == [question.item]
        top1 += first
        top3 += not outside and question.item in ranked[:3]
        if language_of(question.q) == "en":
            english.append(first)
    n, m = max(len(inside), 1), max(len(questions) - len(inside), 1)
    return Row(
        name, len(index), len(inside), len(questions) - len(inside), top1 / n, top3 / n, caught / m,
        rejected / n, float(np.mean(english)) if english else 0.0, len(english),
    )  # fmt: skip


def leave_one_out(measurements: list[Measurements]) -> tuple[list[Row], dict[str, Ranker]]:
    """Each hall measured with weights learned on the others; the weights of each fold."""
    labelled = [m.labelled() for m in measurements]
    rows, rankers = [], {}
    for n, held in enumerate(measurements):
        ranker = fit([hall for k, hall in enumerate(labelled) if k != n])
        held.index.use(ranker)
        rows.append(score(held.hall.name, held.index, held.hall.questions, held.measured))
        rankers[held.hall.name] = ranker
    return rows, rankers


def fit_all(measurements: list[Measurements]) -> Ranker:
    return fit([m.labelled() for m in measurements])


def _twin_names(name: str, taken: set[str], family: set[str]) -> list[str]:
    """Near-twins of an item name: its action word changed for each action that no item of the
    same thing (`family`: their actions) has (a name that says none is about applying, and gets
    the others appended)."""
    own = formal_actions(name) or {"new"}
    words = sorted(
        {w for a in lexicon().actions if a.name in own for w in a.formal if w in name}, key=name.index
    )
    twins = []
    for action, word in TWINS.items():
        if action in own | family:
            continue
        if not words:
            twins.append(f"{name}{word}")
            continue
        twin = name.replace(words[0], word, 1)
        for other in words[1:]:
            twin = twin.replace(other, "")
        twins.append(re.sub(r"、(?=[）)])|(?<=[（(])、|[（(][）)]", "", twin))
    return [t for t in twins if t not in taken and t != name]


def _same_service(a: str, b: str) -> bool:
    """Two names close enough to be one service under two halls' wordings: the same thing (most of
    their words once the action is left out) and the same action."""
    first, second = _bigrams(without_actions(a)), _bigrams(without_actions(b))
    same_thing = len(first & second) / max(len(first | second), 1) >= 0.5
    return same_thing and (formal_actions(a) or {"new"}) == (formal_actions(b) or {"new"})


def _families(names: list[str]) -> list[set[str]]:
    """Per name, the actions that the names about the same thing have (one thing: most of the
    shorter one's words, the action left out, are in the longer one)."""
    things = [_bigrams(without_actions(n)) for n in names]
    group = list(range(len(names)))

    def root(n: int) -> int:
        while group[n] != n:
            group[n] = group[group[n]]
            n = group[n]
        return n

    for a, first in enumerate(things):
        for b in range(a + 1, len(things)):
            shared = len(first & things[b]) / max(min(len(first), len(things[b])), 1)
            if shared >= 0.8:
                group[root(a)] = root(b)
    actions: dict[int, set[str]] = {}
    for n, name in enumerate(names):
        actions.setdefault(root(n), set()).update(formal_actions(name) or {"new"})
    return [actions[root(n)] for n in range(len(names))]


def _bigrams(name: str) -> set[str]:
    name = re.sub(r"\W", "", name)
    return {name[i : i + 2] for i in range(len(name) - 1)}


def scaled(hall: Hall, others: list[Hall], size: int = 1000) -> Catalogue:
    """A hall's catalogue grown to `size` items as a county's looks: its own items, their near-twins,
    and the other halls' items (and their twins) that are not the same services as its own."""
    own = list(hall.catalogue.items)
    strangers = [
        item.model_copy(update={"id": f"{other.name}/{item.id}"})
        for other in others
        for item in other.catalogue.items
        if not any(_same_service(item.name.get("zh"), mine.name.get("zh")) for mine in own)
    ]
    items = own + strangers[: max(size - len(own), 0)]
    taken = {i.name.get("zh") for i in items}
    families = _families([i.name.get("zh") for i in items])
    twins = []
    for round_ in range(len(TWINS)):
        for n, item in enumerate(items):
            candidates = _twin_names(item.name.get("zh"), taken, families[n])
            if round_ < len(candidates) and len(items) + len(twins) < size:
                taken.add(candidates[round_])
                name = LocalText(zh=candidates[round_])
                twins.append(
                    item.model_copy(update={"id": f"twin-{len(twins)}", "name": name, "scenarios": []})
                )
    return hall.catalogue.model_copy(update={"items": items + twins})


def at_scale(
    measurements: list[Measurements], rankers: dict[str, Ranker], embedder: Embedder, size: int = 1000
) -> Row:
    """Each hall's in-scope questions on its catalogue grown to `size` items, ranked with the
    weights of the fold that left it out. (Out-of-scope questions are left out: the other halls'
    items may answer them.)"""
    right: list[tuple[bool, bool, bool, bool]] = []  # (top-1, top-3, rejected, English)
    sizes = []
    for m in measurements:
        others = [o.hall for o in measurements if o is not m]
        index = SearchIndex(scaled(m.hall, others, size), embedder, rankers[m.hall.name])
        sizes.append(len(index))
        for question in (q for q in m.hall.questions if q.item):
            measure = index.measure(question.q)
            result = index.decide(question.q, measure, 3) if measure is not None else None
            outside = result is None or result.out_of_scope
            ranked = [] if outside or result is None else [h.item_id for h in result.hits]
            english = language_of(question.q) == "en"
            right.append((ranked[:1] == [question.item], question.item in ranked, outside, english))
    table = np.array(right, dtype=bool)
    english = table[table[:, 3]]
    return Row(
        f"each hall grown to {min(sizes)}{'' if min(sizes) == max(sizes) else f'–{max(sizes)}'} items", max(sizes), len(table), 0,
        table[:, 0].mean(), table[:, 1].mean(),
        0.0, table[:, 2].mean(), english[:, 0].mean() if len(english) else 0.0, len(english),
    )  # fmt: skip
