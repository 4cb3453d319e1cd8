// SPDX-License-Identifier: Apache-2.0
// Where the kernel's own PMP rules lie (entries 9-15; arch/rv32/pmp.cpp lists them), from the linker script's layout:
// the address register of each, TOR bounds and NAPOT encodings.
//
// Not trusted: these are addresses only. pmp.cpp gives each of these entries its configuration itself, every one
// locked and, under Smepmp's machine-mode lockdown, for M-mode alone (none of the shared encodings), so whatever this
// computes, no process reaches anything through them; no M-mode-only encoding is both writable and executable, so no
// address can be both for the kernel either. The stack guard (entry 8, first of the locked ones, so no later entry
// can override it) pmp.cpp places itself. A wrong value here can only take memory away from the kernel (it faults).
#pragma once

#include "kernel/core/panic.h"
#include "kernel/core/utility.h"
#include "kernel/process_memory.h"

namespace keel::arch {

/// The linker script's layout (layout.ld), as pmp.cpp reads it from the symbols.
struct KernelLayout {
  AddressRange kernel_flash{};  // kernel text from its start, then its constants and .data's load image
  uint32_t text_end = 0;
  AddressRange app_flash{};
  AddressRange kernel_ram{};  // .data, .bss, the stack guard and the stack
  AddressRange process_ram{};
};

/// The pmpaddr values of entries 9-15 (pmpaddr holds address bits 33:2).
struct KernelEntries {
  uint32_t text_start = 0;   // 9, off: the start of 10's range
  uint32_t text_end = 0;     // 10, TOR: kernel text, M read+execute
  uint32_t flash_end = 0;    // 11, TOR: the rest of the kernel's flash, M read-only
  uint32_t app_flash = 0;    // 12, NAPOT: M read-only
  uint32_t kernel_ram = 0;   // 13, NAPOT: M read+write
  uint32_t process_ram = 0;  // 14, NAPOT: M read+write (other processes' buffers, grants)
  uint32_t devices = 0;      // 15, NAPOT: M read+write
};

struct KernelRules {
  /// QEMU virt's devices and flash bank (hw/riscv/virt.c): everything below RAM.
  static constexpr AddressRange kDevices{0, 0x4000'0000U};

  /// The entries that fence `layout` exactly; panics if the PMP cannot (TOR bounds must be multiples of 4, a NAPOT
  /// region a power of two of at least 8 bytes, aligned to its size).
  static constexpr KernelEntries entries(KernelLayout const& layout) {
    bool const fenced = is_aligned(layout.kernel_flash.start | layout.text_end | layout.kernel_flash.end, 4) &&
                        is_napot(layout.app_flash) && is_napot(layout.kernel_ram) && is_napot(layout.process_ram);
    if (!fenced) { KEEL_PANIC("the memory layout cannot be fenced by the PMP"); }
    return {layout.kernel_flash.start >> 2, layout.text_end >> 2, layout.kernel_flash.end >> 2, napot(layout.app_flash),
            napot(layout.kernel_ram), napot(layout.process_ram), napot(kDevices)};
  }

  static constexpr bool is_napot(AddressRange range) {
    uint32_t const size = range.end - range.start;
    return range.end > range.start && size >= 8 && is_aligned(size, size) && is_aligned(range.start, size);
  }
  /// pmpaddr for a NAPOT range: its base with the bits below half its size set, over 4.
  static constexpr uint32_t napot(AddressRange range) {
    return (range.start | ((range.end - range.start) / 2 - 1)) >> 2;
  }
};

static_assert(KernelRules::is_napot(KernelRules::kDevices), "the device range is a NAPOT region");

}  // namespace keel::arch
