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

Enums too: an enum has no record layout, and its mangled name does not hold its underlying type, so a header whose
`enum class Mode : uint32_t` is `: uint8_t` in units that did not define a macro first let one unit store a word
into another's one-byte enum (escape 470). The same clang run dumps the AST, and every enum with linkage (at namespace
scope or in a class, outside unnamed namespaces, functions and template instantiations) is compared by its underlying
type (every declaration, opaque ones included) and its enumerators and their values (every definition). And of every
class, the order and signatures of its virtual functions (its vtable, escapes 476, 477), of every function whether
it is [[noreturn]] (escapes 472, 473, 478), and of every variable at namespace or class scope its type (escape 479).
"""

import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
from pathlib import Path

BLOCK = re.compile(r"\*\*\* Dumping AST Record Layout\n(.*?)(?:\n\n|\Z)", re.S)
DEFINITION = re.compile(r"^\w*RecordDecl 0x[0-9a-f]+ (?:prev 0x[0-9a-f]+ )?(?:parent 0x[0-9a-f]+ )?"
                        r"<(?P<file>[^:<>]+):(?P<line>\d+):\d+.*\bdefinition\b")
ENUM_DECLARATION = re.compile(r"^EnumDecl 0x[0-9a-f]+ (?:prev 0x[0-9a-f]+ )?<(?P<file>[^:<>]+):(?P<line>\d+):\d+")
FUNCTION_DECLARATION = re.compile(r"^\w+Decl 0x[0-9a-f]+ (?:parent 0x[0-9a-f]+ )?(?:prev 0x[0-9a-f]+ )?"
                                  r"<(?P<file>[^:<>]+):(?P<line>\d+):\d+")
LOCAL = ("(anonymous namespace)", "(lambda at", "(unnamed struct at", "(unnamed class at")


def layouts(clang, directory, source, arguments):
    """{class name: its layout as clang prints it} for one unit, and {`enum X` / `enumerators of X`: what they are}
    for its enums (escape 470), or None if clang cannot compile it."""
    result = subprocess.run([clang, *arguments, "-fsyntax-only", "-Wno-everything", "-Xclang",
                             "-fdump-record-layouts-complete", "-Xclang", "-fdump-record-layouts", "-Xclang",
                             "-ast-dump", str(source)],
                            cwd=directory, capture_output=True, text=True)
    if result.returncode != 0:
        return None
    records, _, dump = result.stdout.partition("\nTranslationUnitDecl ")
    found = {}
    for match in BLOCK.finditer(records):
        text = match.group(1).strip()
        name = text.splitlines()[0].split("|", 1)[1].strip()
        if not any(marker in name for marker in LOCAL):
            found[name] = text
    if not dump:
        return None  # no AST dump: the enums would go uncompared
    found.update(enums("TranslationUnitDecl " + dump))
    return found


TREE_NODE = re.compile(r"^((?:[| ] )*)[|`]-(.*)$")
# The scopes an enum with linkage sits in; any other (a function, an unnamed namespace, a template instantiation,
# whose member enums differ by its arguments) makes it one unit's own or not a definition to compare.
NAMED_SCOPE = re.compile(r"^(?:NamespaceDecl|CXXRecordDecl)\b.*?(?:(?:line|col):\d+(?::\d+)?|\S+:\d+:\d+)"
                         r"(?: referenced| used| implicit)*(?: inline)?(?: (?:struct|class|union))? (\w+)"
                         r"(?: definition| nested)?$")
TRANSPARENT_SCOPE = ("TranslationUnitDecl", "ClassTemplateDecl", "LinkageSpecDecl")
# Whether a function returns is part of its one definition too: a unit that sees it [[noreturn]] compiles its calls
# as ones that cannot come back (the code after them, a bounds check's failure path's continuation, goes), while the
# definition another unit compiles returns. The text scan (check_noreturn) read declarations as written and missed
# `void (f)(...)`, a member declared [[noreturn]] only where a macro is defined (escapes 472, 473): the AST knows.
SPECIALIZATIONS = ("ClassTemplateSpecializationDecl", "ClassTemplatePartialSpecializationDecl")
FUNCTION_DECLARATIONS = ("FunctionDecl", "CXXMethodDecl", "CXXConstructorDecl", "CXXDestructorDecl",
                         "CXXConversionDecl")


def normal_node(text):
    """One AST dump line without what differs between units for the same entity: addresses, source places, and
    whether this unit used it."""
    text = re.sub(r" 0x[0-9a-f]+", "", text)
    text = re.sub(r" (?:prev|parent)\b", "", text)
    text = re.sub(r" <(?:[^<>]|<[^<>]*>)*>", "", text, count=1)
    text = re.sub(r" (?:line:\d+:\d+|col:\d+|\S+:\d+:\d+|<invalid sloc>)", "", text)
    return re.sub(r" (?:referenced|used)\b", "", text)


def enums(dump):
    """{`enum <qualified name>`: its kind and underlying type, `enumerators of <qualified name>`: its enumerators and
    their values} of every enum with linkage in a unit's AST dump (clang -ast-dump text); {`noreturn <qualified
    name>`: whether its first declarations in the unit are [[noreturn]]} of every function with linkage; and
    {`virtual functions of <qualified name>`: their order and signatures} of every class with linkage."""
    found = {}
    stack = []  # (depth, qualified name of the scope, "" for a transparent one, None for a closed one)
    scopes = {}  # address of each named namespace or class -> its qualified name (for `parent 0x...`)
    lines = dump.splitlines()

    def children_of(index, depth):
        """(line index, node text) of each direct child of the node at `index`."""
        for offset in range(index + 1, len(lines)):
            inner = TREE_NODE.match(lines[offset])
            if not inner or len(inner.group(1)) // 2 + 1 <= depth:
                return
            if len(inner.group(1)) // 2 + 1 == depth + 1:
                yield offset, inner.group(2)

    for index, line in enumerate(lines):
        node = TREE_NODE.match(line)
        depth, text = (len(node.group(1)) // 2 + 1, node.group(2)) if node else (0, line)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        kind = text.split(" ", 1)[0]
        # Where this declaration's name lives: its semantic parent for one defined with a qualified name
        # (`class capsules::X {` inside namespace keel: escape 476), else the scopes around it.
        parent = re.search(r" parent (0x[0-9a-f]+)", text)
        if parent:
            prefix = scopes.get(parent.group(1))
        elif any(scope is None for _, scope in stack):
            prefix = None
        else:
            prefix = next((scope for _, scope in reversed(stack) if scope), "")

        def qualify(name):
            return f"{prefix}::{name}" if prefix else name

        if kind == "EnumDecl" and prefix is not None:
            head = normal_node(text)
            name = re.search(r"(\w+)(?: '[^']*'(?::'[^']*')?)?$", head)
            if name and name.group(1) not in ("EnumDecl", "class", "struct"):
                qualified = qualify(name.group(1))
                found[f"enum {qualified}"] = head
                body = []
                for follow in lines[index + 1:]:
                    inner = TREE_NODE.match(follow)
                    if not inner or len(inner.group(1)) // 2 + 1 <= depth:
                        break
                    body.append(f"{len(inner.group(1)) // 2 + 1 - depth} {normal_node(inner.group(2))}")
                if body:
                    found[f"enumerators of {qualified}"] = "\n".join(body)
        if kind in FUNCTION_DECLARATIONS and prefix is not None and \
                not re.search(r" implicit |_instantiation|_specialization", text):
            # A function is [[noreturn]] to a unit when any of its declarations there says so (the first must, the
            # others inherit it, which the dump does not show). Every declaration counts, under its semantic parent:
            # a unit whose only namespace-scope declaration was its definition, after a friend declaration (a
            # closed scope here), was no unit to compare (escape 478).
            name = re.search(r" (~?\w+|operator\S+) '[^']*'(?::'[^']*')?(?: \w+)*$", text)
            if name:
                kinds = [child.split(" ", 1)[0] for _, child in children_of(index, depth)]
                attribute = any(k.endswith("NoReturnAttr") for k in kinds) or "__attribute__((noreturn))" in text
                key = f"noreturn {qualify(name.group(1))}"
                found[key] = "noreturn" if attribute or found.get(key) == "noreturn" else "returns"
        if kind == "VarDecl" and prefix is not None and " implicit " not in text:
            # A variable's mangled name holds no type either: `extern uint32_t x;` in one unit over another's
            # `constinit uint8_t x = 0;` links, and a word store lands 3 bytes past the byte (escape 479). Its type,
            # canonical, must be the same to every unit of a target (a redeclaration in one unit must already agree).
            variable = re.search(r" (\w+) '([^']*)'(?::'([^']*)')?", re.sub(r" (?:used|referenced)\b", "", text))
            if variable:
                found[f"variable {qualify(variable.group(1))}"] = variable.group(3) or variable.group(2)
        named = None
        if kind in ("NamespaceDecl", "CXXRecordDecl"):
            scope = NAMED_SCOPE.match(text)
            if scope and scope.group(1) not in ("struct", "class", "union", "definition") and prefix is not None:
                named = qualify(scope.group(1))
                scopes[text.split(" ", 2)[1]] = named
        elif kind in SPECIALIZATIONS and prefix is not None and (
                kind != "ClassTemplateSpecializationDecl" or " explicit_specialization" in text):
            # An explicit or partial specialization is a class of its own, written by hand like any other (two
            # sources can each write one: escape 477); an implicit instantiation follows its template, compared.
            scope = re.search(r" (?:struct|class|union) (\w+)\b", text)
            arguments = [normal_node(child) for _, child in children_of(index, depth)
                         if child.startswith("TemplateArgument ")]
            if scope:
                named = qualify(f"{scope.group(1)}<{', '.join(arguments)}>")
                scopes[text.split(" ", 2)[1]] = named
        if kind in ("CXXRecordDecl", *SPECIALIZATIONS) and named and " definition" in text and \
                " implicit " not in text:
            # The order of a class's virtual functions is its vtable's, which no record layout shows: two definitions
            # of one class with the same members and two virtuals swapped link, and a call through one definition's
            # slot 0 runs the other's first function with these arguments (escape 476).
            virtuals = []
            for offset, member in children_of(index, depth):
                if member.split(" ", 1)[0] not in FUNCTION_DECLARATIONS or " implicit " in member:
                    continue
                following = TREE_NODE.match(lines[offset + 1]) if offset + 1 < len(lines) else None
                overrides = following is not None and following.group(2).startswith("Overrides:")
                if re.search(r" virtual\b", member) or overrides:
                    virtuals.append(re.sub(r" noexcept-\w+(?: 0x[0-9a-f]+)?", "", normal_node(member)))
            if virtuals:
                found[f"virtual functions of {named}"] = "\n".join(virtuals)
        if kind in TRANSPARENT_SCOPE or kind == "FunctionTemplateDecl":
            stack.append((depth, ""))
        elif kind in ("NamespaceDecl", "CXXRecordDecl", *SPECIALIZATIONS):
            stack.append((depth, named))
        else:
            stack.append((depth, None))
    return found


def definitions(clang, directory, source, arguments, name):
    """[(file, line)] where `name` (without its template arguments) is defined, as one unit sees it."""
    stem = re.sub(r"^(class|struct|enum|enumerators of|noreturn|virtual functions of|variable) ", "",
                  name).split("<", 1)[0]
    result = subprocess.run([clang, *arguments, "-fsyntax-only", "-Wno-everything", "-Xclang", "-ast-dump",
                             "-Xclang", "-ast-dump-filter=" + stem, str(source)],
                            cwd=directory, capture_output=True, text=True)
    places, lines = [], result.stdout.splitlines()
    for index, line in enumerate(lines):
        if line == f"Dumping {stem}:" and index + 1 < len(lines):
            match = DEFINITION.match(lines[index + 1]) or ENUM_DECLARATION.match(lines[index + 1]) or \
                (FUNCTION_DECLARATION.match(lines[index + 1]) if name.startswith(("noreturn ", "variable ")) else None)
            if match:
                path = Path(match.group("file"))
                places.append((str(path if path.is_absolute() else Path(directory) / path), int(match.group("line"))))
    return places


# What a cached answer holds: bumped whenever layouts() reports more (enums, [[noreturn]], virtual functions), so an
# older cache cannot answer for a check it never made.
CACHE_VERSION = 4


def cached_layouts(clang, unit, root, closure, cache):
    """layouts() of one unit, through `cache` (a folder, or None): the key is the unit's flags and the text of every
    file it includes (closure: root-relative unit -> the kernel-side files it includes), so a copy of the tree that
    changes none of them (the escape corpus checks one attempt per copy) reuses the answer."""
    target, directory, source, arguments = unit
    real = Path(os.path.realpath(source))
    rel = real.relative_to(root).as_posix() if cache and real.is_relative_to(root) else None
    if rel is None or rel not in closure:
        return layouts(clang, directory, source, arguments)
    digest = hashlib.sha256(json.dumps([CACHE_VERSION, target, rel, [a.replace(str(root), "<root>") for a in arguments],
                                        str(directory).replace(str(root), "<root>")]).encode())
    for name in sorted(closure[rel] | {rel}):
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    entry = Path(cache) / (digest.hexdigest() + ".json")
    if entry.is_file():
        return json.loads(entry.read_text(encoding="utf-8"))
    found = layouts(clang, directory, source, arguments)
    entry.parent.mkdir(parents=True, exist_ok=True)
    scratch = entry.with_suffix(f".{os.getpid()}.tmp")
    scratch.write_text(json.dumps(found), encoding="utf-8")
    scratch.replace(entry)
    return found


def check(clang, units, relative, problems, jobs=2, root=None, closure=None):
    """units: [(target, directory, source, arguments)]. Adds a `one-definition` problem at each definition of a class
    that two units of one target see laid out differently. `relative` maps a path to its root-relative form (None
    outside the root). With KEEL_LAYOUT_CACHE set (a folder), layouts are cached by what the unit includes (root and
    closure given). Returns how many units were compared."""
    cache = os.environ.get("KEEL_LAYOUT_CACHE") if root is not None and closure is not None else None
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(lambda unit: (unit, cached_layouts(clang, unit, root, closure or {}, cache)), units))
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
            if name.startswith("noreturn "):
                problems.add(path, line, "noreturn-not-seen",
                             f"{name[len('noreturn '):]} is [[noreturn]] to some {target} units and not to others "
                             "(one definition rule): a call compiled as one that cannot return may return")
                continue
            if name.startswith("variable "):
                problems.add(path, line, "one-definition",
                             f"{name[len('variable '):]} has {len(variants)} different types in the {target} units "
                             "(one definition rule): a unit would read or write it with another type's size")
                continue
            if name.startswith("virtual functions of "):
                problems.add(path, line, "one-definition",
                             f"{name[len('virtual functions of '):]} declares its virtual functions {len(variants)} "
                             f"different ways in the {target} units (one definition rule): a call through one "
                             "definition's vtable slot runs another function with these arguments")
                continue
            problems.add(path, line, "one-definition",
                         f"{name} is laid out {len(variants)} different ways in the {target} units (one definition "
                         "rule): code compiled against one layout would reach outside an object of the other")
    return compared
