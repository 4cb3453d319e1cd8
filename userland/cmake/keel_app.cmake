# SPDX-License-Identifier: Apache-2.0
# keel_app(): builds one app into <output>/<name>.tbf (and <name>.elf, <name>.map), for Keel's own apps and for apps
# outside Keel's tree (userland/cmake/KeelConfig.cmake includes this file).
#
#   keel_app(<name> [SOURCES a.c ...] [STACK_SIZE bytes] [HEAP_SIZE bytes] [DEFINES X=1 ...]
#            [FIXED_FLASH <address> FIXED_RAM <address>] [PACK_OPTIONS --storage-write-id 5 ...])
# PACK_OPTIONS are passed on to tools/tbf-pack (e.g. the storage permissions, docs/storage.md).
# SOURCES defaults to <name>/*.c and <name>/*.cpp next to the calling CMakeLists.txt (C++: no exceptions, no RTTI).
# No app chooses where it goes: the layout tools (tools/tbf-layout, tools/run-qemu, tools/keel-apps) place apps one
# after another in the board's app region.
#
# cortex-m4 (position-independent): the TBF runs at any flash and RAM address (libkeel/ld/keel_app_pic.ld).
# rv32imac (fixed addresses): the app is linked once, at the start of qemu-virt-rv32's app region (binary at
# 0x80100080, TBF at 0x80100000) and of its process RAM (0x80300000), with --emit-relocs; a layout that puts it
# elsewhere moves it there from the relocations kept in its ELF (tools/rebase.py), so the ELF must stay next to the
# TBF. FIXED_FLASH (where the app binary starts, TBF start + 0x80) and FIXED_RAM link an app that really needs fixed
# addresses there instead, and it is never moved (ignored on cortex-m4).

get_filename_component(KEEL_ROOT "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
find_package(Python3 REQUIRED COMPONENTS Interpreter)

set(KEEL_APP_FLASH_ORIGIN 0x80100080)
set(KEEL_APP_RAM_ORIGIN 0x80300000)
# Bytes from the TBF start to the app binary: tbf-pack pads the header (protected trailer) to exactly this.
set(KEEL_APP_BINARY_OFFSET 0x80)
# The board's app region, for tbf-pack's warning about an app that can never fit (the layout refuses it).
if(KEEL_TARGET STREQUAL "cortex-m4")
  set(KEEL_APP_REGION_SIZE 0x3C0000)
else()
  set(KEEL_APP_REGION_SIZE 0x100000)
endif()
if(NOT DEFINED KEEL_APP_OUTPUT_DIR)
  set(KEEL_APP_OUTPUT_DIR ${CMAKE_BINARY_DIR}/userland/apps)
endif()
set(KEEL_APP_LINKER_SCRIPT ${KEEL_ROOT}/userland/libkeel/ld/keel_app.ld)
set(KEEL_APP_PIC_LINKER_SCRIPT ${KEEL_ROOT}/userland/libkeel/ld/keel_app_pic.ld)
# rv32: also link each app moved by these amounts (tests/tools/check_built_apps.py compares it with the app moved by
# tools/rebase.py). Keel's own build sets KEEL_APP_REBASE_CHECK for its apps.
set(KEEL_APP_REBASE_CHECK_FLASH_MOVE 0x23000)
set(KEEL_APP_REBASE_CHECK_RAM_MOVE 0x5000)

# C and C++ apps alike link with the C driver: a C++ app gets no C++ standard library (libkeel's src/cxx_runtime.cpp
# has the few pieces C++ without exceptions and RTTI needs), as the g++ driver would add.
set(KEEL_APP_LINKER_LANGUAGE LINKER_LANGUAGE C)

# The one printf family the apps need (no floating point): much smaller than picolibc's default.
set(KEEL_APP_PRINTF_LINK_OPTIONS LINKER:--defsym=vfprintf=__i_vfprintf LINKER:--defsym=vfscanf=__i_vfscanf)

# An rv32 app linked with its binary at `flash` and its RAM at `ram`.
function(_keel_app_link_fixed target objects output flash ram stack heap emit_relocs in_all)
  set(exclude EXCLUDE_FROM_ALL)
  if(in_all)
    set(exclude "")
  endif()
  add_executable(${target} ${exclude} $<TARGET_OBJECTS:${objects}> $<TARGET_OBJECTS:keel_runtime>)
  target_link_libraries(${target} PRIVATE keel)
  set(relocs "")
  if(emit_relocs)
    set(relocs LINKER:--emit-relocs)
  endif()
  get_filename_component(directory ${output} DIRECTORY)
  get_filename_component(stem ${output} NAME)
  target_link_options(${target} PRIVATE
      -nostartfiles -T ${KEEL_APP_LINKER_SCRIPT} ${relocs}
      LINKER:--defsym=KEEL_FLASH_ORIGIN=${flash} LINKER:--defsym=KEEL_RAM_ORIGIN=${ram}
      LINKER:--defsym=KEEL_STACK_SIZE=${stack} LINKER:--defsym=KEEL_HEAP_SIZE=${heap}
      LINKER:--gc-sections LINKER:-Map=${output}.map
      ${KEEL_APP_PRINTF_LINK_OPTIONS}
      # .init_array input sections are writable, so the flash segment holding them is RWX to the linker; the app
      # cannot write its flash anyway (the kernel maps it read+execute).
      LINKER:--no-warn-rwx-segments)
  set_target_properties(${target} PROPERTIES
      OUTPUT_NAME ${stem} SUFFIX .elf RUNTIME_OUTPUT_DIRECTORY ${directory}
      LINK_DEPENDS ${KEEL_APP_LINKER_SCRIPT} ${KEEL_APP_LINKER_LANGUAGE})
endfunction()

# Cortex-M: one position-independent ELF (-pie: ld lists every address word in RAM in .rel.dyn for crt0; --emit-relocs
# keeps the link's relocations in the ELF for tests/tools/check_pic_apps.py).
function(_keel_app_link_pic target objects output stack heap)
  add_executable(${target} $<TARGET_OBJECTS:${objects}> $<TARGET_OBJECTS:keel_runtime>)
  target_link_libraries(${target} PRIVATE keel ${KEEL_APP_LIBC_LIBRARIES})
  get_filename_component(stem ${output} NAME)
  target_link_options(${target} PRIVATE
      -nostartfiles -pie -T ${KEEL_APP_PIC_LINKER_SCRIPT}
      LINKER:--no-dynamic-linker LINKER:--emit-relocs
      LINKER:--defsym=KEEL_STACK_SIZE=${stack} LINKER:--defsym=KEEL_HEAP_SIZE=${heap}
      LINKER:--gc-sections LINKER:-Map=${output}.map
      LINKER:--no-warn-rwx-segments)
  set_target_properties(${target} PROPERTIES
      OUTPUT_NAME ${stem} SUFFIX .elf RUNTIME_OUTPUT_DIRECTORY ${KEEL_APP_OUTPUT_DIR}
      LINK_DEPENDS ${KEEL_APP_PIC_LINKER_SCRIPT} ${KEEL_APP_LINKER_LANGUAGE})
endfunction()

function(keel_app name)
  cmake_parse_arguments(PARSE_ARGV 1 APP "" "SLOT;STACK_SIZE;HEAP_SIZE;FIXED_FLASH;FIXED_RAM"
                        "SOURCES;DEFINES;PACK_OPTIONS")
  if(DEFINED APP_SLOT)
    message(FATAL_ERROR "keel_app(${name}): SLOT is gone, apps are placed automatically: remove it (an app that "
                        "needs fixed addresses gives FIXED_FLASH and FIXED_RAM)")
  endif()
  if(DEFINED APP_FIXED_FLASH OR DEFINED APP_FIXED_RAM)
    if(NOT DEFINED APP_FIXED_FLASH OR NOT DEFINED APP_FIXED_RAM)
      message(FATAL_ERROR "keel_app(${name}): FIXED_FLASH and FIXED_RAM go together")
    endif()
  endif()
  if(NOT name MATCHES "^[A-Za-z0-9_]+$")
    message(FATAL_ERROR "keel_app(${name}): an app name is letters, digits and underscores")
  endif()
  if(NOT APP_SOURCES)
    file(GLOB APP_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.c
         ${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.cpp)
  endif()
  if(NOT APP_SOURCES)
    message(FATAL_ERROR "keel_app(${name}): no SOURCES and no ${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.c")
  endif()
  if(NOT APP_STACK_SIZE)
    set(APP_STACK_SIZE 2048)
  endif()
  if(NOT APP_HEAP_SIZE)
    set(APP_HEAP_SIZE 4096)
  endif()

  set(objects keel_app_${name}_objects)
  add_library(${objects} OBJECT ${APP_SOURCES})
  target_link_libraries(${objects} PRIVATE keel)
  target_compile_definitions(${objects} PRIVATE ${APP_DEFINES})
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/common)
    target_include_directories(${objects} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/common)
  endif()

  set(elf_target keel_app_${name})
  set(output ${KEEL_APP_OUTPUT_DIR}/${name})
  set(pack_options --name ${name} --binary-offset ${KEEL_APP_BINARY_OFFSET} --warn-above ${KEEL_APP_REGION_SIZE}
      ${APP_PACK_OPTIONS})
  if(KEEL_TARGET STREQUAL "cortex-m4")
    _keel_app_link_pic(${elf_target} ${objects} ${output} ${APP_STACK_SIZE} ${APP_HEAP_SIZE})
    if(APP_SOURCES MATCHES "\\.(cpp|cc|cxx)(;|$)")
      # newlib's "lite exit" registers the destructors of global C++ objects (__cxa_atexit) only when something links
      # __register_exitproc; picolibc always does. Linked for C++ apps, so their global destructors run at exit on
      # both targets (C apps keep the smaller exit).
      target_link_options(${elf_target} PRIVATE LINKER:--undefined=__register_exitproc)
    endif()
    list(APPEND pack_options --position-independent)
    set(placement "position-independent")
  elseif(DEFINED APP_FIXED_FLASH)
    _keel_app_link_fixed(${elf_target} ${objects} ${output} ${APP_FIXED_FLASH} ${APP_FIXED_RAM} ${APP_STACK_SIZE}
                         ${APP_HEAP_SIZE} FALSE TRUE)
    set(placement "fixed: flash ${APP_FIXED_FLASH}, RAM ${APP_FIXED_RAM}")
  else()
    _keel_app_link_fixed(${elf_target} ${objects} ${output} ${KEEL_APP_FLASH_ORIGIN} ${KEEL_APP_RAM_ORIGIN}
                         ${APP_STACK_SIZE} ${APP_HEAP_SIZE} TRUE TRUE)
    set(placement "movable")
    if(KEEL_APP_REBASE_CHECK)
      math(EXPR flash "${KEEL_APP_FLASH_ORIGIN} + ${KEEL_APP_REBASE_CHECK_FLASH_MOVE}" OUTPUT_FORMAT HEXADECIMAL)
      math(EXPR ram "${KEEL_APP_RAM_ORIGIN} + ${KEEL_APP_REBASE_CHECK_RAM_MOVE}" OUTPUT_FORMAT HEXADECIMAL)
      _keel_app_link_fixed(keel_app_${name}_rebase_check ${objects} ${KEEL_APP_OUTPUT_DIR}/rebase-check/${name}
                           ${flash} ${ram} ${APP_STACK_SIZE} ${APP_HEAP_SIZE} FALSE TRUE)
    endif()
  endif()

  set(tbf ${output}.tbf)
  add_custom_command(OUTPUT ${tbf}
      COMMAND ${Python3_EXECUTABLE} ${KEEL_ROOT}/tools/tbf-pack $<TARGET_FILE:${elf_target}> -o ${tbf} ${pack_options}
      DEPENDS ${elf_target} ${KEEL_ROOT}/tools/tbf-pack ${KEEL_ROOT}/tools/tbf.py
      COMMENT "tbf-pack ${name}.tbf (${placement})"
      VERBATIM)
  add_custom_target(keel_tbf_${name} ALL DEPENDS ${tbf})
  set_property(GLOBAL APPEND PROPERTY KEEL_APPS "${name}")
endfunction()
