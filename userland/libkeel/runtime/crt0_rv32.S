// SPDX-License-Identifier: Apache-2.0
// Keel app entry for rv32 (fixed-address apps): sets gp, checks the process sits where it was linked, makes sure the
// break covers the stack, .data, TLS and .bss, then sets tp and sp and continues in C (start.c).
//
// The kernel starts us as if it delivered init(app_start, mem_start, mem_len, app_brk), with sp = mem_start and
// nothing else promised, so no RAM may be touched here: everything stays in registers until the brk has succeeded.
// s0-s3 keep the four arguments across ecalls (non-yield calls change only a0-a3 anyway).
#include "keel/runtime.h"

#define CLASS_COMMAND 2
#define CLASS_MEMOP 5
#define CLASS_EXIT 6
#define DRIVER_LOW_LEVEL_DEBUG 8
#define LOW_LEVEL_DEBUG_PRINT_2 3
#define MEMOP_BRK 0
#define VARIANT_SUCCESS 128

  .section .keel_crt0_entry, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  // gp first: the linker relaxes `la` of symbols near __global_pointer$ into gp-relative adds, so every `la` below
  // depends on it. Loading gp itself must not be relaxed, or it would become a gp-relative no-op.
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  mv s0, a0
  mv s1, a1
  mv s2, a2
  mv s3, a3

  // Code and data are linked at fixed addresses: running anywhere else would fail in confusing ways later.
  la t0, _keel_ram_origin
  bne s1, t0, .Lwrong_ram
  la t0, _keel_flash_origin
  bne s0, t0, .Lwrong_flash

  la s4, _keel_heap_start
  bgeu s3, s4, .Lram_covered
  li a0, MEMOP_BRK
  mv a1, s4
  li a4, CLASS_MEMOP
  ecall
  li t0, VARIANT_SUCCESS
  bne a0, t0, .Lno_ram
  mv s3, s4
.Lram_covered:

  // picolibc keeps errno in thread-local storage; the one thread's TLS block is the .tdata/.tbss image in RAM.
  la tp, _keel_tls_start
  la sp, _keel_stack_top
  mv a0, s0
  mv a1, s1
  mv a2, s2
  mv a3, s3
  tail _keel_start_c

.Lwrong_ram:
  mv a2, s1
  la a3, _keel_ram_origin
  li t1, KEEL_EXIT_WRONG_RAM
  j .Lreport_and_exit
.Lwrong_flash:
  mv a2, s0
  la a3, _keel_flash_origin
  li t1, KEEL_EXIT_WRONG_FLASH
  j .Lreport_and_exit
.Lno_ram:
  mv a3, a1  // the error code of the failed brk
  mv a2, s4
  li t1, KEEL_EXIT_NO_RAM
.Lreport_and_exit:
  li a0, DRIVER_LOW_LEVEL_DEBUG
  li a1, LOW_LEVEL_DEBUG_PRINT_2
  li a4, CLASS_COMMAND
  ecall
  li a0, 0  // exit-terminate
  mv a1, t1
  li a4, CLASS_EXIT
  ecall
.Lhang:
  j .Lhang
  .size _start, . - _start
