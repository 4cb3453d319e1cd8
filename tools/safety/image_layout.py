# SPDX-License-Identifier: Apache-2.0
"""The kernel image's memory layout, checked on the linked ELF.

A board's layout.ld is not trusted, yet it decides where everything lies: a one-line edit could put the process RAM
over the kernel's .bss or image (rv32 runs its "flash" from RAM), leave part of .bss out of what start.S zeroes, or
shrink the kernel stack below the size the stack bound assumes, and every C++ file would still pass (escapes 350-353).
So the check reads what the linker made of it, the way the hardware will see it, and holds it to what the trusted code
relies on:

  * the app flash and the process RAM (the symbols ProcessMemory's board regions come from) are non-empty, each
    inside one range of memory the board really has, and apart from each other;
  * every allocated section (where it runs, and where its image is loaded from) lies in the board's memory, apart
    from every other one, from the app flash and from the process RAM; on a board whose kernel rules name the
    kernel's flash and RAM (rv32's PMP), inside those, which in turn stay apart from the app flash and process RAM;
  * start.S's .data copy and .bss zeroing cover every writable section but the stack: [_sdata, _edata) every
    initialised one, loaded from _sdata_load on (its load image right where the linker put it), [_sbss, _ebss) every
    zero-initialised one, and neither range reaches another section;
  * the stack: a 1 KiB guard (_kernel_stack_guard, aligned to its size, what the PMP/MPU fences) right below
    _kernel_stack_bottom, then exactly _kernel_stack_size bytes (the size the stack bound checks against) up to
    _kernel_stack_top, exactly one section of their own.

The ELF is read here (ELF32, little-endian: both boards), not through binutils, so the check needs no cross tools.
"""

import struct
from pathlib import Path

# Each board: its target, its kernel ELF (relative to the target's build folder), its linker script (where findings
# are reported) and the memory it has (shared/spec/boards.md; rv32's 128 MiB is tools/keel_boards.py's -m). A range
# of memory is [start, end); a region must lie inside one of them.
BOARDS = {
    "qemu-virt-rv32": ("rv32imac", "boards/qemu-virt-rv32/keel-qemu-virt-rv32.elf",
                       "boards/qemu-virt-rv32/layout.ld", ((0x8000_0000, 0x8800_0000),)),
    "mps2-an386": ("cortex-m4", "boards/mps2-an386/keel-mps2-an386.elf", "boards/mps2-an386/layout.ld",
                   ((0x0000_0000, 0x0040_0000), (0x2000_0000, 0x2040_0000), (0x2100_0000, 0x2200_0000))),
}
GUARD_SIZE = 1024  # arch/rv32/pmp.cpp's kGuardSize, arch/cortex-m/mpu.cpp's region 2 (SIZE 9)
SHF_WRITE, SHF_ALLOC = 0x1, 0x2
SHT_NOBITS, SHT_SYMTAB, PT_LOAD = 8, 2, 1
REQUIRED_SYMBOLS = ("_app_flash_start", "_app_flash_end", "_process_ram_start", "_process_ram_end", "_sdata",
                    "_edata", "_sdata_load", "_sbss", "_ebss", "_kernel_stack_guard", "_kernel_stack_bottom",
                    "_kernel_stack_top", "_kernel_stack_size")
KERNEL_REGION_SYMBOLS = ("_kernel_flash_start", "_kernel_flash_end", "_kernel_ram_start", "_kernel_ram_end")


class Section:
    def __init__(self, name, kind, flags, address, size, offset):
        self.name, self.kind, self.flags, self.address, self.size, self.offset = name, kind, flags, address, size, offset
        self.load = address  # where its bytes are loaded (the LMA), set from the program headers

    @property
    def run(self):
        return (self.address, self.address + self.size)

    @property
    def image(self):
        """Where its initial bytes lie in the loaded image, or None (zero-initialised: nothing loaded)."""
        return None if self.kind == SHT_NOBITS else (self.load, self.load + self.size)


def read_elf(path):
    """(allocated sections, symbols by name) of an ELF32 little-endian executable."""
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        raise ValueError(f"{path}: not a 32-bit little-endian ELF")
    phoff, shoff = struct.unpack_from("<II", data, 0x1C)
    phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from("<HHHHH", data, 0x2A)
    headers = [struct.unpack_from("<10I", data, shoff + i * shentsize) for i in range(shnum)]

    def name(table, offset):
        start = headers[table][4] + offset
        return data[start:data.index(b"\0", start)].decode()

    sections, symbols = [], {}
    for header in headers:
        name_offset, kind, flags, address, offset, size, link = header[:7]
        if flags & SHF_ALLOC and size:
            sections.append(Section(name(shstrndx, name_offset), kind, flags, address, size, offset))
        if kind == SHT_SYMTAB:
            for i in range(size // 16):
                sym_name, value = struct.unpack_from("<II", data, offset + 16 * i)
                if sym_name:
                    symbols[name(link, sym_name)] = value
    segments = [struct.unpack_from("<8I", data, phoff + i * phentsize) for i in range(phnum)]
    for section in sections:
        for kind, offset, vaddr, paddr, filesz, memsz, _flags, _align in segments:
            if kind == PT_LOAD and vaddr <= section.address < vaddr + memsz:
                section.load = paddr + (section.address - vaddr)
                break
    return sections, symbols


def overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]


def inside(inner, outer):
    return outer[0] <= inner[0] <= inner[1] <= outer[1]


def show(span):
    """A range as start..end (end excluded; no brackets, which the corpus reads as a problem's context)."""
    return f"{span[0]:#x}..{span[1]:#x}"


def check_image(sections, symbols, memory):
    """Every way the image breaks what the trusted code relies on, as messages (empty: none)."""
    missing = [s for s in REQUIRED_SYMBOLS if s not in symbols]
    if missing:
        return [f"the image lacks the layout symbol(s) {', '.join(missing)}"]
    found = []
    value = symbols.get
    apps = (value("_app_flash_start"), value("_app_flash_end"))
    processes = (value("_process_ram_start"), value("_process_ram_end"))

    def in_memory(span):
        return any(inside(span, m) for m in memory)

    for label, span in (("app flash", apps), ("process RAM", processes)):
        if not span[0] < span[1] or not in_memory(span):
            found.append(f"the {label} {show(span)} is empty or not inside one range of the board's memory")
    if overlap(apps, processes):
        found.append(f"the app flash {show(apps)} and the process RAM {show(processes)} overlap")

    kernel_regions = None
    if all(s in symbols for s in KERNEL_REGION_SYMBOLS):
        kernel_regions = ((value("_kernel_flash_start"), value("_kernel_flash_end")),
                          (value("_kernel_ram_start"), value("_kernel_ram_end")))
        for label, span in zip(("kernel flash", "kernel RAM"), kernel_regions):
            for other_label, other in (("app flash", apps), ("process RAM", processes)):
                if overlap(span, other):
                    found.append(f"the {label} {show(span)} overlaps the {other_label} {show(other)}")
        if overlap(*kernel_regions):
            found.append("the kernel flash and the kernel RAM overlap")

    spans = [(f"{s.name}", s.run) for s in sections]
    spans += [(f"{s.name}'s load image", s.image) for s in sections if s.image is not None and s.image != s.run]
    for index, (label, span) in enumerate(spans):
        if not in_memory(span):
            found.append(f"{label} {show(span)} is not inside one range of the board's memory")
        for other_label, other in (("app flash", apps), ("process RAM", processes)):
            if overlap(span, other):
                found.append(f"{label} {show(span)} overlaps the {other_label} {show(other)}")
        if kernel_regions is not None and not any(inside(span, r) for r in kernel_regions):
            found.append(f"{label} {show(span)} is outside the kernel flash and RAM the kernel's PMP rules fence")
        for other_label, other in spans[index + 1:]:
            if overlap(span, other):
                found.append(f"{label} {show(span)} overlaps {other_label} {show(other)}")

    guard, bottom, top = value("_kernel_stack_guard"), value("_kernel_stack_bottom"), value("_kernel_stack_top")
    stack = (guard, top)
    if guard % GUARD_SIZE or bottom != guard + GUARD_SIZE or top != bottom + value("_kernel_stack_size"):
        found.append(f"the kernel stack is not a {GUARD_SIZE}-byte guard aligned to its size (at {guard:#x}) and then "
                     f"_kernel_stack_size ({value('_kernel_stack_size'):#x}) bytes: bottom {bottom:#x}, top {top:#x}")
    # A section of their own, exactly: anything else in it (a kernel object placed into .stack) would be where the
    # stack grows, and outside what start.S zeroes.
    holders = [s for s in sections if inside(stack, s.run)]
    if len(holders) != 1 or holders[0].run != stack or holders[0].kind != SHT_NOBITS or not holders[0].flags & SHF_WRITE:
        found.append(f"the kernel stack and its guard {show(stack)} are not exactly one zero-initialised section")
    for section in sections:
        if section not in holders and overlap(section.run, stack):
            found.append(f"{section.name} {show(section.run)} reaches into the kernel stack {show(stack)}")

    data, bss = (value("_sdata"), value("_edata")), (value("_sbss"), value("_ebss"))
    data_load = (value("_sdata_load"), value("_sdata_load") + data[1] - data[0])
    for label, span in (("_sdata.._edata", data), ("_sbss.._ebss", bss)):
        if span[0] > span[1]:
            found.append(f"{label} {show(span)} ends before it starts")
    for section in sections:
        if not section.flags & SHF_WRITE or section in holders:
            continue
        if section.kind == SHT_NOBITS:
            if not inside(section.run, bss):
                found.append(f"{section.name} {show(section.run)} is not inside _sbss.._ebss ({show(bss)}): start.S "
                             "would leave it unzeroed")
        elif not inside(section.run, data) or section.load - section.address != data_load[0] - data[0]:
            found.append(f"{section.name} {show(section.run)}, loaded from {section.load:#x}, is not inside "
                         f"_sdata.._edata ({show(data)}) loaded from _sdata_load ({data_load[0]:#x}): start.S would "
                         "not copy its initial value")
    # What start.S copies may cover only initialised writable sections, what it zeroes only zero-initialised ones.
    for label, span, kind_ok in (("_sdata.._edata", data, lambda kind: kind != SHT_NOBITS),
                                 ("_sbss.._ebss", bss, lambda kind: kind == SHT_NOBITS)):
        for section in sections:
            if span[0] < span[1] and overlap(span, section.run) and (
                    not section.flags & SHF_WRITE or section in holders or not kind_ok(section.kind)):
                found.append(f"start.S's {label} {show(span)} reaches {section.name} {show(section.run)}")
    if data[0] < data[1]:
        for section in sections:
            image = section.image
            if image is not None and overlap(data_load, image) and not inside(data_load, image):
                found.append(f"the .data load image {show(data_load)} reaches {section.name}'s {show(image)}")
            if overlap(data_load, section.run) and section.flags & SHF_WRITE:
                found.append(f"the .data load image {show(data_load)} lies in the writable {section.name}")
    return found


def check(build, problems, boards=None):
    """Adds a problem (at the board's layout.ld) for each break of the image layout, for each board in `boards` (all
    by default) whose kernel ELF the build holds; returns the boards checked."""
    checked = []
    for board, (target, elf, script, memory) in BOARDS.items():
        if boards is not None and board not in boards:
            continue
        path = Path(build) / target / elf
        if not path.is_file():
            problems.add(script, 1, "image-layout", f"cannot check the {board} image layout: no {path}")
            continue
        try:
            sections, symbols = read_elf(path)
        except (ValueError, struct.error, IndexError) as error:
            problems.add(script, 1, "image-layout", f"cannot read {path}: {error}")
            continue
        for message in check_image(sections, symbols, memory):
            problems.add(script, 1, "image-layout", message, where=board)
        checked.append(board)
    return checked
