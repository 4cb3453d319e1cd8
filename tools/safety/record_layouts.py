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
type (every declaration, opaque ones included) and its enumerators and their values (every definition).
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
    their values} of every enum with linkage in a unit's AST dump (clang -ast-dump text); and {`noreturn <qualified
    name>`: whether its first declarations in the unit are [[noreturn]]} of every function with linkage."""
    found, stack = {}, []  # stack: (depth, scope name, or "" for a transparent scope, or None for a closed one)
    lines = dump.splitlines()
    for index, line in enumerate(lines):
        node = TREE_NODE.match(line)
        depth, text = (len(node.group(1)) // 2 + 1, node.group(2)) if node else (0, line)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        kind = text.split(" ", 1)[0]
        if kind == "EnumDecl" and all(name is not None for _, name in stack):
            head = normal_node(text)
            name = re.search(r"(\w+)(?: '[^']*'(?::'[^']*')?)?$", head)
            if name and name.group(1) not in ("EnumDecl", "class", "struct"):
                qualified = "::".join([scope for _, scope in stack if scope] + [name.group(1)])
                found[f"enum {qualified}"] = head
                body = []
                for follow in lines[index + 1:]:
                    inner = TREE_NODE.match(follow)
                    if not inner or len(inner.group(1)) // 2 + 1 <= depth:
                        break
                    body.append(f"{len(inner.group(1)) // 2 + 1 - depth} {normal_node(inner.group(2))}")
                if body:
                    found[f"enumerators of {qualified}"] = "\n".join(body)
        if kind in FUNCTION_DECLARATIONS and all(name is not None for _, name in stack) and \
                not re.search(r" (?:prev|parent) 0x| implicit |_instantiation|_specialization", text):
            # A function's first declaration in the unit says whether it returns (redeclarations inherit it, and a
            # later [[noreturn]] is an error); an out-of-line member definition (parent) is its class's declaration's.
            name = re.search(r" (~?\w+|operator\S+) '[^']*'(?::'[^']*')?(?: \w+)*$", text)
            if name:
                qualified = "::".join([scope for _, scope in stack if scope] + [name.group(1)])
                children = []
                for follow in lines[index + 1:]:
                    inner = TREE_NODE.match(follow)
                    if not inner or len(inner.group(1)) // 2 + 1 <= depth:
                        break
                    if len(inner.group(1)) // 2 + 1 == depth + 1:
                        children.append(inner.group(2).split(" ", 1)[0])
                returns = "noreturn" if any(c.endswith("NoReturnAttr") for c in children) or \
                    "__attribute__((noreturn))" in text else "returns"
                key = f"noreturn {qualified}"
                found[key] = "+".join(sorted(set(found.get(key, returns).split("+")) | {returns}))
        if kind in TRANSPARENT_SCOPE or kind == "FunctionTemplateDecl":
            stack.append((depth, ""))
        elif kind in ("NamespaceDecl", "CXXRecordDecl"):
            scope = NAMED_SCOPE.match(text)
            named = scope and scope.group(1) not in ("struct", "class", "union", "definition")
            stack.append((depth, scope.group(1) if named else None))
        else:
            stack.append((depth, None))
    return found


def definitions(clang, directory, source, arguments, name):
    """[(file, line)] where `name` (without its template arguments) is defined, as one unit sees it."""
    stem = re.sub(r"^(class|struct|enum|enumerators of|noreturn) ", "", name).split("<", 1)[0]
    result = subprocess.run([clang, *arguments, "-fsyntax-only", "-Wno-everything", "-Xclang", "-ast-dump",
                             "-Xclang", "-ast-dump-filter=" + stem, str(source)],
                            cwd=directory, capture_output=True, text=True)
    places, lines = [], result.stdout.splitlines()
    for index, line in enumerate(lines):
        if line == f"Dumping {stem}:" and index + 1 < len(lines):
            match = DEFINITION.match(lines[index + 1]) or ENUM_DECLARATION.match(lines[index + 1]) or \
                (FUNCTION_DECLARATION.match(lines[index + 1]) if name.startswith("noreturn ") else None)
            if match:
                path = Path(match.group("file"))
                places.append((str(path if path.is_absolute() else Path(directory) / path), int(match.group("line"))))
    return places


def cached_layouts(clang, unit, root, closure, cache):
    """layouts() of one unit, through `cache` (a folder, or None): the key is the unit's flags and the text of every
    file it includes (closure: root-relative unit -> the kernel-side files it includes), so a copy of the tree that
    changes none of them (the escape corpus checks one attempt per copy) reuses the answer."""
    target, directory, source, arguments = unit
    real = Path(os.path.realpath(source))
    rel = real.relative_to(root).as_posix() if cache and real.is_relative_to(root) else None
    if rel is None or rel not in closure:
        return layouts(clang, directory, source, arguments)
    digest = hashlib.sha256(json.dumps([target, rel, [a.replace(str(root), "<root>") for a in arguments],
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
            problems.add(path, line, "one-definition",
                         f"{name} is laid out {len(variants)} different ways in the {target} units (one definition "
                         "rule): code compiled against one layout would reach outside an object of the other")
    return compared
