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

# Debian's Chromium, and the CJK fonts that the browser tests and the pre-review corpora draw with
# (root on CI; skipped with a reason elsewhere).
FONTS := fonts-wqy-microhei fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi microhei && fc-list 2>/dev/null | grep -qi zenhei \
	  && fc-list 2>/dev/null | grep -qi ukai && fc-list 2>/dev/null | grep -qi uming || \
	  { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium $(FONTS) >/dev/null) \
	    || echo "warning: could not install chromium and the fonts; browser and document tests will be skipped"; }

test: model browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
