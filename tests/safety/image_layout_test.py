#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""tools/safety/image_layout.py on synthetic images: a sound layout passes, and each way a linker script can break
what the trusted code relies on is reported (exit 1 on any wrong verdict)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "tools" / "safety"))
import image_layout  # noqa: E402
from image_layout import SHF_ALLOC, SHF_WRITE, SHT_NOBITS, Section  # noqa: E402

PROGBITS = 1
MEMORY = ((0x8000_0000, 0x8800_0000),)


def image(**changes):
    """A sound rv32-like image; `changes` override symbols (name=value) or a section's field (section_field=value)."""
    sections = [Section(".text", PROGBITS, SHF_ALLOC, 0x8000_0000, 0x1000, 0),
                Section(".data", PROGBITS, SHF_ALLOC | SHF_WRITE, 0x8020_0000, 0x10, 0),
                Section(".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 0x8020_0010, 0x100, 0),
                Section(".stack", SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 0x8020_0400, 0x2400, 0)]
    sections[1].load = 0x8000_1000
    symbols = {"_app_flash_start": 0x8010_0000, "_app_flash_end": 0x8020_0000, "_process_ram_start": 0x8030_0000,
               "_process_ram_end": 0x8040_0000, "_sdata": 0x8020_0000, "_edata": 0x8020_0010,
               "_sdata_load": 0x8000_1000, "_sbss": 0x8020_0010, "_ebss": 0x8020_0110,
               "_kernel_stack_guard": 0x8020_0400, "_kernel_stack_bottom": 0x8020_0800,
               "_kernel_stack_top": 0x8020_2800, "_kernel_stack_size": 0x2000, "_kernel_flash_start": 0x8000_0000,
               "_kernel_flash_end": 0x8010_0000, "_kernel_ram_start": 0x8020_0000, "_kernel_ram_end": 0x8030_0000}
    by_name = {s.name.lstrip("."): s for s in sections}
    for key, value in changes.items():
        section, _, field = key.partition("_")
        if key in symbols or key.startswith("_"):
            symbols[key] = value
        elif section in by_name and field:
            setattr(by_name[section], field, value)
        else:
            raise KeyError(key)
    return sections, symbols


CASES = [
    ("sound layout", {}, None),
    ("process RAM over .bss", {"_process_ram_start": 0x8020_0000}, "overlaps the process RAM"),
    ("app flash over the kernel image", {"_app_flash_start": 0x8000_0800}, "overlaps the app flash"),
    ("app flash and process RAM overlap", {"_app_flash_end": 0x8030_1000}, "and the process RAM"),
    ("process RAM beyond the board's memory", {"_process_ram_end": 0x9000_0000}, "board's memory"),
    ("empty process RAM", {"_process_ram_end": 0x8030_0000}, "is empty"),
    ("kernel RAM region over process RAM", {"_kernel_ram_end": 0x8030_1000}, "kernel RAM"),
    ("a section outside the PMP's kernel regions", {"bss_address": 0x8028_0000, "_sbss": 0x8028_0000,
                                                    "_ebss": 0x8028_0100, "_kernel_ram_end": 0x8028_0080},
     "outside the kernel flash and RAM"),
    ("two sections overlap", {"bss_size": 0x500, "_ebss": 0x8020_0510}, "overlaps"),
    ("stack shorter than its size", {"_kernel_stack_top": 0x8020_0c00}, "_kernel_stack_size"),
    ("guard misaligned", {"_kernel_stack_guard": 0x8020_0500, "_kernel_stack_bottom": 0x8020_0900,
                          "_kernel_stack_top": 0x8020_2900, "stack_address": 0x8020_0500}, "guard aligned"),
    ("a kernel object inside the stack's section", {"stack_size": 0x2500}, "exactly one"),
    ("the stack inside .bss", {"bss_size": 0x2800, "_ebss": 0x8020_2810, "stack_address": 0x8020_3000},
     "exactly one"),
    (".bss not all zeroed", {"_ebss": 0x8020_0080}, "unzeroed"),
    ("zeroing reaches the stack", {"_ebss": 0x8020_0500}, "reaches .stack"),
    (".data not all copied", {"_edata": 0x8020_0008}, "initial value"),
    (".data copied from elsewhere", {"_sdata_load": 0x8000_1004}, "initial value"),
    ("a missing symbol", {"_kernel_stack_top": None}, "lacks the layout symbol"),
]


def main():
    failures = 0
    for name, changes, expected in CASES:
        removed = [k for k, v in changes.items() if v is None]
        sections, symbols = image(**{k: v for k, v in changes.items() if v is not None})
        for key in removed:
            del symbols[key]
        found = image_layout.check_image(sections, symbols, MEMORY)
        ok = not found if expected is None else any(expected in message for message in found)
        if not ok:
            failures += 1
            print(f"FAIL: {name}: expected {expected or 'no finding'}, got {found}")
        else:
            print(f"ok: {name}")
    print(f"image layout test: {len(CASES) - failures} of {len(CASES)} passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
