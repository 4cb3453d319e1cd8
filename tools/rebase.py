# SPDX-License-Identifier: Apache-2.0
"""Moving a fixed-address rv32 app to another flash and RAM address without linking it again.

Keel's rv32 apps are linked once, at the start of the app region and of the process RAM (userland/cmake/keel_app.cmake),
with `--emit-relocs`: the final ELF keeps every relocation the linker applied. An app placed elsewhere by the layout
(tools/tbf-layout, run-qemu, keel-apps) is moved by redoing the address-dependent ones for the new addresses:

- R_RISCV_32 (a data word holding an address: pointers in .data, jump tables, .init_array): a value inside the
  app's linked flash image moves with the flash, one inside its linked RAM with the RAM, anything else stays;
- R_RISCV_HI20 (`lui` of an absolute address, in picolibc, which Debian builds medlow): its upper 20 bits move with
  the region they point into;
- R_RISCV_PCREL_HI20 (`auipc`, medany code) and R_RISCV_32_PCREL: a pc-relative reference from flash into RAM changes
  by the RAM move minus the flash move; flash-to-flash references do not change.
Both moves must be multiples of 4 KiB: the low 12 bits of every address (LO12 relocations, the `addi`/`lw`/`sw` half
of each pair) then stay as they are, so only whole instructions' upper immediates and whole words change. Everything
else the linker did is relative within a region (branches, calls, gp- and tp-relative accesses, relaxations) and
does not change when a whole region moves. tests/tools/check_built_apps.py checks that a moved app is byte for byte
the app linked at the new addresses.

A TBF is movable when the ELF it was packed from sits next to it (X.tbf, X.elf), holds these relocations and its
app binary is the TBF's: `movable_app()` finds that out, `move_tbf()` writes the moved TBF (binary, Fixed
addresses TLV, checksum and hash credentials updated).
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from typing import Optional

import tbf

EM_RISCV = 243
SHT_RELA = 4
STEP = 0x1000  # moves are whole multiples of this (see above)
HALF_STEP = 0x800  # how far the low 12 bits of a pair can take an address from its upper part

R_RISCV_NONE = 0
R_RISCV_32 = 1
R_RISCV_HI20 = 26
R_RISCV_PCREL_HI20 = 23
R_RISCV_32_PCREL = 57
R_RISCV_RVC_LUI = 46
# Relocations whose result does not change when the flash image, the RAM image, or both move by multiples of 4 KiB:
# pc-relative within the code (branches, jumps, calls, the low half of pc-relative pairs), the low 12 bits of
# absolute pairs, tp- and gp-relative accesses, differences within a section, and markers.
UNCHANGED = {
    R_RISCV_NONE,
    16, 17, 18, 19,          # BRANCH, JAL, CALL, CALL_PLT
    24, 25,                  # PCREL_LO12_I, PCREL_LO12_S
    27, 28,                  # LO12_I, LO12_S
    29, 30, 31, 32,          # TPREL_HI20, TPREL_LO12_I, TPREL_LO12_S, TPREL_ADD
    33, 34, 35, 36, 37, 38, 39, 40, 41, 42,  # ADD8..ADD64, SUB8..SUB64
    43, 44, 45,              # ALIGN, RVC_BRANCH, RVC_JUMP
    47, 48, 49, 50,          # GPREL_I, GPREL_S, TPREL_I, TPREL_S (after relaxation)
    51, 52, 53, 54, 55,      # RELAX, SUB6, SET6, SET8, SET16
}


class RebaseError(Exception):
    """An app that cannot be moved (or not to where it was asked); the message says why."""


@dataclass
class Site:
    offset: int  # in the app binary
    kind: int    # R_RISCV_32, R_RISCV_HI20, R_RISCV_PCREL_HI20 or R_RISCV_32_PCREL
    address: int  # link-time address of the relocated word or instruction


@dataclass
class Movable:
    """What moving one app needs: its linked binary, its linked flash and RAM spans, the relocation sites."""
    elf_path: str
    binary: bytes
    flash_origin: int   # link address of the app binary
    ram_origin: int     # link address of the process RAM
    ram_extent: int
    sites: list

    def region_of(self, value: int, margin: int = 0) -> Optional[str]:
        """'flash' or 'ram' if `value` (give or take `margin`) is in the linked image there; ends included, so an
        end pointer counts."""
        if self.flash_origin - margin <= value <= self.flash_origin + len(self.binary) + margin:
            return "flash"
        if self.ram_origin - margin <= value <= self.ram_origin + self.ram_extent + margin:
            return "ram"
        return None


def read_movable(elf_path: str, elf: tbf.Elf) -> Optional[Movable]:
    """The app's relocation sites, or None if the ELF was not linked with --emit-relocs (a fixed app). Raises
    RebaseError if it has relocations this module cannot redo."""
    if elf.machine != EM_RISCV:
        return None
    image = tbf.app_image(elf)
    if image.ram_origin is None:
        return None
    relocation_sections = [s for s in elf.sections if s.type == SHT_RELA and s.info < len(elf.sections)
                           and elf.sections[s.info].flags & tbf.SHF_ALLOC and elf.sections[s.info].type != tbf.SHT_NOBITS]
    if not relocation_sections:
        return None
    movable = Movable(elf_path, image.binary, image.flash_origin, image.ram_origin, image.ram_extent, [])
    if movable.region_of(image.ram_origin, STEP) == "flash" or movable.region_of(
            image.flash_origin + len(image.binary), STEP) == "ram":
        raise RebaseError(f"{elf_path}: the flash and RAM images lie within 4 KiB of each other")
    for relocations in relocation_sections:
        target = elf.sections[relocations.info]
        load = _load_address(elf, target)
        for at in range(relocations.offset, relocations.offset + relocations.size, 12):
            r_offset, r_info, _addend = struct.unpack_from("<IIi", elf.data, at)
            kind = r_info & 0xFF
            if kind in UNCHANGED:
                continue
            if kind not in (R_RISCV_32, R_RISCV_HI20, R_RISCV_PCREL_HI20, R_RISCV_32_PCREL):
                raise RebaseError(f"{elf_path}: relocation type {kind} at {r_offset:#x} ({target.name}) cannot be "
                                  f"redone at another address; link the app for a fixed address instead")
            # In an executable, r_offset is the run-time address; the bytes are at the section's load address.
            offset = load + (r_offset - target.addr) - image.flash_origin
            if not 0 <= offset <= len(image.binary) - 4:
                raise RebaseError(f"{elf_path}: relocation at {r_offset:#x} ({target.name}) is outside the app "
                                  f"binary")
            movable.sites.append(Site(offset, kind, r_offset))
    return movable


def _load_address(elf: tbf.Elf, section: tbf.Section) -> int:
    for segment in elf.segments:
        if segment.type == tbf.PT_LOAD and segment.offset <= section.offset < segment.offset + segment.filesz:
            return segment.paddr + section.offset - segment.offset
    return section.addr


def move_binary(movable: Movable, flash_delta: int, ram_delta: int) -> bytes:
    """The app binary as if linked with its flash image `flash_delta` and its RAM `ram_delta` bytes further up."""
    for name, delta in (("flash", flash_delta), ("RAM", ram_delta)):
        if delta % STEP:
            raise RebaseError(f"{movable.elf_path}: a {name} move of {delta:#x} bytes is not a multiple of 4 KiB")
    moves = {"flash": flash_delta, "ram": ram_delta, None: 0}
    binary = bytearray(movable.binary)
    for site in movable.sites:
        word = struct.unpack_from("<I", binary, site.offset)[0]
        if site.kind == R_RISCV_32:
            word += moves[movable.region_of(word)]
        elif site.kind == R_RISCV_32_PCREL:
            # The word is target - here: it changes by how far the target moves relative to the code.
            target = (site.address + word) & 0xFFFFFFFF
            word += _relative_move(movable, target, 0, flash_delta, ram_delta)
        elif site.kind == R_RISCV_HI20:
            _expect_opcode(movable, site, word, 0x37, "lui")
            word += moves[movable.region_of(word & 0xFFFFF000, HALF_STEP)]
        else:  # R_RISCV_PCREL_HI20
            _expect_opcode(movable, site, word, 0x17, "auipc")
            target = (site.address + (word & 0xFFFFF000)) & 0xFFFFFFFF
            word += _relative_move(movable, target, HALF_STEP, flash_delta, ram_delta)
        struct.pack_into("<I", binary, site.offset, word & 0xFFFFFFFF)
    return bytes(binary)


def _relative_move(movable: Movable, target: int, margin: int, flash_delta: int, ram_delta: int) -> int:
    """How a pc-relative reference from the code to `target` changes: by the target's move minus the code's."""
    region = movable.region_of(target, margin)
    return (ram_delta if region == "ram" else flash_delta if region == "flash" else 0) - flash_delta


def _expect_opcode(movable: Movable, site: Site, word: int, opcode: int, name: str) -> None:
    if word & 0x7F != opcode:
        raise RebaseError(f"{movable.elf_path}: expected {name} at {site.address:#x}, found {word:#010x}; the "
                          f"linker's relocation list does not match the code")


def movable_app(tbf_path: str, data: bytes) -> tuple:
    """(Movable, None) if the TBF at `tbf_path` can be moved, else (None, why not). The ELF must sit next to it
    (same name, .elf), be linked with --emit-relocs, and hold exactly the TBF's app binary."""
    parsed = tbf.parse_tbf(data)
    if parsed.fixed_flash is None or parsed.fixed_ram is None:
        return None, "position-independent or no Fixed addresses"
    elf_path = os.path.splitext(tbf_path)[0] + ".elf"
    try:
        with open(elf_path, "rb") as file:
            elf = tbf.Elf(file.read(), elf_path)
        movable = read_movable(elf_path, elf)
    except OSError:
        return None, f"no ELF next to it ({os.path.basename(elf_path)})"
    except (tbf.ElfError, RebaseError) as error:
        return None, str(error)
    if movable is None:
        return None, f"{os.path.basename(elf_path)} has no relocations (linked for fixed addresses)"
    at = parsed.app_offset
    if (movable.flash_origin, movable.ram_origin) != (parsed.fixed_flash, parsed.fixed_ram) or \
            data[at:at + len(movable.binary)] != movable.binary:
        return None, f"{os.path.basename(elf_path)} is not the ELF this TBF was packed from (rebuilt since?)"
    return movable, None


def move_tbf(data: bytes, movable: Movable, binary_address: int, ram_address: int) -> bytes:
    """The TBF moved so that its app binary runs at `binary_address` and its RAM starts at `ram_address`."""
    parsed = tbf.parse_tbf(data)
    flash_delta = binary_address - movable.flash_origin
    ram_delta = ram_address - movable.ram_origin
    moved = bytearray(data)
    at = parsed.app_offset
    moved[at:at + len(movable.binary)] = move_binary(movable, flash_delta, ram_delta)
    for tlv_type, _length, offset in parsed.tlvs:
        if tlv_type == tbf.TLV_FIXED_ADDRESSES:
            struct.pack_into("<II", moved, offset + 4, ram_address, binary_address)
    struct.pack_into("<I", moved, 12, tbf.checksum(bytes(moved[:parsed.header_size])))
    for footer in parsed.footers:
        if footer.type != tbf.TLV_CREDENTIALS or footer.format == 0:
            continue
        hash_function = tbf.CREDENTIAL_HASHES.get(footer.format)
        if hash_function is None:
            raise RebaseError(f"{movable.elf_path}: the TBF is signed ({tbf.CREDENTIAL_FORMATS.get(footer.format)}); "
                              f"a moved app would no longer match its signature")
        digest = hash_function(bytes(moved[:parsed.binary_end_offset])).digest()
        moved[footer.offset + 8:footer.offset + 8 + len(digest)] = digest
    return bytes(moved)
