"""Cross-validated intent accuracy and macro-F1 on the project's NLU data, with the confusions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

from knowledge.text import normalise
from nlu.classifier import Encode, IntentClassifier, lexical_features, svm
from nlu.training import TrainingData


@dataclass
class NluReport:
    examples: int
    intents: int
    accuracy: float
    macro_f1: float
    confusions: list[tuple[str, str, int]] = field(default_factory=list)  # (true, predicted, count)


def cross_validate(training: TrainingData, encode: Encode | None, folds: int = 5, seed: int = 0) -> NluReport:
    """Train on k-1 folds, predict the held-out fold, k times; every example is predicted once."""
    texts = [normalise(t) for t, _ in training.examples]
    labels = [i for _, i in training.examples]
    predicted = [""] * len(texts)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(texts, labels):
        lexical = lexical_features()
        features = IntentClassifier.features(lexical, encode, [texts[i] for i in train], fit=True)
        model = svm().fit(features, [labels[i] for i in train])
        guesses = model.predict(IntentClassifier.features(lexical, encode, [texts[i] for i in test]))
        for index, label in zip(test, guesses, strict=True):
            predicted[index] = str(label)
    confusions = Counter((t, p) for t, p in zip(labels, predicted, strict=True) if t != p)
    return NluReport(
        examples=len(texts),
        intents=len(set(labels)),
        accuracy=float(accuracy_score(labels, predicted)),
        macro_f1=float(f1_score(labels, predicted, average="macro")),
        confusions=[(t, p, n) for (t, p), n in confusions.most_common()],
    )
