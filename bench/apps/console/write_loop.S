// SPDX-License-Identifier: Apache-2.0
// uint32_t bench_console_write(uint32_t n, uint32_t buffer, uint32_t length) and its empty twin: n synchronous
// console writes of `length` bytes, each exactly what libkeel's keel_console_write does for a buffer the driver
// takes whole: read-only allow, write command, yield-wait-for write-done, allow revoked. Returns the instructions
// retired (see common/loop_frame.h for the conventions).
#include "bench_abi.h"
#include "loop_frame.h"

  .option arch, +zicsr

.macro CONSOLE_LOOP name, with_ecall
  BENCH_LOOP_BEGIN \name
  li a0, BENCH_DRIVER_CONSOLE
  li a1, 1
  mv a2, s2
  mv a3, s3
  li a4, BENCH_CLASS_ALLOW_RO
  BENCH_ECALL \with_ecall
  li a0, BENCH_DRIVER_CONSOLE
  li a1, 1  // write
  mv a2, s3
  li a3, 0
  li a4, BENCH_CLASS_COMMAND
  BENCH_ECALL \with_ecall
  li a0, 2  // yield-wait-for (console, write-done)
  li a1, BENCH_DRIVER_CONSOLE
  li a2, 1
  li a4, BENCH_CLASS_YIELD
  BENCH_ECALL \with_ecall
  li a0, BENCH_DRIVER_CONSOLE
  li a1, 1
  li a2, 0
  li a3, 0
  li a4, BENCH_CLASS_ALLOW_RO
  BENCH_ECALL \with_ecall
  BENCH_LOOP_END \name
.endm

CONSOLE_LOOP console_write, 1
CONSOLE_LOOP console_write_empty, 0
