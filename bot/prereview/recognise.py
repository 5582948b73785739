"""Which pages of an upload are which material: each page is recognised as a document type by
what is printed on it (knowledge/data/document_types.yml), and a material takes the pages of the
types its name (or its `check.document`) accepts, whatever words its catalogue uses."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bot.prereview import rules
from bot.prereview.documents import Document, Page
from knowledge import doctypes
from knowledge.schema import Material
from knowledge.text import content_words, normalise

# A page needs this much evidence to count as a material; below it, it continues the material
# of the page before it (a second page of a contract), or is not recognised.
MATCH_THRESHOLD = 1.0
# Below this a material is taken, but staff confirm it.
SURE_SCORE = MATCH_THRESHOLD + 0.5
# The runner-up this close to the best makes the match uncertain: staff decide.
CONFIDENT_MARGIN = 0.25
# A title at the top of the page (within these lines) names the document.
TOP_LINES = 6
TITLE_WEIGHT = 1.5
TOP_ENDING_WEIGHT = 1.2
LOW_TITLE_WEIGHT = 0.5
EVIDENCE_WEIGHT = 0.25
MAX_EVIDENCE = 1.75
# The heading: the short lines among the first few, where title, subtitle and issuer stand.
HEADING_LINES = 4
HEADING_WEIGHT = 1.0
# A page whose best type beats every type a material accepts by this much is another document.
OTHER_DOCUMENT_MARGIN = 0.5
# What a page titled as another document of the material's type can still count for.
OTHER_TITLE_CAP = MATCH_THRESHOLD - 0.3
# A material's own words on the page: its whole name, or the document its name names.
FULL_NAME_WEIGHT = 1.5
NAMED_PART_WEIGHT = 1.2
WORDS_WEIGHT = 0.8
KEYWORD_WEIGHT = 1.0
FILE_NAME_WEIGHT = 0.3
# Form words a material's name adds to the document's own name (营业执照副本复印件).
_FORM_WORDS = re.compile(r"(复印件|原件|副本|正本|扫描件|影印件|照片|彩色|正反面|一份|两份|\d+份)$")
_MAX_TITLE_CHARS = 30
# What names a document ends in one of these (证明, 申请书, 户口簿, 执照 …); the other parts of a
# material's name are people and pages (申请人, 首页, 法定代表人).
_DOCUMENT_NOUN = re.compile(r"[证书表单照明同议簿本件卡图录告函据册度案]$")


def squeezed(text: str) -> str:
    """Text without spaces: OCR splits Chinese words with them."""
    return re.sub(r"\s+", "", normalise(rules.clean(text)))


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


@dataclass(frozen=True)
class PageReading:
    """What a page shows: the evidence for each document type, its title and the card sides."""

    text: str  # squeezed
    types: dict[str, float]
    titles: tuple[str, ...]  # squeezed short lines at the top that end like a title
    heading: str  # the short lines at the top, together: title, subtitle, issuer
    sides: frozenset[str]
    titled: frozenset[str]  # the types whose title heads the page

    def best_type(self, excluding: frozenset[str] = frozenset()) -> float:
        return max((s for t, s in self.types.items() if t not in excluding), default=0.0)


def read_page(page: Page) -> PageReading:
    """The evidence on one page for every document type."""
    lines = [squeezed(line) for line in page.text.splitlines()]
    lines = [line for line in lines if line]
    # numbered section headings (四、申请人声明, 第三条) are not the document's title
    top = [line for line in lines[:TOP_LINES] if not _NUMBERED.match(line)]
    text = "".join(lines)
    scores: dict[str, float] = {}
    titled: set[str] = set()
    sides: set[str] = set()
    library = doctypes.library()
    for document in library.values():
        title = _title_weight(document, top, text)
        if title >= TOP_ENDING_WEIGHT:
            titled.add(document.id)
        # a labour contract's page also reads as a contract (甲方, 乙方, 第一条 …)
        evidence = {*document.evidence, *(library[document.kind_of].evidence if document.kind_of else ())}
        found = sum(1 for word in evidence if squeezed(word) in text) + _valid_numbers(document, page.text)
        scores[document.id] = title + min(MAX_EVIDENCE, EVIDENCE_WEIGHT * found)
        for side, words in document.sides.items():
            if _shows_side(words, text, page.text):
                sides.add(f"{document.id}:{side}")
    if titled:  # a page titled as one document only mentions the others' words
        for type_id in scores:
            if type_id not in titled:
                scores[type_id] = min(scores[type_id], MAX_EVIDENCE) / 2
    titles = tuple(line for line in top if _short(line) and _ends_like_title(line))
    heading = "".join(line for line in top[:HEADING_LINES] if _short(line))
    return PageReading(text, scores, titles, heading, frozenset(sides), frozenset(titled))


_NUMBERED = re.compile(r"^([一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十百\d]+[条章节]|\d+[、.．])")
_FINDERS = {"id_number": rules.id_numbers, "uscc": rules.credit_codes}


def _shows_side(words: tuple[str, ...], text: str, raw: str) -> bool:
    """Whether a page shows a card's side: half its labels, or the number only that side carries
    (labels printed in pale ink are often lost in a photocopy)."""
    fields = [w[1:-1] for w in words if w.startswith("{")]
    if any(f.valid for field in fields for f in _FINDERS[field](raw)):
        return True
    labels = [w for w in words if not w.startswith("{")]
    return sum(1 for word in labels if word in text) >= max(2, len(labels) // 2)


def _valid_numbers(document: doctypes.DocumentType, text: str) -> int:
    """A valid number of the kind the document carries (an ID card's, a licence's credit code)
    counts as one more piece of evidence."""
    return sum(1 for field in document.fields if any(f.valid for f in _FINDERS[field](text)))


def _short(line: str) -> bool:
    """A line that could be a heading: short, and not a piece of a sentence."""
    return len(line) <= _MAX_TITLE_CHARS and not _SENTENCE_MARKS.search(line)


_SENTENCE_MARKS = re.compile(r"[，。；,;]")


def _title_weight(document: doctypes.DocumentType, top: list[str], text: str) -> float:
    short = [line for line in top if _short(line)]  # a title stands on a short line
    if any(squeezed(title) in line for title in document.titles for line in short):
        return TITLE_WEIGHT
    endings = [squeezed(e) for e in document.title_endings]
    if endings and any(line.endswith(tuple(endings)) for line in short):
        return TOP_ENDING_WEIGHT
    if any(squeezed(title) in text for title in document.titles):
        return LOW_TITLE_WEIGHT
    return 0.0


@functools.cache
def _all_endings() -> tuple[str, ...]:
    library = doctypes.library().values()
    return tuple({squeezed(e) for d in library for e in (*d.title_endings, *d.titles)})


def _ends_like_title(line: str) -> bool:
    return line.endswith(_all_endings())


@dataclass(frozen=True)
class Wanted:
    """A material as recognition sees it: the types it accepts and the words that name it."""

    material: Material
    types: frozenset[str]
    names: tuple[str, ...]  # squeezed full names
    parts: tuple[str, ...]  # squeezed named documents, form words dropped
    words: frozenset[str]
    keywords: tuple[str, ...]
    joined: int  # documents the material joins (授权委托书及代理人身份证: 2)

    @property
    def sided(self) -> bool:
        """A two-sided card: complete only with both sides."""
        library = doctypes.library()
        return bool(self.types) and all(library[t].sides for t in self.types)


def wanted(material: Material) -> Wanted:
    check = material.check
    name = material.name.zh or material.name.get("en")
    parts = tuple(dict.fromkeys(_FORM_WORDS.sub("", squeezed(part)) for part in doctypes.name_parts(name)))
    return Wanted(
        material=material,
        types=doctypes.types_for(name, check.document if check else ()),
        names=tuple(squeezed(n) for n in material.name.all()),
        parts=tuple(p for p in parts if len(p) >= 2 and _DOCUMENT_NOUN.search(p)),
        words=frozenset(w for n in material.name.all() for w in content_words(n) if len(w) > 1),
        keywords=tuple(squeezed(k) for k in (check.keywords if check else [])),
        joined=doctypes.joined(name),
    )


def score(want: Wanted, reading: PageReading, file_name: str) -> float:
    """Evidence that a page is this material: its document type, its heading and its own words,
    its keywords, and (weakly) the file name."""
    text = reading.text
    typed = max((reading.types.get(t, 0.0) for t in want.types), default=0.0)
    if want.types and reading.best_type(want.types) - typed > OTHER_DOCUMENT_MARGIN:
        typed = 0.0  # the page is plainly another kind of document
    heading = _heading_match(want, reading)
    if heading == 0.0 and _names_one_of_its_kind(want, reading):
        # titled as a different document of this type (收入证明 for 无犯罪记录证明): not this one
        typed = min(typed, OTHER_TITLE_CAP)
    typed /= want.joined**0.5
    if any(n and n in text for n in want.names):
        own = FULL_NAME_WEIGHT
    elif any(p in text for p in want.parts if not _bare(p)):
        own = NAMED_PART_WEIGHT
    elif want.words:
        own = WORDS_WEIGHT * sum(squeezed(w) in text for w in want.words) / len(want.words)
    else:
        own = 0.0
    total = typed + own / 2 + HEADING_WEIGHT * heading if want.types else own + HEADING_WEIGHT * heading
    total += KEYWORD_WEIGHT * sum(1 for k in want.keywords if k in text)
    hint = squeezed(file_name)
    if any(n and n in hint for n in (*want.names, *want.parts)) or any(k in hint for k in want.keywords):
        total += FILE_NAME_WEIGHT
    return total


def _names_one_of_its_kind(want: Wanted, reading: PageReading) -> bool:
    """Whether the material's name names one particular document of a kind the page is titled as
    (劳动关系证明 of the 证明 letters): then the page's title must say the same."""
    library = doctypes.library()
    endings = tuple(
        squeezed(e)
        for t in reading.titled & want.types
        for e in (*library[t].title_endings, *library[t].titles)
    )
    return bool(endings) and any(not _bare(p) and p.endswith(endings) for p in want.parts)


def _bare(part: str) -> bool:
    """A part that is only a document's generic title (证明, 合同): it names no particular one."""
    return not _bigrams(part)


@functools.cache
def _generic_bigrams() -> frozenset[str]:
    """Two-character pieces of generic title endings (证明, 合同, 申请表 …): they tell no document apart."""
    endings = {squeezed(e) for d in doctypes.library().values() for e in d.title_endings}
    return frozenset(e[i : i + 2] for e in endings for i in range(len(e) - 1))


def _bigrams(text: str) -> frozenset[str]:
    generic = _generic_bigrams()
    return frozenset(p for i in range(len(text) - 1) if (p := text[i : i + 2]) not in generic)


def _heading_match(want: Wanted, reading: PageReading) -> float:
    """How much of what the material's name names (its specific words) the page's heading says."""
    heading = _bigrams(reading.heading)
    shares = [len(b & heading) / len(b) for part in want.parts if (b := _bigrams(part))]
    return max(shares, default=0.0)


@dataclass
class _Run:
    material_id: str
    pages: list[Page]
    score: float
    runner_up: float


def _alike(a: Wanted, b: Wanted) -> bool:
    """Materials of the same documents (the applicant's and the agent's ID cards): told apart by
    which is still missing, which is no doubt about what the page is."""
    return a.types == b.types if a.types else a.names == b.names


def _rank(
    reading: PageReading, file_name: str, wants: list[Wanted], taken: set[str]
) -> tuple[float, str, float]:
    """The best material for a page, its score and the best score of a material unlike it."""
    scored = [(score(w, reading, file_name), w) for w in wants]
    if not scored:
        return 0.0, "", 0.0
    best = max(s for s, _ in scored)
    tied = [w for s, w in scored if best - s < 1e-9]
    sides = [side.split(":", 1)[1] for side in reading.sides]
    # A card's second side goes with its first: to the material still missing that side.
    open_ = [w for w in tied if all(f"{w.material.id}#{side}" not in taken for side in sides) and sides]
    chosen = next(iter(open_), None) or next((w for w in tied if w.material.id not in taken), tied[0])
    others = [s for s, w in scored if w is not chosen and not _alike(w, chosen)]
    return best, chosen.material.id, max(others, default=0.0)


def split_into_parts(
    document: Document, materials: list[Material], taken: set[str] | None = None, after: str | None = None
) -> tuple[dict[str, list[Part]], list[Page]]:
    """Each material's parts of the document, and the pages no material claimed.

    A page with enough evidence starts (or, for the same material, extends) a part; a page
    without continues the part before it, as the second page of a contract does, and a file's
    first pages continue `after`, the material the previous file ended with (page 2 of a form
    photographed on its own). `taken` are materials earlier files were taken for, and the card
    sides they got (it grows with this document's)."""
    taken = taken if taken is not None else set()
    wants = [wanted(m) for m in materials]
    by_id = {w.material.id: w for w in wants}
    before = by_id.get(after or "")
    unclaimed: list[Page] = []
    runs: list[_Run] = []
    for page in document.pages:
        reading = read_page(page)
        best, material_id, runner_up = _rank(reading, document.name, wants, taken)
        current = runs[-1] if runs else None
        if best >= MATCH_THRESHOLD and (
            current is None or (current.material_id != material_id and _opens(by_id[material_id], reading))
        ):
            runs.append(_Run(material_id, [page], best, runner_up))
        elif current is not None and (best >= MATCH_THRESHOLD or page.text.strip()):
            current.pages.append(page)
            if best >= MATCH_THRESHOLD and best > current.score:
                current.score, current.runner_up = best, runner_up
        elif before is not None and _continues(before, reading, document.name):
            runs.append(_Run(before.material.id, [page], 0.0, 0.0))
        else:
            unclaimed.append(page)
            continue
        claimed = runs[-1].material_id
        taken.add(claimed)
        taken.update(f"{claimed}#{side.split(':', 1)[1]}" for side in reading.sides)
    found: dict[str, list[Part]] = {}
    for run in runs:
        found.setdefault(run.material_id, []).append(
            Part(document, tuple(run.pages), run.score, run.runner_up)
        )
    return found, unclaimed


def _opens(want: Wanted, reading: PageReading) -> bool:
    """Whether a page opens a new document for this material, rather than going on with the one
    before it: it is headed with the material's title, or it is a side of the card it wants.
    (Page 2 of a form lists 统一社会信用代码, 法定代表人 … and is still the form.)"""
    if want.sided and any(side.split(":", 1)[0] in want.types for side in reading.sides):
        return True
    return bool(reading.titled & want.types) or _heading_match(want, reading) > 0


def _continues(before: Wanted, reading: PageReading, file_name: str) -> bool:
    """Whether a page no material claims goes on with the material before it: it is no other
    document, and it says something of that material's."""
    return reading.best_type() < MATCH_THRESHOLD and score(before, reading, file_name) > 0.05


def last_material(found: dict[str, list[Part]]) -> str | None:
    """The material a document's last part was taken for."""
    parts = [(part.pages[-1].number, material) for material, ps in found.items() for part in ps]
    return max(parts)[1] if parts else None


def card_sides(want: Wanted, parts: list[Part]) -> tuple[set[str], set[str]]:
    """(sides the material's card needs, sides its parts show), for two-sided cards."""
    library = doctypes.library()
    needed = {side for t in want.types for side in library[t].sides}
    shown = {
        side.split(":", 1)[1]
        for part in parts
        for page in part.pages
        for side in read_page(page).sides
        if side.split(":", 1)[0] in want.types
    }
    return needed, shown
