#!/usr/bin/env python3
"""Runs one board's loader fuzzer (tests/fuzz/loader_fuzz.cpp) over the seed corpus and prints its figures.

    run_loader_fuzz.py --board B --fuzzer BIN --build BUILD_ROOT --work DIR (--short | --runs N)

The seeds (tests/fuzz/seed_corpus.py) are made afresh from the build's TBFs into DIR/seeds, then libFuzzer runs N
executions from the seeds and the inputs it kept before (DIR/corpus, which grows from run to run; --short starts from
an empty one, so the ctest pass does the same work every time). Every seed runs once as it is first. A crash, a
kernel panic, a broken loader property or a sanitizer report fails the run: the input is saved under DIR/findings and
the command to reproduce it is printed. At the end: executions, libFuzzer's coverage (cov: edges, ft: features) and
the corpus size.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

import seed_corpus

SHORT_RUNS = 100_000
MAX_LEN = 32768  # the largest seed layout is about 25 KiB; the app flash itself is larger


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--board", required=True)
    parser.add_argument("--fuzzer", required=True)
    parser.add_argument("--build", required=True, help="build root holding rv32imac/ and cortex-m4/")
    parser.add_argument("--work", required=True)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--short", action="store_true", help=f"{SHORT_RUNS} executions from an empty corpus")
    mode.add_argument("--runs", type=int)
    parser.add_argument("--seed", type=int, default=1, help="libFuzzer's random seed (0: a fresh one)")
    args = parser.parse_args()

    seeds = os.path.join(args.work, "seeds")
    corpus = os.path.join(args.work, "short-corpus" if args.short else "corpus")
    findings = os.path.join(args.work, "findings")
    shutil.rmtree(seeds, ignore_errors=True)
    if args.short:
        shutil.rmtree(corpus, ignore_errors=True)
    for directory in (corpus, findings):
        os.makedirs(directory, exist_ok=True)
    count = seed_corpus.write_seeds(args.board, args.build, seeds)
    runs = SHORT_RUNS if args.short else args.runs

    command = [args.fuzzer, f"-runs={runs}", f"-seed={args.seed}", f"-max_len={MAX_LEN}",
               f"-artifact_prefix={findings}/", "-print_final_stats=1", "-print_pcs=0", corpus, seeds]
    print(f"loader fuzz {args.board}: {count} seeds, {runs:,} executions ...", flush=True)
    started = time.monotonic()
    done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          env=dict(os.environ, ASAN_OPTIONS="halt_on_error=1:detect_leaks=1",
                                   UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"))
    seconds = time.monotonic() - started
    output = done.stdout.decode("utf-8", "replace")

    if done.returncode != 0:
        artifacts = re.findall(r"Test unit written to (\S+)", output)
        print(output[-6000:])
        print(f"loader fuzz {args.board}: FINDING (libFuzzer exit {done.returncode}) after {seconds:.0f} s")
        for path in artifacts:
            print(f"  input: {path}\n  reproduce: KEEL_FUZZ_VERBOSE=1 {args.fuzzer} {path}")
        return 1

    final = re.findall(r"^#(\d+)\s+DONE\s+cov: (\d+) ft: (\d+) corp: (\d+)/", output, re.M)
    executions = re.search(r"stat::number_of_executed_units: (\d+)", output)
    if not final or executions is None:
        print(output[-3000:])
        print(f"loader fuzz {args.board}: libFuzzer ended without its final figures")
        return 1
    _, cov, ft, corp = final[-1]
    seed = re.search(r"INFO: Seed: (\d+)", output)
    executed = int(executions.group(1))
    if executed < runs:
        print(output[-3000:])
        print(f"loader fuzz {args.board}: only {executed:,} of {runs:,} executions")
        return 1
    print(f"loader fuzz {args.board}: {executed:,} executions in {seconds:.0f} s ({executed / seconds:,.0f}/s), "
          f"cov {cov} ft {ft}, corpus {corp} inputs (libFuzzer seed {seed.group(1) if seed else '?'}); "
          f"no crash, panic or broken property")
    return 0


if __name__ == "__main__":
    sys.exit(main())
