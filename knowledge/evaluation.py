"""Retrieval evaluation: top-1, top-3, MRR and out-of-scope accuracy on labelled questions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.search import SearchIndex
from knowledge.text import language_of


@dataclass(frozen=True)
class Question:
    q: str
    item: str | None


@dataclass
class Miss:
    question: str
    expected: str | None
    got: list[str]
    out_of_scope: bool


@dataclass
class RetrievalReport:
    in_scope: int = 0
    out_of_scope: int = 0
    top1: float = 0.0
    top3: float = 0.0
    mrr: float = 0.0
    out_of_scope_accuracy: float = 0.0
    false_out_of_scope: float = 0.0
    by_language: dict[str, float] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str]]:
        rows = [
            ("questions in scope", str(self.in_scope)),
            ("questions out of scope", str(self.out_of_scope)),
            ("top-1", f"{self.top1:.3f}"),
            ("top-3", f"{self.top3:.3f}"),
            ("MRR", f"{self.mrr:.3f}"),
            ("out-of-scope accuracy", f"{self.out_of_scope_accuracy:.3f}"),
            ("in scope wrongly called out of scope", f"{self.false_out_of_scope:.3f}"),
        ]
        rows += [(f"top-1 ({lang})", f"{value:.3f}") for lang, value in sorted(self.by_language.items())]
        return rows


def read_questions(path: Path) -> list[Question]:
    """Questions from JSON lines `{"q": ..., "item": id or null}`; blank lines are skipped."""
    questions = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            questions.append(Question(str(row["q"]), row.get("item")))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f'{path}:{number}: expected {{"q": ..., "item": ...}} ({exc})') from exc
    return questions


def evaluate(index: SearchIndex, questions: list[Question]) -> RetrievalReport:
    """Search every question; an in-scope question counts only if it was not called out of scope."""
    report = RetrievalReport()
    top1 = top3 = reciprocal = oos_right = false_oos = 0.0
    per_language: dict[str, list[int]] = {}
    unknown = [q.item for q in questions if q.item and index.catalogue.item(q.item) is None]
    if unknown:
        raise ValueError(f"questions name items the catalogue does not have: {sorted(set(unknown))}")
    for question in questions:
        result = index.search(question.q, k=10)
        ranked = [h.item_id for h in result.hits]
        if question.item is None:
            report.out_of_scope += 1
            oos_right += result.out_of_scope
            if not result.out_of_scope:
                report.misses.append(Miss(question.q, None, ranked[:3], False))
            continue
        report.in_scope += 1
        hit_rank = ranked.index(question.item) + 1 if question.item in ranked else 0
        if result.out_of_scope:
            false_oos += 1
            hit_rank = 0
        top1 += hit_rank == 1
        top3 += 0 < hit_rank <= 3
        reciprocal += 1 / hit_rank if hit_rank else 0
        per_language.setdefault(language_of(question.q), []).append(int(hit_rank == 1))
        if hit_rank != 1:
            report.misses.append(Miss(question.q, question.item, ranked[:3], result.out_of_scope))
    if report.in_scope:
        report.top1 = top1 / report.in_scope
        report.top3 = top3 / report.in_scope
        report.mrr = reciprocal / report.in_scope
        report.false_out_of_scope = false_oos / report.in_scope
    if report.out_of_scope:
        report.out_of_scope_accuracy = oos_right / report.out_of_scope
    report.by_language = {lang: sum(v) / len(v) for lang, v in per_language.items()}
    return report
