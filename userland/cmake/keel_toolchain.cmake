# SPDX-License-Identifier: Apache-2.0
# For an app outside Keel's tree, included before project(): uses Keel's toolchain file for KEEL_TARGET (rv32imac,
# the default, for qemu-virt-rv32; cortex-m4 for mps2-an386) unless the project was configured with its own.
set(KEEL_TARGET rv32imac CACHE STRING "Keel build target: rv32imac (qemu-virt-rv32) or cortex-m4 (mps2-an386)")
get_filename_component(_keel_root "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
if(NOT EXISTS "${_keel_root}/cmake/toolchain-${KEEL_TARGET}.cmake")
  message(FATAL_ERROR "KEEL_TARGET '${KEEL_TARGET}': Keel apps build for rv32imac or cortex-m4")
endif()
if(NOT CMAKE_TOOLCHAIN_FILE)
  set(CMAKE_TOOLCHAIN_FILE "${_keel_root}/cmake/toolchain-${KEEL_TARGET}.cmake")
endif()
