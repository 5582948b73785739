"""The Rasa-format NLU files read into plain data, as Rasa reads them."""

from __future__ import annotations

import re
from pathlib import Path

from nlu.training import plain_text, read_training_data


def test_annotations_are_stripped() -> None:
    assert plain_text('预约[明天下午](time)去办[个体户]{"entity": "item"}') == "预约明天下午去办个体户"


def test_regexes_find_what_they_name() -> None:
    data = read_training_data()
    samples = {
        "phone": "电话13912345678谢谢",
        "id_number": "身份证号11010519491231002X",
        "uscc": "代码91310000MA1FL4T12W",
        "booking_code": "预约码 K7P-3QZ",
    }
    for entity, text in samples.items():
        assert any(re.search(p, text) for p in data.regexes[entity]), entity


def test_files_are_merged(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - 你好\n')
    (tmp_path / "b.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hi\n- synonym: 个体工商户\n  examples: |\n    - 个体户\n'
    )
    data = read_training_data(tmp_path)
    assert data.examples == [("你好", "greet"), ("hi", "greet")]
    assert data.synonyms == {"个体户": "个体工商户"}
