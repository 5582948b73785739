"""Personal numbers never reach the logs."""

from __future__ import annotations

import io
import logging
import logging.config

from uvicorn.config import LOGGING_CONFIG

from bot.privacy import masked, redact, redacting_log_config


def test_numbers_that_identify_people_are_masked() -> None:
    text = "ID 11010519491231002X, credit code 91350100M000100Y43, mobile 13812345678, office 0451-88886666"
    assert redact(text) == (
        "ID 11**************2X, credit code 91**************43, mobile 13*******78, office 04*********66"
    )
    assert redact("booking ABC-234 on 2026-12-03, item 53") == "booking ABC-234 on 2026-12-03, item 53"
    assert masked("web-3f2a9c1e-0000") == "web-3f…"


def test_the_server_log_configuration_masks_every_handler() -> None:
    config = redacting_log_config(LOGGING_CONFIG)
    stream = io.StringIO()
    config["handlers"]["default"]["stream"] = stream
    config["handlers"]["access"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        logging.getLogger("bot.engine").info("user %s said %s", "x", "my phone is 13812345678")
        logging.getLogger("uvicorn.access").info(
            '%s - "%s %s HTTP/%s" %d', "127.0.0.1", "GET", "/catalogue?q=13812345678", "1.1", 200
        )
    finally:
        logging.config.dictConfig(LOGGING_CONFIG)
    logged = stream.getvalue()
    assert "13812345678" not in logged and logged.count("13*******78") == 2
