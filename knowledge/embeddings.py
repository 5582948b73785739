"""Sentence embeddings through sentence-transformers, cached on disk by model and text."""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def quiet_transformers() -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()


class Embedder:
    """Encodes queries and passages with a sentence-transformers model; passages are cached."""

    def __init__(
        self,
        model: str | Path,
        cache_dir: Path | None = None,
        batch_size: int = 32,
        query_cache_size: int = 4096,
    ):
        quiet_transformers()
        from sentence_transformers import SentenceTransformer

        self.model_name = str(model)
        self._model = SentenceTransformer(self.model_name, device="cpu")
        self._prompts = set(self._model.prompts or {})
        self.dimension = int(self._model.get_embedding_dimension())
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._cache = _VectorCache(cache_dir / "embeddings.sqlite3", self._model_key()) if cache_dir else None
        # Queries asked again at every start (the background topics) are kept on disk too.
        self._query_cache = (
            _VectorCache(cache_dir / "embeddings.sqlite3", "query:" + self._model_key())
            if cache_dir
            else None
        )
        self._recent_queries = _RecentVectors(query_cache_size)
        self._query_batches = _Batcher(lambda texts: self._encode(texts, "query"))

    def _model_key(self) -> str:
        path = Path(self.model_name)
        stamp = ""
        if path.is_dir():
            stamp = ";".join(f"{p.name}:{p.stat().st_size}" for p in sorted(path.glob("*.safetensors")))
        return hashlib.sha256(f"{self.model_name}|{stamp}|{self.dimension}".encode()).hexdigest()[:16]

    def _encode(self, texts: Sequence[str], prompt_name: str) -> np.ndarray:
        kwargs = {"prompt_name": prompt_name} if prompt_name in self._prompts else {}
        with self._lock:  # torch modules are not safe to call from several threads at once
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
                **kwargs,
            )
        return np.asarray(vectors, dtype=np.float32)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Query embeddings of `texts` (one row each); recent ones come from memory."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        found = self._recent_queries.get(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if len(missing) > self.batch_size:  # training data: one big encode, not through the batcher
            found.update(zip(missing, self._encode(missing, "query"), strict=True))
        elif missing:
            found.update(zip(missing, self._query_batches.encode(missing), strict=True))
            self._recent_queries.put({t: found[t] for t in missing})
        return np.stack([found[t] for t in texts])

    def remember_queries(self, texts: Sequence[str]) -> None:
        """Have these queries' vectors at hand: from the disk cache, or encoded once and kept there."""
        found = self._query_cache.get(texts) if self._query_cache else {}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            vectors = self._encode(missing, "query")
            found.update(zip(missing, vectors, strict=True))
            if self._query_cache:
                self._query_cache.put(zip(missing, vectors, strict=True))
        self._recent_queries.put(dict(found))

    def query(self, text: str) -> np.ndarray:
        """The query embedding of one text."""
        return self.queries([text])[0]

    def passages(
        self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None
    ) -> np.ndarray:
        """Embeddings of `texts` (one row each), computing only those not cached yet."""
        found = self._cache.get(texts) if self._cache else {}
        missing = sorted({t for t in texts if t not in found})
        if missing:
            step = max(self.batch_size * 4, 1)
            for start in range(0, len(missing), step):
                chunk = missing[start : start + step]
                vectors = self._encode(chunk, "passage")
                found.update(zip(chunk, vectors, strict=True))
                if self._cache:
                    self._cache.put(zip(chunk, vectors, strict=True))
                if progress:
                    progress(min(start + step, len(missing)), len(missing))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([found[t] for t in texts])


class _RecentVectors:
    """The most recently used query vectors, shared by the threads that parse and search."""

    def __init__(self, size: int):
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        with self._lock:
            found = {t: self._vectors[t] for t in texts if t in self._vectors}
            for text in found:
                self._vectors.move_to_end(text)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        with self._lock:
            for text, vector in vectors.items():
                vector.setflags(write=False)
                self._vectors[text] = vector
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)


class _Batcher:
    """Encodes texts asked for by concurrent callers together.

    One worker thread runs the model; what arrives while it encodes forms the next batch, so a
    lone message waits for nothing and fifty chats at once share a few forward passes.
    """

    def __init__(self, encode: Callable[[list[str]], np.ndarray], max_batch: int = 64):
        self._encode = encode
        self._max_batch = max_batch
        self._pending: queue.SimpleQueue[tuple[str, Future[np.ndarray]]] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None
        self._starting = threading.Lock()

    def encode(self, texts: Sequence[str]) -> list[np.ndarray]:
        self._start()
        futures: list[Future[np.ndarray]] = []
        for text in texts:
            futures.append(Future())
            self._pending.put((text, futures[-1]))
        return [future.result() for future in futures]

    def _start(self) -> None:
        with self._starting:
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="query-encoder", daemon=True)
                self._worker.start()

    def _run(self) -> None:
        while True:
            batch = [self._pending.get()]
            while len(batch) < self._max_batch:
                try:
                    batch.append(self._pending.get_nowait())
                except queue.Empty:
                    break
            try:
                vectors = self._encode([text for text, _ in batch])
            except Exception as error:  # every waiting caller sees the failure
                for _, future in batch:
                    future.set_exception(error)
                continue
            for (_, future), vector in zip(batch, vectors, strict=True):
                future.set_result(vector)


class _VectorCache:
    """A SQLite table of vectors keyed by model and text hash; safe across processes."""

    def __init__(self, path: Path, model_key: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._model_key = model_key
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT, text_hash TEXT, vector BLOB, "
                "PRIMARY KEY (model, text_hash))"
            )

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection that commits on success and is always closed."""
        db = sqlite3.connect(self._path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            with db:
                yield db
        finally:
            db.close()

    @staticmethod
    def _hash(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        by_hash = {self._hash(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        hashes = list(by_hash)
        with self._connect() as db:
            for start in range(0, len(hashes), 500):
                chunk = hashes[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT text_hash, vector FROM vectors WHERE model = ? AND text_hash IN ({marks})",
                    [self._model_key, *chunk],
                )
                for text_hash, blob in rows:
                    found[by_hash[text_hash]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, pairs: object) -> None:
        rows = [(self._model_key, self._hash(t), np.asarray(v, np.float32).tobytes()) for t, v in pairs]
        with self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
