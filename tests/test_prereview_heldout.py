"""Pre-review on a hall's catalogue and documents it was not written against (tests/heldout/a:
written by a helper who never saw the checker; only its summary tables were ever looked at)."""

from __future__ import annotations

import pytest

from tests import documents_factory as make
from tests import prereview_eval
from tests.heldout.a import corpus

pytestmark = pytest.mark.skipif(not make.font_available(), reason=make.FONT_MISSING)


@pytest.fixture(scope="module")
def reader():
    from bot.prereview.documents import DocumentReader

    with DocumentReader() as reader:
        yield reader


@pytest.mark.slow
def test_another_halls_documents_get_the_right_status(reader) -> None:
    """≥ 95 % of materials right on corpus a, and no wrong or absent material passed as `ok`."""
    outcome = prereview_eval.run(corpus, reader)
    assert len(outcome.rows) >= 200 and sum(len(c.files) for c in corpus.cases()) >= 150
    assert not outcome.false_ok, "ok for a wrong document:\n" + "\n".join(outcome.misses())
    assert outcome.right / len(outcome.rows) >= 0.95, "\n".join(outcome.misses())
