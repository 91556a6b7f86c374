# jobintech — the two commands a newcomer needs: `make run` and `make test`.
JOBS ?= $(shell nproc)
DB ?= var/jobintech.db
HOST ?= 127.0.0.1
PORT ?= 8080
CANDIDATES ?= 20000

.PHONY: deps build run test test-unit test-api test-browser test-fuzz build-asan bench clean

deps:
	scripts/install-deps

build: deps
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build build -j $(JOBS) --target jobintech

run: build
	mkdir -p $(dir $(DB))
	build/jobintech migrate --db $(DB)
	build/jobintech demo --db $(DB) --candidates $(CANDIDATES) --if-empty
	build/jobintech serve --db $(DB) --host $(HOST) --port $(PORT)

build-asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DJOBINTECH_SANITIZE=ON >/dev/null
	cmake --build build-asan -j $(JOBS)

# Every test: unit and API (GoogleTest, real SQLite files, real HTTP; the API suite also on a real
# PostgreSQL), then the browser tests (playwright-core driving Debian's chromium against the real
# server), all on the sanitised build; then 10 s of libFuzzer per target (fuzz/README.md).
test: build-asan
	cd build-asan && ctest --output-on-failure --parallel 2
	node --test tests/browser/
	scripts/fuzz 10

test-unit: build-asan
	build-asan/unit_tests

test-api: build-asan
	build-asan/api_tests

test-browser: build-asan
	node --test tests/browser/

test-fuzz: deps
	scripts/fuzz $(or $(SECONDS_PER_TARGET),10)

bench: build
	cmake --build build -j $(JOBS) --target $$(cd bench && ls *_bench.cpp | sed 's/\.cpp//')

clean:
	rm -rf build build-asan build-fuzz
