# Strategy Minutes. `make run` and `make test` are all a new machine needs:
# they install what is missing (Debian/Ubuntu packages when run as root,
# otherwise they print the exact command to run) and then build.

SHELL := /bin/bash
GO ?= go
# The version is written in one place, FyneApp.toml; the build puts it in
# the binary (strategyminutes version, the About box, the PDF's creator) and
# in the Windows version information.
VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS := -X main.version=$(VERSION)
# migrated_fynedo: this app calls Fyne only from its goroutine or through fyne.Do.
# sqlite_fts5: SQLite with FTS5, for the index of the meetings list's search
# (storage/migrations/005_search_index.sql); without it, storage.Open refuses
# every database.
TAGS := migrated_fynedo,sqlite_fts5
# -trimpath: no build machine paths in the binaries (the same for every
# build, so that make build, make test and make release share the cache).
GOBUILD = $(GO) build -trimpath -tags $(TAGS)
BIN := bin/strategyminutes
# Every go command builds against Fyne with our patch for long text
# (third_party/fyne: word wrapping was quadratic, upstream issue 5297),
# through a workspace made from go.mod's Fyne by third_party/fyne/prepare.sh.
WORKSPACE := bin/go.work
export GOWORK := $(CURDIR)/$(WORKSPACE)
# Fyne reads the locale at start; "C" (common on servers and in CI) is not
# one it understands, so the app and tests run in British English.
export LANG := en_GB.UTF-8

# Debian packages: the C compiler for SQLite (cgo) and the X11/OpenGL headers
# for Fyne's desktop driver; poppler-utils to read exported PDFs in tests.
BUILD_PACKAGES := gcc libc6-dev pkg-config patch libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
# The Windows cross-compiler (MinGW-w64 GCC, with windres for the icon and
# version resources); osslsigncode and openssl to sign and check signatures.
WINDOWS_PACKAGES := gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 osslsigncode openssl
# xvfb and xdotool: e2e/ runs the real window on a virtual screen and types into
# it; xclip serves the clipboard it pastes from.
# postgresql: the partnership server's tests start a throwaway cluster of
# their own (postgres/pgtest), and fail rather than skip without one.
TEST_PACKAGES := $(BUILD_PACKAGES) poppler-utils xvfb xauth xdotool xclip imagemagick postgresql $(WINDOWS_PACKAGES)
RELEASE_PACKAGES := $(BUILD_PACKAGES) $(WINDOWS_PACKAGES) xz-utils

.PHONY: run build test bench fuzz demo screenshots deps-build deps-test deps-windows deps-release vet clean \
	version-check windows linux release

run: build
	./$(BIN)

$(WORKSPACE): go.mod third_party/fyne/prepare.sh third_party/fyne/wrap-5297.patch third_party/fyne/wrap-trailing-space.patch
	@GO="$(GO)" ./third_party/fyne/prepare.sh

build: deps-build $(WORKSPACE)
	$(GOBUILD) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/strategyminutes

# Every test, on Fyne's headless driver (tag ci), with the race detector,
# then e2e/ on the real GUI binary in a real window under Xvfb, alone, so
# that its timings are not those of a machine busy with other tests; then the
# Windows executable is cross-compiled, checked and test-signed, so a break
# that only Windows sees fails too.
test: deps-test $(WORKSPACE)
	$(GO) vet -tags ci,$(TAGS) ./...
	test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed on:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GOBUILD) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/strategyminutes
	STRATEGYMINUTES_NEED_POSTGRES=1 $(GO) test -race -tags ci,$(TAGS) -count=1 $$($(GO) list ./... | grep -v /e2e)
	STRATEGYMINUTES_BIN=$(CURDIR)/$(BIN) $(GO) test -tags $(TAGS) -count=1 -v ./e2e
	$(MAKE) --no-print-directory fuzz FUZZTIME=1500x
	$(MAKE) --no-print-directory version-check
	$(MAKE) --no-print-directory windows
	./packaging/windows/test-signing.sh $(WINDOWS_EXE)

# The version the binary prints is FyneApp.toml's.
version-check:
	@got="$$(./$(BIN) version)"; want="strategyminutes $(VERSION)"; \
	  [[ "$$got" == "$$want" ]] || { echo "version-check: $(BIN) version says '$$got', want '$$want'"; exit 1; }; \
	  echo "version-check: $$got"

# The Windows amd64 GUI executable, cross-compiled with MinGW-w64 (cgo for
# SQLite and Fyne), linked for the GUI subsystem (-H windowsgui: no console
# window; commands attach to the terminal they are typed in, see
# cmd/strategyminutes/console_windows.go), with the icon, version
# information and manifest compiled by windres into a .syso that the Go
# linker picks up. The .syso is made fresh from FyneApp.toml and the icon
# every time (not committed: it would go stale) and removed after.
# A cold build takes about 7 minutes on 2 cores; cached, seconds.
WINDOWS_EXE := bin/windows/strategyminutes.exe
WINRES := bin/windows/resources
SYSO := cmd/strategyminutes/rsrc_windows_amd64.syso
WINDOWS_ENV := CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64
windows: deps-windows $(WORKSPACE)
	rm -rf $(WINRES) && $(GO) run ./packaging/internal/pkgtool winres -out $(WINRES)
	x86_64-w64-mingw32-windres -c 65001 -O coff -I $(WINRES) -i $(WINRES)/strategyminutes.rc -o $(SYSO)
	$(WINDOWS_ENV) $(GOBUILD) -ldflags "$(LDFLAGS) -s -w -H=windowsgui" -o $(WINDOWS_EXE) ./cmd/strategyminutes; \
	  status=$$?; rm -f $(SYSO); exit $$status
	$(GO) run ./packaging/internal/pkgtool checkexe -version $(VERSION) $(WINDOWS_EXE)

# The Linux amd64 archive: the binary, a .desktop file, the icons and an
# installer for ~/.local or /usr/local (packaging/linux/).
LINUX_BIN := bin/linux/strategyminutes
LINUX_ARCHIVE := dist/strategyminutes-$(VERSION)-linux-amd64.tar.xz
linux: deps-release $(WORKSPACE)
	$(GOBUILD) -ldflags "$(LDFLAGS) -s -w" -o $(LINUX_BIN) ./cmd/strategyminutes
	@got="$$(./$(LINUX_BIN) version)"; [[ "$$got" == "strategyminutes $(VERSION)" ]] || { echo "$(LINUX_BIN) version says '$$got'"; exit 1; }
	GO="$(GO)" ./packaging/linux/archive.sh $(LINUX_BIN) $(VERSION) $(LINUX_ARCHIVE)

# Everything a release needs, in dist/: the Windows executable (signed when
# SIGN_CERT and SIGN_KEY name a certificate and its key, with SIGN_PASS_FILE
# and SIGN_TIMESTAMP optional; see packaging/windows/sign.sh), the Linux
# archive, and SHA256SUMS of both.
RELEASE_EXE := dist/strategyminutes-$(VERSION)-windows-amd64.exe
release: deps-release
	rm -rf dist && mkdir -p dist
	$(MAKE) --no-print-directory windows linux
	@if [[ -n "$(SIGN_CERT)" || -n "$(SIGN_KEY)" ]]; then \
	  SIGN_CERT="$(SIGN_CERT)" SIGN_KEY="$(SIGN_KEY)" SIGN_PASS_FILE="$(SIGN_PASS_FILE)" SIGN_TIMESTAMP="$(SIGN_TIMESTAMP)" \
	    ./packaging/windows/sign.sh $(WINDOWS_EXE) $(RELEASE_EXE) && \
	  $(GO) run ./packaging/internal/pkgtool checkexe -version $(VERSION) $(RELEASE_EXE); \
	else \
	  cp $(WINDOWS_EXE) $(RELEASE_EXE) && echo "$(RELEASE_EXE) is not signed (set SIGN_CERT and SIGN_KEY to sign it)"; \
	fi
	cd dist && sha256sum -- $(notdir $(RELEASE_EXE)) $(notdir $(LINUX_ARCHIVE)) > SHA256SUMS
	@echo "Release $(VERSION):" && ls -l dist && cat dist/SHA256SUMS

# Each fuzz target runs for FUZZTIME from its committed seed corpus. make
# test gives a count of inputs, not a time: Go 1.26's fuzzing coordinator can
# fail a target with "context deadline exceeded" when a time runs out on a
# busy machine (go.dev/issue/75804, fixed in Go 1.27); a count has no deadline.
FUZZTIME ?= 30s
fuzz: $(WORKSPACE)
	@for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -tags ci,$(TAGS) -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -tags ci,$(TAGS) -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

# Benchmarks on demo databases of 1,000, 10,000 and 100,000 meetings (and a
# million for the report and import with BENCH_LARGE=1), then the app itself
# under Xvfb with 100,000 and 1,000,000 meetings beside a hello-world window;
# the table goes to docs/benchmarks.md.
# The databases are made once and kept in the system's temporary folder.
BENCHTIME ?= $(if $(filter 1,$(BENCH_LARGE)),3x,20x)
bench: build
	@./.ci/deps $(TEST_PACKAGES) xvfb xauth xdotool
	$(GO) test -tags ci,$(TAGS) -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) -timeout 60m \
	  -skip AutosaveTyping ./storage ./pdf ./meeting/... ./ui | tee bin/bench.txt
	# Sync with a throwaway PostgreSQL server, beside a bare COPY of the same rows.
	STRATEGYMINUTES_NEED_POSTGRES=1 $(GO) test -tags ci,$(TAGS) -run '^$$' -bench Sync -benchmem -benchtime 3x -timeout 30m ./cmd/strategyminutes | tee -a bin/bench.txt
	# The report on the server, beside the same queries alone (a million meetings with BENCH_LARGE=1).
	STRATEGYMINUTES_NEED_POSTGRES=1 $(GO) test -tags ci,$(TAGS) -run '^$$' -bench ServerReport -benchmem -benchtime 5x -timeout 60m ./postgres | tee -a bin/bench.txt
	# Autosave against its floor: enough samples for a p99 that means something.
	$(GO) test -tags ci,$(TAGS) -run '^$$' -bench AutosaveTyping -benchtime 5120x ./storage | tee -a bin/bench.txt
	# Start-up at 100,000 and 1,000,000 meetings, beside a hello-world Fyne window.
	$(GOBUILD) -o bin/hello ./.ci/hello
	./.ci/bench-startup $(BIN) bin/hello 100000 1000000 | tee bin/startup.txt
	rm -f bin/window.txt
	E2E_MEASURE=$(CURDIR)/bin/window.txt STRATEGYMINUTES_BIN=$(CURDIR)/$(BIN) $(GO) test -tags $(TAGS) -count=1 -run LongText ./e2e
	$(GO) run ./.ci/benchtable -bench bin/bench.txt -startup bin/startup.txt -window bin/window.txt > docs/benchmarks.md
	@echo "Wrote docs/benchmarks.md"

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
	FYNE_THEME=light xvfb-run -a -s "-screen 0 1280x720x24" ./$(BIN) --db $(SHOTS_DB) --screenshots docs/screenshots

deps-build:
	@./.ci/deps $(BUILD_PACKAGES)

deps-test:
	@./.ci/deps $(TEST_PACKAGES)

deps-windows:
	@./.ci/deps $(WINDOWS_PACKAGES)

deps-release:
	@./.ci/deps $(RELEASE_PACKAGES)

clean:
	rm -rf bin dist
