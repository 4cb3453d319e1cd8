// SPDX-License-Identifier: Apache-2.0
// Addresses the misbehaving apps aim at, per board: memory that belongs to the kernel. A build target serves one
// board (rv32imac: qemu-virt-rv32; cortex-m4: mps2-an386, see /work/shared/spec/boards.md).
#ifndef KEEL_APPS_BOARD_H
#define KEEL_APPS_BOARD_H

#if defined(__riscv)
// qemu-virt-rv32: kernel image at 0x80000000, kernel RAM at 0x80200000 (process RAM from 0x80300000).
#define KEEL_BOARD_KERNEL_IMAGE 0x80000000u
#define KEEL_BOARD_KERNEL_RAM 0x80200000u
#elif defined(__arm__)
// mps2-an386: kernel image in SSRAM1 from 0x00000000 (0x1000: past the vector table, inside the kernel's code, and
// above the first 4 KiB, which GCC treats as null-pointer accesses),
// kernel RAM at the start of SSRAM2/3 (0x20000000); process RAM comes after the kernel's data.
#define KEEL_BOARD_KERNEL_IMAGE 0x00001000u
#define KEEL_BOARD_KERNEL_RAM 0x20000000u
#else
#error "unknown board"
#endif

#endif  // KEEL_APPS_BOARD_H
