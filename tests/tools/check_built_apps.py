#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks the TBFs an rv32imac build produced (ctest: tools.built_apps).

1. Every <build>/userland/apps/*.tbf parses strictly and agrees with the ELF next to it (fixed addresses = the link
   addresses, the start of the app region and of the process RAM; init = the entry point; the app binary byte for
   byte; package name), and is movable (tools/rebase.py finds its relocations).
2. Moving: for every app also linked moved (<build>/userland/apps/rebase-check/<name>.elf, flash +0x23000 and RAM
   +0x5000: userland/cmake/keel_app.cmake), tools/rebase.py's move of the app is that ELF's binary byte for byte, and
   the moved TBF carries the new addresses with a valid checksum.
3. Layout: the demo apps, and every app at once, are laid out like tools/run-qemu does (tools/app_layout.py) and
   walked back: each app where it was placed with its binary where its Fixed addresses say, RAM blocks ascending in
   flash order and apart, all inside the app region and the process RAM.
"""

import argparse
import glob
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import app_layout  # noqa: E402
import rebase  # noqa: E402
import tbf  # noqa: E402

REGION = 0x80100000
REGION_SIZE = 0x100000
RAM = 0x80300000
RAM_SIZE = 0x100000
BINARY_OFFSET = 0x80
CHECK_FLASH_MOVE = 0x23000
CHECK_RAM_MOVE = 0x5000


def read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def check_app(path: str) -> list:
    problems = []
    name = os.path.splitext(os.path.basename(path))[0]
    data = read(path)
    try:
        parsed = tbf.parse_tbf(data)
        elf = tbf.Elf(read(os.path.splitext(path)[0] + ".elf"), name + ".elf")
        image = tbf.app_image(elf)
    except (OSError, tbf.TbfError, tbf.ElfError) as error:
        return [f"{path}: {error}"]

    def expect(what: str, actual, wanted) -> None:
        if actual != wanted:
            problems.append(f"{path}: {what} is {actual!r}, expected {wanted!r}")

    expect("total_size", parsed.total_size, len(data))
    expect("package name", parsed.package_name, name)
    expect("kernel version", parsed.kernel_version, (2, 2))
    expect("enabled", parsed.enabled, True)
    expect("start_process_flash", parsed.fixed_flash, elf.symbols.get("_keel_flash_origin"))
    expect("start_process_ram", parsed.fixed_ram, elf.symbols.get("_keel_ram_origin"))
    expect("link address of the binary", parsed.fixed_flash, REGION + BINARY_OFFSET)
    expect("link address of the RAM", parsed.fixed_ram, RAM)
    expect("app offset", parsed.app_offset, BINARY_OFFSET)
    expect("init", parsed.header_size + parsed.init_fn_offset, BINARY_OFFSET + elf.entry - image.flash_origin)
    expect("binary", data[BINARY_OFFSET:BINARY_OFFSET + len(image.binary)] == image.binary, True)
    movable, why = rebase.movable_app(path, data)
    if movable is None:
        problems.append(f"{path}: not movable: {why}")
    return problems


def check_move(path: str, moved_elf_path: str) -> list:
    data = read(path)
    movable, why = rebase.movable_app(path, data)
    if movable is None:
        return [f"{path}: not movable: {why}"]
    try:
        wanted = tbf.app_image(tbf.Elf(read(moved_elf_path), moved_elf_path))
        moved = rebase.move_binary(movable, CHECK_FLASH_MOVE, CHECK_RAM_MOVE)
        moved_tbf = tbf.parse_tbf(rebase.move_tbf(data, movable, wanted.flash_origin, wanted.ram_origin))
    except (OSError, tbf.TbfError, tbf.ElfError, rebase.RebaseError) as error:
        return [f"{path}: {error}"]
    problems = []
    if moved != wanted.binary:
        differ = [offset for offset in range(0, min(len(moved), len(wanted.binary)), 4)
                  if moved[offset:offset + 4] != wanted.binary[offset:offset + 4]]
        problems.append(f"{path}: moved by flash {CHECK_FLASH_MOVE:#x} / RAM {CHECK_RAM_MOVE:#x} it differs from "
                        f"{moved_elf_path} at binary offsets {[hex(o) for o in differ[:8]]} (sizes {len(moved)}, "
                        f"{len(wanted.binary)})")
    if (moved_tbf.fixed_flash, moved_tbf.fixed_ram) != (wanted.flash_origin, wanted.ram_origin):
        problems.append(f"{path}: moved TBF says flash {moved_tbf.fixed_flash:#x} RAM {moved_tbf.fixed_ram:#x}")
    return problems


def check_layout(label: str, paths: list) -> list:
    try:
        inputs = [app_layout.read_input(path) for path in paths]
        image, placements = app_layout.layout(inputs, REGION, REGION_SIZE, ram_start=RAM, ram_size=RAM_SIZE)
    except (OSError, tbf.TbfError) as error:
        return [f"{label}: layout failed: {error}"]
    entries, _ = tbf.walk_region(image)
    problems = [f"{label}: offset {e.offset:#x}: {e.error}" for e in entries if e.error]
    apps = [e for e in entries if e.tbf is not None and not e.tbf.is_padding]
    names = [e.tbf.package_name for e in apps]
    expected = [os.path.splitext(os.path.basename(p))[0] for p in paths]
    if names != expected:
        problems.append(f"{label}: walk found {names}, expected {expected} in this order")
    ram_end = RAM
    for entry, placement in zip(apps, placements):
        name = entry.tbf.package_name
        if REGION + entry.offset != placement.start or REGION + entry.offset + entry.tbf.app_offset != \
                entry.tbf.fixed_flash:
            problems.append(f"{label}: {name} is not where it was placed and moved to")
        if entry.tbf.fixed_ram != placement.ram or entry.tbf.fixed_ram < ram_end:
            problems.append(f"{label}: {name}'s RAM {entry.tbf.fixed_ram:#x} overlaps the RAM before it "
                            f"(ends {ram_end:#x}) or is not where it was placed")
        ram_end = entry.tbf.fixed_ram + app_layout.ram_block_size(entry.tbf)
    if ram_end > RAM + RAM_SIZE or (apps and REGION + apps[-1].offset + apps[-1].size > REGION + REGION_SIZE):
        problems.append(f"{label}: apps run past the app region or the process RAM")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--demo-list", required=True)
    args = parser.parse_args()
    apps_dir = os.path.join(args.build, "userland", "apps")
    # <app>@<k>.tbf files are left over from builds made when apps had slots; nothing builds them any more.
    paths = sorted(p for p in glob.glob(os.path.join(apps_dir, "*.tbf")) if "@" not in os.path.basename(p))
    if not paths:
        print(f"no TBFs in {apps_dir}")
        return 1
    problems = []
    for path in paths:
        problems += check_app(path)

    moved = sorted(glob.glob(os.path.join(apps_dir, "rebase-check", "*.elf")))
    if not moved:
        problems.append(f"no moved links in {apps_dir}/rebase-check")
    for moved_elf in moved:
        problems += check_move(os.path.join(apps_dir, os.path.basename(moved_elf)[:-4] + ".tbf"), moved_elf)

    with open(args.demo_list) as file:
        demo = [line.strip() for line in file if line.strip() and not line.startswith("#")]
    problems += check_layout("demo apps", [os.path.join(args.build, entry) for entry in demo])
    problems += check_layout("every app", paths)

    for problem in problems:
        print(problem)
    print(f"checked {len(paths)} TBFs, {len(moved)} moves against the app linked there, the demo layout "
          f"({len(demo)} apps) and one of all {len(paths)}: {'OK' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
