# Host build: unit tests of kernel code with GoogleTest, host tools.
set(KEEL_TARGET host CACHE STRING "Keel build target")
set(CMAKE_C_COMPILER gcc)
set(CMAKE_CXX_COMPILER g++)
