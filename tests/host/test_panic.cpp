#include "test_panic.h"

#include "kernel/core/panic.h"
#include "kernel/core/slice.h"

namespace keel {
namespace {

std::string text(PanicText panic_text) {
  std::string out;
  for (char const c : panic_text.text().slice()) { out += c; }
  return out;
}

}  // namespace

[[noreturn]] void panic(PanicText file, int line, PanicText why) {
  throw keel_test::KernelPanic(text(file) + ":" + std::to_string(line) + ": " + text(why));
}

[[noreturn]] void panic_with_values(PanicText file, int line, PanicText why, uint32_t a, uint32_t b, uint32_t c) {
  throw keel_test::KernelPanic(text(file) + ":" + std::to_string(line) + ": " + text(why) + " " + std::to_string(a) +
                               " " + std::to_string(b) + " " + std::to_string(c));
}

}  // namespace keel
