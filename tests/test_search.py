"""Search: the behaviours a hall relies on, on the sample catalogue and on catalogues the weights were
not learned on (the honest figures come from `onewindow eval retrieval --leave-one-out`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.evaluation import evaluate, read_questions
from knowledge.loader import load_catalogue
from knowledge.search import SearchIndex
from tests.conftest import DATA

HALLS = DATA / "halls"


def test_the_sample_catalogues_questions(knowledge) -> None:
    report = evaluate(knowledge.index, read_questions(HALLS / "songbei-sample" / "questions.jsonl"))
    assert report.in_scope >= 150 and report.out_of_scope >= 30
    assert report.top1 >= 0.90, report.rows()
    assert report.top3 >= 0.97, report.rows()
    assert report.out_of_scope_accuracy >= 0.90, report.rows()


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("个体户注册要带什么", "individual-business-registration"),
        ("how long does a food business licence take", "food-business-licence"),
        ("营业执照丢了", "business-licence-reissue"),
        ("饭店不开了 食品证怎么办", "food-business-licence-cancellation"),
        ("食品经营许可证快到期了", "food-business-licence-renewal"),
    ],
)
def test_close_variants_are_told_apart_by_the_action(knowledge, question: str, item: str) -> None:
    result = knowledge.search(question)
    assert not result.out_of_scope
    assert result.hits[0].item_id == item, result.hits[:3]


def test_out_of_scope_is_not_matched_to_the_nearest_item(knowledge) -> None:
    for question in ("护照过期了怎么换", "明天天气怎么样", "how do I renew my passport"):
        assert knowledge.search(question).out_of_scope, question


def test_scenario_questions_point_at_the_scenario(knowledge) -> None:
    hit = knowledge.search("委托别人代办个体工商户登记").hits[0]
    assert (hit.item_id, hit.scenario_id) == ("individual-business-registration", "via-agent")


def test_empty_and_huge_queries(knowledge) -> None:
    assert knowledge.search("   ").out_of_scope
    assert knowledge.search("个体户" * 5000).hits  # long input is embedded in windows, never an error


def test_catalogue_edit_reembeds_only_what_changed(model_path: str, tmp_path: Path) -> None:
    from knowledge.embeddings import Embedder

    catalogue = load_catalogue(HALLS / "xinhe-county" / "catalogue.yml")
    embedder = Embedder(model_path, cache_dir=tmp_path)
    first: list[int] = []
    SearchIndex(catalogue, embedder, progress=lambda done, total: first.append(total))
    edited = catalogue.model_copy(
        update={
            "items": [catalogue.items[0].model_copy(update={"aliases": ["开饭馆办证"]}), *catalogue.items[1:]]
        }
    )
    again: list[int] = []
    restarted = Embedder(model_path, cache_dir=tmp_path)
    SearchIndex(edited, restarted, progress=lambda done, total: again.append(total))
    assert first and first[-1] > 100
    assert again == [1]
