# SPDX-License-Identifier: Apache-2.0
"""Tock Binary Format (TBF v2) and ELF32 support shared by Keel's host tools (tbf-pack, tbf-layout, tbf-dump, ...).

What is here, top to bottom:
- an ELF32 little-endian reader (program headers, sections, symbols) and `app_image()`, which turns an app ELF into
  the bytes of its app binary plus the facts a TBF header needs (entry, flash and RAM origins, RAM extent);
- TBF writing: `pack()` builds a complete TBF (header, protected trailer, binary, optional SHA-256 footer) and
  `padding_tbf()` the 16-byte padding objects that fill gaps in an app region;
- TBF reading: `parse_tbf()` checks one object the way the kernel's loader does (spec/tbf.md) and `walk_region()`
  walks a whole app region;
(Placing TBFs in an app region is tools/app_layout.py; moving an rv32 app, tools/rebase.py.)
Every field is little-endian. Errors are TbfError / ElfError with a message meant for the user.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from typing import Optional

# ---------------------------------------------------------------------------------------------------------------
# TBF constants (spec/tbf.md)

TBF_VERSION = 2
BASE_HEADER_SIZE = 16
FLAG_ENABLED = 1 << 0
FLAG_STICKY = 1 << 1
KNOWN_FLAGS = FLAG_ENABLED | FLAG_STICKY
NOT_FIXED = 0xFFFFFFFF

TLV_MAIN = 1
TLV_WRITEABLE_FLASH_REGIONS = 2
TLV_PACKAGE_NAME = 3
TLV_FIXED_ADDRESSES = 5
TLV_PERMISSIONS = 6
TLV_STORAGE_PERMISSIONS = 7
TLV_KERNEL_VERSION = 8
TLV_PROGRAM = 9
TLV_SHORT_ID = 10
TLV_CREDENTIALS = 128

TLV_NAMES = {
    TLV_MAIN: "Main",
    TLV_WRITEABLE_FLASH_REGIONS: "Writeable flash regions",
    TLV_PACKAGE_NAME: "Package name",
    TLV_FIXED_ADDRESSES: "Fixed addresses",
    TLV_PERMISSIONS: "Permissions",
    TLV_STORAGE_PERMISSIONS: "Storage permissions",
    TLV_KERNEL_VERSION: "Kernel version",
    TLV_PROGRAM: "Program",
    TLV_SHORT_ID: "Short ID",
    TLV_CREDENTIALS: "Credentials",
}

# Known TLVs whose body has exactly this length; any other length is an error (spec: "a known fixed-size TLV with
# the wrong length is an error").
FIXED_TLV_LENGTHS = {
    TLV_MAIN: 12,
    TLV_PROGRAM: 20,
    TLV_FIXED_ADDRESSES: 8,
    TLV_KERNEL_VERSION: 4,
    TLV_SHORT_ID: 4,
}

CREDENTIAL_FORMATS = {
    0: "reserved (padding)",
    1: "RSA-3072 key",
    2: "RSA-4096 key",
    3: "SHA-256",
    4: "SHA-384",
    5: "SHA-512",
    6: "ECDSA P-256",
}
CREDENTIAL_SHA256 = 3
CREDENTIAL_HASHES = {3: hashlib.sha256, 4: hashlib.sha384, 5: hashlib.sha512}


class TbfError(Exception):
    """A TBF that cannot be built, parsed or placed; the message says why."""


class ElfError(Exception):
    """An ELF file this tool cannot use; the message says why."""


def align_up(value: int, alignment: int) -> int:
    return (value + alignment - 1) // alignment * alignment


def checksum(header: bytes) -> int:
    """XOR of the header's little-endian u32 words, skipping the checksum word itself (offset 12)."""
    if len(header) % 4 != 0:
        raise TbfError(f"header length {len(header)} is not a multiple of 4")
    value = 0
    for offset in range(0, len(header), 4):
        if offset != 12:
            value ^= struct.unpack_from("<I", header, offset)[0]
    return value


def tlv(tlv_type: int, body: bytes) -> bytes:
    """One TLV: u16 type, u16 length (of the body, unpadded), body padded with zeros to a multiple of 4."""
    if len(body) > 0xFFFF:
        raise TbfError(f"TLV {tlv_type} body of {len(body)} bytes does not fit a u16 length")
    return struct.pack("<HH", tlv_type, len(body)) + body + bytes(align_up(len(body), 4) - len(body))


def base_header(header_size: int, total_size: int, flags: int, rest: bytes) -> bytes:
    """The whole header: the 16-byte base (checksum filled in) followed by `rest` (the TLVs)."""
    header = bytearray(struct.pack("<HHIII", TBF_VERSION, header_size, total_size, flags, 0) + rest)
    struct.pack_into("<I", header, 12, checksum(bytes(header)))
    return bytes(header)


def padding_tbf(size: int, fill: int = 0xFF) -> bytes:
    """A padding object of `size` bytes: a valid base header with header_size 16 and nothing else, so a loader
    walking by total_size steps over the gap."""
    if size < BASE_HEADER_SIZE or size % 4 != 0:
        raise TbfError(f"a padding TBF needs at least 16 bytes and a multiple of 4, not {size}")
    return base_header(BASE_HEADER_SIZE, size, 0, b"") + bytes([fill]) * (size - BASE_HEADER_SIZE)


# ---------------------------------------------------------------------------------------------------------------
# ELF32 reading

PT_LOAD = 1
PT_TLS = 7
PF_X, PF_W, PF_R = 1, 2, 4
SHT_NOBITS = 8
SHT_SYMTAB = 2
SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR, SHF_TLS = 0x1, 0x2, 0x4, 0x400
EM_ARM = 40
EM_RISCV = 243
MACHINES = {EM_ARM: "ARM", EM_RISCV: "RISC-V"}


@dataclass
class Segment:
    type: int
    offset: int
    vaddr: int
    paddr: int
    filesz: int
    memsz: int
    flags: int


@dataclass
class Section:
    name: str
    type: int
    flags: int
    addr: int
    offset: int
    size: int
    link: int = 0     # sh_link (for relocation sections: the symbol table)
    info: int = 0     # sh_info (for relocation sections: the section they apply to)
    entsize: int = 0


class Elf:
    """The parts of a 32-bit little-endian executable ELF that packaging needs."""

    def __init__(self, data: bytes, name: str = "ELF"):
        self.name = name
        self.data = data
        if len(data) < 52 or data[:4] != b"\x7fELF":
            raise ElfError(f"{name}: not an ELF file")
        if data[4] != 1:
            raise ElfError(f"{name}: not a 32-bit ELF (class {data[4]}); build the app for rv32 or Cortex-M")
        if data[5] != 1:
            raise ElfError(f"{name}: not a little-endian ELF")
        (e_type, self.machine, _version, self.entry, phoff, shoff, _flags, _ehsize, phentsize, phnum, shentsize,
         shnum, shstrndx) = struct.unpack_from("<HHIIIIIHHHHHH", data, 16)
        # ET_EXEC, or ET_DYN for a position-independent app linked with -pie (Keel's Cortex-M apps).
        if e_type not in (2, 3):
            raise ElfError(f"{name}: not an executable (e_type {e_type}); pass the linked app, not an object file")
        self.type = e_type
        self.segments = []
        for i in range(phnum):
            at = phoff + i * phentsize
            self._need(at + 32, "program header")
            p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, _align = struct.unpack_from(
                "<IIIIIIII", data, at)
            self._need(p_offset + p_filesz, "segment contents")
            self.segments.append(Segment(p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags))
        self.sections = []
        raw_sections = []
        for i in range(shnum if shoff else 0):
            at = shoff + i * shentsize
            self._need(at + 40, "section header")
            raw_sections.append(struct.unpack_from("<IIIIIIIIII", data, at))
        names = b""
        if raw_sections and shstrndx < len(raw_sections):
            strtab = raw_sections[shstrndx]
            names = data[strtab[4]:strtab[4] + strtab[5]]
        for sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info, _align, sh_entsize \
                in raw_sections:
            self.sections.append(Section(_c_string(names, sh_name), sh_type, sh_flags, sh_addr, sh_offset, sh_size,
                                         sh_link, sh_info, sh_entsize))
        self.symbols = {}
        for index, raw in enumerate(raw_sections):
            if raw[1] != SHT_SYMTAB:
                continue
            link = raw[6]
            if link >= len(raw_sections):
                continue
            strings = data[raw_sections[link][4]:raw_sections[link][4] + raw_sections[link][5]]
            entry_size = raw[9] or 16
            for at in range(raw[4], raw[4] + raw[5], entry_size):
                st_name, st_value, _size, st_info, _other, _shndx = struct.unpack_from("<IIIBBH", data, at)
                symbol = _c_string(strings, st_name)
                # Globals win over locals of the same name.
                if symbol and (symbol not in self.symbols or st_info >> 4 != 0):
                    self.symbols[symbol] = st_value

    def _need(self, end: int, what: str) -> None:
        if end > len(self.data):
            raise ElfError(f"{self.name}: truncated ELF ({what} runs past the end of the file)")

    def contents(self, segment: Segment) -> bytes:
        return self.data[segment.offset:segment.offset + segment.filesz]


def _c_string(table: bytes, offset: int) -> str:
    end = table.find(b"\0", offset)
    return table[offset:end if end >= 0 else len(table)].decode("utf-8", "replace")


@dataclass
class AppImage:
    """An app ELF reduced to what goes into a TBF."""
    binary: bytes             # bytes from flash_origin on: code, read-only data, initial values of .data
    flash_origin: int         # address the binary was linked to run at
    entry: int
    ram_origin: Optional[int]  # lowest RAM address the app uses (None: the app has no RAM segments)
    ram_extent: int           # bytes from ram_origin to the end of the last RAM section (stack, .data, .bss...)
    stack_reserved: bool      # the RAM extent already contains the stack (Keel's linker script puts it there)
    heap_size: Optional[int]  # the heap reservation the ELF asks for (Keel's _keel_heap_size), if any


# An app binary larger than this means initialized data is linked to load in RAM rather than flash.
MAX_BINARY_SIZE = 16 << 20


def app_image(elf: Elf, flash_origin: Optional[int] = None, ram_origin: Optional[int] = None) -> AppImage:
    loads = [s for s in elf.segments if s.type == PT_LOAD and s.memsz > 0]
    with_bytes = [s for s in loads if s.filesz > 0]
    if not with_bytes:
        raise ElfError(f"{elf.name}: no loadable segment with contents")
    if flash_origin is None:
        flash_origin = elf.symbols.get("_keel_flash_origin", min(s.paddr for s in with_bytes))
    end = max(s.paddr + s.filesz for s in with_bytes)
    for s in with_bytes:
        if s.paddr < flash_origin:
            raise ElfError(f"{elf.name}: segment at load address {s.paddr:#x} lies below the flash origin "
                           f"{flash_origin:#x}")
    if end - flash_origin > MAX_BINARY_SIZE:
        raise ElfError(f"{elf.name}: loadable bytes span {flash_origin:#x}..{end:#x}, too much for an app; is "
                       f"initialized data linked to load in RAM instead of flash (AT>flash)?")
    binary = bytearray(end - flash_origin)
    for s in with_bytes:
        at = s.paddr - flash_origin
        binary[at:at + s.filesz] = elf.contents(s)
    if not flash_origin <= (elf.entry & ~1) < end:
        raise ElfError(f"{elf.name}: entry point {elf.entry:#x} is outside the app binary "
                       f"{flash_origin:#x}..{end:#x}")

    # RAM: allocated, writable things whose run-time address is outside the flash image.
    def in_flash(address: int) -> bool:
        return flash_origin <= address < end

    ram_ranges = [(s.vaddr, s.vaddr + s.memsz) for s in loads if s.flags & PF_W and not in_flash(s.vaddr)]
    ram_ranges += [(s.addr, s.addr + s.size) for s in elf.sections
                   if s.flags & SHF_ALLOC and s.flags & SHF_WRITE and s.size and not in_flash(s.addr)]
    if ram_origin is None:
        ram_origin = elf.symbols.get("_keel_ram_origin")
    if ram_origin is None and ram_ranges:
        ram_origin = min(start for start, _ in ram_ranges)
    extent = 0
    if ram_origin is not None:
        ends = [e for s, e in ram_ranges if s >= ram_origin]
        extent = max(ends) - ram_origin if ends else 0
    return AppImage(bytes(binary), flash_origin, elf.entry, ram_origin, extent,
                    stack_reserved="_keel_stack_size" in elf.symbols, heap_size=elf.symbols.get("_keel_heap_size"))


# ---------------------------------------------------------------------------------------------------------------
# Packing

DEFAULT_STACK = 2048
DEFAULT_HEAP = 4096


@dataclass
class PackOptions:
    name: str
    binary_offset: Optional[int] = 0x80  # app binary at TBF start + this (None: right after the header)
    fixed: bool = True                     # emit Fixed addresses (RISC-V apps); False for position-independent
    kernel_version: tuple = (2, 2)
    app_version: int = 0
    enabled: bool = True
    sticky: bool = False
    stack: Optional[int] = None            # None: 0 if the ELF reserves its stack in RAM, else DEFAULT_STACK
    heap: Optional[int] = None             # None: the ELF's _keel_heap_size, else DEFAULT_HEAP
    minimum_ram_size: Optional[int] = None  # overrides the computation
    sha256: bool = False
    short_id: Optional[int] = None
    main_tlv: bool = True                  # Main next to Program, for loaders that predate Program
    storage_write_id: Optional[int] = None  # with the two lists: a Storage permissions TLV (Tock's layout)
    storage_read_ids: list = field(default_factory=list)
    storage_modify_ids: list = field(default_factory=list)


@dataclass
class PackResult:
    data: bytes
    header_size: int
    protected_trailer_size: int
    init_fn_offset: int
    minimum_ram_size: int
    binary_end_offset: int
    start_process_flash: int
    start_process_ram: int


def minimum_ram_size(image: AppImage, options: PackOptions) -> int:
    if options.minimum_ram_size is not None:
        return options.minimum_ram_size
    stack = options.stack if options.stack is not None else (0 if image.stack_reserved else DEFAULT_STACK)
    heap = options.heap if options.heap is not None else (
        image.heap_size if image.heap_size is not None else DEFAULT_HEAP)
    return align_up(image.ram_extent, 8) + align_up(stack, 8) + align_up(heap, 8)


# The most read and modify ids a Storage permissions TLV may list (Keel's kernel refuses more, as Tock's does).
MAX_STORAGE_IDS = 8


def has_storage_permissions(options: PackOptions) -> bool:
    return (options.storage_write_id is not None or bool(options.storage_read_ids)
            or bool(options.storage_modify_ids))


def storage_permissions_body(options: PackOptions) -> bytes:
    """Tock's packed layout: u32 write_id (0: none), u16 read count, the read ids, u16 modify count, the modify ids
    (the TLV is then padded to 4 bytes like every TLV)."""
    write_id = options.storage_write_id or 0
    reads, modifies = list(options.storage_read_ids), list(options.storage_modify_ids)
    for what, ids in (("read", reads), ("modify", modifies)):
        if len(ids) > MAX_STORAGE_IDS:
            raise TbfError(f"{len(ids)} storage {what} ids: at most {MAX_STORAGE_IDS}")
    for value in [write_id, *reads, *modifies]:
        if not 0 <= value <= 0xFFFFFFFF:
            raise TbfError(f"storage id {value} does not fit 32 bits")
    return (struct.pack("<IH", write_id, len(reads)) + struct.pack(f"<{len(reads)}I", *reads)
            + struct.pack("<H", len(modifies)) + struct.pack(f"<{len(modifies)}I", *modifies))


def pack(image: AppImage, options: PackOptions) -> PackResult:
    name = options.name.encode("utf-8")
    ram_size = minimum_ram_size(image, options)
    fixed_flash = image.flash_origin if options.fixed else NOT_FIXED
    fixed_ram = image.ram_origin if options.fixed and image.ram_origin is not None else NOT_FIXED
    major, minor = options.kernel_version

    def tlvs(init_fn_offset: int, trailer: int, binary_end: int) -> bytes:
        body = b""
        if options.main_tlv:
            body += tlv(TLV_MAIN, struct.pack("<III", init_fn_offset, trailer, ram_size))
        body += tlv(TLV_PROGRAM, struct.pack("<IIIII", init_fn_offset, trailer, ram_size, binary_end,
                                             options.app_version))
        body += tlv(TLV_PACKAGE_NAME, name)
        body += tlv(TLV_KERNEL_VERSION, struct.pack("<HH", major, minor))
        if options.fixed:
            body += tlv(TLV_FIXED_ADDRESSES, struct.pack("<II", fixed_ram, fixed_flash))
        if options.short_id is not None:
            body += tlv(TLV_SHORT_ID, struct.pack("<I", options.short_id))
        if has_storage_permissions(options):
            body += tlv(TLV_STORAGE_PERMISSIONS, storage_permissions_body(options))
        return body

    header_size = BASE_HEADER_SIZE + len(tlvs(0, 0, 0))
    if options.binary_offset is None:
        binary_offset = header_size
    else:
        binary_offset = options.binary_offset
        if binary_offset % 4 != 0:
            raise TbfError(f"binary offset {binary_offset:#x} is not a multiple of 4")
        if header_size > binary_offset:
            raise TbfError(f"the header needs {header_size} bytes, more than the binary offset {binary_offset:#x}; "
                           f"shorten the package name or raise --binary-offset")
    trailer = binary_offset - header_size
    init_fn_offset = trailer + (image.entry - image.flash_origin)
    binary_end = binary_offset + align_up(len(image.binary), 4)
    footer = b""
    if options.sha256:
        footer = tlv(TLV_CREDENTIALS, struct.pack("<I", CREDENTIAL_SHA256) + bytes(32))
    total_size = binary_end + len(footer)
    flags = (FLAG_ENABLED if options.enabled else 0) | (FLAG_STICKY if options.sticky else 0)
    header = base_header(header_size, total_size, flags, tlvs(init_fn_offset, trailer, binary_end))
    body = bytes(trailer) + image.binary + bytes(binary_end - binary_offset - len(image.binary))
    data = header + body
    if options.sha256:
        # The credential covers everything before the footers, the header included.
        digest = hashlib.sha256(data).digest()
        footer = tlv(TLV_CREDENTIALS, struct.pack("<I", CREDENTIAL_SHA256) + digest)
    data += footer
    assert len(data) == total_size
    return PackResult(data, header_size, trailer, init_fn_offset, ram_size, binary_end,
                      fixed_flash, fixed_ram)


# ---------------------------------------------------------------------------------------------------------------
# Parsing

@dataclass
class Footer:
    type: int
    offset: int                # from the TBF start
    format: Optional[int] = None
    data: bytes = b""
    verified: Optional[bool] = None  # for hash credentials: does the hash match?


@dataclass
class Tbf:
    version: int
    header_size: int
    total_size: int
    flags: int
    checksum: int
    main: Optional[tuple] = None      # (init_fn_offset, protected_trailer_size, minimum_ram_size)
    program: Optional[tuple] = None   # (init_fn_offset, protected_trailer_size, minimum_ram_size,
                                      #  binary_end_offset, app_version)
    package_name: Optional[str] = None
    kernel_version: Optional[tuple] = None
    fixed_addresses: Optional[tuple] = None  # (start_process_ram, start_process_flash)
    writeable_flash_regions: list = field(default_factory=list)
    permissions: list = field(default_factory=list)  # (driver, offset, mask)
    storage_permissions: Optional[tuple] = None      # (write_id, read_ids, modify_ids)
    short_id: Optional[int] = None
    tlvs: list = field(default_factory=list)         # (type, length, offset) in header order
    footers: list = field(default_factory=list)

    @property
    def is_padding(self) -> bool:
        return self.main is None and self.program is None

    @property
    def enabled(self) -> bool:
        return bool(self.flags & FLAG_ENABLED)

    def _main_fields(self) -> tuple:
        return self.program[:3] if self.program else (self.main or (0, 0, 0))

    @property
    def init_fn_offset(self) -> int:
        return self._main_fields()[0]

    @property
    def protected_trailer_size(self) -> int:
        return self._main_fields()[1]

    @property
    def minimum_ram_size(self) -> int:
        return self._main_fields()[2]

    @property
    def binary_end_offset(self) -> int:
        return self.program[3] if self.program else self.total_size

    @property
    def app_version(self) -> int:
        return self.program[4] if self.program else 0

    @property
    def app_offset(self) -> int:
        """Where the app binary starts, from the TBF start."""
        return self.header_size + self.protected_trailer_size

    @property
    def fixed_flash(self) -> Optional[int]:
        if self.fixed_addresses is None or self.fixed_addresses[1] == NOT_FIXED:
            return None
        return self.fixed_addresses[1]

    @property
    def fixed_ram(self) -> Optional[int]:
        if self.fixed_addresses is None or self.fixed_addresses[0] == NOT_FIXED:
            return None
        return self.fixed_addresses[0]

    @property
    def required_start(self) -> Optional[int]:
        """Where this TBF must start so its binary lands on start_process_flash (None: position-independent)."""
        return None if self.fixed_flash is None else self.fixed_flash - self.app_offset

    def describe(self, address: Optional[int] = None) -> list:
        """Human-readable lines with every field."""
        if self.is_padding:
            return [f"padding: total_size {self.total_size:#x} ({self.total_size}), header_size {self.header_size}"]
        flag_names = [n for bit, n in ((FLAG_ENABLED, "enabled"), (FLAG_STICKY, "sticky")) if self.flags & bit]
        lines = [
            f"version {self.version}, header_size {self.header_size:#x} ({self.header_size}), "
            f"total_size {self.total_size:#x} ({self.total_size}), flags {self.flags:#x} "
            f"({', '.join(flag_names) or 'disabled'}), checksum {self.checksum:#010x} (ok)",
        ]
        for tlv_type, length, offset in self.tlvs:
            label = TLV_NAMES.get(tlv_type, f"unknown TLV type {tlv_type}")
            if tlv_type == TLV_MAIN:
                detail = (f"init_fn_offset {self.main[0]:#x}, protected_trailer_size {self.main[1]:#x}, "
                          f"minimum_ram_size {self.main[2]:#x} ({self.main[2]})")
            elif tlv_type == TLV_PROGRAM:
                p = self.program
                detail = (f"init_fn_offset {p[0]:#x}, protected_trailer_size {p[1]:#x}, minimum_ram_size {p[2]:#x} "
                          f"({p[2]}), binary_end_offset {p[3]:#x}, app_version {p[4]}")
            elif tlv_type == TLV_PACKAGE_NAME:
                detail = repr(self.package_name)
            elif tlv_type == TLV_KERNEL_VERSION:
                detail = f"{self.kernel_version[0]}.{self.kernel_version[1]}"
            elif tlv_type == TLV_FIXED_ADDRESSES:
                detail = (f"start_process_ram {_fixed(self.fixed_addresses[0])}, "
                          f"start_process_flash {_fixed(self.fixed_addresses[1])}")
            elif tlv_type == TLV_WRITEABLE_FLASH_REGIONS:
                detail = ", ".join(f"offset {o:#x} size {s:#x}" for o, s in self.writeable_flash_regions) or "none"
            elif tlv_type == TLV_PERMISSIONS:
                detail = ", ".join(f"driver {d:#x} offset {o} mask {m:#018x}" for d, o, m in self.permissions)
            elif tlv_type == TLV_STORAGE_PERMISSIONS:
                w, r, m = self.storage_permissions
                detail = f"write_id {w:#x}, read {[hex(x) for x in r]}, modify {[hex(x) for x in m]}"
            elif tlv_type == TLV_SHORT_ID:
                detail = f"{self.short_id:#x}"
            else:
                detail = f"{length} bytes (skipped)"
            lines.append(f"{label} (type {tlv_type}, at {offset:#x}): {detail}")
        where = lambda off: f"{off:#x}" + (f" = {address + off:#010x}" if address is not None else "")
        lines.append(f"app binary at offset {where(self.app_offset)}, init at offset "
                     f"{where(self.header_size + self.init_fn_offset)}, binary ends at offset "
                     f"{where(self.binary_end_offset)}")
        if self.fixed_flash is not None and address is not None and address + self.app_offset != self.fixed_flash:
            lines.append(f"WARNING: binary is at {address + self.app_offset:#x} but was linked for "
                         f"{self.fixed_flash:#x}")
        for f in self.footers:
            label = TLV_NAMES.get(f.type, f"unknown footer type {f.type}")
            if f.type == TLV_CREDENTIALS:
                fmt = CREDENTIAL_FORMATS.get(f.format, f"format {f.format}")
                check = {True: " (verified)", False: " (MISMATCH)", None: ""}[f.verified]
                lines.append(f"footer {label} at {f.offset:#x}: {fmt} {f.data.hex()}{check}")
            else:
                lines.append(f"footer {label} at {f.offset:#x}: {len(f.data)} bytes")
        return lines


def _fixed(value: int) -> str:
    return "not fixed" if value == NOT_FIXED else f"{value:#010x}"


ELF_MAGIC = b"\x7fELF"
NOT_A_TBF_BUT_ELF = "this is an ELF: package it with tbf-pack (tools/tbf-pack APP.elf -o APP.tbf)"


def parse_tbf(data: bytes) -> Tbf:
    """Parses and checks one TBF object. `data` must hold at least the whole object (total_size bytes)."""
    if data[:4] == ELF_MAGIC:
        raise TbfError(NOT_A_TBF_BUT_ELF)
    if len(data) < BASE_HEADER_SIZE:
        raise TbfError(f"only {len(data)} bytes, less than the 16-byte base header")
    version, header_size, total_size, flags, stored = struct.unpack_from("<HHIII", data, 0)
    if version != TBF_VERSION:
        raise TbfError(f"version {version:#x}, not 2")
    if total_size < BASE_HEADER_SIZE:
        raise TbfError(f"total_size {total_size} is smaller than the base header")
    if total_size > len(data):
        raise TbfError(f"total_size {total_size:#x} runs past the {len(data):#x} bytes available")
    if header_size < BASE_HEADER_SIZE or header_size > total_size or header_size % 4 != 0:
        raise TbfError(f"bad header_size {header_size} (must be >= 16, <= total_size {total_size}, "
                       f"a multiple of 4)")
    computed = checksum(data[:header_size])
    if computed != stored:
        raise TbfError(f"checksum {stored:#010x} does not match the header (computed {computed:#010x})")
    if flags & ~KNOWN_FLAGS:
        raise TbfError(f"unknown flag bits {flags & ~KNOWN_FLAGS:#x}")
    tbf = Tbf(version, header_size, total_size, flags, stored)
    position = BASE_HEADER_SIZE
    while position < header_size:
        if position + 4 > header_size:
            raise TbfError(f"TLV at {position:#x} is cut off by the end of the header")
        tlv_type, length = struct.unpack_from("<HH", data, position)
        body_at = position + 4
        if body_at + length > header_size:
            raise TbfError(f"TLV type {tlv_type} at {position:#x} (length {length}) runs past header_size "
                           f"{header_size:#x}")
        body = data[body_at:body_at + length]
        _parse_tlv(tbf, tlv_type, body, position)
        tbf.tlvs.append((tlv_type, length, position))
        position = body_at + align_up(length, 4)
    if not tbf.is_padding:
        if tbf.app_offset > total_size:
            raise TbfError(f"protected trailer ({tbf.protected_trailer_size:#x} bytes) runs past total_size")
        if not tbf.app_offset <= tbf.binary_end_offset <= total_size:
            raise TbfError(f"binary_end_offset {tbf.binary_end_offset:#x} is outside "
                           f"{tbf.app_offset:#x}..{total_size:#x}")
        if header_size + tbf.init_fn_offset >= tbf.binary_end_offset:
            raise TbfError(f"init_fn_offset {tbf.init_fn_offset:#x} points past the binary")
        _parse_footers(tbf, data)
    return tbf


def _parse_tlv(tbf: Tbf, tlv_type: int, body: bytes, position: int) -> None:
    name = TLV_NAMES.get(tlv_type, str(tlv_type))
    expected = FIXED_TLV_LENGTHS.get(tlv_type)
    if expected is not None and len(body) != expected:
        raise TbfError(f"{name} TLV at {position:#x} has length {len(body)}, not {expected}")
    if tlv_type == TLV_MAIN:
        tbf.main = struct.unpack("<III", body)
    elif tlv_type == TLV_PROGRAM:
        tbf.program = struct.unpack("<IIIII", body)
    elif tlv_type == TLV_PACKAGE_NAME:
        try:
            tbf.package_name = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise TbfError(f"package name at {position:#x} is not UTF-8 ({error})") from None
    elif tlv_type == TLV_FIXED_ADDRESSES:
        tbf.fixed_addresses = struct.unpack("<II", body)
    elif tlv_type == TLV_KERNEL_VERSION:
        tbf.kernel_version = struct.unpack("<HH", body)
    elif tlv_type == TLV_SHORT_ID:
        tbf.short_id = struct.unpack("<I", body)[0]
    elif tlv_type == TLV_WRITEABLE_FLASH_REGIONS:
        if len(body) % 8 != 0:
            raise TbfError(f"writeable flash regions TLV at {position:#x} has length {len(body)}, not 8*n")
        tbf.writeable_flash_regions = [struct.unpack_from("<II", body, i) for i in range(0, len(body), 8)]
    elif tlv_type == TLV_PERMISSIONS:
        if len(body) < 2:
            raise TbfError(f"permissions TLV at {position:#x} is too short")
        count = struct.unpack_from("<H", body, 0)[0]
        if len(body) < 2 + 16 * count:
            raise TbfError(f"permissions TLV at {position:#x} lists {count} entries but has {len(body)} bytes")
        tbf.permissions = [struct.unpack_from("<IIQ", body, 2 + 16 * i) for i in range(count)]
    elif tlv_type == TLV_STORAGE_PERMISSIONS:
        try:
            write_id, reads = struct.unpack_from("<IH", body, 0)
            read_ids = list(struct.unpack_from(f"<{reads}I", body, 6))
            modifies = struct.unpack_from("<H", body, 6 + 4 * reads)[0]
            modify_ids = list(struct.unpack_from(f"<{modifies}I", body, 8 + 4 * reads))
        except struct.error:
            raise TbfError(f"storage permissions TLV at {position:#x} is too short") from None
        tbf.storage_permissions = (write_id, read_ids, modify_ids)


def _parse_footers(tbf: Tbf, data: bytes) -> None:
    position = tbf.binary_end_offset
    while position < tbf.total_size:
        if position + 4 > tbf.total_size:
            raise TbfError(f"footer at {position:#x} is cut off by total_size")
        footer_type, length = struct.unpack_from("<HH", data, position)
        end = position + 4 + length
        if end > tbf.total_size:
            raise TbfError(f"footer type {footer_type} at {position:#x} runs past total_size")
        body = data[position + 4:end]
        footer = Footer(footer_type, position, data=body)
        if footer_type == TLV_CREDENTIALS:
            if length < 4:
                raise TbfError(f"credentials footer at {position:#x} has no format")
            footer.format = struct.unpack_from("<I", body, 0)[0]
            footer.data = body[4:]
            hash_function = CREDENTIAL_HASHES.get(footer.format)
            if hash_function is not None:
                footer.verified = hash_function(data[:tbf.binary_end_offset]).digest() == footer.data
        tbf.footers.append(footer)
        position += 4 + align_up(length, 4)


@dataclass
class RegionEntry:
    offset: int                    # from the region start
    size: int
    tbf: Optional[Tbf] = None
    error: Optional[str] = None


def walk_region(data: bytes) -> tuple:
    """Walks an app region like the kernel's loader: returns (entries, why the walk stopped)."""
    entries = []
    position = 0
    while True:
        if position + 2 > len(data):
            return entries, f"end of data at offset {position:#x}"
        version = struct.unpack_from("<H", data, position)[0]
        if version != TBF_VERSION:
            return entries, f"version {version:#x} at offset {position:#x} ends the app list"
        if position + BASE_HEADER_SIZE > len(data):
            return entries, f"end of data at offset {position:#x} inside a base header"
        total_size = struct.unpack_from("<I", data, position + 4)[0]
        if total_size == 0 or position + total_size > len(data):
            return entries, f"total_size {total_size:#x} at offset {position:#x} is 0 or runs past the region"
        try:
            entries.append(RegionEntry(position, total_size, tbf=parse_tbf(data[position:position + total_size])))
        except TbfError as error:
            entries.append(RegionEntry(position, total_size, error=str(error)))
        position += total_size


# ---------------------------------------------------------------------------------------------------------------
# Dumping (tbf-dump, tbf-pack --dump)

def dump(data: bytes, name: str, base: Optional[int] = None) -> tuple:
    """Describes every object in a TBF file or an app-region image; returns (lines, all_ok). Without `base`, the
    address of the file's first byte is inferred from the first fixed-address app."""
    if data[:4] == ELF_MAGIC:
        return [f"{name}: {NOT_A_TBF_BUT_ELF}"], False
    entries, stop = walk_region(data)
    if base is None:
        for entry in entries:
            if entry.tbf is not None and entry.tbf.required_start is not None:
                base = entry.tbf.required_start - entry.offset
                break
    ok = bool(entries)
    lines = []
    for entry in entries:
        where = f"offset {entry.offset:#x}" + (f" (address {base + entry.offset:#010x})" if base is not None else "")
        if entry.error is not None:
            ok = False
            lines.append(f"{name}: {where}: INVALID: {entry.error}")
            continue
        tbf = entry.tbf
        title = "padding" if tbf.is_padding else f"app {tbf.package_name!r}"
        lines.append(f"{name}: {where}: {title}")
        address = base + entry.offset if base is not None else None
        lines += ["  " + line for line in tbf.describe(address)]
        if any(f.verified is False for f in tbf.footers):
            ok = False
        if address is not None and tbf.required_start is not None and tbf.required_start != address:
            ok = False
    if not entries:
        lines.append(f"{name}: no TBF found")
    end = entries[-1].offset + entries[-1].size if entries else 0
    if end < len(data) or not entries:
        lines.append(f"{name}: walk stopped: {stop}")
    return lines, ok
