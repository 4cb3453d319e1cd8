// SPDX-License-Identifier: Apache-2.0
// Numbers the assembly loops need (shared/spec/abi.md), as macros so both C and assembly can include them.
#ifndef BENCH_ABI_H
#define BENCH_ABI_H

#define BENCH_CLASS_YIELD 0
#define BENCH_CLASS_SUBSCRIBE 1
#define BENCH_CLASS_COMMAND 2
#define BENCH_CLASS_ALLOW_RO 4
#define BENCH_CLASS_MEMOP 5

#define BENCH_DRIVER_ALARM 0x0
#define BENCH_DRIVER_CONSOLE 0x1
#define BENCH_DRIVER_LOW_LEVEL_DEBUG 0x8
// No board has a driver with this number: a command to it is the null system call.
#define BENCH_MISSING_DRIVER 0xBE0C

#endif  // BENCH_ABI_H
