# SPDX-License-Identifier: Apache-2.0
"""Builds small synthetic ELF32 executables for the tool tests, so they need no cross compiler.

An ELF here is a list of segments (run address, load address, bytes, memory size, flags), optional extra sections,
and a symbol table. Each segment also gets a section of the same name so both views of the file agree.
"""

import struct
from dataclasses import dataclass, field

PF_X, PF_W, PF_R = 1, 2, 4
SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 1, 2, 4
EM_RISCV = 243


@dataclass
class SegmentSpec:
    name: str
    vaddr: int
    data: bytes = b""
    memsz: int = 0        # 0: len(data)
    paddr: int = -1       # -1: same as vaddr
    flags: int = PF_R


@dataclass
class ElfSpec:
    entry: int
    segments: list
    symbols: dict = field(default_factory=dict)  # name -> value (absolute)
    machine: int = EM_RISCV
    elf_class: int = 1  # 1: 32-bit, 2: 64-bit
    e_type: int = 2     # 2: executable, 1: relocatable


def build_elf(spec: ElfSpec) -> bytes:
    ehsize, phentsize, shentsize = 52, 32, 40
    phoff = ehsize
    data_at = phoff + phentsize * len(spec.segments)
    blobs = bytearray()
    placed = []
    for segment in spec.segments:
        offset = data_at + len(blobs)
        blobs += segment.data
        blobs += bytes((-len(blobs)) % 4)
        placed.append(offset)

    # Sections: null, one per segment, .symtab, .strtab, .shstrtab.
    shstrtab = bytearray(b"\0")
    name_offsets = []
    for name in [s.name for s in spec.segments] + [".symtab", ".strtab", ".shstrtab"]:
        name_offsets.append(len(shstrtab))
        shstrtab += name.encode() + b"\0"
    strtab = bytearray(b"\0")
    symtab = bytearray(bytes(16))  # the null symbol
    for name, value in spec.symbols.items():
        symtab += struct.pack("<IIIBBH", len(strtab), value, 0, 0x10, 0, 0xFFF1)  # global, absolute
        strtab += name.encode() + b"\0"
    tables_at = data_at + len(blobs)
    symtab_at = tables_at
    strtab_at = symtab_at + len(symtab)
    shstrtab_at = strtab_at + len(strtab)
    shoff = shstrtab_at + len(shstrtab)
    shoff += (-shoff) % 4

    sections = [bytes(shentsize)]
    for i, segment in enumerate(spec.segments):
        nobits = not segment.data
        flags = SHF_ALLOC | (SHF_WRITE if segment.flags & PF_W else 0) | (SHF_EXECINSTR if segment.flags & PF_X else 0)
        size = segment.memsz or len(segment.data)
        sections.append(struct.pack("<IIIIIIIIII", name_offsets[i], 8 if nobits else 1, flags, segment.vaddr,
                                    placed[i], size, 0, 0, 4, 0))
    count = len(spec.segments)
    sections.append(struct.pack("<IIIIIIIIII", name_offsets[count], 2, 0, 0, symtab_at, len(symtab),
                                count + 2, 1, 4, 16))
    sections.append(struct.pack("<IIIIIIIIII", name_offsets[count + 1], 3, 0, 0, strtab_at, len(strtab), 0, 0, 1, 0))
    sections.append(struct.pack("<IIIIIIIIII", name_offsets[count + 2], 3, 0, 0, shstrtab_at, len(shstrtab), 0, 0,
                                1, 0))

    ident = b"\x7fELF" + bytes([spec.elf_class, 1, 1]) + bytes(9)
    header = ident + struct.pack("<HHIIIIIHHHHHH", spec.e_type, spec.machine, 1, spec.entry, phoff, shoff, 0,
                                 ehsize, phentsize, len(spec.segments), shentsize, len(sections), len(sections) - 1)
    program_headers = b""
    for segment, offset in zip(spec.segments, placed):
        paddr = segment.vaddr if segment.paddr < 0 else segment.paddr
        program_headers += struct.pack("<IIIIIIII", 1, offset, segment.vaddr, paddr, len(segment.data),
                                       segment.memsz or len(segment.data), segment.flags, 4)
    image = bytearray(header + program_headers + blobs + symtab + strtab + shstrtab)
    image += bytes(shoff - len(image))
    return bytes(image + b"".join(sections))


def keel_app_elf(slot: int = 0, text: bytes = b"\x13\x00\x00\x00" * 16, data: bytes = b"DATA" * 4,
                 bss: int = 0x100, stack: int = 0x800, heap: int = 0x1000, entry_offset: int = 0) -> bytes:
    """An ELF shaped like one linked with userland/libkeel/ld/keel_app.ld for `slot`."""
    flash = 0x80100080 + slot * 0x10000
    ram = 0x80300000 + slot * 0x10000
    data_at = ram + stack
    return build_elf(ElfSpec(
        entry=flash + entry_offset,
        segments=[
            SegmentSpec(".text", flash, text, flags=PF_R | PF_X),
            SegmentSpec(".stack", ram, memsz=stack, flags=PF_R | PF_W),
            SegmentSpec(".data", data_at, data, memsz=len(data) + bss, paddr=flash + len(text), flags=PF_R | PF_W),
        ],
        symbols={"_keel_flash_origin": flash, "_keel_ram_origin": ram, "_keel_stack_size": stack,
                 "_keel_heap_size": heap}))
