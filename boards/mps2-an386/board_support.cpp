// SPDX-License-Identifier: Apache-2.0
// mps2-an386's trusted entry point and semihosting exit (board_support.h has the rest of the board support; the
// panic path is kernel/panic_path.cpp).
//
// TRUSTED: the C-linkage entry start.S calls, and the semihosting call (inline assembly).
#include "boards/mps2-an386/board_support.h"

namespace keel::boards::mps2_an386 {

void semihosting_exit(uint32_t status) {
  // ARM semihosting 2.0: SYS_EXIT_EXTENDED (0x20) takes a block {reason, subcode}; with ADP_Stopped_ApplicationExit
  // QEMU exits with the subcode as its status.
  static constinit uint32_t block[2] = {0x20026U, 0};
  block[1] = status;
  register uint32_t operation asm("r0") = 0x20U;
  register uint32_t const* parameter asm("r1") = block;
  asm volatile("bkpt 0xab" : : "r"(operation), "r"(parameter) : "memory");
  for (;;) { asm volatile("wfi"); }
}

}  // namespace keel::boards::mps2_an386

extern "C" [[noreturn]] void keel_board_main() { keel::boards::mps2_an386::boot(); }
