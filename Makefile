# factionmap — the two set-up commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install lock bench clean

$(STAMP): pyproject.toml requirements.lock requirements-ray.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
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

test: $(STAMP)
	$(BIN)/python -m pytest tests

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

lock:
	$(BIN)/pip freeze --exclude-editable | grep -v '^factionmap' > requirements.lock.tmp
	{ echo "# Pinned runtime and test dependencies (pip freeze of a working .venv). Regenerate with: make lock"; cat requirements.lock.tmp; } > requirements.lock; rm requirements.lock.tmp

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info
