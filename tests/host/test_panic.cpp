#include "test_panic.h"

#include "kernel/core/panic.h"

namespace keel {

[[noreturn]] void panic(char const* file, int line, char const* why) {
  throw keel_test::KernelPanic(std::string(file) + ":" + std::to_string(line) + ": " + why);
}

[[noreturn]] void panic_with_values(char const* file, int line, char const* why, uint32_t a, uint32_t b, uint32_t c) {
  throw keel_test::KernelPanic(std::string(file) + ":" + std::to_string(line) + ": " + why + " " + std::to_string(a) +
                               " " + std::to_string(b) + " " + std::to_string(c));
}

}  // namespace keel
