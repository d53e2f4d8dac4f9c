# Multiplier — build, run and test.
#
#   make run    install missing Debian packages, build, open the app on the sample organisation
#   make test   vet, layering check, all tests, and the real window under Xvfb
#   make bench  benchmarks as one readable table
#   make check  gofmt, vet, staticcheck and the race detector
#   make check-office  the exported workbook opened by LibreOffice

SHELL      := /bin/bash
GO         ?= go
VERSION    ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS    := -X main.version=$(VERSION)
BIN        := bin
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

# Fyne reads the locale from LANG and logs an error for "C".
export LANG := en_US.UTF-8

# Debian packages: the cgo headers Fyne needs, and Xvfb + tools for the smoke test.
DEBS_BUILD := gcc pkg-config libgl1-mesa-dev libxcursor-dev libxrandr-dev libxinerama-dev \
              libxi-dev libxxf86vm-dev libgl1-mesa-dri
DEBS_TEST  := xvfb xauth xdotool x11-apps imagemagick fonts-dejavu-core poppler-utils

.PHONY: run build test deps deps-test vet layering unit smoke bench bench-compare eval check check-generate check-office sample screenshots package clean

run: deps build
	./$(BIN)/multiplier

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/multiplier ./cmd/multiplier
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN)/multiplier-cli ./cmd/multiplier-cli

test: deps deps-test vet layering unit smoke

deps:
	@scripts/debs.sh $(DEBS_BUILD)

deps-test:
	@scripts/debs.sh $(DEBS_TEST)

vet:
	$(GO) vet ./...

# Nothing below ui may import Fyne (HOUSE_STYLE.md).
layering:
	@bad=$$($(GO) list -deps ./graph/... ./importers/... ./store/... ./export/... ./workspace/... ./assets/... . | grep '^fyne.io' || true); \
	if [ -n "$$bad" ]; then echo "layering: fyne.io imported below ui:"; echo "$$bad"; exit 1; fi; \
	echo "layering: ok (no fyne.io below ui)"

unit:
	$(GO) test -count=1 ./...

# Starts the real desktop binary under Xvfb on the sample organisation and
# fails unless the people table rendered; the screenshot lands in build/.
smoke:
	@mkdir -p build
	SMOKE_SHOT=$(CURDIR)/build/smoke.png $(GO) test -count=1 -tags smoke -run "TestSmoke|TestLatency" -v ./cmd/multiplier

# The exported workbook converted by LibreOffice (headless), which is too
# heavy for make test: about 300 MB of Debian packages.
check-office:
	@scripts/debs.sh libreoffice-calc-nogui
	MULTIPLIER_CHECK_OFFICE=1 $(GO) test -count=1 -run TestWorkbookOpensInLibreOffice -v ./export

# Every screen of the real app under Xvfb on the sample organisation, as
# docs/screenshots/<screen>.png (the README shows them).
screenshots: deps deps-test build
	scripts/screenshots.sh $(CURDIR)/$(BIN)/multiplier $(CURDIR)/docs/screenshots

# A Linux package (.tar.xz with binary, .desktop file and icon) built by
# the fyne tool from FyneApp.toml.
FYNE := $(shell go env GOPATH)/bin/fyne
package: deps
	@test -x $(FYNE) || $(GO) install fyne.io/fyne/v2/cmd/fyne@v2.7.1
	cd cmd/multiplier && cp ../../FyneApp.toml . && \
		$(FYNE) package -os linux -release -icon ../../assets/icon.png -appVersion $$(sed -n 's/^Version = "\(.*\)"/\1/p' ../../FyneApp.toml); \
		status=$$?; rm -f FyneApp.toml; exit $$status
	@mkdir -p $(BIN) && mv cmd/multiplier/*.tar.xz $(BIN)/ && ls -l $(BIN)/*.tar.xz

# Our full analysis against python-igraph's weighted betweenness, PageRank
# and Louvain on the same help graph (Debian's python3-igraph, one thread).
# Above 4000 people our betweenness is the pivot estimate (graph.Settings).
bench-compare:
	@scripts/debs.sh python3-igraph
	@mkdir -p build
	@echo "| people | interactions | edges | ours (full analysis) | igraph betweenness | PageRank | Louvain | igraph total | ratio |"
	@echo "|---|---|---|---|---|---|---|---|---|"
	@for n in 1000 4000 10000; do \
		MULTIPLIER_COMPARE_GRAPH=$(CURDIR)/build/compare-$$n.txt MULTIPLIER_COMPARE_PEOPLE=$$n \
			$(GO) test -count=1 -run TestWriteCompareGraph ./graph >/dev/null || exit 1; \
		/usr/bin/python3 scripts/igraph_compare.py build/compare-$$n.txt || exit 1; \
	done

# Precision, recall and F1 per role on generated organisations.
eval:
	$(GO) run ./internal/eval

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count=1 ./importers ./graph ./graph/layout ./workspace ./ui | tee build-bench.txt | scripts/benchtable.sh

check:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) test -race -count=1 ./...
	$(MAKE) check-generate

# The embedded sample must be exactly what the generator makes.
check-generate:
	$(GO) generate ./assets
	git diff --exit-code -- assets/sample

# Regenerates the embedded sample organisation (assets/sample).
sample:
	$(GO) generate ./assets

clean:
	rm -rf $(BIN) build build-bench.txt
