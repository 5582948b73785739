"""Pre-review measured on a labelled corpus: every material's status against its label, per
status, per document type and per case verdict. Used by the held-out tests and by
benchmarks/prereview_accuracy.py, which prints the tables."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("ok", "missing", "invalid", "needs_staff")


@dataclass
class Outcome:
    """What the corpus got: one row per material of every case."""

    rows: list[tuple[str, str, str, str, str]] = field(
        default_factory=list
    )  # case, material, type, want, got
    verdicts: list[tuple[str, str, str]] = field(default_factory=list)  # case, want, got
    problems: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @property
    def right(self) -> int:
        return sum(want == got for *_, want, got in self.rows)

    @property
    def false_ok(self) -> list[tuple[str, str, str, str, str]]:
        return [row for row in self.rows if row[4] == "ok" and row[3] != "ok"]

    def misses(self) -> list[str]:
        return [
            f"{case} · {material} ({kind}): {got}, expected {want} {self.problems.get((case, material), [])}"
            for case, material, kind, want, got in self.rows
            if want != got
        ]


def expected_verdict(expected: dict[str, str], materials: list[Any]) -> str:
    """The verdict the labels imply, by the rule pre-review states (missing required, not 容缺,
    or invalid: incomplete; any needing staff: needs_staff; else ready)."""
    by_id = {m.id: m for m in materials}
    for material_id, status in expected.items():
        material = by_id[material_id]
        if status == "invalid" or (status == "missing" and material.required and not material.deferrable):
            return "incomplete"
    return "needs_staff" if "needs_staff" in expected.values() else "ready"


def run(corpus: Any, reader: Any) -> Outcome:
    """Every case of `corpus` (a module with NOW, CATALOGUE and cases()) through pre-review."""
    from bot.prereview.review import review
    from knowledge.loader import load_catalogue

    catalogue = load_catalogue(corpus.CATALOGUE)
    now: dt.datetime = corpus.NOW
    outcome = Outcome()
    for case in corpus.cases():
        item = catalogue.item(case.item)
        if item is None:
            raise LookupError(f"{case.name}: no item {case.item} in {corpus.CATALOGUE}")
        documents = [reader.read(f.name, f.build()) for f in case.files]
        report = review(item, case.scenario, documents, now=now)
        got = {m.id: m for m in report.materials}
        if set(got) != set(case.expected):
            raise ValueError(f"{case.name}: labels for {sorted(case.expected)}, materials {sorted(got)}")
        kinds = getattr(case, "documents", {})
        for material_id, want in case.expected.items():
            status = got[material_id].status.value
            outcome.rows.append((case.name, material_id, kinds.get(material_id, "—"), want, status))
            outcome.problems[(case.name, material_id)] = got[material_id].problems
        materials = item.materials_for(case.scenario)
        outcome.verdicts.append((case.name, expected_verdict(case.expected, materials), report.verdict.value))
    return outcome


def tables(name: str, outcome: Outcome) -> str:
    """The corpus's tables in Markdown: materials per expected status, per document type, verdicts."""
    lines = [f"### {name}", ""]
    total = len(outcome.rows)
    lines += [
        "| materials right | false ok | cases with the right verdict |",
        "|---|---|---|",
        f"| {outcome.right}/{total} ({outcome.right / max(total, 1):.1%}) | {len(outcome.false_ok)} | "
        f"{sum(w == g for _, w, g in outcome.verdicts)}/{len(outcome.verdicts)} |",
        "",
        "| expected \\ got | " + " | ".join(STATUSES) + " |",
        "|---|" + "---|" * len(STATUSES),
    ]
    confusion = Counter((want, got) for *_, want, got in outcome.rows)
    for want in STATUSES:
        lines.append(f"| {want} | " + " | ".join(str(confusion[(want, got)]) for got in STATUSES) + " |")
    lines += ["", "| document type | materials | right | false ok |", "|---|---|---|---|"]
    per_type: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for _, _, kind, want, got in outcome.rows:
        per_type[kind].append((want, got))
    for kind, pairs in sorted(per_type.items(), key=lambda kv: -len(kv[1])):
        wrong_ok = sum(got == "ok" and want != "ok" for want, got in pairs)
        lines.append(f"| {kind} | {len(pairs)} | {sum(w == g for w, g in pairs)} | {wrong_ok} |")
    lines += ["", "| verdict expected | cases | right |", "|---|---|---|"]
    for verdict in ("ready", "incomplete", "needs_staff"):
        cases = [(w, g) for _, w, g in outcome.verdicts if w == verdict]
        lines.append(f"| {verdict} | {len(cases)} | {sum(w == g for w, g in cases)} |")
    return "\n".join(lines)
