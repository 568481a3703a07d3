# Reliability (RELIABILITY.md): crash consistency under SIGKILL, limits at
# full size, and fuzzing. Included by the root Makefile.
#
#   make test-reliability   the #[ignore]d engine tests: $(CRASH_KILLS) SIGKILLs of a
#                           writing child, a 50 MB import, ten thousand notes; and the
#                           command line's: six importers and a searcher on a new
#                           notebook at once, RACE_ROUNDS (8) times
#   make race-long          that race 100 times
#   make crash-long         the crash test with CRASH_KILLS=1000
#   make fuzz-smoke         each fuzz target for FUZZ_SMOKE_SECONDS (10) seconds
#   make fuzz TARGET=render FUZZ_SECONDS=3600   one target, for longer
#
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the pinned stable
# toolchain accept them. The fuzz build uses no sanitizer (`-s none`): the
# engine forbids unsafe code, so AddressSanitizer would only watch the C of
# the bundled SQLite (not fuzzed here) at several times the build size.

CRASH_KILLS ?= 150
# Rounds of the six-importers race in make test (make race-long runs more).
RACE_ROUNDS ?= 8
# Seconds per target: fuzz-smoke is a smoke run inside make test; make fuzz
# runs one target for as long as FUZZ_SECONDS says.
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_SECONDS ?= 20
FUZZ_TARGETS := render import_html query anchor article quotes timex fetch
TARGET ?= render
FUZZ_FLAGS := --sanitizer none --codegen-units 16
FUZZ_RUN := RUSTC_BOOTSTRAP=1 cargo fuzz run $(FUZZ_FLAGS)
# Runs read the committed seeds (fuzz/corpus/T) and write what they find
# under fuzz/target/, so that the tree stays clean.
FUZZ_WORK := target/corpus

.PHONY: test-reliability race-long crash-long fuzz-deps fuzz-smoke fuzz

test-reliability: deps-rust
	DOSSIER_CRASH_KILLS=$(CRASH_KILLS) cargo test --locked -p dossier-core --test engine -- --ignored --nocapture
	DOSSIER_RACE_ROUNDS=$(RACE_ROUNDS) cargo test --locked -p dossier-cli --test cli -- --ignored --nocapture

race-long: deps-rust
	DOSSIER_RACE_ROUNDS=100 cargo test --locked -p dossier-cli --test cli -- --ignored --nocapture

crash-long: deps-rust
	DOSSIER_CRASH_KILLS=1000 cargo test --locked -p dossier-core --test engine -- --ignored --nocapture --exact crash::killed_at_random_moments_nothing_acknowledged_is_lost

fuzz-deps: deps-rust
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

fuzz-smoke: fuzz-deps
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build $(FUZZ_FLAGS)
	cd fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_WORK)/$$t && \
	  if $(FUZZ_RUN) $$t $(FUZZ_WORK)/$$t corpus/$$t -- -max_total_time=$(FUZZ_SMOKE_SECONDS) -timeout=10 \
	       -rss_limit_mb=2048 -print_final_stats=1 > $(FUZZ_WORK)/$$t.log 2>&1; then \
	    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' $(FUZZ_WORK)/$$t.log | sed "s/^/$$t: /"; \
	  else \
	    tail -n 60 $(FUZZ_WORK)/$$t.log; \
	    echo "fuzz-smoke: $$t failed; the input is in fuzz/artifacts/$$t/"; exit 1; \
	  fi; \
	done

fuzz: fuzz-deps
	cd fuzz && mkdir -p $(FUZZ_WORK)/$(TARGET) && \
	  $(FUZZ_RUN) $(TARGET) $(FUZZ_WORK)/$(TARGET) corpus/$(TARGET) -- -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
