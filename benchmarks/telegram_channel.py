"""Telegram benchmark: the whole channel (python-telegram-bot polling, the gateway, the outbox)
against the tests' Bot API stand-in on loopback, one server process, SQLite. (Not telegram.py: a
script's folder comes first on sys.path, and that name would hide python-telegram-bot.)

Run: .venv/bin/python benchmarks/telegram_channel.py [--chats 20] [--messages 5]
Measured: a user's message until the bot's first reply reaches the Bot API (p50/p95), replies
per second with all chats asking at once, and the same under a 429 storm (every fifth send
refused with retry_after 1). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from benchmarks.prereview import percentile  # noqa: E402
from tests.conftest import SHARED_MODEL_DIR, serving  # noqa: E402
from tests.telegram_standin import TOKEN, BotApiStandIn, bot_api  # noqa: E402

QUESTIONS = ["社保卡丢了怎么补办", "个体户营业执照丢了怎么办", "居住证要多少钱", "你好", "开饭馆要办什么证"]


def run(standin: BotApiStandIn, chats: int, messages: int, first_chat: int) -> tuple[list[float], float]:
    """Every chat asks `messages` questions one after another, all chats at once: the latency of
    each first reply (ms) and the replies sent per second."""
    latencies: list[float] = []
    lock = threading.Lock()
    sent_before = len(standin.sent)

    def chat(chat_id: int) -> None:
        for n in range(messages):
            count = len(standin.messages(chat_id))
            started = time.perf_counter()
            standin.say(chat_id, QUESTIONS[n % len(QUESTIONS)])
            standin.wait_for(lambda count=count: len(standin.messages(chat_id)) > count, 120)
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
            standin.replies_after(chat_id, count, quiet=0.3)

    started = time.perf_counter()
    threads = [threading.Thread(target=chat, args=(first_chat + i,)) for i in range(chats)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return latencies, (len(standin.sent) - sent_before) / elapsed


def main() -> None:
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--chats", type=int, default=20)
    arguments.add_argument("--messages", type=int, default=5)
    options = arguments.parse_args()

    from api.app import create_app
    from knowledge.base import KnowledgeBase
    from knowledge.loader import SAMPLE_CATALOGUE
    from nlu.parser import Parser
    from onewindow.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="onewindow-telegram-bench-"))
    knowledge = KnowledgeBase.build(SAMPLE_CATALOGUE, SHARED_MODEL_DIR, None)
    embedder = knowledge.index.embedder
    parser = Parser.build(SHARED_MODEL_DIR / "cache", embedder.queries, embedder.model_name)
    rows = []
    with bot_api() as (standin, api_url):
        settings = Settings(data_dir=folder, telegram_token=TOKEN, telegram_api_url=api_url)
        with serving(create_app(knowledge, parser, settings)):
            run(standin, 2, 1, 900)  # warm-up: the first answers load the caches
            calm, rate = run(standin, options.chats, options.messages, 1000)
            rows.append(("calm", calm, rate))
            refusals = [1] * (options.chats * options.messages // 2)
            standin.flood("sendMessage", *refusals)
            stormy, rate = run(standin, options.chats, options.messages, 2000)
            rows.append((f"429 storm ({len(refusals)} refusals)", stormy, rate))
    print(f"\n{options.chats} chats × {options.messages} questions, one process, SQLite\n")
    print("| run | first reply p50 ms | p95 ms | replies sent/s |")
    print("|---|---|---|---|")
    for name, latencies, rate in rows:
        print(
            f"| {name} | {percentile(latencies, 0.5):.0f} | {percentile(latencies, 0.95):.0f} | {rate:.1f} |"
        )


if __name__ == "__main__":
    main()
