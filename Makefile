# The two commands: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test lint model browser rasa clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, from the CPU wheel: otherwise sentence-transformers pulls gigabytes of CUDA packages.
$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

model: $(VENV)/.installed
	$(BIN)/onewindow model

run: model
	$(BIN)/onewindow serve

# The Rasa brain: Rasa 3.6 in its own Python 3.8-3.10 environment, trained on nlu/ and bot/ (both cached).
rasa: $(VENV)/.installed
	$(BIN)/onewindow rasa setup
	$(BIN)/onewindow rasa train

# Debian's Chromium and a CJK font for the browser tests (root on CI; skipped with a reason elsewhere).
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi wqy || \
	  { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) \
	    || echo "warning: could not install chromium; browser tests will be skipped"; }

test: model browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
