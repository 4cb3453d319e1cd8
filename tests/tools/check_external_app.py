#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""An app made outside Keel's tree builds and runs (ctest: userland.external_app, on both boards).

In a temporary folder: tools/new-app makes an app from userland/template/ (its Makefile includes userland/app.mk, its
CMakeLists.txt uses Keel's CMake package), and a second app in the same project is larger than the board's whole app
region. `make` must build both (a warning for the big one, no failure), `make run` must boot the first under QEMU
with the kernel of the given Keel build, and a run with both must be refused naming the one that does not fit.
"""

import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REGION_SIZES = {"qemu-virt-rv32": 0x100000, "mps2-an386": 0x3C0000}
TARGETS = {"qemu-virt-rv32": "rv32imac", "mps2-an386": "cortex-m4"}

TOO_BIG = """\
#include <stdint.h>
// More constant data than the board's whole app region holds.
static const uint8_t blob[%d] = {1};
int main(void) {
  volatile uint32_t index = 0;
  return blob[index];
}
"""


def clean_environment() -> dict:
    """The environment without the make variables of a `make test` this runs under (its jobserver, its BOARD)."""
    return {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--board", required=True, choices=sorted(TARGETS))
    parser.add_argument("--build", required=True, help="Keel's build directory for the board's target")
    args = parser.parse_args()
    keel_build = os.path.dirname(os.path.abspath(args.build))
    target = TARGETS[args.board]
    problems = []
    with tempfile.TemporaryDirectory(prefix="keel-outside-") as tmp:
        folder = os.path.join(tmp, "hello-outside")
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "new-app"), folder], check=True)
        with open(os.path.join(folder, "too_big.c"), "w") as file:
            file.write(TOO_BIG % (REGION_SIZES[args.board] + 0x10000))
        with open(os.path.join(folder, "CMakeLists.txt"), "a") as file:
            file.write("keel_app(too_big SOURCES too_big.c)\n")

        def make(*goals: str, apps: str = "") -> subprocess.CompletedProcess:
            command = ["make", "--no-print-directory", "-C", folder, *goals, f"BOARD={args.board}",
                       f"KEEL_BUILD={keel_build}", "TIMEOUT=60"] + ([f"APPS={apps}"] if apps else [])
            done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, timeout=900, env=clean_environment())
            print(f"$ {' '.join(command)}\n{done.stdout}(exit {done.returncode})\n")
            return done

        built = make("all")
        out = os.path.join(folder, "build", target)
        app, big = os.path.join(out, "hello_outside.tbf"), os.path.join(out, "too_big.tbf")
        if built.returncode != 0 or not os.path.isfile(app) or not os.path.isfile(big):
            problems.append("make did not build both apps")
        if "too_big.tbf is" not in built.stdout or "it cannot be installed" not in built.stdout:
            problems.append("no warning that too_big cannot fit the app region")

        ran = make("run", apps=app)
        for text in ("Hello from hello_outside!", "hello_outside: tick 3",
                     "keel: process 'hello_outside' exited with code 0", "run-qemu: all 1 process(es) have ended"):
            if text not in ran.stdout:
                problems.append(f"make run: no {text!r}")
        if ran.returncode != 0:
            problems.append(f"make run exited {ran.returncode}")

        both = make("run", apps=f"{app} {big}")
        if both.returncode == 0 or "too_big.tbf: does not fit: it needs" not in both.stdout:
            problems.append("a run with the too-big app was not refused naming it")
    for problem in problems:
        print(f"FAIL: {problem}")
    print("external app: " + ("OK" if not problems else f"{len(problems)} problems"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
