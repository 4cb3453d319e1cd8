// SPDX-License-Identifier: Apache-2.0
// The system-call fuzzer's shared state and parts (see main.c for what it does and what it checks).
#ifndef SYSCALL_FUZZ_FUZZ_H
#define SYSCALL_FUZZ_FUZZ_H

#include <stdbool.h>
#include <stdint.h>

#include "keel/syscall.h"

#ifndef SYSCALL_FUZZ_CALLS
#define SYSCALL_FUZZ_CALLS 30000
#endif
// 0: take the seed from the RNG driver (printed, so a run can be repeated with this set to it).
#ifndef SYSCALL_FUZZ_SEED
#define SYSCALL_FUZZ_SEED 0
#endif

// What the process knows of its own memory, and what it may let the kernel (or a driver) write.
typedef struct fuzz_memory {
  uint32_t mem_start, mem_end;      // the RAM block, grant region included
  uint32_t flash_start, flash_end;  // the TBF
  uint32_t app_start;               // the app binary
  uint32_t floor;                   // everything below is in use: the break never goes below it
  uint32_t brk;                     // the break now
  uint32_t grant_start;             // memop 6, last answer
  uint32_t allowed_end;             // the highest end of a buffer ever allowed in RAM (the break stays above)
  uint32_t other_flash, other_ram;  // addresses of another process (or, not knowing one, just outside ours)
} fuzz_memory;

typedef struct fuzz_state {
  uint32_t calls;
  uint32_t upcalls;       // upcalls the handler ran
  uint32_t violations;
  uint32_t per_class[8];
  fuzz_memory memory;
} fuzz_state;

extern fuzz_state fuzz;

// A scratch arena of our own RAM that drivers may write (read-write allows, the yield flag): nothing else lives
// there.
#define FUZZ_SCRATCH_SIZE 512u
extern uint8_t fuzz_scratch[FUZZ_SCRATCH_SIZE];

// values.c: the seeded generator and the values it favours.
void fuzz_seed(uint32_t seed);
uint32_t fuzz_random(void);
uint32_t fuzz_below(uint32_t n);  // uniform in [0, n)
bool fuzz_chance(uint32_t percent);
uint32_t fuzz_driver_number(void);
uint32_t fuzz_sub_number(void);
uint32_t fuzz_value(void);    // a command argument: edge values, addresses, random
uint32_t fuzz_address(void);  // own RAM and flash bounds, kernel and other-process addresses, edge values
uint32_t fuzz_length(uint32_t address);
// The driver numbers abi.md lists; which of them the board has is learnt at start-up (command 0, main.c).
#define FUZZ_KNOWN_DRIVERS 7
extern uint32_t const fuzz_known_drivers[FUZZ_KNOWN_DRIVERS];
bool fuzz_driver_exists(uint32_t driver);

// call.c: one system call through registers.S, the registers the ABI preserves checked.
keel_syscall_return fuzz_call(uint32_t class_number, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);

// classes.c: one random call of each class, with its oracles.
void fuzz_yield(void);
void fuzz_subscribe(void);
void fuzz_command(void);
void fuzz_allow(uint32_t class_number);
void fuzz_memop(void);
void fuzz_exit(void);

// main.c
void fuzz_violation(char const* what, uint32_t class_number, uint32_t const args[4], keel_syscall_return r);
void fuzz_upcall(int a0, int a1, int a2, void* appdata);
bool fuzz_handler_appdata_live(uint32_t appdata);

#endif  // SYSCALL_FUZZ_FUZZ_H
