# The mps2-an386 chip: device drivers (CMSDK UART, CMSDK dual timer, FPGAIO LEDs), all portable (the host unit
# tests compile them too), and the interrupt dispatch (NVIC, Cortex-M instructions: target only).
set(KEEL_MPS2_AN386_PORTABLE_SOURCES
  ${CMAKE_SOURCE_DIR}/chips/mps2-an386/cmsdk_timer.cpp
  ${CMAKE_SOURCE_DIR}/chips/mps2-an386/cmsdk_uart.cpp
  ${CMAKE_SOURCE_DIR}/chips/mps2-an386/fpgaio_leds.cpp
)
set(KEEL_MPS2_AN386_TARGET_SOURCES
  ${CMAKE_SOURCE_DIR}/chips/mps2-an386/mps2_chip.cpp
)
