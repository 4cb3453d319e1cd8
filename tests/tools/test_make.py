# SPDX-License-Identifier: Apache-2.0
"""The top-level Makefile's own words: `make help`, and an unknown BOARD refused by every target before anything runs
(the error comes from reading the Makefile, so nothing is built)."""

import os
import subprocess
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGETS = ["run", "debug", "test", "safety", "bench", "build", "all", "build-rv32imac", "clean", "help"]


def make(*args: str) -> subprocess.CompletedProcess:
    # Without the make variables of a `make test` this may run under (its jobserver, its BOARD).
    environment = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "--no-print-directory", "-C", ROOT, *args], capture_output=True, text=True,
                          timeout=60, env=environment)


class TestMakefile(unittest.TestCase):
    def test_help_names_the_commands_and_variables(self):
        done = make("help")
        self.assertEqual(done.returncode, 0, done.stderr)
        for word in ("make run", "make test", "make debug", "make safety", "make bench", "BOARD=", "APPS=",
                     "TIMEOUT=", "FAIL_ON_TIMEOUT=1", "GDB_PORT=", "Ctrl-A X", "tools/keel-apps", "tools/new-app"):
            self.assertIn(word, done.stdout)

    def test_unknown_board_is_refused_by_every_target(self):
        for target in TARGETS:
            with self.subTest(target=target):
                done = make(target, "BOARD=bogus", "-n")
                self.assertEqual(done.returncode, 2)
                self.assertIn("unknown BOARD 'bogus' (boards: qemu-virt-rv32 mps2-an386)", done.stderr)
                self.assertEqual(done.stdout, "")


if __name__ == "__main__":
    unittest.main()
