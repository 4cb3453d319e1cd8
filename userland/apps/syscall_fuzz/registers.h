// SPDX-License-Identifier: Apache-2.0
// One system call with every register chosen beforehand and every register read back afterwards (registers.S), so
// that the fuzzer can check what the kernel preserved (abi.md "Trap and registers").
#ifndef SYSCALL_FUZZ_REGISTERS_H
#define SYSCALL_FUZZ_REGISTERS_H

#include <stdint.h>

#if defined(__riscv)
// x0-x31 by number (x0 unused; x2 = sp is written by the stub itself, the value the call must leave there).
// a0-a3 = x10-x13 carry the arguments and results, a4 = x14 the class.
#define FUZZ_REGISTER_COUNT 32
#define FUZZ_FIRST_RESULT 10
#elif defined(__arm__)
// r0-r12, sp (13, written by the stub), lr (14), 15 unused, 16 = APSR (N, Z, C, V, Q in bits 31-27).
#define FUZZ_REGISTER_COUNT 17
#define FUZZ_FIRST_RESULT 0
#define FUZZ_APSR 16
#define FUZZ_APSR_FLAGS 0xF8000000u
#endif

// registers.S addresses these by offset: `after` starts FUZZ_REGISTER_COUNT words in.
typedef struct fuzz_registers {
  uint32_t before[FUZZ_REGISTER_COUNT];
  uint32_t after[FUZZ_REGISTER_COUNT];
} fuzz_registers;

// Loads every register from `r->before` (the class too: a4 on rv32; on Cortex-M it is the svc immediate of the
// stub called), traps, stores every register into `r->after`, and returns with the caller's registers restored.
#if defined(__riscv)
void fuzz_syscall(fuzz_registers* r);
#elif defined(__arm__)
void fuzz_syscall_0(fuzz_registers* r);
void fuzz_syscall_1(fuzz_registers* r);
void fuzz_syscall_2(fuzz_registers* r);
void fuzz_syscall_3(fuzz_registers* r);
void fuzz_syscall_4(fuzz_registers* r);
void fuzz_syscall_5(fuzz_registers* r);
void fuzz_syscall_6(fuzz_registers* r);
void fuzz_syscall_7(fuzz_registers* r);
#endif

#endif  // SYSCALL_FUZZ_REGISTERS_H
