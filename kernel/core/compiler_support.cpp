// SPDX-License-Identifier: Apache-2.0
// Functions a freestanding C++ compiler may call on its own: memcpy/memmove/memset/memcmp for aggregate copies and
// zeroing, and __cxa_pure_virtual for the vtables of abstract interfaces. Built with
// -fno-tree-loop-distribute-patterns so these loops are not turned back into calls to themselves.
//
// TRUSTED: byte loops over raw pointers.
#include "kernel/core/panic.h"
#include "kernel/core/types.h"

extern "C" {

void* memcpy(void* destination, void const* source, size_t count) {
  auto* d = static_cast<uint8_t*>(destination);
  auto const* s = static_cast<uint8_t const*>(source);
  for (size_t i = 0; i < count; ++i) { d[i] = s[i]; }
  return destination;
}

void* memmove(void* destination, void const* source, size_t count) {
  auto* d = static_cast<uint8_t*>(destination);
  auto const* s = static_cast<uint8_t const*>(source);
  if (d < s) {
    for (size_t i = 0; i < count; ++i) { d[i] = s[i]; }
  } else {
    for (size_t i = count; i > 0; --i) { d[i - 1] = s[i - 1]; }
  }
  return destination;
}

void* memset(void* destination, int value, size_t count) {
  auto* d = static_cast<uint8_t*>(destination);
  for (size_t i = 0; i < count; ++i) { d[i] = static_cast<uint8_t>(value); }
  return destination;
}

int memcmp(void const* a, void const* b, size_t count) {
  auto const* x = static_cast<uint8_t const*>(a);
  auto const* y = static_cast<uint8_t const*>(b);
  for (size_t i = 0; i < count; ++i) {
    if (x[i] != y[i]) { return x[i] < y[i] ? -1 : 1; }
  }
  return 0;
}

[[noreturn]] void __cxa_pure_virtual() { KEEL_PANIC("pure virtual function called"); }

}  // extern "C"
