#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Proves that tools/safety-check can fail. In a copy of the kernel-side tree it checks an unmodified non-trusted
source (must be accepted, with the summary line, so the test cannot pass vacuously), a control file full of
look-alikes of banned constructs (must be accepted: the scans are precise), one mutant per rule with the banned line
appended (each must be rejected at that line, with the rule named), an untrusted assembly file and a stale manifest
entry (both rejected)."""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KERNEL_DIRS = ("kernel", "arch", "chips", "capsules", "boards")
PREFERRED_BASE = "kernel/writer.cpp"

# name: (line appended to the base source, rules that must be reported at that line). The clang-tidy rules prove
# clang-tidy really ran; the plain-scan rules cover what it cannot see.
MUTANTS = {
    "reinterpret_cast": ("int safety_mutant(unsigned long a) { return *reinterpret_cast<int const*>(a); }",
                         {"cppcoreguidelines-pro-type-reinterpret-cast", "no-reinterpret-cast"}),
    "volatile": ("int safety_mutant() { volatile int x = 1; return x; }", {"no-volatile"}),
    "asm": ('void safety_mutant() { asm("nop"); }', {"hicpp-no-assembler", "no-asm"}),
    "nolint": ("int safety_mutant(unsigned long a) { return *reinterpret_cast<int const*>(a); }  // NOLINT",
               {"no-nolint", "no-reinterpret-cast"}),
    "pragma": ("#pragma GCC diagnostic ignored \"-Wunused\"", {"no-pragma"}),
    "union": ("union SafetyMutant { int a; float b; };", {"no-union"}),
    "goto": ("void safety_mutant() { goto done; done: return; }", {"cppcoreguidelines-avoid-goto", "no-goto"}),
    "const_cast": ("int& safety_mutant(int const& a) { return const_cast<int&>(a); }",
                   {"cppcoreguidelines-pro-type-const-cast", "no-const-cast"}),
    "new": ("int* safety_mutant() { return new int(1); }", {"cppcoreguidelines-owning-memory", "no-new"}),
    "delete": ("void safety_mutant(int* p) { delete p; }", {"cppcoreguidelines-owning-memory", "no-delete"}),
    "pointer_arithmetic": ("int safety_mutant(int const* p) { return *(p + 1); }",
                           {"cppcoreguidelines-pro-bounds-pointer-arithmetic"}),
    "array_decay": ("int safety_mutant() { static int a[2] = {1, 2}; int const* p = a; return *p; }",
                    {"cppcoreguidelines-pro-bounds-array-to-pointer-decay"}),
    "unchecked_index": ("int safety_mutant(unsigned i) { static int a[2] = {1, 2}; return a[i]; }",
                        {"cppcoreguidelines-pro-bounds-constant-array-index"}),
    "c_style_cast": ("int safety_mutant(long a) { return *(int*)a; }", {"cppcoreguidelines-pro-type-cstyle-cast"}),
    "uninitialised": ("int safety_mutant() { int x; x = 2; return x; }", {"cppcoreguidelines-init-variables"}),
    # Escapes 330-340: the spellings the scans once missed, and the rules added for them.
    "extern_c_comment": ('extern /* C linkage */ "C" int safety_mutant();', {"no-extern-linkage"}),
    "form_feed_directive": ("#\fdefine KEEL_SAFETY_MUTANT_FF 1", {"no-odd-whitespace"}),
    "local_function": ("int safety_mutant() { int safety_inner(int); return safety_inner(1); }",
                       {"no-local-function-declaration"}),
    "user_destructor": ("struct SafetyMutant { ~SafetyMutant() {} };", {"no-user-destructor"}),
    "spaced_attribute": ("[ [gnu::cold] ] int safety_mutant();", {"attribute-form"}),
    "macro_brackets": ("#define KEEL_SAFETY_MUTANT_OPEN [[", {"macro-brackets"}),
    # Escape 432: [[noreturn]] from a macro, which the scan holding definitions to it did not read.
    "noreturn_macro": ("#define KEEL_SAFETY_MUTANT_FINAL [[noreturn]]", {"no-noreturn-macro"}),
    # Escape 433: a `{` from a macro would open a scope for an #include no scan sees.
    "macro_brace": ("#define KEEL_SAFETY_MUTANT_BRACE {", {"macro-brackets"}),
    # Escape 436: braces in a conditional group the compiler may skip.
    "conditional_brace": ("#if 0\n}\n{\n#endif", {"conditional-braces"}),
    # Escape 471: an unnamed class links by its typedef name, which no one-definition check knew it by.
    "unnamed_struct": ("typedef struct { int safety_mutant_field; } SafetyMutant;", {"no-unnamed-type"}),
    "enum_macro": ("#define KEEL_SAFETY_MUTANT_ENUM enum", {"no-declaration-macro"}),
    "instantiation_macro": ("#define KEEL_SAFETY_MUTANT_INSTANTIATE(what) template what;", {"no-declaration-macro"}),
    "delegating_reads_member": ("struct SafetyMutant { SafetyMutant() : SafetyMutant(v) {} explicit SafetyMutant(int x) "
                                ": v(x) {} int v; };", {"ctor-init-order"}),
    # Escapes 400-409 (hostile review 5a).
    "operator_by_name": ("struct SafetyMutantOp { int v = 0; }; void safety_mutant(SafetyMutantOp& a, SafetyMutantOp const& b) "
                         "{ a.operator=(b); }", {"no-operator-by-name"}),
    "deduced_pointer_return": ("struct SafetyMutantArrow { int v = 0; auto operator->() { return this; } };",
                               {"no-pointer-return"}),
    "inline_namespace": ("inline namespace safety_mutant_ns { constexpr int safety_mutant_value = 1; }",
                         {"no-inline-namespace"}),
    "include_after_code": ('#include "kernel/core/types.h"', {"include-after-code"}),
    # Escape 451 (hostile review 6a): a reference parameter defaulting to a temporary.
    "temporary_default_argument": ("int safety_mutant(int const& v = int{3});", {"no-temporary-default-argument"}),
    # Escape 452: a Slice method on what a lifetimebound call made of a temporary.
    "view_from_temporary_argument": ("struct SafetyMutantBox { char c[4]; }; keel::Slice<char const> "
                                     "safety_mutant_view(SafetyMutantBox const& b KEEL_LIFETIMEBOUND); char safety_mutant() "
                                     "{ char const& c = safety_mutant_view(SafetyMutantBox{})[0]; return c; }",
                                     {"no-view-from-temporary-argument"}),
    # Escape 453: a reference into a local through a view, under the cleanups of the temporary view.
    "reference_under_cleanups": ("struct SafetyMutantRecord { char c[4]; }; keel::Slice<char> "
                                 "safety_mutant_bytes(SafetyMutantRecord& r KEEL_LIFETIMEBOUND); char& safety_mutant() "
                                 "{ SafetyMutantRecord record{}; return safety_mutant_bytes(record)[0]; }",
                                 {"no-local-in-view-return"}),
    # Escapes 454, 455: a view from a member of a temporary, and into a temporary Array.
    "member_of_temporary": ("struct SafetyMutantInner { char c[4]; keel::Slice<char> bytes() { return keel::Slice<char>(c); } }; "
                            "struct SafetyMutantOuter { SafetyMutantInner inner; }; SafetyMutantOuter safety_mutant_make(); "
                            "char safety_mutant() { keel::Slice<char> const b = safety_mutant_make().inner.bytes(); return b[0]; }",
                            {"no-view-of-temporary"}),
    "array_temporary": ("keel::Array<char, 4> safety_mutant_table(); char safety_mutant() "
                        "{ char& c = safety_mutant_table().get(0).value(); return c; }", {"no-view-of-temporary"}),
    # Escape 457: a method returning a reference to its own class gives back its (unmarked) parameter.
    "own_class_return": ("struct SafetyMutantChain { int v = 0; SafetyMutantChain const& or_else(SafetyMutantChain const& "
                         "other) const { return v != 0 ? *this : other; } };", {"own-class-return-is-this"}),
}

# Look-alikes that are not the banned constructs: must not be reported.
CONTROL = '''// SPDX-License-Identifier: Apache-2.0
// Mentions volatile, union, goto, asm, new and delete in a comment; none of them is code.
#include "kernel/core/types.h"

namespace keel {

class SafetyControl {
 public:
  SafetyControl() = default;
  SafetyControl(SafetyControl const&) = delete;
  SafetyControl& operator=(SafetyControl const&) =
      delete;
  bool mentions() const { return sizeof("volatile union goto asm(\\"nop\\") new delete reinterpret_cast malloc") > 1; }
  uint32_t new_size() const { return 1'000'000; }
  uint32_t scaled(uint32_t factor = uint32_t{3}, uint32_t const& bias = kBias) const { return factor + bias; }
  static constexpr uint32_t kBias = 1;
  bool is_free() const { return quote_ == '"'; }

 private:
  char quote_ = '\\'';
};

}  // namespace keel
'''

SUMMARY = re.compile(r"^trusted lines: \d+ / \d+ \(\d+\.\d%\)$", re.M)


def run(checker, root, files, build):
    result = subprocess.run([sys.executable, str(checker), "--root", str(root), "--build", str(build), "--files",
                             *files], capture_output=True, text=True, timeout=300)
    return result.returncode, result.stdout, result.stderr


def trusted_paths(manifest):
    paths = set()
    for line in manifest.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            paths.add(line.partition(" # ")[0].strip())
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[2]))
    args = parser.parse_args()
    source_root = Path(args.root)
    checker = source_root / "tools" / "safety-check"
    failures = []

    with tempfile.TemporaryDirectory(prefix="keel-safety-self-test-") as scratch:
        root = Path(scratch) / "tree"
        root.mkdir()
        for name in KERNEL_DIRS:
            if (source_root / name).is_dir():
                shutil.copytree(source_root / name, root / name)
        for name in ("TRUSTED.manifest", ".clang-tidy"):
            shutil.copy(source_root / name, root / name)
        no_build = Path(scratch) / "no-build"  # generic kernel flags: the copy has no compile database

        trusted = trusted_paths(root / "TRUSTED.manifest")
        candidates = [PREFERRED_BASE] + sorted(p.relative_to(root).as_posix() for p in (root / "kernel").glob("*.cpp"))
        base = next((c for c in candidates if (root / c).is_file() and c not in trusted), None)
        if base is None:
            print("FAIL: no non-trusted kernel/*.cpp to mutate")
            return 1
        base_text = (root / base).read_text(encoding="utf-8")
        if not base_text.endswith("\n"):
            base_text += "\n"
        (root / "kernel" / "safety_control.cpp").write_text(CONTROL, encoding="utf-8")

        # 1. The unmodified copy and the control are accepted.
        code, out, err = run(checker, root, [base, "kernel/safety_control.cpp"], no_build)
        if code != 0 or not SUMMARY.search(out):
            failures.append(f"unmodified {base} and the control were not accepted (exit {code}):\n{out}{err}")
        else:
            print(f"ok: unmodified {base} and the look-alike control accepted: {SUMMARY.search(out).group(0)}")

        # 2. Each mutant is rejected at its appended line with its rules named.
        mutant_line = base_text.count("\n") + 1
        files = []
        for name, (line, _) in MUTANTS.items():
            rel = f"kernel/safety_mutant_{name}.cpp"
            (root / rel).write_text(base_text + line + "\n", encoding="utf-8")
            files.append(rel)
        (root / "kernel" / "safety_mutant.S").write_text("nop\n", encoding="utf-8")
        files.append("kernel/safety_mutant.S")
        code, out, err = run(checker, root, files, no_build)
        if code != 1:
            failures.append(f"mutants: expected exit 1, got {code}:\n{out}{err}")
        reported = {}
        for match in re.finditer(r"^(\S+?):(\d+): ([\w.-]+): ", out, re.M):
            reported.setdefault(match.group(1), set()).add((int(match.group(2)), match.group(3)))
        for name, (_, rules) in MUTANTS.items():
            rel = f"kernel/safety_mutant_{name}.cpp"
            found = reported.get(rel, set())
            missing = {rule for rule in rules if (mutant_line, rule) not in found}
            elsewhere = {f"{line}: {rule}" for line, rule in found if line != mutant_line}
            if missing or elsewhere:
                failures.append(f"{name}: missing {sorted(missing)} at line {mutant_line}; unexpected elsewhere "
                                f"{sorted(elsewhere)}")
            else:
                print(f"ok: {name} rejected at line {mutant_line} by {', '.join(sorted(rules))}")
        if (1, "assembly-not-trusted") in reported.get("kernel/safety_mutant.S", set()):
            print("ok: untrusted assembly file rejected")
        else:
            failures.append("kernel/safety_mutant.S: assembly outside the manifest was not rejected")
        if failures:
            print(out + err)

        # 3. A manifest entry naming a missing file is a stale manifest.
        with (root / "TRUSTED.manifest").open("a", encoding="utf-8") as manifest:
            manifest.write("kernel/safety_no_such_file.cpp # removed long ago\n")
        stale_line = (root / "TRUSTED.manifest").read_text(encoding="utf-8").count("\n")
        code, out, err = run(checker, root, [base], no_build)
        if code == 1 and f"TRUSTED.manifest:{stale_line}: manifest: " in out:
            print("ok: stale manifest entry rejected")
        else:
            failures.append(f"stale manifest entry: expected a manifest problem at line {stale_line}, got exit "
                            f"{code}:\n{out}{err}")

    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
