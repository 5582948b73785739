"""The check itself: which file (and pages) is which material, what each material's rules find, and
the verdict, every finding with its evidence (file, page, the text it found)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from bot.prereview import rules
from bot.prereview.documents import Document, FileProblem, ReadLimits
from bot.prereview.recognise import (
    SURE_SCORE,
    Part,
    Wanted,
    card_sides,
    last_material,
    split_into_parts,
    squeezed,
    wanted,
)
from bot.prereview.wording import FILE_PROBLEMS, SIDES, TEXT, WHY
from knowledge.schema import CheckField, Item, Lang, Material

# OCR read this badly cannot prove a document wrong: staff look at it instead.
TRUSTED_OCR = 0.8
DEFAULT_LIMITS = ReadLimits()


class Status(StrEnum):
    ok = "ok"
    missing = "missing"
    invalid = "invalid"
    needs_staff = "needs_staff"


class Verdict(StrEnum):
    ready = "ready"
    incomplete = "incomplete"
    needs_staff = "needs_staff"


class Evidence(BaseModel):
    file: str
    page: int | None = None
    text: str


class MaterialReport(BaseModel):
    id: str
    name: str
    status: Status
    required: bool
    deferrable: bool
    files: list[str]
    pages: list[dict[str, Any]]  # {"file", "from", "to"}
    confidence: float | None
    problems: list[str]
    evidence: list[Evidence]


class FileReport(BaseModel):
    name: str
    sha256: str
    kind: str | None
    pages: int
    problem: str | None
    message: str | None


class Report(BaseModel):
    item: str
    item_name: str
    scenario: str | None
    verdict: Verdict
    lang: Lang
    materials: list[MaterialReport]
    unrecognised_files: list[str]
    files: list[FileReport]
    created_at: dt.datetime


def _snippet(text: str, needle: str, width: int = 24) -> str:
    """The words around `needle` in `text`, for evidence."""
    flat = re.sub(r"\s+", " ", rules.clean(text))
    at = flat.find(needle)
    if at < 0:
        return flat[: width * 2]
    return flat[max(0, at - width) : at + len(needle) + width].strip()


class _Findings:
    def __init__(self, lang: Lang):
        self.lang = lang
        self.problems: list[str] = []
        self.evidence: list[Evidence] = []
        self.invalid = False
        self.for_staff = False

    def say(self, key: str, part: Part | None, needle: str = "", *, invalid: bool, **values: Any) -> None:
        """A problem; an invalid finding from text read badly goes to staff instead."""
        text = TEXT[key][self.lang].format(**values)
        if invalid and part is not None and part.ocr_confidence < TRUSTED_OCR:
            invalid = False
            text += TEXT["blurry"][self.lang]
        self.problems.append(text)
        self.invalid |= invalid
        self.for_staff |= not invalid
        if part is not None:
            self.cite(part, needle)

    def cite(self, part: Part, needle: str) -> None:
        page = next((p for p in part.pages if needle and needle in rules.clean(p.text)), part.pages[0])
        self.evidence.append(
            Evidence(file=part.document.name, page=page.number, text=_snippet(page.text, needle))
        )


def _check(want: Wanted, parts: list[Part], today: dt.date, lang: Lang) -> _Findings:
    findings = _Findings(lang)
    material = want.material
    best = max(parts, key=lambda p: p.score)
    if not best.confident or best.score < SURE_SCORE:
        findings.say("uncertain", best, invalid=False, name=material.name.get(lang))
    if want.sided:
        _check_sides(want, parts, findings)
    check = material.check
    if check is None:
        findings.cite(best, "")
        return findings
    text = squeezed("\n".join(p.text for p in parts))
    keywords = [k for k in check.keywords if squeezed(k) in text]
    if check.keywords and not keywords:
        findings.say("keywords", best, invalid=True, words="/".join(check.keywords))
    elif keywords:
        findings.cite(best, keywords[0])
    for field in check.fields:
        _check_field(field, parts, findings)
    if check.max_age_days:
        _check_age(check.max_age_days, parts, today, findings)
    if check.not_expired:
        _check_validity(parts, today, findings)
    pages = sum(len(p.pages) for p in parts)
    if check.min_pages and pages < check.min_pages:
        findings.say("pages", best, invalid=True, found=pages, need=check.min_pages)
    if check.sealed:
        _check_seal(parts, findings)
    if check.signed:
        _check_signature(parts, findings)
    return findings


def _check_sides(want: Wanted, parts: list[Part], findings: _Findings) -> None:
    """A two-sided card needs both: the front gives the number, the back the validity."""
    needed, shown = card_sides(want, parts)
    missing = sorted(needed - shown)
    if shown and missing:
        lang = findings.lang
        card = want.material.name.get(lang)
        findings.say(
            "side_missing",
            parts[0],
            invalid=True,
            card=card,
            shown="、".join(SIDES[s][lang] for s in sorted(shown)),
            missing="、".join(SIDES[s][lang] for s in missing),
        )


def _check_age(days: int, parts: list[Part], today: dt.date, findings: _Findings) -> None:
    dated = [(d, part) for part in parts if (d := rules.issue_date(part.text, today))]
    if not dated:
        findings.say("no_date", max(parts, key=lambda p: p.score), invalid=False, days=days)
        return
    (issued, written), part = max(dated, key=lambda d: d[0][0])
    if (today - issued).days > days:
        findings.say("too_old", part, written, invalid=True, date=issued.isoformat(), days=days)
    else:
        findings.cite(part, written)


def _check_validity(parts: list[Part], today: dt.date, findings: _Findings) -> None:
    stated = next(((v, p) for p in parts if (v := rules.validity(p.text))), None)
    if stated is None:
        findings.say("no_validity", max(parts, key=lambda p: p.score), invalid=False)
    elif stated[0].until is not None and stated[0].until < today:
        findings.say("expired", stated[1], stated[0].text, invalid=True, date=stated[0].until.isoformat())
    else:
        findings.cite(stated[1], stated[0].text)


def _check_seal(parts: list[Part], findings: _Findings) -> None:
    """A red seal on some page; a grey copy cannot show one, so staff look."""
    seen = [page.seal for part in parts for page in part.pages]
    if True in seen:
        return
    part = parts[0]
    if None in seen:
        findings.say("seal_unseen", part, invalid=False)
    else:
        findings.say("no_seal", part, invalid=True)


def _check_signature(parts: list[Part], findings: _Findings) -> None:
    """A signed signature space on some page; an empty one is invalid, none found goes to staff."""
    signed = [page.signature for part in parts for page in part.pages]
    if True in signed:
        return
    if False in signed:
        findings.say("unsigned", parts[0], invalid=True)
    else:
        findings.say("no_signature_space", parts[0], invalid=False)


_FIELD_FINDERS = {
    CheckField.id_number: rules.id_numbers,
    CheckField.uscc: rules.credit_codes,
    CheckField.phone: rules.phones,
}
_FIELD_MESSAGES = {
    CheckField.id_number: ("id_none", "id_bad"),
    CheckField.uscc: ("uscc_none", "uscc_bad"),
    CheckField.phone: ("phone_none", ""),
}


_FIELD_LABELS = {
    CheckField.id_number: re.compile(r"身份证号|身份号码|身份证件号|证件号码|公民身份证"),
    CheckField.uscc: re.compile(r"统一社会信用代码|信用代码"),
    CheckField.phone: re.compile(r"电话|手机|联系方式"),
}


def _check_field(field: CheckField, parts: list[Part], findings: _Findings) -> None:
    none_key, bad_key = _FIELD_MESSAGES[field]
    found = [(part, f) for part in parts for f in _FIELD_FINDERS[field](part.text)]
    good = [(part, f) for part, f in found if f.valid]
    if good:
        findings.cite(good[0][0], good[0][1].value)
        return
    if not found:
        best = max(parts, key=lambda p: p.score)
        if _FIELD_LABELS[field].search(squeezed("\n".join(p.text for p in parts))):
            # the form has the field but its number was not read (written box by box, say)
            findings.say("field_unread", best, invalid=False, field=TEXT[none_key][findings.lang])
        else:
            findings.say(none_key, best, invalid=True)
        return
    part, bad = found[0]
    why = WHY[bad.reason][findings.lang]
    # python-stdnum's region table lags behind new districts: an unknown region is for staff to judge.
    findings.say(bad_key, part, bad.value, invalid=bad.reason != "region", value=bad.value, why=why)


# The applicant's own papers: the ID number on them is the applicant's.
_FORMS = frozenset({"application", "commitment_letter"})


def _cross_check(
    materials: list[Material], parts: dict[str, list[Part]], findings: dict[str, _Findings]
) -> None:
    """The same applicant and company throughout: an ID number on a form that no ID card shows, or
    a credit code unlike the other materials', go to staff (cheap and certain checks only).
    Contracts, letters and powers of attorney name other people too: only forms are compared."""

    def valid(material_id: str, finder: Any) -> set[str]:
        return {f.value for part in parts.get(material_id, []) for f in finder(part.text) if f.valid}

    present = [m for m in materials if m.id in parts]
    types = {m.id: wanted(m).types for m in present}
    carded = {m.id for m in present if "id_card" in types[m.id]}
    on_cards = set().union(*(valid(m, rules.id_numbers) for m in carded))
    for material in present:
        stated = valid(material.id, rules.id_numbers)
        form = bool(types[material.id] & _FORMS) and material.id not in carded
        if form and on_cards and stated and not stated & on_cards:
            value = min(stated)
            findings[material.id].say("id_mismatch", parts[material.id][0], value, invalid=False, value=value)
    codes = {m.id: code for m in present if len(code := valid(m.id, rules.credit_codes)) == 1}
    counts = Counter(next(iter(c)) for c in codes.values())
    if len(counts) > 1:
        usual = max(counts.values())
        for material_id, code in codes.items():
            value = next(iter(code))
            if counts[value] < usual or list(counts.values()).count(usual) > 1:
                findings[material_id].say(
                    "uscc_mismatch", parts[material_id][0], value, invalid=False, value=value
                )


def review(
    item: Item,
    scenario: str | None,
    documents: list[Document],
    *,
    now: dt.datetime,
    lang: Lang = "zh",
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Report:
    """The report for these documents against the item's materials (in `scenario`)."""
    today = now.date()
    materials = item.materials_for(scenario)
    parts: dict[str, list[Part]] = {}
    unrecognised: list[str] = []
    files: list[FileReport] = []
    taken: set[str] = set()
    last: str | None = None
    for document in documents:
        files.append(_file_report(document, lang, limits))
        if document.problem is not None:
            continue
        found, _unclaimed = split_into_parts(document, materials, taken, after=last)
        last = last_material(found) or last
        if not found:
            unrecognised.append(document.name)
        for material_id, material_parts in found.items():
            parts.setdefault(material_id, []).extend(material_parts)
    findings = {m.id: _check(wanted(m), parts[m.id], today, lang) for m in materials if m.id in parts}
    _cross_check(materials, parts, findings)
    reports = [_material_report(m, parts.get(m.id, []), findings.get(m.id), lang) for m in materials]
    return Report(
        item=item.id,
        item_name=item.name.get(lang),
        scenario=scenario,
        verdict=_verdict(reports),
        lang=lang,
        materials=reports,
        unrecognised_files=unrecognised,
        files=files,
        created_at=now,
    )


def file_problem(problem: FileProblem, lang: Lang, limits: ReadLimits) -> str:
    """What to do about a file that could not be read."""
    return FILE_PROBLEMS[problem][lang].format(mb=limits.max_file_bytes // 2**20, pages=limits.max_pages)


def _file_report(document: Document, lang: Lang, limits: ReadLimits) -> FileReport:
    message = None if document.problem is None else file_problem(document.problem, lang, limits)
    return FileReport(
        name=document.name,
        sha256=document.sha256,
        kind=document.kind,
        pages=len(document.pages),
        problem=document.problem,
        message=message,
    )


def _material_report(
    material: Material, parts: list[Part], findings: _Findings | None, lang: Lang
) -> MaterialReport:
    if findings is None:
        status = Status.missing
        problems = [TEXT["missing"][lang]] + ([TEXT["deferrable"][lang]] if material.deferrable else [])
        evidence: list[Evidence] = []
    else:
        status = (
            Status.invalid if findings.invalid else Status.needs_staff if findings.for_staff else Status.ok
        )
        problems, evidence = findings.problems, findings.evidence
    best = max(parts, key=lambda p: p.score, default=None)
    confidence = (
        None if best is None else round(min(1.0, (best.score - best.runner_up) / max(best.score, 1e-9)), 2)
    )
    return MaterialReport(
        id=material.id,
        name=material.name.get(lang),
        status=status,
        required=material.required,
        deferrable=material.deferrable,
        files=list(dict.fromkeys(p.document.name for p in parts)),
        pages=[{"file": p.document.name, "from": p.pages[0].number, "to": p.pages[-1].number} for p in parts],
        confidence=confidence,
        problems=problems,
        evidence=evidence,
    )


def _verdict(materials: list[MaterialReport]) -> Verdict:
    """Incomplete when a required material is missing (not 容缺) or any is wrong; staff when unsure."""
    blocking = [
        m
        for m in materials
        if m.status == Status.invalid or (m.status == Status.missing and m.required and not m.deferrable)
    ]
    if blocking:
        return Verdict.incomplete
    if any(m.status == Status.needs_staff for m in materials):
        return Verdict.needs_staff
    return Verdict.ready
