// SPDX-License-Identifier: Apache-2.0
// Keel app entry for Cortex-M (ARMv7-M), position-independent apps (ld/keel_app_pic.ld): finds itself, makes sure
// the break covers the RAM image, sets sp, copies the GOT and .data to RAM, zeroes .bss, applies the R_ARM_RELATIVE
// fix-ups, sets r9 to the GOT and continues in C (start.c).
//
// The kernel starts us as init(app_start = r0, mem_start = r1, mem_len = r2, app_brk = r3), thread mode,
// unprivileged, on PSP with sp = app_brk (room for at least one exception frame). No RAM is written here before the
// brk has succeeded, except by the svc frames the hardware pushes below app_brk. r4-r7 keep the four arguments,
// r8 the run-time address of the layout table; svc preserves them.
//
// Nothing here may touch the GOT before it is relocated: this file uses only pc-relative addressing and the layout
// table, which the linker fills with plain numbers (offsets from the flash and RAM link origins).
#include "keel/runtime.h"

// Layout table words (byte offsets; ld/keel_app_pic.ld writes them, 56 bytes just before _start).
#define LAYOUT_SIZE 56
#define LAYOUT_FLASH_ORIGIN 0
#define LAYOUT_FLASH_SIZE 4
#define LAYOUT_RAM_ORIGIN 8
#define LAYOUT_RAM_SIZE 12
#define LAYOUT_STACK_TOP 16
#define LAYOUT_GOT 20
#define LAYOUT_DATA_START 24
#define LAYOUT_DATA_END 28
#define LAYOUT_DATA_LOAD 32
#define LAYOUT_BSS_START 36
#define LAYOUT_BSS_END 40
#define LAYOUT_REL_START 44
#define LAYOUT_REL_END 48
#define LAYOUT_MAGIC 52
#define LAYOUT_MAGIC_VALUE 0x4C45454B

#define DRIVER_LOW_LEVEL_DEBUG 8
#define LOW_LEVEL_DEBUG_PRINT_2 3
#define MEMOP_BRK 0
#define VARIANT_SUCCESS 128
#define R_ARM_RELATIVE 23

  .syntax unified
  .thumb

  .section .keel_crt0_entry, "ax", %progbits
  .globl _start
  .type _start, %function
  .thumb_func
_start:
.Lentry:
  mov r4, r0
  mov r5, r1
  mov r6, r2
  mov r7, r3

  // Where are we? The layout table sits right before this instruction, at the start of the app binary.
  adr.w r8, .Lentry
  sub r8, r8, #LAYOUT_SIZE
  ldr r0, [r8, #LAYOUT_MAGIC]
  movw r1, #(LAYOUT_MAGIC_VALUE & 0xFFFF)
  movt r1, #(LAYOUT_MAGIC_VALUE >> 16)
  cmp r0, r1
  bne .Lbad_layout
  // The kernel's app_start must be that same address (else its TBF arithmetic and ours disagree).
  cmp r8, r4
  bne .Lwrong_flash
  // The RAM image keeps its 8-byte alignment only if mem_start has it.
  tst r5, #7
  bne .Lwrong_ram

  // Break needed: mem_start + the RAM image (stack, GOT, .data, .bss).
  ldr r0, [r8, #LAYOUT_RAM_SIZE]
  add r10, r5, r0
  cmp r7, r10
  bhs .Lram_covered
  movs r0, #MEMOP_BRK
  mov r1, r10
  svc 5
  cmp r0, #VARIANT_SUCCESS
  bne .Lno_ram
  mov r7, r10
.Lram_covered:
  ldr r0, [r8, #LAYOUT_STACK_TOP]
  add r0, r0, r5
  mov sp, r0

  // Copy the GOT, .data and the init/fini arrays from flash (word by word; the linker keeps them 8-aligned).
  ldr r0, [r8, #LAYOUT_DATA_START]
  add r0, r0, r5
  ldr r1, [r8, #LAYOUT_DATA_END]
  add r1, r1, r5
  ldr r2, [r8, #LAYOUT_DATA_LOAD]
  add r2, r2, r8
.Lcopy:
  cmp r0, r1
  bhs .Lcopied
  ldr r3, [r2], #4
  str r3, [r0], #4
  b .Lcopy
.Lcopied:

  // A restarted process may get its old RAM back, so .bss is cleared here rather than trusted to be zero.
  ldr r0, [r8, #LAYOUT_BSS_START]
  add r0, r0, r5
  ldr r1, [r8, #LAYOUT_BSS_END]
  add r1, r1, r5
  movs r2, #0
.Lzero:
  cmp r0, r1
  bhs .Lzeroed
  str r2, [r0], #4
  b .Lzero
.Lzeroed:

  // Fix-ups: each .rel.dyn entry {r_offset, r_info} names a word of the RAM image (by its link-time address) that
  // holds a link-time address. A value in the flash image [flash origin, + size] moves by r10 = where the binary is
  // minus its link origin; one in the RAM image [RAM origin, + size] by r11 = mem_start minus the RAM link origin.
  // Both ends are inclusive (a pointer one past the end of an array is still that array's). Other values and other
  // relocation types (the build's PIC check allows none) are left alone.
  ldr r0, [r8, #LAYOUT_FLASH_ORIGIN]
  sub r10, r8, r0
  ldr r0, [r8, #LAYOUT_RAM_ORIGIN]
  sub r11, r5, r0
  ldr r0, [r8, #LAYOUT_REL_START]
  add r0, r0, r8
  ldr r1, [r8, #LAYOUT_REL_END]
  add r1, r1, r8
.Lrelocate:
  cmp r0, r1
  bhs .Lrelocated
  ldr r2, [r0], #4             // r_offset
  ldr r3, [r0], #4             // r_info
  uxtb r3, r3
  cmp r3, #R_ARM_RELATIVE
  bne .Lrelocate
  add r2, r2, r11              // the word's run-time address (it lies in RAM)
  ldr r3, [r2]
  ldr r12, [r8, #LAYOUT_FLASH_ORIGIN]
  sub r12, r3, r12
  ldr lr, [r8, #LAYOUT_FLASH_SIZE]
  cmp r12, lr
  bhi .Lnot_flash
  add r3, r3, r10
  str r3, [r2]
  b .Lrelocate
.Lnot_flash:
  ldr r12, [r8, #LAYOUT_RAM_ORIGIN]
  sub r12, r3, r12
  ldr lr, [r8, #LAYOUT_RAM_SIZE]
  cmp r12, lr
  bhi .Lrelocate
  add r3, r3, r11
  str r3, [r2]
  b .Lrelocate
.Lrelocated:

  // The PIC base: every global is reached through the GOT at r9 from now on.
  ldr r0, [r8, #LAYOUT_GOT]
  add r9, r5, r0
  mov r0, r4
  mov r1, r5
  mov r2, r6
  mov r3, r7
  mov r10, #0
  mov r11, #0
  bl _keel_start_c
  udf #0

.Lbad_layout:
  mov r2, r8
  mov r3, r0
  movw r12, #(KEEL_EXIT_BAD_LAYOUT & 0xFFFF)
  movt r12, #(KEEL_EXIT_BAD_LAYOUT >> 16)
  b .Lreport_and_exit
.Lwrong_flash:
  mov r2, r4
  mov r3, r8
  movw r12, #(KEEL_EXIT_WRONG_FLASH & 0xFFFF)
  movt r12, #(KEEL_EXIT_WRONG_FLASH >> 16)
  b .Lreport_and_exit
.Lwrong_ram:
  mov r2, r5
  movs r3, #8
  movw r12, #(KEEL_EXIT_WRONG_RAM & 0xFFFF)
  movt r12, #(KEEL_EXIT_WRONG_RAM >> 16)
  b .Lreport_and_exit
.Lno_ram:
  mov r3, r1                   // the error code of the failed brk
  mov r2, r10
  movw r12, #(KEEL_EXIT_NO_RAM & 0xFFFF)
  movt r12, #(KEEL_EXIT_NO_RAM >> 16)
.Lreport_and_exit:
  mov r4, r12                  // svc keeps r4
  movs r0, #DRIVER_LOW_LEVEL_DEBUG
  movs r1, #LOW_LEVEL_DEBUG_PRINT_2
  svc 2
  movs r0, #0                  // exit-terminate
  mov r1, r4
  svc 6
.Lhang:
  b .Lhang
  .size _start, . - _start
