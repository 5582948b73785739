"""How people say what catalogues say formally (`knowledge/data/lexicon.yml`).

Two kinds of general knowledge about administrative Chinese, none about one catalogue:
- the *action* a request is about (apply, change, renew, replace a damaged or a lost one, report
  lost, cancel, move in or out, look up, withdraw), which tells near-twin items apart
  (身份证 到期换领 / 损坏换领 / 遗失补领 / 挂失);
- everyday Chinese and English words for formal terms (户口本 → 户口簿, 过户 → 转移登记,
  ID card → 居民身份证), read both ways: a question gains the formal terms, and an item's name is
  also said in everyday words and in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from knowledge.text import normalise

LEXICON = Path(__file__).parent / "data" / "lexicon.yml"


@dataclass(frozen=True)
class Term:
    formal: str
    zh: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class Action:
    name: str
    formal: tuple[str, ...]
    spoken: re.Pattern[str]
    zh: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[Term, ...]
    actions: tuple[Action, ...]
    # Everyday Chinese words with the formal terms they stand for, and English words likewise
    # (with one pattern that finds them all, as whole words, also in the plural).
    chinese_terms: tuple[tuple[str, tuple[str, ...]], ...]
    english_terms: dict[str, tuple[str, ...]]
    english_words: re.Pattern[str]


@cache
def lexicon(path: Path = LEXICON) -> Lexicon:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    terms = tuple(
        Term(formal, tuple(v.get("zh") or ()), tuple(v.get("en") or ()))
        for formal, v in (data.get("terms") or {}).items()
    )
    actions = tuple(
        Action(
            name,
            tuple(v.get("formal") or ()),
            re.compile("|".join(v.get("spoken") or ["(?!)"])),
            tuple(v.get("zh") or ()),
            tuple(v.get("en") or ()),
        )
        for name, v in (data.get("actions") or {}).items()
    )
    spoken: dict[str, list[str]] = {}
    for term in terms:
        for word in (*term.zh, *term.en):
            spoken.setdefault(normalise(word), []).append(term.formal)
    chinese = tuple((w, tuple(f)) for w, f in spoken.items() if not w.isascii())
    english = {w: tuple(f) for w, f in spoken.items() if w.isascii()}
    alternatives = "|".join(re.escape(w) for w in sorted(english, key=len, reverse=True))
    pattern = re.compile(rf"(?<![a-z])({alternatives})(?:e?s)?(?![a-z])" if english else "(?!)")
    return Lexicon(terms, actions, chinese, english, pattern)


@lru_cache(maxsize=8192)
def formal_actions(name: str) -> frozenset[str]:
    """The actions an item's formal name is about (none for names that say no action)."""
    text = normalise(name)
    return frozenset(a.name for a in lexicon().actions if any(w in text for w in a.formal))


@lru_cache(maxsize=8192)
def spoken_actions(query: str) -> frozenset[str]:
    """The actions a question asks for, from everyday and formal wording."""
    text = normalise(query)
    return frozenset(a.name for a in lexicon().actions if a.spoken.search(text)) | formal_actions(text)


def without_actions(query: str) -> str:
    """The text with its action words removed, leaving what it is about."""
    text = normalise(query)
    for action in lexicon().actions:
        text = action.spoken.sub(" ", text)
        for word in action.formal:
            text = text.replace(word, " ")
    return text


def formal_terms(query: str) -> list[str]:
    """The formal terms that a question's everyday or English words stand for."""
    text, known = normalise(query), lexicon()
    found = [f for word, formals in known.chinese_terms if word in text for f in formals]
    found += [f for match in known.english_words.finditer(text) for f in known.english_terms[match.group(1)]]
    return list(dict.fromkeys(found))


@lru_cache(maxsize=8192)
def expand(query: str) -> str:
    """The question plus the formal terms and action words for what it says in everyday words."""
    text = normalise(query)
    actions = [" ".join(a.formal) for a in lexicon().actions if a.name in spoken_actions(text)]
    extra = formal_terms(text) + actions
    return " ".join([text, *extra]) if extra else text


def _english_words(name: str) -> list[str]:
    """The English words of a name's formal terms (longest terms first, not overlapping), in order."""
    text, parts = normalise(name), []
    for term in sorted(lexicon().terms, key=lambda t: -len(t.formal)):
        if term.en and term.formal in text:
            parts.append((text.index(term.formal), term.en[0]))
            text = text.replace(term.formal, "\0" * len(term.formal))
    return [word for _, word in sorted(parts)]


def everyday_names(name: str) -> list[str]:
    """An item's formal name said as people say it, in Chinese and in English (what the lexicon
    knows of it; nothing when it knows none of its words)."""
    text = normalise(name)
    out = []
    zh = text
    for term in sorted(lexicon().terms, key=lambda t: -len(t.formal)):
        if term.zh and term.formal in zh:
            zh = zh.replace(term.formal, term.zh[0])
    actions = [a for a in lexicon().actions if a.name in formal_actions(text)]
    spoken = " ".join(a.zh[0] for a in actions if a.zh)
    if zh != text or spoken:
        out.append(f"{zh} {spoken}".strip())
    english = _english_words(text)
    if english:
        verbs = " ".join(a.en[0] for a in actions if a.en)
        out.append(f"{verbs} {' '.join(english)}".strip())
    return out
