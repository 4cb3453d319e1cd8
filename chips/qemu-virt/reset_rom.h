// SPDX-License-Identifier: Apache-2.0
// QEMU virt's reset vector, read to learn whether a flash image is attached to pflash bank 0.
//
// The bank exists on every virt machine, but without `-drive if=pflash,unit=0` it is backed by nothing: it reads
// as zeros and whatever is written is lost at exit. Its CFI answers are the same either way, so the device cannot
// say whether it persists. QEMU 7.2's virt.c knows: with a unit-0 drive it makes the reset vector jump to the flash
// base instead of the firmware's start (DRAM). The vector's code sits in the mask ROM at 0x1000 and the jump target
// is its seventh word (riscv_setup_rom_reset_vec: six instructions, then start_addr). Keel's runner starts the hart
// at the kernel with `-device loader` either way, so the ROM's word is the only trace of the drive.
#pragma once

#include "chips/qemu-virt/memory_map.h"
#include "kernel/core/ref.h"
#include "kernel/core/registers.h"

namespace keel::chips::qemu_virt {

struct ResetRomRegisters {
  /// auipc, addi, csrr mhartid, lw a1, lw t0, jr t0.
  mmio::Reserved<24> code;
  /// Where the vector jumps (the low word on rv32).
  mmio::ReadOnly<uint32_t> start_address;
};
KEEL_REGISTER_AT(ResetRomRegisters, start_address, 0x18);

/// Whether QEMU was started with a flash image for bank 0 (storage that persists).
inline bool pflash_image_attached(StaticRef<ResetRomRegisters> rom) {
  return rom->start_address.get() == static_cast<uint32_t>(kPflashBase);
}

}  // namespace keel::chips::qemu_virt
