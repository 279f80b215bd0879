# meshplane — build, run and test. Every target installs what it needs first.
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
FUZZ_DIR ?= build-fuzz
JOBS ?= $(shell nproc)
WORK_DIR ?= $(CURDIR)/.meshplane
FUZZ_SECONDS ?= 60

.PHONY: all deps build run test check-asan fuzz format check-format bench clean

all: build

deps:
	@./scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Starts the control plane on the embedded SQLite store under ./.meshplane/.
run: build
	mkdir -p $(WORK_DIR)
	KUMA_GENERAL_WORK_DIR=$(WORK_DIR) $(BUILD_DIR)/meshplane run

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Unit tests under AddressSanitizer + UndefinedBehaviorSanitizer.
check-asan: deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMESHPLANE_SANITIZE=ON -DMESHPLANE_BENCH=OFF
	cmake --build $(ASAN_DIR) -j $(JOBS) --target unit_tests
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(ASAN_DIR)/tests/unit_tests

# libFuzzer over the resource decoder and validator ($(FUZZ_SECONDS) s).
fuzz:
	@./scripts/install-deps.sh --with=fuzz
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DMESHPLANE_FUZZ=ON -DMESHPLANE_TESTS=OFF -DMESHPLANE_BENCH=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target resource_decoder_fuzzer
	mkdir -p fuzz/corpus-run
	$(FUZZ_DIR)/fuzz/resource_decoder_fuzzer -max_total_time=$(FUZZ_SECONDS) -detect_leaks=1 \
	  -max_len=65536 fuzz/corpus-run fuzz/corpus

bench: build
	$(BUILD_DIR)/bench/store_bench --markdown=docs/benchmarks.md

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

check-format:
	clang-format --dry-run --Werror $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
