// SPDX-License-Identifier: Apache-2.0
// Functions a freestanding C++ compiler may call on its own: memcpy/memset for aggregate copies and zeroing, and
// __cxa_pure_virtual for the vtables of abstract interfaces. Built with -fno-tree-loop-distribute-patterns so these
// loops are not turned back into calls to themselves. No memmove (Slice::copy_from copies overlapping ranges element
// by element) and no memcmp: nothing in the kernel compiles to a call of either; if something ever does, the link
// fails.
//
// TRUSTED: byte and word loops over raw pointers.
#include "kernel/core/panic.h"
#include "kernel/core/types.h"

extern "C" {

// Front to back: words when both sides are word aligned (kernel objects: trap frames, headers, upcalls), four
// loads then four stores per iteration, then bytes, four at a time.
void* memcpy(void* destination, void const* source, size_t count) {
  auto* d = static_cast<uint8_t*>(destination);
  auto const* s = static_cast<uint8_t const*>(source);
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
  // Unaligned (text into the console's ring): four bytes per iteration, loaded before they are stored.
  uint8_t* const end = d + count;
  for (; end - d >= 4; d += 4, s += 4) {
    uint8_t const b0 = s[0];
    uint8_t const b1 = s[1];
    uint8_t const b2 = s[2];
    uint8_t const b3 = s[3];
    d[0] = b0;
    d[1] = b1;
    d[2] = b2;
    d[3] = b3;
  }
  while (d != end) { *d++ = *s++; }
  return destination;
}

// Word stores once aligned, sixteen per iteration (sixteen stores, an add and a branch per 64 bytes): zeroing .bss
// (start.S calls this before any static data is set up: it uses none) and process RAM at every (re)start is the
// bulk of the work at boot.
void* memset(void* destination, int value, size_t count) {
  auto* d = static_cast<uint8_t*>(destination);
  uint8_t const byte = static_cast<uint8_t>(value);
  for (; count > 0 && (reinterpret_cast<uintptr_t>(d) & 3U) != 0; --count) { *d++ = byte; }
  uint32_t const word = byte * 0x01010101U;
  auto* w = reinterpret_cast<uint32_t*>(d);
  if (uint32_t* const end = w + count / 64 * 16; w != end) {
    do {  // tested at the bottom
#pragma GCC unroll 16
      for (int k = 0; k < 16; ++k) { w[k] = word; }
      w += 16;
    } while (w != end);
  }
  count %= 64;
  for (; count >= 4; count -= 4) { *w++ = word; }
  for (d = reinterpret_cast<uint8_t*>(w); count > 0; --count) { *d++ = byte; }
  return destination;
}

[[noreturn]] void __cxa_pure_virtual() { KEEL_PANIC("pure virtual function called"); }

}  // extern "C"
