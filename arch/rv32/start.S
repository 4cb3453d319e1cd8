// SPDX-License-Identifier: Apache-2.0
// Reset entry for rv32 boards: hart 0 starts here in M-mode (QEMU's virt machine jumps to the ELF entry with
// -bios none). Sets up the kernel stack and gp, copies .data from its load address, zeroes .bss, runs static
// constructors, installs the trap vector, and calls the board's keel_board_main (which never returns).
// Symbols come from the board's linker script.

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

  la t0, _sdata_load
  la t1, _sdata
  la t2, _edata
.Lcopy_data:
  bgeu t1, t2, .Lzero_bss
  lw t3, 0(t0)
  sw t3, 0(t1)
  addi t0, t0, 4
  addi t1, t1, 4
  j .Lcopy_data
.Lzero_bss:
  // Eight words per iteration, tested at the bottom (1.25 instructions per word: .bss is most of boot's stores),
  // then any remaining words. .bss is word aligned.
  la t1, _sbss
  la t2, _ebss
  addi t3, t2, -28
  bgeu t1, t3, .Lzero_loop
.Lzero_eight:
  .irp offset, 0,4,8,12,16,20,24,28
  sw zero, \offset(t1)
  .endr
  addi t1, t1, 32
  bltu t1, t3, .Lzero_eight
.Lzero_loop:
  bgeu t1, t2, .Linit_array
  sw zero, 0(t1)
  addi t1, t1, 4
  j .Lzero_loop
.Linit_array:
  la s0, __init_array_start
  la s1, __init_array_end
.Linit_loop:
  bgeu s0, s1, .Ltrap_vector
  lw t0, 0(s0)
  jalr t0
  addi s0, s0, 4
  j .Linit_loop
.Ltrap_vector:
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
