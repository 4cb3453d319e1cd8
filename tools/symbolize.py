# SPDX-License-Identifier: Apache-2.0
"""Reading the kernel's console as run-qemu passes it through, and saying what its reports mean in source terms.

The kernel's own reports are complete without this (a real board has no host next to it): a process fault prints the
cause, pc and sp, the process's flash and RAM, its break and grants, and every register (kernel/fault.cpp,
arch/*/user_context.cpp); a kernel panic prints its file:line, why, and up to three values (kernel/panic_report.cpp).
`ConsoleWatcher` reads those lines and adds, after each report:
- for a process fault: the faulting pc and the return address (ra on RISC-V, lr on Cortex-M) as function and
  file:line, from the app's ELF (moved apps and position-independent ones are mapped back to the ELF's link
  addresses with the process's flash and RAM placement from the kernel's load line), and "stack overflow" when sp is
  below the process's RAM (its stack sits at the bottom);
- for a kernel panic: each value the panic names (pc, lr, mepc, ...) that lies in the kernel's code, from the kernel
  ELF.
It also notices when every process has ended. Symbols come from the cross binutils' addr2line.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from typing import Optional

import tbf

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
PREFIX = "run-qemu: "

# Searched anywhere in a line: a console prompt may come first.
LOAD_LINE = re.compile(r"keel: process '(?P<name>.*)' flash (?P<flash>0x[0-9a-f]+)-(?P<flash_end>0x[0-9a-f]+) "
                       r"ram (?P<ram>0x[0-9a-f]+)-(?P<ram_end>0x[0-9a-f]+)\s*$")
LOADED = re.compile(r"keel: (?P<count>\d+) process\(es\) loaded")
ENDED = re.compile(r"keel: process '(?P<name>.*)' (exited with code|stopped after) ")
FAULT = re.compile(r"keel: process '(?P<name>.*)' faulted: (?P<cause>.*)$")
FAULT_PC_SP = re.compile(r"^\s+pc (?P<pc>0x[0-9a-f]+)\s+sp (?P<sp>0x[0-9a-f]+)", re.M)
FAULT_MEMORY = re.compile(r"flash (?P<flash>0x[0-9a-f]+)-(?P<flash_end>0x[0-9a-f]+)\s+"
                          r"ram (?P<ram>0x[0-9a-f]+)-(?P<ram_end>0x[0-9a-f]+)")
REGISTER = re.compile(r"\b(?P<name>[a-z][a-z0-9]*)=(?P<value>0x[0-9a-f]+)")
# Names a panic gives its values that are code addresses (arch/*/kernel_*.cpp).
CODE_VALUES = {"pc", "lr", "ra", "mepc"}
PANIC = re.compile(r"Kernel panic at (?P<site>\S+): (?P<why>.*?)(?P<values>(?: 0x[0-9a-f]+)+)?\s*$")


def relative(path: str) -> str:
    """A source path as the reader knows it: relative to Keel's tree when inside it."""
    if path.startswith(SOURCE_ROOT + os.sep):
        return os.path.relpath(path, SOURCE_ROOT)
    return path


class Addr2line:
    """function and file:line for addresses in an ELF, from <prefix>addr2line."""

    def __init__(self, binutils_prefix: str):
        self.tool = binutils_prefix + "addr2line"
        self.cache = {}

    def frames(self, elf: str, address: int) -> list:
        """['function at file:line', ...] innermost first (inlined calls), or [] when unknown."""
        key = (elf, address)
        if key not in self.cache:
            try:
                result = subprocess.run([self.tool, "-e", elf, "-f", "-C", "-i", "-p", f"{address:#x}"],
                                        capture_output=True, text=True, timeout=20)
                output = result.stdout if result.returncode == 0 else ""
            except (OSError, subprocess.TimeoutExpired):
                output = ""
            frames = []
            for line in output.splitlines():
                line = re.sub(r"^\s*\(inlined by\)\s*", "", line)
                line = re.sub(r"\s*\(discriminator \d+\)$", "", line).strip()
                match = re.fullmatch(r"(?P<function>.*) at (?P<file>.*):(?P<line>\d+|\?)", line)
                if not match or match.group("file") == "??":
                    continue
                frames.append(f"{match.group('function')} at {relative(match.group('file'))}:{match.group('line')}")
            self.cache[key] = frames
        return self.cache[key]

    def describe(self, elf: str, address: int) -> Optional[str]:
        frames = self.frames(elf, address)
        if not frames:
            return None
        return frames[0] + "".join(f", inlined in {outer}" for outer in frames[1:])


@dataclass
class AppSymbols:
    """An app's ELF and where its app binary and RAM were linked."""
    name: str
    elf: str
    link_binary: int   # link address of the app binary
    link_ram: Optional[int]
    app_offset: int    # TBF start to app binary

    @staticmethod
    def for_app(name: str, elf_path: str, app_offset: int) -> Optional["AppSymbols"]:
        try:
            with open(elf_path, "rb") as file:
                image = tbf.app_image(tbf.Elf(file.read(), elf_path))
        except (OSError, tbf.ElfError):
            return None
        return AppSymbols(name, elf_path, image.flash_origin, image.ram_origin, app_offset)


@dataclass
class Process:
    name: str
    flash: int
    flash_end: int
    ram: int
    ram_end: int


@dataclass
class _Report:
    name: str
    cause: str
    lines: list = field(default_factory=list)


class ConsoleWatcher:
    """Feed it the console line by line (`line()`); it returns lines to print after each."""

    def __init__(self, addr2line: Addr2line, kernel_elf: Optional[str], apps: dict):
        self.addr2line = addr2line
        self.kernel_elf = kernel_elf
        self.apps = apps            # TBF start address -> AppSymbols
        self.processes = {}         # TBF start address -> Process, from the load lines
        self.loaded = None          # how many the kernel said it loaded
        self.ended = 0
        self.all_ended_said = False
        self.report = None
        self._kernel_code = None
        self.on_load = None         # called with each Process as its load line arrives; returns lines to print

    def line(self, text: str) -> list:
        text = text.rstrip("\r\n")
        out = []
        if self.report is not None:
            if text.startswith(" ") and text.strip():
                self.report.lines.append(text)
                if "pc=0x" in text:  # the last line of the register dump
                    out += self._fault(self.report)
                    self.report = None
                return out
            out += self._fault(self.report)
            self.report = None
        stripped = text.lstrip("\0")
        if match := LOAD_LINE.search(stripped):
            start = int(match.group("flash"), 16)
            process = Process(match.group("name"), start, int(match.group("flash_end"), 16),
                              int(match.group("ram"), 16), int(match.group("ram_end"), 16))
            self.processes[start] = process
            if self.on_load is not None:
                out += self.on_load(process)
        elif match := LOADED.search(stripped):
            self.loaded = int(match.group("count"))
            out += self._maybe_all_ended()
        elif match := FAULT.search(stripped):
            self.report = _Report(match.group("name"), match.group("cause"))
        elif ENDED.search(stripped):
            self.ended += 1
            out += self._maybe_all_ended()
        elif match := PANIC.search(stripped):
            out += self._panic(match)
        return out

    def finish(self) -> list:
        """At the end of the output: a report cut short still gets what can be said."""
        out = self._fault(self.report) if self.report is not None else []
        self.report = None
        return out

    def _maybe_all_ended(self) -> list:
        if self.all_ended_said or self.loaded is None or self.ended < self.loaded:
            return []
        self.all_ended_said = True
        if self.loaded == 0:
            return [PREFIX + "no process was loaded"]
        return [PREFIX + f"all {self.loaded} process(es) have ended"]

    # Process faults -------------------------------------------------------------------------------------------------

    def _fault(self, report: _Report) -> list:
        text = "\n".join(report.lines)
        pc_sp = FAULT_PC_SP.search(text)
        memory = FAULT_MEMORY.search(text)
        registers = {m.group("name"): int(m.group("value"), 16) for m in REGISTER.finditer(text)}
        if pc_sp is None or memory is None:
            return []
        pc, sp = int(pc_sp.group("pc"), 16), int(pc_sp.group("sp"), 16)
        flash, flash_end = int(memory.group("flash"), 16), int(memory.group("flash_end"), 16)
        ram = int(memory.group("ram"), 16)
        out = []
        app = self.apps.get(flash)
        who = f"'{report.name}'"
        if app is None:
            out.append(PREFIX + f"{who} faulted at pc {pc:#010x} (no ELF known for it: run-qemu symbolizes the apps "
                                f"it lays out whose ELF sits next to their TBF)")
        else:
            flash_delta = flash + app.app_offset - app.link_binary
            ram_delta = (ram - app.link_ram) if app.link_ram is not None else 0
            out.append(PREFIX + f"{who} faulted at pc {pc:#010x}"
                       + self._in_app(app, pc, flash, flash_end, flash_delta, ram_delta, return_address=False))
            for name in ("ra", "lr"):
                if name in registers:
                    value = registers[name]
                    out.append(PREFIX + f"  {name} {value:#010x} (return address)"
                               + self._in_app(app, value, flash, flash_end, flash_delta, ram_delta,
                                              return_address=True))
        if sp < ram:
            out.append(PREFIX + f"  stack overflow: sp {sp:#010x} is {ram - sp} bytes below the process's RAM "
                                f"(from {ram:#010x}), where its stack ends; give the app a bigger stack "
                                f"(keel_app(... STACK_SIZE bytes), 2048 by default)")
        return out

    def _in_app(self, app: AppSymbols, address: int, flash: int, flash_end: int, flash_delta: int, ram_delta: int,
                return_address: bool) -> str:
        code = address & ~1  # a Thumb address has bit 0 set
        if not flash <= code < flash_end:
            return f": outside the app's flash ({flash:#010x}-{flash_end:#010x})"
        linked = code - flash_delta
        # A return address follows the call: look up the call itself.
        where = self.addr2line.describe(app.elf, linked - 1 if return_address else linked)
        at = f" ({os.path.basename(app.elf)} {linked:#x})" if flash_delta or ram_delta else ""
        if where is None:
            return f": no line information in {relative(app.elf)}{at}"
        return f": {where}{at}"

    # Kernel panics ----------------------------------------------------------------------------------------------

    def _panic(self, match: re.Match) -> list:
        if self.kernel_elf is None or not match.group("values"):
            return []
        values = [int(v, 16) for v in match.group("values").split()]
        named = re.search(r"\(([^()]*)\)\s*$", match.group("why"))
        named_values = [n.strip() for n in named.group(1).split(",")] if named else []
        names = named_values + [f"value {i + 1}" for i in range(len(named_values), len(values))]
        out = []
        for index, (name, value) in enumerate(zip(names, values)):
            code = value & ~1
            # A value the panic names is symbolized only if the name says it is code (an address operand or a
            # status register may well lie in the kernel's code by chance); unnamed ones if they point into code.
            if (index < len(named_values) and name not in CODE_VALUES) or not self._in_kernel_code(code):
                continue
            # A return address (lr, ra) follows its call.
            where = self.addr2line.describe(self.kernel_elf, code - 1 if name in ("lr", "ra") else code)
            if where is not None:
                out.append(PREFIX + f"kernel panic: {name} {value:#010x}: {where}")
        return out

    def _in_kernel_code(self, address: int) -> bool:
        if self._kernel_code is None:
            try:
                with open(self.kernel_elf, "rb") as file:
                    elf = tbf.Elf(file.read(), self.kernel_elf)
                self._kernel_code = [(s.addr, s.addr + s.size) for s in elf.sections
                                     if s.flags & tbf.SHF_EXECINSTR and s.flags & tbf.SHF_ALLOC]
            except (OSError, tbf.ElfError):
                self._kernel_code = []
        return any(start <= address < end for start, end in self._kernel_code)
