# Host build under AddressSanitizer and UndefinedBehaviorSanitizer: the host unit tests alone (tests/host), built
# with the same compiler as the plain host build, any sanitizer report fatal (see tests/host/CMakeLists.txt for the
# run-time options the tests get).
set(KEEL_TARGET host-sanitize CACHE STRING "Keel build target")
set(CMAKE_C_COMPILER gcc)
set(CMAKE_CXX_COMPILER g++)
# Given to the test executable's compile and link after CMAKE_CXX_FLAGS_RELEASE, so -O1 overrides Release's -O3.
set(KEEL_SANITIZE_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1)
