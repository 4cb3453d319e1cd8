# SPDX-License-Identifier: Apache-2.0
# Makefile include for a Keel app in any folder (tools/new-app makes one from userland/template/). The app folder's
# Makefile says where Keel is and includes this:
#     KEEL_ROOT ?= /path/to/keel
#     include $(KEEL_ROOT)/userland/app.mk
# The app's CMakeLists.txt uses Keel's CMake package (find_package(Keel), userland/cmake/KeelConfig.cmake).
# Variables: BOARD (qemu-virt-rv32 or mps2-an386), APPS (TBFs for run; default: every TBF this folder builds),
# TIMEOUT, FAIL_ON_TIMEOUT=1, BUILD (this folder's build root, default build), KEEL_BUILD (Keel's, default
# $(KEEL_ROOT)/build: the kernel that runs the app, and the Cortex-M C library the app links).
KEEL_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))..)
BOARD ?= qemu-virt-rv32
TIMEOUT ?= 0
BUILD ?= build
KEEL_BUILD ?= $(KEEL_ROOT)/build
APPS ?=

TARGET_qemu-virt-rv32 := rv32imac
TARGET_mps2-an386 := cortex-m4
TARGET := $(TARGET_$(BOARD))
ifeq ($(TARGET),)
$(error unknown BOARD '$(BOARD)' (boards: qemu-virt-rv32 mps2-an386))
endif
APP_BUILD := $(BUILD)/$(TARGET)
RUN_APPS = $(or $(APPS),$(wildcard $(APP_BUILD)/*.tbf))

.PHONY: all run install keel help clean
.PRECIOUS: $(APP_BUILD)/build.ninja

all: $(APP_BUILD)/build.ninja
	@cmake --build $(APP_BUILD)

# Keel first: a Cortex-M app links the C library Keel's build made (else the app's build makes its own, a minute).
$(APP_BUILD)/build.ninja: | keel
	@$(KEEL_ROOT)/tools/bootstrap
	@cmake -S . -B $(APP_BUILD) -G Ninja -DKEEL_ROOT=$(KEEL_ROOT) -DKEEL_TARGET=$(TARGET) -DKEEL_BUILD=$(KEEL_BUILD) \
	       -DCMAKE_BUILD_TYPE=Release >/dev/null

# The kernel (and, for Cortex-M, the C library the app links) come from Keel's own build.
keel:
	@$(MAKE) --no-print-directory -C $(KEEL_ROOT) build-$(TARGET) BUILD=$(KEEL_BUILD)

run: all
	@$(KEEL_ROOT)/tools/run-qemu --board $(BOARD) --build $(KEEL_BUILD)/$(TARGET) --timeout $(TIMEOUT) \
	    $(if $(FAIL_ON_TIMEOUT),--fail-on-timeout) --apps "$(RUN_APPS)"

install: all
	@$(KEEL_ROOT)/tools/keel-apps --board $(BOARD) --build $(KEEL_BUILD)/$(TARGET) install $(RUN_APPS)

help:
	@echo "make            build this folder's apps for BOARD ($(BOARD)) into $(APP_BUILD)/"
	@echo "make run        build, then boot them under QEMU with Keel (Ctrl-A X quits; TIMEOUT=s, FAIL_ON_TIMEOUT=1)"
	@echo "make install    add them to the apps Keel's 'make run' boots (tools/keel-apps; list / uninstall there)"
	@echo "make clean      remove $(BUILD)/"
	@echo "BOARD=mps2-an386 for the Cortex-M4 board; APPS=\"a.tbf b.tbf\" picks what run and install take"

clean:
	rm -rf $(BUILD)
