// SPDX-License-Identifier: Apache-2.0
// TRUSTED: writes the MPU's region registers through a register block at the architecture's fixed address.
#include "keel_arch/memory_protection.h"

#include "kernel/core/mmio.h"
#include "kernel/core/register_cell.h"

namespace keel::arch {
namespace {

// ARMv7-M ARM B3.5.4: MPU_TYPE, MPU_CTRL, MPU_RNR, MPU_RBAR, MPU_RASR at 0xE000ED90.
struct MpuRegisters {
  mmio::RegisterCell<uint32_t, mmio::Access::ReadOnly> type;
  mmio::RegisterCell<uint32_t, mmio::Access::ReadWrite> control;
  mmio::RegisterCell<uint32_t, mmio::Access::ReadWrite> number;
  mmio::RegisterCell<uint32_t, mmio::Access::ReadWrite> base;
  mmio::RegisterCell<uint32_t, mmio::Access::ReadWrite> attributes;
};
constexpr uintptr_t kMpuBase = 0xE000'ED90U;
constexpr uint32_t kEnable = 1U << 0;
constexpr uint32_t kPrivilegedDefaultMap = 1U << 2;
constexpr uint32_t kValid = 1U << 4;  // RBAR: the region number comes with the address

MpuRegisters& mpu() { return mmio::map_registers<MpuRegisters>(kMpuBase).get(); }

void write(MpuRegisters& registers, uint32_t number, MpuRegion const& region) {
  registers.base.set(region.base | kValid | number);
  registers.attributes.set(region.attributes);
}

}  // namespace

void enable_memory_protection() {
  MpuRegisters& registers = mpu();
  for (uint32_t number = 0; number < ProtectionRules::kRegions; ++number) { write(registers, number, {}); }
  registers.control.set(kEnable | kPrivilegedDefaultMap);
}

void protect_process(ProtectionRegions const& regions) {
  MpuRegisters& registers = mpu();
  Fence const& fence = regions.fence();
  write(registers, 0, fence.flash.first);
  write(registers, 1, fence.flash.second);
  write(registers, 2, fence.ram.first);
  write(registers, 3, fence.ram.second);
  write(registers, 4, regions.window(0).region);
  write(registers, 5, regions.window(1).region);
  // The exception return that enters the process synchronises the context; switch.S puts a dsb before it.
}

}  // namespace keel::arch
