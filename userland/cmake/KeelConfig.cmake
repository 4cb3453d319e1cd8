# SPDX-License-Identifier: Apache-2.0
# find_package(Keel): keel_app() and libkeel for an app outside Keel's tree (userland/template/ shows the use). The
# project must use Keel's toolchain: include(<keel>/userland/cmake/keel_toolchain.cmake) before project(), or
# configure with -DCMAKE_TOOLCHAIN_FILE=<keel>/cmake/toolchain-rv32imac.cmake (or toolchain-cortex-m4.cmake).
# The apps' TBFs and ELFs go to the build directory itself (KEEL_APP_OUTPUT_DIR).
get_filename_component(KEEL_ROOT "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
set(KEEL_BUILD "${KEEL_ROOT}/build" CACHE PATH "Keel's build directory (Cortex-M apps reuse its PIC newlib)")
if(KEEL_TARGET STREQUAL "cortex-m4" AND NOT KEEL_NEWLIB_PIC_DIR
   AND EXISTS "${KEEL_BUILD}/cortex-m4/newlib-pic/lib/libc.a")
  set(KEEL_NEWLIB_PIC_DIR "${KEEL_BUILD}/cortex-m4/newlib-pic")
endif()
if(NOT DEFINED KEEL_APP_OUTPUT_DIR)
  set(KEEL_APP_OUTPUT_DIR ${CMAKE_BINARY_DIR})
endif()
include(${CMAKE_CURRENT_LIST_DIR}/keel_userland.cmake)
set(Keel_FOUND TRUE)
