"""What a material's `check` rules find in a document's text: ID numbers, credit codes, phones, dates.

Pure functions over text; OCR noise is expected (spaces inside numbers, full-width digits, 〇 for 0).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

# OCR and typists put spaces, dots and dashes inside long numbers: "1101 0119 9003 0712 34".
_LOOSE_ID = re.compile(r"(?<![0-9A-Za-z])(?:[0-9][\s\-.]?){17}[0-9Xx](?![0-9A-Za-z])")
_LOOSE_USCC = re.compile(
    r"(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUWXY](?:[\s\-]?[0-9A-HJ-NP-RTUWXY]){17}(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9](?:[\s\-]?[0-9]){8}(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])0[1-9][0-9]{1,2}[\s\-]?[0-9]{7,8}(?![0-9])")
_DATE = re.compile(
    r"(?P<y>(?:19|20)[0-9]{2})\s*(?:年|[\-./])\s*(?P<m>[01]?[0-9])\s*(?:月|[\-./])\s*(?P<d>[0-3]?[0-9])\s*日?"
)
# Letters and certificates date themselves in Chinese numerals: 二〇二六年十一月二十日 (clean()
# has made 〇 a 0 by then; OCR reads it as O or ○ too).
_CN_DIGIT = "0〇○OoΟ零一二三四五六七八九"
_CN_DATE = re.compile(
    rf"(?P<y>[{_CN_DIGIT}]{{4}})\s*年\s*(?P<m>[一二三四五六七八九十]{{1,3}})\s*月\s*(?P<d>[一二三四五六七八九十]{{1,3}})\s*日"
)
_VALID_UNTIL = re.compile(
    r"(?:有效期(?:限|至|到)?|有效日期|截止日期|valid\s+(?:until|through|to)|expiry\s+date|expires?)\s*[:：]?\s*",
    re.IGNORECASE,
)
_RANGE_SEPARATOR = re.compile(r"^\s*(?:[\-—–~～至到]|to)\s*", re.IGNORECASE)
_LONG_TERM = re.compile(r"^\s*(?:长期|long[\s\-]?term|permanent)", re.IGNORECASE)


def clean(text: str) -> str:
    """Full-width characters to half-width, and OCR's 〇 read as the digit it is."""
    return unicodedata.normalize("NFKC", text).replace("〇", "0")


@dataclass(frozen=True)
class Found:
    """A value found in a text and whether it is valid; `reason` says why not."""

    value: str
    valid: bool
    reason: str = ""


def _reason(error: Exception) -> str:
    if isinstance(error, stdnum_errors.InvalidChecksum):
        return "checksum"
    if isinstance(error, stdnum_errors.InvalidLength):
        return "length"
    if isinstance(error, stdnum_errors.InvalidFormat):
        return "format"
    return "component"


def _id_reason(value: str, error: Exception) -> str:
    """Why an ID number fails; "region" when only its region code is unknown to python-stdnum,
    whose table misses districts created since it was compiled (松北区 230109, say)."""
    if not isinstance(error, stdnum_errors.InvalidComponent):
        return _reason(error)
    try:
        ric.get_birth_date(value)
    except stdnum_errors.ValidationError:
        return "birth_date"
    return "region" if ric.calc_check_digit(value) == value[-1] else "checksum"


def id_numbers(text: str) -> list[Found]:
    """18-digit resident ID numbers (checksum, birth date and region checked by python-stdnum)."""
    found = []
    for match in _LOOSE_ID.finditer(clean(text)):
        value = re.sub(r"[\s\-.]", "", match.group()).upper()
        try:
            ric.validate(value)
            found.append(Found(value, True))
        except stdnum_errors.ValidationError as error:
            found.append(Found(value, False, _id_reason(value, error)))
    return _unique(found)


def credit_codes(text: str) -> list[Found]:
    """Unified social credit codes (GB 32100, check character verified by python-stdnum)."""
    found = []
    for match in _LOOSE_USCC.finditer(clean(text).upper()):
        value = re.sub(r"[\s\-]", "", match.group())
        if value.isdigit():  # eighteen digits are an ID number, not a credit code
            continue
        try:
            uscc.validate(value)
            found.append(Found(value, True))
        except stdnum_errors.ValidationError as error:
            found.append(Found(value, False, _reason(error)))
    return _unique(found)


def phones(text: str) -> list[Found]:
    """Mainland mobile numbers and landlines with an area code."""
    text = clean(text)
    values = [re.sub(r"[\s\-]", "", m.group()) for m in (*_MOBILE.finditer(text), *_LANDLINE.finditer(text))]
    return _unique([Found(v, True) for v in values])


def _unique(found: list[Found]) -> list[Found]:
    return list({f.value: f for f in found}.values())


def dates(text: str) -> list[tuple[dt.date, str]]:
    """Every calendar date written in the text (2026年3月5日, 2026-03-05, 2026.3.5, 二〇二六年三月五日), as written."""
    return [(date, written) for date, written, _, _ in _dates_in(clean(text))]


def _dates_in(line: str) -> list[tuple[dt.date, str, int, int]]:
    """(date, as written, start, end) of every date in a cleaned text."""
    found = []
    for pattern, number in ((_DATE, int), (_CN_DATE, _chinese_number)):
        for match in pattern.finditer(line):
            try:
                date = dt.date(number(match["y"]), number(match["m"]), number(match["d"]))
            except ValueError:
                continue
            found.append((date, match.group().strip(), match.start(), match.end()))
    return sorted(found, key=lambda f: f[2])


def _chinese_number(text: str) -> int:
    """二〇二六 → 2026 (digit by digit); 十一 → 11, 二十 → 20, 三十一 → 31."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {c: 0 for c in "0〇○OoΟ"}
    if "十" not in text:
        if any(c not in digits for c in text):
            raise ValueError(text)
        return int("".join(str(digits[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


@dataclass(frozen=True)
class Validity:
    """A validity period's end; `None` for 长期 (no end)."""

    until: dt.date | None
    text: str


def validity(text: str) -> Validity | None:
    """The validity end the text states (有效期至 …, 有效期限 A-B, 长期), or None when it states none."""
    text = clean(text)
    for label in _VALID_UNTIL.finditer(text):
        rest = text[label.end() : label.end() + 60]
        first = _DATE.match(rest)
        if first is None and _LONG_TERM.match(rest):
            return Validity(None, text[label.start() : label.end() + 4])
        if first is None:
            continue
        after = rest[first.end() :]
        separator = _RANGE_SEPARATOR.match(after)
        if separator:  # "2016.05.01-2036.05.01": the second date is the end
            second = _DATE.match(after[separator.end() :])
            if second is not None:
                return _validity(
                    second, text[label.start() : label.end() + first.end() + separator.end() + second.end()]
                )
            if _LONG_TERM.match(after[separator.end() :]):
                return Validity(None, text[label.start() : label.end() + first.end() + separator.end() + 2])
        return _validity(first, text[label.start() : label.end() + first.end()])
    return _period(text)


# A period written without its label (OCR read 有效期限 on another line, or lost it): A-B, A至B, A-长期.
_PERIOD = re.compile(
    _DATE.pattern
    + r"\s*(?:[\-—–~～至到]|to)\s*(?:(?P<end>"
    + _DATE.pattern.replace("?P<", "?P<e")
    + r")|(?P<long>长期))"
)


def _period(text: str) -> Validity | None:
    """The end of the last validity period written as a range of dates (or a date to 长期)."""
    for match in reversed(list(_PERIOD.finditer(text))):
        if match["long"]:
            return Validity(None, match.group().strip())
        try:
            start = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            end = dt.date(int(match["ey"]), int(match["em"]), int(match["ed"]))
        except ValueError:
            continue
        if end > start:
            return Validity(end, match.group().strip())
    return None


def _validity(match: re.Match[str], evidence: str) -> Validity | None:
    try:
        return Validity(dt.date(int(match["y"]), int(match["m"]), int(match["d"])), evidence.strip())
    except ValueError:
        return None


def issue_date(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The document's own date, as written: the latest date in it that is written as a dateline
    (alone, after a label such as 日期：, or after the issuer's name at the foot), not in the future
    and not a validity end. Dates inside sentences (自2024年3月1日起, 出生于…) are not its date."""
    stated = validity(text)
    ends = {stated.until} if stated and stated.until else set()
    candidates = []
    for line in clean(text).splitlines():
        for date, written, start, end in _dates_in(line):
            if date <= today and date not in ends and _dateline(line[:start], line[end:]):
                candidates.append((date, written))
    return max(candidates, default=None)


# What comes before a date that is some other event's: 出生, 成立, 自…起, 于…, 租赁期限 …
_OTHER_EVENT = re.compile(
    r"(出生|成立|注册|有效|起始|开始|终止|截止|入学|毕业|入职|参保|领证|工作|租赁|期限|自|从|于|至|到|起|在)"
    r"\s*(日期|时间)?\s*[:：]?\s*$"
)
_RANGE_AFTER = re.compile(r"^\s*(起|至|到|止|前|后|以|内|[\-—–~～]\s*\d)")
_LABEL_BEFORE = re.compile(r"(日期|时间|[:：。！!)）]|盖章|公章|签章|签名|签字)\s*$")
_SENTENCE = re.compile(r"[，,；;、]")
# Beyond this many characters before it on its line, a date is inside running text.
_MAX_FOOT = 25


def _dateline(before: str, after: str) -> bool:
    """Whether a date with this text around it on its line is the document's date."""
    before = before.strip()
    if _RANGE_AFTER.match(after) or _OTHER_EVENT.search(before):
        return False
    if not before or _LABEL_BEFORE.search(before):
        return True
    return not _SENTENCE.search(before) and len(before) <= _MAX_FOOT
