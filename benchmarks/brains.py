"""The embedded brain and the Rasa brain side by side, on the same data and the same machine.

Run: .venv/bin/python benchmarks/brains.py [--users 50] [--seconds 30]
Needs the Rasa environment (`make rasa`). Measures, for each brain: intent accuracy and macro-F1
on one held-out 20 % of nlu/data (both train on the other 80 %, with Rasa's FallbackClassifier
semantics: an `nlu_fallback` counts as wrong), the time that training takes, per-message latency
through OneWindow's REST channel (one user at a time), messages per second with `--users` users
at once, peak memory of the brain's process, and start-up time. Prints a table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from conversation import conversations, load, percentile, start_server  # noqa: E402

from onewindow import rasa_server  # noqa: E402

RASA_PORT = 5077
SERVER_PORT = 8766

# Run inside Rasa's own environment: parse every held-out text with the split model.
_RASA_PARSE = """
import asyncio, json, sys
from rasa.core.agent import Agent
async def main():
    agent = Agent.load(sys.argv[1])
    texts = json.load(open(sys.argv[2], encoding="utf-8"))
    names = [(await agent.parse_message(t))["intent"]["name"] for t in texts]
    json.dump(names, open(sys.argv[3], "w"))
asyncio.run(main())
"""


@dataclass
class Row:
    accuracy: float = 0.0
    macro_f1: float = 0.0
    training_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    per_second: float = 0.0
    load_p95_ms: float = 0.0
    peak_mb: float = 0.0
    startup_s: float = 0.0
    notes: list[str] = field(default_factory=list)


def held_out_split(folder: Path, seed: int = 0) -> tuple[list[dict[str, object]], list[tuple[str, str]]]:
    """Training blocks in Rasa's format (80 % of each intent's examples, every regex, lookup and
    synonym) and the held-out (text, intent) pairs."""
    from nlu.training import example_lines, plain_text

    shuffle = random.Random(seed).shuffle
    blocks: list[dict[str, object]] = []
    held_out: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" not in block:
                blocks.append(block)
                continue
            examples = example_lines(block["examples"])
            shuffle(examples)
            cut = max(1, round(len(examples) * 0.2))
            held_out += [(plain_text(e), str(block["intent"])) for e in examples[:cut]]
            train = "".join(f"- {e}\n" for e in examples[cut:])
            blocks.append({"intent": block["intent"], "examples": train})
    return blocks, held_out


def scores(expected: list[str], predicted: list[str]) -> tuple[float, float]:
    from sklearn.metrics import accuracy_score, f1_score

    labels = sorted(set(expected))
    return (
        float(accuracy_score(expected, predicted)),
        float(f1_score(expected, predicted, labels=labels, average="macro", zero_division=0)),
    )


def embedded_nlu(blocks: list[dict[str, object]], held_out: list[tuple[str, str]], row: Row) -> None:
    from knowledge.base import KnowledgeBase
    from knowledge.loader import SAMPLE_CATALOGUE
    from nlu.classifier import IntentClassifier
    from nlu.training import read_training_data

    embedder = KnowledgeBase.build(SAMPLE_CATALOGUE, ROOT / "var", None).index.embedder
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "nlu.yml").write_text(
            yaml.safe_dump({"nlu": blocks}, allow_unicode=True), encoding="utf-8"
        )
        training = read_training_data(Path(folder))
    started = time.perf_counter()
    classifier = IntentClassifier.train(training, embedder.queries)
    row.training_s = time.perf_counter() - started
    predicted = [str(classifier.classify(text)[0]["name"]) for text, _ in held_out]
    row.accuracy, row.macro_f1 = scores([i for _, i in held_out], predicted)


def rasa_nlu(blocks: list[dict[str, object]], held_out: list[tuple[str, str]], row: Row) -> None:
    rasa = rasa_server.setup(print)
    python = rasa.parent / "python"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "nlu.yml").write_text(
            yaml.safe_dump({"version": "3.1", "nlu": blocks}, allow_unicode=True), encoding="utf-8"
        )
        started = time.perf_counter()
        command = [
            str(rasa), "train", "nlu", "--config", str(rasa_server.CONFIG), "--nlu", str(work / "nlu.yml"),
            "--out", str(work), "--fixed-model-name", "split",
        ]  # fmt: skip
        subprocess.run(command, env=rasa_server.rasa_environment(), cwd=work, check=True, capture_output=True)
        row.training_s = time.perf_counter() - started
        (work / "texts.json").write_text(
            json.dumps([t for t, _ in held_out], ensure_ascii=False), encoding="utf-8"
        )
        parse = [
            str(python),
            "-c",
            _RASA_PARSE,
            str(work / "split.tar.gz"),
            str(work / "texts.json"),
            str(work / "out.json"),
        ]
        subprocess.run(parse, env=rasa_server.rasa_environment(), cwd=work, check=True, capture_output=True)
        predicted = json.loads((work / "out.json").read_text())
    row.accuracy, row.macro_f1 = scores([i for _, i in held_out], predicted)


def peak_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def rasa_pid() -> int:
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = status.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"run" in command and str(RASA_PORT).encode() in command and any(b"rasa" in c for c in command):
            return int(status.parent.name)
    raise RuntimeError("the Rasa process was not found")


def wait_for_rasa(started: float) -> float:
    """Seconds from `started` until Rasa has loaded its model."""
    while time.time() - started < 900:
        try:
            if httpx.get(f"http://127.0.0.1:{RASA_PORT}/status", timeout=2).json().get("model_file"):
                return time.time() - started
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    raise RuntimeError("Rasa did not load its model in 15 minutes")


async def one_at_a_time(url: str) -> list[float]:
    timings = []
    async with httpx.AsyncClient(timeout=60) as client:
        for turns in conversations():
            sender = f"brains-{uuid.uuid4()}"
            for text in turns:
                start = time.perf_counter()
                response = await client.post(
                    f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
                )
                response.raise_for_status()
                timings.append((time.perf_counter() - start) * 1000)
    return timings


def serving(brain: str, row: Row, users: int, seconds: float) -> None:
    database_url = f"sqlite:///{tempfile.mkdtemp()}/brains.sqlite3"
    settings = {"ONEWINDOW_BRAIN": brain, "ONEWINDOW_RASA_URL": f"http://127.0.0.1:{RASA_PORT}"}
    if brain == "rasa":
        rasa_server.train(print)  # the full model, cached by the files' hash
    started = time.time()
    server = start_server(SERVER_PORT, database_url, settings=settings)
    url = f"http://127.0.0.1:{SERVER_PORT}"
    try:
        row.startup_s = time.time() - started
        if brain == "rasa":
            row.startup_s = wait_for_rasa(started)
            row.notes.append(f"OneWindow's own process beside Rasa: {peak_mb(server.pid):.0f} MB")
        asyncio.run(load(url, 2, 5, 0))  # warm-up
        single = asyncio.run(one_at_a_time(url))
        row.p50_ms, row.p95_ms = statistics.median(single), percentile(single, 0.95)
        timings, errors, elapsed = asyncio.run(load(url, users, seconds, 0))
        row.per_second, row.load_p95_ms = len(timings) / elapsed, percentile(timings, 0.95)
        if errors:
            row.notes.append(f"{errors} errors under load")
        row.peak_mb = peak_mb(rasa_pid() if brain == "rasa" else server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--users", type=int, default=50)
    options.add_argument("--seconds", type=float, default=30)
    args = options.parse_args()

    blocks, held_out = held_out_split(ROOT / "nlu" / "data")
    rows = {"embedded": Row(), "rasa": Row()}
    embedded_nlu(blocks, held_out, rows["embedded"])
    rasa_nlu(blocks, held_out, rows["rasa"])
    for brain, row in rows.items():
        serving(brain, row, args.users, args.seconds)

    embedded, rasa = rows["embedded"], rows["rasa"]
    print(f"held-out split: {len(held_out)} examples of {len({i for _, i in held_out})} intents (seed 0)\n")
    print("| measure | embedded | Rasa 3.6 (DIET, TED) | embedded / Rasa |")
    print("|---|---|---|---|")
    for name, unit, attribute in (
        ("intent accuracy (held-out 20 %)", "", "accuracy"),
        ("intent macro-F1 (held-out 20 %)", "", "macro_f1"),
        ("NLU training on 80 %", " s", "training_s"),
        ("REST latency p50, one user", " ms", "p50_ms"),
        ("REST latency p95, one user", " ms", "p95_ms"),
        (f"messages/s, {args.users} users, no think time", "", "per_second"),
        (f"REST latency p95, {args.users} users", " ms", "load_p95_ms"),
        ("peak memory of the brain's process", " MB", "peak_mb"),
        ("start-up until it answers", " s", "startup_s"),
    ):
        mine, theirs = getattr(embedded, attribute), getattr(rasa, attribute)
        digits = 3 if unit == "" and mine <= 1 else 1
        ratio = f"{mine / theirs:.2f}" if theirs else "-"
        print(f"| {name} | {mine:.{digits}f}{unit} | {theirs:.{digits}f}{unit} | {ratio} |")
    for brain, row in rows.items():
        for note in row.notes:
            print(f"\n{brain}: {note}")


if __name__ == "__main__":
    main()
