// SPDX-License-Identifier: Apache-2.0
// The eight Keel system-call classes as C functions with decoded results.
//
// Usage: every function that can fail returns a keel_status (KEEL_OK on success). Decoding is strict: subscribe and
// allow must answer Success-2×u32 (130) or Failure-2×u32 (2), and each command wrapper names the one success variant
// it accepts; anything else is KEEL_ERR_BAD_VARIANT, so a kernel that breaks the ABI shows up at the first call.
// Synchronous driver APIs are built on keel_yield_wait_for(), which never runs an upcall.
#ifndef KEEL_CALLS_H
#define KEEL_CALLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keel/status.h"
#include "keel/syscall.h"

#ifdef __cplusplus
extern "C" {
#define KEEL_NORETURN [[noreturn]]
#else
#define KEEL_NORETURN _Noreturn
#endif

// An upcall as the kernel calls it: three driver-defined arguments and the appdata given at subscribe.
typedef void (*keel_upcall_fn)(int arg0, int arg1, int arg2, void* appdata);

// The three raw arguments of an upcall taken by keel_yield_wait_for().
typedef struct keel_upcall_args {
  uint32_t arg0;
  uint32_t arg1;
  uint32_t arg2;
} keel_upcall_args;

// ---- Yield (class 0) ----

// Runs one queued upcall if there is one; returns whether it did. Never blocks.
bool keel_yield_no_wait(void);
// Sleeps until an upcall for a subscribed slot is queued, then runs exactly one.
void keel_yield_wait(void);
// Sleeps until the upcall (driver, subscribe_number) is queued and returns its arguments without calling any
// function. Works whether or not anything is subscribed to that slot; other upcalls stay queued.
keel_upcall_args keel_yield_wait_for(uint32_t driver, uint32_t subscribe_number);

// ---- Subscribe (class 1) ----

// Registers fn (NULL to stop receiving) for upcall slot (driver, number). Pending upcalls of the slot are dropped.
keel_status keel_subscribe(uint32_t driver, uint32_t number, keel_upcall_fn fn, void* appdata);

// ---- Command (class 2), one wrapper per success variant ----

keel_syscall_return keel_command_raw(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1);
keel_status keel_command(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1);
keel_status keel_command_u32(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1, uint32_t* value);
keel_status keel_command_2_u32(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1, uint32_t* value0,
                               uint32_t* value1);
keel_status keel_command_u64(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1, uint64_t* value);
keel_status keel_command_3_u32(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1, uint32_t* value0,
                               uint32_t* value1, uint32_t* value2);
keel_status keel_command_u32_u64(uint32_t driver, uint32_t command, uint32_t arg0, uint32_t arg1, uint32_t* value0,
                                 uint64_t* value1);
// Command 0: does the driver exist?
bool keel_driver_exists(uint32_t driver);

// ---- Allow (classes 3, 4, 7) ----
// The kernel keeps the buffer until it is allowed again; pass (NULL, 0) to take it back.

keel_status keel_allow_rw(uint32_t driver, uint32_t number, void* buffer, size_t length);
keel_status keel_allow_ro(uint32_t driver, uint32_t number, const void* buffer, size_t length);
keel_status keel_allow_userspace_readable(uint32_t driver, uint32_t number, void* buffer, size_t length);

// ---- Memop (class 5) ----

enum {
  KEEL_MEMOP_BRK = 0,
  KEEL_MEMOP_SBRK = 1,
  KEEL_MEMOP_MEMORY_START = 2,
  KEEL_MEMOP_MEMORY_END = 3,
  KEEL_MEMOP_FLASH_START = 4,
  KEEL_MEMOP_FLASH_END = 5,
  KEEL_MEMOP_GRANT_START = 6,
  KEEL_MEMOP_WRITEABLE_FLASH_COUNT = 7,
  KEEL_MEMOP_WRITEABLE_FLASH_START = 8,
  KEEL_MEMOP_WRITEABLE_FLASH_END = 9,
  KEEL_MEMOP_DEBUG_STACK_TOP = 10,
  KEEL_MEMOP_DEBUG_HEAP_START = 11,
};

keel_syscall_return keel_memop_raw(uint32_t operation, uint32_t argument);
// Moves the break to new_break (NOMEM when it is below an allowed buffer or reaches the grant region).
keel_status keel_brk(void* new_break);
// Moves the break by increment bytes; *old_break (may be NULL) receives the previous break.
keel_status keel_sbrk(int32_t increment, void** old_break);
// Bounds of this process's RAM block (end includes the grant region) and TBF; NULL if the kernel refuses.
void* keel_memory_start(void);
void* keel_memory_end(void);
void* keel_flash_start(void);
void* keel_flash_end(void);
void* keel_grant_start(void);
keel_status keel_writeable_flash_region_count(uint32_t* count);
keel_status keel_writeable_flash_region(uint32_t index, void** start, void** end);
// Hints for the kernel's fault report.
keel_status keel_debug_stack_top(void* stack_top);
keel_status keel_debug_heap_start(void* heap_start);

// ---- Exit (class 6) ----
// Raw exits: no atexit handlers and no stdout flush (exit() from stdlib.h does both, then terminates).

KEEL_NORETURN void keel_exit_terminate(uint32_t completion_code);
KEEL_NORETURN void keel_exit_restart(uint32_t completion_code);

// ---- Decoding helpers, shared by the wrappers above ----

// Success when r.variant == expected_success; the error code for any failure variant; otherwise BAD_VARIANT.
keel_status keel_decode(keel_syscall_return r, uint32_t expected_success);
// Subscribe and allow: only 130 and 2 are valid.
keel_status keel_decode_2_u32_strict(keel_syscall_return r);

#ifdef __cplusplus
}
#endif

#endif  // KEEL_CALLS_H
