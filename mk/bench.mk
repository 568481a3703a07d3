# Benchmarks (issue 9). Included by the root Makefile.
#
#   make bench        fetch the real corpora (bench/fetch.sh), measure Dossier against raw
#                     tantivy, SQLite FTS5, Recoll and ripgrep, write BENCHMARKS.md and
#                     bench/results.json (long: run it once, on a quiet machine)
#   make bench-features  only mention finding, re-anchoring and Markdown preview, on the real
#                     corpus; merges them into bench/results.json and rewrites BENCHMARKS.md
#   make bench-app   the release app's launch to a painted notebook and its memory (Xvfb);
#                     merged into bench/results.json; `make bench` ends with it
#   make bench-smoke  the same code on a tiny generated corpus, one iteration, no network;
#                     part of `make test` so the benchmark cannot rot
#
# BENCH_SCALES=corpus,100k,1M picks the sets (a passage count like 300k works too;
# 1M/1 is 1M passages with one document per file rather than 20);
# BENCH_ARGS passes more options to `dossier-bench run` (e.g. --index-runs 1).

BENCH_DEBS := recollcmd python3-recoll ripgrep hyperfine time
BENCH_SCALES ?= corpus,100k,1M
BENCH_ARGS ?=
BENCH_TARGET_DIR := $(if $(CARGO_TARGET_DIR),$(CARGO_TARGET_DIR),target)
BENCH_SMOKE_DIR := bench/cache/smoke
BENCH_SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: bench bench-deps bench-smoke bench-features

bench-deps:
	@missing=""; for p in $(BENCH_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "bench-deps: installing Debian packages:$$missing"; \
	  $(BENCH_SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(BENCH_SUDO) apt-get install -y -qq $$missing; \
	fi

bench: deps-rust bench-deps
	bench/fetch.sh
	cargo build --release --locked -p dossier-bench -p dossier-cli
	$(BENCH_TARGET_DIR)/release/dossier-bench run --scales $(BENCH_SCALES) $(BENCH_ARGS)
	$(MAKE) bench-app

bench-smoke: deps-rust
	cargo build --locked -p dossier-bench -p dossier-cli
	$(BENCH_TARGET_DIR)/debug/dossier-bench run --smoke --cache $(BENCH_SMOKE_DIR) \
	  --results $(BENCH_SMOKE_DIR)/results.json --report $(BENCH_SMOKE_DIR)/BENCHMARKS.md

BENCH_CORPUS := bench/cache/sets/corpus

bench-features: deps-rust bench-deps
	bench/fetch.sh
	cargo build --release --locked -p dossier-bench
	@[ -f $(BENCH_CORPUS)/dataset.json ] || \
	  $(BENCH_TARGET_DIR)/release/dossier-bench dataset --from bench/cache/x --out $(BENCH_CORPUS)
	$(BENCH_TARGET_DIR)/release/dossier-bench features --data $(BENCH_CORPUS) \
	  --scratch $(BENCH_CORPUS)-out/features --results bench/results.json --report BENCHMARKS.md

# The desktop app's launch (spawn to painted notebook, release build) and the
# memory of its processes, under Xvfb; merged into bench/results.json as `app`.
BENCH_APP_RUNS ?= 15
.PHONY: bench-app
bench-app: deps-rust app-deps ui-build
	cd src-tauri && ../ui/node_modules/.bin/tauri build --no-bundle
	# The peer: a bare window on the same tauri and WebKitGTK (src-tauri/examples/bare.rs).
	cargo build --release --locked -p dossier-app --example bare --features custom-protocol,bare-window
	cargo build --release --locked -p dossier-bench
	@[ -f bench/results.json ] || { echo "bench-app: bench/results.json is missing: run make bench first"; exit 1; }
	$(APP_ENV) $(APP_XVFB) $(BENCH_TARGET_DIR)/release/dossier-bench app \
	  --bin $(BENCH_TARGET_DIR)/release/dossier-app --bare $(BENCH_TARGET_DIR)/release/examples/bare \
	  --notebook $(NOTEBOOK) --scratch bench/cache/app \
	  --runs $(BENCH_APP_RUNS) --results bench/results.json --report BENCHMARKS.md
