# The quick start (README.md): `make demo`, then `make test`.
#
# Both install only what is missing, say what they install, and can be run again at any time.
# The packages they install are named once, in the lists in Scripts/packages/ (one name a line),
# which Scripts/install-packages.sh reads: to need a new package, add its name to a list.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.NOTPARALLEL:
.DEFAULT_GOAL := help

PACKAGES := Scripts/packages
INSTALL := bash Scripts/install-packages.sh
# Extra arguments for `swift test`, e.g. make test TEST_FLAGS='--filter Romanization'
TEST_FLAGS ?=
# Seconds each file reader is fuzzed by `make fuzz`, and by `make test` (0 skips fuzzing there):
# 30 s in `make test` keeps the whole suite under 20 minutes on 2 cores; Scripts/fuzz.sh runs longer.
FUZZ_SECONDS ?= 60
FUZZ_TEST_SECONDS ?= 30

.PHONY: help demo test deps test-deps toolchain fuzz

help:
	@echo "make demo        install what the build lacks, build, and fill ./diming.sqlite with the demo county"
	@echo "make test        also install the test tools, start what the tests need, run every test, stop it again"
	@echo "make deps        only install what the build lacks (Scripts/packages/build-debian.txt)"
	@echo "make test-deps   only install the test tools (Scripts/packages/test-*.txt)"
	@echo "make fuzz        fuzz every file reader for FUZZ_SECONDS (60) each with libFuzzer (Scripts/fuzz.sh)"

# Build the registry holding the demo county. `diming demo` replaces an earlier demo registry on
# its own, so this can run again; it refuses (and so does this) when ./diming.sqlite holds other data.
demo: deps
	swift run diming demo

# Start what the tests need, run every test, and stop what was started however the run ends.
test: deps test-deps
	@trap '$(stop_services)' EXIT; $(start_services); swift test $(TEST_FLAGS)
	@if [ "$(FUZZ_TEST_SECONDS)" != 0 ]; then FUZZ_REPORT_ONLY=1 $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_TEST_SECONDS); fi

# libFuzzer on every reader (a sanitizer build in .build-fuzz, then FUZZ_SECONDS per reader, two at
# a time: about 3 min to build and 4 min to run at 60 s). Exits 1 if a reader crashed.
fuzz: deps
	bash Scripts/fuzz.sh $(FUZZ_SECONDS)

# What the build needs: a package that cannot be installed stops here.
deps: toolchain
	@$(INSTALL) $(PACKAGES)/build-debian.txt

# What the tests use to check our files with other people's tools: a package that cannot be
# installed is a warning, and the tests that need it skip with a message.
test-deps:
	@$(INSTALL) --best-effort $(PACKAGES)/test-debian.txt $(PACKAGES)/test-pypi.txt

toolchain:
	@command -v swift >/dev/null || { echo "make: swift not found: install Swift 6.2 or later (swift.org/install) and put it on PATH" >&2; exit 1; }

# ---- Services the tests need ------------------------------------------------------------------
# Shell commands that `make test` runs before `swift test` (start_services) and after it, however
# it ends (stop_services). Nothing yet. Once the PostgreSQL backend exists, its private cluster
# goes here, e.g.
#   start_services = initdb -D .build/test-pg && pg_ctl -D .build/test-pg -w \
#                    -o "-k $(CURDIR)/.build/test-pg -c listen_addresses=" start && export DIMING_TEST_PG=…
#   stop_services  = pg_ctl -D .build/test-pg -m fast stop || true
# with `postgresql` added to Scripts/packages/test-debian.txt.
start_services = :
stop_services = :
