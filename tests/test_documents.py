"""Reading uploaded files into pages: real PDFs and photos made by the factory, hostile ones included."""

from __future__ import annotations

import hashlib
import multiprocessing
import re
import time
from collections.abc import Iterator

import pytest

from bot.prereview.documents import Document, DocumentReader, FileProblem, ReadLimits
from tests import documents_factory as make

needs_font = pytest.mark.skipif(not make.font_available(), reason=make.FONT_MISSING)

ID_CARD = (
    "中华人民共和国居民身份证\n姓名 张三  性别 男  民族 汉\n出生 1949年12月31日\n"
    "住址 北京市朝阳区建国路88号\n公民身份号码 110105194912310029"
)
LICENCE = "营业执照\n统一社会信用代码 91350100M000100Y43\n名称 松北区示例贸易有限公司\n营业期限 长期"


@pytest.fixture(scope="module")
def reader() -> Iterator[DocumentReader]:
    with DocumentReader() as reader:
        yield reader


def plain(text: str) -> str:
    """The text without white space, as OCR spaces words unpredictably."""
    return re.sub(r"\s+", "", text)


def kill(pid: int | None) -> None:
    """Kills a reader's worker process as the kernel's out-of-memory killer would."""
    [process] = [p for p in multiprocessing.active_children() if p.pid == pid]
    process.kill()
    process.join()


def assert_reads_id_card(text: str) -> None:
    text = plain(text)
    assert "居民身份证" in text
    assert "公民身份号码110105194912310029" in text


@needs_font
def test_text_pdf_pages_come_back_with_their_text(reader: DocumentReader) -> None:
    data = make.text_pdf([ID_CARD, "Application form\nApplicant: Zhang San, phone 13812345678", LICENCE])
    document = reader.read("材料.pdf", data)
    assert (document.kind, document.problem, document.size) == ("pdf", None, len(data))
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert [page.number for page in document.pages] == [1, 2, 3]
    assert all(not page.ocr and page.confidence == 1.0 for page in document.pages)
    assert_reads_id_card(document.pages[0].text)
    assert "Applicant: Zhang San, phone 13812345678" in document.pages[1].text
    assert "统一社会信用代码 91350100M000100Y43" in document.pages[2].text


@needs_font
def test_a_scanned_pdf_is_read_by_ocr_with_progress(reader: DocumentReader) -> None:
    progress: list[tuple[int, int]] = []
    document = reader.read(
        "scan.pdf", make.scanned_pdf([ID_CARD, LICENCE]), lambda *done: progress.append(done)
    )
    assert (document.kind, document.problem) == ("pdf", None)
    assert progress == [(0, 2), (1, 2), (2, 2)]
    first, second = document.pages
    assert first.ocr and second.ocr and min(first.confidence, second.confidence) > 0.8
    assert_reads_id_card(first.text)
    assert "统一社会信用代码91350100M000100Y43" in plain(second.text)
    assert "松北区示例贸易有限公司" in plain(second.text)


@needs_font
@pytest.mark.parametrize(
    ("fmt", "angle", "orientation"),
    [("jpeg", 3.0, 1), ("jpeg", -2.0, 6), ("png", 1.0, 1)],
    ids=["tilted-jpeg", "sideways-with-exif-tag", "png"],
)
def test_phone_photos_are_read_upright(
    reader: DocumentReader, fmt: str, angle: float, orientation: int
) -> None:
    document = reader.read("IMG_0001.jpg", make.photo(ID_CARD, fmt=fmt, angle=angle, orientation=orientation))
    assert (document.kind, document.problem) == (fmt, None)
    [page] = document.pages
    assert page.number == 1 and page.ocr and page.confidence > 0.8
    assert_reads_id_card(page.text)
    lines = [plain(line) for line in page.text.splitlines()]
    assert lines[0] == "中华人民共和国居民身份证", "read in order, top line first"


@needs_font
@pytest.mark.parametrize("angle", [90, 180, 270])
def test_a_page_scanned_the_wrong_way_round_reads_in_order(reader: DocumentReader, angle: int) -> None:
    document = reader.read("scan.pdf", make.scanned_pdf([ID_CARD], angle=angle + 1))
    [page] = document.pages
    lines = [plain(line) for line in page.text.splitlines()]
    assert lines[0] == "中华人民共和国居民身份证"
    assert lines[-1] == "公民身份号码110105194912310029"


@needs_font
def test_type_comes_from_the_content_not_the_name(reader: DocumentReader) -> None:
    pdf = make.text_pdf(["营业执照 统一社会信用代码 91350100M000100Y43"])
    assert reader.read("licence.jpg", pdf).kind == "pdf"
    # Some mailers put a few bytes before the header; viewers still open the file.
    assert "营业执照" in reader.read("licence.pdf", b"\r\n\r\n" + pdf).pages[0].text
    for fake in (b"just some text, not a PDF at all\n" * 10, b"PK\x03\x04" + b"\0" * 2000):
        document = reader.read("身份证.pdf", fake)
        assert (document.kind, document.problem, document.pages) == (None, FileProblem.unsupported_type, ())
    photo = reader.read("scan.pdf", make.photo("营业执照", fmt="png"))
    assert photo.kind == "png" and "营业执照" in photo.pages[0].text


@needs_font
def test_encrypted_pdfs(reader: DocumentReader) -> None:
    locked = reader.read("locked.pdf", make.encrypted_pdf([ID_CARD]))
    assert (locked.kind, locked.problem, locked.pages) == ("pdf", FileProblem.encrypted, ())
    # Only an owner password (restrictions on copying and printing): it opens, so it is read.
    restricted = reader.read("restricted.pdf", make.encrypted_pdf([ID_CARD], user_password=""))
    assert restricted.problem is None
    assert_reads_id_card(restricted.pages[0].text)


@needs_font
def test_broken_files_are_corrupt(reader: DocumentReader) -> None:
    truncated_photo = make.photo("营业执照")[:20_000]
    for name, data in [
        ("cut.pdf", make.corrupt_pdf()),
        ("noise.pdf", make.garbage_pdf()),
        ("broken.png", make.corrupt_png()),
        ("cut.jpg", truncated_photo),
    ]:
        document = reader.read(name, data)
        assert (document.problem, document.pages) == (FileProblem.corrupt, ()), name


def test_size_is_checked_first() -> None:
    with DocumentReader(ReadLimits(max_file_bytes=1000)) as small:
        for data in (b"%PDF-1.7\n" + b"0" * 1001, b"not a document" * 100):
            document = small.read("big.pdf", data)
            assert (document.problem, document.size, document.pages) == (FileProblem.too_large, len(data), ())
        assert small.read("ok.txt", b"x" * 1000).problem == FileProblem.unsupported_type
        assert small.worker_pid is None, "nothing was worth a worker"


@needs_font
def test_too_many_pages() -> None:
    with DocumentReader(ReadLimits(max_pages=3)) as short:
        assert short.read("long.pdf", make.text_pdf(["页"] * 4)).problem == FileProblem.too_many_pages
        assert short.read("ok.pdf", make.text_pdf(["第一页 page one"] * 3)).problem is None


@needs_font
def test_bombs_are_too_complex_and_the_next_file_still_reads(reader: DocumentReader) -> None:
    for name, data in [("bomb.png", make.bomb_png()), ("bomb.pdf", make.bomb_pdf())]:
        started = time.monotonic()
        document = reader.read(name, data)
        assert (document.problem, document.pages) == (FileProblem.too_complex, ()), name
        assert time.monotonic() - started < 10, "stopped by the parsers' own caps, long before the time limit"
    assert "居民身份证" in reader.read("id.pdf", make.text_pdf([ID_CARD])).pages[0].text


@needs_font
def test_a_file_over_its_time_is_stopped_and_the_worker_replaced() -> None:
    with DocumentReader(ReadLimits(seconds_per_file=5.0)) as reader:
        assert reader.read("warm-up.pdf", make.text_pdf(["热身"])).problem is None
        first = reader.worker_pid
        started = time.monotonic()
        document = reader.read("slow.pdf", make.slow_pdf())
        assert document.problem == FileProblem.too_complex
        assert time.monotonic() - started < 15
        assert reader.worker_pid != first
        assert reader.read("next.pdf", make.text_pdf([ID_CARD])).pages[0].text.startswith("中华人民共和国")


@needs_font
def test_a_file_over_the_memory_cap_is_stopped_and_the_worker_replaced(reader: DocumentReader) -> None:
    # 81 megapixels pass PIL's bomb guard but need 243 MB decoded: fine under the usual cap (a blank page).
    huge = make.bomb_png(9000, rgb=True)
    assert reader.read("huge.png", huge).problem == FileProblem.unreadable
    with DocumentReader(ReadLimits(memory_bytes=256 * 1024 * 1024)) as small:
        assert small.read("warm-up.pdf", make.text_pdf(["热身"])).problem is None
        first = small.worker_pid
        assert small.read("huge.png", huge).problem == FileProblem.too_complex
        assert small.worker_pid != first
        assert small.read("next.pdf", make.text_pdf([LICENCE])).problem is None


@needs_font
def test_a_killed_worker_is_replaced(reader: DocumentReader) -> None:
    reader.read("warm-up.pdf", make.text_pdf(["热身"]))
    killed = reader.worker_pid
    kill(killed)
    document = reader.read("id.pdf", make.text_pdf([ID_CARD]))
    assert document.problem is None and reader.worker_pid != killed


@needs_font
def test_a_progress_callback_that_raises_leaves_the_reader_usable(reader: DocumentReader) -> None:
    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        reader.read("long.pdf", make.text_pdf([f"第{n}页" for n in range(1, 6)]), cancel)
    assert reader.read("id.pdf", make.text_pdf([ID_CARD])).pages[0].text.startswith("中华人民共和国")


def test_a_blank_page_is_unreadable(reader: DocumentReader) -> None:
    document = reader.read("scan.png", make.blank_image())
    assert document.problem == FileProblem.unreadable
    assert [(p.number, p.text, p.ocr, p.confidence) for p in document.pages] == [(1, "", True, 0.0)]


@needs_font
def test_readers_can_be_shared_between_threads(reader: DocumentReader) -> None:
    from concurrent.futures import ThreadPoolExecutor

    files = [make.text_pdf([f"第{n}号 申请书 number {n}"]) for n in range(6)]
    with ThreadPoolExecutor(3) as pool:
        documents: list[Document] = list(pool.map(lambda d: reader.read("form.pdf", d), files))
    assert [d.pages[0].text for d in documents] == [f"第{n}号 申请书 number {n}" for n in range(6)]
