"""The knowledge base: a checked catalogue with its search index, built in one call."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from knowledge.answer import Answer, Facet, build_answer
from knowledge.embeddings import Embedder
from knowledge.loader import load_catalogue
from knowledge.provision import DEFAULT_MODEL_NAME, provision_default_model
from knowledge.schema import Catalogue, Lang
from knowledge.search import SearchIndex, SearchResult

log = logging.getLogger(__name__)


def resolve_model(model: str | None, data_dir: Path, progress: Callable[[str], None] = log.info) -> str:
    """The embedding model to load: the given name or folder, else the provisioned default."""
    if model:
        return model
    return str(provision_default_model(data_dir / "models" / DEFAULT_MODEL_NAME, progress))


@dataclass
class KnowledgeBase:
    catalogue: Catalogue
    index: SearchIndex

    @classmethod
    def build(
        cls,
        catalogue_path: Path,
        data_dir: Path,
        model: str | None = None,
        progress: Callable[[str], None] = log.info,
    ) -> KnowledgeBase:
        """Load and check the catalogue (CatalogueError if broken), then index it."""
        catalogue = load_catalogue(catalogue_path)
        embedder = Embedder(resolve_model(model, data_dir, progress), cache_dir=data_dir / "cache")

        def indexing(done: int, total: int) -> None:
            progress(f"Embedding catalogue texts: {done}/{total}")

        index = SearchIndex(catalogue, embedder, progress=indexing)
        progress(f"Catalogue {catalogue.center.id}: {len(catalogue.items)} items indexed")
        return cls(catalogue, index)

    def search(self, query: str, k: int = 5) -> SearchResult:
        return self.index.search(query, k)

    def answer(
        self,
        item_id: str,
        lang: Lang,
        scenario_id: str | None = None,
        facets: tuple[Facet, ...] | None = None,
    ) -> Answer:
        item = self.catalogue.item(item_id)
        if item is None:
            raise KeyError(item_id)
        return build_answer(self.catalogue, item, lang, scenario_id, facets)
