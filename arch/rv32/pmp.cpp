// SPDX-License-Identifier: Apache-2.0
// TRUSTED: writes the PMP CSRs with inline assembly.
#include "keel_arch/memory_protection.h"

namespace keel::arch {
namespace {

// pmpcfg byte fields (privileged spec figure 3.27).
constexpr uint32_t kRead = 1U << 0;
constexpr uint32_t kWrite = 1U << 1;
constexpr uint32_t kExecute = 1U << 2;
constexpr uint32_t kTopOfRange = 1U << 3;

// Entry 0 (off) holds the flash base for entry 1 (TOR, R+X); entry 2 (off) the RAM base for entry 3 (TOR, R+W).
constexpr uint32_t kConfig = ((kTopOfRange | kRead | kExecute) << 8) | ((kTopOfRange | kRead | kWrite) << 24);
// Entries 4-7 the same for the two windows (TOR, R+W), each switched on only while its window is open: an empty TOR
// range should match nothing, but QEMU 7.2 computes its end as pmpaddr * 4 - 1, so [0, 0) would match every address.
constexpr uint32_t kWindowRule = kTopOfRange | kRead | kWrite;

// Whether entries 4-7 may hold an open window: while none is open and none was programmed, a switch skips them.
bool windows_programmed = false;

void program_windows(Window const& first, Window const& second) {
  asm volatile("csrw pmpcfg1, zero" ::: "memory");
  asm volatile("csrw pmpaddr4, %0" ::"r"(first.start >> 2));
  asm volatile("csrw pmpaddr5, %0" ::"r"(first.end >> 2));
  asm volatile("csrw pmpaddr6, %0" ::"r"(second.start >> 2));
  asm volatile("csrw pmpaddr7, %0" ::"r"(second.end >> 2));
  uint32_t const window_config = (first.start != first.end ? kWindowRule << 8 : 0) |
                                 (second.start != second.end ? kWindowRule << 24 : 0);
  asm volatile("csrw pmpcfg1, %0" ::"r"(window_config) : "memory");
}

}  // namespace

void protect_process(ProtectionRegions const& regions) {
  // pmpaddr holds address bits 33:2; ProcessMemory keeps every bound 4-byte aligned.
  uint32_t const flash_start = regions.flash().start >> 2;
  uint32_t const flash_end = regions.flash().end >> 2;
  uint32_t const ram_start = regions.ram().start >> 2;
  uint32_t const ram_end = regions.ram().end >> 2;
  // Disable first so no half-written combination is ever live.
  asm volatile("csrw pmpcfg0, zero" ::: "memory");
  asm volatile("csrw pmpaddr0, %0" ::"r"(flash_start));
  asm volatile("csrw pmpaddr1, %0" ::"r"(flash_end));
  asm volatile("csrw pmpaddr2, %0" ::"r"(ram_start));
  asm volatile("csrw pmpaddr3, %0" ::"r"(ram_end));
  asm volatile("csrw pmpcfg0, %0" ::"r"(kConfig) : "memory");
  static_assert(ProtectionRules::kWindows == 2, "entries 4-7 hold two windows");
  Window const first = regions.window(0);
  Window const second = regions.window(1);
  bool const any_open = first.start != first.end || second.start != second.end;
  if (any_open || windows_programmed) { program_windows(first, second); }
  windows_programmed = any_open;
  // Privileged spec 3.7.2: PMP settings may be cached with address translations, and new ones apply only after an
  // sfence.vma. QEMU does cache them: without this, a process could keep reaching a page the previous process (or a
  // revoked IPC window) made accessible.
  asm volatile("sfence.vma zero, zero" ::: "memory");
}

}  // namespace keel::arch
