"""The check itself: which file (and pages) is which material, what each material's rules find, and
the verdict, every finding with its evidence (file, page, the text it found)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from bot.prereview import rules
from bot.prereview.documents import Document, FileProblem, Page, ReadLimits
from knowledge.schema import CheckField, Item, Lang, Material
from knowledge.text import content_words, normalise

# A page needs this much evidence to count as a material; below it, it continues the material
# of the page before it (a second page of a contract), or is not recognised.
MATCH_THRESHOLD = 1.0
# The runner-up this close to the best makes the match uncertain: staff decide.
CONFIDENT_MARGIN = 0.25
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


VERDICT_TITLE: dict[Verdict, dict[Lang, str]] = {
    Verdict.ready: {"zh": "✅ 预审通过：材料齐全", "en": "✅ Pre-review passed: everything is in order"},
    Verdict.incomplete: {"zh": "❌ 材料还不齐全或有问题", "en": "❌ Something is missing or wrong"},
    Verdict.needs_staff: {"zh": "⚠️ 部分材料需要工作人员确认", "en": "⚠️ Staff need to confirm some materials"},
}


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


_T: dict[str, dict[Lang, str]] = {
    "missing": {"zh": "未上传", "en": "not uploaded"},
    "deferrable": {"zh": "容缺材料，可在受理后补交", "en": "may be handed in after acceptance (容缺)"},
    "keywords": {
        "zh": "文件中未找到“{words}”，可能不是这份材料",
        "en": "“{words}” not found: it may be the wrong document",
    },
    "uncertain": {
        "zh": "不能确定这份文件是“{name}”，请工作人员确认",
        "en": "not sure this file is the {name}; staff will check",
    },
    "id_none": {"zh": "未找到身份证号码", "en": "no ID number found"},
    "id_bad": {"zh": "身份证号码 {value} 无效（{why}）", "en": "ID number {value} is not valid ({why})"},
    "uscc_none": {"zh": "未找到统一社会信用代码", "en": "no unified social credit code found"},
    "uscc_bad": {
        "zh": "统一社会信用代码 {value} 无效（{why}）",
        "en": "credit code {value} is not valid ({why})",
    },
    "phone_none": {"zh": "未找到联系电话", "en": "no phone number found"},
    "no_date": {
        "zh": "未找到出具日期，无法确认是否在{days}天内",
        "en": "no date found to check it is under {days} days old",
    },
    "too_old": {
        "zh": "出具日期 {date} 已超过{days}天，请重新开具",
        "en": "dated {date}, more than {days} days ago: get a new one",
    },
    "no_validity": {
        "zh": "未找到有效期，请工作人员核对",
        "en": "no validity date found; staff will check it",
    },
    "expired": {"zh": "已于 {date} 过期", "en": "expired on {date}"},
    "pages": {"zh": "只有{found}页，至少需要{need}页", "en": "{found} page(s); at least {need} needed"},
    "blurry": {"zh": "（识别不清，请工作人员核对）", "en": " (hard to read; staff will check)"},
    "id_mismatch": {
        "zh": "其中的身份证号码与身份证材料上的不一致：{value}",
        "en": "its ID number does not match the ID card's: {value}",
    },
    "uscc_mismatch": {
        "zh": "统一社会信用代码与其他材料不一致：{value}",
        "en": "its credit code differs from the other materials': {value}",
    },
}
_WHY: dict[str, dict[Lang, str]] = {
    "checksum": {"zh": "校验位不对", "en": "wrong check digit"},
    "length": {"zh": "位数不对", "en": "wrong length"},
    "format": {"zh": "格式不对", "en": "wrong format"},
    "component": {"zh": "含不存在的编码", "en": "contains a code that does not exist"},
    "birth_date": {"zh": "出生日期不存在", "en": "no such birth date"},
    "region": {
        "zh": "地区码未能核实，请工作人员核对",
        "en": "its region code could not be verified; staff will check",
    },
}
FILE_PROBLEMS: dict[FileProblem, dict[Lang, str]] = {
    FileProblem.encrypted: {
        "zh": "文件有密码保护，请去掉密码后重新上传",
        "en": "the file is password-protected: remove the password and upload it again",
    },
    FileProblem.corrupt: {
        "zh": "文件已损坏，无法打开，请重新导出或扫描后上传",
        "en": "the file is damaged and can't be opened: export or scan it again",
    },
    FileProblem.unsupported_type: {
        "zh": "不支持的文件类型，请上传 PDF、JPG 或 PNG",
        "en": "unsupported file type: upload a PDF, JPG or PNG",
    },
    FileProblem.too_large: {
        "zh": "文件太大（每个文件不超过 {mb} MB），请压缩或分开上传",
        "en": "the file is too large (at most {mb} MB each): compress or split it",
    },
    FileProblem.too_many_pages: {
        "zh": "页数太多（不超过 {pages} 页），请分开上传",
        "en": "too many pages (at most {pages}): split it into several files",
    },
    FileProblem.too_complex: {
        "zh": "文件过于复杂，无法在限定时间内读取，请重新导出为普通 PDF 或图片",
        "en": "the file is too complex to read in time: export it again as a plain PDF or image",
    },
    FileProblem.unreadable: {
        "zh": "没能识别出文字（空白或太模糊），请拍清楚后重新上传",
        "en": "no text could be read (blank or too blurry): take a sharper photo and upload again",
    },
}


@dataclass(frozen=True)
class Part:
    """Consecutive pages of one file taken for one material."""

    document: Document
    pages: tuple[Page, ...]
    score: float
    runner_up: float

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    @property
    def ocr_confidence(self) -> float:
        ocr = [p.confidence for p in self.pages if p.ocr]
        return min(ocr) if ocr else 1.0

    @property
    def confident(self) -> bool:
        return self.score - self.runner_up >= CONFIDENT_MARGIN * self.score


def _squeezed(text: str) -> str:
    """Text without spaces: OCR splits Chinese words with them."""
    return re.sub(r"\s+", "", normalise(rules.clean(text)))


def _page_score(material: Material, page_text: str, file_name: str) -> float:
    """Evidence that a page is this material: its keywords, its name, the file name (weakly)."""
    text = _squeezed(page_text)
    check = material.check
    score = sum(1.0 for k in (check.keywords if check else []) if _squeezed(k) in text)
    names = [_squeezed(n) for n in material.name.all()]
    if any(n and n in text for n in names):
        score += 1.5
    else:
        words = {w for n in material.name.all() for w in content_words(n) if len(w) > 1}
        if words:
            score += 0.8 * sum(_squeezed(w) in text for w in words) / len(words)
    hint = _squeezed(file_name)
    if any(n and n in hint for n in names) or any(
        _squeezed(k) in hint for k in (check.keywords if check else [])
    ):
        score += 0.3
    return score


@dataclass
class _Run:
    material_id: str
    pages: list[Page]
    score: float
    runner_up: float


def _rank(page: Page, file_name: str, materials: list[Material], taken: set[str]) -> tuple[float, str, float]:
    """The best material for a page, its score and the best score of a material unlike it.

    Materials checked alike (two ID cards) are told apart by which is still missing; that is
    no doubt about what the page is."""
    scored = [(_page_score(m, page.text, file_name), m) for m in materials]
    if not scored:
        return 0.0, "", 0.0
    best = max(score for score, _ in scored)
    tied = [m for score, m in scored if best - score < 1e-9]
    chosen = next((m for m in tied if m.id not in taken), tied[0])
    others = [
        score for score, m in scored if m is not chosen and (m.check is None or m.check != chosen.check)
    ]
    return best, chosen.id, max(others, default=0.0)


def split_into_parts(
    document: Document, materials: list[Material], taken: set[str] | None = None
) -> tuple[dict[str, list[Part]], list[Page]]:
    """Each material's parts of the document, and the pages no material claimed.

    A page with enough evidence starts (or, for the same material, extends) a part; a page
    without continues the part before it, as the second page of a contract does. `taken` are
    materials earlier files were taken for (it grows with this document's)."""
    taken = taken if taken is not None else set()
    unclaimed: list[Page] = []
    runs: list[_Run] = []
    for page in document.pages:
        best, material_id, runner_up = _rank(page, document.name, materials, taken)
        current = runs[-1] if runs else None
        if best >= MATCH_THRESHOLD and (current is None or current.material_id != material_id):
            runs.append(_Run(material_id, [page], best, runner_up))
            taken.add(material_id)
        elif current is not None and (best >= MATCH_THRESHOLD or page.text.strip()):
            current.pages.append(page)
            if best >= MATCH_THRESHOLD and best > current.score:
                current.score, current.runner_up = best, runner_up
        else:
            unclaimed.append(page)
    found: dict[str, list[Part]] = {}
    for run in runs:
        found.setdefault(run.material_id, []).append(
            Part(document, tuple(run.pages), run.score, run.runner_up)
        )
    return found, unclaimed


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
        text = _T[key][self.lang].format(**values)
        if invalid and part is not None and part.ocr_confidence < TRUSTED_OCR:
            invalid = False
            text += _T["blurry"][self.lang]
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


def _check(material: Material, parts: list[Part], today: dt.date, lang: Lang) -> _Findings:
    findings = _Findings(lang)
    name = material.name.get(lang)
    best = max(parts, key=lambda p: p.score)
    text = "\n".join(p.text for p in parts)
    if not best.confident or best.score < MATCH_THRESHOLD + 0.5:
        findings.say("uncertain", best, invalid=False, name=name)
    check = material.check
    if check is None:
        findings.cite(best, "")
        return findings
    keywords = [k for k in check.keywords if _squeezed(k) in _squeezed(text)]
    if check.keywords and not keywords:
        findings.say("keywords", best, invalid=True, words="/".join(check.keywords))
    elif keywords:
        findings.cite(best, keywords[0])
    for field in check.fields:
        _check_field(field, parts, findings)
    if check.max_age_days:
        dated = [(d, part) for part in parts if (d := rules.issue_date(part.text, today))]
        if not dated:
            findings.say("no_date", best, invalid=False, days=check.max_age_days)
        else:
            (issued, written), part = max(dated, key=lambda d: d[0][0])
            if (today - issued).days > check.max_age_days:
                days = check.max_age_days
                findings.say("too_old", part, written, invalid=True, date=issued.isoformat(), days=days)
            else:
                findings.cite(part, written)
    if check.not_expired:
        stated = next((v for p in parts if (v := rules.validity(p.text))), None)
        if stated is None:
            findings.say("no_validity", best, invalid=False)
        elif stated.until is not None and stated.until < today:
            part = next(p for p in parts if rules.validity(p.text) == stated)
            findings.say("expired", part, stated.text, invalid=True, date=stated.until.isoformat())
        else:
            part = next(p for p in parts if rules.validity(p.text) == stated)
            findings.cite(part, stated.text)
    pages = sum(len(p.pages) for p in parts)
    if check.min_pages and pages < check.min_pages:
        findings.say("pages", best, invalid=True, found=pages, need=check.min_pages)
    return findings


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


def _check_field(field: CheckField, parts: list[Part], findings: _Findings) -> None:
    none_key, bad_key = _FIELD_MESSAGES[field]
    found = [(part, f) for part in parts for f in _FIELD_FINDERS[field](part.text)]
    good = [(part, f) for part, f in found if f.valid]
    if good:
        findings.cite(good[0][0], good[0][1].value)
        return
    if not found:
        findings.say(none_key, max(parts, key=lambda p: p.score), invalid=True)
        return
    part, bad = found[0]
    why = _WHY[bad.reason][findings.lang]
    # python-stdnum's region table lags behind new districts: an unknown region is for staff to judge.
    findings.say(bad_key, part, bad.value, invalid=bad.reason != "region", value=bad.value, why=why)


def _cross_check(
    materials: list[Material], parts: dict[str, list[Part]], findings: dict[str, _Findings]
) -> None:
    """The same applicant and company throughout: an ID number on a form that no ID card shows, or
    a credit code unlike the other materials', go to staff (cheap and certain checks only)."""

    def valid(material_id: str, finder: Any) -> set[str]:
        return {f.value for part in parts.get(material_id, []) for f in finder(part.text) if f.valid}

    present = [m for m in materials if m.id in parts]
    carded = {m.id for m in present if m.check and CheckField.id_number in m.check.fields}
    on_cards = set().union(*(valid(m, rules.id_numbers) for m in carded))
    for material in present:
        stated = valid(material.id, rules.id_numbers)
        if material.id not in carded and on_cards and stated and not stated & on_cards:
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
    for document in documents:
        files.append(_file_report(document, lang, limits))
        if document.problem is not None:
            continue
        found, _unclaimed = split_into_parts(document, materials, taken)
        if not found:
            unrecognised.append(document.name)
        for material_id, material_parts in found.items():
            parts.setdefault(material_id, []).extend(material_parts)
    findings = {m.id: _check(m, parts[m.id], today, lang) for m in materials if m.id in parts}
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
        problems = [_T["missing"][lang]] + ([_T["deferrable"][lang]] if material.deferrable else [])
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
