"""Uploaded files (PDF, JPEG, PNG, WebP, HEIC) read into pages of text by a worker process bounded in time and memory.

Parsing, decoding and OCR of untrusted bytes happen in one long-lived spawned worker
(bot.prereview.worker); a file that overruns its time, memory or a parser limit is `too_complex`, and its worker is replaced.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

# A worker whose address space grew past this share of its cap is replaced after the file: freed
# buffers fragment the heap, and the cap counts address space, not memory in use.
RECYCLE_SHARE = 0.75

_WORKER_NAME = "onewindow-document-reader"


@dataclass(frozen=True)
class Page:
    number: int  # 1-based page number within the file (1 for an image)
    text: str  # the text read from the page ('' when none)
    ocr: bool  # True when the text came from OCR
    confidence: float  # mean OCR confidence 0..1 for OCR pages; 1.0 for text-layer pages; 0.0 when no text
    seal: bool | None = None  # a red seal is on it; None when that could not be seen (a grey scan)
    signature: bool | None = None  # its signature space is signed; None when it has none


class FileProblem(StrEnum):
    encrypted = "encrypted"  # password-protected PDF
    corrupt = "corrupt"  # can't be parsed
    unsupported_type = (
        "unsupported_type"  # not PDF/JPEG/PNG/WebP/HEIC by content (magic bytes), whatever the name says
    )
    too_large = "too_large"  # over limits.max_file_bytes
    too_many_pages = "too_many_pages"
    too_complex = "too_complex"  # time or memory budget exceeded (PDF bombs, decompression bombs, ...)
    unreadable = "unreadable"  # parsed fine, but no page has any readable text (blank or hopeless scan)


@dataclass(frozen=True)
class Document:
    name: str  # the uploaded file name (display only; never used for paths or type)
    sha256: str  # of the bytes
    size: int
    kind: str | None  # "pdf" | "jpeg" | "png" | "webp" | "heic" | None when unsupported
    pages: tuple[Page, ...]
    problem: FileProblem | None = None


@dataclass(frozen=True)
class ReadLimits:
    max_file_bytes: int = 20 * 1024 * 1024
    max_pages: int = 50
    seconds_per_file: float = 60.0
    memory_bytes: int = 1536 * 1024 * 1024  # address-space cap of the reading process


# ISO base media brands of HEIF stills, as iPhones and Android cameras write them.
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


def sniff(data: bytes) -> str | None:
    """The file's type from its first bytes: "pdf", "jpeg", "png", "webp", "heic" or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "heic"
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
        from bot.prereview.worker import worker_main

        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=worker_main, args=(child, memory_bytes), name=_WORKER_NAME, daemon=True
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
