// SPDX-License-Identifier: Apache-2.0
// Reset entry for rv32 boards: hart 0 starts here in M-mode (QEMU's virt machine jumps to the ELF entry with
// -bios none). Sets up the kernel stack and gp, copies .data from its load address and zeroes .bss (memcpy, memset),
// installs the trap vector and calls the board's keel_board_main (which never returns). There are no static
// constructors to run (layout.ld asserts it). Symbols come from the board's linker script.

  .section .text.keel_start, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  csrw mie, zero
  csrw mstatus, zero
  csrw mscratch, zero
  // Other harts (none on the default machine) park.
  csrr t0, mhartid
  bnez t0, .Lpark

  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, _kernel_stack_top

  // .data from its load address, then .bss zeroed, by memcpy and memset (kernel/core/compiler_support.cpp): they
  // use no static data, so they may run before it is set up. Both are word aligned (layout.ld).
  la a0, _sdata
  la a1, _sdata_load
  la a2, _edata
  sub a2, a2, a0
  call memcpy
  la a0, _sbss
  li a1, 0
  la a2, _ebss
  sub a2, a2, a0
  call memset
  la t0, keel_rv32_trap_entry
  csrw mtvec, t0
  // Processes may read cycle, time and instret (rdcycle/rdtime/rdinstret): read-only counters, harmless to expose,
  // and under QEMU -icount the exact instruction count a benchmark needs. U-mode access needs the bits in both
  // mcounteren and, on harts with S-mode (QEMU's virt), scounteren.
  li t0, 7
  csrw mcounteren, t0
  csrw scounteren, t0
  call keel_board_main
.Lpark:
  wfi
  j .Lpark
  .size _start, . - _start
