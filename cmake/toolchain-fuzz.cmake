# Fuzzing build: the libFuzzer harnesses of tests/fuzz/, with clang 19 (libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer come with it: Debian's libclang-rt-19-dev).
set(KEEL_TARGET fuzz CACHE STRING "Keel build target")
set(CMAKE_C_COMPILER clang-19)
set(CMAKE_CXX_COMPILER clang++-19)
