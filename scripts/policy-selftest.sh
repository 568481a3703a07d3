#!/usr/bin/env bash
# Shows that the dependency policy (deny.toml) refuses what it should: a
# throwaway workspace in a temp folder gets the committed deny.toml and
#   1. no GPL dependency          -> `cargo deny check` must pass (the control);
#   2. a local crate under GPL-3.0-or-later (a path dependency, made here,
#      so this step needs no network)          -> must fail, naming it;
#   3. the real crates.io crate kratom 1.0.1 (licence "GPL-3.0", depends only
#      on rand 0.8)                            -> must fail, naming it;
#   4. two versions of tantivy (local stand-ins)  -> must fail (deny.toml's
#      one-version list);
#   5. an MIT crate from a git repository (a local one) -> must fail: crates
#      come from crates.io only.
# Step 3 resolves offline from the local registry cache; when kratom is not
# cached it is skipped with a note, unless POLICY_ONLINE=1 lets cargo fetch it
# from crates.io (`make policy-selftest POLICY_ONLINE=1`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
offline=--offline
[ "${POLICY_ONLINE:-0}" = 1 ] && offline=

# The throwaway workspace has its own lock file and target folder, so
# nothing of the real workspace is touched; cargo deny only reads metadata.
export CARGO_TARGET_DIR="$work/target"
cp "$root/deny.toml" "$work/deny.toml"
mkdir -p "$work/app/src" "$work/gpl-local/src"
echo 'pub fn f() {}' > "$work/app/src/lib.rs"
echo 'pub fn g() {}' > "$work/gpl-local/src/lib.rs"
cat > "$work/gpl-local/Cargo.toml" <<'TOML'
[package]
name = "gpl-local"
version = "0.1.0"
edition = "2021"
license = "GPL-3.0-or-later"
publish = false
TOML

# Writes the app's manifest with the given [dependencies] lines.
app_with() {
  cat > "$work/app/Cargo.toml" <<TOML
[package]
name = "selftest-app"
version = "0.1.0"
edition = "2021"
license = "MIT"
publish = false

[dependencies]
$1
TOML
  rm -f "$work/app/Cargo.lock"
}

# Runs the same check as `make policy` on the throwaway app; its output goes to $work/out.
deny() {
  (cd "$work/app" && cargo deny --offline --locked --log-level error \
     --config "$work/deny.toml" check licenses bans sources) > "$work/out" 2>&1
}

failures=0
expect_refused() { # crate name, what, the diagnostic code expected
  if deny; then
    echo "policy-selftest: FAIL: $2 was accepted"; cat "$work/out"; failures=$((failures + 1))
  elif grep -q "error\[$3\]" "$work/out" && grep -q "$1" "$work/out"; then
    echo "policy-selftest: ok: $2 refused:"
    grep -E "error\[|┌─|rejected:|Copyleft|source$|├ $1 v" "$work/out" | head -n 5 | sed 's/^ */    /'
  else
    echo "policy-selftest: FAIL: $2: cargo deny failed, but not with error[$3] naming $1"
    cat "$work/out"; failures=$((failures + 1))
  fi
}

app_with ''
(cd "$work/app" && cargo generate-lockfile --offline --quiet)
if deny; then
  echo "policy-selftest: ok: a crate with no GPL dependency passes"
else
  echo "policy-selftest: FAIL: the control crate was refused:"; cat "$work/out"; failures=$((failures + 1))
fi

app_with 'gpl-local = { path = "../gpl-local" }'
(cd "$work/app" && cargo generate-lockfile --offline --quiet)
expect_refused gpl-local "a path dependency under GPL-3.0-or-later" rejected

app_with 'kratom = "=1.0.1"'
if (cd "$work/app" && cargo generate-lockfile $offline --quiet 2>/dev/null && cargo fetch $offline --locked --quiet 2>/dev/null); then
  expect_refused kratom "the crates.io crate kratom 1.0.1 (GPL-3.0)" rejected
else
  echo "policy-selftest: skipped: kratom 1.0.1 is not in the local registry cache (run once with POLICY_ONLINE=1)"
fi

# Two versions of a crate that must have one (two local stand-ins named
# tantivy, 0.27 and 0.28): refused, not just reported.
for v in 0.27.0 0.28.0; do
  mkdir -p "$work/tantivy-$v/src"
  echo 'pub fn t() {}' > "$work/tantivy-$v/src/lib.rs"
  printf '[package]\nname = "tantivy"\nversion = "%s"\nedition = "2021"\nlicense = "MIT"\npublish = false\n' "$v" \
    > "$work/tantivy-$v/Cargo.toml"
done
app_with 'tantivy_a = { package = "tantivy", path = "../tantivy-0.27.0" }
tantivy_b = { package = "tantivy", path = "../tantivy-0.28.0" }'
(cd "$work/app" && cargo generate-lockfile --offline --quiet)
expect_refused tantivy "two versions of tantivy" duplicate

# A crate from a git repository (a local one, so no network): the licence
# is fine, the source is not.
if command -v git >/dev/null; then
  mkdir -p "$work/git-lib/src"
  echo 'pub fn h() {}' > "$work/git-lib/src/lib.rs"
  printf '[package]\nname = "git-lib"\nversion = "0.1.0"\nedition = "2021"\nlicense = "MIT"\n' > "$work/git-lib/Cargo.toml"
  git -C "$work/git-lib" init -q
  git -C "$work/git-lib" add -A
  git -C "$work/git-lib" -c user.name=selftest -c user.email=selftest@invalid commit -q -m selftest
  app_with "git-lib = { git = \"file://$work/git-lib\" }"
  # Cargo reads even a file:// repository only when not --offline; nothing
  # here comes from a registry, so nothing leaves the machine.
  (cd "$work/app" && cargo generate-lockfile --quiet && cargo fetch --locked --quiet)
  expect_refused git-lib "a git dependency" source-not-allowed
fi

if [ "$failures" -gt 0 ]; then
  echo "policy-selftest: $failures check(s) failed"
  exit 1
fi
