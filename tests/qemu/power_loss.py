#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Power-loss test of the key-value store on qemu-virt-rv32: QEMU runs kv_power_writer (an endless stream of sets
and deletes of eight keys, with garbage collections) on a flash image and is killed with SIGKILL at a random point;
then kv_power_check boots on the same image and reads every key back. Every operation the writer reported complete
must have stuck: each key reads back as its last completed value, or, for the one operation in flight at the kill,
possibly as that operation's outcome; never anything else, and never a torn value (the checker compares every byte
with the value its prefix names). Then the writer runs again on the same image, and so on, kill after kill.

Kill points: half are after a random number of reported operations plus a random delay (landing in record writes,
death marks and collections as they come), half a moment after the writer announces a garbage collection (landing
in its copies, marks and erases). The summary says how many kills cut a collection short.

Usage: power_loss.py --build build/rv32imac [--kills 20] [--seed N]
"""
import argparse
import os
import random
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import flash_image  # noqa: E402
import harness  # noqa: E402

KEYS = 8
OP = re.compile(r"^kv-power: (set|delete) (pw-\d) (\d+) (\w+)$")
CHECK = re.compile(r"^kv-check: (pw-\d) (.*)$")
GC_START = "kv-power: gc start"
GC_DONE = re.compile(r"^kv-power: gc done (\w+)$")


class Failure(Exception):
    pass


def qemu_command(build, apps_image, flash):
    board = harness.BOARD
    return [board.qemu, *board.machine, "-nographic", "-monitor", "none", "-serial", "stdio", "-icount", "shift=0",
            "-kernel", board.kernel(build), "-device", f"loader,file={apps_image},addr={board.app_region:#x}",
            *board.extras_with_rng, *flash_image.qemu_args(flash, harness.KERNEL_ENTRY_RV32)]


def run_until_killed(command, trigger, delay, timeout=60):
    """Runs QEMU until `trigger(lines)` is true, waits `delay` seconds, and kills it (SIGKILL: no chance to tidy
    up, as a power cut). Returns the complete lines it printed."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 0.05)
            if ready:
                chunk = process.stdout.read1(4096)
                if not chunk:
                    break
                output += chunk
                lines = output.decode("utf-8", "replace").split("\n")[:-1]
                if trigger(lines):
                    time.sleep(delay)
                    break
        else:
            raise Failure("the writer never reached its kill point:\n" + output.decode("utf-8", "replace"))
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        rest = process.communicate()[0]
    output += rest
    # Only whole lines count: a line cut by the kill reports nothing.
    return output.decode("utf-8", "replace").split("\n")[:-1]


def run_to_end(command, timeout=60):
    run = harness.run_to_end(command, timeout)
    if run.exit_code != 0:
        raise Failure("the checker did not finish:\n" + run.output)
    return run.lines()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    harness.select_board("qemu-virt-rv32")
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    print(f"power-loss: {args.kills} kills, seed {seed}")

    apps_dir = os.path.join(args.build, "userland", "apps")
    # What each key holds after every operation reported complete: ("absent",) or ("value", nonce, n).
    model = {f"pw-{k}": ("absent",) for k in range(KEYS)}
    kills_in_gc = 0
    completed_total = 0
    collections = 0
    with tempfile.TemporaryDirectory() as tmp:
        flash = os.path.join(tmp, "flash.img")
        flash_image.ensure(flash)
        writer_image = os.path.join(tmp, "writer.bin")
        check_image = os.path.join(tmp, "check.bin")
        harness.layout([os.path.join(apps_dir, "kv_power_writer.tbf")], writer_image, None)
        harness.layout([os.path.join(apps_dir, "kv_power_check.tbf")], check_image, None)

        for kill in range(args.kills):
            if rng.random() < 0.5:
                after = rng.randint(1, 60)
                delay = rng.uniform(0, 0.05)
                how = f"after {after} operations + {delay * 1000:.0f} ms"
                trigger = lambda lines, after=after: sum(1 for line in lines if OP.match(line)) >= after  # noqa
            else:
                nth = rng.randint(1, 2)
                delay = rng.uniform(0, 0.02)
                how = f"{delay * 1000:.0f} ms into garbage collection {nth}"
                trigger = lambda lines, nth=nth: sum(1 for line in lines if line == GC_START) >= nth  # noqa
            lines = run_until_killed(qemu_command(args.build, writer_image, flash), trigger, delay)

            nonce = None
            last_n = None
            in_gc = False
            for line in lines:
                if line.startswith("kv-power: nonce "):
                    nonce = line.split()[-1]
                elif line == GC_START:
                    in_gc = True
                    collections += 1
                elif GC_DONE.match(line):
                    in_gc = False
                    if GC_DONE.match(line).group(1) != "OK":
                        raise Failure(f"kill {kill}: a collection failed: {line}")
                elif OP.match(line):
                    kind, key, n, status = OP.match(line).groups()
                    n = int(n)
                    if n != (0 if last_n is None else last_n + 1):
                        raise Failure(f"kill {kill}: operation {n} reported out of order:\n" + "\n".join(lines))
                    last_n = n
                    completed_total += 1
                    if kind == "set":
                        if status != "OK":
                            raise Failure(f"kill {kill}: a set failed: {line}")
                        model[key] = ("value", nonce, n)
                    elif status == "OK":
                        model[key] = ("absent",)
                    elif status != "NOSUPPORT" or model[key] != ("absent",):
                        raise Failure(f"kill {kill}: delete answered {status} for a key that is "
                                      f"{'absent' if model[key] == ('absent',) else 'there'}: {line}")
            kills_in_gc += in_gc

            # The operation in flight at the kill (if the writer had started any): operation last_n + 1.
            flight_key, flight_outcome = None, None
            if nonce is not None:
                n = 0 if last_n is None else last_n + 1
                flight_key = f"pw-{n % KEYS}"
                flight_outcome = ("absent",) if n % 11 == 10 else ("value", nonce, n)

            check = run_to_end(qemu_command(args.build, check_image, flash))
            seen = {}
            for line in check:
                match = CHECK.match(line)
                if not match:
                    continue
                key, what = match.groups()
                if what == "absent":
                    seen[key] = ("absent",)
                elif what.endswith(" ok"):
                    nonce_read, n_read = what[:-3].split("-")
                    seen[key] = ("value", nonce_read, int(n_read))
                else:
                    raise Failure(f"kill {kill} ({how}): {key} read back as {what!r}")
            if sorted(seen) != sorted(model):
                raise Failure(f"kill {kill}: the checker did not report every key:\n" + "\n".join(check))
            for key, got in seen.items():
                allowed = [model[key]] + ([flight_outcome] if key == flight_key else [])
                if got not in allowed:
                    raise Failure(f"kill {kill} ({how}): {key} reads {got}, allowed {allowed}\n"
                                  "--- writer ---\n" + "\n".join(lines[-20:]) + "\n--- checker ---\n" + "\n".join(check))
                model[key] = got  # what the in-flight operation left is settled now
            held = sum(1 for got in seen.values() if got[0] == "value")
            print(f"power-loss: kill {kill + 1}: {how}: {0 if last_n is None else last_n + 1} operations completed"
                  f"{', cut a collection short' if in_gc else ''}; all {KEYS} keys read back as allowed ({held} hold "
                  "a value)", flush=True)

    print(f"power-loss: {args.kills} kills ({kills_in_gc} during garbage collection), {completed_total} operations "
          f"and {collections} collections started before them, every value intact")
    if args.kills >= 10 and kills_in_gc == 0:
        raise Failure("no kill landed during garbage collection")


if __name__ == "__main__":
    try:
        main()
    except Failure as failure:
        print(f"FAIL power-loss: {failure}")
        sys.exit(1)
    print("PASS power-loss")
