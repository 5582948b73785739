"""Homophone typos put right: 身份正 → 身份证, 社宝卡 → 社保卡, 失叶金 → 失业金.

People type Chinese by pinyin, so their typos are words that sound like the one meant. A span of a
question that is no word the catalogue or the lexicon knows, but sounds exactly like one of
three or more characters that it does know, is read as that word (pypinyin, tones ignored).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pypinyin import lazy_pinyin

_HAN_RUN = re.compile(r"[\u3400-\u9fff]{3,}")
_SPANS = (5, 4, 3)


@lru_cache(maxsize=16384)
def _char_sound(char: str) -> str:
    return lazy_pinyin(char)[0]


def _sound(text: str) -> str:
    """The pinyin of each character, tones left out (each character read alone, the same for the
    known words and the question's spans)."""
    return " ".join(_char_sound(c) for c in text)


class Spelling:
    def __init__(self, words: Iterable[str]):
        known = {w for w in words if _HAN_RUN.fullmatch(w) and len(w) <= max(_SPANS)}
        self._known = known
        by_sound: dict[str, set[str]] = {}
        for word in known:
            by_sound.setdefault(_sound(word), set()).add(word)
        # A sound shared by two known words is left alone: which one was meant is not clear.
        self._by_sound = {s: next(iter(w)) for s, w in by_sound.items() if len(w) == 1}
        self.correct = lru_cache(maxsize=4096)(self._correct)

    def _correct(self, text: str) -> str:
        """The text with every homophone typo of a known word replaced by that word."""
        return _HAN_RUN.sub(lambda run: self._run(run.group()), text)

    def _run(self, run: str) -> str:
        out, start = [], 0
        while start < len(run):
            for size in _SPANS:
                span = run[start : start + size]
                if (
                    len(span) == size
                    and span not in self._known
                    and (word := self._by_sound.get(_sound(span)))
                ):
                    out.append(word)
                    start += size
                    break
            else:
                out.append(run[start])
                start += 1
        return "".join(out)
