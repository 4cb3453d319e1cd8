#!/usr/bin/env python3
"""`make fuzz`: every fuzzer, long, with the figures at the end.

    fuzz_all.py --build BUILD_ROOT [--loader-runs N] [--jobs J]

1. The loader fuzzer of each board (tests/fuzz/run_loader_fuzz.py), N executions each (default 10,000,000), from the
   seeds and the corpus earlier runs kept (BUILD_ROOT/fuzz/tests/fuzz/<board>/corpus), a fresh libFuzzer seed each
   time; J at a time (default 2).
2. The system-call fuzzer under QEMU on each board (tests/qemu/syscall_fuzz.py --long: 1,000,000 calls beside the
   companion, seed from the RNG where the board has one).
Each prints its own result; the summary repeats every figure. Exit 0 only if all passed.
"""
import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BOARDS = [("qemu-virt-rv32", "rv32imac"), ("mps2-an386", "cortex-m4")]


def run(name, command):
    started = time.monotonic()
    done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    text = done.stdout.decode("utf-8", "replace")
    print(f"=== {name} ({time.monotonic() - started:.0f} s)\n{text}", flush=True)
    last = [line for line in text.splitlines() if line.strip()]
    return name, done.returncode == 0, last[-1] if last else "(no output)", time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--loader-runs", type=int, default=10_000_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    started = time.monotonic()

    loader = []
    for board, _ in BOARDS:
        fuzzer = os.path.join(build, "fuzz", "tests", "fuzz", f"keel_fuzz_loader_{board}")
        loader.append((f"loader fuzz {board}",
                       [sys.executable, os.path.join(HERE, "run_loader_fuzz.py"), "--board", board, "--fuzzer", fuzzer,
                        "--build", build, "--work", os.path.join(build, "fuzz", "tests", "fuzz", board),
                        "--runs", str(args.loader_runs), "--seed", "0"]))
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda job: run(*job), loader))
    for board, target in BOARDS:
        results.append(run(f"syscall fuzz {board}",
                           [sys.executable, os.path.join(REPO, "tests", "qemu", "syscall_fuzz.py"), "--long",
                            "--build", os.path.join(build, target), "--board", board]))

    print(f"=== make fuzz: summary ({time.monotonic() - started:.0f} s in all)")
    for name, ok, last, seconds in results:
        print(f"{'PASS' if ok else 'FAIL'} {name} ({seconds:.0f} s): {last}")
    return 0 if all(ok for _, ok, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
