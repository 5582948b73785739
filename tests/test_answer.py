"""The one clear answer: complete, facet by facet, from the catalogue only, in zh and en."""

from __future__ import annotations

from knowledge.answer import Facet, build_answer
from knowledge.loader import SAMPLE_CATALOGUE, load_catalogue
from knowledge.schema import Catalogue

SAMPLE = load_catalogue(SAMPLE_CATALOGUE)


def test_full_answer_lists_every_material_with_its_details() -> None:
    item = SAMPLE.item("individual-business-registration")
    answer = build_answer(SAMPLE, item, "zh")
    materials = next(s for s in answer.sections if s.facet is Facet.materials)
    assert len([line for line in materials.lines if line[0].isdigit()]) == len(item.materials)
    assert any("原件1份" in line and "必交" in line for line in materials.lines)
    assert any("可容缺后补" in line for line in materials.lines)
    text = answer.text
    for expected in (
        "【收费】",
        "不收费",
        "【办理时限】",
        "【办理地点和时间】",
        "企业开办专区",
        "0451-00000000",
        "【设定依据】",
    ):
        assert expected in text


def test_scenario_changes_the_materials() -> None:
    item = SAMPLE.item("individual-business-registration")
    general = build_answer(SAMPLE, item, "zh", facets=(Facet.materials,)).text
    agent = build_answer(SAMPLE, item, "zh", "via-agent", facets=(Facet.materials,)).text
    assert "委托" in agent and "委托书" not in general
    assert "委托代理人" in build_answer(SAMPLE, item, "zh", "via-agent").title


def test_single_facets_and_english() -> None:
    item = SAMPLE.item("food-business-licence")
    fee = build_answer(SAMPLE, item, "en", facets=(Facet.fee,))
    assert [s.facet for s in fee.sections] == [Facet.fee]
    assert fee.text.startswith("Food business licence")
    place = build_answer(SAMPLE, item, "en", facets=(Facet.location,)).text
    assert "Business Start-up Zone" in place and "Mon–Fri 09:00-12:00, 13:30-17:00" in place


def test_facts_not_in_the_catalogue_are_never_invented() -> None:
    bare = Catalogue.model_validate(
        {
            "center": {"id": "c", "name": "中心"},
            "items": [{"id": "x", "name": "某事项", "materials": [{"id": "m", "name": "申请表"}]}],
        }
    )
    item = bare.items[0]
    full = build_answer(bare, item, "zh")
    assert [s.facet for s in full.sections] == [Facet.materials, Facet.location]
    assert "1. 申请表 — 必交" in full.text
    for facet in (Facet.fee, Facet.time_limit, Facet.legal_basis):
        assert "目录未载明，请咨询窗口" in build_answer(bare, item, "zh", facets=(facet,)).text
    assert "not stated" in build_answer(bare, item, "en", facets=(Facet.fee,)).text
