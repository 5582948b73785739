"""The catalogue format: the sample is complete and valid; broken catalogues get precise errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.loader import SAMPLE_CATALOGUE, CatalogueError, check_catalogue, load_catalogue

CENTER = """
center: {id: test, name: {zh: 测试中心, en: Test Center}, phone: "010-1"}
departments: [{id: amr, name: 市场监管局}]
windows: [{id: w1, name: 综合窗口}]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(path: Path) -> list[str]:
    catalogue, problems = check_catalogue(path)
    assert catalogue is None
    return [str(p) for p in problems if p.severity == "error"]


def test_sample_catalogue_is_complete_and_valid() -> None:
    catalogue, problems = check_catalogue(SAMPLE_CATALOGUE)
    assert catalogue is not None, problems
    assert [p for p in problems if p.severity == "error"] == []
    assert len(catalogue.items) >= 40
    assert sum(1 for i in catalogue.items if i.scenarios) >= 10
    assert len(catalogue.departments) >= 15
    for item in catalogue.items:
        assert item.name.zh and item.name.en, item.id
        assert item.aliases, item.id
        assert item.materials_for(None) or item.scenarios, item.id
        for material in item.materials:
            assert material.form is not None and material.name.en, (item.id, material.id)
    with_checks = [m for i in catalogue.items for m in i.materials if m.check]
    assert len(with_checks) >= 40


def test_wrong_enum_value_is_located_in_its_file_and_item(tmp_path: Path) -> None:
    write(tmp_path, "center.yml", CENTER)
    write(
        tmp_path,
        "items.yml",
        """items:
  - id: a
    name: 甲
    materials: [{id: m1, name: 申请书, form: original}]
  - id: b
    name: 乙
    materials:
      - {id: m1, name: 申请书, form: original}
      - {id: m2, name: 身份证, form: photocopy}
""",
    )
    [message] = errors(tmp_path)
    assert message == (
        "items.yml:9: items[1].materials[1].form: expected one of original, copy, original_and_copy, electronic"
    )


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    write(tmp_path, "a_center.yml", CENTER)
    write(
        tmp_path,
        "b_items.yml",
        """items:
  - id: dup
    name: 甲
    department: nowhere
    window: w9
    colour: red
    materials: [{id: m1, name: 申请书}]
    scenarios:
      - {id: s1, name: 代办, remove_materials: [m7]}
  - id: dup
    name: 乙
    materials: []
""",
    )
    found = errors(tmp_path)
    assert "b_items.yml:6: items[0].colour: unknown key" in found
    assert len(found) == 1  # schema errors stop before cross-reference checks
    write(tmp_path, "b_items.yml", (tmp_path / "b_items.yml").read_text().replace("    colour: red\n", ""))
    found = errors(tmp_path)
    assert "b_items.yml:4: items[0].department: unknown department 'nowhere'" in found
    assert "b_items.yml:5: items[0].window: unknown window 'w9'" in found
    assert (
        "b_items.yml:8: items[0].scenarios[0].remove_materials[0]: removes material 'm7', which the item does not have"
        in found
    )
    assert "b_items.yml:9: items[1].id: duplicate id 'dup'" in found


def test_pre_review_rules_name_known_document_types(tmp_path: Path) -> None:
    write(tmp_path, "center.yml", CENTER)
    item = """items:
  - id: a
    name: 甲
    materials:
      - id: proof
        name: 单位证明
        check: {document: [%s], sealed: true, signed: true}
"""
    write(tmp_path, "items.yml", item % "letter")
    [message] = errors(tmp_path)
    assert message.startswith(
        "items.yml:7: items[0].materials[0].check.document: unknown document type letter"
    )
    assert "certificate_letter" in message and "id_card" in message
    write(tmp_path, "items.yml", item % "certificate_letter")
    catalogue, problems = check_catalogue(tmp_path)
    assert catalogue is not None and not [p for p in problems if p.severity == "error"]
    assert catalogue.item("a").materials[0].check.document == ["certificate_letter"]


def test_list_positions_are_counted_per_file_in_a_folder(tmp_path: Path) -> None:
    write(tmp_path, "a.yml", CENTER + "items:\n  - {id: x, name: 甲, materials: []}\n")
    write(tmp_path, "b.yml", "items:\n  - {id: y, name: 乙, materials: [], bookable: maybe}\n")
    [message] = errors(tmp_path)
    assert message.startswith("b.yml:2: items[0].bookable:")


def test_yaml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    write(tmp_path, "center.yml", CENTER)
    write(tmp_path, "items.yml", "items:\n  - id: a\n    name: {zh: 甲, en: A, B}\n  - [\n")
    [message] = errors(tmp_path)
    assert message.startswith("items.yml:") and "invalid YAML" in message


def test_json_catalogue_and_plain_string_texts(tmp_path: Path) -> None:
    data = {
        "center": {"id": "j", "name": "JSON中心"},
        "items": [{"id": "a", "name": {"zh": "甲", "en": "A"}, "materials": [{"id": "m", "name": "表"}]}],
    }
    path = write(tmp_path, "catalogue.json", json.dumps(data, ensure_ascii=False))
    catalogue = load_catalogue(path)
    assert catalogue.center.name.get("en") == "JSON中心"  # falls back to the text it has
    assert catalogue.items[0].name.get("en") == "A"


def test_missing_center_and_bad_hours(tmp_path: Path) -> None:
    write(tmp_path, "items.yml", "items: []\n")
    assert any("center" in e and "missing" in e for e in errors(tmp_path))
    write(tmp_path, "center.yml", "center: {id: c, name: 中心, hours: {weekdays: ['9-5']}}\n")
    assert any("hours key 'weekdays'" in e for e in errors(tmp_path))


def test_load_catalogue_raises_with_all_problems(tmp_path: Path) -> None:
    write(tmp_path, "c.yml", "center: {id: c}\n")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(tmp_path)
    assert "center.name: required field is missing" in str(raised.value)


def test_validate_command(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "onewindow.cli", "catalogue", "validate", str(SAMPLE_CATALOGUE)],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "OK: songbei" in ok.stdout
    write(
        tmp_path,
        "c.yml",
        CENTER + "items:\n  - {id: a, name: 甲, materials: [{id: m, name: 表, form: scan}]}\n",
    )
    bad = subprocess.run(
        [sys.executable, "-m", "onewindow.cli", "catalogue", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "c.yml:6: items[0].materials[0].form: expected one of original" in bad.stdout


def test_search_command_prints_ranking_and_answer(tmp_path: Path) -> None:
    from tests.conftest import SHARED_MODEL_DIR

    env = {**os.environ, "ONEWINDOW_DATA_DIR": str(SHARED_MODEL_DIR)}
    found = subprocess.run(
        [sys.executable, "-m", "onewindow.cli", "catalogue", "search", "营业执照丢了怎么办"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert found.returncode == 0, found.stderr
    lines = found.stdout.splitlines()
    assert lines[0].split()[2] == "business-licence-reissue"
    assert "【所需材料】" in found.stdout


def test_validate_warns_when_appointments_will_stop_at_the_end_of_the_holiday_data() -> None:
    import datetime as dt

    import chinese_calendar

    command = [sys.executable, "-m", "onewindow.cli", "catalogue", "validate", str(SAMPLE_CATALOGUE)]
    far = {**os.environ, "ONEWINDOW_BOOKING_HORIZON_DAYS": "400"}  # past the data, in any year of a run
    try:
        chinese_calendar.is_holiday(dt.date.today() + dt.timedelta(days=400))
        pytest.skip("this chinese-calendar knows the holidays of more than a year ahead")
    except NotImplementedError:
        pass
    warned = subprocess.run(command, capture_output=True, text=True, env=far)
    assert warned.returncode == 0, warned.stdout + warned.stderr
    assert "warning: center: appointments stop before" in warned.stdout and "center.closed" in warned.stdout
