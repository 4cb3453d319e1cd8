#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""TakeCell cost check: disassembles the Cortex-M4 object built from takecell_example.cpp and counts the
instructions of TakeCell::map and of the hand-written versions of the same driver code.

Passes when `map` costs no more than the hand-written null check that guards re-entry the way `map` does (so the
abstraction itself is free) and no more than the 11 instructions the paper reports. The plain null check, which has
no re-entry guard, is printed alongside: the difference is the price of that guard, not of TakeCell."""

import argparse
import re
import subprocess
import sys

PAPER_INSTRUCTIONS = 11  # "The Case for Writing a Kernel in Rust" (APSys 2017), its TakeCell example on Cortex-M
TAKECELL = "keel_takecell_map"
HAND_WRITTEN = "keel_takecell_hand_written"
HAND_WRITTEN_GUARDED = "keel_takecell_hand_written_guarded"

SYMBOL = re.compile(r"^[0-9a-f]+ <(?P<name>[^>]+)>:$")
# "   4:\t681a      \tldr\tr2, [r3, #0]": address, encoding, mnemonic. Literal pools show as .word and are data.
INSTRUCTION = re.compile(r"^\s*[0-9a-f]+:\t[0-9a-f]{2,8}(?: [0-9a-f]{2,8})*\s*\t(?P<mnemonic>\S+)")


def disassemble(objdump, obj):
    result = subprocess.run([objdump, "-d", obj], capture_output=True, text=True, check=True)
    return result.stdout


def function_listings(disassembly):
    """Maps each function symbol to its instruction lines (data such as literal pools left out)."""
    listings = {}
    current = None
    for line in disassembly.splitlines():
        symbol = SYMBOL.match(line)
        if symbol:
            current = listings.setdefault(symbol.group("name"), [])
            continue
        if not line.strip() or line.startswith("Disassembly of section"):
            current = None
            continue
        instruction = INSTRUCTION.match(line)
        if current is not None and instruction and not instruction.group("mnemonic").startswith("."):
            current.append(line.strip())
    return listings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objdump", required=True)
    parser.add_argument("object")
    args = parser.parse_args()

    listings = function_listings(disassemble(args.objdump, args.object))
    for name in (TAKECELL, HAND_WRITTEN, HAND_WRITTEN_GUARDED):
        if not listings.get(name):
            print(f"FAIL: no instructions found for {name} in {args.object}")
            return 1
        print(f"{name}:")
        for line in listings[name]:
            print(f"    {line}")

    takecell = len(listings[TAKECELL])
    hand_written = len(listings[HAND_WRITTEN])
    guarded = len(listings[HAND_WRITTEN_GUARDED])
    print(f"TakeCell map: {takecell} instructions; hand-written null check: {hand_written} instructions "
          f"(paper: {PAPER_INSTRUCTIONS})")
    print(f"hand-written null check with the same re-entry guard as map: {guarded} instructions")

    failures = []
    if takecell > guarded:
        failures.append(f"TakeCell map ({takecell}) costs more than the same code written by hand ({guarded})")
    if takecell > PAPER_INSTRUCTIONS:
        failures.append(f"TakeCell map ({takecell}) is above the paper's {PAPER_INSTRUCTIONS} instructions")
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
