#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that Keel's Cortex-M app TBFs are position-independent (ctest userland.pic_apps).

For every <build>/userland/apps/<name>.tbf and its <name>.elf (linked with -pie and --emit-relocs, so the ELF still
holds every relocation the link applied):
- the TBF parses like the kernel's loader does (tools/tbf.py), has no Fixed addresses TLV, and its app binary is the
  ELF's flash image byte for byte; init is crt0's _start, right after the 14-word layout table (magic "KEEL");
- nothing in flash holds an absolute address: every relocation applied to a flash-resident section is PC-relative
  to a flash target, GOT-relative (R_ARM_GOT_BREL) or GOT-offset to a RAM target (R_ARM_GOTOFF32), or refers to an
  absolute (SHN_ABS) symbol;
- .rel.dyn (what crt0 applies) holds only R_ARM_RELATIVE entries, each for a word of the RAM image crt0 copies;
- every word of that RAM image that holds a link-time address (each GOT entry pointing into flash or RAM, each
  absolute relocation the link applied to .data) has its R_ARM_RELATIVE entry, so crt0 moves it.
With --expect-failure ELF the given ELF must fail the flash check (the build links one non-PIC canary for this).
Exit status 0 when everything holds; otherwise each problem is printed.
"""

import argparse
import glob
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "..", "tools"))
import tbf  # noqa: E402

SHT_REL = 9
SHN_UNDEF, SHN_ABS = 0, 0xFFF1
R_ARM_NONE, R_ARM_ABS32, R_ARM_REL32, R_ARM_GOTOFF32, R_ARM_RELATIVE, R_ARM_GOT_BREL = 0, 2, 3, 24, 23, 26
R_ARM_TARGET1, R_ARM_PREL31 = 38, 42
# PC-relative types (branches, literal and address loads, data): fine when the target moves with the code.
PC_RELATIVE = {3: "REL32", 10: "THM_CALL", 11: "THM_PC8", 30: "THM_JUMP24", 42: "PREL31", 49: "THM_MOVW_PREL_NC",
               50: "THM_MOVT_PREL", 51: "THM_JUMP19", 52: "THM_JUMP6", 53: "THM_ALU_PREL_11_0", 54: "THM_PC12",
               102: "THM_JUMP11", 103: "THM_JUMP8"}
LAYOUT_SIZE = 56
LAYOUT_MAGIC = 0x4C45454B


class RawElf:
    """Sections, symbols (by index) and REL relocation sections of a 32-bit little-endian ELF."""

    def __init__(self, data: bytes):
        self.data = data
        shoff, = struct.unpack_from("<I", data, 32)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 46)
        raw = [struct.unpack_from("<IIIIIIIIII", data, shoff + i * shentsize) for i in range(shnum)]
        names = data[raw[shstrndx][4]:raw[shstrndx][4] + raw[shstrndx][5]]
        self.sections = []
        for sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info, _align, sh_entsize in raw:
            end = names.find(b"\0", sh_name)
            self.sections.append(dict(name=names[sh_name:end].decode(), type=sh_type, flags=sh_flags, addr=sh_addr,
                                      offset=sh_offset, size=sh_size, link=sh_link, info=sh_info,
                                      entsize=sh_entsize))
        self.symbols = []
        self.names = {}
        for s in self.sections:
            if s["type"] == tbf.SHT_SYMTAB:
                strings = self.sections[s["link"]]
                strtab = data[strings["offset"]:strings["offset"] + strings["size"]]
                for at in range(s["offset"], s["offset"] + s["size"], 16):
                    st_name, value, _size, info, _other, shndx = struct.unpack_from("<IIIBBH", data, at)
                    end = strtab.find(b"\0", st_name)
                    name = strtab[st_name:end].decode()
                    self.symbols.append((name, value, shndx, info & 0xF))
                    if name and (name not in self.names or info >> 4 != 0):
                        self.names[name] = value

    def relocations(self, section):
        for at in range(section["offset"], section["offset"] + section["size"], 8):
            r_offset, r_info = struct.unpack_from("<II", self.data, at)
            yield r_offset, r_info & 0xFF, r_info >> 8

    def word(self, address):
        for s in self.sections:
            if s["flags"] & tbf.SHF_ALLOC and s["type"] != tbf.SHT_NOBITS and s["addr"] <= address < s["addr"] + s["size"]:
                return struct.unpack_from("<I", self.data, s["offset"] + address - s["addr"])[0]
        return None


def check_elf(elf_path: str, problems: list) -> dict:
    """The flash, .rel.dyn and RAM-image checks for one ELF; appends to problems, returns facts for the report."""
    with open(elf_path, "rb") as file:
        data = file.read()
    elf = RawElf(data)
    name = os.path.basename(elf_path)

    def problem(text):
        problems.append(f"{name}: {text}")

    needed = ["_keel_flash_origin", "_keel_flash_end", "_keel_ram_origin", "_keel_heap_start", "_keel_data_start",
              "_keel_data_end", "_keel_rel_start", "_keel_rel_end"]
    missing = [n for n in needed if n not in elf.names]
    if missing:
        problem(f"not linked with keel_app_pic.ld (missing {', '.join(missing)})")
        return {}
    flash = (elf.names["_keel_flash_origin"], elf.names["_keel_flash_end"])
    ram = (elf.names["_keel_ram_origin"], elf.names["_keel_heap_start"])
    image = (elf.names["_keel_data_start"], elf.names["_keel_data_end"])

    def in_flash(address):
        return flash[0] <= address <= flash[1]

    def in_ram(address):
        return ram[0] <= address <= ram[1]

    flash_sections = {i for i, s in enumerate(elf.sections)
                      if s["flags"] & tbf.SHF_ALLOC and not s["flags"] & tbf.SHF_WRITE and s["size"]}
    ram_sections = {i for i, s in enumerate(elf.sections)
                    if s["flags"] & tbf.SHF_ALLOC and s["flags"] & tbf.SHF_WRITE and s["size"]}
    for i in flash_sections:
        s = elf.sections[i]
        if not (flash[0] <= s["addr"] and s["addr"] + s["size"] <= flash[1]):
            problem(f"read-only section {s['name']} at {s['addr']:#x} lies outside the flash image")

    applied = 0
    absolute_in_ram = []
    for s in elf.sections:
        if s["type"] != SHT_REL or s["name"] == ".rel.dyn" or s["info"] >= len(elf.sections):
            continue
        target = s["info"]
        target_name = elf.sections[target]["name"]
        for offset, rtype, symbol in elf.relocations(s):
            applied += 1
            sym_name, value, shndx, _kind = elf.symbols[symbol] if symbol < len(elf.symbols) else ("?", 0, 0, 0)
            label = sym_name or (elf.sections[shndx]["name"] if shndx < len(elf.sections) else "?")
            if target in flash_sections:
                if rtype == R_ARM_NONE or shndx == SHN_ABS:
                    continue
                if rtype == R_ARM_GOT_BREL:
                    continue
                if rtype == R_ARM_GOTOFF32:
                    if shndx != SHN_UNDEF and not in_ram(value):
                        problem(f"{target_name}+{offset - elf.sections[target]['addr']:#x}: GOT-relative offset to "
                                f"{label} ({value:#x}), which is not in RAM")
                    continue
                if rtype in PC_RELATIVE:
                    if shndx != SHN_UNDEF and not in_flash(value):
                        problem(f"{target_name} at {offset:#x}: PC-relative R_ARM_{PC_RELATIVE[rtype]} to {label} "
                                f"({value:#x}) outside the flash image: flash and RAM move independently")
                    continue
                problem(f"{target_name} at {offset:#x}: relocation type {rtype} against {label} ({value:#x}) "
                        f"leaves an absolute address in flash (code not built with the PIC flags?)")
            elif target in ram_sections and rtype in (R_ARM_ABS32, R_ARM_TARGET1):
                if shndx not in (SHN_ABS, SHN_UNDEF):
                    absolute_in_ram.append((offset, label))

    relative = set()
    for s in elf.sections:
        if s["name"] != ".rel.dyn":
            continue
        for offset, rtype, _symbol in elf.relocations(s):
            if rtype != R_ARM_RELATIVE:
                problem(f".rel.dyn: relocation type {rtype} at {offset:#x}; crt0 applies only R_ARM_RELATIVE")
            elif not image[0] <= offset < image[1]:
                problem(f".rel.dyn: R_ARM_RELATIVE at {offset:#x} is outside the RAM image crt0 copies "
                        f"({image[0]:#x}..{image[1]:#x}): a fix-up of flash cannot be applied")
            relative.add(offset)
    for offset, label in absolute_in_ram:
        if offset not in relative:
            problem(f"the word at {offset:#x} holds the address of {label} but has no R_ARM_RELATIVE fix-up")
    got = [s for s in elf.sections if s["name"] == ".got"]
    got_words = 0
    for s in got:
        for address in range(s["addr"], s["addr"] + s["size"], 4):
            value = elf.word(address)
            if value and (in_flash(value) or in_ram(value)):
                got_words += 1
                if address not in relative:
                    problem(f"GOT entry at {address:#x} ({value:#x}) has no R_ARM_RELATIVE fix-up")
    if applied == 0:
        problem("no relocations kept in the ELF: link with --emit-relocs")
    return dict(elf=elf, fixups=len(relative), got_words=got_words)


def check_app(tbf_path: str, problems: list) -> str:
    elf_path = tbf_path[:-len(".tbf")] + ".elf"
    name = os.path.basename(tbf_path)
    before = len(problems)
    with open(tbf_path, "rb") as file:
        data = file.read()
    try:
        parsed = tbf.parse_tbf(data)
    except tbf.TbfError as error:
        problems.append(f"{name}: invalid TBF: {error}")
        return ""
    if parsed.is_padding or parsed.total_size != len(data):
        problems.append(f"{name}: not one whole app TBF")
        return ""
    if parsed.fixed_addresses is not None:
        problems.append(f"{name}: has a Fixed addresses TLV {parsed.fixed_addresses}; Cortex-M apps must not")
    facts = check_elf(elf_path, problems)
    if not facts:
        return ""
    with open(elf_path, "rb") as file:
        elf = tbf.Elf(file.read(), elf_path)
    if elf.machine != tbf.EM_ARM:
        problems.append(f"{name}: ELF machine {elf.machine}, not ARM")
    image = tbf.app_image(elf)
    binary = data[parsed.app_offset:parsed.binary_end_offset]
    if binary.rstrip(b"\0") != image.binary.rstrip(b"\0"):
        problems.append(f"{name}: the TBF's app binary differs from {os.path.basename(elf_path)}'s flash image")
    magic, = struct.unpack_from("<I", image.binary, LAYOUT_SIZE - 4)
    if magic != LAYOUT_MAGIC:
        problems.append(f"{name}: no layout table at the start of the app binary (word {magic:#x})")
    entry = parsed.header_size + parsed.init_fn_offset - parsed.app_offset
    if entry != LAYOUT_SIZE + 1:
        problems.append(f"{name}: init is at binary offset {entry:#x}, not crt0's _start ({LAYOUT_SIZE + 1:#x}, "
                        f"Thumb)")
    if len(problems) != before:
        return ""
    return (f"{name}: ok (binary {len(image.binary)} B, minimum RAM {parsed.minimum_ram_size} B, "
            f"{facts['fixups']} fix-ups, {facts['got_words']} GOT addresses)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True, help="the cortex-m4 build directory")
    parser.add_argument("--expect-failure", action="append", default=[], metavar="ELF",
                        help="an ELF that must fail the position-independence check")
    args = parser.parse_args()
    tbfs = sorted(glob.glob(os.path.join(args.build, "userland", "apps", "*.tbf")))
    if not tbfs:
        print(f"no TBFs under {args.build}/userland/apps", file=sys.stderr)
        return 1
    problems = []
    for path in tbfs:
        line = check_app(path, problems)
        if line:
            print(line)
    for path in args.expect_failure:
        found = []
        check_elf(path, found)
        if found:
            print(f"{os.path.basename(path)}: rejected as expected ({len(found)} problems, first: {found[0]})")
        else:
            problems.append(f"{path}: the non-PIC canary passed the check: the check is broken")
    for p in problems:
        print(f"FAIL {p}")
    print(f"{len(tbfs)} TBFs checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
