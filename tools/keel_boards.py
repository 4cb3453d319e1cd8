# SPDX-License-Identifier: Apache-2.0
"""The boards Keel's host tools know (run-qemu, keel-apps): how QEMU runs each, where its app region and process RAM
are (the kernel's linker script, boards/<board>/layout.ld, says the same: _app_flash_start, _process_ram_start), and
which cross binutils read its ELFs."""

import os
from dataclasses import dataclass

TOOLS = os.path.dirname(os.path.realpath(__file__))
SOURCE_ROOT = os.path.dirname(TOOLS)


@dataclass
class Board:
    name: str
    target: str               # the build target (build/<target>)
    arch: str                 # TAB architecture name
    qemu: str
    machine: list
    app_region_start: int
    app_region_size: int
    ram_start: int            # process RAM
    ram_size: int
    binutils_prefix: str      # <prefix>addr2line, <prefix>nm
    return_register: str      # what the fault report calls the return address
    position_independent: bool  # Keel's apps for this board are PIC (the kernel chooses their RAM)
    storage_size: int = 0     # bytes of the flash image run-qemu --storage attaches (0: the board has no such flash)
    kernel_entry: int = 0     # where the hart must start when a flash image moves QEMU's reset vector

    def kernel(self, build: str) -> str:
        return os.path.join(build, "boards", self.name, f"keel-{self.name}.elf")

    def default_build(self) -> str:
        return os.path.join("build", self.target)


BOARDS = {
    "qemu-virt-rv32": Board(
        name="qemu-virt-rv32", target="rv32imac", arch="rv32imac", qemu="qemu-system-riscv32",
        machine=["-machine", "virt", "-cpu", "rv32,x-epmp=true", "-bios", "none", "-m", "128M", "-nographic", "-serial", "mon:stdio",
                 "-global", "virtio-mmio.force-legacy=false", "-device", "virtio-rng-device"],
        app_region_start=0x80100000, app_region_size=0x100000, ram_start=0x80300000, ram_size=0x100000,
        binutils_prefix="riscv64-unknown-elf-", return_register="ra", position_independent=False,
        storage_size=32 * 1024 * 1024, kernel_entry=0x80000000),
    # Cortex-M4 with the MPU; semihosting lets the kernel end the run with a status (SYS_EXIT_EXTENDED).
    "mps2-an386": Board(
        name="mps2-an386", target="cortex-m4", arch="cortex-m4", qemu="qemu-system-arm",
        machine=["-machine", "mps2-an386", "-nographic", "-serial", "mon:stdio",
                 "-semihosting-config", "enable=on,target=native"],
        app_region_start=0x00040000, app_region_size=0x003C0000, ram_start=0x20040000, ram_size=0x003C0000,
        binutils_prefix="arm-none-eabi-", return_register="lr", position_independent=True),
}


def board_named(name: str) -> Board:
    board = BOARDS.get(name)
    if board is None:
        raise KeyError(f"unknown board {name!r} (boards: {', '.join(BOARDS)})")
    return board
