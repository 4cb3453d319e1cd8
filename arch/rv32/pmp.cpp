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
}

}  // namespace keel::arch
