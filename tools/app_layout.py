# SPDX-License-Identifier: Apache-2.0
"""Laying apps out in a board's app region (tbf-layout, run-qemu, keel-apps and the tests share this).

- `read_input()` reads one app: a TBF (movable when the ELF it was packed from sits next to it, tools/rebase.py), or
  a TAB (Tock's tar of per-architecture TBFs). An ELF is refused with a pointer to tbf-pack.
- `layout()` places them and builds the region image:
  1. TBFs that must stay where they were linked (Tock's fixed-address apps, Keel apps linked with FIXED_FLASH, a
     TBF whose ELF is not at hand) go exactly there; a TAB takes the lowest of its link addresses that is free.
  2. Movable rv32 apps follow, in the order given, each at the next free 4 KiB step of the app region, and their RAM
     at the next free 4 KiB step of the process RAM after every RAM already taken, so that the kernel, which hands
     out RAM in flash order, finds each block above the last. The app is moved there (tools/rebase.py).
  3. Position-independent apps (Cortex-M) follow the last app, aligned to `align`; the kernel chooses their RAM.
  Gaps become padding TBFs (a 16-byte header with header_size 16) so the kernel's walk stays in step; after the last
  app comes one erased word (0xFFFFFFFF ends the list), or erased bytes to the region end with fill_region.
An app that does not fit is an error naming it, what it needs and what is left.
"""

from __future__ import annotations

import os
import tarfile
from dataclasses import dataclass
from typing import Optional

import rebase
import tbf

# The kernel's RAM block for a fixed-RAM process: minimum_ram_size (at least the architecture's first-entry room, 32
# bytes on Cortex-M) rounded to 8, plus the grant region (kernel/kernel.h kGrantRegionSize, kernel/process_loader.cpp).
GRANT_REGION_SIZE = 1024
INITIAL_BREAK_ROOM = 32


def ram_block_size(parsed: tbf.Tbf) -> int:
    return tbf.align_up(max(parsed.minimum_ram_size, INITIAL_BREAK_ROOM), 8) + GRANT_REGION_SIZE


@dataclass
class LayoutInput:
    """One app to place: a plain TBF has one candidate; a TAB may offer several (one per fixed address). A movable
    TBF (one candidate) carries what moving it needs."""
    name: str
    candidates: list  # of (label, bytes)
    movable: Optional[rebase.Movable] = None
    source: Optional[str] = None        # the file it came from
    why_fixed: Optional[str] = None     # for a fixed-address TBF: why it cannot be moved


@dataclass
class Placement:
    name: str
    label: str
    start: int   # address
    data: bytes  # as placed (moved, if it was)
    tbf: tbf.Tbf
    ram: Optional[int] = None        # RAM start for apps with fixed RAM (None: the kernel chooses)
    moved: bool = False
    source: Optional[str] = None
    movable: Optional[rebase.Movable] = None
    why_fixed: Optional[str] = None

    @property
    def end(self) -> int:
        return self.start + self.tbf.total_size

    @property
    def binary_address(self) -> int:
        return self.start + self.tbf.app_offset


def read_input(path: str, arch: str = "rv32imac", move: bool = True) -> LayoutInput:
    """One app from a TBF or TAB file. With `move`, a TBF whose ELF sits next to it can be moved."""
    name = os.path.basename(path)
    if path.endswith(".tab"):
        try:
            with tarfile.open(path) as archive:
                members = [m for m in archive.getmembers() if m.isfile() and m.name.endswith(".tbf")]
                chosen = [m for m in members
                          if os.path.basename(m.name) == f"{arch}.tbf" or os.path.basename(m.name).startswith(arch + ".")]
                if not chosen:
                    available = ", ".join(sorted(os.path.basename(m.name) for m in members)) or "none"
                    raise tbf.TbfError(f"{path}: no TBF for architecture {arch} (has: {available})")
                return LayoutInput(name, [(f"{path}:{os.path.basename(m.name)}", archive.extractfile(m).read())
                                          for m in chosen], source=path)
        except tarfile.TarError as error:
            raise tbf.TbfError(f"{path}: not a readable TAB: {error}") from None
    with open(path, "rb") as file:
        data = file.read()
    if data[:4] == tbf.ELF_MAGIC:
        raise tbf.TbfError(f"{path}: this is an ELF: package it with tbf-pack "
                           f"(tools/tbf-pack {path} -o {os.path.splitext(path)[0]}.tbf)")
    item = LayoutInput(name, [(path, data)], source=path)
    try:
        parsed = tbf.parse_tbf(data)
    except tbf.TbfError:
        return item  # layout() reports it with its label
    if move and parsed.fixed_flash is not None:
        item.movable, item.why_fixed = rebase.movable_app(path, data)
    return item


def _parsed_candidate(label: str, data: bytes) -> tbf.Tbf:
    try:
        parsed = tbf.parse_tbf(data)
    except tbf.TbfError as error:
        raise tbf.TbfError(f"{label}: not a valid TBF: {error}") from None
    if parsed.is_padding:
        raise tbf.TbfError(f"{label}: is a padding TBF, not an app")
    if parsed.total_size != len(data):
        raise tbf.TbfError(f"{label}: file has {len(data)} bytes but total_size says {parsed.total_size}")
    return parsed


def _next_gap_start(cursor: int, wanted: int) -> int:
    """`wanted` if it is `cursor`, or leaves a gap a padding TBF can fill (16 bytes or more); else 4 KiB later."""
    while 0 < wanted - cursor < tbf.BASE_HEADER_SIZE:
        wanted += rebase.STEP
    return wanted


def _step_at_or_after(cursor: int, linked: int) -> int:
    """The first address >= cursor that is a whole number of 4 KiB steps from `linked`."""
    return cursor + (linked - cursor) % rebase.STEP


def layout(inputs: list, region_start: int, region_size: int, align: int = 4, fill_region: bool = False,
           ram_start: Optional[int] = None, ram_size: Optional[int] = None) -> tuple:
    """Places the apps and returns (region image bytes, placements in address order). ram_start/ram_size: the
    board's process RAM, needed to place movable apps."""
    region_end = region_start + region_size
    fixed, movable, independent = [], [], []
    for item in inputs:
        parsed = [(label, data, _parsed_candidate(label, data)) for label, data in item.candidates]
        if not parsed:
            raise tbf.TbfError(f"{item.name}: no TBF to place")
        if item.movable is not None and len(parsed) == 1:
            movable.append((item, parsed[0]))
        elif {p.required_start is None for _, _, p in parsed} == {True}:
            independent.append((item, parsed[0]))
        else:
            fixed.append((item, [p for p in parsed if p[2].required_start is not None]))

    def span(parsed: tbf.Tbf) -> tuple:
        return parsed.required_start, parsed.required_start + parsed.total_size

    def check_in_region(label: str, parsed: tbf.Tbf) -> Optional[str]:
        start, end = span(parsed)
        if start % 4 != 0:
            return (f"{label}: must start at {start:#x} (binary at {parsed.fixed_flash:#x}), which is not 4-byte "
                    f"aligned")
        if start < region_start or end > region_end:
            return (f"{label}: must occupy {start:#x}..{end:#x} (binary linked for {parsed.fixed_flash:#x}), outside "
                    f"the app region {region_start:#x}..{region_end:#x}")
        return None

    def placed_fixed(item: LayoutInput, label: str, data: bytes, parsed: tbf.Tbf) -> Placement:
        return Placement(item.name, label, parsed.required_start, data, parsed, ram=parsed.fixed_ram,
                         source=item.source, why_fixed=item.why_fixed)

    placements = []
    # Plain fixed TBFs first: they have no choice. Then TABs pick their lowest free, in-region variant.
    for item, parsed in sorted(fixed, key=lambda entry: len(entry[1]) > 1):
        if len(parsed) == 1:
            label, data, one = parsed[0]
            problem = check_in_region(label, one)
            if problem:
                raise tbf.TbfError(problem)
            placements.append(placed_fixed(item, label, data, one))
            continue
        taken = [(p.start, p.end) for p in placements]
        choices = sorted((p for p in parsed if check_in_region(p[0], p[2]) is None),
                         key=lambda p: p[2].required_start)
        for label, data, one in choices:
            start, end = span(one)
            if all(end <= s or start >= e for s, e in taken):
                placements.append(placed_fixed(item, label, data, one))
                break
        else:
            raise tbf.TbfError(f"{item.name}: none of its {len(parsed)} fixed-address variants fits in a free part of "
                               f"the app region {region_start:#x}..{region_end:#x}")
    placements.sort(key=lambda p: p.start)
    for before, after in zip(placements, placements[1:]):
        if after.start < before.end:
            why = "".join(f"; {p.label} cannot be moved: {p.why_fixed}" for p in (before, after) if p.why_fixed)
            raise tbf.TbfError(f"{after.label}: must start at {after.start:#x} (binary linked for "
                               f"{after.tbf.fixed_flash:#x}) but {before.label} occupies {before.start:#x}.."
                               f"{before.end:#x}; two apps linked for the same address, or one too big?{why}")

    cursor = placements[-1].end if placements else region_start
    ram_cursor = max([p.ram + ram_block_size(p.tbf) for p in placements if p.ram is not None] + [ram_start or 0])
    for item, (label, data, parsed) in movable:
        if ram_start is None or ram_size is None:
            raise tbf.TbfError(f"{label}: placing a movable app needs the board's process RAM (--ram-start, "
                               f"--ram-size)")
        start = _next_gap_start(cursor, _step_at_or_after(cursor, parsed.required_start))
        if start + parsed.total_size > region_end:
            used = ", ".join(p.tbf.package_name or p.label for p in placements)
            raise tbf.TbfError(f"{label}: does not fit: it needs {parsed.total_size:,} bytes of flash from {start:#x}, "
                               f"but the app region {region_start:#x}..{region_end:#x} ({region_size:,} bytes) has "
                               f"{max(region_end - start, 0):,} left" + (f" after {used}" if used else " in all"))
        ram = _step_at_or_after(ram_cursor, parsed.fixed_ram)
        block = ram_block_size(parsed)
        if ram + block > ram_start + ram_size:
            raise tbf.TbfError(f"{label}: does not fit: it needs {block:,} bytes of RAM (minimum_ram_size "
                               f"{parsed.minimum_ram_size:,} + the kernel's grant region) from {ram:#x}, but the "
                               f"process RAM ends at {ram_start + ram_size:#x}")
        try:
            moved = rebase.move_tbf(data, item.movable, start + parsed.app_offset, ram)
        except rebase.RebaseError as error:
            raise tbf.TbfError(f"{label}: {error}") from None
        placements.append(Placement(item.name, label, start, moved, tbf.parse_tbf(moved), ram=ram,
                                    moved=(start, ram) != (parsed.required_start, parsed.fixed_ram),
                                    source=item.source, movable=item.movable))
        cursor = start + parsed.total_size
        ram_cursor = ram + block

    for item, (label, data, parsed) in independent:
        start = tbf.align_up(cursor, align)
        while 0 < start - cursor < tbf.BASE_HEADER_SIZE:
            start += align
        if start + parsed.total_size > region_end:
            used = ", ".join(p.tbf.package_name or p.label for p in placements)
            raise tbf.TbfError(f"{label}: does not fit: it needs {parsed.total_size:,} bytes of flash from "
                               f"{start:#x}, but the app region {region_start:#x}..{region_end:#x} "
                               f"({region_size:,} bytes) has {max(region_end - start, 0):,} left"
                               + (f" after {used}" if used else " in all"))
        placements.append(Placement(item.name, label, start, data, parsed, source=item.source))
        cursor = start + parsed.total_size

    image = bytearray()
    cursor = region_start
    for p in placements:
        gap = p.start - cursor
        if gap:
            if gap < tbf.BASE_HEADER_SIZE or gap % 4:
                raise tbf.TbfError(f"{p.label}: the {gap}-byte gap before it at {cursor:#x} cannot hold a padding TBF")
            image += tbf.padding_tbf(gap)
        image += p.data
        cursor = p.start + len(p.data)
    if fill_region:
        image += b"\xff" * (region_end - cursor)
    elif region_end - cursor >= 4:
        image += b"\xff" * 4
    return bytes(image), placements
