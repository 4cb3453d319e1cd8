// SPDX-License-Identifier: Apache-2.0
// The fuzzer's seeded generator (xorshift32) and the values it favours: driver numbers near the ones that exist,
// small sub-numbers, and for addresses and lengths the edges where checks go wrong (0, -1, the bounds of our own RAM,
// break and TBF, kernel addresses, another process's, lengths that end exactly at or one past a bound, huge ones).
#include "fuzz.h"
#include "keel_board.h"

static uint32_t state = 1;

void fuzz_seed(uint32_t seed) { state = seed != 0 ? seed : 0x9E3779B9u; }

uint32_t fuzz_random(void) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

uint32_t fuzz_below(uint32_t n) { return n == 0 ? 0 : fuzz_random() % n; }
bool fuzz_chance(uint32_t percent) { return fuzz_below(100) < percent; }

// The drivers the boards have (abi.md "Drivers"): alarm, console, LED, button, GPIO, low-level debug, RNG.
uint32_t const fuzz_known_drivers[FUZZ_KNOWN_DRIVERS] = {0x0, 0x1, 0x2, 0x3, 0x4, 0x8, 0x40001};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

uint32_t fuzz_driver_number(void) {
  uint32_t const pick = fuzz_below(100);
  if (pick < 75) { return fuzz_known_drivers[fuzz_below(FUZZ_KNOWN_DRIVERS)]; }
  static uint32_t const near[] = {0x5, 0x6, 0x7, 0x9, 0x10, 0x40000, 0x40002, 0x50000, 0x60000, 0x90000, 0x80000000u,
                                  0xFFFFFFFFu, 0x7FFFFFFFu};
  if (pick < 95) { return near[fuzz_below(COUNT(near))]; }
  return fuzz_random();
}

uint32_t fuzz_sub_number(void) {
  uint32_t const pick = fuzz_below(100);
  if (pick < 80) { return fuzz_below(8); }
  if (pick < 90) { return fuzz_below(32); }
  static uint32_t const edges[] = {0xFF, 0x100, 0xFFFF, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};
  if (pick < 97) { return edges[fuzz_below(COUNT(edges))]; }
  return fuzz_random();
}

uint32_t fuzz_address(void) {
  fuzz_memory const* m = &fuzz.memory;
  uint32_t const scratch = (uint32_t)(uintptr_t)fuzz_scratch;
  uint32_t const candidates[] = {
      0, 1, 4, 0xFFFFFFFFu, 0xFFFFFFFCu, 0xFFFFF000u, 0x80000000u, 0x7FFFFFFCu,
      KEEL_BOARD_KERNEL_IMAGE, KEEL_BOARD_KERNEL_IMAGE + 0x100, KEEL_BOARD_KERNEL_RAM, KEEL_BOARD_KERNEL_RAM + 0x400,
      m->mem_start, m->mem_start - 1, m->mem_start - 4, m->mem_start + 1, m->mem_start + 4,
      m->brk, m->brk - 1, m->brk - 4, m->brk + 1, m->floor, m->floor - 1, m->grant_start, m->grant_start - 4,
      m->mem_end, m->mem_end - 1, m->mem_end - 4,
      m->flash_start, m->flash_start - 4, m->app_start, m->flash_end, m->flash_end - 1, m->flash_end - 4,
      m->other_flash, m->other_flash + 0x40, m->other_ram, m->other_ram + 0x100,
      scratch, scratch + 1, scratch + FUZZ_SCRATCH_SIZE / 2, scratch + FUZZ_SCRATCH_SIZE - 1,
      scratch + FUZZ_SCRATCH_SIZE,
  };
  uint32_t const pick = fuzz_below(100);
  if (pick < 85) { return candidates[fuzz_below(COUNT(candidates))]; }
  if (pick < 92) { return m->mem_start + fuzz_below(m->mem_end - m->mem_start + 64); }
  return fuzz_random();
}

uint32_t fuzz_length(uint32_t address) {
  fuzz_memory const* m = &fuzz.memory;
  uint32_t const candidates[] = {
      0, 0, 1, 2, 3, 4, 8, 16, 63, 64, 100, 128, FUZZ_SCRATCH_SIZE, FUZZ_SCRATCH_SIZE + 1,
      m->brk - address, m->brk - address + 1, m->brk - address - 1, m->mem_end - address, m->grant_start - address,
      m->flash_end - address, m->flash_end - address + 1, 0xFFFFFFFFu, 0xFFFFFFFEu, 0x80000000u, 0x7FFFFFFFu,
      0x10000, 0x100000, 0u - address, 0u - address + 1,
  };
  uint32_t const pick = fuzz_below(100);
  if (pick < 80) { return candidates[fuzz_below(COUNT(candidates))]; }
  if (pick < 92) { return fuzz_below(256); }
  return fuzz_random();
}

uint32_t fuzz_value(void) {
  uint32_t const pick = fuzz_below(100);
  if (pick < 30) { return fuzz_below(16); }
  static uint32_t const edges[] = {0, 1, 2, 0xFF, 0x100, 0xFFFF, 0x10000, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFEu,
                                   0xFFFFFFFFu, 1000, 32768};
  if (pick < 60) { return edges[fuzz_below(COUNT(edges))]; }
  if (pick < 75) { return fuzz_address(); }
  if (pick < 90) { return fuzz_below(100000); }
  return fuzz_random();
}
