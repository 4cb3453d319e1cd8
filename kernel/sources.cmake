# The arch-independent kernel sources (compiled into each board's kernel and into the host unit tests).
set(KEEL_INCLUDE_ROOT ${CMAKE_SOURCE_DIR})
set(KEEL_KERNEL_SOURCES
  ${CMAKE_SOURCE_DIR}/kernel/debug_writer.cpp
  ${CMAKE_SOURCE_DIR}/kernel/deferred_call.cpp
  ${CMAKE_SOURCE_DIR}/kernel/fault.cpp
  ${CMAKE_SOURCE_DIR}/kernel/grant_core.cpp
  ${CMAKE_SOURCE_DIR}/kernel/grant_kernel_data.cpp
  ${CMAKE_SOURCE_DIR}/kernel/kernel.cpp
  ${CMAKE_SOURCE_DIR}/kernel/process.cpp
  ${CMAKE_SOURCE_DIR}/kernel/process_loader.cpp
  ${CMAKE_SOURCE_DIR}/kernel/process_memory.cpp
  ${CMAKE_SOURCE_DIR}/kernel/syscalls.cpp
  ${CMAKE_SOURCE_DIR}/kernel/tbf.cpp
  ${CMAKE_SOURCE_DIR}/kernel/upcall_queue.cpp
  ${CMAKE_SOURCE_DIR}/kernel/writer.cpp
)
# On a target only (the host tests have their own keel::panic): the panic path and its report.
set(KEEL_KERNEL_TARGET_SOURCES
  ${CMAKE_SOURCE_DIR}/kernel/panic_path.cpp
  ${CMAKE_SOURCE_DIR}/kernel/panic_report.cpp
  ${CMAKE_SOURCE_DIR}/kernel/core/compiler_support.cpp
)
