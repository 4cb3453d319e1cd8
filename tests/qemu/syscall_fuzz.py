#!/usr/bin/env python3
"""System-call fuzzing under QEMU: `syscall_fuzz.py --build BUILD_DIR [--board BOARD] [--long]`, exit 0 = pass.

Boots the real kernel with the syscall_fuzz app (userland/apps/syscall_fuzz: random system calls of every class,
each answer and the registers the ABI preserves checked in the app) beside fuzz_companion (a numbered line every few
milliseconds, for ever). The short pass (ctest) runs syscall_fuzz (30,000 calls, fixed seed), --long runs
syscall_fuzz_long (1,000,000 calls, seed from the RNG). The run is stopped once the fuzzer has finished and the
companion has printed another line. It passes when:
  - the fuzzer reports all its calls survived with no violation and exits with code 0;
  - nothing faulted, restarted or panicked;
  - the companion's lines are 1, 2, 3, ... with none missing, repeated or out of order, some printed while the
    fuzzer ran and one after it finished.
"""
import argparse
import os
import re
import select
import subprocess
import sys
import tempfile
import time

import harness

SEED_MARKER = bytes.fromhex("53454544" "46555a5a")  # the app's host_seed words 0x44454553, 0x5A5A5546, little-endian

SHORT = ("syscall_fuzz", 30_000, 120)
LONG = ("syscall_fuzz_long", 1_000_000, 1800)
COMPANION = "fuzz_companion"


def run_qemu(build, apps, timeout, finished):
    """Boots with `apps`; returns (console text, timed_out). Stops when finished(text) holds or the kernel ends."""
    with tempfile.TemporaryDirectory() as tmp:
        image = os.path.join(tmp, "apps.bin")
        harness.layout(apps, image)
        board = harness.BOARD
        command = [board.qemu, *board.machine, "-nographic", "-monitor", "none", "-serial", "stdio",
                   "-icount", "shift=0", "-kernel", board.kernel(build),
                   "-device", f"loader,file={image},addr={board.app_region:#x}", *board.extras_with_rng]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
        output = b""
        deadline = time.monotonic() + timeout
        checked = 0
        try:
            while time.monotonic() < deadline:
                ready, _, _ = select.select([process.stdout], [], [], 0.5)
                if not ready:
                    continue
                chunk = process.stdout.read1(65536)
                if not chunk:
                    return output.decode("utf-8", "replace"), False
                output += chunk
                if len(output) - checked > 4096 or b"done" in chunk or b"panic" in chunk:
                    checked = len(output)
                    if finished(output.decode("utf-8", "replace")):
                        return output.decode("utf-8", "replace"), False
            return output.decode("utf-8", "replace"), True
        finally:
            process.kill()
            process.wait()


def with_seed(tbf, seed, directory):
    """A copy of the TBF `tbf` whose host_seed word (after the marker) is `seed`."""
    with open(tbf, "rb") as f:
        data = bytearray(f.read())
    at = data.find(SEED_MARKER)
    if at < 0 or data.find(SEED_MARKER, at + 1) >= 0:
        raise SystemExit(f"{tbf}: the seed marker is not there exactly once")
    data[at + 8:at + 12] = seed.to_bytes(4, "little")
    path = os.path.join(directory, os.path.basename(tbf))
    with open(path, "wb") as f:
        f.write(data)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--board", default="qemu-virt-rv32", choices=sorted(harness.BOARDS))
    parser.add_argument("--long", action="store_true")
    parser.add_argument("--seed", type=lambda text: int(text, 0), help="the fuzzer's seed (nonzero)")
    args = parser.parse_args()
    if args.seed is None and args.long:
        import random
        args.seed = random.SystemRandom().randrange(1, 1 << 32)
    harness.select_board(args.board)
    fuzzer, calls, timeout = LONG if args.long else SHORT

    done_pattern = re.compile(r"syscall_fuzz: done: (\d+) calls survived \(seed (0x[0-9a-f]+)\), (\d+) upcalls, "
                              r"(\d+) violations")
    companion_pattern = re.compile(COMPANION + r": (\d+)\n")

    def finished(text):
        if "Kernel panic" in text or f"process '{fuzzer}' faulted" in text:
            return True
        done = done_pattern.search(text)
        return done is not None and companion_pattern.search(text, done.end()) is not None and \
            f"keel: process '{fuzzer}' exited" in text

    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        fuzzer_tbf = harness.app(args.build, fuzzer)
        if args.seed is not None:
            fuzzer_tbf = with_seed(fuzzer_tbf, args.seed, tmp)
        output, timed_out = run_qemu(args.build, [fuzzer_tbf, harness.app(args.build, COMPANION)], timeout, finished)
    seconds = time.monotonic() - started
    problems = []
    done = done_pattern.search(output)
    if timed_out:
        problems.append(f"timed out after {timeout} s")
    if done is None:
        problems.append("the fuzzer never reported that it was done")
    else:
        survived, violations = int(done.group(1)), int(done.group(4))
        if survived < calls:
            problems.append(f"only {survived} of {calls} calls")
        if violations != 0:
            problems.append(f"{violations} ABI violation(s): " +
                            "; ".join(re.findall(r"syscall_fuzz: VIOLATION (.*)", output)))
    if f"keel: process '{fuzzer}' exited with code 0" not in output:
        problems.append("the fuzzer did not exit with code 0")
    for bad in ("Kernel panic", "faulted", "restarting", "restarts", "stopped after"):
        if bad in output:
            problems.append(f"the console shows '{bad}'")
    numbers = [int(n) for n in companion_pattern.findall(output)]
    if numbers != list(range(1, len(numbers) + 1)):
        wrong = next(i for i, n in enumerate(numbers) if n != i + 1)
        problems.append(f"companion lines not complete and in order: line {wrong + 1} is {numbers[wrong]}")
    if done is not None:
        start = output.find("syscall_fuzz: ")
        during = len(companion_pattern.findall(output[start:done.start()]))
        after = len(companion_pattern.findall(output, done.end()))
        if during == 0 or after == 0:
            problems.append(f"the companion printed {during} line(s) while the fuzzer ran and {after} after it")

    if problems:
        tail = output[-4000:]
        print(f"--- console output (last {len(tail)} characters) ---\n{tail}\n--- end ---")
        print(f"FAIL syscall fuzz {args.board}: " + "; ".join(problems))
        return 1
    print(f"syscall fuzz {args.board}: {int(done.group(1)):,} calls survived in {seconds:.0f} s (seed {done.group(2)}, "
          f"{int(done.group(3)):,} upcalls); "
          f"companion lines 1..{len(numbers)} complete and in order; no fault, restart or panic")
    return 0


if __name__ == "__main__":
    sys.exit(main())
