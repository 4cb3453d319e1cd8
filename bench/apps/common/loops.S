// SPDX-License-Identifier: Apache-2.0
// The measured loops: each system call is issued N times from a loop written in assembly, so the instructions
// around the ecall are fixed and known, and the same loop is built a second time without the ecall. The difference
// of the two totals is N times (the ecall + everything the kernel runs until the next user instruction); nothing
// the compiler does can move into or out of it.
//
// Every function here is uint32_t bench_<name>(uint32_t n, uint32_t p, uint32_t q), p and q per-loop operands (a
// pointer, a length); the frame and its conventions are in loop_frame.h.
//
// Apps are built for plain rv32imac, so the counter reads switch Zicsr on locally.
#include "bench_abi.h"
#include "loop_frame.h"

  .option arch, +zicsr

// A loop: `body` sets a0-a4 for one call; with_ecall = 0 builds the empty twin.
.macro BENCH_LOOP name, body, with_ecall
  BENCH_LOOP_BEGIN \name
  \body
  BENCH_ECALL \with_ecall
  BENCH_LOOP_END \name
.endm

.macro BENCH_PAIR name, body
  BENCH_LOOP \name, \body, 1
  BENCH_LOOP \name\()_empty, \body, 0
.endm

// command(driver that does not exist, 0)
.macro BODY_NULL_COMMAND
  li a0, BENCH_MISSING_DRIVER
  li a1, 0
  li a2, 0
  li a3, 0
  li a4, BENCH_CLASS_COMMAND
.endm
BENCH_PAIR null_command, BODY_NULL_COMMAND

// command(console, 0): "does this driver exist", answered by the console capsule itself
.macro BODY_CONSOLE_COMMAND
  li a0, BENCH_DRIVER_CONSOLE
  li a1, 0
  li a2, 0
  li a3, 0
  li a4, BENCH_CLASS_COMMAND
.endm
BENCH_PAIR console_command, BODY_CONSOLE_COMMAND

// memop(2): start of the process's RAM
.macro BODY_MEMOP
  li a0, 2
  li a1, 0
  li a2, 0
  li a3, 0
  li a4, BENCH_CLASS_MEMOP
.endm
BENCH_PAIR memop, BODY_MEMOP

// yield-no-wait with a flag byte at p (as libkeel passes one), nothing queued
.macro BODY_YIELD_NO_WAIT
  li a0, 0
  mv a1, s2
  li a2, 0
  li a3, 0
  li a4, BENCH_CLASS_YIELD
.endm
BENCH_PAIR yield_no_wait, BODY_YIELD_NO_WAIT

// subscribe(console, write-done, fn = p, appdata = q): the grant exists already (the app subscribes once first)
.macro BODY_SUBSCRIBE
  li a0, BENCH_DRIVER_CONSOLE
  li a1, 1
  mv a2, s2
  mv a3, s3
  li a4, BENCH_CLASS_SUBSCRIBE
.endm
BENCH_PAIR subscribe, BODY_SUBSCRIBE

// read-only allow(console, write buffer, p, q): a buffer in the process's RAM
.macro BODY_ALLOW_RO
  li a0, BENCH_DRIVER_CONSOLE
  li a1, 1
  mv a2, s2
  mv a3, s3
  li a4, BENCH_CLASS_ALLOW_RO
.endm
BENCH_PAIR allow_ro, BODY_ALLOW_RO
