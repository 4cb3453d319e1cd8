#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs position-independent app TBFs under QEMU mps2-an386 on the PIC harness (harness.c), each at two different
flash and RAM addresses, and checks their output and exit status (ctest userland.pic_relocation).

  run_pic_harness.py --harness harness.elf --apps DIR [--qemu qemu-system-arm] [--timeout S]

Cases: hello (prints "Hello from Keel!", exits 0) and libc_check (crt0's copy, .bss, constructors, errno, malloc,
printf into a buffer: "libc_check: N passed, 0 failed", exits 0), both at TBF 0x00040000 / RAM 0x20010000 (64 KiB)
and at TBF 0x00123454 / RAM 0x21003008 (32 KiB, in the PSRAM). Prints each run's output.
"""

import argparse
import os
import subprocess
import sys

CONFIG = 0x003F0000
PLACES = [(0x00040000, 0x20010000, 0x10000), (0x00123454, 0x21003008, 0x8000)]
CASES = [("hello", ["Hello from Keel!"]), ("libc_check", ["libc_check: ok .data holds its initial value",
                                                          "libc_check: ok printf formats integers and strings",
                                                          " passed, 0 failed"])]


def run(args, app: str, place: tuple) -> tuple:
    tbf, ram, length = place
    command = [args.qemu, "-machine", "mps2-an386", "-nographic", "-monitor", "none", "-serial", "none",
               "-semihosting-config", "enable=on,target=native", "-kernel", args.harness,
               "-device", f"loader,file={os.path.join(args.apps, app + '.tbf')},addr={tbf:#x},force-raw=on"]
    for i, value in enumerate((tbf, ram, length)):
        command += ["-device", f"loader,addr={CONFIG + 4 * i:#x},data={value:#x},data-len=4"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
    except subprocess.TimeoutExpired as timeout:
        return None, (timeout.stdout or b"").decode(errors="replace") + "\n(timeout)"
    return done.returncode, done.stdout + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--harness", required=True)
    parser.add_argument("--apps", required=True, help="directory with the apps' TBFs")
    parser.add_argument("--qemu", default="qemu-system-arm")
    parser.add_argument("--timeout", type=float, default=20)
    args = parser.parse_args()
    failures = 0
    for app, expected in CASES:
        for place in PLACES:
            status, output = run(args, app, place)
            label = f"{app} at TBF {place[0]:#010x}, RAM {place[1]:#010x}"
            print(f"--- {label}\n{output.rstrip()}")
            missing = [line for line in expected if line not in output]
            if status != 0 or missing:
                failures += 1
                print(f"FAIL {label}: exit status {status}, missing {missing}")
            else:
                print(f"ok {label}")
    print(f"{len(CASES) * len(PLACES) - failures} of {len(CASES) * len(PLACES)} runs ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
