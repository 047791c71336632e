# vnsearch — the two commands: `make run` and `make test` (see README.md).
SWIFT ?= swift
HOST ?= 127.0.0.1
PORT ?= 8080
RELEASE_BIN = .build/release/vnsearch

.PHONY: deps build release install index run test bench eval screenshot sanitize clean

## Install missing Debian packages (libxapian-dev, libicu-dev, pkg-config).
deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in: a CLI process starts sooner than with
# the shared libraries.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

## Install the release binary and its shell completions (bash, zsh, fish) under PREFIX.
PREFIX ?= /usr/local
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/vnsearch
	$(RELEASE_BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/vnsearch
	$(RELEASE_BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_vnsearch
	$(RELEASE_BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/vnsearch.fish

## Index corpus/ into index/ (incremental).
index: release
	$(RELEASE_BIN) index corpus --db index

## Build, index corpus/ and serve http://$(HOST):$(PORT)/
run: index
	@echo
	@echo "Serving index/ on http://$(HOST):$(PORT)/  (Ctrl-C stops)"
	@echo "  curl 'http://$(HOST):$(PORT)/search?q=ngu%E1%BB%9Di+Hoa+B%E1%BA%A1c+Li%C3%AAu'"
	@echo "  $(RELEASE_BIN) search \"người Hoa Bạc Liêu\""
	@echo
	$(RELEASE_BIN) serve --db index --host $(HOST) --port $(PORT)

## Build and run every test suite (Swift Testing), then schemathesis against /openapi.json
## and the search page in headless Chromium.
# One build with tests (and the CLI binary the CLI tests run), then run without rebuilding:
# a plain `swift build` followed by `swift test` would compile everything twice.
# A crash prints only the crashed thread, without registers or the image list: CI keeps
# only the end of the output, and a full dump's end holds no frames at all.
test: deps
	$(SWIFT) build --build-tests
	SWIFT_BACKTRACE=enable=yes,interactive=no,threads=crashed,registers=none,images=none,limit=60 $(SWIFT) test --skip-build
	scripts/api-check.sh
	scripts/browser-test.sh

## Our figures beside plain Xapian, SQLite FTS5 and tantivy on the 35k news corpus.
bench: deps
	scripts/install-deps.sh wrk curl util-linux
	bench/run.sh

# Relevance beside the peers: known-item and hand-judged topical queries (bench/relevance).
eval: deps
	bench/relevance/run.sh

# The browser checks of make test on the release build, keeping their screenshots (search
# page at 1280 and 390 px, an article page) in OUT; docs/screenshot.png is one of them.
OUT ?= /tmp/vnsearch-screenshots
screenshot: release
	BIN=$(RELEASE_BIN) SHOTS=$(OUT) scripts/browser-test.sh
	@echo "screenshots in $(OUT)"

# The shim's tests and the fuzz suite under AddressSanitizer and LeakSanitizer.
sanitize: deps
	scripts/sanitize.sh

clean:
	rm -rf .build
