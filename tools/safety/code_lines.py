# SPDX-License-Identifier: Apache-2.0
"""Code lines per layer: a line counts when something other than a comment or blank remains on it. Trusted and all
code lines are reported per layer (kernel/core apart from the rest of kernel/) and in total."""

import re
from dataclasses import dataclass
from pathlib import Path

LAYERS = ("kernel/core", "kernel", "arch", "chips", "capsules", "boards")
ASSEMBLER_DIRECTIVE = re.compile(r"^#\s*(include|define|undef|if|ifdef|ifndef|elif|else|endif|error)\b")


def count(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".S":
        # GNU as on RISC-V and Arm: '#' starts a comment unless it is a preprocessor directive.
        text = "\n".join("" if line.lstrip().startswith("#") and not ASSEMBLER_DIRECTIVE.match(line.lstrip())
                         else line for line in text.splitlines())
    return sum(1 for line in strip_comments(text).splitlines() if line.strip())


def strip_comments(text):
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("\n" * text.count("\n", i, end))
            i = end
        elif text[i] in "\"'":
            quote, start = text[i], i
            i += 1
            while i < n and text[i] != quote and text[i] != "\n":
                i += 2 if text[i] == "\\" else 1
            i = min(i + 1, n)
            out.append(text[start:i])
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def layer_of(rel):
    return next(layer for layer in LAYERS if rel == layer or rel.startswith(layer + "/"))


@dataclass
class Table:
    text: str
    trusted_lines: int
    total_lines: int

    @property
    def trusted_percent(self):
        return 100.0 * self.trusted_lines / self.total_lines if self.total_lines else 0.0


def table(root, files, trusted, kernel_dirs):
    rows = {layer: [0, 0] for layer in LAYERS}
    for rel in files:
        lines = count(Path(root) / rel)
        row = rows[layer_of(rel)]
        row[1] += lines
        if rel in trusted:
            row[0] += lines
    out = ["code lines (comments and blank lines not counted):", f"  {'layer':<12} {'trusted':>8} {'all':>8}"]
    for layer in LAYERS:
        t, a = rows[layer]
        out.append(f"  {layer:<12} {t:>8} {a:>8}  {100.0 * t / a if a else 0:5.1f}%")
    trusted_total = sum(r[0] for r in rows.values())
    total = sum(r[1] for r in rows.values())
    percent = 100.0 * trusted_total / total if total else 0.0
    out.append(f"  {'total':<12} {trusted_total:>8} {total:>8}  {percent:5.1f}%")
    out.append(f"trusted lines: {trusted_total} / {total} ({percent:.1f}%)")
    return Table("\n".join(out), trusted_total, total)
