#include "test_panic.h"

#include "kernel/core/panic.h"

namespace keel {

[[noreturn]] void panic(char const* file, int line, char const* why) {
  throw keel_test::KernelPanic(std::string(file) + ":" + std::to_string(line) + ": " + why);
}

}  // namespace keel
