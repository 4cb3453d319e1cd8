// SPDX-License-Identifier: Apache-2.0
// One random call of each class and what its answer must be (abi.md, TRD 104):
//   - subscribe and allow answer Success + 2×u32 (130) or Failure + 2×u32 (2) and nothing else; success returns
//     exactly what the slot held before (tracked here: the fuzzer is the only one changing its slots), a failure
//     echoes the function and appdata / the pointer and length passed; a missing driver is NODEVICE, a function
//     outside our own flash and RAM or a buffer outside our RAM (read-only: or our TBF) is INVAL;
//   - command: a missing driver is Failure(NODEVICE); command 0 of a driver that exists succeeds; every answer is a
//     defined variant, every error code one of 1-13;
//   - memop: every operation's own variant and value (our RAM block, TBF, grant region start), brk/sbrk refused
//     below our RAM, below an allowed buffer or into the grant region, sbrk returning the old break, memory that a
//     break exposes reading as zero, unknown operations NOSUPPORT;
//   - exit with an unknown variant: Failure(NOSUPPORT) (variants 0 and 1 would end us: never issued);
//   - yield: no-wait writes 0 or 1 into its flag (1 exactly when one upcall ran), wait runs exactly one upcall,
//     wait-for runs none and hands back the alarm's (now, expiration, 0) with now past expiration, unknown variants
//     return at once. It never waits for something that cannot come: the alarm is armed (and its upcall
//     subscribed) right before every wait.
// The fuzzer never lets the kernel or a driver write its own memory outside fuzz_scratch and the RAM above what it
// uses, never subscribes a function other than its handler, and never asks for a fault: any fault, any restart and
// any kernel panic is a finding the host test sees.
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

#define ALLOW_SAFE_MAX 128u  // longest buffer a driver may write (or, read-only, print) for us

enum { ERR_FAIL = 1, ERR_INVAL = 6, ERR_NOMEM = 9, ERR_NOSUPPORT = 10, ERR_NODEVICE = 11, ERR_LAST = 13 };

// What each subscribe/allow slot holds now, as far as we know: (function, appdata) or (pointer, length).
typedef struct slot {
  uint32_t kind, driver, number;
  uint32_t first, second;
} slot;
#define SLOTS 96
static slot slots[SLOTS];
static uint32_t slot_count;

// The slot, if tracked; `*known` says whether its contents are known (never changed, or tracked).
static slot* find_slot(uint32_t kind, uint32_t driver, uint32_t number, bool* known) {
  for (uint32_t i = 0; i < slot_count; ++i) {
    if (slots[i].kind == kind && slots[i].driver == driver && slots[i].number == number) {
      *known = true;
      return &slots[i];
    }
  }
  *known = slot_count < SLOTS;  // never succeeded (so still empty), unless the table overflowed
  return NULL;
}

static void set_slot(uint32_t kind, uint32_t driver, uint32_t number, uint32_t first, uint32_t second) {
  bool known;
  slot* s = find_slot(kind, driver, number, &known);
  if (s == NULL) {
    if (slot_count == SLOTS) { return; }
    s = &slots[slot_count++];
    s->kind = kind;
    s->driver = driver;
    s->number = number;
  }
  s->first = first;
  s->second = second;
}

bool fuzz_handler_appdata_live(uint32_t appdata) {
  uint32_t const handler = (uint32_t)(uintptr_t)fuzz_upcall;
  for (uint32_t i = 0; i < slot_count; ++i) {
    if (slots[i].kind == KEEL_CLASS_SUBSCRIBE && slots[i].first == handler && slots[i].second == appdata) {
      return true;
    }
  }
  return false;
}

static bool in_ram(uint32_t address, uint32_t length) {
  fuzz_memory const* m = &fuzz.memory;
  return address >= m->mem_start && address <= m->brk && length <= m->brk - address;
}
static bool in_flash(uint32_t address, uint32_t length) {
  fuzz_memory const* m = &fuzz.memory;
  return address >= m->flash_start && address <= m->flash_end && length <= m->flash_end - address;
}
// Where a driver may write for us: the scratch arena, or RAM above everything we use.
static bool safe_to_write(uint32_t address, uint32_t length) {
  uint32_t const scratch = (uint32_t)(uintptr_t)fuzz_scratch;
  bool const in_scratch = address >= scratch && address - scratch <= FUZZ_SCRATCH_SIZE &&
                          length <= FUZZ_SCRATCH_SIZE - (address - scratch);
  bool const above_use = address >= fuzz.memory.floor && in_ram(address, length);
  return length <= ALLOW_SAFE_MAX && (in_scratch || above_use);
}

static bool is_variant(uint32_t v) { return v <= 3 || (v >= 128 && v <= 133); }
static bool is_error(uint32_t e) { return e >= 1 && e <= ERR_LAST; }

static void check(bool ok, char const* what, uint32_t class_number, uint32_t const args[4], keel_syscall_return r) {
  if (!ok) { fuzz_violation(what, class_number, args, r); }
}

// ---------------------------------------------------------------------------------------------------------------

static uint32_t subscribe_to(uint32_t driver, uint32_t number, uint32_t function, uint32_t appdata) {
  uint32_t const args[4] = {driver, number, function, appdata};
  keel_syscall_return const r = fuzz_call(KEEL_CLASS_SUBSCRIBE, driver, number, function, appdata);
  bool const exists = fuzz_driver_exists(driver);
  bool const callable = function == 0 || in_flash(function, 2) || in_ram(function, 2);
  bool known;
  slot const* previous = find_slot(KEEL_CLASS_SUBSCRIBE, driver, number, &known);
  if (r.variant == KEEL_VARIANT_SUCCESS_2_U32) {
    check(exists, "subscribe to a missing driver succeeded", KEEL_CLASS_SUBSCRIBE, args, r);
    check(callable, "subscribe of a function outside the process succeeded", KEEL_CLASS_SUBSCRIBE, args, r);
    uint32_t const was_function = previous != NULL ? previous->first : 0;
    uint32_t const was_appdata = previous != NULL ? previous->second : 0;
    check(!known || (r.r1 == was_function && r.r2 == was_appdata),
          "subscribe did not return the previous function and appdata", KEEL_CLASS_SUBSCRIBE, args, r);
    set_slot(KEEL_CLASS_SUBSCRIBE, driver, number, function, appdata);
  } else if (r.variant == KEEL_VARIANT_FAILURE_2_U32) {
    check(r.r2 == function && r.r3 == appdata, "failed subscribe did not echo function and appdata",
          KEEL_CLASS_SUBSCRIBE, args, r);
    check(exists || r.r1 == ERR_NODEVICE, "subscribe to a missing driver is not NODEVICE", KEEL_CLASS_SUBSCRIBE,
          args, r);
    check(!exists || callable || r.r1 == ERR_INVAL, "subscribe of a function outside the process is not INVAL",
          KEEL_CLASS_SUBSCRIBE, args, r);
    check(!exists || r.r1 == ERR_INVAL || r.r1 == ERR_NOMEM, "subscribe failed with an error it never gives",
          KEEL_CLASS_SUBSCRIBE, args, r);
  } else {
    check(false, "subscribe answered a variant other than 130 or 2", KEEL_CLASS_SUBSCRIBE, args, r);
  }
  return r.variant;
}

void fuzz_subscribe(void) {
  uint32_t const driver = fuzz_driver_number();
  uint32_t const number = fuzz_sub_number();
  uint32_t function = 0;
  uint32_t const pick = fuzz_below(100);
  if (pick < 40) {
    function = (uint32_t)(uintptr_t)fuzz_upcall;
  } else if (pick >= 70) {
    function = fuzz_address();
    // Only our handler may ever be called back: any other address in our flash or RAM becomes 0.
    if (in_flash(function, 2) || in_ram(function, 2)) { function = 0; }
  }
  subscribe_to(driver, number, function, fuzz_random());
}

// ---------------------------------------------------------------------------------------------------------------

void fuzz_allow(uint32_t class_number) {
  uint32_t const driver = fuzz_driver_number();
  uint32_t const number = fuzz_sub_number();
  uint32_t address = fuzz_address();
  uint32_t length = fuzz_length(address);
  bool const read_only = class_number == KEEL_CLASS_ALLOW_RO;
  bool valid = length == 0 || in_ram(address, length) || (read_only && in_flash(address, length));
  if (valid && length != 0) {
    if (read_only) {
      if (length > ALLOW_SAFE_MAX) { length = ALLOW_SAFE_MAX; }  // still inside; shorter to print
    } else if (!safe_to_write(address, length)) {
      // A valid buffer the kernel could write: only in the scratch arena.
      uint32_t const offset = fuzz_below(FUZZ_SCRATCH_SIZE);
      address = (uint32_t)(uintptr_t)fuzz_scratch + offset;
      length = 1 + fuzz_below(FUZZ_SCRATCH_SIZE - offset < ALLOW_SAFE_MAX ? FUZZ_SCRATCH_SIZE - offset
                                                                          : ALLOW_SAFE_MAX);
    }
    valid = true;
  }
  uint32_t const args[4] = {driver, number, address, length};
  keel_syscall_return const r = fuzz_call(class_number, driver, number, address, length);
  bool const exists = fuzz_driver_exists(driver);
  uint32_t const kind = read_only ? KEEL_CLASS_ALLOW_RO : class_number;
  bool known;
  slot const* previous = find_slot(kind, driver, number, &known);

  if (r.variant == KEEL_VARIANT_SUCCESS_2_U32) {
    check(exists, "allow to a missing driver succeeded", class_number, args, r);
    check(valid, "allow of a buffer outside the process succeeded", class_number, args, r);
    uint32_t const was_address = previous != NULL ? previous->first : 0;
    uint32_t const was_length = previous != NULL ? previous->second : 0;
    check(!known || (r.r1 == was_address && r.r2 == was_length), "allow did not return the previous buffer",
          class_number, args, r);
    set_slot(kind, driver, number, length != 0 ? address : 0, length);
    if (length != 0 && in_ram(address, length) && address + length > fuzz.memory.allowed_end) {
      fuzz.memory.allowed_end = address + length;
    }
  } else if (r.variant == KEEL_VARIANT_FAILURE_2_U32) {
    bool const echoed = r.r2 == address && r.r3 == length;
    check(echoed, "failed allow did not echo pointer and length", class_number, args, r);
    check(exists || r.r1 == ERR_NODEVICE, "allow to a missing driver is not NODEVICE", class_number, args, r);
    check(!exists || valid || r.r1 == ERR_INVAL, "allow of a buffer outside the process is not INVAL", class_number,
          args, r);
    bool const expected_error = r.r1 == ERR_INVAL || r.r1 == ERR_NOMEM ||
                                (class_number == KEEL_CLASS_ALLOW_USERSPACE_READABLE && r.r1 == ERR_NOSUPPORT);
    check(!exists || expected_error, "allow failed with an error it never gives", class_number, args, r);
  } else {
    check(false, "allow answered a variant other than 130 or 2", class_number, args, r);
  }
}

// ---------------------------------------------------------------------------------------------------------------

void fuzz_command(void) {
  uint32_t const driver = fuzz_driver_number();
  uint32_t const pick = fuzz_below(100);
  uint32_t const command = pick < 10 ? 0 : pick < 85 ? 1 + fuzz_below(8) : fuzz_sub_number();
  uint32_t const arg0 = fuzz_value();
  uint32_t const arg1 = fuzz_value();
  uint32_t const args[4] = {driver, command, arg0, arg1};
  keel_syscall_return const r = fuzz_call(KEEL_CLASS_COMMAND, driver, command, arg0, arg1);
  check(is_variant(r.variant), "command answered an undefined variant", KEEL_CLASS_COMMAND, args, r);
  check(r.variant >= 128 || is_error(r.r1), "command failed with an undefined error code", KEEL_CLASS_COMMAND, args,
        r);
  if (!fuzz_driver_exists(driver)) {
    check(r.variant == KEEL_VARIANT_FAILURE && r.r1 == ERR_NODEVICE, "command to a missing driver is not NODEVICE",
          KEEL_CLASS_COMMAND, args, r);
  } else if (command == 0) {
    check(r.variant >= 128, "command 0 of a driver that exists failed", KEEL_CLASS_COMMAND, args, r);
  }
}

// ---------------------------------------------------------------------------------------------------------------

static uint32_t memop(uint32_t op, uint32_t argument, keel_syscall_return* out) {
  *out = fuzz_call(KEEL_CLASS_MEMOP, op, argument, fuzz_random(), fuzz_random());
  return out->variant;
}

static void expect_u32(uint32_t op, uint32_t argument, uint32_t value, char const* what) {
  keel_syscall_return r;
  memop(op, argument, &r);
  uint32_t const args[4] = {op, argument, 0, 0};
  check(r.variant == KEEL_VARIANT_SUCCESS_U32 && r.r1 == value, what, KEEL_CLASS_MEMOP, args, r);
}

// Reads the grant region's start (it only moves down, as grants are allocated, never below the break).
static void refresh_grant_start(void) {
  keel_syscall_return r;
  memop(6, fuzz_random(), &r);
  uint32_t const args[4] = {6, 0, 0, 0};
  fuzz_memory* m = &fuzz.memory;
  check(r.variant == KEEL_VARIANT_SUCCESS_U32 && r.r1 >= m->brk && r.r1 <= m->grant_start,
        "memop 6 (grant region start) is not between the break and its last value", KEEL_CLASS_MEMOP, args, r);
  if (r.variant == KEEL_VARIANT_SUCCESS_U32) { m->grant_start = r.r1; }
}

// After the break moved from `old` up to `now`: what became accessible reads as zero (its first and last bytes).
static void check_exposed_zero(uint32_t old, uint32_t now, uint32_t const args[4], keel_syscall_return r) {
  uint32_t const span = now - old < 32 ? now - old : 32;
  uint8_t const* low = (uint8_t const*)(uintptr_t)old;
  uint8_t const* high = (uint8_t const*)(uintptr_t)(now - span);
  for (uint32_t i = 0; i < span; ++i) {
    if (low[i] != 0 || high[i] != 0) {
      fuzz_violation("memory the break exposed does not read as zero", KEEL_CLASS_MEMOP, args, r);
      return;
    }
  }
}

// Whether the kernel must refuse a break at `target`.
static bool break_must_fail(uint64_t target) {
  fuzz_memory const* m = &fuzz.memory;
  return target < m->mem_start || target < m->allowed_end || target > m->grant_start;
}

static void fuzz_brk(void) {
  fuzz_memory* m = &fuzz.memory;
  refresh_grant_start();
  uint32_t const candidates[] = {m->floor, m->floor + 4, m->brk, m->brk + 1, m->brk + 4, m->brk + 64, m->brk + 1000,
                                 m->brk - 4, m->grant_start, m->grant_start - 1, m->grant_start - 64,
                                 m->grant_start + 1, m->allowed_end, m->allowed_end - 1, m->mem_start - 1,
                                 m->mem_end, 0, 0xFFFFFFFFu, fuzz_address()};
  uint32_t target = candidates[fuzz_below(sizeof candidates / sizeof candidates[0])];
  // Never below what we use: the kernel would grant it and cut our own memory.
  if (target >= m->mem_start && target < m->floor) { target = m->floor; }
  uint32_t const args[4] = {0, target, 0, 0};
  keel_syscall_return r;
  memop(0, target, &r);
  if (r.variant == KEEL_VARIANT_SUCCESS) {
    check(!break_must_fail(target), "brk accepted a break it must refuse", KEEL_CLASS_MEMOP, args, r);
    uint32_t const old = m->brk;
    m->brk = target;
    if (target > old) { check_exposed_zero(old, target, args, r); }
  } else {
    check(r.variant == KEEL_VARIANT_FAILURE && r.r1 == ERR_NOMEM, "a refused brk is not Failure(NOMEM)",
          KEEL_CLASS_MEMOP, args, r);
  }
}

static void fuzz_sbrk(void) {
  fuzz_memory* m = &fuzz.memory;
  refresh_grant_start();
  uint32_t const candidates[] = {0, 1, 4, 8, 64, 1000, 0u - 4, 0u - 64, m->floor - m->brk, m->grant_start - m->brk,
                                 m->grant_start - m->brk + 1, m->allowed_end - m->brk, 0x7FFFFFFFu, 0x80000000u,
                                 0xFFFFFFFFu, m->mem_start - m->brk - 1, fuzz_random()};
  uint32_t increment = candidates[fuzz_below(sizeof candidates / sizeof candidates[0])];
  int64_t target = (int64_t)m->brk + (int32_t)increment;
  if (target >= m->mem_start && target < m->floor) {
    increment = 0;
    target = m->brk;
  }
  uint32_t const args[4] = {1, increment, 0, 0};
  keel_syscall_return r;
  memop(1, increment, &r);
  if (r.variant == KEEL_VARIANT_SUCCESS_U32) {
    check(target <= 0xFFFFFFFFll && target >= 0 && !break_must_fail((uint64_t)target),
          "sbrk accepted a break it must refuse", KEEL_CLASS_MEMOP, args, r);
    check(r.r1 == m->brk, "sbrk did not return the old break", KEEL_CLASS_MEMOP, args, r);
    uint32_t const old = m->brk;
    m->brk = (uint32_t)target;
    if (m->brk > old) { check_exposed_zero(old, m->brk, args, r); }
  } else {
    check(r.variant == KEEL_VARIANT_FAILURE && r.r1 == ERR_NOMEM, "a refused sbrk is not Failure(NOMEM)",
          KEEL_CLASS_MEMOP, args, r);
  }
}

void fuzz_memop(void) {
  fuzz_memory* m = &fuzz.memory;
  uint32_t const pick = fuzz_below(100);
  uint32_t const op = pick < 92 ? fuzz_below(12) : fuzz_sub_number();
  uint32_t const argument = fuzz_value();
  keel_syscall_return r;
  uint32_t const args[4] = {op, argument, 0, 0};
  switch (op) {
    case 0: fuzz_brk(); return;
    case 1: fuzz_sbrk(); return;
    case 2: expect_u32(2, argument, m->mem_start, "memop 2 is not our RAM start"); return;
    case 3: expect_u32(3, argument, m->mem_end, "memop 3 is not our RAM block's end"); return;
    case 4: expect_u32(4, argument, m->flash_start, "memop 4 is not our TBF's start"); return;
    case 5: expect_u32(5, argument, m->flash_end, "memop 5 is not our TBF's end"); return;
    case 6: refresh_grant_start(); return;
    case 7: expect_u32(7, argument, 0, "memop 7: our TBF has no writeable flash region"); return;
    case 8:
    case 9:
      memop(op, argument, &r);
      check(r.variant == KEEL_VARIANT_FAILURE && r.r1 == ERR_FAIL, "memop 8/9 of a region we lack is not FAIL",
            KEEL_CLASS_MEMOP, args, r);
      return;
    case 10:
    case 11:
      memop(op, argument, &r);
      check(r.variant == KEEL_VARIANT_SUCCESS, "memop 10/11 (debug hints) is not Success", KEEL_CLASS_MEMOP, args,
            r);
      return;
    default:
      memop(op, argument, &r);
      check(r.variant == KEEL_VARIANT_FAILURE && r.r1 == ERR_NOSUPPORT, "an unknown memop is not NOSUPPORT",
            KEEL_CLASS_MEMOP, args, r);
      return;
  }
}

// ---------------------------------------------------------------------------------------------------------------

void fuzz_exit(void) {
  static uint32_t const variants[] = {2, 3, 4, 0xFF, 0x100, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};
  uint32_t variant = fuzz_chance(80) ? variants[fuzz_below(sizeof variants / sizeof variants[0])] : fuzz_random();
  if (variant < 2) { variant += 2; }  // 0 terminates, 1 restarts: not ours to ask
  uint32_t const code = fuzz_value();
  uint32_t const args[4] = {variant, code, 0, 0};
  keel_syscall_return const r = fuzz_call(KEEL_CLASS_EXIT, variant, code, fuzz_random(), fuzz_random());
  check(r.variant == KEEL_VARIANT_FAILURE && r.r1 == ERR_NOSUPPORT, "exit with an unknown variant is not NOSUPPORT",
        KEEL_CLASS_EXIT, args, r);
}

// ---------------------------------------------------------------------------------------------------------------

static uint8_t yield_flag;

// Subscribes the alarm's upcall (to our handler, or to nothing) and arms it `dt` ticks ahead: something will come.
static bool arm_alarm(bool with_handler) {
  uint32_t const handler = with_handler ? (uint32_t)(uintptr_t)fuzz_upcall : 0;
  if (subscribe_to(0, 0, handler, fuzz_random()) != KEEL_VARIANT_SUCCESS_2_U32) { return false; }
  static uint32_t const dts[] = {0, 1, 10, 100, 1000};
  uint32_t const dt = dts[fuzz_below(sizeof dts / sizeof dts[0])];
  uint32_t const args[4] = {0, 5, dt, 0};
  keel_syscall_return const r = fuzz_call(KEEL_CLASS_COMMAND, 0, 5, dt, 0);
  check(r.variant == KEEL_VARIANT_SUCCESS_U32, "alarm set relative did not answer Success + u32", KEEL_CLASS_COMMAND,
        args, r);
  return r.variant == KEEL_VARIANT_SUCCESS_U32;
}

void fuzz_yield(void) {
  fuzz_memory const* m = &fuzz.memory;
  uint32_t const pick = fuzz_below(100);
  uint32_t const upcalls = fuzz.upcalls;
  if (pick < 45) {
    // No-wait, the flag ours, 0, or somewhere the kernel must not write (outside our RAM).
    uint32_t flag = (uint32_t)(uintptr_t)&yield_flag;
    uint32_t const where = fuzz_below(4);
    if (where == 1) { flag = 0; }
    if (where >= 2) {
      flag = fuzz_address();
      if (in_ram(flag, 1)) { flag = m->brk; }
    }
    yield_flag = 0xAA;
    uint32_t const args[4] = {0, flag, 0, 0};
    keel_syscall_return const r = fuzz_call(KEEL_CLASS_YIELD, 0, flag, fuzz_random(), fuzz_random());
    uint32_t const ran = fuzz.upcalls - upcalls;
    check(ran <= 1, "yield no-wait ran more than one upcall", KEEL_CLASS_YIELD, args, r);
    if (flag == (uint32_t)(uintptr_t)&yield_flag) {
      check(yield_flag == ran, "yield no-wait's flag does not say whether an upcall ran", KEEL_CLASS_YIELD, args, r);
    } else {
      check(yield_flag == 0xAA, "yield no-wait wrote a flag we did not pass", KEEL_CLASS_YIELD, args, r);
    }
  } else if (pick < 60) {
    // An unknown variant returns at once.
    static uint32_t const variants[] = {3, 4, 0xFF, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};
    uint32_t variant = fuzz_chance(70) ? variants[fuzz_below(sizeof variants / sizeof variants[0])] : fuzz_random();
    if (variant < 3) { variant = 3; }
    uint32_t const args[4] = {variant, 0, 0, 0};
    keel_syscall_return const r = fuzz_call(KEEL_CLASS_YIELD, variant, fuzz_address(), fuzz_random(), fuzz_random());
    check(fuzz.upcalls == upcalls, "yield with an unknown variant ran an upcall", KEEL_CLASS_YIELD, args, r);
  } else if (pick < 80) {
    if (!arm_alarm(true)) { return; }
    uint32_t const before = fuzz.upcalls;
    uint32_t const args[4] = {1, 0, 0, 0};
    keel_syscall_return const r = fuzz_call(KEEL_CLASS_YIELD, 1, fuzz_random(), fuzz_random(), fuzz_random());
    check(fuzz.upcalls - before == 1, "yield wait did not run exactly one upcall", KEEL_CLASS_YIELD, args, r);
  } else {
    // The alarm's event must find room in our upcall queue: run what is pending first (no-wait, one at a time).
    for (int i = 0; i < 16; ++i) {
      yield_flag = 0xAA;
      uint32_t const flag = (uint32_t)(uintptr_t)&yield_flag;
      uint32_t const args[4] = {0, flag, 0, 0};
      uint32_t const before = fuzz.upcalls;
      keel_syscall_return const r = fuzz_call(KEEL_CLASS_YIELD, 0, flag, 0, 0);
      check(yield_flag == fuzz.upcalls - before, "yield no-wait's flag does not say whether an upcall ran",
            KEEL_CLASS_YIELD, args, r);
      if (yield_flag != 1) { break; }
    }
    if (!arm_alarm(fuzz_chance(50))) { return; }
    uint32_t const before = fuzz.upcalls;
    uint32_t const args[4] = {2, 0, 0, 0};
    keel_syscall_return const r = fuzz_call(KEEL_CLASS_YIELD, 2, 0, 0, fuzz_random());
    check(fuzz.upcalls == before, "yield wait-for ran an upcall", KEEL_CLASS_YIELD, args, r);
    check((int32_t)(r.variant - r.r1) >= 0 && r.r2 == 0,
          "yield wait-for on the alarm did not return (now, expiration, 0) with now at or past expiration",
          KEEL_CLASS_YIELD, args, r);
  }
}
