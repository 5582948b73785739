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
    """Every calendar date written in the text (2026年3月5日, 2026-03-05, 2026.3.5), as written."""
    found = []
    for match in _DATE.finditer(clean(text)):
        try:
            found.append((dt.date(int(match["y"]), int(match["m"]), int(match["d"])), match.group().strip()))
        except ValueError:
            continue
    return found


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
    return None


def _validity(match: re.Match[str], evidence: str) -> Validity | None:
    try:
        return Validity(dt.date(int(match["y"]), int(match["m"]), int(match["d"])), evidence.strip())
    except ValueError:
        return None


def issue_date(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The document's own date, as written: the latest date in it that is not in the future and
    not a validity end."""
    stated = validity(text)
    ends = {stated.until} if stated and stated.until else set()
    candidates = [(d, written) for d, written in dates(text) if d <= today and d not in ends]
    return max(candidates, default=None)
