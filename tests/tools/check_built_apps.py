#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks the TBFs an rv32imac build produced (ctest: tools.built_apps).

For every <build>/userland/apps/*.tbf: it parses strictly, agrees with the ELF next to it (fixed addresses = the
link addresses, init = the entry point, the app binary byte for byte, package name), sits in the slot its name says
(name.tbf: its default slot, name@k.tbf: slot k) and fits a 64 KiB slot with room for the grant region. Then the demo
apps, and one default-slot app per slot, are laid out like tools/run-qemu does and walked back.
"""

import argparse
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import tbf  # noqa: E402

REGION = 0x80100000
REGION_SIZE = 0x100000
SLOT = 0x10000
BINARY_OFFSET = 0x80
GRANT_ROOM = 1024


def check_app(path: str) -> list:
    problems = []
    stem = os.path.splitext(os.path.basename(path))[0]
    name, _, slot_text = stem.partition("@")
    with open(path, "rb") as file:
        data = file.read()
    try:
        parsed = tbf.parse_tbf(data)
        with open(os.path.splitext(path)[0] + ".elf", "rb") as file:
            elf = tbf.Elf(file.read(), stem + ".elf")
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
    expect("app offset", parsed.app_offset, BINARY_OFFSET)
    expect("init", parsed.header_size + parsed.init_fn_offset, BINARY_OFFSET + elf.entry - image.flash_origin)
    expect("binary", data[BINARY_OFFSET:BINARY_OFFSET + len(image.binary)] == image.binary, True)
    if parsed.fixed_flash is not None:
        slot = (parsed.fixed_flash - BINARY_OFFSET - REGION) // SLOT
        expect("TBF start", parsed.required_start, REGION + slot * SLOT)
        expect("RAM", parsed.fixed_ram, 0x80300000 + slot * SLOT)
        if slot_text:
            expect("slot", slot, int(slot_text))
    if parsed.total_size > SLOT:
        problems.append(f"{path}: {parsed.total_size:#x} bytes do not fit a slot")
    if parsed.minimum_ram_size + GRANT_ROOM > SLOT:
        problems.append(f"{path}: minimum_ram_size {parsed.minimum_ram_size:#x} leaves no room for the grant region")
    return problems


def check_layout(label: str, paths: list, expected_names: list) -> list:
    inputs = []
    for path in paths:
        with open(path, "rb") as file:
            inputs.append(tbf.LayoutInput(os.path.basename(path), [(path, file.read())]))
    try:
        image, _ = tbf.layout(inputs, REGION, REGION_SIZE)
    except tbf.TbfError as error:
        return [f"{label}: layout failed: {error}"]
    entries, _ = tbf.walk_region(image)
    problems = [f"{label}: offset {e.offset:#x}: {e.error}" for e in entries if e.error]
    apps = [e for e in entries if e.tbf is not None and not e.tbf.is_padding]
    names = [e.tbf.package_name for e in apps]
    if sorted(names) != sorted(expected_names):
        problems.append(f"{label}: walk found {names}, expected {expected_names}")
    for entry in apps:
        if REGION + entry.offset + entry.tbf.app_offset != entry.tbf.fixed_flash:
            problems.append(f"{label}: {entry.tbf.package_name} is not where it was linked")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--demo-list", required=True)
    args = parser.parse_args()
    apps_dir = os.path.join(args.build, "userland", "apps")
    paths = sorted(glob.glob(os.path.join(apps_dir, "*.tbf")))
    if not paths:
        print(f"no TBFs in {apps_dir}")
        return 1
    problems = []
    for path in paths:
        problems += check_app(path)

    with open(args.demo_list) as file:
        demo = [line.strip() for line in file if line.strip() and not line.startswith("#")]
    demo_paths = [os.path.join(args.build, entry) for entry in demo]
    problems += check_layout("demo apps", demo_paths,
                             [re.sub(r"@\d+$", "", os.path.splitext(os.path.basename(p))[0]) for p in demo_paths])

    one_per_slot = {}
    for path in paths:
        if "@" not in os.path.basename(path):
            with open(path, "rb") as file:
                slot = tbf.parse_tbf(file.read()).required_start
            one_per_slot.setdefault(slot, path)
    chosen = list(one_per_slot.values())
    problems += check_layout("one app per slot", chosen,
                             [os.path.splitext(os.path.basename(p))[0] for p in chosen])

    for problem in problems:
        print(problem)
    print(f"checked {len(paths)} TBFs, the demo layout ({len(demo_paths)} apps) and a {len(chosen)}-slot layout: "
          f"{'OK' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
