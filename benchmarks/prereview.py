"""Pre-review benchmark: text-PDF pages per second, OCR seconds per page, the reading worker's peak
memory, a 20-file case end to end, and per-material accuracy on the labelled corpora: the one the
checker was developed on and the held-out ones written without seeing it (tests/heldout/).

Run: .venv/bin/python benchmarks/prereview.py [--scanned 8] [--photos 8] [--corpus dev,held-out-a,…]
Files are made by tests/documents_factory.py; reading goes through DocumentReader and its worker, as
in the server. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.prereview.documents import DocumentReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORM = (
    "个体工商户登记（备案）申请书\n经营者姓名 张三  公民身份号码 110105194912310029\n"
    "联系电话 13812345678  经营场所 松北区世茂大道 88 号\n组成形式 个人经营  经营范围 日用百货零售\n"
    "本人承诺所提交的材料真实有效。Applicant declares that the information given is true.\n"
    "申请日期 2026年10月01日  签字 张三"
)
LICENCE = (
    "营业执照\n统一社会信用代码 91350100M000100Y43\n名称 松北区示例贸易有限公司\n类型 有限责任公司\n"
    "法定代表人 李四  注册资本 壹佰万元整\n成立日期 2020年05月20日  营业期限 长期\n登记机关 松北区市场监督管理局"
)


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def worker_memory(pid: int | None) -> tuple[int, int]:
    """Peak resident memory and peak address space of the worker, in MB."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return int(status["VmHWM"].split()[0]) // 1024, int(status["VmPeak"].split()[0]) // 1024


PEAKS: list[tuple[int, int]] = []  # the worker's memory after each file (it may be replaced on the way)


def page_times(reader: DocumentReader, name: str, data: bytes) -> list[float]:
    """Seconds each page of the file took, from the reader's progress reports."""
    marks = [time.perf_counter()]
    document = reader.read(
        name, data, lambda done, total: marks.append(time.perf_counter()) if done else None
    )
    assert document.problem is None, (name, document.problem)
    PEAKS.append(worker_memory(reader.worker_pid))
    return [later - earlier for earlier, later in itertools.pairwise(marks)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-pages", type=int, default=40)
    parser.add_argument("--scanned", type=int, default=8, help="scanned PDF pages")
    parser.add_argument("--photos", type=int, default=8)
    parser.add_argument(
        "--corpus",
        default=",".join(CORPORA),
        help=f"labelled corpora to measure, comma-separated ({', '.join(CORPORA)}; '' for none)",
    )
    parser.add_argument("--dense", type=int, default=3, help="scanned PDF pages full of text")
    args = parser.parse_args()

    from tests import documents_factory as make

    text_pdf = make.text_pdf(
        [(FORM if n % 2 else LICENCE) + f"\n第 {n + 1} 页" for n in range(args.text_pages)]
    )
    scanned = make.scanned_pdf([FORM if n % 2 else LICENCE for n in range(args.scanned)])
    dense = make.scanned_pdf(["\n".join([FORM, LICENCE] * 2)] * args.dense)
    photos = [
        make.photo(
            FORM if n % 2 else LICENCE,
            angle=(-3.0, 2.0, 4.0)[n % 3],
            orientation=(1, 6, 1, 3)[n % 4],
            scale=2.4 if n % 4 == 3 else 1.0,
        )
        for n in range(args.photos)
    ]
    from bot.prereview.documents import DocumentReader

    rows: list[tuple[str, str, str]] = []
    with DocumentReader() as reader:
        started = time.perf_counter()
        reader.read("warm-up.pdf", make.text_pdf(["热身"]))
        rows.append(("worker start + first small text PDF", f"{time.perf_counter() - started:.2f} s", "—"))

        seconds = sum(page_times(reader, "form.pdf", text_pdf))
        rows.append(
            (f"text PDF, {args.text_pages} pages", f"{args.text_pages / seconds:.0f} pages/s", "≥ 20")
        )

        [first] = page_times(reader, "first-scan.pdf", make.scanned_pdf([FORM]))
        rows.append(("first OCR page (loads the OCR models)", f"{first:.2f} s", "—"))

        scan_times = page_times(reader, "scan.pdf", scanned)
        rows.append(
            (
                f"scanned PDF page, OCR ({len(scan_times)} pages)",
                f"p50 {statistics.median(scan_times):.2f} s, p95 {percentile(scan_times, 0.95):.2f} s",
                "≤ 2 s",
            )
        )
        dense_times = page_times(reader, "dense.pdf", dense)
        rows.append(
            (
                f"dense scanned page, OCR ({len(dense_times)} pages of ~30 lines)",
                f"p50 {statistics.median(dense_times):.2f} s, max {max(dense_times):.2f} s",
                "—",
            )
        )
        photo_times = []
        for n, photo in enumerate(photos):
            photo_times += page_times(reader, f"IMG_{n:04}.jpg", photo)
        rows.append(
            (
                f"phone photo, OCR ({len(photo_times)}, a quarter at 12 MP)",
                f"p50 {statistics.median(photo_times):.2f} s, p95 {percentile(photo_times, 0.95):.2f} s",
                "≤ 2 s",
            )
        )
        resident, address_space = max(resident for resident, _ in PEAKS), max(peak for _, peak in PEAKS)
        rows.append(("worker peak memory (RSS)", f"{resident} MB", "—"))
        rows.append(
            (
                "worker peak address space",
                f"{address_space} MB",
                f"< cap {reader.limits.memory_bytes >> 20} MB",
            )
        )

        rows.append(twenty_file_case(reader))
        accuracy = corpus_tables(reader, [c for c in args.corpus.split(",") if c])

    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for table in accuracy:
        print("\n" + table)


def twenty_file_case(reader: DocumentReader) -> tuple[str, str, str]:
    """A case as an enterprise sends it: 20 files (text PDFs, scans, photos), stored, read, reported."""
    import tempfile

    from bot.prereview.cases import CaseStore
    from bot.prereview.desk import PrereviewDesk, Upload
    from bot.store import make_engine
    from knowledge.loader import SAMPLE_CATALOGUE, load_catalogue
    from tests import documents_factory as make
    from tests import prereview_corpus as corpus

    texts = [corpus.ibr_application(), corpus.id_card(), corpus.lease(), corpus.power_of_attorney()]
    uploads = []
    for n in range(20):
        text = texts[n % len(texts)]
        data = (make.text_pdf([text]), make.scanned_pdf([text]), make.photo(text))[n % 3]
        uploads.append(Upload(f"file-{n:02}.{'jpg' if n % 3 == 2 else 'pdf'}", data))
    with tempfile.TemporaryDirectory() as folder:
        store = CaseStore(make_engine(f"sqlite:///{folder}/cases.sqlite3"))
        desk = PrereviewDesk(load_catalogue(SAMPLE_CATALOGUE), store, Path(folder) / "uploads", reader)
        started = time.perf_counter()
        _, report = desk.submit("bench", corpus.IBR, "via-agent", uploads, "zh")
        seconds = time.perf_counter() - started
    scans = sum(1 for n in range(20) if n % 3)
    return (
        f"a 20-file case ({scans} scans/photos), stored and reported: {report.verdict}",
        f"{seconds:.1f} s",
        "—",
    )


CORPORA = {
    "dev": "tests.prereview_corpus",  # the corpus the checker was developed on
    "held-out-a": "tests.heldout.a.corpus",  # written by others without seeing the checker
    "held-out-b": "tests.heldout.b.corpus",  # the same, but its misses were read: development data now
    "held-out-c": "tests.heldout.c.corpus",
}


def corpus_tables(reader: DocumentReader, names: list[str]) -> list[str]:
    """Per-material, per-type and per-verdict tables of each labelled corpus."""
    import importlib

    from tests import prereview_eval

    return [
        prereview_eval.tables(name, prereview_eval.run(importlib.import_module(CORPORA[name]), reader))
        for name in names
    ]


if __name__ == "__main__":
    main()
