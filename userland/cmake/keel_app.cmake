# SPDX-License-Identifier: Apache-2.0
# keel_app(): builds one C app into TBFs.
#
# cortex-m4 (position-independent): one <build>/userland/apps/<name>.tbf (and .elf, .map) that runs at any flash and
# RAM address; SLOT is ignored (see _keel_app_pic below and libkeel/ld/keel_app_pic.ld).
#
# rv32imac (fixed addresses, the qemu-virt-rv32 app slots):
# Slot k (0..15) means: TBF at 0x80100000 + k*0x10000, app binary at 0x80100080 + k*0x10000, process RAM at
# 0x80300000 + k*0x10000. Each app has a default slot, built as <build>/userland/apps/<name>.tbf (and <name>.elf).
# Every other slot is available as <name>@<k>.tbf: built by default when listed in KEEL_APP_EXTRA_SLOTS, otherwise on
# demand (`cmake --build <build> --target userland/apps/<name>@<k>.tbf`, or target keel_tbf_<name>_slot<k>).
#
#   keel_app(<name> SLOT <k> [SOURCES a.c ...] [STACK_SIZE bytes] [HEAP_SIZE bytes] [DEFINES X=1 ...])
# SOURCES defaults to <name>/*.c and <name>/*.cpp next to the calling CMakeLists.txt (C++: no exceptions, no RTTI).

set(KEEL_APP_SLOT_COUNT 16)
set(KEEL_APP_TBF_BASE 0x80100000)
set(KEEL_APP_RAM_BASE 0x80300000)
set(KEEL_APP_SLOT_STRIDE 0x10000)
# Bytes from the TBF start to the app binary: tbf-pack pads the header (protected trailer) to exactly this.
set(KEEL_APP_BINARY_OFFSET 0x80)
set(KEEL_APP_OUTPUT_DIR ${CMAKE_BINARY_DIR}/userland/apps)
set(KEEL_APP_LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/../libkeel/ld/keel_app.ld)
set(KEEL_APP_EXTRA_SLOTS "hello@1;hello@2;hello@3;counter@1;faulter@1" CACHE STRING
    "Extra <app>@<slot> TBFs built by default besides each app's own slot (others build on demand)")

# C and C++ apps alike link with the C driver: a C++ app gets no C++ standard library (libkeel's src/cxx_runtime.cpp
# has the few pieces C++ without exceptions and RTTI needs), as the g++ driver would add.
set(KEEL_APP_LINKER_LANGUAGE LINKER_LANGUAGE C)

# The one printf family the apps need (no floating point): much smaller than picolibc's default.
set(KEEL_APP_PRINTF_LINK_OPTIONS LINKER:--defsym=vfprintf=__i_vfprintf LINKER:--defsym=vfscanf=__i_vfscanf)

function(_keel_app_slot name objects slot artifact in_all stack heap)
  math(EXPR flash "${KEEL_APP_TBF_BASE} + ${slot} * ${KEEL_APP_SLOT_STRIDE} + ${KEEL_APP_BINARY_OFFSET}"
       OUTPUT_FORMAT HEXADECIMAL)
  math(EXPR ram "${KEEL_APP_RAM_BASE} + ${slot} * ${KEEL_APP_SLOT_STRIDE}" OUTPUT_FORMAT HEXADECIMAL)
  set(elf_target keel_app_${name}_slot${slot})
  set(exclude EXCLUDE_FROM_ALL)
  if(in_all)
    set(exclude "")
  endif()
  add_executable(${elf_target} ${exclude} $<TARGET_OBJECTS:${objects}> $<TARGET_OBJECTS:keel_runtime>)
  target_link_libraries(${elf_target} PRIVATE keel)
  target_link_options(${elf_target} PRIVATE
      -nostartfiles -T ${KEEL_APP_LINKER_SCRIPT}
      LINKER:--defsym=KEEL_FLASH_ORIGIN=${flash} LINKER:--defsym=KEEL_RAM_ORIGIN=${ram}
      LINKER:--defsym=KEEL_STACK_SIZE=${stack} LINKER:--defsym=KEEL_HEAP_SIZE=${heap}
      LINKER:--gc-sections LINKER:-Map=${KEEL_APP_OUTPUT_DIR}/${artifact}.map
      ${KEEL_APP_PRINTF_LINK_OPTIONS}
      # .init_array input sections are writable, so the flash segment holding them is RWX to the linker; the app
      # cannot write its flash anyway (the kernel maps it read+execute).
      LINKER:--no-warn-rwx-segments)
  set_target_properties(${elf_target} PROPERTIES
      OUTPUT_NAME ${artifact} SUFFIX .elf RUNTIME_OUTPUT_DIRECTORY ${KEEL_APP_OUTPUT_DIR}
      LINK_DEPENDS ${KEEL_APP_LINKER_SCRIPT} ${KEEL_APP_LINKER_LANGUAGE})

  set(tbf ${KEEL_APP_OUTPUT_DIR}/${artifact}.tbf)
  add_custom_command(OUTPUT ${tbf}
      COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/tbf-pack $<TARGET_FILE:${elf_target}> -o ${tbf}
              --name ${name} --binary-offset ${KEEL_APP_BINARY_OFFSET}
      DEPENDS ${elf_target} ${PROJECT_SOURCE_DIR}/tools/tbf-pack ${PROJECT_SOURCE_DIR}/tools/tbf.py
      COMMENT "tbf-pack ${artifact}.tbf (slot ${slot}: flash ${flash}, RAM ${ram})"
      VERBATIM)
  set(all "")
  if(in_all)
    set(all ALL)
  endif()
  add_custom_target(keel_tbf_${name}_slot${slot} ${all} DEPENDS ${tbf})
endfunction()

# Cortex-M: one position-independent ELF (-pie: ld lists every address word in RAM in .rel.dyn for crt0; --emit-relocs
# keeps the link's relocations in the ELF for tests/tools/check_pic_apps.py) and its TBF without Fixed addresses.
set(KEEL_APP_PIC_LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/../libkeel/ld/keel_app_pic.ld)
function(_keel_app_pic name objects stack heap)
  set(elf_target keel_app_${name})
  add_executable(${elf_target} $<TARGET_OBJECTS:${objects}> $<TARGET_OBJECTS:keel_runtime>)
  target_link_libraries(${elf_target} PRIVATE keel ${KEEL_APP_LIBC_LIBRARIES})
  target_link_options(${elf_target} PRIVATE
      -nostartfiles -pie -T ${KEEL_APP_PIC_LINKER_SCRIPT}
      LINKER:--no-dynamic-linker LINKER:--emit-relocs
      LINKER:--defsym=KEEL_STACK_SIZE=${stack} LINKER:--defsym=KEEL_HEAP_SIZE=${heap}
      LINKER:--gc-sections LINKER:-Map=${KEEL_APP_OUTPUT_DIR}/${name}.map
      LINKER:--no-warn-rwx-segments)
  set_target_properties(${elf_target} PROPERTIES
      OUTPUT_NAME ${name} SUFFIX .elf RUNTIME_OUTPUT_DIRECTORY ${KEEL_APP_OUTPUT_DIR}
      LINK_DEPENDS ${KEEL_APP_PIC_LINKER_SCRIPT} ${KEEL_APP_LINKER_LANGUAGE})
  set(tbf ${KEEL_APP_OUTPUT_DIR}/${name}.tbf)
  add_custom_command(OUTPUT ${tbf}
      COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/tbf-pack $<TARGET_FILE:${elf_target}> -o ${tbf}
              --name ${name} --binary-offset ${KEEL_APP_BINARY_OFFSET} --position-independent
      DEPENDS ${elf_target} ${PROJECT_SOURCE_DIR}/tools/tbf-pack ${PROJECT_SOURCE_DIR}/tools/tbf.py
      COMMENT "tbf-pack ${name}.tbf (position-independent)"
      VERBATIM)
  add_custom_target(keel_tbf_${name} ALL DEPENDS ${tbf})
endfunction()

function(keel_app name)
  cmake_parse_arguments(PARSE_ARGV 1 APP "" "SLOT;STACK_SIZE;HEAP_SIZE" "SOURCES;DEFINES")
  if(NOT DEFINED APP_SLOT OR APP_SLOT LESS 0 OR NOT APP_SLOT LESS KEEL_APP_SLOT_COUNT)
    message(FATAL_ERROR "keel_app(${name}): SLOT must be 0..${KEEL_APP_SLOT_COUNT}-1")
  endif()
  if(NOT APP_SOURCES)
    file(GLOB APP_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.c
         ${CMAKE_CURRENT_SOURCE_DIR}/${name}/*.cpp)
  endif()
  if(NOT APP_STACK_SIZE)
    set(APP_STACK_SIZE 2048)
  endif()
  if(NOT APP_HEAP_SIZE)
    set(APP_HEAP_SIZE 4096)
  endif()

  # Compiled once; only the link differs between slots (medany code links at any address).
  set(objects keel_app_${name}_objects)
  add_library(${objects} OBJECT ${APP_SOURCES})
  target_link_libraries(${objects} PRIVATE keel)
  target_compile_definitions(${objects} PRIVATE ${APP_DEFINES})
  target_include_directories(${objects} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/common)

  if(KEEL_TARGET STREQUAL "cortex-m4")
    _keel_app_pic(${name} ${objects} ${APP_STACK_SIZE} ${APP_HEAP_SIZE})
    if(APP_SOURCES MATCHES "\\.(cpp|cc|cxx)(;|$)")
      # newlib's "lite exit" registers the destructors of global C++ objects (__cxa_atexit) only when something links
      # __register_exitproc; picolibc always does. Linked for C++ apps, so their global destructors run at exit on
      # both targets (C apps keep the smaller exit).
      target_link_options(keel_app_${name} PRIVATE LINKER:--undefined=__register_exitproc)
    endif()
    set_property(GLOBAL APPEND PROPERTY KEEL_APPS "${name}")
    return()
  endif()

  math(EXPR last "${KEEL_APP_SLOT_COUNT} - 1")
  foreach(slot RANGE 0 ${last})
    if(slot EQUAL APP_SLOT)
      _keel_app_slot(${name} ${objects} ${slot} ${name} TRUE ${APP_STACK_SIZE} ${APP_HEAP_SIZE})
    else()
      set(in_all FALSE)
      if("${name}@${slot}" IN_LIST KEEL_APP_EXTRA_SLOTS)
        set(in_all TRUE)
      endif()
      _keel_app_slot(${name} ${objects} ${slot} ${name}@${slot} ${in_all} ${APP_STACK_SIZE} ${APP_HEAP_SIZE})
    endif()
  endforeach()
  set_property(GLOBAL APPEND PROPERTY KEEL_APPS "${name}@${APP_SLOT}")
endfunction()
