// SPDX-License-Identifier: Apache-2.0
// qemu-virt-rv32's trusted entry point (board_support.h has the rest of the board support; the panic path is
// kernel/panic_path.cpp).
//
// TRUSTED: the C-linkage entry start.S calls.
#include "boards/qemu-virt-rv32/board_support.h"

extern "C" [[noreturn]] void keel_board_main() { keel::boards::qemu_virt_rv32::boot(); }
