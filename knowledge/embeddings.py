"""Sentence embeddings through sentence-transformers, cached on disk by model and text."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
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

    def __init__(self, model: str | Path, cache_dir: Path | None = None, batch_size: int = 32):
        quiet_transformers()
        from sentence_transformers import SentenceTransformer

        self.model_name = str(model)
        self._model = SentenceTransformer(self.model_name, device="cpu")
        self._prompts = set(self._model.prompts or {})
        self.dimension = int(self._model.get_embedding_dimension())
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._cache = _VectorCache(cache_dir / "embeddings.sqlite3", self._model_key()) if cache_dir else None
        self.query = lru_cache(maxsize=2048)(self._query_uncached)

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
        """Query embeddings of many texts at once (not cached)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._encode(texts, "query")

    def _query_uncached(self, text: str) -> np.ndarray:
        vector = self._encode([text], "query")[0]
        vector.setflags(write=False)
        return vector

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
