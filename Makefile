# Strategy Minutes. `make run` and `make test` are all a new machine needs:
# they install what is missing (Debian/Ubuntu packages when run as root,
# otherwise they print the exact command to run) and then build.

SHELL := /bin/bash
GO ?= go
VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS := -X main.version=$(VERSION)
# migrated_fynedo: this app calls Fyne only from its goroutine or through fyne.Do.
TAGS := migrated_fynedo
BIN := bin/strategyminutes
export LANG ?= en_GB.UTF-8

# Debian packages: the C compiler for SQLite (cgo) and the X11/OpenGL headers
# for Fyne's desktop driver; poppler-utils to read exported PDFs in tests.
BUILD_PACKAGES := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
TEST_PACKAGES := $(BUILD_PACKAGES) poppler-utils

.PHONY: run build test bench fuzz demo screenshots deps-build deps-test vet clean

run: build
	./$(BIN)

build: deps-build
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/strategyminutes

# Every test, on Fyne's headless driver (tag ci), with the race detector;
# then the real GUI binary is built so a break in it fails too.
test: deps-test
	$(GO) vet -tags ci,$(TAGS) ./...
	test -z "$$(gofmt -l .)" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(GO) test -race -tags ci,$(TAGS) -count=1 ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=5s
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/strategyminutes

# Each fuzz target runs for FUZZTIME from its committed seed corpus.
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -tags ci,$(TAGS) -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -tags ci,$(TAGS) -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

bench: deps-test
	$(GO) test -tags ci,$(TAGS) -run '^$$' -bench . -benchmem ./...

# Open the app on a separate sample database of 500 invented meetings; sample
# data never goes into the real database (the demo command refuses).
SAMPLE_DB ?= bin/sample.db
demo: build
	./$(BIN) --db "$(SAMPLE_DB)" demo --meetings 500
	./$(BIN) --db "$(SAMPLE_DB)"

# Screenshots of the real app under Xvfb, on a fresh sample database, for the README.
SHOTS_DB := bin/screenshots.db
screenshots: build
	@./.ci/deps xvfb xauth imagemagick
	rm -f $(SHOTS_DB) $(SHOTS_DB)-wal $(SHOTS_DB)-shm
	./$(BIN) --db $(SHOTS_DB) demo --meetings 300 --seed 4 >/dev/null
	FYNE_THEME=light xvfb-run -a -s "-screen 0 1180x760x24" ./$(BIN) --db $(SHOTS_DB) --screenshots docs/screenshots

deps-build:
	@./.ci/deps $(BUILD_PACKAGES)

deps-test:
	@./.ci/deps $(TEST_PACKAGES)

clean:
	rm -rf bin dist
