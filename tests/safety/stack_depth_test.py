#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Self-test of tools/stack-depth on tiny inputs: hand-written .su/.ci files, and two small C++ programs compiled and
linked with the rv32 cross compiler (-fstack-usage -fcallgraph-info=su). Proves that the tool sums a call chain,
finds a recursion cycle, bounds an indirect call (virtual and through a function pointer) by its deepest possible
target, rejects an unbounded dynamic frame, and fails when the stack is too small.

    python3 tests/safety/stack_depth_test.py
"""

import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "stack-depth"
CXX = "riscv64-unknown-elf-g++"
CXXFLAGS = ["-march=rv32imac", "-mabi=ilp32", "-Os", "-std=c++20", "-ffreestanding", "-fno-exceptions", "-fno-rtti",
            "-ffunction-sections", "-fdata-sections", "-fstack-usage", "-fcallgraph-info=su", "-c"]


def run_tool(*args):
    result = subprocess.run([sys.executable, str(TOOL), *map(str, args)], capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout + result.stderr


def depth_of(output, title):
    m = re.search(r"^stack depth: " + re.escape(title) + r" (\d+) \(path: (.*)\)$", output, re.M)
    if not m:
        raise AssertionError(f"no line for {title!r} in:\n{output}")
    return int(m.group(1)), m.group(2)


def frames(directory):
    """{demangled function name without parameters: bytes} from every .su file."""
    out = {}
    for su in Path(directory).glob("*.su"):
        for line in su.read_text().splitlines():
            m = re.match(r"^.*?:\d+:\d+:(.*)\t(\d+)\t\w", line)
            if m:
                name = re.sub(r"\(.*$", "", m.group(1)).split()[-1]
                out[name] = max(out.get(name, 0), int(m.group(2)))
    return out


class Synthetic(unittest.TestCase):
    """Hand-written GCC outputs (no objects, no ELF): the graph logic alone."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="stack-depth-"))

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, functions, edges, qualifiers=None):
        """functions: {mangled: (demangled, bytes)}; edges: [(caller, callee)]."""
        source = self.dir / "s.cpp"
        source.write_text("// synthetic\n")
        qualifiers = qualifiers or {}
        ci = [f'graph: {{ title: "{source}"']
        su = []
        for line, (mangled, (name, size)) in enumerate(functions.items(), 1):
            q = qualifiers.get(mangled, "static")
            ci.append(f'node: {{ title: "{mangled}" label: "{name}\\n{source}:{line}:6\\n{size} bytes ({q})" }}')
            su.append(f"{source}:{line}:6:{name}\t{size}\t{q}")
        for caller, callee in edges:
            ci.append(f'edge: {{ sourcename: "{caller}" targetname: "{callee}" label: "{source}:1:1" }}')
        ci.append("}")
        (self.dir / "s.cpp.ci").write_text("\n".join(ci) + "\n")
        (self.dir / "s.cpp.su").write_text("\n".join(su) + "\n")

    def tool(self, *extra):
        return run_tool("--objects", self.dir, "--trap", "none", *extra)

    def test_sums_a_chain(self):
        self.write({"_Z4rootv": ("void root()", 32), "_Z3midv": ("void mid()", 48), "_Z4leafv": ("void leaf()", 16),
                    "_Z5otherv": ("void other()", 8)},
                   [("_Z4rootv", "_Z3midv"), ("_Z3midv", "_Z4leafv"), ("_Z4rootv", "_Z5otherv")])
        code, out = self.tool("--entry", "root", "--stack-size", "96")
        self.assertEqual(code, 0, out)
        depth, path = depth_of(out, "root")
        self.assertEqual(depth, 32 + 48 + 16)
        self.assertEqual(path, "root -> mid -> leaf")
        self.assertIn("kernel stack: worst 96 of 96 bytes (100%)", out)

    def test_stack_too_small(self):
        self.write({"_Z4rootv": ("void root()", 32), "_Z4leafv": ("void leaf()", 16)}, [("_Z4rootv", "_Z4leafv")])
        code, out = self.tool("--entry", "root", "--stack-size", "47")
        self.assertEqual(code, 1, out)
        self.assertIn("kernel stack: worst 48 of 47 bytes", out)
        self.assertIn("exceeds the kernel stack of 47 bytes", out)

    def test_recursion(self):
        self.write({"_Z4rootv": ("void root()", 16), "_Z1av": ("void a()", 16), "_Z1bv": ("void b()", 16)},
                   [("_Z4rootv", "_Z1av"), ("_Z1av", "_Z1bv"), ("_Z1bv", "_Z1av")])
        code, out = self.tool("--entry", "root", "--stack-size", "4096")
        self.assertEqual(code, 1, out)
        self.assertRegex(out, r"stack: recursion: (a -> b -> a|b -> a -> b)")

    def test_dynamic_frame(self):
        self.write({"_Z4rootv": ("void root()", 16), "_Z1av": ("void a()", 16), "_Z1bv": ("void b()", 24)},
                   [("_Z4rootv", "_Z1av"), ("_Z4rootv", "_Z1bv")], {"_Z1av": "dynamic", "_Z1bv": "dynamic,bounded"})
        code, out = self.tool("--entry", "root", "--stack-size", "4096")
        self.assertEqual(code, 1, out)
        self.assertIn("a has a dynamic (unbounded) stack frame", out)
        self.assertNotIn("b has a dynamic", out)


PROGRAM_TARGETS = """
    // The callees: two virtual methods of different depth, two functions whose address is taken, a plain chain.
    struct Base { virtual int run(int x) const; };
    struct Small : Base { int run(int x) const override; };
    struct Big : Base { int run(int x) const override; };
    int Base::run(int x) const { char volatile b[8]; b[0] = x; return b[0]; }
    int Small::run(int x) const { char volatile b[24]; b[0] = x; return b[0]; }
    int Big::run(int x) const { char volatile b[400]; b[0] = x; b[399] = x; return b[x & 1]; }
    Small const small_object;
    Big const big_object;
    Base const& pick(int x) { if (x != 0) { return big_object; } return small_object; }

    __attribute__((noinline)) int leaf(int x) { char volatile b[40]; b[0] = x; return b[0]; }
    __attribute__((noinline)) int middle(int x) { char volatile b[100]; b[0] = leaf(x); return b[0] + 1; }

    int deep_function(int x) { char volatile b[600]; b[0] = x; b[599] = x; return b[x & 1]; }
    int shallow_function(int x) { return x + 1; }
    using Function = int (*)(int);
    Function choose(int x) { return (x & 1) != 0 ? deep_function : shallow_function; }

    #define NOINLINE __attribute__((noinline, noipa))
    NOINLINE int odd(int n);
    NOINLINE int even(int n) { char volatile b[16]; b[0] = n; return n == 0 ? 1 : 1 + odd(b[0] - 1); }
    NOINLINE int odd(int n) { char volatile b[16]; b[0] = n; return n == 0 ? 0 : 1 + even(b[0] - 1); }
"""

PROGRAM_CALLERS = """
    // The callers, in another file so that the compiler cannot see the targets.
    struct Base { virtual int run(int x) const; };
    Base const& pick(int x);
    int middle(int x);
    using Function = int (*)(int);
    Function choose(int x);
    int even(int n);

    #define NOINLINE __attribute__((noinline))
    NOINLINE int call_virtual(Base const& b, int x) { char volatile k[32]; k[0] = b.run(x); return k[0]; }
    NOINLINE int call_pointer(Function f, int x) { char volatile k[48]; k[0] = f(x); return k[0]; }

    extern "C" int chain_entry(int x) { return middle(x) + 1; }
    extern "C" int virtual_entry(int x) { return call_virtual(pick(x), x) + 1; }
    extern "C" int pointer_entry(int x) { return call_pointer(choose(x), x) + 1; }
    extern "C" int recursive_entry(int x) { return even(x); }
"""


@unittest.skipUnless(shutil.which(CXX), f"{CXX} not installed")
class Compiled(unittest.TestCase):
    """Real GCC outputs and objects: C++ compiled and linked for rv32 (one ELF per entry, --gc-sections)."""

    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="stack-depth-cc-"))
        for name, text in (("targets.cpp", PROGRAM_TARGETS), ("callers.cpp", PROGRAM_CALLERS)):
            (cls.dir / name).write_text(textwrap.dedent(text))
            subprocess.run([CXX, *CXXFLAGS, name, "-o", name + ".obj"], cwd=cls.dir, check=True)
        cls.frames = frames(cls.dir)
        cls.elves = {}
        for entry in ("chain_entry", "virtual_entry", "pointer_entry", "recursive_entry"):
            elf = cls.dir / f"{entry}.elf"
            subprocess.run([CXX, "-march=rv32imac", "-mabi=ilp32", "-nostdlib", "-nostartfiles", f"-Wl,-e,{entry}",
                            "-Wl,--gc-sections", "targets.cpp.obj", "callers.cpp.obj", "-o", elf.name],
                           cwd=cls.dir, check=True)
            cls.elves[entry] = elf

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def tool(self, entry, stack_size=100000):
        return run_tool("--objects", self.dir, "--elf", self.elves[entry], "--entry", entry, "--trap", "none",
                        "--stack-size", stack_size)

    def test_sums_a_chain(self):
        code, out = self.tool("chain_entry")
        self.assertEqual(code, 0, out)
        depth, path = depth_of(out, "chain_entry")
        f = self.frames
        self.assertEqual(depth, f["chain_entry"] + f["middle"] + f["leaf"])
        self.assertEqual(path, "chain_entry -> middle -> leaf")

    def test_virtual_call_bounded_by_deepest_override(self):
        code, out = self.tool("virtual_entry")
        self.assertEqual(code, 0, out)
        depth, path = depth_of(out, "virtual_entry")
        f = self.frames
        self.assertEqual(depth, f["virtual_entry"] + f["call_virtual"] + f["Big::run"])
        self.assertIn("call_virtual -> Big::run", path)

    def test_pointer_call_bounded_by_deepest_address_taken_function(self):
        code, out = self.tool("pointer_entry")
        self.assertEqual(code, 0, out)
        depth, path = depth_of(out, "pointer_entry")
        f = self.frames
        self.assertEqual(depth, f["pointer_entry"] + f["call_pointer"] + f["deep_function"])
        self.assertIn("call_pointer -> deep_function", path)

    def test_recursion_found(self):
        code, out = self.tool("recursive_entry")
        self.assertEqual(code, 1, out)
        self.assertRegex(out, r"stack: recursion: (even -> odd -> even|odd -> even -> odd)")

    def test_recursion_in_dead_code_ignored(self):
        code, out = self.tool("chain_entry")  # even/odd are not linked into this image
        self.assertNotIn("recursion", out)

    def test_fails_when_stack_too_small(self):
        f = self.frames
        need = f["virtual_entry"] + f["call_virtual"] + f["Big::run"]
        code, out = self.tool("virtual_entry", need)
        self.assertEqual(code, 0, out)
        code, out = self.tool("virtual_entry", need - 1)
        self.assertEqual(code, 1, out)
        self.assertIn(f"kernel stack: worst {need} of {need - 1} bytes", out)


if __name__ == "__main__":
    unittest.main()
