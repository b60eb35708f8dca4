# Every command Kintrace's developers run lives here; the README shows them.
SHELL := /bin/bash
# The tests expect English messages from the tools they run; make run gives
# the window the user's own language (USER_LANG, the LANG make was started
# with).
USER_LANG := $(LANG)
export LANG := en_US.UTF-8
export CGO_ENABLED := 1

GO        ?= go
BIN       := bin/kintrace
FUZZTIME  ?= 1m
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# The standard age command-line tool: a test decrypts a bundle with it and
# the bundle benchmark compares with it. Installed into bin/tools, first on
# PATH for the tests and benchmarks.
AGE_TOOL    := filippo.io/age/cmd/age@v1.3.2
TOOLS       := $(CURDIR)/bin/tools

.PHONY: run build test deps tools vet race fuzz fuzz-long bench staticcheck portable-check screenshots clean dist dist-check dist-repro

## run: install what is missing, build, and start the GUI on the default vault
run: build
	@if [ "$$(uname)" = Linux ] && [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "No display to open the window on (DISPLAY is not set). The command line works without one:"; \
	  echo "  ./$(BIN) help"; \
	  echo "and the README's developer section shows how to run the window under Xvfb."; \
	  exit 1; \
	fi
	LANG="$(USER_LANG)" ./$(BIN)

## build: the kintrace binary in bin/
build: deps
	$(GO) build -buildvcs=auto -o $(BIN) .

deps:
	@bash scripts/deps.sh

tools: $(TOOLS)/age

$(TOOLS)/age:
	@echo "Installing the age tool ($(AGE_TOOL)) into bin/tools"
	@GOBIN=$(TOOLS) GOFLAGS= $(GO) install $(AGE_TOOL)

## test: gofmt, vet, and the race-enabled tests, which also run every fuzz
## target over its seed corpus and the inputs kept in testdata/fuzz. Timed
## fuzzing finds new inputs by chance, so it lives in make fuzz, not here.
test: deps tools vet race

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

race:
	PATH="$(TOOLS):$$PATH" $(GO) test -race -count=1 -timeout 30m ./...

## fuzz: run each fuzz target for FUZZTIME (1m; make fuzz FUZZTIME=5m for a
## night). An input that fails is kept in the package's testdata/fuzz, so
## make test runs it from then on. Minimising new inputs is off: Go spends up
## to a minute on it and a deadline that falls inside it fails the run with
## "context deadline exceeded".
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
	  for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
	    echo "fuzz $$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 0 $$pkg; \
	  done; \
	done

## fuzz-long: every fuzz target for FUZZTIME each (5m unless given), going
## on past a failure; the log is in fuzz-long.log and a summary at the end.
fuzz-long: FUZZTIME = 5m
fuzz-long:
	FUZZTIME=$(FUZZTIME) GO="$(GO)" scripts/fuzz-long.sh

## bench: the benchmarks behind docs/PERFORMANCE.md
bench: deps tools
	PATH="$(TOOLS):$$PATH" $(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

staticcheck:
	$(GO) run $(STATICCHECK) ./...

## portable-check: the built binary in portable mode (command line, then the
## GUI under Xvfb) writes nothing to an empty HOME and per-user folders
portable-check: build
	@bash scripts/deps.sh --gui-tools
	bash scripts/portable-check.sh $(BIN)

## screenshots: PNGs of the GUI under Xvfb into docs/screenshots/
screenshots: deps
	@bash scripts/deps.sh --gui-tools
	bash scripts/screenshots.sh

clean:
	rm -rf bin

## dist: release archives of the committed HEAD into dist/ (Windows zip,
## Linux tar.xz, SHA256SUMS), byte-identical for the same commit
DIST_DIR ?= $(CURDIR)/dist

dist:
	@bash scripts/deps.sh --dist
	bash scripts/dist.sh $(DIST_DIR)

## dist-check: make dist, then run the Windows zip's CLI under wine and the
## Linux tarball's installed binary through the same session and compare
dist-check: dist
	@bash scripts/deps.sh --dist-check
	bash scripts/dist-check.sh $(DIST_DIR)

## dist-repro: build the release twice into two folders and compare SHA256SUMS
dist-repro:
	@bash scripts/deps.sh --dist
	bash scripts/dist-repro.sh
