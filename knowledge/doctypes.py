"""Document types (`knowledge/data/document_types.yml`): which documents a catalogue material
accepts, told from its name (or its `check.document`), and what is printed on each of them."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

DOCUMENT_TYPES = Path(__file__).parent / "data" / "document_types.yml"

# A material's name lists alternatives ("房屋所有权证或不动产权证书") and describes who issues it
# ("用人单位出具的劳动关系证明"): the document is named by what follows the last 的 of each alternative.
_ALTERNATIVES = re.compile(r"或者|或|、|/|／|;|；|以及|及|和")
# "授权委托书及代理人身份证" joins two documents in one material: a page is only half of it.
_JOINED = re.compile(r"以及|及|和|并")
_PARENTHESES = re.compile(r"[（(]([^）)]*)[）)]")


@dataclass(frozen=True)
class DocumentType:
    id: str
    name: dict[str, str]  # {"zh": ..., "en": ...}
    called: tuple[str, ...]  # words in a material's name that mean this document
    titles: tuple[str, ...]  # titles printed on it
    title_endings: tuple[str, ...]  # a short line ending in one of these is its title
    evidence: tuple[str, ...]  # labels and set phrases printed on it
    sides: dict[str, tuple[str, ...]]  # two-sided cards: each side's evidence
    kind_of: str | None  # the more general type that accepts it
    fields: tuple[str, ...]
    generic: bool  # named by what kind of paper it is (证明, 申请表, 合同), not by what it is about


@functools.cache
def library() -> dict[str, DocumentType]:
    """Every known document type by id."""
    raw = yaml.safe_load(DOCUMENT_TYPES.read_text(encoding="utf-8"))
    return {
        type_id: DocumentType(
            id=type_id,
            name=entry["name"],
            called=tuple(entry.get("called", [])),
            titles=tuple(entry.get("titles", [])),
            title_endings=tuple(entry.get("title_endings", [])),
            evidence=tuple(entry.get("evidence", [])),
            sides={side: tuple(words) for side, words in entry.get("sides", {}).items()},
            kind_of=entry.get("kind_of"),
            fields=tuple(entry.get("fields", [])),
            generic=entry.get("generic", False),
        )
        for type_id, entry in raw.items()
    }


def _flat(text: str) -> str:
    """No spaces, and no quotation marks around titles (《公共租赁住房申请表》)."""
    return re.sub(r"[\s《》〈〉“”\"'「」]+", "", unicodedata.normalize("NFKC", text))


def name_parts(name: str) -> list[str]:
    """The documents a material's name names: each alternative, from its last 的 on, and any
    alternative in parentheses ("申请人身份证明（居民身份证）" → 申请人身份证明, 居民身份证)."""
    name = unicodedata.normalize("NFKC", name)
    inner = _PARENTHESES.findall(name)
    outer = _PARENTHESES.sub("", name)
    parts = []
    for piece in [outer, *inner]:
        for alternative in _ALTERNATIVES.split(piece):
            head = _flat(alternative).rsplit("的", 1)[-1]
            if head:
                parts.append(head)
    return parts


def _called_in(text: str) -> set[str]:
    """The types `text` calls by name: the name that ends last (the noun, after its modifiers),
    the longest winning where names overlap (出生医学证明 is a birth certificate, not a 证明)."""
    found = []
    for document in library().values():
        for word in document.called:
            start = text.find(word)
            while start >= 0:
                # 居住证明 is a 证明 letter, not a 居住证: 证 followed by 明 is another word
                if not (word.endswith("证") and text[start + len(word) : start + len(word) + 1] == "明"):
                    found.append((start, start + len(word), document.id))
                start = text.find(word, start + 1)
    kept = [
        (start, end, type_id)
        for start, end, type_id in found
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in found)
    ]
    # The document is named last: 委托代理人身份证明 is an ID card, whoever it belongs to; but a
    # generic last word keeps what comes before it (体格检查合格证明 is a medical report and a 证明).
    last = max((end for _, end, _ in kept), default=0)
    named = {type_id for _, end, type_id in kept if end == last}
    if all(library()[type_id].generic for type_id in named):
        return {type_id for _, _, type_id in kept}
    return named


def types_for(name: str, declared: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
    """The document types a material accepts: those declared in its check, else those its name
    calls it (the named parts first, the whole name when they call nothing), with their kinds."""
    chosen: set[str] = set(declared)
    if not chosen:
        for part in name_parts(name):
            chosen |= _called_in(part)
        if not chosen:
            chosen = _called_in(_flat(name))
    kinds = {t.id for t in library().values() if t.kind_of in chosen}
    return frozenset(chosen | kinds)


def joined(name: str) -> int:
    """How many documents a material's name joins with 及/和 (1 for a single document or alternatives)."""
    pieces = _JOINED.split(_PARENTHESES.sub("", unicodedata.normalize("NFKC", name)))
    return max(1, sum(1 for piece in pieces if _called_in(_flat(piece).rsplit("的", 1)[-1])))
