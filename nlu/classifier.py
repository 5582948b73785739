"""The embedded intent classifier: character n-grams, jieba words and sentence embeddings, a calibrated
linear SVM.

Trained from the same nlu/data files as Rasa's pipeline, in seconds, and cached by data hash. Its
parse result has Rasa's shape, including the `nlu_fallback` of Rasa's FallbackClassifier with the
thresholds of nlu/config.yml.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jieba
import joblib
import numpy as np
import yaml
from scipy import sparse
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from knowledge.text import normalise
from nlu.training import DATA_DIR, TrainingData, read_training_data

log = logging.getLogger(__name__)

CONFIG = Path(__file__).parent / "config.yml"
FALLBACK_INTENT = "nlu_fallback"
EMBEDDING_WEIGHT = 3.0  # by cross-validation (`onewindow eval nlu`): macro-F1 0.72 without embeddings
_VERSION = "3"  # bump when the features or model change, to invalidate caches

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class FallbackThresholds:
    threshold: float = 0.45
    ambiguity_threshold: float = 0.05


def fallback_thresholds(config: Path = CONFIG) -> FallbackThresholds:
    """The FallbackClassifier settings of the Rasa pipeline, so that both brains fall back alike."""
    pipeline = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("pipeline", [])
    for component in pipeline:
        if component.get("name") == "FallbackClassifier":
            return FallbackThresholds(
                float(component.get("threshold", 0.45)), float(component.get("ambiguity_threshold", 0.05))
            )
    return FallbackThresholds()


def _words(text: str) -> list[str]:
    return [w for w in jieba.lcut(text) if w.strip()]


def lexical_features() -> FeatureUnion:
    return FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True)),
            ("words", TfidfVectorizer(tokenizer=_words, token_pattern=None, sublinear_tf=True)),
        ]
    )


def svm() -> CalibratedClassifierCV:
    return CalibratedClassifierCV(LinearSVC(C=1.0), cv=5, method="sigmoid")


def data_hash(training: TrainingData, model_name: str) -> str:
    payload = json.dumps([_VERSION, model_name, training.examples], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


class SigmoidEnsemble:
    """The probabilities of a fitted CalibratedClassifierCV(LinearSVC, method="sigmoid") from one
    sparse product: sklearn checks the input of every calibrator of every fold, which costs tens
    of milliseconds a message."""

    def __init__(self, model: CalibratedClassifierCV):
        if model.method != "sigmoid" or len(model.classes_) < 3:
            raise ValueError("only multiclass sigmoid calibration is compiled")
        self.classes = model.classes_
        folds = model.calibrated_classifiers_
        position = {c: i for i, c in enumerate(model.classes_)}
        # Every fold's one-vs-rest classes side by side: features × (classes of fold 1, fold 2, …).
        self._weights = np.ascontiguousarray(np.vstack([f.estimator.coef_ for f in folds]).T)
        self._intercepts = np.concatenate([f.estimator.intercept_ for f in folds])
        self._a = np.concatenate([[c.a_ for c in f.calibrators] for f in folds])
        self._b = np.concatenate([[c.b_ for c in f.calibrators] for f in folds])
        self._columns = [np.array([position[c] for c in f.estimator.classes_]) for f in folds]

    def predict_proba(self, features: sparse.csr_matrix) -> np.ndarray:
        scores = np.asarray(features @ self._weights) + self._intercepts
        calibrated = expit(-(self._a * scores + self._b))
        mean, start = np.zeros((features.shape[0], len(self.classes))), 0
        for columns in self._columns:
            proba = np.zeros_like(mean)
            proba[:, columns] = calibrated[:, start : start + len(columns)]
            start += len(columns)
            total = proba.sum(axis=1, keepdims=True)
            proba = np.divide(proba, total, out=np.full_like(proba, 1 / len(self.classes)), where=total != 0)
            proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
            mean += proba
        return mean / len(self._columns)


class IntentClassifier:
    """Ranks intents for a text, with Rasa's fallback semantics."""

    def __init__(
        self,
        lexical: FeatureUnion,
        model: CalibratedClassifierCV,
        encode: Encode | None,
        thresholds: FallbackThresholds,
    ):
        self._lexical = lexical
        self._model = model
        self._ensemble = SigmoidEnsemble(model)
        self._encode = encode
        self.thresholds = thresholds
        self.intents: list[str] = [str(c) for c in model.classes_]

    @staticmethod
    def features(
        lexical: FeatureUnion, encode: Encode | None, texts: list[str], fit: bool = False
    ) -> sparse.csr_matrix:
        matrix = lexical.fit_transform(texts) if fit else lexical.transform(texts)
        if encode is None:
            return sparse.csr_matrix(matrix)
        embedded = sparse.csr_matrix(encode(texts) * EMBEDDING_WEIGHT)
        return sparse.hstack([matrix, embedded], format="csr")

    @classmethod
    def train(cls, training: TrainingData, encode: Encode | None) -> IntentClassifier:
        texts = [normalise(t) for t, _ in training.examples]
        labels = [i for _, i in training.examples]
        lexical = lexical_features()
        model = svm().fit(cls.features(lexical, encode, texts, fit=True), labels)
        return cls(lexical, model, encode, fallback_thresholds())

    @classmethod
    def load_or_train(
        cls, cache_dir: Path | None, encode: Encode | None, model_name: str = "", data_dir: Path = DATA_DIR
    ) -> IntentClassifier:
        """The classifier for the current training data, from the cache when the data is unchanged."""
        training = read_training_data(data_dir)
        path = cache_dir / f"intents-{data_hash(training, model_name)}.joblib" if cache_dir else None
        if path and path.exists():
            try:
                lexical, model = joblib.load(path)
                return cls(lexical, model, encode, fallback_thresholds())
            except Exception:  # a cache written by other library versions: train again
                log.warning("NLU cache %s unreadable; retraining", path.name)
        classifier = cls.train(training, encode)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            joblib.dump((classifier._lexical, classifier._model), path)
        return classifier

    def rank(self, text: str) -> list[tuple[str, float]]:
        features = self.features(self._lexical, self._encode, [normalise(text)])
        probabilities = self._ensemble.predict_proba(features)[0]
        order = np.argsort(-probabilities)
        return [(self.intents[i], float(probabilities[i])) for i in order]

    def classify(self, text: str) -> tuple[dict[str, object], list[dict[str, object]]]:
        """Rasa's `intent` and `intent_ranking`, with `nlu_fallback` when unsure."""
        ranking = self.rank(text)
        (top, confidence), runner_up = ranking[0], ranking[1][1] if len(ranking) > 1 else 0.0
        rows: list[dict[str, object]] = [{"name": n, "confidence": round(c, 4)} for n, c in ranking[:10]]
        unsure = confidence < self.thresholds.threshold
        ambiguous = confidence - runner_up < self.thresholds.ambiguity_threshold
        if unsure or ambiguous:
            fallback = {"name": FALLBACK_INTENT, "confidence": self.thresholds.threshold}
            return fallback, [fallback, *rows]
        return {"name": top, "confidence": round(confidence, 4)}, rows
