"""What the check rules find in a document's text, OCR noise included."""

from __future__ import annotations

import datetime as dt

from bot.prereview import rules

TODAY = dt.date(2026, 11, 27)


def test_id_numbers_are_checked_for_checksum_birth_date_and_region() -> None:
    text = "公民身份号码 230102 19900307 1237，旧号 230102199003071238，另 230102199013071230"
    found = rules.id_numbers(text)
    assert [(f.value, f.valid, f.reason) for f in found] == [
        ("230102199003071237", True, ""),
        ("230102199003071238", False, "checksum"),
        ("230102199013071230", False, "birth_date"),
    ]
    assert rules.id_numbers("公民身份号码２３０１０２１９９００３０７１２３７")[0].valid  # full-width digits
    # 松北区 (230109) is newer than python-stdnum's region table: a region to verify, not a wrong number
    assert rules.id_numbers("230109199003071231")[0].reason == "region"


def test_credit_codes_and_not_id_numbers() -> None:
    found = rules.credit_codes("统一社会信用代码：91230109MA1B2C3D4B 身份证 230109199003071234")
    assert [(f.value, f.valid) for f in found] == [("91230109MA1B2C3D4B", True)]
    assert rules.credit_codes("代码 91230109MA1B2C3D4C")[0].reason == "checksum"


def test_phones() -> None:
    values = [f.value for f in rules.phones("手机 139 1234 5678，座机 0451-86001234")]
    assert values == ["13912345678", "045186001234"]


def test_dates_validity_and_the_documents_own_date() -> None:
    text = "出生 1990年3月7日\n有效期限 2016.05.01-2036.05.01\n签发日期：2026年11月2日"
    assert [d for d, _ in rules.dates(text)] == [
        dt.date(1990, 3, 7),
        dt.date(2016, 5, 1),
        dt.date(2036, 5, 1),
        dt.date(2026, 11, 2),
    ]
    assert rules.validity(text).until == dt.date(2036, 5, 1)
    assert rules.issue_date(text, TODAY) == (dt.date(2026, 11, 2), "2026年11月2日")
    assert rules.validity("有效期至：2025年12月31日").until == dt.date(2025, 12, 31)
    assert rules.validity("有效期限 2016.05.01-长期").until is None
    assert rules.validity("Valid until 2027-01-15").until == dt.date(2027, 1, 15)
    assert rules.validity("没有期限的文字") is None
    assert rules.dates("2026年2月30日") == []  # no such day
