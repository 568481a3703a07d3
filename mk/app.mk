# The desktop app: Tauri v2 shell (src-tauri/), Svelte UI (ui/), and the
# WebDriver end-to-end tests (tests/e2e/). Included by the root Makefile.
#
#   make app-deps    install what is missing (Debian packages, npm packages, tauri-driver)
#   make app-build   build the UI and the debug app binary with the UI embedded
#   make test-app    Vitest unit tests, the shell's Rust tests, WebDriver tests under Xvfb
#   make run-app     open the app on the bundled notebook notes/ (NOTEBOOK=dir for another)
#   make package     a .deb built by the Tauri bundler

APP_DEBS := libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev \
            libsoup-3.0-dev xvfb webkit2gtk-driver
APP_TARGET_DIR := $(if $(CARGO_TARGET_DIR),$(CARGO_TARGET_DIR),target)
APP_BIN := $(APP_TARGET_DIR)/debug/dossier-app
NOTEBOOK ?= notes
APP_SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
UI_SOURCES := $(shell find ui/src -type f 2>/dev/null) ui/index.html ui/vite.config.ts ui/svelte.config.js \
              ui/tsconfig.json ui/package.json
# Under Xvfb WebKitGTK has no GPU: keep it off the compositing path, and
# keep GTK from looking for an accessibility bus.
APP_XVFB := xvfb-run -a -s "-screen 0 1440x960x24"
APP_ENV := NO_AT_BRIDGE=1 WEBKIT_DISABLE_COMPOSITING_MODE=1

.PHONY: app-deps app-debs app-tauri-driver app-build app-build-plain ui-build test-app run-app app-display package

app-deps: app-debs ui/node_modules/.package-lock.json tests/e2e/node_modules/.package-lock.json app-tauri-driver

app-debs:
	@missing=""; for p in $(APP_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "app-deps: installing Debian packages:$$missing"; \
	  $(APP_SUDO) apt-get update -qq && $(APP_SUDO) apt-get install -y -qq $$missing; \
	fi

# npm ci rewrites node_modules/.package-lock.json, so this reruns only when
# package-lock.json changes or node_modules is missing.
ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

tests/e2e/node_modules/.package-lock.json: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

app-tauri-driver:
	@command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked

ui/dist/index.html: $(UI_SOURCES) ui/node_modules/.package-lock.json
	cd ui && npx vite build --logLevel warn

ui-build: ui/dist/index.html

# `custom-protocol` embeds ui/dist in the binary (what `tauri build` does);
# without it the binary would look for the Vite dev server. `e2e` lets the
# WebDriver tests answer the file dialogs; `make run` and `make package`
# build without it.
app-build: app-deps ui-build
	cargo build --locked -p dossier-app --features custom-protocol,e2e

app-build-plain: app-deps ui-build
	cargo build --locked -p dossier-app --features custom-protocol

test-app: app-deps ui-build
	cd ui && npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings
	cd ui && npx vitest run
	# The shell's own tests with the shipped feature set (the test hooks off),
	# then with the end-to-end build's, whose binary the WebDriver tests run.
	cargo test --locked -p dossier-app --features custom-protocol --lib
	$(MAKE) app-build
	cargo test --locked -p dossier-app --features custom-protocol,e2e
	$(APP_ENV) timeout --kill-after=30 900 $(APP_XVFB) npm --prefix tests/e2e test

app-display:
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "run-app: there is no display (DISPLAY is not set), so the window has nowhere to open."; \
	  echo "Run it under a virtual X server instead:  xvfb-run make run"; \
	  exit 1; \
	fi

run-app: app-display app-build-plain
	DOSSIER_NOTEBOOK="$(abspath $(NOTEBOOK))" $(APP_BIN)

package: app-deps ui-build third-party-licenses
	cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb
	@! grep -q -a -e DOSSIER_E2E_IMPORT -e DOSSIER_E2E_EXPORT $(APP_TARGET_DIR)/release/dossier-app || \
	  { echo "package: the release binary holds the end-to-end test hooks"; exit 1; }
	@ls -1 $(APP_TARGET_DIR)/release/bundle/deb/*.deb
