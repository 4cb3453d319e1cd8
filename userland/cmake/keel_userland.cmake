# SPDX-License-Identifier: Apache-2.0
# What every app builds on, for the target the toolchain file chose (KEEL_TARGET): the C library's flags, libkeel
# (keel: the system-call library; keel_runtime: crt0, stdio, heap, _exit) and keel_app(). Keel's own build includes
# this from userland/CMakeLists.txt; an app outside the tree gets it through find_package(Keel) (KeelConfig.cmake).
#   rv32imac:  fixed-address apps on picolibc.
#   cortex-m4: position-independent apps on newlib rebuilt PIC (userland/newlib-pic). KEEL_NEWLIB_PIC_DIR, when set
#              to a directory that already holds include/ and lib/libc.a (a Keel build's <build>/newlib-pic), is used
#              as it is; otherwise it is built here once (about a minute).
get_filename_component(KEEL_ROOT "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
if(NOT DEFINED KEEL_TARGET)
  message(FATAL_ERROR "Keel apps need Keel's toolchain: configure with "
                      "-DCMAKE_TOOLCHAIN_FILE=${KEEL_ROOT}/cmake/toolchain-rv32imac.cmake (or toolchain-cortex-m4.cmake)")
endif()
if(NOT DEFINED KEEL_WARNINGS)
  set(KEEL_WARNINGS -Wall -Wextra -Werror)
endif()

if(KEEL_TARGET STREQUAL "cortex-m4")
  # Code reaches every global through the GOT, whose address is in r9 (set by crt0, never changed): flash and RAM
  # can then move independently. The C library is compiled the same way.
  set(KEEL_APP_PIC_FLAGS -fPIC -msingle-pic-base -mpic-register=r9 -mno-pic-data-is-text-relative)
  if(NOT KEEL_NEWLIB_PIC_DIR OR NOT EXISTS ${KEEL_NEWLIB_PIC_DIR}/lib/libc.a)
    add_subdirectory(${KEEL_ROOT}/userland/newlib-pic ${CMAKE_CURRENT_BINARY_DIR}/newlib-pic)
  endif()
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=include OUTPUT_VARIABLE gcc_include
                  OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=include-fixed OUTPUT_VARIABLE gcc_include_fixed
                  OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
  # The compiler's own headers, then the PIC newlib's instead of Debian's (same order as the default search path).
  # ("SHELL:" keeps CMake from merging the repeated -isystem.)
  set(KEEL_APP_LIBC_COMPILE_FLAGS ${KEEL_APP_PIC_FLAGS} -nostdinc "SHELL:-isystem ${gcc_include}"
      "SHELL:-isystem ${gcc_include_fixed}" "SHELL:-isystem ${KEEL_NEWLIB_PIC_DIR}/include")
  set(KEEL_APP_LIBC_LINK_FLAGS -nostdlib)
  set(KEEL_APP_LIBC_LIBRARIES ${KEEL_NEWLIB_PIC_DIR}/lib/libc.a gcc ${KEEL_NEWLIB_PIC_DIR}/lib/libc.a)
elseif(KEEL_TARGET STREQUAL "rv32imac")
  set(KEEL_APP_LIBC_COMPILE_FLAGS --specs=picolibc.specs)
  set(KEEL_APP_LIBC_LINK_FLAGS --specs=picolibc.specs)
  set(KEEL_APP_LIBC_LIBRARIES "")
else()
  message(FATAL_ERROR "Keel apps build for rv32imac or cortex-m4, not '${KEEL_TARGET}'")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/keel_app.cmake)
add_subdirectory(${KEEL_ROOT}/userland/libkeel ${CMAKE_CURRENT_BINARY_DIR}/libkeel)
