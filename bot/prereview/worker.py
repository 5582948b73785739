"""The document worker: parsing, decoding and OCR of untrusted bytes, in a process of its own
(bot.prereview.documents starts it and bounds it in time and memory)."""

from __future__ import annotations

import ctypes
import io
import logging
import math
import os
import resource
import statistics
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from bot.prereview.documents import FileProblem, Page
from bot.prereview.ocr import Line, Ocr, OcrOverrun, in_reading_order

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    from bot.prereview.marks import Box

# A text layer with fewer legible characters than this is treated as absent when the page has images.
MIN_TEXT_CHARS = 10
# Images are shrunk to this longest side before OCR: 150–200 dpi pages read as well, much faster.
OCR_MAX_SIDE = 2000
# Text pages are drawn this big to look for seals and signatures.
RENDER_MAX_SIDE = 1400
# Beyond this many pixels an image is refused (PIL's bomb guard); a 48-megapixel photo still passes.
MAX_IMAGE_PIXELS = 100_000_000
# Images smaller than this on a PDF page are logos, stamps or rules, not scanned text.
MIN_OCR_IMAGE_SIDE = 24
MAX_IMAGES_PER_PAGE = 4
_M_ARENA_MAX = -8  # glibc's mallopt parameter


class _Refused(Exception):
    """The file cannot be read, for the given reason."""

    def __init__(self, problem: FileProblem) -> None:
        super().__init__(problem)
        self.problem = problem


def worker_main(conn: Connection, memory_bytes: int) -> None:
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
        self._ocr: Ocr | None = None

    @property
    def ocr(self) -> Ocr:
        if self._ocr is None:
            self._ocr = Ocr()
        return self._ocr

    def read(
        self, kind: str, data: bytes, max_pages: int, progress: Callable[[int, int], None]
    ) -> tuple[tuple[Page, ...], FileProblem | None]:
        """The file's pages and its problem (None when at least one page has text)."""
        try:
            pages = (
                self._read_pdf(data, max_pages, progress)
                if kind == "pdf"
                else self._read_image(kind, data, progress)
            )
        except _Refused as refused:
            return (), refused.problem
        if not any(page.text.strip() for page in pages):
            return pages, FileProblem.unreadable
        return pages, None

    def _read_image(self, kind: str, data: bytes, progress: Callable[[int, int], None]) -> tuple[Page, ...]:
        from PIL import Image, ImageOps

        progress(0, 1)
        with _parsing():
            if kind == "heic":
                import pillow_heif

                pillow_heif.register_heif_opener()
            image = _prepared(ImageOps.exif_transpose(_decoded(Image.open(io.BytesIO(data)))))
        page = self._seen(1, "", [image])
        progress(1, 1)
        return (page,)

    def _read_pdf(
        self, data: bytes, max_pages: int, progress: Callable[[int, int], None]
    ) -> tuple[Page, ...]:
        from pypdf import PasswordType, PdfReader

        data = data[data.index(b"%PDF-") :]
        # Only decryption needs an optional package while a file opens (AES-256 keys are checked then).
        with _parsing(encrypted=True):
            # Viewers accept junk before the header, and the file's offsets count from the header.
            pdf = PdfReader(io.BytesIO(data))
            # pypdf has tried the empty password already: a file that opens without one (an owner
            # password restricting copying or printing) is read, as any viewer shows its text.
            if pdf.is_encrypted and pdf.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise _Refused(FileProblem.encrypted)
            total = len(pdf.pages)
        if total > max_pages:
            raise _Refused(FileProblem.too_many_pages)
        progress(0, total)
        pages = []
        rendered = _Renderer(data)
        for number in range(1, total + 1):
            with _parsing(encrypted=pdf.is_encrypted):
                page = pdf.pages[number - 1]
                text = (page.extract_text() or "").strip()
                images = [] if _legible_chars(text) >= MIN_TEXT_CHARS else _page_images(page)
            if images:
                pages.append(self._seen(number, text, images))
            else:
                seal, signature = rendered.marks(number - 1)
                pages.append(Page(number, text, False, 1.0 if text else 0.0, seal, signature))
            progress(number, total)
        return tuple(pages)

    def _seen(self, number: int, text: str, images: list[Image.Image]) -> Page:
        """A page made of images: their text read by OCR, after `text`, and the marks on them."""
        from bot.prereview import marks

        texts, scores, seals, signatures = [text] if text else [], [], [], []
        for image in images:
            pixels = _bgr(image)
            grey = marks.is_grey(pixels)
            found = [] if grey else marks.red_seals(pixels)
            try:
                lines = self.ocr.lines(marks.without_seals(pixels, found))
            except OcrOverrun as error:
                raise _Refused(FileProblem.too_complex) from error
            if lines:
                texts.append(in_reading_order(lines))
                scores += [line.score for line in lines]
            # a grey copy shows a seal as a grey ring; without one, the red may just not have shown
            seals.append((True if marks.grey_seals(pixels) else None) if grey else bool(found))
            signatures.append(marks.signature(pixels, [_box(line) for line in lines]))
        return Page(
            number,
            "\n".join(texts),
            True,
            statistics.fmean(scores) if scores else 0.0,
            _any(seals),
            _any(signatures),
        )


def _any(found: list[bool | None]) -> bool | None:
    """True when any image shows it, False when some looked and none does, None when none could look."""
    return True if True in found else False if False in found else None


def _box(line: Line) -> Box:
    from bot.prereview.marks import Box

    xs, ys = line.box[:, 0], line.box[:, 1]
    return Box(line.text, float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))


class _Renderer:
    """Text pages drawn with PDFium, only to look for seals and signatures (their text is read already)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._pdf: Any = None

    def marks(self, index: int) -> tuple[bool | None, bool | None]:
        """(a red seal, a signed signature space) on the page; None where it could not be drawn
        (a broken page, or no memory left under the worker's cap: the text is read all the same)."""
        try:
            import pypdfium2

            from bot.prereview import marks

            if self._pdf is None:
                self._pdf = pypdfium2.PdfDocument(self.data)
            page = self._pdf[index]
            pixels, boxes = _drawn(page, RENDER_MAX_SIDE / max(*page.get_size(), 1.0))
            return bool(marks.red_seals(pixels)), marks.signature(pixels, boxes)
        except Exception:
            # PDFium's errors on a page pypdf could read, memory refused under the cap (an import
            # refused memory raises ImportError): the text stands, the marks stay unseen.
            return None, None


def _drawn(page: Any, scale: float) -> tuple[np.ndarray, list[Box]]:
    """A PDFium page drawn at `scale`, and its text runs with their boxes in the drawing's pixels."""
    from bot.prereview.marks import Box

    height = page.get_size()[1]
    pixels = _bgr(page.render(scale=scale).to_pil().convert("RGB"))
    text = page.get_textpage()
    boxes: list[Box] = []
    for rect in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(rect)
        words = text.get_text_bounded(left, bottom, right, top)
        box = Box(words, left * scale, (height - top) * scale, right * scale, (height - bottom) * scale)
        last = boxes[-1] if boxes else None
        # PDFium cuts a line into runs wherever the font or spacing changes: join them again.
        if last and abs(last.y0 - box.y0) < 0.5 * box.height and 0 <= box.x0 - last.x1 < 1.5 * box.height:
            boxes[-1] = Box(last.text + words, last.x0, min(last.y0, box.y0), box.x1, max(last.y1, box.y1))
        else:
            boxes.append(box)
    return pixels, boxes


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
