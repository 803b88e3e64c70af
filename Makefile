# Engage: `make run` serves the API with demo data; `make test` runs every test.
# Both install what they need on a fresh Debian machine first.

SWIFT      ?= swift
PYTHON     ?= python3
SUDO       := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
DEB_BUILD  := libcurl4-openssl-dev libsqlite3-dev
DEB_TEST   := docker-compose chromium
PY_TEST    := pytest requests PyYAML openapi-spec-validator icalendar standardwebhooks schemathesis aiosmtpd feedparser pypdf openapi-python-client pytest-xdist

ENGAGE_DATABASE  ?= ./data/engage.sqlite
ENGAGE_DEMO_DATA ?= true
export ENGAGE_DATABASE ENGAGE_DEMO_DATA

# The system tests run on two workers (pytest-xdist; each test starts its own server on its own port and store),
# the contract fuzz first on one of them: 272 s for SQLite's in the clean-clone CI against 389 s on one (docs/performance.md, "CI time").
SYSTEM_TEST_WORKERS ?= 2
PYTEST := $(PYTHON) -m pytest -q -p no:cacheprovider
SYSTEM_TESTS := ENGAGE_BINARY=$(CURDIR)/.build/debug/engage $(PYTEST) -n $(SYSTEM_TEST_WORKERS) --dist worksteal Tests/system

.PHONY: run test build release deps deps-test swift-test system-test swift-test-postgres system-test-postgres routes clean bench bench-webhooks bench-mail fuzz fuzz-postgres

## run: build a release binary and serve on ENGAGE_PORT (8080) with demo data in ./data
run: deps release
	.build/release/engage serve

## test: every test, on both stores: Swift (domain, storage, in-process HTTP) and the real binary over loopback,
## first on SQLite, then on a throwaway PostgreSQL 15 cluster (installed from Debian when missing, always stopped)
test: deps-test build swift-test system-test
	scripts/with-test-postgres $(MAKE) --no-print-directory swift-test-postgres system-test-postgres

# DWARF 4 rather than Swift 6.3's default 5, which valgrind 3.19 cannot read (docs/performance.md, "Where the time goes").
# The Swift runtime and Foundation linked in, as the Dockerfile builds what is deployed, so `make bench` measures
# that binary: 3 MB less mapped from shared libraries under load (docs/performance.md, 2026-12-04, fourth session).
release: deps
	$(SWIFT) build -c release --product engage -Xswiftc -dwarf-version=4 --static-swift-stdlib

# Without debug information (-gnone, -g0): a clean build with the tests took 750 s against 983 s with it, in two
# clean clones one after the other (docs/performance.md, "CI time"). Crash backtraces still name their functions.
build: deps
	$(SWIFT) build --build-tests -Xswiftc -gnone -Xcc -g0

swift-test:
	$(SWIFT) test --skip-build

system-test:
	$(SYSTEM_TESTS)

# The same suites on PostgreSQL (ENGAGE_TEST_DATABASE_URL names the cluster; `make test` provides one).
swift-test-postgres:
	ENGAGE_TEST_STORE=postgresql $(SWIFT) test --skip-build --filter EngageStorageTests --filter EngageServerTests --skip SQLiteStoreTests

system-test-postgres:
	ENGAGE_TEST_STORE=postgresql $(SYSTEM_TESTS)

## deps: Debian packages the build links against (installed only when missing)
deps:
	@missing=""; for p in $(DEB_BUILD); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## deps-test: the tools the system tests use (docker-compose to validate the compose file; Chromium to print certificates; pytest and friends)
deps-test: deps
	@missing=""; for p in $(DEB_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@$(PYTHON) -c "import pytest, requests, yaml, openapi_spec_validator, icalendar, standardwebhooks, schemathesis, aiosmtpd, feedparser, pypdf, openapi_python_client, xdist" 2>/dev/null || \
		$(PYTHON) -m pip install -q $(PY_TEST)

## fuzz: the contract fuzz at length (100 examples per operation, as staff and anonymous); make test runs 5
fuzz: deps-test build
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-100} ENGAGE_BINARY=$(CURDIR)/.build/debug/engage $(PYTEST) Tests/system/test_fuzz.py

## fuzz-postgres: the staff fuzz at length on a throwaway PostgreSQL cluster (make test fuzzes on SQLite only)
fuzz-postgres: deps-test build
	scripts/with-test-postgres env ENGAGE_TEST_STORE=postgresql FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-100} ENGAGE_BINARY=$(CURDIR)/.build/debug/engage \
		$(PYTEST) Tests/system/test_fuzz.py

## bench: a release build on a seeded database (20,000 stakeholders, 2,000 events, 50,000 registrations …) under wrk; prints one table
bench: deps-test release
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk; }
	$(PYTHON) bench/run.py --binary .build/release/engage

## bench-mail: e-mails per second to a local SMTP server (1,000 queued at once; a figure, not a test)
bench-mail: deps-test release
	$(PYTHON) bench/mail.py --binary .build/release/engage

## bench-webhooks: deliveries per second to a local receiver (1,000 pending messages over 10 endpoints; a figure, not a test)
bench-webhooks: deps-test release
	$(PYTHON) bench/webhooks.py --binary .build/release/engage

routes: build
	.build/debug/engage routes

clean:
	rm -rf .build
