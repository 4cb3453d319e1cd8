# Keel's commands (`make help` lists them). Every target first runs tools/bootstrap (installs missing Debian
# packages; instant when all is there). BOARD selects the board for run/debug; APPS lists TBF images (default: the
# apps installed with tools/keel-apps, else the board's demo apps); TIMEOUT stops QEMU after that many seconds (0 = run
# until the kernel ends the run or you press Ctrl-A X), FAIL_ON_TIMEOUT=1 makes that a failure; GDB_PORT is make
# debug's gdb server port; STORAGE is a flash image file for the board's storage (qemu-virt-rv32; created if missing).
BOARD ?= qemu-virt-rv32
APPS ?=
TIMEOUT ?= 0
FAIL_ON_TIMEOUT ?=
GDB_PORT ?= 1234
STORAGE ?=
BUILD ?= build

BOARDS := qemu-virt-rv32 mps2-an386
TARGET_qemu-virt-rv32 := rv32imac
TARGET_mps2-an386 := cortex-m4
TARGET := $(TARGET_$(BOARD))
# An unknown board is an error whatever the target, before anything runs.
ifeq ($(TARGET),)
$(error unknown BOARD '$(BOARD)' (boards: $(BOARDS)))
endif

.PRECIOUS: $(BUILD)/%/build.ninja
.PHONY: all help bootstrap build run test safety bench debug fuzz power-loss clean

RUN_QEMU = tools/run-qemu --board $(BOARD) --build $(BUILD)/$(TARGET) --timeout $(TIMEOUT) \
           $(if $(filter-out 0,$(FAIL_ON_TIMEOUT)),--fail-on-timeout) $(if $(APPS),--apps "$(APPS)") \
           $(if $(STORAGE),--storage "$(STORAGE)")

all: build

help:
	@echo "make run       boot BOARD in QEMU with its apps (installed ones, else the demos); Ctrl-A X quits QEMU"
	@echo "make test      every correctness check: host unit tests, QEMU integration tests, the safety check"
	@echo "make debug     like run, halted with a gdb server on GDB_PORT; writes a gdb script with every app's symbols"
	@echo "make safety    the safe-subset check alone"
	@echo "make bench     instruction counts and sizes for both boards"
	@echo "make fuzz      the long fuzzing runs: loader fuzzers (10 million inputs) and system-call fuzzers (1 million calls)"
	@echo "make power-loss  the key-value store killed at 100 random points (QEMU), every value checked after each"
	@echo "make build     build everything (build-host, build-host-sanitize, build-rv32imac, build-cortex-m4 one by one)"
	@echo "make clean     remove $(BUILD)/"
	@echo
	@echo "BOARD=$(BOARD)  one of: $(BOARDS)"
	@echo "APPS=\"a.tbf b\"  the apps to boot (TBF/TAB paths or app names); default: tools/keel-apps list, else the demos"
	@echo "TIMEOUT=s      stop QEMU after s seconds (0: never); FAIL_ON_TIMEOUT=1 makes a timeout a failure (status 124)"
	@echo "GDB_PORT=n     make debug's gdb server port ($(GDB_PORT))"
	@echo "STORAGE=file   flash image for the board's storage, kept across runs (qemu-virt-rv32; made erased, 32 MiB,"
	@echo "               if missing); without it the kernel has no storage"
	@echo
	@echo "Apps: tools/new-app DIR makes an app outside the tree; tools/keel-apps install|uninstall|list|info manages"
	@echo "what make run boots; tools/tbf-pack, tbf-layout, tbf-dump make and read TBFs (each has --help)."

bootstrap:
	@tools/bootstrap

$(BUILD)/%/build.ninja: | bootstrap
	@cmake -S . -B $(BUILD)/$* -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-$*.cmake -DCMAKE_BUILD_TYPE=Release >/dev/null

build-%: $(BUILD)/%/build.ninja
	@cmake --build $(BUILD)/$*

# build-fuzz last: its tests seed the loader fuzzer from the rv32imac and cortex-m4 apps.
build: bootstrap build-host build-host-sanitize build-rv32imac build-cortex-m4 build-fuzz

run: bootstrap
	@$(MAKE) --no-print-directory build-$(TARGET)
	@$(RUN_QEMU)

debug: bootstrap
	@$(MAKE) --no-print-directory build-$(TARGET)
	@$(RUN_QEMU) --debug --gdb-port $(GDB_PORT)

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
	@python3 bench/kv-bench --build $(BUILD)

# The long fuzzing runs (tests/fuzz/fuzz_all.py): each board's loader fuzzer for 10 million executions, then the
# system-call fuzzer under QEMU on each board for 1 million calls; the figures at the end.
fuzz: build
	@python3 tests/fuzz/fuzz_all.py --build $(BUILD)

# The key-value store's power-loss test at length: 100 random kills (make test runs 20).
power-loss: bootstrap
	@$(MAKE) --no-print-directory build-rv32imac
	@python3 tests/qemu/power_loss.py --build $(BUILD)/rv32imac --kills 100

clean:
	rm -rf $(BUILD)
