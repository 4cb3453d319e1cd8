// SPDX-License-Identifier: Apache-2.0
// What every board's linker script provides (_app_flash_start/_end, _process_ram_start/_end), turned into the
// kernel's process bounds: load_processes makes that app flash and process RAM the bounds of every process claim
// (ProcessMemory::set_board_regions), then gives the kernel's loader that flash, as bytes, and that RAM. Always the
// same regions: calling it again changes no bound. kernel_memory() gives the sizes of the kernel's own RAM.
//
// TRUSTED: linker-symbol addresses become address ranges and a slice.
#pragma once

#include "kernel/kernel.h"
#include "kernel/kernel_memory.h"

extern "C" char _app_flash_start[], _app_flash_end[], _process_ram_start[], _process_ram_end[];
extern "C" char _sdata[], _ebss[], _kernel_stack_size[];

namespace keel {

inline uint32_t address_of(char const* symbol) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(symbol)); }

inline void load_processes(Kernel& kernel) {
  AddressRange const flash{address_of(_app_flash_start), address_of(_app_flash_end)};
  AddressRange const ram{address_of(_process_ram_start), address_of(_process_ram_end)};
  ProcessMemory::set_board_regions(flash, ram);
  auto const bytes = reinterpret_cast<uint8_t const*>(_app_flash_start);
  kernel.load_processes(flash, Slice<uint8_t const>::from_raw_parts(bytes, flash.end - flash.start), ram);
}

/// The kernel's data and bss, stack and process RAM sizes (_kernel_stack_size is a symbol whose address is the size).
inline KernelMemory kernel_memory() {
  return {address_of(_ebss) - address_of(_sdata), address_of(_kernel_stack_size),
          address_of(_process_ram_end) - address_of(_process_ram_start)};
}

}  // namespace keel
