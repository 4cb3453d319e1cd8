# SPDX-License-Identifier: Apache-2.0
"""Tests of tools/rebase.py's moves on hand-made relocation sites (check_built_apps.py checks real apps against
relinked ones): which words and instructions change, by how much, and what is refused."""

import os
import struct
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import rebase  # noqa: E402

FLASH = 0x80100080
RAM = 0x80300000


def lui(register: int, upper: int) -> int:
    return (upper & 0xFFFFF000) | register << 7 | 0x37


def auipc(register: int, upper: int) -> int:
    return (upper & 0xFFFFF000) | register << 7 | 0x17


def movable(words: list, sites: list) -> rebase.Movable:
    """An app binary of `words` at FLASH with RAM at RAM (0x2000 bytes); sites: (word index, kind)."""
    binary = b"".join(struct.pack("<I", word) for word in words)
    return rebase.Movable("app.elf", binary, FLASH, RAM, 0x2000,
                          [rebase.Site(4 * index, kind, FLASH + 4 * index) for index, kind in sites])


def words(binary: bytes) -> list:
    return [struct.unpack_from("<I", binary, at)[0] for at in range(0, len(binary), 4)]


class TestMoves(unittest.TestCase):
    FLASH_MOVE = 0x3000
    RAM_MOVE = 0x11000

    def move(self, app: rebase.Movable) -> list:
        return words(rebase.move_binary(app, self.FLASH_MOVE, self.RAM_MOVE))

    def test_data_words_move_with_the_region_they_point_into(self):
        app = movable([FLASH + 0x10, RAM + 0x100, RAM + 0x2000, 0x10000000, FLASH + 0x20],
                      [(0, rebase.R_RISCV_32), (1, rebase.R_RISCV_32), (2, rebase.R_RISCV_32),
                       (3, rebase.R_RISCV_32)])
        self.assertEqual(self.move(app), [FLASH + 0x10 + self.FLASH_MOVE, RAM + 0x100 + self.RAM_MOVE,
                                          RAM + 0x2000 + self.RAM_MOVE,  # an end pointer counts
                                          0x10000000,                    # not the app's: stays
                                          FLASH + 0x20])                 # no relocation: untouched

    def test_lui_moves_its_upper_bits_with_the_region(self):
        # lui of RAM + 0x7F0 rounds up to the next 4 KiB (the addi's low part is negative): still the RAM.
        app = movable([lui(5, RAM + 0x1000), lui(6, FLASH & ~0xFFF), lui(7, 0x10000000)],
                      [(0, rebase.R_RISCV_HI20), (1, rebase.R_RISCV_HI20), (2, rebase.R_RISCV_HI20)])
        self.assertEqual(self.move(app), [lui(5, RAM + 0x1000 + self.RAM_MOVE),
                                          lui(6, (FLASH & ~0xFFF) + self.FLASH_MOVE), lui(7, 0x10000000)])

    def test_auipc_changes_only_across_regions(self):
        to_ram = RAM - FLASH + 0x80  # from the first word (at FLASH) into the RAM
        to_flash = 0  # the same 4 KiB page: inside the (small) flash image
        to_peripheral = (0x10000000 - (FLASH + 8)) & 0xFFFFFFFF
        app = movable([auipc(5, to_ram), auipc(6, to_flash), auipc(7, to_peripheral)],
                      [(0, rebase.R_RISCV_PCREL_HI20), (1, rebase.R_RISCV_PCREL_HI20),
                       (2, rebase.R_RISCV_PCREL_HI20)])
        self.assertEqual(self.move(app), [auipc(5, to_ram + self.RAM_MOVE - self.FLASH_MOVE), auipc(6, to_flash),
                                          auipc(7, to_peripheral - self.FLASH_MOVE)])

    def test_pc_relative_word_into_ram(self):
        app = movable([RAM + 0x40 - FLASH], [(0, rebase.R_RISCV_32_PCREL)])
        self.assertEqual(self.move(app), [RAM + 0x40 - FLASH + self.RAM_MOVE - self.FLASH_MOVE])

    def test_no_move_is_no_change(self):
        app = movable([FLASH, lui(5, RAM), auipc(6, RAM - FLASH)],
                      [(0, rebase.R_RISCV_32), (1, rebase.R_RISCV_HI20), (2, rebase.R_RISCV_PCREL_HI20)])
        self.assertEqual(rebase.move_binary(app, 0, 0), app.binary)

    def test_moves_must_be_whole_4_kib_steps(self):
        app = movable([FLASH], [(0, rebase.R_RISCV_32)])
        with self.assertRaisesRegex(rebase.RebaseError, "not a multiple of 4 KiB"):
            rebase.move_binary(app, 0x800, 0)
        with self.assertRaisesRegex(rebase.RebaseError, "not a multiple of 4 KiB"):
            rebase.move_binary(app, 0, 0x10)

    def test_a_site_that_is_not_the_instruction_it_should_be_is_refused(self):
        app = movable([0x00000013], [(0, rebase.R_RISCV_HI20)])  # a nop where a lui should be
        with self.assertRaisesRegex(rebase.RebaseError, "expected lui"):
            self.move(app)


if __name__ == "__main__":
    unittest.main()
