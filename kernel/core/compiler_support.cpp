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
  // Word copies when both sides are word aligned (kernel objects: trap frames, headers, upcalls).
  if (((reinterpret_cast<uintptr_t>(d) | reinterpret_cast<uintptr_t>(s)) & 3U) == 0) {
    auto* dw = reinterpret_cast<uint32_t*>(d);
    auto const* sw = reinterpret_cast<uint32_t const*>(s);
    for (; count >= 16; count -= 16, dw += 4, sw += 4) {
      uint32_t const w0 = sw[0];
      uint32_t const w1 = sw[1];
      uint32_t const w2 = sw[2];
      uint32_t const w3 = sw[3];
      dw[0] = w0;
      dw[1] = w1;
      dw[2] = w2;
      dw[3] = w3;
    }
    for (; count >= 4; count -= 4) { *dw++ = *sw++; }
    d = reinterpret_cast<uint8_t*>(dw);
    s = reinterpret_cast<uint8_t const*>(sw);
  }
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

// Word stores once aligned: zeroing process RAM at every (re)start is the bulk of the work at boot.
void* memset(void* destination, int value, size_t count) {
  auto* d = static_cast<uint8_t*>(destination);
  uint8_t const byte = static_cast<uint8_t>(value);
  while (count > 0 && (reinterpret_cast<uintptr_t>(d) & 3U) != 0) {
    *d++ = byte;
    --count;
  }
  uint32_t const word = byte * 0x01010101U;
  auto* w = reinterpret_cast<uint32_t*>(d);
  for (; count >= 32; count -= 32, w += 8) {
    w[0] = word;
    w[1] = word;
    w[2] = word;
    w[3] = word;
    w[4] = word;
    w[5] = word;
    w[6] = word;
    w[7] = word;
  }
  for (; count >= 4; count -= 4) { *w++ = word; }
  d = reinterpret_cast<uint8_t*>(w);
  while (count > 0) {
    *d++ = byte;
    --count;
  }
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
