# ARMv7-M architecture sources (vector table and reset, context switch and exception entry, MPU, process context).
set(KEEL_ARCH_CORTEX_M_SOURCES
  ${CMAKE_SOURCE_DIR}/arch/cortex-m/start.S
  ${CMAKE_SOURCE_DIR}/arch/cortex-m/switch.S
  ${CMAKE_SOURCE_DIR}/arch/cortex-m/mpu.cpp
  ${CMAKE_SOURCE_DIR}/arch/cortex-m/user_context.cpp
  ${CMAKE_SOURCE_DIR}/arch/cortex-m/kernel_fault.cpp
  ${CMAKE_SOURCE_DIR}/arch/cortex-m/nvic.cpp
)
