# SPDX-License-Identifier: Apache-2.0
"""Tests of tools/tbf-layout: fixed-address placement, padding, TABs, and refusal of bad input."""

import io
import os
import struct
import subprocess
import sys
import tarfile
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(HERE, "..", "..", "tools")
sys.path.insert(0, TOOLS)
sys.path.insert(0, HERE)

import tbf  # noqa: E402
from elf_builder import keel_app_elf  # noqa: E402

REGION = 0x80100000
REGION_SIZE = 0x100000


def keel_tbf(slot: int, name: str = "app", text_size: int = 64, **options) -> bytes:
    image = tbf.app_image(tbf.Elf(keel_app_elf(slot=slot, text=b"\x13\x00\x00\x00" * (text_size // 4))))
    return tbf.pack(image, tbf.PackOptions(name=name, **options)).data


def foreign_tbf(flash: int, ram: int, name: str = "libtock") -> bytes:
    """A TBF shaped like elf2tab's output for a fixed-address rv32 app: Program only (no Main), a Permissions TLV,
    an unknown TLV, TLVs in a different order, and the binary 0x70 bytes into the TBF."""
    binary = b"\x13\x00\x00\x00" * 32
    body = (tbf.tlv(tbf.TLV_PROGRAM, struct.pack("<IIIII", 0, 0, 0x2000, 0, 0))  # patched below
            + tbf.tlv(tbf.TLV_PACKAGE_NAME, name.encode())
            + tbf.tlv(tbf.TLV_FIXED_ADDRESSES, struct.pack("<II", ram, flash))
            + tbf.tlv(tbf.TLV_PERMISSIONS, struct.pack("<H", 1) + struct.pack("<IIQ", 1, 0, 0b110))
            + tbf.tlv(0x99, b"future")
            + tbf.tlv(tbf.TLV_KERNEL_VERSION, struct.pack("<HH", 2, 1)))
    header_size = 16 + len(body)
    trailer = 0x70 - header_size
    assert trailer >= 0
    total = 0x70 + len(binary)
    body = tbf.tlv(tbf.TLV_PROGRAM, struct.pack("<IIIII", trailer, trailer, 0x2000, total, 3)) + body[24:]
    return tbf.base_header(header_size, total, tbf.FLAG_ENABLED, body) + bytes(trailer) + binary


class LayoutTestCase(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)

    def write(self, name: str, data: bytes) -> str:
        path = os.path.join(self.directory.name, name)
        with open(path, "wb") as file:
            file.write(data)
        return path

    def run_layout(self, *args: str) -> subprocess.CompletedProcess:
        output = os.path.join(self.directory.name, "apps.bin")
        return subprocess.run([sys.executable, os.path.join(TOOLS, "tbf-layout"), "-o", output, *args],
                              capture_output=True, text=True)

    def layout(self, *args: str) -> bytes:
        result = self.run_layout(*args)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(self.directory.name, "apps.bin"), "rb") as file:
            return file.read()

    def refused(self, *args: str) -> str:
        result = self.run_layout(*args)
        self.assertEqual(result.returncode, 1)
        self.assertTrue(result.stderr.startswith("tbf-layout: "), result.stderr)
        return result.stderr


class TestFixedPlacement(LayoutTestCase):
    def test_apps_land_at_their_slots_with_padding_between(self):
        slot2 = self.write("b.tbf", keel_tbf(2, "b"))
        slot0 = self.write("a.tbf", keel_tbf(0, "a"))
        image = self.layout(slot2, slot0)  # order on the command line does not matter
        entries, stop = tbf.walk_region(image)
        apps = [(e.offset, e.tbf.package_name) for e in entries if not e.tbf.is_padding]
        self.assertEqual(apps, [(0x0, "a"), (0x20000, "b")])
        self.assertTrue(all(e.error is None for e in entries))
        self.assertIn("version 0xffff", stop)
        # Each binary sits where it was linked.
        for entry in entries:
            if not entry.tbf.is_padding:
                self.assertEqual(REGION + entry.offset + entry.tbf.app_offset, entry.tbf.fixed_flash)

    def test_padding_objects_are_valid_16_byte_headers_covering_the_gap(self):
        image = self.layout(self.write("a.tbf", keel_tbf(0)), self.write("b.tbf", keel_tbf(1)))
        first_size = struct.unpack_from("<I", image, 4)[0]
        version, header_size, total_size, flags, stored = struct.unpack_from("<HHIII", image, first_size)
        self.assertEqual((version, header_size, flags), (2, 16, 0))
        self.assertEqual(first_size + total_size, 0x10000)
        self.assertEqual(stored, (version | header_size << 16) ^ total_size ^ flags)

    def test_first_app_in_a_later_slot_gets_leading_padding(self):
        image = self.layout(self.write("a.tbf", keel_tbf(5)))
        entries, _ = tbf.walk_region(image)
        self.assertTrue(entries[0].tbf.is_padding)
        self.assertEqual(entries[0].size, 0x50000)
        self.assertEqual(entries[1].offset, 0x50000)

    def test_image_ends_with_an_erased_word_or_fills_the_region(self):
        app = keel_tbf(0)
        image = self.layout(self.write("a.tbf", app))
        self.assertEqual(image, app + b"\xff" * 4)
        filled = self.layout("--fill-region", self.write("a.tbf", app))
        self.assertEqual(len(filled), REGION_SIZE)
        self.assertEqual(filled[len(app):], b"\xff" * (REGION_SIZE - len(app)))

    def test_no_apps_gives_an_empty_list(self):
        image = self.layout()
        self.assertEqual(image, b"\xff" * 4)

    def test_foreign_tock_tbf_is_placed_by_its_own_header_and_trailer(self):
        foreign = foreign_tbf(flash=0x80110070, ram=0x80310000)
        image = self.layout(self.write("a.tbf", keel_tbf(0)), self.write("libtock.tbf", foreign))
        entries, _ = tbf.walk_region(image)
        placed = [e for e in entries if e.tbf is not None and e.tbf.package_name == "libtock"]
        self.assertEqual(len(placed), 1)
        self.assertEqual(placed[0].offset, 0x10000)
        self.assertEqual(image[0x10000:0x10000 + len(foreign)], foreign)
        self.assertEqual(placed[0].tbf.permissions, [(1, 0, 0b110)])

    def test_position_independent_apps_follow_the_fixed_ones(self):
        movable = keel_tbf(0, "pic", fixed=False)
        image = self.layout("--align", "0x100", self.write("p.tbf", movable), self.write("a.tbf", keel_tbf(1)))
        entries, _ = tbf.walk_region(image)
        names = [(e.offset, None if e.tbf.is_padding else e.tbf.package_name) for e in entries]
        fixed_end = 0x10000 + len(keel_tbf(1))
        pic_start = (fixed_end + 0xFF) & ~0xFF
        self.assertEqual(names[-1], (pic_start, "pic"))
        self.assertIn((fixed_end, None), names)  # padding up to the alignment


class TestTab(LayoutTestCase):
    def make_tab(self, tbfs: dict) -> str:
        path = os.path.join(self.directory.name, "app.tab")
        with tarfile.open(path, "w") as archive:
            for name, data in list(tbfs.items()) + [("metadata.toml", b"tab-version = 1\n")]:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        return path

    def test_tab_takes_the_lowest_free_slot_for_its_architecture(self):
        tab = self.make_tab({
            "rv32imac.0x80100080.0x80300000.tbf": keel_tbf(0, "tabbed"),
            "rv32imac.0x80110080.0x80310000.tbf": keel_tbf(1, "tabbed"),
            "cortex-m4.tbf": keel_tbf(3, "wrong-arch", fixed=False),
        })
        image = self.layout(tab, self.write("a.tbf", keel_tbf(0, "plain")))
        entries, _ = tbf.walk_region(image)
        apps = [(e.offset, e.tbf.package_name) for e in entries if not e.tbf.is_padding]
        self.assertEqual(apps, [(0, "plain"), (0x10000, "tabbed")])

    def test_tab_without_the_architecture_is_refused(self):
        tab = self.make_tab({"cortex-m4.tbf": keel_tbf(0, fixed=False)})
        self.assertIn("no TBF for architecture rv32imac", self.refused(tab))


class TestRefusals(LayoutTestCase):
    def test_two_apps_for_the_same_slot(self):
        message = self.refused(self.write("one.tbf", keel_tbf(2, "one")), self.write("two.tbf", keel_tbf(2, "two")))
        self.assertIn("one.tbf", message)
        self.assertIn("two.tbf", message)
        self.assertIn("0x80120000", message)

    def test_app_linked_outside_the_region(self):
        self.assertIn("outside the app region", self.refused(self.write("far.tbf", keel_tbf(16))))

    def test_app_too_big_for_its_slot_overlaps_the_next(self):
        big = keel_tbf(0, "big", text_size=0x10000)
        message = self.refused(self.write("big.tbf", big), self.write("next.tbf", keel_tbf(1, "next")))
        self.assertIn("occupies", message)

    def test_gap_too_small_for_padding(self):
        first = keel_tbf(0, "first")
        foreign = foreign_tbf(flash=0x80100000 + len(first) + 8 + 0x70, ram=0x80310000)
        self.assertIn("cannot hold a padding TBF",
                      self.refused(self.write("first.tbf", first), self.write("close.tbf", foreign)))

    def test_bad_checksum(self):
        data = bytearray(keel_tbf(0))
        data[12] ^= 0xFF
        self.assertIn("checksum", self.refused(self.write("bad.tbf", bytes(data))))

    def test_truncated_file(self):
        self.assertIn("runs past", self.refused(self.write("cut.tbf", keel_tbf(0)[:-8])))

    def test_file_longer_than_total_size(self):
        self.assertIn("total_size says", self.refused(self.write("long.tbf", keel_tbf(0) + bytes(4))))

    def test_not_a_tbf(self):
        self.assertIn("not a valid TBF", self.refused(self.write("text.tbf", b"just some text, not a TBF")))

    def test_padding_given_as_an_app(self):
        self.assertIn("padding", self.refused(self.write("pad.tbf", tbf.padding_tbf(64))))

    def test_an_elf_is_sent_to_tbf_pack(self):
        elf = self.write("app.elf", keel_app_elf())
        self.assertIn("app.elf: this is an ELF: package it with tbf-pack", self.refused(elf))
        # Named .tbf, it is still an ELF.
        self.assertIn("this is an ELF: package it with tbf-pack", self.refused(self.write("app.tbf", keel_app_elf())))
        dump = subprocess.run([sys.executable, os.path.join(TOOLS, "tbf-dump"), elf], capture_output=True, text=True)
        self.assertEqual(dump.returncode, 1)
        self.assertIn("this is an ELF: package it with tbf-pack", dump.stdout)


if __name__ == "__main__":
    unittest.main()
