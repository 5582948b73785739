"""The embedded understanding: intents with Rasa's fallback, checked entities, payloads, /model/parse."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import httpx
import numpy as np

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_intents_of_typical_messages(parser) -> None:
    for text, intent in [
        ("个体户注册要带什么材料", "ask_materials"),
        ("办这个要交钱吗", "ask_fee"),
        ("多久能办下来", "ask_time_limit"),
        ("转人工", "human_handoff"),
        ("how long does it take", "ask_time_limit"),
        ("我要投诉你们窗口", "complaint"),
    ]:
        assert parser.parse(text, NOW)["intent"]["name"] == intent, text


def test_gibberish_falls_back_like_rasa(parser) -> None:
    result = parser.parse("asdkjh qwpoe zzxq", NOW)
    assert result["intent"]["name"] == "nlu_fallback"
    assert result["intent_ranking"][0]["name"] == "nlu_fallback"


def test_entities_are_checked_not_just_matched(parser) -> None:
    entities = parser.parse("我电话13912345678 身份证11010519491231002X 明天下午去", NOW)["entities"]
    found = {e["entity"]: e["value"] for e in entities}
    assert found["phone"] == "13912345678"
    assert found["id_number"] == "11010519491231002X"
    assert found["time"] == "2026-11-28"
    bad = parser.parse("身份证110105194912310021", NOW)["entities"]  # wrong checksum
    assert not [e for e in bad if e["entity"] == "id_number"]


def test_button_payloads_and_forged_ones(parser) -> None:
    chosen = parser.parse('/choose_scenario{"scenario": "via-agent"}', NOW)
    assert chosen["intent"] == {"name": "choose_scenario", "confidence": 1.0}
    assert chosen["entities"][0]["value"] == "via-agent"
    for forged in ("/drop_tables", '/greet{"x": ', "/greet[1,2]"):
        assert parser.parse(forged, NOW)["intent"]["name"] == "nlu_fallback", forged


def test_model_parse_endpoint(server: str) -> None:
    body = httpx.post(f"{server}/model/parse", json={"text": "多少钱"}).json()
    assert set(body) >= {"text", "intent", "entities", "intent_ranking"}
    assert body["intent"]["name"] == "ask_fee"
    assert httpx.post(f"{server}/model/parse", json={"txt": "x"}).status_code == 422


def test_the_compiled_calibration_gives_sklearns_probabilities() -> None:
    from scipy import sparse
    from sklearn.datasets import make_classification

    from nlu.classifier import SigmoidEnsemble, svm

    features, labels = make_classification(400, 60, n_informative=12, n_classes=5, random_state=7)
    model = svm().fit(sparse.csr_matrix(features[:300]), labels[:300])
    held_out = sparse.csr_matrix(features[300:])
    assert np.allclose(
        SigmoidEnsemble(model).predict_proba(held_out), model.predict_proba(held_out), atol=1e-12
    )
