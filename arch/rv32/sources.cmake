# rv32 architecture sources (start-up, context switch, trap entry, PMP).
set(KEEL_ARCH_RV32_SOURCES
  ${CMAKE_SOURCE_DIR}/arch/rv32/start.S
  ${CMAKE_SOURCE_DIR}/arch/rv32/switch.S
  ${CMAKE_SOURCE_DIR}/arch/rv32/user_context.cpp
  ${CMAKE_SOURCE_DIR}/arch/rv32/pmp.cpp
  ${CMAKE_SOURCE_DIR}/arch/rv32/kernel_trap.cpp
)
