# mps2-an386 chip sources: the interrupt dispatch (the device drivers are added beside it).
set(KEEL_MPS2_AN386_SOURCES
  ${CMAKE_SOURCE_DIR}/chips/mps2-an386/mps2_chip.cpp
)
