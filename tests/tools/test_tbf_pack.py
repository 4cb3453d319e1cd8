# SPDX-License-Identifier: Apache-2.0
"""Tests of tools/tbf-pack (and the TBF reader in tools/tbf.py) on synthetic ELFs."""

import hashlib
import os
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(HERE, "..", "..", "tools")
sys.path.insert(0, TOOLS)
sys.path.insert(0, HERE)

import tbf  # noqa: E402
from elf_builder import ElfSpec, PF_R, PF_W, PF_X, SegmentSpec, build_elf, keel_app_elf  # noqa: E402


def independent_checksum(header: bytes) -> int:
    words = struct.unpack(f"<{len(header) // 4}I", header)
    value = 0
    for index, word in enumerate(words):
        if index != 3:
            value ^= word
    return value


class PackTestCase(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)

    def path(self, name: str) -> str:
        return os.path.join(self.directory.name, name)

    def run_tool(self, tool: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, os.path.join(TOOLS, tool), *args], capture_output=True, text=True)

    def pack(self, elf: bytes, *args: str, name: str = "app.elf") -> bytes:
        with open(self.path(name), "wb") as file:
            file.write(elf)
        result = self.run_tool("tbf-pack", self.path(name), "-o", self.path("out.tbf"), *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(self.path("out.tbf"), "rb") as file:
            return file.read()


class TestPackedFields(PackTestCase):
    def test_base_header_and_checksum(self):
        data = self.pack(keel_app_elf(slot=3), name="hello@3.elf")
        version, header_size, total_size, flags, stored = struct.unpack_from("<HHIII", data)
        self.assertEqual(version, 2)
        self.assertEqual(header_size % 4, 0)
        self.assertEqual(total_size, len(data))
        self.assertEqual(total_size % 4, 0)
        self.assertEqual(flags, 1)  # enabled, not sticky
        self.assertEqual(stored, independent_checksum(data[:header_size]))

    def test_tlvs_describe_the_app(self):
        text = bytes(range(64))
        data = self.pack(keel_app_elf(slot=3, text=text, entry_offset=8), name="hello@3.elf")
        parsed = tbf.parse_tbf(data)
        self.assertEqual(parsed.package_name, "hello")  # @slot stripped from the file name
        self.assertEqual(parsed.kernel_version, (2, 2))
        self.assertEqual(parsed.fixed_addresses, (0x80330000, 0x80130080))
        self.assertEqual(parsed.main, parsed.program[:3])
        # The binary lands exactly at TBF start + 0x80, so the protected trailer fills the rest of the header.
        self.assertEqual(parsed.header_size + parsed.protected_trailer_size, 0x80)
        self.assertEqual(data[0x80:0x80 + len(text)], text)
        # init_fn_offset counts from the end of the header, so it includes the protected trailer.
        self.assertEqual(parsed.header_size + parsed.init_fn_offset, 0x80 + 8)
        self.assertEqual(parsed.binary_end_offset, parsed.total_size)
        self.assertEqual(parsed.required_start, 0x80130000)
        tlv_types = [t for t, _, _ in parsed.tlvs]
        self.assertEqual(tlv_types, [tbf.TLV_MAIN, tbf.TLV_PROGRAM, tbf.TLV_PACKAGE_NAME, tbf.TLV_KERNEL_VERSION,
                                     tbf.TLV_FIXED_ADDRESSES])

    def test_initialized_data_follows_the_code(self):
        text = b"\x01\x02\x03\x04" * 8
        data = self.pack(keel_app_elf(text=text, data=b"initial values!!"))
        self.assertEqual(data[0x80 + len(text):0x80 + len(text) + 16], b"initial values!!")

    def test_minimum_ram_size_covers_stack_data_bss_and_heap(self):
        # RAM extent: 0x800 stack + 16 data + 0x100 bss from the RAM origin, then the 0x1000 heap reservation.
        data = self.pack(keel_app_elf(data=b"D" * 16, bss=0x100, stack=0x800, heap=0x1000))
        self.assertEqual(tbf.parse_tbf(data).minimum_ram_size, 0x800 + 0x110 + 0x1000)

    def test_heap_option_overrides_the_elf(self):
        data = self.pack(keel_app_elf(data=b"D" * 16, bss=0x100, stack=0x800, heap=0x1000), "--heap", "0x200")
        self.assertEqual(tbf.parse_tbf(data).minimum_ram_size, 0x800 + 0x110 + 0x200)

    def test_foreign_elf_gets_default_stack_and_heap(self):
        elf = build_elf(ElfSpec(entry=0x80100080, segments=[
            SegmentSpec(".text", 0x80100080, b"\x13\x00\x00\x00" * 4, flags=PF_R | PF_X),
            SegmentSpec(".data", 0x80300000, b"abcd", memsz=0x20, paddr=0x80100090, flags=PF_R | PF_W),
        ]))
        parsed = tbf.parse_tbf(self.pack(elf))
        self.assertEqual(parsed.fixed_addresses, (0x80300000, 0x80100080))
        self.assertEqual(parsed.minimum_ram_size, 0x20 + tbf.DEFAULT_STACK + tbf.DEFAULT_HEAP)

    def test_total_size_is_a_multiple_of_4_for_odd_binaries(self):
        data = self.pack(keel_app_elf(text=b"\x13\x00\x00\x00\x01\x00", data=b"x"))
        parsed = tbf.parse_tbf(data)
        self.assertEqual(parsed.total_size % 4, 0)
        self.assertEqual(parsed.binary_end_offset % 4, 0)

    def test_sha256_footer_starts_at_binary_end_and_covers_everything_before(self):
        data = self.pack(keel_app_elf(), "--sha256")
        parsed = tbf.parse_tbf(data)
        self.assertLess(parsed.binary_end_offset, parsed.total_size)
        footer_type, length, credential_format = struct.unpack_from("<HHI", data, parsed.binary_end_offset)
        self.assertEqual((footer_type, length, credential_format), (128, 36, 3))
        digest = data[parsed.binary_end_offset + 8:parsed.binary_end_offset + 40]
        self.assertEqual(digest, hashlib.sha256(data[:parsed.binary_end_offset]).digest())
        self.assertEqual(len(parsed.footers), 1)
        self.assertTrue(parsed.footers[0].verified)
        self.assertEqual(parsed.total_size, len(data))

    def test_options_for_flags_versions_and_position_independence(self):
        data = self.pack(keel_app_elf(), "--disabled", "--sticky", "--kernel-version", "2.1", "--app-version", "7",
                         "--position-independent", "--name", "renamed", "--short-id", "0x1234")
        parsed = tbf.parse_tbf(data)
        self.assertEqual(parsed.flags, tbf.FLAG_STICKY)
        self.assertEqual(parsed.kernel_version, (2, 1))
        self.assertEqual(parsed.app_version, 7)
        self.assertIsNone(parsed.fixed_addresses)
        self.assertIsNone(parsed.required_start)
        self.assertEqual(parsed.package_name, "renamed")
        self.assertEqual(parsed.short_id, 0x1234)

    def test_storage_permissions_tlv_in_tocks_layout(self):
        data = self.pack(keel_app_elf(), "--storage-write-id", "0x5a5a", "--storage-read-ids", "0x5a5a,7",
                         "--storage-modify-ids", "9")
        parsed = tbf.parse_tbf(data)
        self.assertEqual(parsed.storage_permissions, (0x5A5A, [0x5A5A, 7], [9]))
        (offset, length), = [(o, n) for t, n, o in parsed.tlvs if t == tbf.TLV_STORAGE_PERMISSIONS]
        self.assertEqual(length, 4 + 2 + 8 + 2 + 4)  # packed, no padding between the fields
        body = data[offset + 4:offset + 4 + length]
        self.assertEqual(body, struct.pack("<IHIIHI", 0x5A5A, 2, 0x5A5A, 7, 1, 9))
        result = self.run_tool("tbf-dump", self.path("out.tbf"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Storage permissions (type 7", result.stdout)
        self.assertIn("write_id 0x5a5a, read ['0x5a5a', '0x7'], modify ['0x9']", result.stdout)

    def test_no_storage_options_no_storage_tlv(self):
        parsed = tbf.parse_tbf(self.pack(keel_app_elf()))
        self.assertIsNone(parsed.storage_permissions)
        parsed = tbf.parse_tbf(self.pack(keel_app_elf(), "--storage-read-ids", "3"))
        self.assertEqual(parsed.storage_permissions, (0, [3], []), "read-only: write id 0")

    def test_binary_offset_none_puts_the_binary_right_after_the_header(self):
        parsed = tbf.parse_tbf(self.pack(keel_app_elf(), "--binary-offset", "none"))
        self.assertEqual(parsed.protected_trailer_size, 0)
        self.assertEqual(parsed.init_fn_offset, 0)

    def test_dump_prints_every_field(self):
        self.pack(keel_app_elf(slot=1), "--sha256", name="timer.elf")
        result = self.run_tool("tbf-pack", "--dump", self.path("out.tbf"))
        self.assertEqual(result.returncode, 0, result.stderr)
        for expected in ("version 2", "enabled", "(ok)", "Main", "Program", "'timer'", "Kernel version", "2.2",
                         "start_process_ram 0x80310000", "start_process_flash 0x80110080", "address 0x80110000",
                         "SHA-256", "(verified)"):
            self.assertIn(expected, result.stdout)


class TestPackRefuses(PackTestCase):
    def refuse(self, elf: bytes, *args: str) -> str:
        with open(self.path("bad.elf"), "wb") as file:
            file.write(elf)
        result = self.run_tool("tbf-pack", self.path("bad.elf"), "-o", self.path("bad.tbf"), *args)
        self.assertEqual(result.returncode, 1)
        self.assertFalse(os.path.exists(self.path("bad.tbf")))
        return result.stderr

    def test_too_many_storage_ids(self):
        self.assertIn("9 storage read ids: at most 8",
                      self.refuse(keel_app_elf(), "--storage-read-ids", ",".join(["1"] * 9)))

    def test_not_an_elf(self):
        self.assertIn("not an ELF", self.refuse(b"hello world" * 10))

    def test_64_bit_elf(self):
        elf = bytearray(keel_app_elf())
        elf[4] = 2
        self.assertIn("not a 32-bit ELF", self.refuse(bytes(elf)))

    def test_object_file(self):
        spec = ElfSpec(entry=0, e_type=1, segments=[SegmentSpec(".text", 0, b"\0" * 4, flags=PF_R | PF_X)])
        self.assertIn("not an executable", self.refuse(build_elf(spec)))

    def test_truncated_elf(self):
        self.assertIn("truncated", self.refuse(keel_app_elf()[:120]))

    def test_header_larger_than_binary_offset(self):
        self.assertIn("more than the binary offset", self.refuse(keel_app_elf(), "--name", "x" * 80))

    def test_data_loaded_in_ram_instead_of_flash(self):
        elf = build_elf(ElfSpec(entry=0x80100080, segments=[
            SegmentSpec(".text", 0x80100080, b"\0" * 4, flags=PF_R | PF_X),
            SegmentSpec(".data", 0x90300000, b"abcd", flags=PF_R | PF_W),
        ]))
        self.assertIn("AT>flash", self.refuse(elf))


class TestParserRefuses(unittest.TestCase):
    def setUp(self):
        image = tbf.app_image(tbf.Elf(keel_app_elf()))
        self.good = tbf.pack(image, tbf.PackOptions(name="app")).data

    def with_header_change(self, change) -> bytes:
        data = bytearray(self.good)
        change(data)
        header_size = struct.unpack_from("<H", data, 2)[0] & ~3
        struct.pack_into("<I", data, 12, tbf.checksum(bytes(data[:header_size])))
        return bytes(data)

    def assert_refused(self, data: bytes, message: str):
        with self.assertRaises(tbf.TbfError) as caught:
            tbf.parse_tbf(data)
        self.assertIn(message, str(caught.exception))

    def test_bad_checksum(self):
        data = bytearray(self.good)
        data[12] ^= 1
        self.assert_refused(bytes(data), "checksum")

    def test_wrong_version(self):
        self.assert_refused(self.with_header_change(lambda d: struct.pack_into("<H", d, 0, 1)), "version")

    def test_header_size_not_multiple_of_4(self):
        self.assert_refused(self.with_header_change(lambda d: struct.pack_into("<H", d, 2, 0x56)), "header_size")

    def test_total_size_past_the_data(self):
        self.assert_refused(self.good[:-4], "runs past")

    def test_main_tlv_with_wrong_length(self):
        self.assert_refused(self.with_header_change(lambda d: struct.pack_into("<H", d, 18, 8)), "length 8, not 12")

    def test_package_name_not_utf8(self):
        def break_name(data):
            position = data.find(b"app")
            data[position] = 0xFF
        self.assert_refused(self.with_header_change(break_name), "UTF-8")


if __name__ == "__main__":
    unittest.main()
