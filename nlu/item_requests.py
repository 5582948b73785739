"""Requests that name an item by its formal name, under every intent that takes one: "预约<name>",
"预审<name>", "<name>要带什么" …

A hall's item names must not decide the intent ("预约户口簿遗失补发" is a booking whatever the words
of the name), so the training data shows the same kind of names under every such intent. The names
are made from the general lexicon (its formal terms and action words), never from one catalogue.
`nlu/data/item_requests.yml` is written from here (`python -m nlu.item_requests`); a test checks
that it is current. Both brains train on it.
"""

from __future__ import annotations

import random
from pathlib import Path

from knowledge.lexicon import lexicon

OUT = Path(__file__).parent / "data" / "item_requests.yml"
NAMES_PER_TEMPLATE = 15
_OBJECT_ENDINGS = ("证", "证书", "许可", "登记", "簿", "卡", "保险", "津贴", "补贴", "备案", "执照", "公积金")
_TEMPLATES: dict[str, tuple[str, ...]] = {
    "book_appointment": ("预约{}", "我要预约{}", "预约办理{}", "帮我约一下{}", "{}预约", "想预约{}的号"),
    "start_prereview": ("预审{}", "帮我预审{}", "{}预审", "我要预审{}的材料", "{}材料先预审一下"),
    "ask_materials": ("{}要带什么", "{}需要哪些材料", "办{}要准备什么", "{}材料清单"),
    "ask_fee": ("{}收费吗", "{}多少钱"),
    "ask_time_limit": ("{}多久能办好", "{}要几个工作日"),
    "ask_location_hours": ("{}在哪里办", "{}去哪个窗口"),
    "ask_process": ("{}怎么办理", "{}的办理流程"),
    "ask_legal_basis": ("{}的法律依据是什么",),
    "ask_online": ("{}可以网上办吗",),
}


def formal_names(count: int, seed: int = 7) -> list[str]:
    """Item names as catalogues write them: a formal term with an action word, in their usual forms."""
    terms = sorted(t.formal for t in lexicon().terms if t.formal.endswith(_OBJECT_ENDINGS))
    words = sorted({w for a in lexicon().actions for w in a.formal if len(w) >= 2})
    shapes = ("{t}{w}", "{t}（{w}）", "{w}{t}", "{t}{w}登记")
    chance = random.Random(seed)
    names = {
        chance.choice(shapes).format(t=chance.choice(terms), w=chance.choice(words)) for _ in range(count * 3)
    }
    return sorted(names)[:count] if len(names) >= count else sorted(names)


def examples() -> dict[str, list[str]]:
    """Per intent, its templates filled with names (each template with names of its own)."""
    pool = formal_names(sum(len(t) for t in _TEMPLATES.values()) * NAMES_PER_TEMPLATE)
    chance = random.Random(11)
    out: dict[str, list[str]] = {}
    for intent, templates in _TEMPLATES.items():
        out[intent] = [t.format(name) for t in templates for name in chance.sample(pool, NAMES_PER_TEMPLATE)]
    return out


def render() -> str:
    lines = [
        "# Written by `python -m nlu.item_requests` (see that module): formal item names under every",
        "# intent that takes one, so that a catalogue's item names never decide the intent.",
        'version: "3.1"',
        "nlu:",
    ]
    for intent, texts in examples().items():
        lines += [f"- intent: {intent}", "  examples: |", *(f"    - {t}" for t in texts)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"{OUT}: {sum(len(v) for v in examples().values())} examples")
