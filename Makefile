# Dossier — `make run` opens the app on the bundled notebook; `make test`
# installs what is missing and runs every check and test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NOTEBOOK ?= notes
export CARGO_TERM_COLOR ?= never

# The desktop app's targets (app-deps, app-build, test-app, run-app, package)
# live in mk/app.mk once the app exists.
ifneq ($(wildcard mk/app.mk),)
include mk/app.mk
APP_DEPS := app-deps
APP_TESTS := test-app
APP_RUN := run-app
endif
include mk/bench.mk
include mk/reliability.mk
include mk/policy.mk

.PHONY: help deps deps-rust lint test test-rust run run-cli cli bench bench-smoke train-names

help:
	@echo "make run    build and open Dossier on the bundled notebook ($(NOTEBOOK)/)"
	@echo "make test   install what is missing, then lint and run every test"
	@echo "make cli    build the dossier command line (target/debug/dossier)"
	@echo "make test-reliability  crash (SIGKILL) and full-size limit tests; make fuzz-smoke  a short fuzz run (RELIABILITY.md)"
	@echo "make bench  benchmarks against SQLite FTS5, Recoll and ripgrep (see BENCHMARKS.md)"
	@echo "make package  a .deb of the desktop app"
	@echo "make train-names  retrain the suggester's names model (crates/dossier-text/src/names_model.txt)"

deps-rust:
	@command -v cargo >/dev/null || { echo "cargo is missing: install Rust 1.95 with rustup"; exit 1; }
	@cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

deps: deps-rust $(APP_DEPS)

lint: deps
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

# The shell's tests run in test-app, built once with the UI embedded: building
# them here too would compile the whole Tauri tree a second time.
test-rust: deps-rust
	cargo test --workspace --locked $(if $(APP_TESTS),--exclude dossier-app)

# Serial order matters: the app's tests come last (they rebuild the app
# binary with the UI embedded, which `cargo test` would otherwise replace).
test: policy lint test-rust test-reliability fuzz-smoke bench-smoke $(APP_TESTS)

# The suggester's trained filter: deterministic, from the dev sets' gold
# (crates/dossier-text/README.md); `-- --cv` prints leave-one-set-out figures.
train-names: deps-rust
	cargo run --locked -p dossier-text --release --example train_names

cli: deps-rust
	cargo build --locked -p dossier-cli

# Without the app: the bundled notebook's sources and a sample search.
run-cli: cli
	./target/debug/dossier --notebook $(NOTEBOOK) sources
	./target/debug/dossier --notebook $(NOTEBOOK) search '"Bucharest summit"'

run: $(if $(APP_RUN),$(APP_RUN),run-cli)
