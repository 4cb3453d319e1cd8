# The arch-independent kernel sources (compiled into each board's kernel and into the host unit tests).
set(KEEL_INCLUDE_ROOT ${CMAKE_SOURCE_DIR})
set(KEEL_KERNEL_SOURCES
  ${CMAKE_SOURCE_DIR}/kernel/deferred_call.cpp
)
