"""Search benchmark: query latency, index build (cold and warm), peak memory, warm server start.

Run: .venv/bin/python benchmarks/search.py [--sizes sample,1000,10000]
Each size runs in its own process so that peak memory is its own. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE_QUESTIONS = ROOT / "tests" / "data" / "halls" / "songbei-sample" / "questions.jsonl"
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def synthetic(size: int):
    """A catalogue of `size` items made from the sample's, each with its own distinct texts."""
    from knowledge.loader import SAMPLE_CATALOGUE, load_catalogue

    sample = load_catalogue(SAMPLE_CATALOGUE)
    items = []
    for n in range(size):
        base = sample.items[n % len(sample.items)]
        suffix = f"（第{n // len(sample.items) + 1}分厅）"
        items.append(
            base.model_copy(
                update={
                    "id": f"{base.id}-{n}",
                    "name": base.name.model_copy(
                        update={"zh": base.name.zh + suffix, "en": f"{base.name.en} #{n}"}
                    ),
                    "aliases": [a + suffix for a in base.aliases[:2]],
                    "faq": [],
                    "scenarios": [],
                }
            )
        )
    return sample.model_copy(update={"items": items})


def measure(size: str) -> dict[str, float]:
    from knowledge.base import resolve_model
    from knowledge.embeddings import Embedder
    from knowledge.evaluation import read_questions
    from knowledge.loader import SAMPLE_CATALOGUE, load_catalogue
    from knowledge.search import SearchIndex

    catalogue = load_catalogue(SAMPLE_CATALOGUE) if size == "sample" else synthetic(int(size))
    model = resolve_model(None, ROOT / "var")
    questions = [q.q for q in read_questions(SAMPLE_QUESTIONS)][:200]
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        SearchIndex(catalogue, Embedder(model, Path(cache)))
        cold = time.perf_counter() - started
        started = time.perf_counter()
        embedder = Embedder(model, Path(cache))
        index = SearchIndex(catalogue, embedder)
        warm = time.perf_counter() - started
    latencies = []
    for question in questions:
        started = time.perf_counter()
        index.search(question)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    return {
        "items": len(catalogue.items),
        "passages": len(index.space.passage_entry),
        "cold_s": cold,
        "warm_s": warm,
        "p50_ms": latencies[len(latencies) // 2],
        "p95_ms": latencies[int(len(latencies) * 0.95)],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def server_warm_start() -> float:
    """Seconds from `onewindow serve` to a healthy server, with the model and embeddings cached."""
    port = 8765
    env = {**os.environ, "ONEWINDOW_DATA_DIR": str(ROOT / "var")}
    command = [sys.executable, "-m", "onewindow.cli", "serve", "--port", str(port)]
    subprocess.run([*command[:3], "model"], env=env, capture_output=True, check=True)
    timings = []
    for _ in range(2):  # the first run fills the embedding cache if it is empty
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
                if time.perf_counter() - started > 300:
                    raise RuntimeError("server did not start")
            timings.append(time.perf_counter() - started)
        finally:
            process.terminate()
            process.wait()
    return timings[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="sample,1000,10000")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(
        "| catalogue | items | passages | cold build s | warm build s | query p50 ms | query p95 ms | peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for size in args.sizes.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--one", size], capture_output=True, text=True, check=True
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"| {size} | {r['items']} | {r['passages']} | {r['cold_s']:.1f} | {r['warm_s']:.1f} | "
            f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['peak_mb']:.0f} |",
            flush=True,
        )
    print(f"\nwarm server start (sample catalogue, cached embeddings): {server_warm_start():.1f} s")


if __name__ == "__main__":
    main()
