"""Text handling for search: normalisation, language guess and lexical tokens (jieba + n-grams)."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

import jieba

from knowledge.schema import Lang

jieba.setLogLevel(logging.WARNING)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[a-z0-9]+")

# Words that carry no meaning for finding a service item.
_ZH_STOP = set(
    [
        "的",
        "了",
        "吗",
        "呢",
        "吧",
        "啊",
        "呀",
        "么",
        "嘛",
        "我",
        "你",
        "他",
        "她",
        "们",
        "咱",
        "是",
        "在",
        "要",
        "想",
        "去",
        "来",
        "把",
        "被",
        "给",
        "和",
        "与",
        "及",
        "或",
        "个",
        "一",
        "这",
        "那",
        "哪",
        "什么",
        "怎么",
        "怎样",
        "如何",
        "哪里",
        "哪儿",
        "多少",
        "需要",
        "需",
        "请问",
        "请",
        "问",
        "一下",
        "下",
        "能",
        "能不能",
        "可以",
        "可不可以",
        "应该",
        "得",
        "该",
        "有",
        "没有",
        "没",
        "都",
        "也",
        "就",
        "还",
        "又",
        "再",
        "吗",
        "呗",
        "嗯",
        "哦",
        "好",
        "谢谢",
        "您好",
        "你好",
        "办",
        "办理",
        "手续",
        "流程",
        "材料",
        "资料",
        "带",
        "准备",
        "现在",
        "今天",
        "已经",
        "刚",
        "刚刚",
        "之前",
        "以后",
        "然后",
        "所以",
        "因为",
        "如果",
        "但是",
        "不过",
        "自己",
        "家里",
        "这个",
        "那个",
        "一个",
    ]
)
_EN_STOP = set(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "do",
        "does",
        "did",
        "i",
        "my",
        "me",
        "we",
        "our",
        "you",
        "your",
        "it",
        "its",
        "this",
        "that",
        "what",
        "which",
        "how",
        "where",
        "when",
        "who",
        "can",
        "could",
        "should",
        "would",
        "will",
        "need",
        "needs",
        "get",
        "got",
        "have",
        "has",
        "had",
        "want",
        "wanted",
        "apply",
        "applying",
        "application",
        "please",
        "tell",
        "about",
        "there",
        "any",
        "some",
        "much",
        "many",
        "long",
        "take",
        "takes",
        "documents",
        "document",
        "bring",
    ]
)


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, collapsed white space."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def language_of(text: str) -> Lang:
    """'zh' when the text has Chinese characters, else 'en'."""
    return "zh" if _CJK.search(text) else "en"


def _stem(word: str) -> str:
    for suffix in ("ing", "es", "s", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)
def _han_tokens(run: str) -> tuple[str, ...]:
    words = [w for w in jieba.lcut_for_search(run) if w not in _ZH_STOP]
    bigrams = [run[i : i + 2] for i in range(len(run) - 1)]
    return tuple(words + [f"#{b}" for b in bigrams if not set(b) & _ZH_STOP_CHARS])


_ZH_STOP_CHARS = {w for w in _ZH_STOP if len(w) == 1}


def tokens(text: str) -> list[str]:
    """Lexical tokens: jieba words and character bigrams for Chinese, stemmed words for English."""
    text = normalise(text)
    out: list[str] = []
    for run in _HAN_RUN.findall(text):
        out.extend(_han_tokens(run))
    for word in _WORD.findall(text):
        if word not in _EN_STOP:
            out.append(_stem(word))
    return out


def content_words(text: str) -> list[str]:
    """The words that could name something: jieba words and English words, stop words left out."""
    text = normalise(text)
    words = [
        w
        for run in _HAN_RUN.findall(text)
        for w in jieba.lcut(run)
        if w not in _ZH_STOP and not set(w) <= _ZH_STOP_CHARS  # "那要" is two stop words
    ]
    return words + [w for w in _WORD.findall(text) if w not in _EN_STOP]
