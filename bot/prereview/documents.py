"""Uploaded files (PDF, JPEG, PNG) read into pages of text by a worker process bounded in time and memory.

Parsing, decoding and OCR of untrusted bytes happen in one long-lived spawned worker; a file that
overruns its time, memory or a parser limit is `too_complex`, and its worker is replaced.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import logging
import math
import multiprocessing
import os
import resource
import statistics
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

log = logging.getLogger(__name__)

# A text layer with fewer legible characters than this is treated as absent when the page has images.
MIN_TEXT_CHARS = 10
# Images are shrunk to this longest side before OCR: 150–200 dpi pages read as well, much faster.
OCR_MAX_SIDE = 2000
# Lines are found on a copy this small (text 15 px high or more), then read from the full image.
DET_MAX_SIDE = 1280
# Both cores for OCR: the worker runs at a lower priority (nice), so the web server still comes first.
OCR_THREADS = 2
# Beyond this many pixels an image is refused (PIL's bomb guard); a 48-megapixel photo still passes.
MAX_IMAGE_PIXELS = 100_000_000
# Images smaller than this on a PDF page are logos, stamps or rules, not scanned text.
MIN_OCR_IMAGE_SIDE = 24
MAX_IMAGES_PER_PAGE = 4
# A worker whose address space grew past this share of its cap is replaced after the file: freed
# buffers fragment the heap, and the cap counts address space, not memory in use.
RECYCLE_SHARE = 0.75

_WORKER_NAME = "onewindow-document-reader"
_M_ARENA_MAX = -8  # glibc's mallopt parameter


@dataclass(frozen=True)
class Page:
    number: int  # 1-based page number within the file (1 for an image)
    text: str  # the text read from the page ('' when none)
    ocr: bool  # True when the text came from OCR
    confidence: float  # mean OCR confidence 0..1 for OCR pages; 1.0 for text-layer pages; 0.0 when no text


class FileProblem(StrEnum):
    encrypted = "encrypted"  # password-protected PDF
    corrupt = "corrupt"  # can't be parsed
    unsupported_type = "unsupported_type"  # not PDF/JPEG/PNG by content (magic bytes), whatever the name says
    too_large = "too_large"  # over limits.max_file_bytes
    too_many_pages = "too_many_pages"
    too_complex = "too_complex"  # time or memory budget exceeded (PDF bombs, decompression bombs, ...)
    unreadable = "unreadable"  # parsed fine, but no page has any readable text (blank or hopeless scan)


@dataclass(frozen=True)
class Document:
    name: str  # the uploaded file name (display only; never used for paths or type)
    sha256: str  # of the bytes
    size: int
    kind: str | None  # "pdf" | "jpeg" | "png" | None when unsupported
    pages: tuple[Page, ...]
    problem: FileProblem | None = None


@dataclass(frozen=True)
class ReadLimits:
    max_file_bytes: int = 20 * 1024 * 1024
    max_pages: int = 50
    seconds_per_file: float = 60.0
    memory_bytes: int = 1536 * 1024 * 1024  # address-space cap of the reading process


def sniff(data: bytes) -> str | None:
    """The file's type from its first bytes: "pdf", "jpeg", "png" or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    # Readers accept a PDF header anywhere in the first kilobyte (after junk some mailers prepend).
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return None


class DocumentReader:
    """Reads uploaded files into pages of text in a separate, bounded worker process."""

    def __init__(self, limits: ReadLimits = ReadLimits()) -> None:
        self.limits = limits
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")
        self._worker: _Worker | None = None

    def read(self, name: str, data: bytes, on_page: Callable[[int, int], None] | None = None) -> Document:
        """The file's pages of text, or its problem; `on_page(done, total)` reports progress."""
        sha256 = hashlib.sha256(data).hexdigest()
        kind = sniff(data)
        if len(data) > self.limits.max_file_bytes:
            pages: tuple[Page, ...] = ()
            problem: FileProblem | None = FileProblem.too_large
        elif kind is None:
            pages, problem = (), FileProblem.unsupported_type
        else:
            with self._lock:
                pages, problem = self._read_in_worker(kind, data, on_page)
        if problem is not None:
            log.info("document %r (%s) not read: %s", name, sha256[:12], problem)
        return Document(name=name, sha256=sha256, size=len(data), kind=kind, pages=pages, problem=problem)

    @property
    def worker_pid(self) -> int | None:
        """The reading worker's process id (None before the first file), for monitoring."""
        worker = self._worker
        return worker.pid if worker is not None else None

    def close(self) -> None:
        """Stops the worker; a later read starts a new one."""
        with self._lock:
            if self._worker is not None:
                self._worker.stop()
                self._worker = None

    def __enter__(self) -> DocumentReader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _read_in_worker(
        self, kind: str, data: bytes, on_page: Callable[[int, int], None] | None
    ) -> tuple[tuple[Page, ...], FileProblem | None]:
        """Runs one file through the worker, replacing the worker when it fails or grows too big."""
        try:
            try:
                outcome = self._live_worker().run(kind, data, self.limits, on_page)
            except _Gone:
                # It died between files (killed from outside): the file was never seen, so try once more.
                try:
                    outcome = self._replace_worker().run(kind, data, self.limits, on_page)
                except _Gone as gone:
                    raise RuntimeError("the document worker exits as soon as it starts") from gone
        except BaseException:
            # Whatever interrupted the file (a callback that raised, a lost worker) leaves the
            # worker mid-file, where its next messages would be misread.
            self._replace_worker()
            raise
        if outcome is None:
            self._replace_worker()
            return (), FileProblem.too_complex
        pages, problem, address_space = outcome
        if problem == FileProblem.too_complex or address_space > self.limits.memory_bytes * RECYCLE_SHARE:
            self._replace_worker()
        return pages, problem

    def _live_worker(self) -> _Worker:
        if self._worker is None or not self._worker.alive():
            return self._replace_worker()
        return self._worker

    def _replace_worker(self) -> _Worker:
        # The replacement starts now, so that its start-up overlaps with what the caller does next.
        if self._worker is not None:
            self._worker.stop()
        self._worker = _Worker(self._context, self.limits.memory_bytes)
        return self._worker


class _Gone(Exception):
    """The worker was not there to take a file."""


class _Worker:
    """The parent's handle on one worker process and its pipe."""

    def __init__(self, context: Any, memory_bytes: int) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, memory_bytes), name=_WORKER_NAME, daemon=True
        )
        self.process.start()
        child.close()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.is_alive()

    def run(
        self, kind: str, data: bytes, limits: ReadLimits, on_page: Callable[[int, int], None] | None
    ) -> tuple[tuple[Page, ...], FileProblem | None, int] | None:
        """(pages, problem, worker's address space) for one file; None when the worker overran or died."""
        deadline = time.monotonic() + limits.seconds_per_file
        try:
            self.conn.send((kind, limits.max_pages))
            self.conn.send_bytes(data)
        except OSError as error:
            raise _Gone from error
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self.conn.poll(remaining):
                    log.warning(
                        "document worker %s ran past %.0f s: killed", self.pid, limits.seconds_per_file
                    )
                    return None
                message = self.conn.recv()
                if message[0] == "progress":
                    if on_page is not None:
                        on_page(message[1], message[2])
                elif message[0] == "result":
                    return message[1], message[2], message[3]
                else:
                    raise RuntimeError(f"the document worker failed:\n{message[1]}")
        except (EOFError, OSError):
            log.warning("document worker %s died (exit code %s)", self.pid, self.process.exitcode)
            return None

    def stop(self) -> None:
        """Ends the process at once: a worker is only stopped idle or when it must not go on."""
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


# --- everything below runs in the worker process -------------------------------------------------


class _Refused(Exception):
    """The file cannot be read, for the given reason."""

    def __init__(self, problem: FileProblem) -> None:
        super().__init__(problem)
        self.problem = problem


def _worker_main(conn: Connection, memory_bytes: int) -> None:
    """Answers read requests from the pipe until it closes."""
    # Thread pools are sized when their libraries load, which is below, after this.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    os.nice(5)  # chat requests in the server come first
    # One malloc arena for all threads: every extra one reserves address space, which the cap counts.
    ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 1)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # Parser warnings about malformed files would only fill the server's error output.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    reader = _FileReader()
    while True:
        try:
            request = conn.recv()
            data = conn.recv_bytes()
        except EOFError:
            return
        kind, max_pages = request
        try:
            pages, problem = reader.read(
                kind, data, max_pages, lambda done, total: conn.send(("progress", done, total))
            )
        except MemoryError:
            pages, problem = (), FileProblem.too_complex
        except Exception:
            conn.send(("error", traceback.format_exc()))
            continue
        conn.send(("result", pages, problem, _address_space()))


def _address_space() -> int:
    """This process's address space in bytes, as RLIMIT_AS counts it."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


@contextmanager
def _parsing(encrypted: bool = False) -> Iterator[None]:
    """Turns what parsers raise on malformed or hostile input into the file's problem."""
    from PIL import Image
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    try:
        yield
    except _Refused:
        raise
    except (
        MemoryError,
        RecursionError,
        LimitReachedError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,  # raised: the worker makes it an error
    ) as error:
        raise _Refused(FileProblem.too_complex) from error
    except FileNotDecryptedError as error:
        raise _Refused(FileProblem.encrypted) from error
    except DependencyError as error:
        # AES needs the optional `cryptography` package: without it an AES-encrypted file stays closed.
        raise _Refused(FileProblem.encrypted if encrypted else FileProblem.corrupt) from error
    except Exception as error:
        # pypdf and PIL raise many kinds of errors on broken files; all mean the same to the applicant.
        raise _Refused(FileProblem.corrupt) from error


class _FileReader:
    """Reads one file at a time; the OCR engine loads on first need and stays."""

    def __init__(self) -> None:
        self._ocr: _Ocr | None = None

    @property
    def ocr(self) -> _Ocr:
        if self._ocr is None:
            self._ocr = _Ocr()
        return self._ocr

    def read(
        self, kind: str, data: bytes, max_pages: int, progress: Callable[[int, int], None]
    ) -> tuple[tuple[Page, ...], FileProblem | None]:
        """The file's pages and its problem (None when at least one page has text)."""
        try:
            pages = (
                self._read_pdf(data, max_pages, progress)
                if kind == "pdf"
                else self._read_image(data, progress)
            )
        except _Refused as refused:
            return (), refused.problem
        if not any(page.text.strip() for page in pages):
            return pages, FileProblem.unreadable
        return pages, None

    def _read_image(self, data: bytes, progress: Callable[[int, int], None]) -> tuple[Page, ...]:
        from PIL import Image, ImageOps

        progress(0, 1)
        with _parsing():
            image = _prepared(ImageOps.exif_transpose(_decoded(Image.open(io.BytesIO(data)))))
        text, confidence = self.ocr.read([image])
        progress(1, 1)
        return (Page(1, text, True, confidence),)

    def _read_pdf(
        self, data: bytes, max_pages: int, progress: Callable[[int, int], None]
    ) -> tuple[Page, ...]:
        from pypdf import PasswordType, PdfReader

        # Only decryption needs an optional package while a file opens (AES-256 keys are checked then).
        with _parsing(encrypted=True):
            # Viewers accept junk before the header, and the file's offsets count from the header.
            pdf = PdfReader(io.BytesIO(data[data.index(b"%PDF-") :]))
            # pypdf has tried the empty password already: a file that opens without one (an owner
            # password restricting copying or printing) is read, as any viewer shows its text.
            if pdf.is_encrypted and pdf.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise _Refused(FileProblem.encrypted)
            total = len(pdf.pages)
        if total > max_pages:
            raise _Refused(FileProblem.too_many_pages)
        progress(0, total)
        pages = []
        for number in range(1, total + 1):
            with _parsing(encrypted=pdf.is_encrypted):
                page = pdf.pages[number - 1]
                text = (page.extract_text() or "").strip()
                images = [] if _legible_chars(text) >= MIN_TEXT_CHARS else _page_images(page)
            if images:
                ocr_text, confidence = self.ocr.read(images)
                text = "\n".join(part for part in (text, ocr_text) if part)
                pages.append(Page(number, text, True, confidence if ocr_text else 0.0))
            else:
                pages.append(Page(number, text, False, 1.0 if text else 0.0))
            progress(number, total)
        return tuple(pages)


def _legible_chars(text: str) -> int:
    """Characters that say something: a font without a Unicode map yields private-use or replacement ones."""
    return sum(not (c.isspace() or "\ue000" <= c <= "\uf8ff" or c == "\ufffd") for c in text)


def _page_images(page: Any) -> list[Image.Image]:
    """The page's largest images (at most MAX_IMAGES_PER_PAGE), if big enough to hold text."""
    from pypdf.errors import DependencyError

    images: list[Image.Image] = []
    for key in page.images.keys()[: MAX_IMAGES_PER_PAGE * 4]:
        try:
            image = page.images[key].image
        except DependencyError:
            # JBIG2 needs the jbig2dec program: without it the image is unread, the file not broken.
            continue
        if image is not None and min(image.size) >= MIN_OCR_IMAGE_SIDE:
            images.append(_prepared(_decoded(image)))
            images.sort(key=lambda image: image.width * image.height, reverse=True)
            del images[MAX_IMAGES_PER_PAGE:]
    return images


@dataclass(frozen=True)
class _Line:
    box: np.ndarray  # 4×2 corners in the image, clockwise from where rapidocr's crop starts
    text: str
    score: float
    flipped: bool  # the angle classifier turned the crop upside down before reading it


class _Ocr:
    """PP-OCRv4 through rapidocr's stages (models ship inside its wheel), with lines in reading order."""

    def __init__(self) -> None:
        import cv2
        from rapidocr_onnxruntime import RapidOCR

        cv2.setNumThreads(1)
        # "max": the detector never enlarges what it is given (a thin strip would become huge).
        self.engine = RapidOCR(intra_op_num_threads=OCR_THREADS, inter_op_num_threads=1, det_limit_type="max")

    def read(self, images: list[Image.Image]) -> tuple[str, float]:
        """The text of the images, one after the other, and the mean confidence of its lines."""
        import cv2
        from rapidocr_onnxruntime.utils.infer_engine import ONNXRuntimeError

        texts, scores = [], []
        for image in images:
            try:
                lines = self._lines(_bgr(image))
            except (MemoryError, ONNXRuntimeError, cv2.error) as error:
                # Under the worker's address-space cap a failed allocation surfaces as any of these.
                raise _Refused(FileProblem.too_complex) from error
            if lines:
                texts.append(_in_reading_order(lines))
                scores += [line.score for line in lines]
        return "\n".join(texts), statistics.fmean(scores) if scores else 0.0

    def _lines(self, pixels: np.ndarray) -> list[_Line]:
        """Detects lines on a copy at most DET_MAX_SIDE, then reads each from the full-size image."""
        import cv2
        import numpy as np

        height, width = pixels.shape[:2]
        scale = min(1.0, DET_MAX_SIDE / max(height, width))
        small = pixels
        if scale < 1:
            small = cv2.resize(
                pixels, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
            )
        boxes, _ = self.engine.text_det(small)
        if boxes is None or len(boxes) == 0:
            return []
        boxes = [np.asarray(box, dtype=np.float32) / scale for box in boxes]
        crops = self.engine.get_crop_img_list(pixels, boxes)
        crops, flips, _ = self.engine.text_cls(crops)
        texts, _ = self.engine.text_rec(crops)
        threshold = self.engine.text_cls.cls_thresh
        return [
            _Line(box, text, float(score), label == "180" and flip_score > threshold)
            for box, (text, score, *_), (label, flip_score) in zip(boxes, texts, flips, strict=True)
            if score >= self.engine.text_score and text.strip()
        ]


def _in_reading_order(lines: list[_Line]) -> str:
    """The lines joined row by row as a reader sees them, whichever way up the page was photographed."""
    import numpy as np

    directions = []
    for line in lines:
        box = line.box
        along, across = box[1] - box[0], box[3] - box[0]
        # rapidocr turns a crop at least half again as tall as wide a quarter turn, and so reads down it.
        direction = across if np.linalg.norm(across) >= 1.5 * np.linalg.norm(along) else along
        directions.append(-direction if line.flipped else direction)
    angle = _reading_angle(directions)
    cos, sin = math.cos(-angle), math.sin(-angle)
    placed = []
    for line in lines:
        x, y = line.box.mean(axis=0)
        height = min(np.linalg.norm(line.box[1] - line.box[0]), np.linalg.norm(line.box[3] - line.box[0]))
        # (down the page, along the line) once the page is turned upright
        placed.append((x * sin + y * cos, x * cos - y * sin, height, line.text))
    placed.sort()
    rows: list[list[tuple[float, float, float, str]]] = []
    for item in placed:
        if rows and item[0] - rows[-1][0][0] < 0.5 * max(item[2], rows[-1][0][2]):
            rows[-1].append(item)
        else:
            rows.append([item])
    return "\n".join(" ".join(item[3] for item in sorted(row, key=lambda i: i[1])) for row in rows)


def _reading_angle(directions: list[np.ndarray]) -> float:
    """The page's reading direction (radians, image coordinates): the quarter turn most lines
    agree on, refined by their median skew within it."""
    angles = [math.atan2(d[1], d[0]) for d in directions]
    weights = [math.hypot(d[0], d[1]) for d in directions]
    quarters = [round(a / (math.pi / 2)) % 4 for a in angles]
    votes = [sum(w for q, w in zip(quarters, weights, strict=True) if q == quarter) for quarter in range(4)]
    quarter = votes.index(max(votes))
    base = quarter * math.pi / 2
    skews = [
        math.remainder(a - base, 2 * math.pi) for a, q in zip(angles, quarters, strict=True) if q == quarter
    ]
    return base + statistics.median(skews)


def _decoded(image: Image.Image) -> Image.Image:
    """The image decoded; a JPEG straight at the smallest scale that still gives OCR_MAX_SIDE."""
    factor = OCR_MAX_SIDE / max(image.size)
    if factor < 1:
        image.draft(image.mode, (math.ceil(image.width * factor), math.ceil(image.height * factor)))
    image.load()
    return image


def _prepared(image: Image.Image) -> Image.Image:
    """The image as OCR wants it: RGB on white, at most OCR_MAX_SIDE (shrunk in place)."""
    import numpy as np
    from PIL import Image

    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        # Deep greys (a 16-bit scan) would clip to white as RGB: stretch them to 8 bits instead.
        grey = np.asarray(image, dtype=np.float32)
        image = Image.fromarray((grey * (255 / max(float(grey.max()), 1.0))).astype(np.uint8))
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", image.size, (255, 255, 255, 255)), image)
    if max(image.size) > OCR_MAX_SIDE:
        image.thumbnail((OCR_MAX_SIDE, OCR_MAX_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return image.convert("RGB")


def _bgr(image: Image.Image) -> np.ndarray:
    """The pixels in OpenCV's BGR order."""
    import numpy as np

    return np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
