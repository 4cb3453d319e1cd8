#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Self-test of tools/stack-depth on tiny inputs: hand-written .su/.ci files, and two small C++ programs compiled and
linked with the rv32 cross compiler (-fstack-usage -fcallgraph-info=su). Proves that the tool sums a call chain,
finds a recursion cycle, bounds an indirect call (virtual and through a function pointer) by its deepest possible
target, rejects an unbounded dynamic frame, and fails when the stack is too small. And that a virtual call is
resolved by GCC's type of it (the tool re-runs the compile commands for GCC's GIMPLE and class layouts): a call through
one interface never reaches an override of a same-named method of another interface, same-named classes in two
namespaces are told apart, secondary bases reach their thunks, a virtualizer typed as its own interface is reported as
recursion and one typed as a distinct lower interface is not; without compile commands every virtual function is a
target; and object code that does not match GCC's GIMPLE is caught. And the Cortex-M (mps2-an386) model, on the real
arch/cortex-m/start.S and switch.S linked with a small C++ kernel by the ARM cross compiler: worst = reset's deepest
path (keel_cm_switch_to_user's push and svc frame included) + the 36-byte exception frame + the deepest handler (the
fault handler's guarded panic path); the assembly table, the vector table and interrupt masking checked against the
code; the Thumb code reader on objdump lines.

    python3 tests/safety/stack_depth_test.py
"""

import json
import os
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


# Interfaces in the shape of the kernel's HILs, shared by both files of the typed programs.
PROGRAM_INTERFACES = """
    #define NOINLINE __attribute__((noinline, noipa))
    namespace ent {
    struct Client { virtual int ready(int x) const = 0; };
    struct Source { virtual int get(int x) const = 0; virtual void set_client(Client const* c) const = 0; };
    }  // namespace ent
    namespace rng {
    struct Client { virtual int done(int x) const = 0; };
    struct Rng { virtual int get(int x) const = 0; virtual void set_client(Client const* c) const = 0; };
    }  // namespace rng
    // An rng::Rng over an ent::Source that is also the source's ent::Client (like capsules::RandomFromEntropy):
    // rng::Rng::get and ent::Source::get have the same name, signature and vtable index.
    struct Adapter final : rng::Rng, ent::Client {
      explicit constexpr Adapter(ent::Source const* s) : source(s) {}
      int get(int x) const override;
      void set_client(rng::Client const* c) const override;
      int ready(int x) const override;
      ent::Source const* source;
      mutable rng::Client const* client = nullptr;
    };
    struct Hardware final : ent::Source {
      int get(int x) const override;
      void set_client(ent::Client const* c) const override;
      int interrupt(int x) const;
      mutable ent::Client const* client = nullptr;
    };
    struct Driver final : rng::Client { int done(int x) const override; };

    // A virtualizer typed as its own interface (a cycle by type), and one over a distinct lower interface, which
    // the hardware timer implements as a second base (reached through a non-virtual thunk).
    struct Timer { virtual int now(int x) const = 0; };
    struct LowerTimer { virtual int now(int x) const = 0; };
    struct HwTimer final : Timer, LowerTimer { int now(int x) const override; };
    struct SelfTypedVirtualTimer final : Timer {
      explicit constexpr SelfTypedVirtualTimer(Timer const* l) : lower(l) {}
      int now(int x) const override;
      Timer const* lower;
    };
    struct TypedVirtualTimer final : Timer {
      explicit constexpr TypedVirtualTimer(LowerTimer const* l) : lower(l) {}
      int now(int x) const override;
      LowerTimer const* lower;
    };
    rng::Rng const& pick_rng(int x);
    Hardware const& hardware();
    Timer const& pick_self_typed_timer(int x);
    Timer const& pick_typed_timer(int x);
"""

PROGRAM_TYPED_TARGETS = PROGRAM_INTERFACES + """
    int Adapter::get(int x) const { return source->get(x) + 1; }
    void Adapter::set_client(rng::Client const* c) const { client = c; }
    int Adapter::ready(int x) const { char volatile b[40]; b[0] = x; return client->done(b[0]) + 1; }
    int Hardware::get(int x) const { char volatile b[300]; b[0] = x; b[299] = x; return b[x & 1]; }
    void Hardware::set_client(ent::Client const* c) const { client = c; }
    int Hardware::interrupt(int x) const { char volatile b[24]; b[0] = x; return client->ready(b[0]) + 1; }
    int Driver::done(int x) const { char volatile b[500]; b[0] = x; b[499] = x; return b[x & 1]; }
    int HwTimer::now(int x) const { char volatile b[200]; b[0] = x; b[199] = x; return b[x & 1]; }
    int SelfTypedVirtualTimer::now(int x) const { char volatile b[16]; b[0] = x; return lower->now(b[0]) + 1; }
    int TypedVirtualTimer::now(int x) const { char volatile b[32]; b[0] = x; return lower->now(b[0]) + 1; }

    Hardware const hardware_object;
    Driver const driver_object;
    Adapter const adapter_object(&hardware_object);
    HwTimer const hw_timer;
    SelfTypedVirtualTimer const self_typed_timer(&hw_timer);
    TypedVirtualTimer const typed_timer(&hw_timer);
    rng::Rng const& pick_rng(int) { return adapter_object; }
    Hardware const& hardware() {
      hardware_object.set_client(&adapter_object);
      adapter_object.set_client(&driver_object);
      return hardware_object;
    }
    Timer const& pick_self_typed_timer(int x) { if (x != 0) { return self_typed_timer; } return hw_timer; }
    Timer const& pick_typed_timer(int x) { if (x != 0) { return typed_timer; } return hw_timer; }
"""

PROGRAM_TYPED_CALLERS = PROGRAM_INTERFACES + """
    NOINLINE int call_rng(rng::Rng const& r, int x) { char volatile k[16]; k[0] = r.get(x); return k[0]; }
    NOINLINE int call_timer(Timer const& t, int x) { char volatile k[16]; k[0] = t.now(x); return k[0]; }
    extern "C" int rng_entry(int x) { return call_rng(pick_rng(x), x) + 1; }
    extern "C" int interrupt_entry(int x) { return hardware().interrupt(x) + 1; }
    extern "C" int self_typed_timer_entry(int x) { return call_timer(pick_self_typed_timer(x), x) + 1; }
    extern "C" int typed_timer_entry(int x) { return call_timer(pick_typed_timer(x), x) + 1; }
"""


def compile_units(directory, units, entries, cxx=CXX, cxxflags=CXXFLAGS, link_flags=("-march=rv32imac", "-mabi=ilp32"),
                  extra_objects=()):
    """Compiles {file name: source} into NAME.obj with a compile_commands.json beside them (the tool asks GCC with
    it), and links one ELF per entry (--gc-sections), with extra_objects (already built, in directory)."""
    database = []
    for name, text in units.items():
        (directory / name).write_text(textwrap.dedent(text))
        arguments = [cxx, *cxxflags, name, "-o", name + ".obj"]
        subprocess.run(arguments, cwd=directory, check=True)
        database.append({"directory": str(directory), "arguments": arguments, "file": name})
    (directory / "compile_commands.json").write_text(json.dumps(database, indent=1))
    elves = {}
    for entry in entries:
        elf = directory / f"{entry}.elf"
        subprocess.run([cxx, *link_flags, "-nostdlib", "-nostartfiles", f"-Wl,-e,{entry}",
                        "-Wl,--gc-sections", *(name + ".obj" for name in units), *extra_objects, "-o", elf.name],
                       cwd=directory, check=True)
        elves[entry] = elf
    return elves


@unittest.skipUnless(shutil.which(CXX), f"{CXX} not installed")
class Compiled(unittest.TestCase):
    """Real GCC outputs and objects: C++ compiled and linked for rv32 (one ELF per entry, --gc-sections)."""

    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="stack-depth-cc-"))
        cls.elves = compile_units(cls.dir, {"targets.cpp": PROGRAM_TARGETS, "callers.cpp": PROGRAM_CALLERS},
                                  ("chain_entry", "virtual_entry", "pointer_entry", "recursive_entry"))
        cls.frames = frames(cls.dir)

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


# Escape 434: two same-named polymorphic classes in one unit, and a recursion through the second written as a macro
# call, whose site shows neither the method's name nor its class's: narrowing by the site's names dropped the real
# target, and with it the cycle.
PROGRAM_MACRO_SITE = """
    #define NOINLINE __attribute__((noinline))
    #define REST_OF_LINE(part, count) (part).print(part, count)
    namespace sequence { struct Client { virtual int print(Client const& next, int remaining) const = 0; }; }
    namespace line {
    struct Client { virtual int print(Client const& next, int remaining) const = 0; };
    struct Mark final : Client {
      int print(Client const& next, int remaining) const override {
        return remaining == 0 ? 0 : REST_OF_LINE(next, remaining - 1) + 1;
      }
    };
    struct End final : Client { int print(Client const&, int remaining) const override { return remaining; } };
    }  // namespace line
    NOINLINE line::Client const& pick_part(int x) {
      static line::Mark const mark;
      static line::End const end;
      if (x) { return mark; }
      return end;
    }
    extern "C" int macro_site_entry(int x) { line::Client const& first = pick_part(x); return first.print(first, x); }
"""


@unittest.skipUnless(shutil.which(CXX), f"{CXX} not installed")
class MacroSite(unittest.TestCase):
    """A virtual call written through a macro is not narrowed by the names at its site."""

    def test_recursion_through_a_macro_call_is_found(self):
        directory = Path(tempfile.mkdtemp(prefix="stack-depth-macro-"))
        try:
            elves = compile_units(directory, {"macro_site.cpp": PROGRAM_MACRO_SITE}, ("macro_site_entry",))
            code, out = run_tool("--objects", directory, "--elf", elves["macro_site_entry"], "--entry",
                                 "macro_site_entry", "--trap", "none", "--stack-size", 100000)
            self.assertEqual(code, 1, out)
            self.assertIn("stack: recursion through indirect calls: line::Mark::print", out)
        finally:
            shutil.rmtree(directory)


@unittest.skipUnless(shutil.which(CXX), f"{CXX} not installed")
class Typed(unittest.TestCase):
    """Virtual calls resolved by GCC's own types (OBJ_TYPE_REF class and vtable index, class layouts)."""

    ENTRIES = ("rng_entry", "interrupt_entry", "self_typed_timer_entry", "typed_timer_entry")

    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="stack-depth-typed-"))
        cls.elves = compile_units(cls.dir, {"typed_targets.cpp": PROGRAM_TYPED_TARGETS,
                                            "typed_callers.cpp": PROGRAM_TYPED_CALLERS}, cls.ENTRIES)
        cls.frames = frames(cls.dir)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def tool(self, entry, *extra):
        return run_tool("--objects", self.dir, "--elf", self.elves[entry], "--entry", entry, "--trap", "none",
                        "--stack-size", 100000, *extra)

    def test_same_method_name_of_another_interface_is_no_target(self):
        # Adapter::get calls source->get() (ent::Source); rng::Rng::get, which Adapter::get overrides, has the
        # same name and vtable index: by name alone Adapter::get would be its own target.
        code, out = self.tool("rng_entry", "--verbose")
        self.assertEqual(code, 0, out)
        self.assertIn("typed by GCC", out)
        self.assertNotIn("recursion", out)
        depth, path = depth_of(out, "rng_entry")
        f = self.frames
        self.assertEqual(path, "rng_entry -> call_rng(rng::Rng const&, int) -> Adapter::get -> Hardware::get"
                         if "(" in path else "rng_entry -> call_rng -> Adapter::get -> Hardware::get")
        self.assertEqual(depth, f["rng_entry"] + f["call_rng"] + f["Adapter::get"] + f["Hardware::get"])
        self.assertRegex(out, r"virtual ent::Source::get\(\) call in Adapter::get: 1 targets, deepest Hardware::get")

    def test_same_named_classes_told_apart(self):
        # Adapter::ready (an ent::Client override) calls client->done() on an rng::Client: GCC's dump names both
        # classes "Client", and index 0 of ent::Client is Adapter::ready itself.
        code, out = self.tool("interrupt_entry", "--verbose")
        self.assertEqual(code, 0, out)
        self.assertNotIn("recursion", out)
        depth, path = depth_of(out, "interrupt_entry")
        self.assertTrue(path.endswith("Adapter::ready -> Driver::done"), path)
        self.assertIn("Hardware::interrupt -> non-virtual thunk to Adapter::ready", path)
        self.assertRegex(out, r"virtual rng::Client::done\(\) call in Adapter::ready: 1 targets")

    def test_virtualizer_typed_as_its_own_interface_is_recursion(self):
        code, out = self.tool("self_typed_timer_entry")
        self.assertEqual(code, 1, out)
        self.assertIn("stack: recursion through indirect calls: SelfTypedVirtualTimer::now -> "
                      "SelfTypedVirtualTimer::now", out)

    def test_virtualizer_over_a_distinct_lower_interface_is_bounded(self):
        code, out = self.tool("typed_timer_entry")
        self.assertEqual(code, 0, out)
        depth, path = depth_of(out, "typed_timer_entry")
        self.assertEqual(path, "typed_timer_entry -> call_timer -> TypedVirtualTimer::now -> non-virtual thunk to "
                               "HwTimer::now(int) const -> HwTimer::now")
        f = self.frames
        self.assertEqual(depth, f["typed_timer_entry"] + f["call_timer"] + f["TypedVirtualTimer::now"] +
                         f["HwTimer::now"])  # the thunk pushes nothing

    def test_without_compile_commands_every_virtual_function_is_a_target(self):
        code, out = self.tool("rng_entry", "--compile-commands", "none")
        self.assertEqual(code, 1, out)
        self.assertIn("0 of", out)
        self.assertIn("recursion through indirect calls", out)

    def test_object_code_not_matching_gimple_is_caught(self):
        # Built with the second virtual method called; then the source's declarations swap places (same columns,
        # mtime put back so that it looks unchanged): GCC's GIMPLE now says index 0, the object loads index 1.
        work = Path(tempfile.mkdtemp(prefix="stack-depth-mismatch-"))
        try:
            declarations = "struct I { virtual int f(int x) const; virtual int g(int x) const; };"
            body = """
                int I::f(int x) const { return x; }
                int I::g(int x) const { return x + 1; }
                extern "C" __attribute__((noinline)) int call_g(I const& i, int x) { return i.g(x) + 1; }
                I const object;
                extern "C" int mismatch_entry(int x) { return call_g(object, x); }
            """
            elves = compile_units(work, {"mismatch.cpp": declarations + body}, ("mismatch_entry",))
            source = work / "mismatch.cpp"
            stamp = source.stat()
            swapped = declarations.replace("f(int x)", "@").replace("g(int x)", "f(int x)").replace("@", "g(int x)")
            source.write_text(textwrap.dedent(swapped + body))
            os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
            result = run_tool("--objects", work, "--elf", elves["mismatch_entry"], "--entry", "mismatch_entry",
                              "--trap", "none", "--stack-size", 100000)
            self.assertEqual(result[0], 1, result[1])
            self.assertIn("the dump does not match the object (build again)", result[1])
        finally:
            shutil.rmtree(work)


PROGRAM_GUARDED = """
namespace keel {
[[noreturn, gnu::noinline]] void stop_after_panic() { for (;;) { asm volatile(""); } }
[[noreturn]] void panic(int why);
static bool reporting = false;
[[gnu::noinline]] void report(int why) {
  volatile int buffer[16];
  buffer[why & 15] = why;
  if (buffer[3] == 7) { panic(why + 1); }  // reporting itself can panic
}
[[noreturn, gnu::noinline]] void report_panic_once(int why) {
  if (reporting) { stop_after_panic(); }
  reporting = true;
  report(why);
  stop_after_panic();
}
[[noreturn, gnu::noinline]] void panic(int why) { report_panic_once(why); }
}  // namespace keel
extern "C" [[noreturn]] void guarded_entry() { keel::panic(1); }
"""

PROGRAM_BROKEN_GUARD = PROGRAM_GUARDED.replace(
    'void stop_after_panic() { for (;;) { asm volatile(""); } }',
    "void stop_after_panic();").replace(
    "[[noreturn, gnu::noinline]] void panic(int why) { report_panic_once(why); }",
    "[[noreturn, gnu::noinline]] void panic(int why) { report_panic_once(why); }\n"
    "[[noreturn, gnu::noinline]] void stop_after_panic() { report_panic_once(0); }")


@unittest.skipUnless(shutil.which(CXX), f"{CXX} not installed")
class Guarded(unittest.TestCase):
    """The panic path's sanctioned re-entry: a panic while reporting one stops at once (keel::report_panic_once)."""

    def run_program(self, text):
        directory = Path(tempfile.mkdtemp(prefix="stack-depth-guard-"))
        self.addCleanup(shutil.rmtree, directory)
        elves = compile_units(directory, {"guarded.cpp": text}, ("guarded_entry",))
        code, out = run_tool("--objects", directory, "--elf", elves["guarded_entry"], "--entry", "guarded_entry",
                             "--trap", "none", "--stack-size", 100000)
        return code, out, frames(directory)

    def test_reentry_through_the_guard_is_bounded(self):
        code, out, f = self.run_program(PROGRAM_GUARDED)
        self.assertEqual(code, 0, out)
        self.assertNotIn("recursion", out)
        depth, path = depth_of(out, "guarded_entry")
        once = f["keel::report_panic_once"]
        expected = (f["guarded_entry"] + f["keel::panic"] + once + f["keel::report"] + f["keel::panic"] + once +
                    f["keel::stop_after_panic"])
        self.assertEqual(depth, expected, out)
        self.assertIn("re-entered, stops", path)

    def test_a_guard_exit_that_reports_again_is_refused(self):
        code, out, _ = self.run_program(PROGRAM_BROKEN_GUARD)
        self.assertEqual(code, 1, out)
        self.assertIn("the guard would not stop a second panic", out)


# ---------------------------------------------------------------------------------------------------------------------
# The Cortex-M (mps2-an386) model: the real arch/cortex-m/start.S and switch.S with a small C++ "kernel".

ROOT = TOOL.parents[1]
ARM_CXX = "arm-none-eabi-g++"
ARM_CC = "arm-none-eabi-gcc"
ARM_FLAGS = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=soft"]
ARM_CXXFLAGS = ARM_FLAGS + CXXFLAGS[2:]
ARM_LAYOUT = """
_kernel_stack_size = 0x1000;
SECTIONS {
  .text 0 : { KEEP(*(.vectors)) KEEP(*(.text.keel_start)) *(.text .text.*) *(.rodata .rodata.*) }
  _sdata_load = .;
  .data 0x20000000 : { _sdata = .; *(.data .data.*) _edata = .; }
  .bss : { _sbss = .; *(.bss .bss.*) *(COMMON) _ebss = .; }
  .stack (NOLOAD) : ALIGN(8) { _kernel_stack_bottom = .; . += _kernel_stack_size; _kernel_stack_top = .; }
  /DISCARD/ : { *(.ARM.exidx*) }
}
"""

PROGRAM_CM_KERNEL = PROGRAM_GUARDED.replace('extern "C" [[noreturn]] void guarded_entry() { keel::panic(1); }\n', "") + """
#define NOINLINE __attribute__((noinline, noipa))
extern "C" {
void keel_cm_switch_to_user(unsigned* state);
void keel_cm_wait_for_interrupt();
void* memcpy(void* d, void const* s, __SIZE_TYPE__ n) {
  char volatile* o = static_cast<char volatile*>(d);
  char const* i = static_cast<char const*>(s);
  for (__SIZE_TYPE__ k = 0; k < n; ++k) { o[k] = i[k]; }
  return d;
}
void* memset(void* d, int c, __SIZE_TYPE__ n) {
  char volatile* o = static_cast<char volatile*>(d);
  for (__SIZE_TYPE__ k = 0; k < n; ++k) { o[k] = static_cast<char>(c); }
  return d;
}
}
struct Driver { virtual int command(int x) const; };
struct Small : Driver { int command(int x) const override; };
struct Big : Driver { int command(int x) const override; };
int Driver::command(int x) const { return x; }
int Small::command(int x) const { char volatile b[16]; b[0] = x; return b[0]; }
int Big::command(int x) const { char volatile b[120]; b[0] = x; b[119] = x; return b[x & 1]; }
Small const small_driver;
Big const big_driver;
NOINLINE Driver const& pick(int x) { if (x != 0) { return big_driver; } return small_driver; }
NOINLINE int call_driver(Driver const& d, int x) { return d.command(x) + 1; }

NOINLINE void run_processes() {
  unsigned state[16] = {};
  char volatile pad[256];
  pad[0] = 1;
  for (int i = 0; i < 3; ++i) { keel_cm_switch_to_user(state); pad[i] = static_cast<char>(state[i]); }
  keel_cm_wait_for_interrupt();
}
extern "C" [[noreturn]] void keel_board_main() {
  run_processes();
  call_driver(pick(1), 2);
  keel::panic(0);
}
extern "C" [[noreturn]] void keel_cm_kernel_fault(unsigned pc, unsigned lr, unsigned cfsr, unsigned hfsr,
                                                  unsigned mmfar, unsigned bfar) {
  char volatile b[24];
  b[0] = static_cast<char>(pc + lr + cfsr + hfsr + mmfar + bfar);
  keel::panic(b[0]);
}
extern "C" [[noreturn]] void keel_cm_kernel_stack_overflow(unsigned sp, unsigned cfsr, unsigned mmfar) {
  keel::panic(static_cast<int>(sp + cfsr + mmfar));
}
"""


def build_cm(directory, kernel=PROGRAM_CM_KERNEL, edit_start=None, edit_switch=None):
    """Assembles arch/cortex-m/start.S and switch.S (each optionally edited: (old, new)), compiles the C++ kernel
    and links keel_cm_reset.elf with a layout that defines the symbols start.S uses."""
    objects = []
    for name, edit in (("start.S", edit_start), ("switch.S", edit_switch)):
        text = (ROOT / "arch" / "cortex-m" / name).read_text()
        if edit:
            if edit[0] not in text:
                raise AssertionError(f"{name} has no {edit[0]!r}")
            text = text.replace(edit[0], edit[1])
        (directory / name).write_text(text)
        subprocess.run([ARM_CC, *ARM_FLAGS, "-c", name, "-o", name + ".obj"], cwd=directory, check=True)
        objects.append(name + ".obj")
    (directory / "layout.ld").write_text(ARM_LAYOUT)
    return compile_units(directory, {"kernel.cpp": kernel}, ("keel_cm_reset",), cxx=ARM_CXX, cxxflags=ARM_CXXFLAGS,
                         link_flags=(*ARM_FLAGS, "-T", "layout.ld"), extra_objects=objects)["keel_cm_reset"]


def load_tool():
    import importlib.machinery
    import importlib.util
    loader = importlib.machinery.SourceFileLoader("stack_depth", str(TOOL))
    spec = importlib.util.spec_from_loader("stack_depth", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


class ThumbCode(unittest.TestCase):
    """The Thumb-2 code reader (functions without .su data: the assembly, thunks, libgcc) on objdump's lines."""

    @classmethod
    def setUpClass(cls):
        cls.tool = load_tool()

    def read(self, *lines):
        insns = [self.tool.arm_line(f"{4 * i:8x}:\t{line}") for i, line in enumerate(lines)]
        self.assertNotIn(None, insns, lines)
        return self.tool.arm_read_code(insns)

    def test_pushes_are_summed(self):
        pushed, unknown, indirect = self.read(
            "e92d 4ff1 \tstmdb\tsp!, {r0, r4, r5, r6, r7, r8, r9, sl, fp, lr}",
            "b500      \tpush\t{lr}", "b089      \tsub\tsp, #36\t@ 0x24",
            "e96d ce04 \tstrd\tip, lr, [sp, #-16]!", "ed2d 8b04 \tvpush\t{d8-d9}",
            "f5ad 7d00 \tsub.w\tsp, sp, #512\t@ 0x200", "f84d 4d04 \tstr.w\tr4, [sp, #-4]!",
            "b009      \tadd\tsp, #36\t@ 0x24", "bd08      \tpop\t{r3, pc}")
        self.assertEqual(pushed, 40 + 4 + 36 + 16 + 16 + 512 + 4)
        self.assertEqual(unknown, [])
        self.assertFalse(indirect)

    def test_other_writes_to_sp_are_not_understood(self):
        for line in ("46bd      \tmov\tsp, r7", "f380 8808 \tmsr\tMSP, r0", "ebad 0d03 \tsub.w\tsp, sp, r3",
                     "f8d0 d000 \tldr.w\tsp, [r0]"):
            _, unknown, _ = self.read(line)
            self.assertEqual(len(unknown), 1, line)

    def test_indirect_calls_and_returns(self):
        for line, indirect in (("4798      \tblx\tr3", True), ("4718      \tbx\tr3", True), ("4770      \tbx\tlr", False),
                               ("f85d fb04 \tldr.w\tpc, [sp], #4", False), ("46bf      \tmov\tpc, r7", True),
                               ("e8bd 8ff1 \tldmia.w\tsp!, {r0, r4, r5, r6, r7, r8, r9, sl, fp, pc}", False),
                               ("f7ff fffe \tbl\t0 <memcpy>", False)):
            self.assertEqual(self.read(line)[2], indirect, line)

    def test_vtable_slot_load_shape(self):
        lines = ["b500      \tpush\t{lr}", "6803      \tldr\tr3, [r0, #0]", "b089      \tsub\tsp, #36\t@ 0x24",
                 "68db      \tldr\tr3, [r3, #12]", "4798      \tblx\tr3"]
        insns = [self.tool.arm_line(f"{4 * i:8x}:\t{line}") for i, line in enumerate(lines)]
        self.assertEqual(self.tool.arm_vtable_slot_loads(insns, {0}), [(16, 12)])
        # A load under an IT condition, or from sp (a saved pointer, not a vptr), is not that shape.
        conditional = insns[:3] + [self.tool.arm_line("      c:\tbf18      \tit\tne"),
                                   self.tool.arm_line("     10:\t68db      \tldrne\tr3, [r3, #12]"),
                                   self.tool.arm_line("     14:\t4798      \tblx\tr3")]
        self.assertEqual(self.tool.arm_vtable_slot_loads(conditional, {0}), [])
        from_sp = [self.tool.arm_line("       0:\t9b01      \tldr\tr3, [sp, #4]")] + insns[3:]
        self.assertEqual(self.tool.arm_vtable_slot_loads(from_sp, {0}), [])


@unittest.skipUnless(shutil.which(ARM_CXX) and shutil.which(ARM_CC), f"{ARM_CXX} not installed")
class CortexM(unittest.TestCase):
    """The mps2-an386 model: reset's deepest path (keel_cm_switch_to_user's push and the svc frame it leaves on the
    main stack included) + the hardware exception frame (9 words) + the deepest handler (the fault handler's
    keel_cm_kernel_fault and the guarded panic path); the assembly table, the vector table and interrupt masking
    are checked against the code."""

    @classmethod
    def setUpClass(cls):
        cls.dir = Path(tempfile.mkdtemp(prefix="stack-depth-cm-"))
        cls.elf = build_cm(cls.dir)
        cls.frames = frames(cls.dir)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def run_cm(self, directory, elf, *extra):
        return run_tool("--board", "mps2-an386", "--objects", directory, "--elf", elf, *extra)

    def build_other(self, **edits):
        directory = Path(tempfile.mkdtemp(prefix="stack-depth-cm-"))
        self.addCleanup(shutil.rmtree, directory)
        return directory, build_cm(directory, **edits)

    def expected(self):
        f = self.frames
        reset = f["keel_board_main"] + f["run_processes"] + 40 + 36
        once = f["keel::report_panic_once"]
        # The fault handler's own push: the pushed lr and pc, keel_cm_kernel_fault's fifth and sixth arguments (8).
        fault = (8 + f["keel_cm_kernel_fault"] + f["keel::panic"] + once + f["keel::report"] + f["keel::panic"] +
                 once + f["keel::stop_after_panic"])
        return reset, fault

    def test_worst_is_reset_plus_exception_frame_plus_deepest_handler(self):
        code, out = self.run_cm(self.dir, self.elf, "--verbose")
        self.assertEqual(code, 0, out)
        reset, fault = self.expected()
        depth, path = depth_of(out, "reset (keel_cm_reset)")
        self.assertEqual(depth, reset, out)
        self.assertEqual(path, "keel_cm_reset -> keel_board_main -> run_processes -> keel_cm_switch_to_user")
        depth, path = depth_of(out, "fault (keel_cm_fault_handler)")
        self.assertEqual(depth, fault, out)
        self.assertTrue(path.startswith("keel_cm_fault_handler -> keel_cm_kernel_fault -> keel::panic -> "), path)
        self.assertIn("re-entered, stops", path)
        self.assertEqual(depth_of(out, "svc (keel_cm_svc_handler)")[0], 0)
        self.assertEqual(depth_of(out, "interrupt (keel_cm_interrupt_handler)")[0], 0)
        worst = reset + 36 + fault
        self.assertIn(f"kernel stack: worst {worst} of 4096 bytes ({100 * worst / 4096:.0f}%) = {reset} + exception "
                      f"frame 36 + fault {fault} (", out)
        # The virtual call is typed by GCC on ARM too (the vtable loads of the Thumb code checked against it).
        self.assertIn("1 of 1 functions typed by GCC", out)
        self.assertRegex(out, r"virtual Driver::command\(\) call in call_driver(\(.*\))?: 2 targets, deepest "
                              r"Big::command")

    def test_fails_when_stack_too_small(self):
        reset, fault = self.expected()
        need = reset + 36 + fault
        code, out = self.run_cm(self.dir, self.elf, "--stack-size", need)
        self.assertEqual(code, 0, out)
        code, out = self.run_cm(self.dir, self.elf, "--stack-size", need - 1)
        self.assertEqual(code, 1, out)
        self.assertIn(f"worst-case depth {need} exceeds the kernel stack of {need - 1} bytes", out)

    def test_assembly_table_checked_against_the_code(self):
        directory, elf = self.build_other(edit_switch=("push {r0, r4-r11, lr}", "push {r0, r3, r4-r11, lr}"))
        code, out = self.run_cm(directory, elf)
        self.assertEqual(code, 1, out)
        self.assertIn("the table gives keel_cm_switch_to_user 40 bytes, its code pushes 44", out)
        directory, elf = self.build_other(edit_switch=("  svc 0xff\n", "  nop\n"))
        code, out = self.run_cm(directory, elf)
        self.assertEqual(code, 1, out)
        self.assertIn("keel_cm_switch_to_user executes svc (a hardware frame on the kernel stack), its code has none",
                      out)
        directory, elf = self.build_other(edit_switch=("  b keel_cm_return_to_kernel\n  .size keel_cm_svc_handler",
                                                       "  bx lr\n  .size keel_cm_svc_handler"))
        code, out = self.run_cm(directory, elf)
        self.assertEqual(code, 1, out)
        self.assertIn("the table says keel_cm_svc_handler calls ['keel_cm_return_to_kernel'], its code calls []", out)
        directory, elf = self.build_other(edit_switch=("  push {r12, lr}", "  push {r1, r2, r12, lr}"))
        code, out = self.run_cm(directory, elf)
        self.assertEqual(code, 1, out)
        self.assertIn("the table gives keel_cm_fault_handler 8 bytes, its code pushes 16", out)

    def test_every_vector_enters_a_modelled_handler(self):
        directory, elf = self.build_other(edit_start=(
            "  .rept 2 + 32",
            "  .word keel_cm_interrupt_handler  // PendSV\n  .word keel_cm_extra_handler  // SysTick\n"
            "  .text\n  .thumb_func\n  .type keel_cm_extra_handler, %function\nkeel_cm_extra_handler:\n"
            "  push {r4-r7, lr}\n  pop {r4-r7, pc}\n  .size keel_cm_extra_handler, . - keel_cm_extra_handler\n"
            "  .section .vectors, \"a\", %progbits\n  .rept 32"))
        code, out = self.run_cm(directory, elf)
        self.assertEqual(code, 1, out)
        self.assertIn("keel_vector_table word 15 enters keel_cm_extra_handler, which the stack model does not count "
                      "as an exception handler", out)

    def test_unmasking_interrupts_in_cpp_is_refused(self):
        kernel = PROGRAM_CM_KERNEL.replace("  keel_cm_wait_for_interrupt();\n",
                                           "  keel_cm_wait_for_interrupt();\n  asm volatile(\"msr basepri, %0\" :: "
                                           "\"r\"(0));\n")
        directory, elf = self.build_other(kernel=kernel)
        code, out = self.run_cm(directory, elf)
        self.assertEqual(code, 1, out)
        self.assertRegex(out, r"`msr\s+BASEPRI, r\d` in C\+\+ code: the stack model relies on the kernel running "
                              r"with interrupts masked")

    def test_recursion_on_the_fault_path_found(self):
        kernel = PROGRAM_CM_KERNEL.replace("  keel::panic(b[0]);\n}", "  keel_cm_kernel_fault(pc + 1, lr, cfsr, hfsr, mmfar, bfar);\n}")
        directory, elf = self.build_other(kernel=kernel)
        code, out = self.run_cm(directory, elf)
        self.assertEqual(code, 1, out)
        self.assertIn("stack: recursion: keel_cm_kernel_fault -> keel_cm_kernel_fault", out)

    def test_object_code_not_matching_gimple_is_caught(self):
        # As Typed.test_object_code_not_matching_gimple_is_caught, on Thumb code.
        work = Path(tempfile.mkdtemp(prefix="stack-depth-cm-mismatch-"))
        self.addCleanup(shutil.rmtree, work)
        declarations = "struct I { virtual int f(int x) const; virtual int g(int x) const; };"
        body = """
            int I::f(int x) const { return x; }
            int I::g(int x) const { return x + 1; }
            extern "C" __attribute__((noinline)) int call_g(I const& i, int x) { return i.g(x) + 1; }
            I const object;
            extern "C" int mismatch_entry(int x) { return call_g(object, x); }
        """
        elves = compile_units(work, {"mismatch.cpp": declarations + body}, ("mismatch_entry",), cxx=ARM_CXX,
                              cxxflags=ARM_CXXFLAGS, link_flags=ARM_FLAGS)
        arguments = ("--board", "mps2-an386", "--objects", work, "--elf", elves["mismatch_entry"], "--entry",
                     "mismatch_entry", "--trap", "none", "--stack-size", 100000)
        code, out = run_tool(*arguments)
        self.assertEqual(code, 0, out)
        source = work / "mismatch.cpp"
        stamp = source.stat()
        swapped = declarations.replace("f(int x)", "@").replace("g(int x)", "f(int x)").replace("@", "g(int x)")
        source.write_text(textwrap.dedent(swapped + body))
        os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        code, out = run_tool(*arguments)
        self.assertEqual(code, 1, out)
        self.assertIn("the dump does not match the object (build again)", out)


if __name__ == "__main__":
    unittest.main()
