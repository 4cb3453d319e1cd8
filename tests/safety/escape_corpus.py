#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Escape corpus for tools/safety-check: small changes a malicious or careless contributor could make to untrusted
kernel-side code, each breaking memory safety. Every one must be rejected.

Each attempt is a folder tests/safety/escapes/NN-name/ holding an ATTEMPT file (`class: <1-6>`, then one sentence
saying what the attempt breaks, then optional notes such as `replaces: <path>`) and the files to put into the tree at
their tree-relative paths. A file `<path>.symlink` stands for a symlink at <path> to the target written inside it
(relative to the link's folder). A file that already exists in the tree replaces it: such an attempt is checked in a
copy of its own.

What this does:

  * copies the kernel-side tree (kernel arch chips capsules boards, TRUSTED.manifest, .clang-tidy, userland, tests
    without tests/safety/escapes) from --root into a temporary folder, twice: one copy stays unmodified, the other gets
    every attempt whose files are all new;
  * control: the unmodified copy must pass (`--files` of one untrusted capsule, exit 0), so the corpus cannot pass
    because the checker rejects everything;
  * one checker run on all new-file attempts together (`--files` of their kernel-side .cpp/.h files; a file outside
    the kernel folders, a symlink or an odd suffix is reached through the kernel-side file that includes it), then one
    run of its own for each attempt that run did not reject, and one run in a copy of its own for each attempt that
    replaces a file;
  * an attempt is rejected when the checker exits 1 and reports at least one problem in one of the attempt's files,
    or (in a run of its own) in a file the attempt's files include. A problem the unmodified tree has as well (a
    checker run on the unmodified copy of the same included or replaced files reports it too) does not count: it says
    nothing about the attempt, and could otherwise make an unchecked attempt look rejected.

An attempt with an ATTEMPT line `build: <target>` changes what the build makes (a board's layout.ld, a build list):
it is checked in a full copy of the checkout of its own, built for that target, with `--files` of its scripts and
sources and that build (run_linked); any problem the unmodified copy built the same way does not have counts.

Prints one line per attempt (`rejected: NN-name: <first problem>` or `ACCEPTED: NN-name`), then
`escape corpus: R of N rejected, D defused, A accepted`; exits 1 unless every attempt is rejected or defused (an
ATTEMPT line `defused: Suite.Test` names the host test proving the interface now gives it defined behaviour),
N >= 40 and the control passes. An attempt that must change a trusted file counts as rejected (reviewed, not checked).

--compile also checks that every attempt compiles with GCC against the tree's current interfaces (the kernel's rv32
flags, -fsyntax-only); an attempt that does not compile is reported (it may still be rejected: an attempt that stops
compiling once an interface is fixed counts as rejected).
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "tools" / "safety"))
import image_layout  # noqa: E402  (the boards and their kernel images)

KERNEL_DIRS = ("kernel", "arch", "chips", "capsules", "boards")
ARCHITECTURES = ("rv32", "cortex-m")
# Files passed to the checker: the kernel's own source kinds. Anything else (.inl, .H, a symlink, a file outside the
# kernel folders) is reached through the kernel-side file that includes it, as it would be in the real tree.
CHECKED_SUFFIXES = {".cpp", ".h"}
COPIED = KERNEL_DIRS + ("userland", "tests")
COPIED_FILES = ("TRUSTED.manifest", ".clang-tidy")
ESCAPES = Path("tests/safety/escapes")
CONTROL_FILES = ("capsules/virtual_uart.cpp",)
MINIMUM_ATTEMPTS = 40
# A replaced header is checked with the untrusted units that include it: the nearest few, then (if those do not
# reject it) up to this many.
NEAREST_INCLUDERS = 3
INCLUDERS = 12
PROBLEM = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+): (?P<rule>[^:\s]+): (?P<message>.*?)(?: \[[^\]]*\])?$")
SCRATCH = re.compile(r"/\S*?keel-safety-[^/\s]+/")
GCC = "riscv64-unknown-elf-g++"
GCC_FLAGS = ["-std=c++20", "-ffreestanding", "-fno-exceptions", "-fno-rtti", "-nostdinc++",
             "-march=rv32imac_zicsr_zifencei", "-mabi=ilp32", "-fsyntax-only"]


class Attempt:
    def __init__(self, directory):
        self.directory = directory
        self.name = directory.name
        self.number = self.name.split("-", 1)[0]
        lines = (directory / "ATTEMPT").read_text(encoding="utf-8").splitlines()
        match = re.match(r"^class:\s*([1-6])\s*$", lines[0]) if lines else None
        if not match or len(lines) < 2 or not lines[1].strip():
            raise SystemExit(f"{directory}/ATTEMPT: first line `class: <1-6>`, second line the violation")
        self.cls = int(match.group(1))
        self.description = lines[1].strip()
        self.files = {}     # tree-relative path -> text, for plain files
        self.symlinks = {}  # tree-relative link path -> target (relative to the link's folder)
        for path in sorted(directory.rglob("*")):
            if not path.is_file() or path == directory / "ATTEMPT":
                continue
            rel = path.relative_to(directory).as_posix()
            if rel.endswith(".symlink"):
                self.symlinks[rel[:-len(".symlink")]] = path.read_text(encoding="utf-8").strip()
            else:
                self.files[rel] = path.read_bytes()
        if not self.files and not self.symlinks:
            raise SystemExit(f"{directory}: no files")
        # `defused: Suite.Test` (a later line): the interface now gives the attack defined behaviour (a copy that
        # handles overlap, a panic), which that host test proves; reported apart from the rejected ones.
        self.defused_by = next((line.split(":", 1)[1].strip() for line in lines[2:]
                                if line.startswith("defused:")), None)
        # `build: <target>` (a later line): the attack is on what the linker makes of a board's layout.ld, so it is
        # checked on the image a full copy of the checkout links for that target (run_linked).
        # `build: <target> stack`: the kernel stack bound runs on that build too (it takes a while, so only then).
        build = next((line.split(":", 1)[1].split() for line in lines[2:] if line.startswith("build:")), None)
        self.build_target = build[0] if build else None
        self.bound_stack = bool(build) and "stack" in build[1:]
        self.replaces = []
        self.problems = []  # the problems that count, as (path, line, rule, message)
        self.baseline_only = []
        self.run_note = None

    def set_replaces(self, root):
        self.replaces = sorted(rel for rel in self.files if (root / rel).exists())
        clash = [rel for rel in self.symlinks if (root / rel).exists() or os.path.islink(root / rel)]
        if clash:
            raise SystemExit(f"{self.name}: a symlink would replace an existing path: {clash}")

    def own_paths(self):
        """Every tree path the attempt adds or changes, and what its symlinks point at."""
        paths = set(self.files) | set(self.symlinks)
        for link, target in self.symlinks.items():
            paths.add(os.path.normpath(os.path.join(os.path.dirname(link), target)))
        return paths

    def owns(self, rel):
        return any(rel == own or rel.startswith(own + "/") for own in self.own_paths())

    def checked_files(self):
        """The attempt's files the checker is asked about: plain kernel-side .cpp/.h files (a linked attempt's
        linker scripts)."""
        if self.build_target:
            # Its kernel-side sources and its target's linker scripts: the build-wide checks (flags, link inputs)
            # run whatever files are named, and a script names its board's image check and stack bound.
            scripts = {script for target, _, script, _ in image_layout.BOARDS.values() if target == self.build_target}
            return sorted(scripts | {rel for rel in self.files if rel.endswith(".ld") or (
                Path(rel).parts[0] in KERNEL_DIRS and Path(rel).suffix in CHECKED_SUFFIXES)})
        files = [rel for rel in self.files if Path(rel).parts[0] in KERNEL_DIRS and len(Path(rel).parts) > 1
                 and Path(rel).suffix in CHECKED_SUFFIXES and not self.under_symlink(rel)]
        if not files and not self.replaces:
            raise SystemExit(f"{self.name}: needs a kernel-side .cpp or .h file for the checker to start from")
        return sorted(files)

    def under_symlink(self, rel):
        return any(rel.startswith(link + "/") for link in self.symlinks)

    def apply(self, tree):
        for rel, data in self.files.items():
            target = tree / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for link, target in self.symlinks.items():
            path = tree / link
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, path)

    def included_files(self, tree):
        """Existing tree files the attempt's files name in a quoted #include (they get a baseline)."""
        found = set()
        for rel, data in self.files.items():
            text = data.decode("utf-8", errors="replace").replace("\\\n", "")
            for name in re.findall(r'^\s*(?:#|%:)\s*include\s*"([^"]+)"', text, re.M):
                for candidate in (name, os.path.normpath(os.path.join(os.path.dirname(rel), name))):
                    path = tree / candidate
                    if path.is_file() and not path.is_symlink() and not self.owns(candidate):
                        found.add(Path(candidate).as_posix())
                        break
        return found


INCLUDE_LINE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)


def includers(tree, headers, limit):
    """Untrusted .cpp files that include one of `headers`, directly or through other headers: a replaced header is
    compiled as part of them, and an attack that only breaks their build is still rejected by that build."""
    trusted = trusted_paths(tree)
    sources = {}
    for top in KERNEL_DIRS:
        for path in (tree / top).rglob("*"):
            if path.suffix in (".h", ".cpp") and path.is_file() and not path.is_symlink():
                rel = path.relative_to(tree).as_posix()
                included = set(INCLUDE_LINE.findall(path.read_text(encoding="utf-8", errors="replace")))
                # keel_arch/ headers are found through the unit's architecture folder (-I arch/<isa>).
                sources[rel] = included | {f"arch/{isa}/{name}" for name in included if name.startswith("keel_arch/")
                                           for isa in ARCHITECTURES}
    # Breadth first, so the units nearest the header (those including it themselves) come first.
    depth = {rel: 0 for rel in headers}
    frontier = set(headers)
    while frontier:
        reached = {rel for rel, included in sources.items() if rel not in depth and included & frontier}
        for rel in reached:
            depth[rel] = 1 + min(depth[h] for h in sources[rel] & frontier)
        frontier = reached
    units = sorted((d, rel) for rel, d in depth.items()
                   if rel.endswith(".cpp") and rel not in trusted and rel not in headers)
    return [rel for _, rel in units[:limit]]


def trusted_paths(tree):
    manifest = tree / "TRUSTED.manifest"
    lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
    return {line.partition(" # ")[0].strip() for line in lines if line.strip() and not line.startswith("#")}


def host_test_exists(root, name):
    """Whether tests/host defines the GoogleTest `Suite.Test` (so a defused verdict names a real proof)."""
    suite, _, test = name.partition(".")
    pattern = re.compile(r"\bTEST(?:_F)?\(\s*" + re.escape(suite) + r"\s*,\s*" + re.escape(test) + r"\s*\)")
    return any(pattern.search(path.read_text(encoding="utf-8", errors="replace"))
               for path in (root / "tests" / "host").rglob("*_test.cpp"))


def copy_tree(root, destination):
    destination.mkdir(parents=True)
    for name in COPIED:
        if (root / name).is_dir():
            shutil.copytree(root / name, destination / name, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__") if name != "tests" else ignore_escapes(root))
    for name in COPIED_FILES:
        if (root / name).is_file():
            shutil.copy2(root / name, destination / name)


def ignore_escapes(root):
    escapes = (root / ESCAPES).resolve()

    def ignore(directory, names):
        return [n for n in names if n == "__pycache__" or (Path(directory) / n).resolve() == escapes]
    return ignore


class Checker:
    def __init__(self, checker, mode):
        self.checker = checker
        self.mode = mode

    def build_dir(self, tree):
        """The --build folder: none at all (the default), or one compile command whose flags the checker borrows for
        every file it checks on its own (--build-mode flags: the kernel's rv32 flags, as GCC gets them)."""
        if self.mode == "none":
            return tree / "no-build"
        build = tree / "flags-build"
        database = build / "rv32imac" / "compile_commands.json"
        if not database.is_file():
            database.parent.mkdir(parents=True, exist_ok=True)
            source = tree / "kernel/core/compiler_support.cpp"
            command = [GCC, f"-I{tree}", f"-I{tree}/arch/rv32", *GCC_FLAGS[:-1], "-c", str(source)]
            database.write_text(json.dumps([{"directory": str(tree), "file": str(source),
                                             "arguments": command}]), encoding="utf-8")
        return build

    def run(self, tree, files, jobs, build=None, stack=False):
        """(exit code, [(path, line, rule, message)], raw output) of one checker run on `files` in `tree` (with
        `build` as its build folder, if given; the kernel stack bound only with `stack`)."""
        command = [sys.executable, str(self.checker), "--root", str(tree), "--build", str(build or self.build_dir(tree)),
                   "--jobs", str(jobs), *([] if stack else ["--no-stack"]), "--files", *files]
        # One cache of class layouts for every run (tools/safety/record_layouts.py): the copies differ only in
        # their attempt's files, so most units are the same in all of them.
        environment = {**os.environ, "KEEL_LAYOUT_CACHE": str(tree.parent / "layout-cache")}
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=environment)
        problems = []
        for line in result.stdout.splitlines():
            match = PROBLEM.match(line)
            if match:
                problems.append(normalise(tree, match.group("path"), int(match.group("line")), match.group("rule"),
                                          match.group("message")))
        return result.returncode, problems, result.stdout + result.stderr


def normalise(tree, path, line, rule, message):
    """A problem with the copy's location and the checker's scratch folder taken out, so that problems found in two
    copies of the tree compare equal."""
    prefix = str(tree) + "/"
    path = SCRATCH.sub("<scratch>/", path)
    if path.startswith(prefix):
        path = path[len(prefix):]
    message = SCRATCH.sub("<scratch>/", message).replace(prefix, "")
    return (path, line, rule, message)


def line_text(tree, path, line, cache):
    """The text of line `line` of `path` in `tree` (stripped), or the number when there is no such line."""
    if path not in cache:
        try:
            cache[path] = (tree / path).read_text(encoding="utf-8", errors="replace").splitlines()
        except (OSError, ValueError):
            cache[path] = None
    lines = cache[path]
    return lines[line - 1].strip() if lines and 0 < line <= len(lines) else line


def comparable(tree, problems):
    """Problems keyed by the text of their line instead of its number: a file an attempt replaces keeps the
    unmodified file's problems on unchanged lines, wherever those lines moved."""
    cache = {}
    return {(path, line_text(tree, path, line, cache), rule, message) for path, line, rule, message in problems}


def show(problem):
    path, line, rule, message = problem
    return f"{path}:{line}: {rule}: {message}"


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=str(here.parent.parent), help="repository root (default: this checkout)")
    parser.add_argument("--checker", default=None, help="the checker to run (default: <root>/tools/safety-check)")
    parser.add_argument("--escapes", default=str(here / "escapes"), help="the attempts (default: beside this file)")
    parser.add_argument("--build-mode", choices=("none", "flags"), default="none",
                        help="none: `--build <copy>/no-build` (default); flags: give the checker one compile command "
                        "with the kernel's rv32 flags to borrow")
    parser.add_argument("--control", nargs="+", default=list(CONTROL_FILES),
                        help=f"untrusted files the unmodified copy must pass (default: {' '.join(CONTROL_FILES)})")
    parser.add_argument("--compile", action="store_true", help="also check each attempt compiles with GCC")
    parser.add_argument("--only", nargs="+", help="run only these attempts (numbers or names)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary trees and print where they are")
    parser.add_argument("--verbose", action="store_true", help="print every problem that counts")
    args = parser.parse_args()

    started = time.monotonic()
    root = Path(os.path.realpath(args.root))
    checker = Checker(Path(args.checker) if args.checker else root / "tools" / "safety-check", args.build_mode)
    attempts = [Attempt(d) for d in sorted(Path(args.escapes).iterdir()) if d.is_dir() and re.match(r"^\d+-", d.name)]
    if args.only:
        attempts = [a for a in attempts if a.number in args.only or a.name in args.only]
    for attempt in attempts:
        attempt.set_replaces(root)

    scratch = Path(tempfile.mkdtemp(prefix="escape-corpus-"))
    try:
        status = run_corpus(root, scratch, checker, attempts, args)
    finally:
        if args.keep:
            print(f"trees kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"escape corpus: took {time.monotonic() - started:.0f} s")
    return status


def run_corpus(root, scratch, checker, attempts, args):
    clean = scratch / "clean"
    copy_tree(root, clean)
    combined = scratch / "combined"
    shutil.copytree(clean, combined, symlinks=True)
    linked = [a for a in attempts if a.build_target]
    checked = [a for a in attempts if not a.build_target]
    new_file_attempts = [a for a in checked if not a.replaces]
    for attempt in new_file_attempts:
        attempt.apply(combined)
    replace_trees = {}
    for attempt in checked:
        if attempt.replaces:
            tree = scratch / f"replace-{attempt.number}"
            shutil.copytree(clean, tree, symlinks=True)
            attempt.apply(tree)
            replace_trees[attempt.name] = tree

    phase = time.monotonic()
    def took(what):
        nonlocal phase
        now = time.monotonic()
        print(f"escape corpus: {what}: {now - phase:.0f} s")
        phase = now

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        # The control, and the combined run of every new-file attempt.
        control = pool.submit(checker.run, clean, list(args.control), 1)
        everything = sorted({f for a in new_file_attempts for f in a.checked_files()})
        combined_run = checker.run(combined, everything, 2) if everything else (0, [], "")
        control_code, control_problems, control_output = control.result()
        took(f"control and the combined run of {len(new_file_attempts)} new-file attempts")

        code, problems, output = combined_run
        crashed = code not in (0, 1) or "Traceback" in output
        for attempt in new_file_attempts:
            attempt.problems = [p for p in problems if attempt.owns(p[0])] if code == 1 else []
        if crashed:
            print(f"escape corpus: the combined checker run failed (exit {code}):\n{output[-2000:]}")

        # A run of its own for each attempt not yet rejected and each replacing attempt; a baseline for all of them.
        alone = [a for a in checked if a.replaces or not a.problems]
        baseline_files = set()
        for attempt in alone:
            tree = replace_trees.get(attempt.name, combined)
            baseline_files |= {f for f in attempt.included_files(tree) | set(attempt.replaces)
                               if Path(f).parts[0] in KERNEL_DIRS and Path(f).suffix in CHECKED_SUFFIXES
                               and (clean / f).is_file()}
        baseline_future = pool.submit(checker.run, clean, sorted(baseline_files), 1) if baseline_files else None
        def files_of(attempt, includer_range):
            tree = replace_trees.get(attempt.name, combined)
            files = set(attempt.checked_files()) | set(attempt.replaces)
            if includer_range:
                # Only the includers an earlier stage did not check: those found nothing.
                first, last = includer_range
                files |= set(includers(tree, attempt.replaces, last)[first:])
            # Only sources go to --files (a replaced linker script is no source: the checker's inventory of the tree
            # sees it on any run, so one of a control file stands in).
            return sorted(f for f in files if Path(f).suffix in CHECKED_SUFFIXES) or list(args.control)

        def submit(attempt, includer_range):
            return pool.submit(checker.run, replace_trees.get(attempt.name, combined),
                               files_of(attempt, includer_range), 1)

        def judge(attempt, result):
            code, problems, output = result
            if code not in (0, 1) or "Traceback" in output:
                attempt.run_note = f"checker failed (exit {code}): {output.strip().splitlines()[-1:]}"
                attempt.problems = []
                return
            if code != 1:
                attempt.problems = []
                return
            mine = [p for p in problems if attempt.replaces or not any(
                o is not attempt and o.owns(p[0]) for o in new_file_attempts)]
            tree = replace_trees.get(attempt.name, combined)
            keys = [next(iter(comparable(tree, [p]))) for p in mine]
            attempt.problems = [p for p, key in zip(mine, keys) if key not in baseline]
            attempt.baseline_only = [p for p, key in zip(mine, keys) if key in baseline]

        # A replacing attempt is checked on its own files first; only one that run does not reject is checked again
        # with the untrusted units that compile what it replaced (includers), the nearest few first and then up to
        # INCLUDERS: most are rejected in their own files or the nearest units, and includers are most of the work.
        futures = {attempt.name: submit(attempt, None) for attempt in alone}
        baseline_problems = baseline_future.result()[1] if baseline_future else []
        baseline = comparable(clean, baseline_problems)
        for attempt in alone:
            judge(attempt, futures[attempt.name].result())
        took(f"{len(alone)} runs of their own")
        for stage in ((0, NEAREST_INCLUDERS), (NEAREST_INCLUDERS, INCLUDERS)):
            again = [a for a in alone if a.replaces and not a.problems]
            futures = {attempt.name: submit(attempt, stage) for attempt in again}
            for attempt in again:
                judge(attempt, futures[attempt.name].result())
            took(f"{len(again)} replacing attempts again with their includers {stage[0] + 1} to {stage[1]}")

    linked_ok = run_linked(root, scratch, checker, linked)
    took(f"{len(linked)} build attempts")
    if args.compile:
        compile_attempts(checked, combined, replace_trees)

    trusted = trusted_paths(clean)
    rejected = 0
    defused = 0
    for attempt in attempts:
        touched = sorted(set(attempt.replaces) & trusted)
        if touched and not attempt.problems:
            # The claim is about untrusted code: a change to a trusted file is reviewed, never checked.
            attempt.problems = [(touched[0], 1, "trusted-file", "the attack changes a file in TRUSTED.manifest")]
        if not attempt.problems and attempt.defused_by and host_test_exists(root, attempt.defused_by):
            defused += 1
            print(f"defused: {attempt.name}: defined behaviour now, proven by tests/host {attempt.defused_by}")
            continue
        if attempt.problems:
            rejected += 1
            print(f"rejected: {attempt.name}: {show(attempt.problems[0])}")
            if args.verbose:
                for problem in attempt.problems[1:]:
                    print(f"    {show(problem)}")
        else:
            print(f"ACCEPTED: {attempt.name}")
            if attempt.run_note:
                print(f"    note: {attempt.run_note}")
            elif attempt.baseline_only:
                print(f"    note: reported only problems the unmodified tree has too, e.g. "
                      f"{show(attempt.baseline_only[0])}")

    total = len(attempts)
    per_class = ", ".join(
        f"class {c}: {sum(1 for a in attempts if a.cls == c and a.problems)}/{sum(1 for a in attempts if a.cls == c)}"
        for c in range(1, 7))
    print(f"escape corpus: per class rejected/attempts: {per_class}")
    control_ok = control_code == 0
    if not control_ok:
        first = control_problems[0] if control_problems else None
        print(f"escape corpus: CONTROL FAILED: the unmodified copy does not pass ({' '.join(args.control)}: exit "
              f"{control_code}{', ' + show(first) if first else ''})")
        if not control_problems:
            print(control_output.strip()[-2000:])
    else:
        print(f"escape corpus: control passed (unmodified {' '.join(args.control)}: exit 0)")
    if baseline_problems:
        print(f"escape corpus: note: the unmodified tree already has {len(baseline_problems)} problem(s) in files "
              f"the attempts include or replace (not counted), e.g. {show(sorted(baseline_problems)[0])}")
    print(f"escape corpus: {rejected} of {total} rejected, {defused} defused (defined behaviour, with a host test), "
          f"{total - rejected - defused} accepted")
    if total < MINIMUM_ATTEMPTS and not args.only:
        print(f"escape corpus: only {total} attempts, at least {MINIMUM_ATTEMPTS} are needed")
        return 1
    return 0 if rejected + defused == total and control_ok and linked_ok else 1


def full_copy(root, destination):
    """The whole checkout but its git folder, builds and the corpus: what a build of the kernel needs."""
    escapes = (root / ESCAPES).resolve()

    def ignore(directory, names):
        top = Path(directory).resolve() == root
        return [n for n in names if n == "__pycache__" or (top and n in (".git", "build"))
                or (Path(directory) / n).resolve() == escapes]
    shutil.copytree(root, destination, symlinks=True, ignore=ignore)


def link(tree, target):
    """Configures and builds `target`'s kernel images in `tree`; (ok, last lines of the output)."""
    build = tree / "build" / target
    elves = [elf for t, elf, _, _ in image_layout.BOARDS.values() if t == target]
    steps = [["cmake", "-S", str(tree), "-B", str(build), "-G", "Ninja",
              f"-DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-{target}.cmake", "-DCMAKE_BUILD_TYPE=Release"],
             ["ninja", "-C", str(build), "-j", "2", *elves]]
    for step in steps:
        result = subprocess.run(step, cwd=tree, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            return False, (result.stdout + result.stderr).strip().splitlines()[-3:]
    return True, []


def run_linked(root, scratch, checker, attempts):
    """The `build:` attempts, per target in one full copy of the checkout: built unmodified first (the control, which
    must pass, and the baseline), then with each attempt applied in turn (an incremental build) and taken out again,
    each checked with `--files` of its scripts and sources on that build; a problem counts unless the unmodified
    build has it too. An attempt that does not build at all is rejected by the compiler or linker. Returns whether
    every control passed."""
    controls_ok = True
    for target in sorted({a.build_target for a in attempts}):
        tree = scratch / f"linked-{target}"
        full_copy(root, tree)
        mine = [a for a in attempts if a.build_target == target]
        ok, tail = link(tree, target)
        files = sorted({f for a in mine for f in a.checked_files()})
        stack = any(a.bound_stack for a in mine)
        code, problems, output = checker.run(tree, files, 1, tree / "build", stack) if ok else (2, [], "\n".join(tail))
        baseline = {(p[0], p[2], p[3]) for p in problems}
        if code != 0:
            controls_ok = False
            print(f"escape corpus: CONTROL FAILED: the unmodified copy built for {target} does not pass "
                  f"({' '.join(files)}: exit {code}): {output.strip().splitlines()[-1:]}")
            continue
        print(f"escape corpus: control passed (unmodified {' '.join(files)} built for {target}: exit 0)")
        for attempt in mine:
            originals = {rel: (tree / rel).read_bytes() if (tree / rel).is_file() else None for rel in attempt.files}
            attempt.apply(tree)
            try:
                ok, tail = link(tree, target)
                if not ok:
                    attempt.problems = [(attempt.checked_files()[0], 1, "link", "does not build: " + " / ".join(tail))]
                    continue
                code, problems, output = checker.run(tree, attempt.checked_files(), 1, tree / "build",
                                                     attempt.bound_stack)
                if code not in (0, 1) or "Traceback" in output:
                    attempt.run_note = f"checker failed (exit {code}): {output.strip().splitlines()[-1:]}"
                    continue
                # Every problem the unmodified build does not have counts: a changed build list shows in what it
                # builds (each unit's flags, the link, the image), not at its own lines.
                attempt.problems = [p for p in problems if (p[0], p[2], p[3]) not in baseline] if code == 1 else []
            finally:
                for rel, data in originals.items():
                    if data is None:
                        (tree / rel).unlink()
                    else:
                        (tree / rel).write_bytes(data)
    return controls_ok


def compile_attempts(attempts, combined, replace_trees):
    """GCC -fsyntax-only on each attempt's kernel-side files (headers as C++), with the kernel's include paths."""
    failures = 0
    jobs = []
    for attempt in attempts:
        tree = replace_trees.get(attempt.name, combined)
        for rel in attempt.checked_files():
            command = [GCC, *GCC_FLAGS, f"-I{tree}", f"-I{tree}/arch/rv32"]
            if Path(rel).suffix == ".h":
                command += ["-x", "c++"]
            jobs.append((attempt, rel, command + [str(tree / rel)]))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: subprocess.run(job[2], capture_output=True, text=True), jobs))
    for (attempt, rel, _), result in zip(jobs, results):
        if result.returncode != 0:
            failures += 1
            errors = [line for line in result.stderr.splitlines() if "error" in line][:3]
            print(f"does not compile with GCC: {attempt.name}: {rel}: {' | '.join(errors)}")
    print(f"escape corpus: GCC syntax check: {len(jobs) - failures} of {len(jobs)} attempt files compile")


if __name__ == "__main__":
    sys.exit(main())
