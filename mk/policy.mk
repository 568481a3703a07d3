# Dependency licence and source policy, and third-party notices
# (THIRD-PARTY.md). Included by the root Makefile.
#
#   make policy              offline: licences, bans and sources of every crate
#                            (cargo deny, deny.toml), licences of every npm package
#                            (npm-licenses.json), the npm checker's tests, the GPL
#                            self-test and the freshness of THIRD-PARTY.md; part of make test
#   make policy-selftest     only the self-test: cargo deny must refuse GPL crates
#                            (POLICY_ONLINE=1 lets it fetch the crates.io one, kratom, once)
#   make policy-advisories   RustSec advisories; needs the network for the advisory
#                            database, so it is not part of make test
#   make third-party         rewrite the generated licence tables in THIRD-PARTY.md
#   make third-party-licenses  the licence texts the .deb carries
#                            ($(THIRD_PARTY_LICENSES), listed in src-tauri/tauri.conf.json)
#
# cargo-deny only reads `cargo metadata` (no compilation); it is pinned to a
# version that builds with the pinned Rust (1.95; it needs 1.88). It has no
# optional features to leave out. Installing it builds it from source once
# per machine (about 8 minutes on 2 cores).

CARGO_DENY_VERSION := 0.20.2
# Relative to the repository root; tauri.conf.json names it from src-tauri/.
THIRD_PARTY_LICENSES := target/third-party/THIRD-PARTY-LICENSES.txt
# Offline: the advisory database is never fetched, and cargo metadata reads
# only the local registry cache (filled by the `cargo fetch` before it).
POLICY_DENY := cargo deny --offline --locked --color never

.PHONY: policy policy-node policy-deps policy-rust policy-npm policy-selftest policy-advisories \
        third-party third-party-licenses

policy-node: deps-rust
	@command -v node >/dev/null || { echo "policy: node is missing (the npm licence check and THIRD-PARTY.md need it)"; exit 1; }

policy-deps: policy-node
	@cargo deny --version 2>/dev/null | grep -qx 'cargo-deny $(CARGO_DENY_VERSION)' || \
	  cargo install cargo-deny --version $(CARGO_DENY_VERSION) --locked

# Every crate of every platform is read, so the registry cache must hold them
# all: `cargo fetch` downloads what is missing from crates.io (nothing, once
# the cache is warm) before the check runs offline. Duplicate versions are
# listed on one line (`cargo tree -d` shows where they come from); on an error
# the check runs again to show only the errors, with the path to each crate.
policy-rust: policy-deps
	@cargo fetch --locked --offline --quiet 2>/dev/null || cargo fetch --locked --quiet
	@log=$$(mktemp); \
	if summary=$$($(POLICY_DENY) check --hide-inclusion-graph licenses bans sources 2>"$$log"); then \
	  echo "policy: cargo deny: $$summary"; \
	  dups=$$(sed -nE "s/^warning\[duplicate\]: found [0-9]+ duplicate entries for crate '([^']+)'/\1/p" "$$log" | tr '\n' ' '); \
	  others=$$(grep -E '^warning\[' "$$log" | grep -vc '^warning\[duplicate\]'); \
	  [ -z "$$dups" ] || echo "policy: crates with more than one version (warning): $$dups"; \
	  [ "$$others" = 0 ] || grep -E -A8 '^warning\[' "$$log" | grep -v -A8 '^warning\[duplicate\]'; \
	  rm -f "$$log"; \
	else \
	  rm -f "$$log"; \
	  $(POLICY_DENY) --log-level error check licenses bans sources; \
	  echo "policy: cargo deny refused the crate graph (deny.toml says why each rule is there)"; exit 1; \
	fi

policy-npm: policy-node
	node scripts/licenses/npm.mjs
	node --test --test-reporter=spec scripts/licenses/test/

policy-selftest: policy-deps
	scripts/policy-selftest.sh

policy: policy-rust policy-npm policy-selftest
	node scripts/licenses/third-party.mjs --check

# Allowed to fail when the advisory database cannot be fetched.
policy-advisories: policy-deps
	cargo deny --locked check advisories || \
	  { echo "policy-advisories: failed (advisories found, or the advisory database could not be fetched)"; exit 1; }

third-party: policy-node
	@cargo fetch --locked --offline --quiet 2>/dev/null || cargo fetch --locked --quiet
	node scripts/licenses/third-party.mjs --write

# The Rust texts come from each crate's licence files in the registry cache,
# the npm ones from ui/node_modules (installed by app-deps): offline, seconds.
# (cargo-about does the same but scans every file of every crate: minutes.)
third-party-licenses: policy-node ui/node_modules/.package-lock.json
	@cargo fetch --locked --offline --quiet 2>/dev/null || cargo fetch --locked --quiet
	node scripts/licenses/third-party.mjs --licenses $(THIRD_PARTY_LICENSES)
