"""A labelled pre-review corpus made at test time: cases of real files for three sample items, each
with the verdict every material should get. Used by the accuracy test and benchmarks/prereview.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from stdnum.cn import ric, uscc

from knowledge.loader import SAMPLE_CATALOGUE
from tests import documents_factory as make

NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)
CATALOGUE = SAMPLE_CATALOGUE


def id_number(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


def credit_code(first17: str) -> str:
    return first17 + uscc.calc_check_digit(first17)


ZHANG = id_number("23010219900307123")
LI = id_number("23010319851112004")
WRONG_ID = ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1")
SHOP = credit_code("92230102MA1AAAAA0")
OTHER_SHOP = credit_code("92230103MA1BBBBB1")
WRONG_CODE = SHOP[:-1] + ("A" if SHOP[-1] != "A" else "B")


def ibr_application(id_no: str = ZHANG) -> str:
    return (
        "个体工商户登记（备案）申请书\n经营者姓名：张伟\n身份证件号码："
        f"{id_no}\n经营场所：哈尔滨市松北区世博路1号\n组成形式：个人经营\n"
        "联系电话：13912345678\n经营者签字：张伟\n日期：2026年11月20日"
    )


def id_card(id_no: str = ZHANG, valid: str = "2016.05.01-2036.05.01", name: str = "张伟") -> str:
    return (
        f"中华人民共和国\n居民身份证\n姓名 {name}  性别 男  民族 汉\n出生 1990年3月7日\n"
        f"住址 黑龙江省哈尔滨市道里区友谊路100号\n公民身份号码 {id_no}\n"
        f"签发机关 哈尔滨市公安局道里分局\n有效期限 {valid}"
    )


def lease() -> str:
    return (
        "房屋租赁合同（经营场所使用证明）\n出租方：李明\n承租方：张伟\n"
        "房屋坐落：哈尔滨市松北区世博路1号，用作经营场所\n租赁期限：2026年1月1日至2028年12月31日\n"
        "出租方签字：李明  承租方签字：张伟"
    )


def power_of_attorney() -> str:
    return (
        "授权委托书\n委托人：张伟  受托人：李娜\n现委托李娜代为办理个体工商户设立登记，"
        "授权其提交材料、领取营业执照。\n委托人签字：张伟\n2026年11月18日"
    )


def food_filing(code: str = SHOP) -> str:
    return (
        "仅销售预包装食品备案信息采集表\n经营者名称：松北张记便利店\n"
        f"统一社会信用代码：{code}\n经营场所：哈尔滨市松北区世博路1号\n负责人：张伟\n备案日期：2026年11月21日"
    )


def business_licence(code: str = SHOP) -> str:
    return (
        f"营业执照\n（副本）\n统一社会信用代码 {code}\n名称 松北张记便利店\n类型 个体工商户\n"
        "经营者 张伟\n经营场所 哈尔滨市松北区世博路1号\n注册日期 2025年03月02日\n登记机关 哈尔滨市松北区市场监督管理局"
    )


def deregistration_application() -> str:
    return (
        "个体工商户登记（备案）申请书（注销）\n名称：松北张记便利店\n"
        f"统一社会信用代码：{SHOP}\n注销原因：经营者决定停止经营\n经营者签字：张伟\n2026年11月22日"
    )


def tax_clearance(date: str = "2026年11月10日") -> str:
    return (
        f"清税证明\n纳税人名称：松北张记便利店\n统一社会信用代码：{SHOP}\n"
        f"经税务机关审核，所有税务事项均已结清。\n国家税务总局哈尔滨市松北区税务局\n{date}"
    )


MENU = "松北家常菜馆 菜单\n锅包肉 48元\n地三鲜 28元\n小鸡炖蘑菇 68元"


@dataclass(frozen=True)
class File:
    name: str
    build: Callable[[], bytes]


@dataclass(frozen=True)
class Case:
    name: str
    item: str
    scenario: str | None
    files: list[File]
    expected: dict[str, str]  # every material of the item (in the scenario): its status
    file_problems: dict[str, str] = field(default_factory=dict)  # file name: problem


def _pdf(name: str, *pages: str) -> File:
    return File(name, lambda: make.text_pdf(list(pages)))


def _scan(name: str, *pages: str) -> File:
    return File(name, lambda: make.scanned_pdf(list(pages)))


def _photo(name: str, text: str, fmt: str = "jpeg") -> File:
    return File(name, lambda: make.photo(text, fmt=fmt))


IBR = "individual-business-registration"
FOOD = "prepackaged-food-filing"
DEREG = "individual-business-deregistration"
OK, MISSING, INVALID, STAFF = "ok", "missing", "invalid", "needs_staff"
_IBR_OPTIONAL = {"name-declaration": MISSING, "prior-approval": MISSING}


def _ibr(app: str = OK, card: str = OK, premises: str = OK) -> dict[str, str]:
    return {"application-form": app, "operator-id-card": card, "premises-proof": premises, **_IBR_OPTIONAL}


def _food(form: str = OK, licence: str = OK, card: str = OK) -> dict[str, str]:
    return {
        "filing-form": form,
        "business-licence": licence,
        "responsible-person-id-card": card,
        "agent-authorisation": MISSING,
    }


def _dereg(app: str = OK, card: str = OK, licence: str = OK, tax: str = OK) -> dict[str, str]:
    return {
        "application-form": app,
        "operator-id-card": card,
        "business-licence": licence,
        "agent-authorisation": MISSING,
        "tax-clearance": tax,
        "permit-cancellation": MISSING,
    }


def cases() -> list[Case]:
    """At least sixty files over three items, every bad-file kind among them."""
    return [
        # --- 个体工商户设立登记 ---------------------------------------------------------------
        Case("text PDFs, all in order", IBR, None, [
            _pdf("申请书.pdf", ibr_application()), _pdf("身份证.pdf", id_card()), _pdf("租赁合同.pdf", lease()),
        ], _ibr()),
        Case("scans and a phone photo", IBR, None, [
            _scan("scan001.pdf", ibr_application()), _photo("IMG_2041.jpg", id_card()), _scan("scan002.pdf", lease()),
        ], _ibr()),
        Case("one PDF holding every material", IBR, None, [
            _pdf("全部材料.pdf", ibr_application(), id_card(), lease(), "租赁合同第二页：双方权利义务……"),
        ], _ibr()),
        Case("an expired ID card", IBR, None, [
            _pdf("申请书.pdf", ibr_application()), _photo("身份证.jpg", id_card(valid="2006.05.01-2016.05.01")),
            _pdf("场所.pdf", lease()),
        ], _ibr(card=INVALID)),
        Case("an ID number with a wrong check digit", IBR, None, [
            _pdf("申请书.pdf", ibr_application(WRONG_ID)), _pdf("身份证.pdf", id_card(WRONG_ID)), _pdf("场所.pdf", lease()),
        ], _ibr(card=INVALID)),
        Case("the ID card missing, premises to follow (容缺)", IBR, None, [
            _pdf("申请书.pdf", ibr_application()),
        ], _ibr(card=MISSING, premises=MISSING)),
        Case("a form naming someone else's ID number", IBR, None, [
            _pdf("申请书.pdf", ibr_application(LI)), _pdf("身份证.pdf", id_card()), _pdf("场所.pdf", lease()),
        ], _ibr(app=STAFF)),
        Case("the ID card as a password-protected PDF", IBR, None, [
            _pdf("申请书.pdf", ibr_application()), File("身份证.pdf", lambda: make.encrypted_pdf([id_card()])),
            _pdf("场所.pdf", lease()),
        ], _ibr(card=MISSING), {"身份证.pdf": "encrypted"}),
        Case("a corrupt PDF and a menu", IBR, None, [
            _pdf("申请书.pdf", ibr_application()), File("身份证.pdf", make.corrupt_pdf), _photo("menu.png", MENU, "png"),
            _pdf("场所.pdf", lease()),
        ], _ibr(card=MISSING), {"身份证.pdf": "corrupt"}),
        Case("a Word file named .pdf and a blank scan", IBR, None, [
            File("身份证.pdf", lambda: b"PK\x03\x04" + b"\0" * 2000), File("scan.png", make.blank_image),
            _pdf("申请书.pdf", ibr_application()), _photo("证件.jpg", id_card()),
        ], _ibr(premises=MISSING), {"身份证.pdf": "unsupported_type", "scan.png": "unreadable"}),
        Case("an ID card photo with no number on it", IBR, None, [
            _pdf("申请书.pdf", ibr_application()), _photo("身份证正面.jpg", "中华人民共和国\n居民身份证\n姓名 张伟\n有效期限 2016.05.01-2036.05.01"),
            _pdf("场所.pdf", lease()),
        ], _ibr(card=INVALID)),
        Case("a long-term ID card", IBR, None, [
            _pdf("申请书.pdf", ibr_application()), _pdf("身份证.pdf", id_card(valid="2016.05.01-长期")), _pdf("场所.pdf", lease()),
        ], _ibr()),
        Case("through an agent: two ID cards", IBR, "via-agent", [
            _pdf("申请书.pdf", ibr_application()), _photo("经营者身份证.jpg", id_card()),
            _photo("代理人身份证.jpg", id_card(LI, name="李娜")), _pdf("委托书.pdf", power_of_attorney()),
            _pdf("场所.pdf", lease()),
        ], {**_ibr(), "power-of-attorney": OK, "agent-id-card": OK}),
        Case("through an agent, no power of attorney", IBR, "via-agent", [
            _pdf("申请书.pdf", ibr_application()), _pdf("身份证.pdf", id_card(), id_card(LI, name="李娜")),
            _pdf("场所.pdf", lease()),
        ], {**_ibr(), "power-of-attorney": MISSING, "agent-id-card": OK}),
        # --- 仅销售预包装食品备案 ---------------------------------------------------------------
        Case("food filing, all in order", FOOD, None, [
            _pdf("采集表.pdf", food_filing()), _pdf("营业执照.pdf", business_licence()), _pdf("身份证.pdf", id_card()),
        ], _food()),
        Case("food filing, a photographed licence", FOOD, None, [
            _pdf("采集表.pdf", food_filing()), _photo("执照.jpg", business_licence()), _scan("sfz.pdf", id_card()),
        ], _food()),
        Case("a credit code with a wrong check character", FOOD, None, [
            _pdf("采集表.pdf", food_filing(WRONG_CODE)), _pdf("营业执照.pdf", business_licence(WRONG_CODE)),
            _pdf("身份证.pdf", id_card()),
        ], _food(licence=INVALID)),
        Case("two different credit codes", FOOD, None, [
            _pdf("采集表.pdf", food_filing()), _pdf("营业执照.pdf", business_licence(OTHER_SHOP)), _pdf("身份证.pdf", id_card()),
        ], _food(form=STAFF, licence=STAFF)),
        Case("a licence too large and a PDF too long", FOOD, None, [
            _pdf("采集表.pdf", food_filing()), File("营业执照.pdf", lambda: b"%PDF-1.7\n" + b"0" * (21 * 2**20)),
            File("身份证.pdf", lambda: make.text_pdf([id_card()] + ["附页"] * 60)),
        ], _food(licence=MISSING, card=MISSING), {"营业执照.pdf": "too_large", "身份证.pdf": "too_many_pages"}),
        Case("bombs", FOOD, None, [
            File("营业执照.png", make.bomb_png), File("采集表.pdf", make.bomb_pdf), _pdf("身份证.pdf", id_card()),
        ], _food(form=MISSING, licence=MISSING), {"营业执照.png": "too_complex", "采集表.pdf": "too_complex"}),
        Case("food filing, scans only", FOOD, None, [
            _scan("1.pdf", food_filing()), _scan("2.pdf", business_licence()), _photo("3.jpg", id_card()),
        ], _food()),
        # --- 个体工商户注销登记 -----------------------------------------------------------------
        Case("deregistration, all in order", DEREG, "general", [
            _pdf("注销申请书.pdf", deregistration_application()), _pdf("身份证.pdf", id_card()),
            _pdf("营业执照.pdf", business_licence()), _pdf("清税证明.pdf", tax_clearance()),
        ], _dereg()),
        Case("a tax clearance too old", DEREG, "general", [
            _pdf("注销申请书.pdf", deregistration_application()), _pdf("身份证.pdf", id_card()),
            _pdf("营业执照.pdf", business_licence()), _pdf("清税证明.pdf", tax_clearance("2026年5月10日")),
        ], _dereg(tax=INVALID)),
        Case("deregistration, photos and scans", DEREG, "general", [
            _scan("a.pdf", deregistration_application()), _photo("b.jpg", id_card()),
            _photo("c.jpg", business_licence()), _photo("d.jpg", tax_clearance()),
        ], _dereg()),
        Case("deregistration, one scanned bundle", DEREG, "general", [
            _scan("材料.pdf", deregistration_application(), id_card(), business_licence(), tax_clearance()),
        ], _dereg()),
        Case("deregistration, no tax clearance and an expired card", DEREG, "general", [
            _pdf("注销申请书.pdf", deregistration_application()), _photo("身份证.jpg", id_card(valid="2005.01.01-2015.01.01")),
            _pdf("营业执照.pdf", business_licence()),
        ], _dereg(card=INVALID, tax=MISSING)),
    ]  # fmt: skip
