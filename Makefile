# Keel's commands. Every target first runs tools/bootstrap (installs missing Debian packages; instant when all is
# there). BOARD selects the board for run/debug/bench; APPS lists TBF images (default: the board's demo apps);
# TIMEOUT stops QEMU after that many seconds (0 = run until the kernel ends the run or you press Ctrl-A X).
BOARD ?= qemu-virt-rv32
APPS ?=
TIMEOUT ?= 0
BUILD ?= build

.PRECIOUS: $(BUILD)/%/build.ninja
.PHONY: all bootstrap build run test safety bench debug fuzz clean

TARGET_qemu-virt-rv32 := rv32imac
TARGET_mps2-an386 := cortex-m4
TARGET := $(TARGET_$(BOARD))

all: build

bootstrap:
	@tools/bootstrap

$(BUILD)/%/build.ninja: | bootstrap
	@cmake -S . -B $(BUILD)/$* -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-$*.cmake -DCMAKE_BUILD_TYPE=Release >/dev/null

build-%: $(BUILD)/%/build.ninja
	@cmake --build $(BUILD)/$*

# build-fuzz last: its tests seed the loader fuzzer from the rv32imac and cortex-m4 apps.
build: bootstrap build-host build-host-sanitize build-rv32imac build-cortex-m4 build-fuzz

run: bootstrap
	@if [ -z "$(TARGET)" ]; then echo "make run: unknown BOARD '$(BOARD)' (boards: qemu-virt-rv32 mps2-an386)"; exit 2; fi
	@$(MAKE) --no-print-directory build-$(TARGET)
	@tools/run-qemu --board $(BOARD) --build $(BUILD)/$(TARGET) --timeout $(TIMEOUT) $(if $(APPS),--apps "$(APPS)")

debug: bootstrap
	@$(MAKE) --no-print-directory build-$(TARGET)
	@tools/run-qemu --board $(BOARD) --build $(BUILD)/$(TARGET) --timeout $(TIMEOUT) --debug $(if $(APPS),--apps "$(APPS)")

test: build
	@ctest --test-dir $(BUILD)/host --output-on-failure -j2
	@ctest --test-dir $(BUILD)/host-sanitize --output-on-failure -j2
	@ctest --test-dir $(BUILD)/cortex-m4 --output-on-failure
	@ctest --test-dir $(BUILD)/rv32imac --output-on-failure -j2
	@ctest --test-dir $(BUILD)/fuzz --output-on-failure
	@$(MAKE) --no-print-directory safety

safety: bootstrap build-host build-rv32imac build-cortex-m4
	@python3 tools/safety-check --build $(BUILD)

bench: bootstrap
	@$(MAKE) --no-print-directory build-rv32imac build-cortex-m4
	@python3 bench/run-bench --build $(BUILD)
	@python3 bench/trace-bench --build $(BUILD)

# The long fuzzing runs (tests/fuzz/fuzz_all.py): each board's loader fuzzer for 10 million executions, then the
# system-call fuzzer under QEMU on each board for 1 million calls; the figures at the end.
fuzz: build
	@python3 tests/fuzz/fuzz_all.py --build $(BUILD)

clean:
	rm -rf $(BUILD)
