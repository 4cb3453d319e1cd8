#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""run-qemu's notes on a kernel panic name the code addresses it gives (ctest: tools.symbolize_panic, both boards).

A panic line as kernel/panic_report.cpp prints it, in the board's own words (arch/rv32/kernel_trap.cpp: mcause, mepc,
mtval; arch/cortex-m/kernel_fault.cpp: pc, address, CFSR), with the code address a few bytes into
keel::Kernel::fault, goes through tools/symbolize.py's ConsoleWatcher with the real kernel ELF: the note must name
that function at kernel/fault.cpp, and nothing else (the other two values are no code addresses).
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import keel_boards  # noqa: E402
import symbolize  # noqa: E402
import tbf  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--board", required=True, choices=sorted(keel_boards.BOARDS))
    parser.add_argument("--build", required=True)
    args = parser.parse_args()
    board = keel_boards.board_named(args.board)
    kernel = board.kernel(args.build)
    with open(kernel, "rb") as file:
        symbols = tbf.Elf(file.read(), kernel).symbols
    fault = next(value for name, value in symbols.items() if name.startswith("_ZN4keel6Kernel5fault"))
    code = (fault & ~1) + 4
    if board.name == "qemu-virt-rv32":
        line, name = (f"Kernel panic at arch/rv32/kernel_trap.cpp:9: exception in machine mode (mcause, mepc, mtval) "
                      f"0x00000005 {code:#010x} 0x00000004"), "mepc"
    else:
        line, name = (f"Kernel panic at arch/cortex-m/kernel_fault.cpp:43: kernel fault: data access violation, "
                      f"DACCVIOL (pc, address, CFSR) {code:#010x} 0x00000004 0x00000082"), "pc"
    watcher = symbolize.ConsoleWatcher(symbolize.Addr2line(board.binutils_prefix), kernel, {})
    notes = watcher.line("") + watcher.line(line)
    print(line)
    print("\n".join(notes))
    # The address may lie in code inlined into Kernel::fault: then the note names that first, "inlined in" it.
    wanted = (rf"^run-qemu: kernel panic: {name} {code:#010x}: (.* inlined in )?keel::Kernel::fault\(.*\) at "
              rf"kernel/fault\.cpp:\d+$")
    if len(notes) != 1 or not re.match(wanted, notes[0]):
        print(f"FAIL: expected one note matching {wanted!r}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
