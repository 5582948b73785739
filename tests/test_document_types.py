"""Documents recognised by what is printed on them, not by the catalogue's wording: a hall's own
material names, both sides of an ID card, seals, signatures, and the photo formats phones send."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np
import pytest

from knowledge.doctypes import types_for
from knowledge.schema import Item
from tests import documents_factory as make
from tests.prereview_corpus import credit_code, id_number

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
WANG = id_number("22010419920514002")
FIRM = credit_code("91220104MA0Y3K8L2")

# A hall's item whose material names are the department's descriptions, not the printed titles.
ITEM = Item.model_validate(
    {
        "id": "residence-permit-employment",
        "name": "居住证申领（合法稳定就业）",
        "materials": [
            {
                "id": "id-card",
                "name": "申请人身份证明（居民身份证）",
                "check": {"fields": ["id_number"], "not_expired": True},
            },
            {"id": "licence", "name": "工商营业执照", "check": {"fields": ["uscc"]}},
            {"id": "contract", "name": "劳动合同", "check": {"min_pages": 2, "signed": True}},
            {
                "id": "proof",
                "name": "用人单位出具的劳动关系证明",
                "check": {"max_age_days": 30, "sealed": True},
            },
        ],
    }
)

FRONT = (
    f"姓名 王芳\n性别 女  民族 汉\n出生 1992年5月14日\n住址 吉林省长春市朝阳区红旗街88号\n公民身份号码 {WANG}"
)
BACK = "中华人民共和国\n居民身份证\n签发机关 长春市公安局朝阳分局\n有效期限 2018.06.01-2038.06.01"
LICENCE = (
    f"营业执照\n（副本）\n统一社会信用代码 {FIRM}\n名称 长春顺达物流有限公司\n类型 有限责任公司\n"
    "法定代表人 赵强\n住所 长春市朝阳区延安大路1号\n登记机关 长春市朝阳区市场监督管理局"
)
CONTRACT_1 = (
    "劳动合同书\n甲方（用人单位）：长春顺达物流有限公司\n乙方（劳动者）：王芳\n"
    "第一条 劳动合同期限：2024年3月1日至2027年2月28日\n第二条 工作内容和工作地点：仓储管理，长春市朝阳区"
)
CONTRACT_2 = "第三条 劳动报酬：每月6500元\n第四条 社会保险：甲方依法缴纳\n甲方（盖章）：\n乙方签字："
PROOF = (
    "劳动关系证明\n兹证明王芳系我单位职工，自2024年3月1日起与我单位建立劳动关系，至今在职。\n特此证明。\n"
    "单位（盖章）：长春顺达物流有限公司\n2026年11月20日"
)
INCOME = (
    "收入证明\n兹证明王芳在我单位工作，月收入6500元。\n特此证明。\n"
    "单位（盖章）：长春顺达物流有限公司\n2026年11月20日"
)
SEAL = "长春顺达物流有限公司"

pytestmark = pytest.mark.skipif(not make.font_available(), reason=make.FONT_MISSING)


@pytest.mark.parametrize(
    ("name", "types"),
    [
        ("申请人身份证明（居民身份证）", {"id_card"}),
        ("工商营业执照副本复印件", {"business_licence"}),
        ("用人单位出具的劳动关系证明", {"certificate_letter"}),
        ("户口所在地村（居）委会出具的证明", {"certificate_letter"}),
        ("房屋所有权证或不动产权证书", {"property_certificate"}),
        ("劳动合同", {"labour_contract"}),
        ("出生医学证明", {"birth_certificate"}),
        ("申请人及配偶的户口簿", {"household_register"}),
        ("房屋租赁合同或自有房产证明", {"lease_contract", "property_certificate"}),
        ("购房合同", {"sale_contract"}),
        ("近期一寸免冠照片", set()),
    ],
)
def test_a_material_name_tells_the_documents_it_accepts(name: str, types: set[str]) -> None:
    assert types_for(name) == types


def test_a_declared_document_type_wins_over_the_name() -> None:
    assert types_for("其他材料", ["contract"]) == {
        "contract",
        "labour_contract",
        "lease_contract",
        "sale_contract",
    }


@functools.cache
def _file(kind: str) -> tuple[str, bytes]:
    files = {
        "front": ("IMG_2041.jpg", lambda: make.photo(FRONT)),
        "back": ("IMG_2042.jpg", lambda: make.photo(BACK, angle=-4)),
        "back-webp": ("背面.webp", lambda: make.photo(BACK, fmt="webp")),
        "licence": ("执照.jpg", lambda: make.photo(LICENCE, seal="长春市朝阳区市场监督管理局")),
        "licence-heic": (
            "IMG_0007.HEIC",
            lambda: make.photo(LICENCE, fmt="heic", seal="朝阳区市场监督管理局"),
        ),
        "contract-1": ("合同1.jpg", lambda: make.photo(CONTRACT_1)),
        "contract-2": ("合同2.jpg", lambda: make.photo(CONTRACT_2, signature="王芳")),
        "contract-2-unsigned": ("合同2.jpg", lambda: make.photo(CONTRACT_2)),
        "proof": ("证明.jpg", lambda: make.photo(PROOF, seal=SEAL)),
        "proof-unsealed": ("证明.jpg", lambda: make.photo(PROOF)),
        "income": ("证明.jpg", lambda: make.photo(INCOME, seal=SEAL)),
    }
    name, build = files[kind]
    return name, build()


@pytest.fixture(scope="module")
def reader():
    from bot.prereview.documents import DocumentReader

    with DocumentReader() as reader:
        yield reader


def _review(reader, kinds: list[str]):
    from bot.prereview.review import review

    documents = [reader.read(*_file(kind)) for kind in kinds]
    report = review(ITEM, None, documents, now=NOW)
    return report, {m.id: m for m in report.materials}


EVERYTHING = ["front", "back", "licence", "contract-1", "contract-2", "proof"]


@pytest.mark.slow
def test_printed_titles_are_recognised_under_the_halls_own_names(reader) -> None:
    report, materials = _review(reader, EVERYTHING)
    assert {m: r.status.value for m, r in materials.items()} == {
        "id-card": "ok",
        "licence": "ok",
        "contract": "ok",
        "proof": "ok",
    }, [r.problems for r in materials.values()]
    assert report.verdict == "ready"


@pytest.mark.slow
def test_iphone_and_webp_photos_count_like_any_other(reader) -> None:
    kinds = ["front", "back-webp", "licence-heic", "contract-1", "contract-2", "proof"]
    report, _ = _review(reader, kinds)
    assert report.verdict == "ready", [(m.id, m.problems) for m in report.materials]
    assert {f.kind for f in report.files} == {"jpeg", "webp", "heic"}


@pytest.mark.slow
def test_one_side_of_an_id_card_is_not_enough(reader) -> None:
    report, materials = _review(reader, ["front", "licence", "contract-1", "contract-2", "proof"])
    card = materials["id-card"]
    assert card.status == "invalid" and "国徽面" in card.problems[0], card.problems
    assert report.verdict == "incomplete"


@pytest.mark.slow
def test_a_letter_without_its_seal_and_a_contract_without_its_signature_are_invalid(reader) -> None:
    kinds = ["front", "back", "licence", "contract-1", "contract-2-unsigned", "proof-unsealed"]
    _, materials = _review(reader, kinds)
    assert materials["proof"].status == "invalid" and "公章" in materials["proof"].problems[0]
    assert materials["contract"].status == "invalid" and "签字" in materials["contract"].problems[0]
    assert materials["id-card"].status == "ok" and materials["licence"].status == "ok"


@pytest.mark.slow
def test_another_letter_is_never_passed_as_the_one_asked_for(reader) -> None:
    _, materials = _review(reader, ["front", "back", "licence", "contract-1", "contract-2", "income"])
    assert materials["proof"].status in ("needs_staff", "missing"), materials["proof"]


def test_a_red_ring_is_a_seal_and_red_print_is_not() -> None:
    from bot.prereview import marks

    page = np.array(make.page_image("兹证明 特此证明", seal="某某单位"))[:, :, ::-1].copy()
    assert len(marks.red_seals(page)) == 1 and not marks.is_grey(page)
    plain = np.array(make.page_image("兹证明 特此证明"))[:, :, ::-1].copy()
    plain[200:230, 100:1100] = (40, 30, 210)  # a red rule across the page, as a letterhead has
    plain[400:440, 100:400] = (40, 30, 210)
    assert marks.red_seals(plain) == []
    grey = np.repeat(np.array(make.page_image("兹证明").convert("L"))[:, :, None], 3, axis=2)
    assert marks.is_grey(grey)
