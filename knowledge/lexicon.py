"""How people say what catalogues say formally.

Two kinds of knowledge, both about administrative Chinese in general, none about one catalogue:
- the *action* a request is about (open, change, renew, close, replace, look up), which tells close
  variants of one item apart (食品经营许可 新办 / 变更 / 延续 / 注销 / 补证);
- everyday words for formal terms (个体户 → 个体工商户, 过户 → 转移登记), added to a query so
  that lexical search can meet the catalogue's vocabulary.
"""

from __future__ import annotations

import re
from enum import StrEnum

from knowledge.text import normalise


class Action(StrEnum):
    new = "new"
    change = "change"
    renew = "renew"
    cancel = "cancel"
    reissue = "reissue"
    lookup = "lookup"


# Formal words as catalogues write them in item names.
_FORMAL: dict[Action, tuple[str, ...]] = {
    Action.new: ("设立", "新办", "开办", "首次", "核发", "申领", "申请", "成立", "参保登记", "初次"),
    Action.change: ("变更", "迁移", "转移", "更正", "调整"),
    Action.renew: ("延续", "换证", "换发", "换领", "换卡", "续期", "复核", "有效期满", "损坏"),
    Action.cancel: ("注销", "撤销", "终止", "停保", "歇业"),
    Action.reissue: ("补领", "补发", "补证", "补办", "补换", "遗失"),
    Action.lookup: ("查询", "查阅", "复制", "打印"),
}

# Everyday ways of saying each action, in Chinese and English (regular expressions).
_SPOKEN: dict[Action, tuple[str, ...]] = {
    Action.new: (
        r"开(个|一个|一家|家|间|一间)?(店|铺|公司|饭馆|餐馆|超市|门市|诊所|药店|厂)",
        r"想开",
        r"新开",
        r"刚开",
        r"准备开",
        r"第一次",
        r"头一回",
        r"新办",
        r"注册",
        r"成立",
        r"办(个|一个|张|一张)",
        r"\bopen(ing)?\b",
        r"\bstart(ing)?\b",
        r"\bset(ting)? up\b",
        r"\bnew\b",
        r"\bregister",
        r"\bfirst\b",
    ),
    Action.change: (
        r"改(名|名字|地址|成|为|一下|了|过来)",
        r"换(了)?(法人|地址|名字|老板|经营者|股东|负责人|人)",
        r"搬(家|了|到|走)",
        r"挪",
        r"变(了|更|动)",
        r"增资",
        r"减资",
        r"转让",
        r"加(一|个)?(项|卖|上)",
        r"添",
        r"增加",
        r"范围",
        r"扩大经营",
        r"修改",
        r"更正",
        r"\bchang(e|ed|ing)\b",
        r"\bmov(e|ed|ing)\b",
        r"\bupdate",
        r"\brename",
        r"\bnew address\b",
    ),
    Action.renew: (
        r"到期",
        r"过期",
        r"快到期",
        r"期满",
        r"续(期|证|办|上|签)?",
        r"延(期|续|长)",
        r"有效期",
        r"坏了",
        r"破(了|损)",
        r"损坏",
        r"烂了",
        r"旧了",
        r"换(个|一个|张|一张)?新",
        r"换证",
        r"\brenew",
        r"\bexpir",
        r"\bextend",
        r"\bdamaged?\b",
        r"\bbroken\b",
        r"\btorn\b",
        r"\breplace",
    ),
    Action.cancel: (
        r"不(干|做|开|经营|营业)了",
        r"关(门|店|掉|了)",
        r"倒闭",
        r"停(业|办|保|缴)",
        r"歇业",
        r"黄了",
        r"注销",
        r"撤(销|掉)",
        r"不要了",
        r"退(出|掉)",
        r"散伙",
        r"解散",
        r"去世",
        r"死了",
        r"身故",
        r"(销|停|弄|去)掉",
        r"还(清|完)",
        r"解(除|押)",
        r"\bclos(e|ed|ing)\b",
        r"\bshut",
        r"\bderegist",
        r"\bcancel",
        r"\bwind(ing)? up\b",
        r"\bquit",
    ),
    Action.reissue: (
        r"丢(了|失)?",
        r"掉了",
        r"弄丢",
        r"找不到",
        r"遗失",
        r"被偷",
        r"补(办|领|发|证|一个|一张|个)",
        r"重新办",
        r"\blost\b",
        r"\blose\b",
        r"\bstolen\b",
        r"\bmissing\b",
        r"\breissue",
    ),
    Action.lookup: (
        r"查(一下|询|档|看)?",
        r"调(档|取)",
        r"打印",
        r"\blook ?up\b",
        r"\bcheck\b",
        r"\brecords?\b",
    ),
}

_SPOKEN_RE = {action: re.compile("|".join(patterns)) for action, patterns in _SPOKEN.items()}

# Everyday word -> the formal words catalogues use for it.
_SYNONYMS: dict[str, str] = {
    "个体户": "个体工商户",
    "摆摊": "个体工商户",
    "房子": "不动产 房屋",
    "宅基地": "不动产 宅基地",
    "小店": "个体工商户",
    "执照": "营业执照",
    "营业证": "营业执照",
    "公司": "有限责任公司 企业",
    "房产证": "不动产权证书",
    "房本": "不动产权证书",
    "土地证": "不动产权证书",
    "过户": "转移登记",
    "买房": "购房 转移登记",
    "卖房": "转移登记",
    "二手房": "转移登记 存量房",
    "贷款": "抵押",
    "房贷": "抵押",
    "解押": "抵押权注销",
    "低保": "最低生活保障",
    "社保": "社会保险",
    "医保": "医疗保险",
    "养老金": "养老保险 待遇",
    "退休金": "养老保险 待遇 退休",
    "公积金": "住房公积金",
    "失业金": "失业保险金",
    "环评": "环境影响评价",
    "施工证": "施工许可证",
    "卫生证": "卫生许可证",
    "健康证": "健康证明",
    "食品证": "食品经营许可证",
    "餐饮": "食品经营 餐饮服务",
    "饭店": "食品经营 餐饮服务",
    "饭馆": "食品经营 餐饮服务",
    "奶茶": "食品经营 餐饮服务",
    "小吃": "食品经营 餐饮服务",
    "药店": "药品零售企业",
    "残疾证": "残疾人证",
    "准生证": "生育登记 生育服务证",
    "暂住证": "居住证",
    "教资": "教师资格",
    "培训班": "校外培训机构",
    "补课": "校外培训机构",
    "ktv": "娱乐场所",
    "歌厅": "娱乐场所",
    "书店": "出版物零售",
    "代账": "代理记账",
    "货车": "道路货物运输",
    "跑运输": "道路运输",
    "燃气": "燃气经营",
    "煤气": "燃气经营",
    "广告牌": "户外广告",
    "招牌": "户外广告 门头招牌",
    "挖路": "挖掘城市道路",
    "发票": "发票 纳税人",
    "异地看病": "异地就医",
    "外地看病": "异地就医",
    "生孩子": "生育",
    "老人补贴": "高龄津贴",
    "高龄补贴": "高龄津贴",
    # English words for the Chinese terms, so that English questions meet Chinese-only catalogues
    "individual business": "个体工商户",
    "self-employed": "个体工商户",
    "business licen": "营业执照",
    "company": "公司 企业",
    "food": "食品经营",
    "restaurant": "食品经营 餐饮服务",
    "pharmacy": "药品零售企业",
    "drugstore": "药品零售企业",
    "hygiene": "卫生许可",
    "salon": "公共场所 卫生许可",
    "pension": "养老保险",
    "retire": "退休 养老保险",
    "social security": "社会保险",
    "social insurance": "社会保险",
    "medical insurance": "医疗保险",
    "health insurance": "医疗保险",
    "unemploy": "失业保险金",
    "maternity": "生育津贴",
    "provident fund": "住房公积金",
    "mortgage": "抵押",
    "property": "不动产",
    "house": "不动产 房屋",
    "flat": "不动产 房屋",
    "apartment": "不动产 房屋",
    "real estate": "不动产",
    "disab": "残疾人",
    "construction": "建筑工程 施工",
    "building permit": "建筑工程 施工许可",
    "planning": "规划许可",
    "environment": "环境影响评价",
    "gas": "燃气",
    "truck": "道路运输 货物运输",
    "freight": "道路货物运输",
    "driver": "道路运输从业人员 从业资格证",
    "transport": "道路运输",
    "qualification": "资格",
    "minimum living": "最低生活保障",
    "dibao": "最低生活保障",
    "hardship": "临时救助",
    "emergency": "临时救助",
    "another province": "异地就医",
    "other city": "异地就医",
    "elsewhere": "异地",
    "residence permit": "居住证",
    "teacher": "教师资格",
    "training": "培训机构",
    "invoice": "发票",
    "bookkeeping": "代理记账",
    "advertis": "户外广告",
    "veteran": "退役军人",
    "birth": "生育登记",
    "clinic": "诊所",
    "karaoke": "娱乐场所",
    "bookshop": "出版物零售",
    "sewage": "污水排入排水管网",
    "road": "城市道路",
}

_ACTION_EXPANSION: dict[Action, str] = {
    Action.new: "设立 新办 申请",
    Action.change: "变更",
    Action.renew: "延续 换证 有效期",
    Action.cancel: "注销",
    Action.reissue: "补领 补发 遗失 损坏 换发",
    Action.lookup: "查询",
}


_EVERYDAY_ACTION: dict[Action, str] = {
    Action.new: "新办",
    Action.change: "改 换 变了",
    Action.renew: "到期了 续期",
    Action.cancel: "不干了 关门",
    Action.reissue: "丢了 坏了 补办",
    Action.lookup: "查一下",
}


def everyday_variants(name: str) -> list[str]:
    """An item name said the way people say it: formal terms swapped for everyday words."""
    text = normalise(name)
    variants = []
    for word, formal in _SYNONYMS.items():
        if " " not in formal and formal in text:
            variants.append(text.replace(formal, word))
    actions = " ".join(_EVERYDAY_ACTION[a] for a in sorted(formal_actions(text)))
    if actions:
        variants = [f"{v} {actions}" for v in variants] or [f"{text} {actions}"]
    return list(dict.fromkeys(variants))[:4]


def formal_actions(name: str) -> set[Action]:
    """The actions an item's formal name is about (none for names that say no action)."""
    text = normalise(name)
    return {action for action, words in _FORMAL.items() if any(w in text for w in words)}


def spoken_actions(query: str) -> set[Action]:
    """The actions a user's question asks for, from everyday and formal wording."""
    text = normalise(query)
    spoken = {action for action, pattern in _SPOKEN_RE.items() if pattern.search(text)}
    return spoken | formal_actions(text)


def without_actions(query: str) -> str:
    """The query with its action words removed, leaving what it is about."""
    text = normalise(query)
    for pattern in _SPOKEN_RE.values():
        text = pattern.sub(" ", text)
    for words in _FORMAL.values():
        for word in words:
            text = text.replace(word, " ")
    return text


def expand(query: str) -> str:
    """The query plus the formal words for what it says in everyday words."""
    text = normalise(query)
    extra = [formal for word, formal in _SYNONYMS.items() if word in text]
    extra += [_ACTION_EXPANSION[a] for a in sorted(spoken_actions(text))]
    return " ".join([text, *extra]) if extra else text
