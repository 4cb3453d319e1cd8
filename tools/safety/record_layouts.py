# SPDX-License-Identifier: Apache-2.0
"""One definition per class, across translation units: every unit of a target must see the same layout of every
class it shares with another unit.

A class defined twice with different members (an untrusted .cpp that defines its own, smaller
`keel::arch::UserContext`; a header whose members depend on what was included before it) breaks the one definition
rule, which no check of a single unit can see: code compiled against one definition (a trusted function, the
assembly's offsets) then reads and writes an object laid out by the other, out of its bounds or as another type.
GCC finds this only when linking with LTO; this check asks clang for the layout of every complete class in every
unit (-fdump-record-layouts-complete: members, offsets, types, sizes) and compares them per target.

Classes in an unnamed namespace (each unit has its own) and lambdas' closure types (named by their place) are left
out. A mismatch is reported at each place the class is defined, found with clang's AST dump of that name.
"""

import concurrent.futures
import re
import subprocess
from pathlib import Path

BLOCK = re.compile(r"\*\*\* Dumping AST Record Layout\n(.*?)(?:\n\n|\Z)", re.S)
DEFINITION = re.compile(r"^\w*RecordDecl 0x[0-9a-f]+ (?:prev 0x[0-9a-f]+ )?(?:parent 0x[0-9a-f]+ )?"
                        r"<(?P<file>[^:<>]+):(?P<line>\d+):\d+.*\bdefinition\b")
LOCAL = ("(anonymous namespace)", "(lambda at", "(unnamed struct at", "(unnamed class at")


def layouts(clang, directory, source, arguments):
    """{class name: its layout as clang prints it} for one unit, or None if clang cannot compile it."""
    result = subprocess.run([clang, *arguments, "-fsyntax-only", "-Wno-everything", "-Xclang",
                             "-fdump-record-layouts-complete", "-Xclang", "-fdump-record-layouts", str(source)],
                            cwd=directory, capture_output=True, text=True)
    if result.returncode != 0:
        return None
    found = {}
    for match in BLOCK.finditer(result.stdout):
        text = match.group(1).strip()
        name = text.splitlines()[0].split("|", 1)[1].strip()
        if not any(marker in name for marker in LOCAL):
            found[name] = text
    return found


def definitions(clang, directory, source, arguments, name):
    """[(file, line)] where `name` (without its template arguments) is defined, as one unit sees it."""
    stem = re.sub(r"^(class|struct) ", "", name).split("<", 1)[0]
    result = subprocess.run([clang, *arguments, "-fsyntax-only", "-Wno-everything", "-Xclang", "-ast-dump",
                             "-Xclang", "-ast-dump-filter=" + stem, str(source)],
                            cwd=directory, capture_output=True, text=True)
    places, lines = [], result.stdout.splitlines()
    for index, line in enumerate(lines):
        if line == f"Dumping {stem}:" and index + 1 < len(lines):
            match = DEFINITION.match(lines[index + 1])
            if match:
                path = Path(match.group("file"))
                places.append((str(path if path.is_absolute() else Path(directory) / path), int(match.group("line"))))
    return places


def check(clang, units, relative, problems, jobs=2):
    """units: [(target, directory, source, arguments)]. Adds a `one-definition` problem at each definition of a class
    that two units of one target see laid out differently. `relative` maps a path to its root-relative form (None
    outside the root). Returns how many units were compared."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(lambda unit: (unit, layouts(clang, unit[1], unit[2], unit[3])), units))
    seen = {}
    for unit, found in results:
        for name, text in (found or {}).items():
            seen.setdefault((unit[0], name), {}).setdefault(text, unit)
    compared = sum(1 for _, found in results if found is not None)
    for (target, name), variants in sorted(seen.items()):
        if len(variants) < 2:
            continue
        places = set()
        for _, directory, source, arguments in variants.values():
            places |= {(relative(path), line) for path, line in definitions(clang, directory, source, arguments,
                                                                             name)}
        places = {place for place in places if place[0] is not None} or {
            (relative(unit[2]), 1) for unit in variants.values()}
        for path, line in sorted(places):
            problems.add(path, line, "one-definition",
                         f"{name} is laid out {len(variants)} different ways in the {target} units (one definition "
                         "rule): code compiled against one layout would reach outside an object of the other")
    return compared
