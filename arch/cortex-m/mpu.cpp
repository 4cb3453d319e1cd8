// SPDX-License-Identifier: Apache-2.0
// TRUSTED: writes the MPU's region registers through a register block at the architecture's fixed address, and
// reads the layout's linker symbols (the app flash's end, the stack guard) as addresses.
#include "keel_arch/memory_protection.h"
#include "keel_arch/protection_check.h"

#include "arch/cortex-m/assembly_entry.h"

#include "kernel/core/mmio.h"
#include "kernel/core/panic.h"
#include "kernel/core/register_cell.h"

extern "C" char _app_flash_end[], _kernel_stack_guard[];

namespace keel::arch {
namespace {

// ARMv7-M ARM B3.5.4: MPU_CTRL, MPU_RNR, MPU_RBAR, MPU_RASR at 0xE000ED94 (after MPU_TYPE, which the kernel does
// not read: PMSAv7 here has 8 regions).
struct MpuRegisters {
  mmio::RegisterCell<uint32_t, mmio::Access::ReadWrite> control;
  mmio::RegisterCell<uint32_t, mmio::Access::ReadWrite> number;
  mmio::RegisterCell<uint32_t, mmio::Access::ReadWrite> base;
  mmio::RegisterCell<uint32_t, mmio::Access::ReadWrite> attributes;
};
constexpr uintptr_t kMpuBase = 0xE000'ED94U;
constexpr uint32_t kEnable = 1U << 0;
constexpr uint32_t kValid = 1U << 4;  // RBAR: the region number comes with the address

MpuRegisters& mpu() { return mmio::map_registers<MpuRegisters>(kMpuBase).get(); }

/// The kernel's own regions (computed by untrusted keel_arch/protection_rules.h) must be well formed, reach
/// something, and have the access `ap` (RASR.AP) and execute-never bit (28) this file expects of each: code
/// read-only (AP 101), the map never executable, the guard no access at all (each `ap` here has bit 1 clear: a
/// process gets nothing), so that a wrong rule cannot quietly weaken the kernel's own protection either.
bool kernel_region(MpuRegion const& region, uint32_t ap, uint32_t execute_never) {
  RegionReach const r = ProtectionCheck::reach(region);
  return r.well_formed && r.start != r.end && r.access == ap && ((region.attributes >> 28U) & 1U) == execute_never;
}

[[gnu::always_inline]] inline void write(uint32_t number, MpuRegion const& region) {
  mpu().base.set(region.base | kValid | number);
  mpu().attributes.set(region.attributes);
}

}  // namespace

uint32_t address_of(char const* symbol) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(symbol)); }

void enable_memory_protection() {
  MpuRegion const code = ProtectionRules::kernel_code(address_of(_app_flash_end));
  // Region 2, the kernel stack guard, written here: the 1 KiB layout.ld leaves below the stack (make safety holds
  // every kernel frame to it), execute-never (bit 28), SIZE 9 (2^10 bytes), AP 000 (no access at all). The check
  // below still refuses it unless _kernel_stack_guard is aligned to its size.
  MpuRegion const guard{address_of(_kernel_stack_guard), (1U << 28) | (9U << 1U) | 1U};
  MpuRegion const map = ProtectionRules::kernel_map();
  if (!kernel_region(code, 5, 0) || !kernel_region(guard, 0, 1) || !kernel_region(map, 1, 1)) {
    KEEL_PANIC("the memory layout cannot be fenced");
  }
  for (uint32_t number = 3; number < 8; ++number) { write(number, {}); }  // PMSAv7 here: 8 regions, 0-2 below
  write(0, map);
  write(1, code);
  write(2, guard);
  // Background region off (no PRIVDEFENA): the kernel reaches only what regions 0-2 (and a process's) name.
  mpu().control.set(kEnable);
  asm volatile("dsb\n isb" ::: "memory");
}

// Only ProcessEntry::enter calls this, for the process it enters.
void ProcessEntry::program(ProcessMemory const& memory) {
  ProtectionRegions const& regions = memory.regions();
  Fence const& fence = regions.fence();
  write(3, fence.flash_first);
  write(4, fence.flash_second);
  write(5, fence.ram_first);
  write(6, fence.ram_second);
  write(7, regions.window(0).region);
  ProcessMemory::programmed_ = memory.mem_start();
  // The exception return that enters the process synchronises the context; switch.S puts a dsb before it.
}

}  // namespace keel::arch
