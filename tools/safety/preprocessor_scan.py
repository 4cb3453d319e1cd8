# SPDX-License-Identifier: Apache-2.0
"""What clang-tidy and the AST cannot see, because it happens before or beside them: the preprocessor.

An untrusted file may not change what the compiler (or the checker) sees of any other file, nor hide part of itself
from a check. So, on each untrusted file's text after translation phases 1-2 (backslash-newline splicing) and with
comments and literals blanked, these are problems:

  * any `#undef`; a `#define` of a keyword, of a reserved name (`__x`, `_X`), of a name any kernel-side file
    already defines or any trusted file uses, or of a name not in capitals with an underscore (KEEL_X); token
    pasting (`##`); a macro whose body is or holds `noreturn` (the [[noreturn]] scan reads declarations as written);
  * `_Pragma`, `__pragma`, any `#pragma` but `#pragma once`; `#line` and GNU line markers (`# 12 "x"`);
  * digraphs (`%:` `<%` `%>` `<:` `:>`), which spell preprocessor directives and brackets the scans would miss;
  * explicit instantiations (`template class X<T>;`), whose arguments may name private members;
  * reserved identifiers (`__builtin_*`, `__attribute__`, `__clang__`, `__GNUC__`, `__has_include`, ...) beyond
    ALLOWED_RESERVED: compiler-identity conditionals and builtins are the compiler's back doors;
  * `extern "C"` / `extern "C++"` (an untrusted file could redeclare memcpy or the context switch and call it);
  * GNU/clang attributes beyond ALLOWED_ATTRIBUTES (alias, section, used, naked... change what the linker builds),
    and standard attributes beyond STANDARD_ATTRIBUTES ([[assume(...)]] lets the compiler delete a check);
  * the banned keywords: asm, volatile, union, goto, reinterpret_cast, const_cast, new, delete, mutable;
  * C library allocation, NOLINT, and `#include <...>` of anything but the compiler's freestanding headers.
"""

import re

KEYWORDS = set("""alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t char32_t
class compl concept const consteval constexpr constinit const_cast continue co_await co_return co_yield decltype default
delete do double dynamic_cast else enum explicit export extern false float for friend goto if inline int long mutable
namespace new noexcept not not_eq nullptr operator or or_eq private protected public register reinterpret_cast
requires return short signed sizeof static static_assert static_cast struct switch template this thread_local throw
true try typedef typeid typename union unsigned using virtual void volatile wchar_t while xor xor_eq final override
import module defined""".split())

# Reserved names an untrusted file may write: none today. (offsetof comes from <stddef.h>, a macro, not a builtin.)
ALLOWED_RESERVED = set()
ALLOWED_ATTRIBUTES = {"always_inline", "noinline", "cold", "hot", "flatten"}
# Standard attributes that change no code's meaning; [[assume(...)]] (C++23, which clang accepts in C++20) is not one.
STANDARD_ATTRIBUTES = {"nodiscard", "noreturn", "maybe_unused", "fallthrough", "likely", "unlikely",
                       "no_unique_address", "deprecated"}
ALLOWED_ANGLE_INCLUDES = {"stddef.h", "stdint.h"}

BANNED_WORDS = {
    "asm": "inline assembly belongs in a trusted file",
    "volatile": "volatile is only for the register cell (kernel/core/register_cell.h) and memory shared with devices",
    "union": "unions are not in the safe subset; use an enum class and separate fields",
    "goto": "goto is not in the safe subset",
    "reinterpret_cast": "reinterpret_cast belongs in a trusted file",
    "const_cast": "const_cast is not in the safe subset; mutate through a cell",
    "new": "new is not in the safe subset; kernel objects are static (KEEL_STATIC_INIT)",
    "mutable": "mutable is interior mutability: only the trusted Cell has it; use a cell type",
    "malloc": "the kernel has no heap", "calloc": "the kernel has no heap", "realloc": "the kernel has no heap",
    "aligned_alloc": "the kernel has no heap", "alloca": "the kernel has no heap", "free": "the kernel has no heap",
    "setjmp": "non-local jumps are not in the safe subset", "longjmp": "non-local jumps are not in the safe subset",
}
ENCODING_PREFIXES = {"u8", "u", "U", "L", "R", "u8R", "uR", "UR", "LR"}


# What the compiler takes for horizontal whitespace beside space and tab (form feed, vertical tab), and the byte-order
# mark it skips at the start of a file: `\f#define private public` and `#\vpragma ...` are directives to clang and
# GCC, which a scan anchored on `^[ \t]*#` never saw (escape 331). The scans read them as spaces; scan() also
# reports them, since no kernel file needs them.
ODD_WHITESPACE = re.compile("[\f\v\ufeff\x00]")


def splice_lines(text):
    """Phase 2: a backslash-newline joins two physical lines. Returns the spliced text and, per character of it, the
    1-based physical line it came from. Form feeds, vertical tabs, a byte-order mark and NULs read as spaces (the
    compiler's whitespace)."""
    text = ODD_WHITESPACE.sub(" ", text)
    out, lines = [], []
    line, i, n = 1, 0, len(text)
    while i < n:
        if text[i] == "\\" and text.startswith("\n", i + 1):
            i += 2
            line += 1
            continue
        if text[i] == "\\" and text.startswith("\r\n", i + 1):
            i += 3
            line += 1
            continue
        out.append(text[i])
        lines.append(line)
        if text[i] == "\n":
            line += 1
        i += 1
    return "".join(out), lines


def blank_comments_and_literals(text):
    """The text with comments and string/character literals replaced by spaces (newlines kept). Returns (blanked,
    literals) where literals lists (offset, literal text) so that rules about literals (extern "C") can look."""
    out = list(text)
    literals = []
    i, n = 0, len(text)

    def blank(start, end):
        for k in range(start, end):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            blank(i, end)
            i = end
        elif c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            end = i + 1
            while end < n and (text[end].isalnum() or text[end] in "_.'" or
                               (text[end] in "+-" and text[end - 1] in "eEpP")):
                end += 1
            i = end
        elif c.isalpha() or c == "_":
            end = i
            while end < n and (text[end].isalnum() or text[end] == "_"):
                end += 1
            word = text[i:end]
            if word.endswith("R") and word in ENCODING_PREFIXES and text.startswith('"', end):
                paren = text.find("(", end)
                delimiter = text[end + 1:paren] if paren >= 0 else ""
                close = text.find(")" + delimiter + '"', paren) if paren >= 0 else -1
                close = n if close < 0 else close + len(delimiter) + 2
                literals.append((end, text[end:close]))
                blank(end, close)
                i = close
            else:
                i = end
        elif c in "\"'":
            end = i + 1
            while end < n and text[end] != c and text[end] != "\n":
                end += 2 if text[end] == "\\" else 1
            end = min(end + 1, n)
            literals.append((i, text[i:end]))
            blank(i, end)
            i = end
        else:
            i += 1
    return "".join(out), literals


IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
DIRECTIVE = re.compile(r"^[ \t]*#[ \t]*(\w*)(.*)$", re.M)
DIGRAPH = re.compile(r"%:|<%|%>|:>|<:(?!:(?![:>]))")
# `template` opening a declaration without a parameter list: an explicit instantiation (not `x.template f<T>()`).
EXPLICIT_INSTANTIATION = re.compile(r"(?:^|(?<=[;{}]))\s*(?:extern\s+)?template\s+(?!<)", re.M)
# `[ [x] ]` is an attribute too: the brackets are two tokens each, and whitespace (or a comment) may separate them.
ATTRIBUTE = re.compile(r"\[\s*\[\s*(?:using\s+(\w+)\s*:)?(.*?)\]\s*\]", re.S)
# A class or enum with no name before its body or base clause: `typedef struct { ... } X;` links by the typedef's
# name, but record_layouts names an unnamed class by its place and the one class definition scan by what follows
# `struct`, so two sources' different `typedef struct { ... } Reply;` were two classes to both, one to the linker
# (escape 471). Kernel code names every class and enum where it defines it (lambdas are not written with a key).
UNNAMED_TYPE = re.compile(r"\b(?:enum(?:\s+(?:class|struct))?|class|struct)\b"
                          r"(?:\s*\[\[.*?\]\]|\s*alignas\s*\((?:[^()]|\([^()]*\))*\))*\s*"
                          r"(?::(?!:)[^;{}]*)?\{", re.S)
ANGLE_INCLUDE = re.compile(r"^[ \t]*#[ \t]*include(?:_next)?[ \t]*<([^>\n]*)>", re.M)


def defined_macros(text):
    spliced, _ = splice_lines(text)
    blanked, _ = blank_comments_and_literals(spliced)
    # The name alone (an object-like macro's body follows it after a space, a function-like one's parameters).
    return {name.group(0) for m in DIRECTIVE.finditer(blanked)
            if m.group(1) == "define" and (name := IDENTIFIER.match(m.group(2).strip()))}


MACRO_NAME = re.compile(r"^[A-Z][A-Z0-9]*_[A-Z0-9_]+$")


def compiler_dependent_macros(text):
    """Macros a (trusted) file defines more than once: in the branches of an `#if` on the compiler's identity
    (annotations.h: KEEL_UNSAFE, KEEL_LIFETIMEBOUND, KEEL_VIEW are attributes under clang and nothing under GCC)."""
    spliced, _ = splice_lines(text)
    blanked, _ = blank_comments_and_literals(spliced)
    names = [name.group(0) for m in DIRECTIVE.finditer(blanked)
             if m.group(1) == "define" and (name := IDENTIFIER.match(m.group(2).strip()))]
    return {name for name in names if names.count(name) > 1}


def identifiers(text):
    """Every identifier of a file's code (comments and literals left out)."""
    spliced, _ = splice_lines(text)
    blanked, _ = blank_comments_and_literals(spliced)
    return set(IDENTIFIER.findall(blanked))


def check_compiler_dependent(rel, blanked, at, problems, compiler_dependent, macro_names):
    """A macro whose expansion depends on the compiler (an attribute under clang, nothing under GCC) may be written
    where it stands for itself, never in a macro's definition or a function-like macro's arguments: stringized (or
    otherwise looked at) there, it tells the build (GCC) from the check (clang), and code can then pick what only
    the build compiles (escape 134)."""
    if not compiler_dependent:
        return
    defines = [(m.start(), m.end()) for m in DIRECTIVE.finditer(blanked) if m.group(1) == "define"]
    for match in IDENTIFIER.finditer(blanked):
        word = match.group(0)
        if word not in compiler_dependent:
            continue
        if any(start <= match.start() < end for start, end in defines):
            problems.add(rel, at(match.start()), "no-compiler-dependent-macro",
                         f"'{word}' expands differently under the check (clang) and the build (GCC): it may not be "
                         "used in a macro definition")
            continue
        # Every parenthesis around it up to the statement: one opened right after a macro's name (object-like too:
        # it may expand to a function-like one's name), or after a `)` (a macro call yielding a macro's name), is
        # a macro call taking it as an argument.
        depth = 0
        k = match.start() - 1
        while k >= 0:
            c = blanked[k]
            if c == ")":
                depth += 1
            elif c == "(" and depth > 0:
                depth -= 1
            elif c == "(":
                before = blanked[max(0, k - 80):k].rstrip()
                name = re.search(r"([A-Za-z_]\w*)$", before)
                called = before.endswith(")") and not re.search(r"\boperator\s*\(\s*\)$", before)
                if (name and name.group(1) in macro_names) or called:
                    problems.add(rel, at(match.start()), "no-compiler-dependent-macro",
                                 f"'{word}' expands differently under the check (clang) and the build (GCC): it "
                                 "may not be an argument of a macro")
                    break
            elif c in ";{}" and depth == 0:
                break
            k -= 1


def check_include_scope(rel, blanked, at, problems):
    """Every #include at file scope, and a file's braces balanced: a header included inside a namespace, a class or a
    function declares its classes there, so `namespace keel::x { #include "kernel/core/cell.h" }` makes a
    keel::x::keel::Cell that every rule naming ::keel::Cell (the wrappers a view may not hide in) passes by (escape
    433); a file ending inside a brace would open that scope for the includes after it."""
    directives = [(m.start(), m.end(), m.group(1)) for m in DIRECTIVE.finditer(blanked)]
    depth, position = 0, 0
    for start, end, name in directives + [(len(blanked), len(blanked), None)]:
        for brace in re.findall(r"[{}]", blanked[position:start]):
            depth += 1 if brace == "{" else -1
        position = end
        if name in ("include", "include_next", "import") and depth != 0:
            problems.add(rel, at(start), "include-at-file-scope", "#include inside a namespace, class or function: "
                         "the header's declarations would be other entities than the ones every rule names")
    if depth != 0:
        problems.add(rel, at(len(blanked) - 1 if blanked else 0), "unbalanced-braces",
                     "the file's braces do not balance: a scope left open reaches into the file that includes it")
    # Each group of a conditional (#if / #elif / #else up to the next of them or #endif) balances its braces too, so
    # that a scope is the same whichever groups the compiler keeps: `#if 0` / `class X {` / `#endif` before a
    # declaration made the scans that read scopes from braces (the [[noreturn]] scan, the one class definition scan)
    # take a namespace-scope declaration for a member (escape 436).
    open_groups = []  # per open conditional: (offset of its #if, offset where its current group's text starts)
    for start, end, name in directives:
        if name in ("if", "ifdef", "ifndef"):
            open_groups.append((start, end))
            continue
        if name not in ("elif", "else", "endif", "elifdef", "elifndef") or not open_groups:
            continue
        opening, group_start = open_groups.pop()
        text = "\n".join(line for line in blanked[group_start:start].splitlines()
                          if not re.match(r"^[ \t]*#", line))
        balance = 0
        for brace in re.findall(r"[{}]", text):
            balance += 1 if brace == "{" else -1
            if balance < 0:
                break
        if balance != 0:
            problems.add(rel, at(opening), "conditional-braces", "a conditional group's braces balance: braces the "
                         "compiler skips would change the scope the scans see")
        if name != "endif":
            open_groups.append((opening, end))


def scan(rel, raw, other_macros, problems, trusted_identifiers=frozenset(), compiler_dependent=frozenset(),
         macro_names=frozenset()):
    """Adds every preprocessor-level problem of the untrusted file `rel` (text `raw`) to `problems`. `other_macros`
    maps each macro name defined by another kernel-side file to that file; `trusted_identifiers` holds every
    identifier the trusted files write (a macro of that name would rewrite their code)."""
    for match in ODD_WHITESPACE.finditer(raw):
        problems.add(rel, raw[:match.start()].count("\n") + 1, "no-odd-whitespace",
                     f"{match.group(0)!r}: kernel code uses spaces, tabs and newlines only (the compiler takes a form "
                     "feed or vertical tab before or after `#` for whitespace, the scans did not)")
    if "NOLINT" in raw:
        problems.add(rel, raw[:raw.index("NOLINT")].count("\n") + 1, "no-nolint",
                     "NOLINT would silence clang-tidy; fix the code or make the file trusted")
    spliced, lines = splice_lines(raw)
    blanked, literals = blank_comments_and_literals(spliced)
    # Angle-bracket header names are not code: blank them after checking which header it is.
    for match in ANGLE_INCLUDE.finditer(blanked):
        header = spliced[match.start(1):match.end(1)].strip()
        if header not in ALLOWED_ANGLE_INCLUDES:
            problems.add(rel, lines[match.start()], "no-library-header",
                         f"<{header}>: kernel code includes only the compiler's <stddef.h> and <stdint.h>")
    blanked = ANGLE_INCLUDE.sub(lambda m: m.group(0)[:m.start(1) - m.start()] + " " * (m.end(1) - m.start(1)) + ">",
                                blanked)

    def at(offset):
        return lines[offset] if offset < len(lines) else (lines[-1] if lines else 1)

    # Where the file's first line of code (not a directive, comment or blank) starts: every #include comes before
    # it. A header included inside a function or class body puts its declarations in that scope, where the rules
    # that compare declarations' positions (view-assign-order, ctor-init-order) compare them within one file only,
    # so a local or member declared there would pass for one declared first (escape 403).
    first_code = len(blanked)
    offset = 0
    for line in blanked.split("\n"):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            first_code = offset
            break
        offset += len(line) + 1

    for match in DIRECTIVE.finditer(blanked):
        name, rest = match.group(1), match.group(2)
        where = at(match.start())
        if name == "undef":
            problems.add(rel, where, "no-undef", "#undef: an untrusted file may not remove a macro")
        elif name == "define":
            macro = IDENTIFIER.match(rest.strip())
            macro = macro.group(0) if macro else ""
            if macro in KEYWORDS:
                problems.add(rel, where, "no-keyword-macro", f"#define of the keyword '{macro}'")
            elif macro.startswith("__") or re.match(r"_[A-Z]", macro):
                problems.add(rel, where, "no-reserved-macro", f"#define of the reserved name '{macro}'")
            elif macro in other_macros:
                problems.add(rel, where, "no-macro-redefinition",
                             f"#define of '{macro}', which {other_macros[macro]} defines")
            elif not MACRO_NAME.match(macro):
                problems.add(rel, where, "macro-name", f"#define of '{macro}': an untrusted macro is named in "
                             "capitals (KEEL_...), so it cannot take the name of a function, type or variable")
            elif macro in trusted_identifiers:
                problems.add(rel, where, "no-macro-redefinition",
                             f"#define of '{macro}', a name the trusted files use")
            if "##" in rest:
                problems.add(rel, where, "no-token-pasting", "## builds tokens no scan can see")
            for opening, closing, why in (("[", "]", "`[[` in one macro and `]]` in another spell an attribute no "
                                            "scan sees (escape 339)"),
                                           ("{", "}", "a `{` from a macro opens a scope no scan sees (an #include "
                                            "inside it, escape 433)")):
                depth = 0
                for bracket in re.findall("[" + re.escape(opening + closing) + "]", rest):
                    depth += 1 if bracket == opening else -1
                    if depth < 0:
                        break
                if depth != 0:
                    problems.add(rel, where, "macro-brackets", f"a macro's {opening}{closing} brackets balance: {why}")
            if re.search(r"\bnoreturn\b", rest):
                problems.add(rel, where, "no-noreturn-macro", "a macro that expands to [[noreturn]] hides it from the "
                             "scan that holds every definition of a [[noreturn]] function to it (escape 432): write "
                             "the attribute on the declaration")
            # enum too: an enum from a macro would pass the no-unnamed-type scan unseen (escape 471).
            if re.search(r"\b(?:class|struct|enum|namespace|template)\b", rest):
                problems.add(rel, where, "no-declaration-macro", "a macro that expands to a class, an enum, a "
                             "namespace or a template declaration hides it from the file-level checks (one class "
                             "definition; the explicit-instantiation scan, which a `template struct X<...>;` from a "
                             "macro passed)")
        elif name == "pragma":
            if rest.strip() != "once":
                problems.add(rel, where, "no-pragma", "only #pragma once: pragmas can hide code from the checks")
        elif name == "line" or name.isdigit() or (name == "" and re.match(r"\s*\d", rest)):
            problems.add(rel, where, "no-line-directive", "line directives make diagnostics point at another file")
        elif name == "include":
            if match.start() > first_code:
                problems.add(rel, where, "include-after-code",
                             "#include after the first line of code: a header included inside a function or class "
                             "body declares into it, where the order rules compare positions within one file "
                             "(escape 403); include every header at the top")
        elif name in ("if", "ifdef", "ifndef", "elif", "else", "endif", "define", "error", "warning", ""):
            pass
        elif name in ("include_next", "import", "elifdef", "elifndef", "ident", "sccs", "assert", "unassert"):
            problems.add(rel, where, "no-directive", f"#{name} is not used in kernel code")
        else:
            problems.add(rel, where, "no-directive", f"unknown directive #{name}")
    check_include_scope(rel, blanked, at, problems)
    check_compiler_dependent(rel, blanked, at, problems, compiler_dependent, macro_names)
    for match in EXPLICIT_INSTANTIATION.finditer(blanked):
        problems.add(rel, at(match.start() + match.group(0).index("template")), "no-explicit-instantiation",
                     "an explicit instantiation (`template class X<...>;`) can name private members in its arguments")
    for match in UNNAMED_TYPE.finditer(blanked):
        problems.add(rel, at(match.start()), "no-unnamed-type",
                     "an unnamed class or enum: name it where it is defined (`typedef struct { ... } X;` gives it a "
                     "name for linkage only, which no one-definition check knows it by: escape 471)")
    for match in DIGRAPH.finditer(blanked):
        problems.add(rel, at(match.start()), "no-digraph", f"the digraph '{match.group(0)}'")
    for match in IDENTIFIER.finditer(blanked):
        word = match.group(0)
        if (word.startswith("__") or re.match(r"_[A-Z]", word) or "__" in word) and word not in ALLOWED_RESERVED:
            problems.add(rel, at(match.start()), "no-reserved-identifier",
                         f"'{word}': compiler builtins, attributes and identity macros are for trusted files")
        elif word in BANNED_WORDS:
            if word == "free" and re.search(r"(\.|->|::)\s*$", blanked[max(0, match.start() - 8):match.start()]):
                continue
            problems.add(rel, at(match.start()), "no-" + word.replace("_", "-"), BANNED_WORDS[word])
        elif word == "delete":
            before = blanked[:match.start()].rstrip()
            if not before.endswith("="):  # `f() = delete;` removes a function, it frees nothing
                problems.add(rel, at(match.start()), "no-delete", "delete is not in the safe subset; no heap")
        elif word == "extern":
            # The literal may follow after any whitespace and comments (blanked here), however long: `extern /* x */
            # "C"` is a linkage specification too (escape 330). A raw literal's R is part of it.
            following = next((offset for offset, _ in literals if offset >= match.end()), None)
            between = blanked[match.end():following].strip() if following is not None else "x"
            if between in ("", "R") or between in ENCODING_PREFIXES:
                problems.add(rel, at(match.start()), "no-extern-linkage",
                             'extern "C": an untrusted file may not (re)declare functions with C linkage')
    for match in re.finditer(r"\[\s+\[", blanked):
        problems.add(rel, at(match.start()), "attribute-form",
                     "`[ [`: write an attribute as `[[...]]` (every scan reads it so; escape 338)")
    for match in ATTRIBUTE.finditer(blanked):
        namespace = match.group(1)
        for item in match.group(2).split(","):
            item = item.strip()
            if not item:
                continue
            scoped = re.match(r"(\w+)\s*::\s*(\w+)", item)
            plain = IDENTIFIER.match(item)
            if not scoped and not namespace and (plain is None or plain.group(0) not in STANDARD_ATTRIBUTES):
                problems.add(rel, at(match.start()), "no-attribute",
                             f"[[{item}]]: only {sorted(STANDARD_ATTRIBUTES)} of the standard attributes (assume "
                             "lets the compiler delete a check on an unchecked promise)")
            elif scoped or namespace:
                attribute = scoped.group(2) if scoped else IDENTIFIER.match(item).group(0)
                if attribute not in ALLOWED_ATTRIBUTES:
                    problems.add(rel, at(match.start()), "no-attribute",
                                 f"[[{item}]]: vendor attributes beyond {sorted(ALLOWED_ATTRIBUTES)} are for "
                                 "trusted files")
