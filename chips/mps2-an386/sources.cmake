# The mps2-an386 chip drivers (CMSDK UART, CMSDK dual timer, FPGAIO LEDs). All of them are portable: they build for
# the host too (the host unit tests compile them). A board for this chip includes this file; the chip's interrupt
# dispatch (NVIC) and anything using Cortex-M instructions belong to the target list.
set(KEEL_MPS2_AN386_PORTABLE_SOURCES
  ${CMAKE_SOURCE_DIR}/chips/mps2-an386/cmsdk_timer.cpp
  ${CMAKE_SOURCE_DIR}/chips/mps2-an386/cmsdk_uart.cpp
  ${CMAKE_SOURCE_DIR}/chips/mps2-an386/fpgaio_leds.cpp
)
set(KEEL_MPS2_AN386_TARGET_SOURCES
)
