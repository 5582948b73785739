"""Pre-review end to end: the labelled corpus, the API and staff decisions, the chat, retention."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests import documents_factory as make
from tests import prereview_corpus as corpus
from tests import prereview_eval
from tests.web_client import WebChat

pytestmark = pytest.mark.skipif(not make.font_available(), reason=make.FONT_MISSING)


@pytest.fixture(scope="module")
def reader():
    from bot.prereview.documents import DocumentReader

    with DocumentReader() as reader:
        yield reader


@pytest.mark.slow
def test_per_material_verdicts_on_the_labelled_corpus(reader) -> None:
    """≥ 95% of per-material verdicts right, and never `ok` for a material that is wrong or absent."""
    assert sum(len(c.files) for c in corpus.cases()) >= 60
    outcome = prereview_eval.run(corpus, reader)
    assert not outcome.false_ok, "ok for a wrong document:\n" + "\n".join(outcome.misses())
    assert outcome.right / len(outcome.rows) >= 0.95, "\n".join(outcome.misses())


def test_files_that_cannot_be_read_are_named_with_their_problem(knowledge, reader) -> None:
    from bot.prereview.review import review

    for case in (c for c in corpus.cases() if c.file_problems):
        documents = [reader.read(f.name, f.build()) for f in case.files]
        report = review(knowledge.catalogue.item(case.item), case.scenario, documents, now=corpus.NOW)
        assert {f.name: f.problem for f in report.files if f.problem} == case.file_problems, case.name


def test_a_report_carries_its_evidence(knowledge, reader) -> None:
    from bot.prereview.review import review

    files = [
        (
            "全部材料.pdf",
            make.text_pdf([corpus.ibr_application(), corpus.id_card(corpus.WRONG_ID), corpus.lease()]),
        ),
        ("清单.png", make.photo(corpus.MENU, fmt="png")),
    ]
    documents = [reader.read(name, data) for name, data in files]
    report = review(knowledge.catalogue.item(corpus.IBR), None, documents, now=corpus.NOW, lang="en")
    card = next(m for m in report.materials if m.id == "operator-id-card")
    assert card.status == "invalid" and "wrong check digit" in card.problems[0]
    assert card.pages == [{"file": "全部材料.pdf", "from": 2, "to": 2}]
    assert any(e.page == 2 and corpus.WRONG_ID in e.text for e in card.evidence)
    assert report.unrecognised_files == ["清单.png"] and report.verdict == "incomplete"


def _post_case(server: str, item: str, files: list[tuple[str, bytes]], **form: str) -> httpx.Response:
    return httpx.post(
        f"{server}/api/prereview",
        data={"item": item, **form},
        files=[("files", (name, data)) for name, data in files],
        timeout=120,
    )


def _say(server: str, sender: str, text: str) -> list[dict]:
    return httpx.post(
        f"{server}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120
    ).json()


def _told(settings, sender: str) -> list[str]:
    """What the bot has said in a chat, as kept in the database."""
    from bot.store import TrackerStore, make_engine

    events, _ = TrackerStore(make_engine(settings.sqlalchemy_url)).load(sender)
    return [e.get("text") or "" for e in events if e.get("event") == "bot"]


def test_the_api_checks_a_case_staff_confirm_it_and_the_applicant_hears(served, staff) -> None:
    server, chat = served["url"], f"app-user-{uuid.uuid4()}"
    started = _say(
        server, chat, '/start_prereview{"item": "individual-business-registration", "scenario": "general"}'
    )
    upload = started[0]["custom"]["upload"]  # a REST client's way to upload into its own chat
    assert upload["url"] == "/api/prereview" and upload["item"] == corpus.IBR
    files = [
        ("申请书.pdf", make.text_pdf([corpus.ibr_application()])),
        ("身份证.pdf", make.text_pdf([corpus.id_card()])),
        ("锁着的.pdf", make.encrypted_pdf([corpus.lease()])),
    ]
    response = _post_case(server, corpus.IBR, files, chat=upload["chat"])
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["verdict"] == "ready" and report["item"] == corpus.IBR
    statuses = {m["id"]: m["status"] for m in report["materials"]}
    assert statuses["application-form"] == "ok" and statuses["premises-proof"] == "missing"
    assert [f["problem"] for f in report["files"]] == [None, None, "encrypted"]
    assert "去掉密码" in report["files"][2]["message"]

    case = report["case"]
    assert httpx.get(f"{server}/api/staff/prereviews").status_code == 401
    listed = httpx.get(f"{server}/api/staff/prereviews?status=submitted", headers=staff).json()
    assert case in [c["id"] for c in listed]
    opened = httpx.get(f"{server}/api/staff/prereviews/{case}", headers=staff).json()
    assert opened["report"]["verdict"] == "ready" and len(opened["files"]) == 3
    assert opened["sender"] == f"rest-{chat}"
    download = httpx.get(
        f"{server}/api/staff/prereviews/{case}/files/{opened['files'][0]['id']}", headers=staff
    )
    assert download.content.startswith(b"%PDF") and download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"].startswith("attachment")
    locked = httpx.get(
        f"{server}/api/staff/prereviews/{case}/files/{opened['files'][2]['id']}", headers=staff
    )
    assert locked.status_code == 404, "a refused file is not kept"

    decision = {"decision": "confirm", "comment": "请带原件到综合窗口。"}
    url = f"{server}/api/staff/prereviews/{case}/decision"
    assert httpx.post(url, json=decision, headers=staff).json()["status"] == "confirmed"
    assert httpx.post(url, json=decision, headers=staff).status_code == 409, "decided once only"
    told = _told(served["settings"], f"rest-{chat}")[-1]
    assert "已由工作人员确认通过" in told and "请带原件" in told


def test_the_api_says_what_is_wrong_with_a_request(server: str) -> None:
    pdf = [("a.pdf", make.text_pdf(["申请书"]))]
    assert _post_case(server, "no-such-item", pdf).status_code == 404
    assert "scenarios" in _post_case(server, corpus.IBR, pdf, scenario="nope").json()["detail"]
    assert httpx.post(f"{server}/api/prereview", data={"item": corpus.IBR}, timeout=30).status_code == 422


def _uploaded(chat: WebChat, files: list[tuple[str, bytes]]) -> list[dict]:
    response = chat.upload(files)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_pre_review_in_the_chat_from_the_item_to_the_report(server: str) -> None:
    chat = WebChat(server)
    [question] = chat.say("我要预审个体工商户设立登记")
    assert "情形" in question["text"]
    general = next(b for b in question["buttons"] if "general" in b["payload"])
    [ask] = chat.say(general["title"], general["payload"])
    assert "请上传" in ask["text"] and "经营者身份证" in ask["text"]
    [receipt] = _uploaded(chat, [("申请书.pdf", make.text_pdf([corpus.ibr_application()]))])
    assert "✓ 申请书.pdf：个体工商户登记（备案）申请书" in receipt["text"]
    assert "还差：经营者身份证" in receipt["text"]
    replies = _uploaded(chat, [("IMG_1.jpg", make.photo(corpus.id_card())), ("坏.pdf", make.corrupt_pdf())])
    text = "\n".join(r["text"] for r in replies)
    assert "✓ IMG_1.jpg：经营者身份证" in text and "✗ 坏.pdf：文件已损坏" in text
    assert "预审通过" in replies[-1]["text"] and "预审编号" in replies[-1]["text"]
    assert "/human_handoff" in [b["payload"] for b in replies[-1]["buttons"]]


def test_files_before_the_item_wait_for_it(server: str) -> None:
    chat = WebChat(server)
    [ask] = _uploaded(chat, [("身份证.pdf", make.text_pdf([corpus.id_card()]))])
    assert "哪个事项" in ask["text"]
    replies = chat.say(
        "个体工商户设立登记",
        '/start_prereview{"item": "individual-business-registration", "scenario": "general"}',
    )
    assert "✓ 身份证.pdf：经营者身份证" in "\n".join(r["text"] for r in replies)
    [report] = chat.say("好了")
    assert "个体工商户登记（备案）申请书：未上传" in report["text"]


def test_old_cases_are_purged_with_their_files(knowledge, parser, tmp_path: Path) -> None:
    from bot.assistant import build_assistant
    from bot.prereview.desk import Upload

    assistant = build_assistant(
        knowledge, parser, f"sqlite:///{tmp_path / 'db.sqlite3'}", uploads=tmp_path / "up"
    )
    desk = assistant.desk
    case = desk.start("web-old", corpus.IBR, None, "zh")
    desk.receive("web-old", [Upload("a.pdf", make.text_pdf([corpus.ibr_application()]))])
    assert len(list((tmp_path / "up").iterdir())) == 1
    assert desk.purge() == 0
    desk.clock = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    assert desk.purge() == 1
    assert list((tmp_path / "up").iterdir()) == [] and desk.store.get(case.id) is None
    assistant.desk.reader.close()


def test_the_corpus_has_every_verdict_and_bad_file() -> None:
    cases = corpus.cases()
    statuses = Counter(s for c in cases for s in c.expected.values())
    problems = {p for c in cases for p in c.file_problems.values()}
    assert set(statuses) == {"ok", "missing", "invalid", "needs_staff"}
    assert problems == {
        "encrypted", "corrupt", "unsupported_type", "too_large", "too_many_pages", "too_complex", "unreadable",
    }  # fmt: skip


@pytest.mark.browser
def test_a_folder_of_scans_uploaded_in_the_web_chat(server: str, page, tmp_path: Path) -> None:
    """As an applicant does it: ask for a pre-review, pick the files, read the checklist."""
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "申请书.pdf").write_bytes(make.scanned_pdf([corpus.ibr_application()]))
    (folder / "身份证.jpg").write_bytes(make.photo(corpus.id_card(valid="2006.05.01-2016.05.01")))
    (folder / "租赁合同.pdf").write_bytes(make.text_pdf([corpus.lease()]))
    page.goto(server)
    page.fill("#message", "我要预审个体工商户设立登记")
    page.press("#message", "Enter")
    page.click("#history button.choice:has-text('都不是')")
    page.wait_for_selector("#history .msg.bot:has-text('请上传')", timeout=30_000)
    page.set_input_files("#files", sorted(str(p) for p in folder.iterdir()))
    report = page.wait_for_selector("#history .msg.bot:has-text('预审编号')", timeout=120_000)
    text = report.inner_text()
    assert "材料还不齐全或有问题" in text and "✗ 经营者身份证：已于 2016-05-01 过期" in text
    assert "✓ 个体工商户登记（备案）申请书" in text
    assert page.locator("#history .msg.user").last.inner_text().startswith("📎 ")
    page.reload()
    page.wait_for_selector("#history .msg.bot:has-text('预审编号')", timeout=30_000)


def test_the_command_line_prints_the_checklist(tmp_path: Path) -> None:
    import subprocess
    import sys

    form, card = tmp_path / "申请书.pdf", tmp_path / "身份证.jpg"
    form.write_bytes(make.text_pdf([corpus.ibr_application()]))
    card.write_bytes(make.photo(corpus.id_card(corpus.WRONG_ID)))
    command = [sys.executable, "-m", "onewindow.cli", "prereview", corpus.IBR, str(form), str(card)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "✓ 个体工商户登记（备案）申请书：申请书.pdf" in done.stdout
    assert "✗ 经营者身份证：身份证号码" in done.stdout and "校验位不对" in done.stdout
    unknown = subprocess.run(
        [*command[:4], "no-such-item", str(form)], capture_output=True, text=True, timeout=300
    )
    assert unknown.returncode == 2 and "catalogue search" in unknown.stderr + unknown.stdout


def test_an_answer_offers_the_pre_review_of_its_item_and_situation(server: str) -> None:
    chat = f"rest-{uuid.uuid4()}"
    _say(server, chat, "个体户注册要带什么")
    answer = _say(server, chat, '/choose_scenario{"scenario": "via-agent"}')
    [button] = [b for b in answer[-1]["buttons"] if b["payload"].startswith("/start_prereview")]
    [ask] = _say(server, chat, button["payload"])
    assert "开始预审「个体工商户设立登记」（委托代理人办理）" in ask["text"] and "授权委托书" in ask["text"]
