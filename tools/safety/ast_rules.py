# SPDX-License-Identifier: Apache-2.0
"""The safe subset's rules on the AST, as clang-query matchers (clang 19), run on every untrusted translation unit
with the build's own flags. A match located in an untrusted file is a problem; template instantiations are matched
too, so a cast that is harmless as written but becomes a pointer cast for some T is caught where it is written.

Raw pointers are the trusted core's business: untrusted code holds references, Slice views and the cell types. The
view types (references, Slice, Option<T&>, SliceIterator, process buffers) may live only on the stack: never in a
data member, never in a static. Long-lived references are StaticRef, which only static allocation makes.
"""

import os
import re
import subprocess

VIEW_RECORDS = ("::keel::Slice", "::keel::SliceIterator", "::keel::Ref", "::keel::ReadOnlyProcessBuffer",
                "::keel::ReadWriteProcessBuffer")
_names = ", ".join(f'"{name}"' for name in VIEW_RECORDS)
# A lambda's closure is a view too: its captures are references (or copies of views) the rules cannot see into.
VIEW = ("hasUnqualifiedDesugaredType(anyOf(referenceType(), recordType(hasDeclaration(cxxRecordDecl(anyOf("
        f"isLambda(), hasAnyName({_names}), classTemplateSpecializationDecl(hasName(\"::keel::Option\"), "
        "hasTemplateArgument(0, refersToType(referenceType())))))))))")
# Wrappers that are views when what they hold is one (IsView says so too), and the view records themselves: a
# field of one of these may be a view.
VIEW_CONTAINER = ("cxxRecordDecl(anyOf(hasAnyName(" + _names + "), "
                  "classTemplateSpecializationDecl(hasAnyName(\"::keel::Option\", \"::keel::Result\", "
                  "\"::keel::Array\"))))")
ARRAY_OF_VIEWS = f"hasUnqualifiedDesugaredType(constantArrayType(hasElementType({VIEW})))"
# What a data member or a static may not hold, to any depth the compiler lets a view hide at: a view itself, a
# wrapper of one (Option<Slice<T>>, Result<Slice<T>>, Array<Slice<T>, N>, nested: IsView follows these, but a record
# that has one as a field is no view to IsView, so no-view-member must see the field), and a record that inherits
# from a view (a Slice or a closure as a base class is no field at all; escapes 129, 131, 137).
_VIEW_RECORD = (f"cxxRecordDecl(anyOf(isLambda(), hasAnyName({_names}), classTemplateSpecializationDecl("
                "hasName(\"::keel::Option\"), hasTemplateArgument(0, refersToType(referenceType())))))")


_CELLS = '"::keel::Cell", "::keel::OptionalCell", "::keel::MapCell"'


def _held_view(depth, fallback=True):
    """A type that is or holds a view, through `depth` levels of Option/Result/Array and any base classes (and, at
    the last level, any Option/Result/Array at all, unless `fallback` is false)."""
    record = [_VIEW_RECORD, f"isDerivedFrom({_VIEW_RECORD})"]
    if depth == 0 and fallback:
        # Deeper than the matcher follows: a wrapper nested this far counts as a view whatever it holds.
        record.append("classTemplateSpecializationDecl(hasAnyName(\"::keel::Option\", \"::keel::Result\", "
                      "\"::keel::Array\"))")
    elif depth > 0:
        inner = _held_view(depth - 1, fallback)
        # The cells hold their value by value too, and Cell's field is in a trusted file, where no finding counts:
        # a Cell of a closure (no view to IsView, so its static assertion lets it in) keeps the closure's references
        # (escape 335).
        record.append("classTemplateSpecializationDecl(hasAnyName(\"::keel::Option\", \"::keel::Result\", "
                      f"\"::keel::Array\", {_CELLS}), hasTemplateArgument(0, refersToType({inner})))")
        record.append(f"isDerivedFrom(classTemplateSpecializationDecl(hasAnyName(\"::keel::Option\", "
                      f"\"::keel::Result\", \"::keel::Array\"), hasTemplateArgument(0, refersToType({inner}))))")
    return (f"hasUnqualifiedDesugaredType(anyOf(referenceType(), recordType(hasDeclaration(cxxRecordDecl(anyOf("
            f"{', '.join(record)}))))))")


HELD_VIEW = _held_view(2)
# What certainly is a view (no fallback): where being taken for a view exempts a type from a rule (a view parameter
# views the caller's memory; a view temporary what it held), a wrapper nested three deep around no view at all must
# not pass for one (escape 408).
REAL_VIEW = _held_view(2, fallback=False)
# A temporary class object that is no view and holds none: a view a method gives back from it points into it.
TEMPORARY_OBJECT = (f"materializeTemporaryExpr(unless(hasType({HELD_VIEW})), unless(hasType("
                    f"hasUnqualifiedDesugaredType(recordType(hasDeclaration({VIEW_CONTAINER}))))))")
ARRAY_OF_HELD_VIEWS = f"hasUnqualifiedDesugaredType(constantArrayType(hasElementType({HELD_VIEW})))"


def _temporary_through_calls(depth):
    """What _temporary_inside followed before escape 454: the temporary, or one passed through parentheses, casts and
    calls returning a reference. Kept for a method's arguments (below), where a member of a temporary is no sign
    that the method's result is the temporary (`out.dec(make_id().index)` returns `out`)."""
    if depth == 0:
        return "materializeTemporaryExpr()"
    inner = _temporary_through_calls(depth - 1)
    return (f"expr(anyOf(materializeTemporaryExpr(), expr(anyOf(parenExpr(), castExpr()), has({inner})), "
            f"callExpr(callee(functionDecl(returns(referenceType()))), hasAnyArgument({inner}))))")


def _temporary_inside(depth):
    """An expression whose object is a temporary: the temporary itself, or one passed through parentheses, casts
    (static_cast<T&&>(t)) and calls returning a reference (move(t), forward<T>(t), any lifetimebound helper), up to
    `depth` of them (escape 401). Matched with `has`, which, unlike hasArgument and on(), strips nothing. A member of
    a temporary (`make_envelope().reply`, escape 454), an element of its C array and a method of one returning a
    reference (`make_reply().with_status(0)`) are the temporary's too: a method call is followed through its object
    (its callee, a member naming a method) and, as before, through its arguments as far as calls and casts."""
    if depth == 0:
        return "materializeTemporaryExpr()"
    inner = _temporary_inside(depth - 1)
    return (f"expr(anyOf(materializeTemporaryExpr(), expr(anyOf(parenExpr(), castExpr(), memberExpr(), "
            f"arraySubscriptExpr(), cxxMemberCallExpr(callee(cxxMethodDecl(returns(referenceType())))), "
            f"callExpr(unless(cxxMemberCallExpr()), callee(functionDecl(returns(referenceType()))))), "
            f"has(expr({inner}, anyOf(memberExpr(member(cxxMethodDecl())), unless(hasParent(cxxMemberCallExpr())))))), "
            f"cxxMemberCallExpr(callee(cxxMethodDecl(returns(referenceType()))), "
            f"hasAnyArgument({_temporary_through_calls(depth - 1)}))))")


# The object of a method call that is a temporary class object, no view (whose method gives back what it views, not
# itself), nor one of the trusted static kinds (StaticSlice::slice(), StaticRef::get() of a temporary give a view of
# static storage, never of the temporary), nor a temporary Option or Result, whose methods on an rvalue give back the
# value they hold (value() &&), not a view into themselves. An Array is not exempt: it owns its items, and operator[],
# get and begin view them (escape 455: `table_of(kind).get(i).value()`); nor is a wrapper nested deep around plain
# data a view here (REAL views only, escape 408's reasoning).
_STATIC_HANDLE = ("hasUnqualifiedDesugaredType(recordType(hasDeclaration(cxxRecordDecl(hasAnyName(\"::keel::StaticRef\", "
                  "\"::keel::OptionalStaticRef\", \"::keel::StaticSlice\", \"::keel::StaticBuffer\")))))")
_PURE_VIEW = (f"hasUnqualifiedDesugaredType(anyOf(referenceType(), recordType(hasDeclaration(cxxRecordDecl(anyOf("
              f"{_VIEW_RECORD}, isDerivedFrom({_VIEW_RECORD})))))))")
_OWNING_WRAPPER = ("hasUnqualifiedDesugaredType(recordType(hasDeclaration(classTemplateSpecializationDecl(hasAnyName("
                   "\"::keel::Option\", \"::keel::Result\")))))")
OBJECT_FROM_TEMPORARY = (f"expr(unless(hasType({_PURE_VIEW})), unless(hasType({_OWNING_WRAPPER})), "
                         f"unless(hasType({_STATIC_HANDLE})), {_temporary_inside(6)})")
# A temporary Option or Result (not a view): what a method of it gives back by reference (value() & on an lvalue a
# reference-returning helper made of it) or through map is its own value.
WRAPPER_FROM_TEMPORARY = (f"expr(hasType({_OWNING_WRAPPER}), unless(hasType({_PURE_VIEW})), {_temporary_inside(6)})")
# A call passing a temporary that is no view (a real one: a wrapper nested deep around plain data is no view here)
# and no static handle to a KEEL_LIFETIMEBOUND parameter: its result views an object of the full-expression. And an
# expression that is or holds one (no-view-from-temporary-argument, escape 452).
_ARGUMENT_TEMPORARY = (f"expr(unless(hasType({REAL_VIEW})), unless(hasType({_STATIC_HANDLE})), "
                       f"{_temporary_inside(6)})")
# forEachArgumentWithParam gives the argument with its implicit nodes stripped, the temporary's among them: the
# temporary is found as the call's child that is (or holds) that argument, as no-view-of-temporary finds its object.
_LIFETIMEBOUND_TEMPORARY_CALL = ("callExpr(forEachArgumentWithParam(expr().bind(\"_argument\"), "
                                 "parmVarDecl(hasAttr(\"attr::LifetimeBound\"))), "
                                 f"has(expr({_ARGUMENT_TEMPORARY}, anyOf(equalsBoundNode(\"_argument\"), "
                                 "hasDescendant(expr(equalsBoundNode(\"_argument\")))))))")
_HOLDS_LIFETIMEBOUND_TEMPORARY_CALL = (f"expr(anyOf({_LIFETIMEBOUND_TEMPORARY_CALL}, "
                                       f"hasDescendant({_LIFETIMEBOUND_TEMPORARY_CALL})))")
# What no-view-from-temporary-argument says, for each of its three forms.
_VIEW_FROM_TEMPORARY_ARGUMENT = ("a view kept from a lifetimebound call on a temporary (`bytes_of(make_frame()).skip(4)` "
                                 "in a variable, a range-for, a return value or an assigned view) outlives that "
                                 "temporary, which dies at the end of the statement: name the object first")
# Register layouts (no-plain-device-field): a record with a field that is a register cell (RegisterCell or a class
# derived from it), a C array or an Array of them, or a record deriving from a cell; what such a record may hold.
_CELL = ('recordType(hasDeclaration(cxxRecordDecl(anyOf(hasName("::keel::mmio::RegisterCell"), '
         'isDerivedFrom("::keel::mmio::RegisterCell")))))')
_CELLISH = (f"hasUnqualifiedDesugaredType(anyOf({_CELL}, constantArrayType(hasElementType(hasUnqualifiedDesugaredType("
            f"{_CELL}))), recordType(hasDeclaration(classTemplateSpecializationDecl(hasName(\"::keel::Array\"), "
            f"hasTemplateArgument(0, refersToType(hasUnqualifiedDesugaredType({_CELL}))))))))")
DEVICE_RECORD = (f"cxxRecordDecl(anyOf(has(fieldDecl(hasType({_CELLISH}))), "
                 f"isDerivedFrom(\"::keel::mmio::RegisterCell\")))")
_PART = (f"anyOf({_CELL}, recordType(hasDeclaration(classTemplateSpecializationDecl(hasName(\"::keel::mmio::Reserved\")))), "
         f"recordType(hasDeclaration({DEVICE_RECORD})))")
DEVICE_PART = (f"hasUnqualifiedDesugaredType(anyOf({_PART}, constantArrayType(hasElementType(hasUnqualifiedDesugaredType("
               f"{_PART}))), recordType(hasDeclaration(classTemplateSpecializationDecl(hasName(\"::keel::Array\"), "
               f"hasTemplateArgument(0, refersToType(hasUnqualifiedDesugaredType({_PART}))))))))")
_TRUSTED_ARROW = ("cxxOperatorCallExpr(hasOverloadedOperatorName(\"->\"), callee(cxxMethodDecl(ofClass(cxxRecordDecl("
                  "hasAnyName(\"::keel::StaticRef\", \"::keel::OptionalStaticRef\"))))))")
POINTER_EXPRESSION_ALLOWED = (
    "cxxThisExpr()",
    # StaticRef's and OptionalStaticRef's operator-> (trusted): the pointer is dereferenced by the member access at
    # once. Only theirs: an untrusted `auto operator->() { return this; }` (no pointer type written) would hand out
    # the address of a temporary, whose members a view then outlives (escape 406).
    _TRUSTED_ARROW,
    f"implicitCastExpr(hasSourceExpression(ignoringImpCasts({_TRUSTED_ARROW})))",
    "implicitCastExpr(hasSourceExpression(ignoringImpCasts(cxxThisExpr())))",
    "cxxNullPtrLiteralExpr()",
    # A default member initializer of a trusted type (Ref's `pointer_ = nullptr`) used by a constructor here.
    "expr(has(implicitCastExpr(hasSourceExpression(cxxNullPtrLiteralExpr()))))",
    "implicitCastExpr(hasSourceExpression(cxxNullPtrLiteralExpr()))",
    "implicitCastExpr(hasSourceExpression(ignoringParenImpCasts(stringLiteral())))",
    "implicitCastExpr(hasSourceExpression(predefinedExpr()))",
    "implicitCastExpr(hasCastKind(\"CK_FunctionToPointerDecay\"), hasParent(callExpr()))",
    "implicitCastExpr(hasCastKind(\"CK_FunctionToPointerDecay\"), hasParent(cxxOperatorCallExpr()))",
)

# (name, matcher, message)
# Code the compiler writes itself (a captureless lambda's conversion to a function pointer, the memberwise copy of an
# array member) is not the file's own code.
# A lambda's closure class is itself an implicit declaration, but its call operator is the file's own code (escape
# 259: every rule using this once skipped whole lambda bodies).
NOT_IMPLICIT = "unless(hasAncestor(decl(isImplicit(), unless(cxxRecordDecl(isLambda())))))"

RULES = (
    ("no-raw-pointer-type", "typeLoc(anyOf(loc(pointerType()), loc(memberPointerType())), " + NOT_IMPLICIT + ")",
     "raw pointer type: untrusted code uses references, Slice, Option<T&> or StaticRef"),
    ("no-raw-pointer-value",
     "expr(hasType(hasUnqualifiedDesugaredType(anyOf(pointerType(), memberPointerType()))), " + NOT_IMPLICIT +
     ", unless(anyOf(" + ", ".join(POINTER_EXPRESSION_ALLOWED) + ")))",
     "expression of raw or member pointer type (address-of, a cast to a pointer, a builtin): not in the safe subset"),
    # A return type deduced from `this` (auto) is a pointer no TypeLoc spells (escape 406).
    ("no-pointer-return", "functionDecl(unless(isImplicit()), " + NOT_IMPLICIT + ", returns(hasUnqualifiedDesugaredType("
     "anyOf(pointerType(), memberPointerType()))))",
     "a function returning a raw pointer (a deduced `auto` return type included): untrusted code hands out references, "
     "Slice or StaticRef"),
    ("no-pointer-cast", "castExpr(hasCastKind(\"CK_IntegralToPointer\"))", "integer to pointer conversion"),
    ("no-c-style-cast", "cStyleCastExpr(unless(hasDestinationType(voidType())))",
     "C-style cast (in any template instantiation too): use static_cast between value types"),
    ("no-downcast", "castExpr(anyOf(hasCastKind(\"CK_BaseToDerived\"), hasCastKind(\"CK_BaseToDerivedMemberPointer\"),"
     " hasCastKind(\"CK_DerivedToBaseMemberPointer\"), hasCastKind(\"CK_Dynamic\")))",
     "cast from a base to a derived class (or of a member pointer between them)"),
    ("no-bit-cast", "castExpr(anyOf(hasCastKind(\"CK_LValueBitCast\"), hasCastKind(\"CK_LValueToRValueBitCast\"), "
     "hasCastKind(\"CK_BitCast\"), hasCastKind(\"CK_ReinterpretMemberPointer\")), " + NOT_IMPLICIT + ")",
     "reinterpreting cast of an object's bytes"),
    ("no-builtin-call", "callExpr(callee(functionDecl(isImplicit(), matchesName(\"^::__builtin\"))), " + NOT_IMPLICIT + ")",
     "compiler builtin"),
    ("no-view-member", f"fieldDecl(anyOf(hasType({HELD_VIEW}), hasType({ARRAY_OF_HELD_VIEWS})), unless(isImplicit()), "
     f"unless(hasDeclContext({VIEW_CONTAINER})))",
     "a view (reference, Slice, Option<T&>, process buffer) stored in an object can outlive what it views: "
     "keep it on the stack, or store a StaticRef / Buffer"),
    # A constexpr wrapper of views (a table of literal texts) can only view static storage: a constant expression
    # cannot take the address of anything else.
    ("no-view-static", f"varDecl(hasStaticStorageDuration(), anyOf(hasType({VIEW}), hasType({ARRAY_OF_VIEWS}), "
     f"allOf(unless(isConstexpr()), anyOf(hasType({HELD_VIEW}), hasType({ARRAY_OF_HELD_VIEWS})))))",
     "a view in a static outlives what it views: store a StaticRef / Buffer"),
    # A class deriving from a view (Slice, a closure, Option<T&>, a wrapper of one) is a view that IsView, the cells'
    # static assertions and no-view-member cannot see: a Cell<Derived> would keep a view of the stack.
    ("no-view-base", f"cxxRecordDecl(isDefinition(), unless(isImplicit()), unless({VIEW_CONTAINER}), "
     f"hasAnyBase(hasType({HELD_VIEW})))",
     "a class deriving from a view (Slice, a lambda's closure, Option<T&> or a wrapper of one) is a view no cell or "
     "rule recognises: hold the view on the stack instead"),
    # The rules know the view types and their wrappers by name (hasName), and a name matcher skips inline
    # namespaces: a class template `Array` in `keel::inline x` passes for keel::Array, a view container whose own
    # fields may be views, while IsView and the cells know nothing of it (escape 409).
    ("no-inline-namespace", "namespaceDecl(isInline())",
     "an inline namespace: a class in one passes, to every rule that knows a type by name, for the namespace's own "
     "(keel::inline x::Array for keel::Array)"),
    ("no-thread-local", "varDecl(hasThreadStorageDuration())", "thread_local: the kernel has one thread"),
    # Device memory holds whatever the device (or, for the flash bank, a process) put there, and changes behind the
    # compiler's back: only a register cell reads it, one volatile load of an unsigned integer at a time. A plain
    # field in a register layout would be an ordinary load of it, a bool or an enum holding a value its type does
    # not have (which lets the compiler drop a bounds check, as escape 06 did) or a value checked once and loaded
    # again. So a record holding register cells (or deriving from one) holds nothing else but Reserved gaps and
    # records, C arrays and Arrays of the same, and derives from no other record (escape 343).
    ("no-plain-device-field", f"fieldDecl(unless(isImplicit()), hasDeclContext({DEVICE_RECORD}), "
     f"unless(hasType({DEVICE_PART})))",
     "a register layout holds register cells, Reserved gaps and records or arrays of them only: any other field "
     "is an ordinary load of device memory"),
    ("no-plain-device-base", f"cxxRecordDecl(isDefinition(), {DEVICE_RECORD}, hasAnyBase(hasType("
     f"hasUnqualifiedDesugaredType(recordType(hasDeclaration(cxxRecordDecl(unless({DEVICE_RECORD}), "
     f"unless(hasName(\"::keel::mmio::RegisterCell\")))))))))",
     "a register layout derives only from register cells or other register layouts"),
    # A function with C linkage names a symbol without its C++ signature: a redeclaration of memcpy or of an assembly
    # entry with other parameters links to the real one (escapes 18, 19). The text scan looks for `extern "C"`; this
    # sees every spelling of it (a comment between the words, escape 330).
    # What the linker or the code generator does with a declaration, whatever spells the attribute (the text scan
    # allows a few vendor attributes by name; brackets from macros, escape 339, or any other spelling end here).
    ("no-linkage-attribute", "decl(anyOf(" + ", ".join(f'hasAttr("attr::{kind}")' for kind in (
        "Alias", "WeakRef", "Weak", "Section", "Used", "Retain", "Constructor", "Destructor", "InitPriority",
        "AsmLabel", "Naked", "Cleanup", "Suppress", "NoSanitize", "Visibility", "NoReturn")) + "))",
     "an attribute that changes what the linker or the code generator makes of a declaration (alias, weakref, "
     "section, used, constructor, asm label, gnu::noreturn...) is for trusted files"),
    # A destructor runs where no call is written (at the end of a scope, of a full-expression), so misc-no-recursion,
    # which follows written calls, never sees a cycle through one (escape 340); kernel objects live for the whole run
    # and none needs a destructor of its own.
    ("no-user-destructor", "cxxDestructorDecl(isUserProvided())",
     "a user-provided destructor: its calls are implicit, so no recursion check follows them (kernel objects are "
     "static and need none)"),
    # A function declared in a block redeclares a namespace's function where no file-level scan looks: a
    # [[noreturn]] there makes calls of a function that returns fall through into whatever follows (escape 332).
    ("no-local-function-declaration", "functionDecl(hasParent(declStmt()))",
     "a function declared inside a function: declare it in a header at namespace scope (or include its header)"),
    ("no-extern-linkage", "linkageSpecDecl()",
     'extern "C" / "C++": an untrusted file may not (re)declare functions with C linkage'),
    # A method that returns a view, called on a temporary object (`make_reply().payload()`), very likely returns a
    # view into that object, which dies at the end of the full-expression; clang sees it only when the method marks
    # its object KEEL_LIFETIMEBOUND. A temporary that is itself a view or a wrapper of views (an Option<Slice>) is
    # exempt: what it gives back is the view it holds, not one into itself.
    ("no-view-of-temporary",
     f"expr(anyOf(cxxMemberCallExpr(callee(cxxMethodDecl(returns({HELD_VIEW}))), has(memberExpr(has("
     f"{OBJECT_FROM_TEMPORARY})))), "
     f"cxxMemberCallExpr(callee(cxxMethodDecl(returns({HELD_VIEW}), anyOf(returns(referenceType()), hasName(\"map\")))), "
     f"has(memberExpr(has({WRAPPER_FROM_TEMPORARY})))), "
     # The object operand as written: hasArgument strips implicit nodes, the temporary's among them, so it is found
     # as the operator call's child that is (or holds) what hasArgument(0) sees.
     f"cxxOperatorCallExpr(callee(cxxMethodDecl(returns({HELD_VIEW}))), hasArgument(0, expr().bind(\"_object\")), "
     f"has(expr({OBJECT_FROM_TEMPORARY}, anyOf(equalsBoundNode(\"_object\"), "
     f"hasDescendant(expr(equalsBoundNode(\"_object\")))))))))",
     "a view taken from a temporary object dangles at the end of the statement: name the object first"),
    # A default argument is evaluated in the caller, and a temporary it materializes lives only to the end of the
    # caller's full-expression: a parameter that is (or holds) a view of it, a reference bound to a `T{}` default,
    # dangles as soon as the call's statement ends, and a view the function returns into it (lifetimebound or not)
    # with it. clang's lifetime analysis does not look into a default argument (escape 451), and no temporary is
    # written at the call for no-view-of-temporary to see: so no view parameter defaults to anything holding a
    # temporary (a static object, or an overload without the parameter, says the same).
    ("no-temporary-default-argument",
     f"parmVarDecl(hasType({HELD_VIEW}), hasDefaultArgument(), hasInitializer(anyOf(materializeTemporaryExpr(), "
     "hasDescendant(materializeTemporaryExpr()))))",
     "a view parameter whose default argument is (or holds) a temporary views an object that dies at the end of the "
     "caller's statement: pass the object, or give the default a static one"),
    # A view derived from a lifetimebound call's result: clang follows a KEEL_LIFETIMEBOUND parameter bound to a
    # temporary only to the call's own result (`Slice s = bytes_of(make_frame());` is -Wdangling), not through what is
    # done with that result next: a Slice method (first, skip, operator[], get, begin) views what the temporary view
    # views, and is rightly not lifetimebound on the view object itself, so `bytes_of(make_frame()).skip(4)` kept in a
    # variable (a range-for's range included), returned or assigned to a view outlives the frame (escape 452). So
    # none of those may hold a lifetimebound call whose lifetimebound argument is a temporary that is no view (a
    # temporary view, a closure or a static handle passed on is what it views, not what dies).
    ("no-view-from-temporary-argument",
     f"varDecl(hasType({HELD_VIEW}), hasInitializer({_HOLDS_LIFETIMEBOUND_TEMPORARY_CALL}))",
     _VIEW_FROM_TEMPORARY_ARGUMENT),
    ("no-view-from-temporary-argument",
     f"returnStmt(hasReturnValue({_HOLDS_LIFETIMEBOUND_TEMPORARY_CALL}), forFunction(functionDecl(returns({HELD_VIEW}))))",
     _VIEW_FROM_TEMPORARY_ARGUMENT),
    ("no-view-from-temporary-argument",
     f"cxxOperatorCallExpr(isAssignmentOperator(), hasArgument(0, hasType({HELD_VIEW})), "
     f"hasArgument(1, {_HOLDS_LIFETIMEBOUND_TEMPORARY_CALL}))",
     _VIEW_FROM_TEMPORARY_ARGUMENT),
    ("view-needs-lifetimebound",
     f"functionDecl(unless(isImplicit()), unless(isDeleted()), unless(isDefaulted()), returns({HELD_VIEW}), "
     # A method returning a reference to its own class gives back *this (Writer::str chaining), not an argument.
     "unless(cxxMethodDecl(ofClass(cxxRecordDecl().bind(\"self\")), returns(referenceType(pointee("
     "hasUnqualifiedDesugaredType(recordType(hasDeclaration(cxxRecordDecl(equalsBoundNode(\"self\")))))))))), "
     f"hasAnyParameter(parmVarDecl(hasType({HELD_VIEW}), unless(hasAttr(\"attr::LifetimeBound\")))))",
     "a function or method returning a view must mark each view parameter KEEL_LIFETIMEBOUND, so that clang sees "
     "the view it returns dangle with its argument"),
    # The exemption above is sound only for what it is meant for: a method returning a reference to its own class
    # that gives back *this. One returning an unmarked view parameter of that class instead (`or_else(Reply const&
    # fallback) const { return ok ? *this : fallback; }`) hands its caller a reference clang cannot see dangle with
    # a temporary argument (escape 457): such a method returns `*this` only, or marks its view parameters.
    ("own-class-return-is-this",
     "returnStmt(forFunction(cxxMethodDecl(ofClass(cxxRecordDecl().bind(\"self\")), returns(referenceType(pointee("
     "hasUnqualifiedDesugaredType(recordType(hasDeclaration(cxxRecordDecl(equalsBoundNode(\"self\")))))))), "
     f"hasAnyParameter(parmVarDecl(hasType({HELD_VIEW}), unless(hasAttr(\"attr::LifetimeBound\")))))), "
     "unless(hasReturnValue(ignoringParenImpCasts(unaryOperator(hasOperatorName(\"*\"), "
     "hasUnaryOperand(ignoringParenImpCasts(cxxThisExpr())))))))",
     "a method returning a reference to its own class without KEEL_LIFETIMEBOUND on its view parameters returns "
     "`*this` only: anything else may be a parameter, which clang cannot see dangle with its argument"),
    # A specialization replaces a template's definition for some arguments: one of a trusted template (StaticRef,
    # IsView, Slice) written in an untrusted file would forge what the trusted one promises. Specializing a template
    # of one's own file is fine: run() compares the specialization's file with that of the template's definition,
    # bound as _definition when the specialization sees one (a comment naming the template, escape 334, or a template
    # declared elsewhere and not yet defined is no definition).
    ("no-foreign-specialization",
     "classTemplateSpecializationDecl(isExplicitTemplateSpecialization(), "
     "hasSpecializedTemplate(classTemplateDecl(optionally(has(cxxRecordDecl(isDefinition()).bind(\"_definition\"))))))",
     "a specialization of a template declared in another file (it would replace that file's definition)"),
    ("no-function-specialization", "functionDecl(isExplicitTemplateSpecialization())",
     "an explicit specialization of a function template (it would replace the template's definition)"),
    ("no-variable-specialization", "varDecl(isExplicitTemplateSpecialization())",
     "an explicit specialization of a variable template (is_view<...> and kin belong to the trusted core)"),
    # A global object of class type is built by a dynamic initialiser in an order across files (and before the
    # board's wiring) nothing fixes: one could read another before it exists (a StaticRef before it points anywhere).
    ("no-dynamic-global",
     "varDecl(hasGlobalStorage(), unless(isStaticLocal()), unless(isConstexpr()), unless(hasAttr(\"attr::ConstInit\")),"
     " unless(hasType(isInteger())), unless(hasType(booleanType())), unless(isImplicit()), unless(parmVarDecl()))",
     "a namespace-scope or static member object must be constexpr or constinit (no dynamic initialisation order)"),
    # static_ref / static_buffer are sound only as the macros use them: on a static made in that very expansion, which
    # runs once. Named anywhere else they would make a second owner of a buffer, or a StaticRef to anything static.
    ("no-static-init-detail",
     "declRefExpr(to(functionDecl(hasAncestor(namespaceDecl(hasName(\"::keel::static_init_detail\"))))))",
     "keel::static_init_detail is KEEL_STATIC_INIT's and KEEL_STATIC_BUFFER's own: use the macros"),
    # Name lookup is how trusted code finds what it calls: no untrusted declaration may add to what it finds. A
    # using-declaration of a function, or a using-directive in a header, at namespace scope would put another
    # namespace's functions beside keel's, where a better-matching overload replaces a trusted one.
    ("no-namespace-using-function",
     "usingDecl(unless(hasAncestor(functionDecl())), unless(hasAncestor(cxxRecordDecl())),"
     " hasAnyUsingShadowDecl(hasTargetDecl(functionDecl())))",
     "a using-declaration of a function at namespace scope adds an overload where trusted code looks: qualify the call"),
    ("no-namespace-using-directive",
     "usingDirectiveDecl(unless(hasAncestor(functionDecl())), isExpansionInFileMatching(\"\\\\.h$\"))",
     "a using-directive at namespace scope in a header adds another namespace's functions where trusted code looks"),
    ("no-static-local-object", "varDecl(isStaticLocal(), unless(isConstexpr()), unless(hasType(isConstQualified())),"
     " unless(hasType(isInteger())), unless(hasType(booleanType())))",
     "a function-local static object outlives the call that may fill it: static objects come from "
     "KEEL_STATIC_INIT in board wiring"),
)

# Lifetimes the compiler does not follow (escapes 253-258). Views live on the stack, so a view of a local escapes only
# by being returned or by being assigned to a view that lives longer; clang sees neither through a variable, a
# wrapper whose constructor is not lifetimebound, or a method whose object is not. So: a return statement of a
# function returning a view names no local object (and no by-value parameter that is no view); a view is assigned
# only to a (non-reference) variable of the function doing the assignment, and only from variables declared before
# that variable (which therefore outlive it; checked on the two bound declarations' positions, see run()).
_SCALAR = "hasUnqualifiedDesugaredType(anyOf(builtinType(), enumType()))"
_STATIC_KIND = ("hasUnqualifiedDesugaredType(recordType(hasDeclaration(cxxRecordDecl(hasAnyName(\"::keel::StaticRef\", "
                "\"::keel::OptionalStaticRef\", \"::keel::StaticSlice\", \"::keel::StaticBuffer\")))))")
_LOCAL_HOLDER = (f"varDecl(hasLocalStorage(), unless(hasType({_SCALAR})), unless(hasType({_STATIC_KIND})), "
                 f"unless(parmVarDecl(hasType({REAL_VIEW}))))")
_LOCAL_VARIABLE = "varDecl(hasLocalStorage(), unless(parmVarDecl()))"


# A value of scalar or void type (a method's "bound member function" type is a builtin type too, and no value).
# Not an lvalue of scalar type, which is storage a reference may bind (escape 410: `uint8_t& status = reply.status();`
# through a method returning a reference into its object): a member, a call returning a reference, a subscript, a
# dereference, an assignment or increment, a conditional or parentheses (which keep the operand's value category).
# Nor what keeps the category of what it wraps (escape 453: `return bytes_of(local)[i];` is an ExprWithCleanups of
# type uint8_t, for the temporary Slice): the cleanups, an implicit no-op conversion (to const), a cast to a reference
# type, a materialized temporary, a default argument, a constant-expression wrapper, GNU `?:`.
_SCALAR_VALUE = (f"unless(memberExpr()), hasType({_SCALAR}), unless(callExpr(callee(functionDecl(returns("
                 "referenceType()))))), unless(arraySubscriptExpr()), unless(unaryOperator(hasAnyOperatorName(\"*\", "
                 "\"++\", \"--\"))), unless(binaryOperator(anyOf(isAssignmentOperator(), hasOperatorName(\",\")))), "
                 "unless(conditionalOperator()), unless(parenExpr()), unless(exprWithCleanups()), "
                 "unless(implicitCastExpr(hasCastKind(\"CK_NoOp\"))), unless(explicitCastExpr(hasDestinationType("
                 "referenceType()))), unless(materializeTemporaryExpr()), unless(cxxDefaultArgExpr()), "
                 "unless(constantExpr()), unless(binaryConditionalOperator())")


def _holder_in(scope):
    """A use of a local holder inside `scope` whose value can carry an address: not under an expression of scalar (or
    void) type within that scope (no view passes through an integer: untrusted code cannot turn one back)."""
    return (f"declRefExpr(anyOf(to({_LOCAL_HOLDER}), to(bindingDecl())), unless(hasAncestor(expr({_SCALAR_VALUE}, "
            f"hasAncestor({scope})))))")


# A view variable that cannot change (const, or a reference) and was initialised from no local object views what the
# function's parameters, members or statics do, never a local: it may be returned.
_OWN_INITIALIZER = _holder_in("varDecl(equalsBoundNode(\"_v\"))")
# Nor from a temporary: a reference bound to one keeps it alive as a local of the function, which a view of it
# then outlives once returned (escape 407). A temporary that is a view, or one of the static kinds, views what it
# held, never itself.
_OWN_TEMPORARY = (f"materializeTemporaryExpr(unless(hasType({REAL_VIEW})), unless(hasType({_STATIC_HANDLE})))")
_FIXED_VIEW = (f"varDecl(varDecl().bind(\"_v\"), anyOf(hasType(referenceType()), hasType(isConstQualified())), "
               f"hasType({HELD_VIEW}), hasInitializer(expr(unless(anyOf(ignoringParenImpCasts({_OWN_INITIALIZER}), "
               f"hasDescendant({_OWN_INITIALIZER}), {_OWN_TEMPORARY}, hasDescendant({_OWN_TEMPORARY}))))))")
# A structured binding names part of a hidden local (escape 261): it counts as that local.
_RETURNED_HOLDER = (f"declRefExpr(anyOf(to(varDecl({_LOCAL_HOLDER}, unless({_FIXED_VIEW}))), to(bindingDecl())), "
                    f"unless(hasAncestor(expr("
                    f"{_SCALAR_VALUE}, hasAncestor(returnStmt(equalsBoundNode(\"_return\")))))))")
ORDER_RULES = ("view-assign-order", "ctor-init-order")
# The rules on assignments (view-assign-target, view-assign-order) and on operators match the operator syntax, a
# cxxOperatorCallExpr; `out.operator=(view)` is the same call as a cxxMemberCallExpr, which none of them sees (escape
# 400). Kernel code has no reason to call an operator by its name: it may not.
OPERATOR_BY_NAME = ("cxxMemberCallExpr(" + NOT_IMPLICIT + ", callee(cxxMethodDecl(unless(cxxConversionDecl()), "
                    "matchesName(\"::operator[^A-Za-z0-9_ ]\"))))")

LIFETIME_RULES = (
    ("no-operator-by-name", OPERATOR_BY_NAME,
     "an operator called by its name (`x.operator=(y)`) is the operator the rules on assignments and operators see "
     "only in operator syntax: write `x = y`"),
    ("no-local-in-view-return",
     f"returnStmt(returnStmt().bind(\"_return\"), forFunction(functionDecl(returns({HELD_VIEW}))), hasReturnValue(expr("
     f"anyOf(ignoringParenImpCasts({_RETURNED_HOLDER}), hasDescendant({_RETURNED_HOLDER})))))",
     "a function returning a view returns it straight from a parameter, a lifetimebound call or a const (or reference) "
     "view variable initialised from no local object: clang cannot see a view of a local object through a variable, a "
     "wrapper or a method that is not KEEL_LIFETIMEBOUND"),
    ("view-assign-target",
     f"cxxOperatorCallExpr(hasOverloadedOperatorName(\"=\"), {NOT_IMPLICIT}, hasArgument(0, expr(hasType({HELD_VIEW}))), "
     "forFunction(functionDecl().bind(\"_function\")), unless(hasArgument(0, ignoringParenImpCasts(declRefExpr(to("
     "varDecl(hasLocalStorage(), unless(parmVarDecl()), unless(hasType(referenceType())), "
     "hasDeclContext(functionDecl(equalsBoundNode(\"_function\"))))))))))",
     "a view is assigned only to a variable of this function: through a reference, a parameter, a captured variable "
     "or a subobject it could outlive what it views"),
    ("view-assign-order",
     f"cxxOperatorCallExpr(hasOverloadedOperatorName(\"=\"), {NOT_IMPLICIT}, hasArgument(0, expr(hasType({HELD_VIEW}), "
     f"ignoringParenImpCasts(declRefExpr(to({_LOCAL_VARIABLE}.bind(\"_a\")))))), hasArgument(1, expr(eachOf("
     f"ignoringParenImpCasts(declRefExpr(to({_LOCAL_VARIABLE}.bind(\"_b\")))), "
     f"forEachDescendant(declRefExpr(to({_LOCAL_VARIABLE}.bind(\"_b\")))), "
     f"forEachDescendant(declRefExpr(to(bindingDecl().bind(\"_b\"))))))))",
     "a view is assigned only from variables declared before it: one declared later (in an inner block) dies first"),
)

# A member initializer runs before the members after it are initialised (escape 252): clang's -Wuninitialized sees a
# later member named directly, not one read by a method, through *this or through a reference. Reported at the
# constructor (or the member with the default initializer).
_METHOD_ON_THIS = "cxxMemberCallExpr(on(cxxThisExpr()))"
_THIS_NOT_MEMBER = ("cxxThisExpr(unless(hasParent(memberExpr())), unless(hasParent(implicitCastExpr(hasParent("
                    "memberExpr())))))")
_MEMBER_OF_THIS = "memberExpr(hasObjectExpression(ignoringParenImpCasts(cxxThisExpr())), member(fieldDecl()))"
_LATER_MEMBER = ("memberExpr(hasObjectExpression(ignoringParenImpCasts(cxxThisExpr())), member(fieldDecl().bind("
                 "\"_b\")))")


def _in(matcher):
    return f"expr(eachOf({matcher}, forEachDescendant({matcher})))"


CTOR_MESSAGE = ("a member initializer (or default member initializer) reads the object under construction: it may not "
                "call its methods, use `this` but to name a member, or name a member declared after the one it "
                "initialises (or the bases' initializers and a delegating constructor's arguments any member), which "
                "is not initialised yet")
_CONSTRUCTOR = "cxxConstructorDecl(isDefinition(), unless(isImplicit()), "
CTOR_RULES = (
    ("ctor-init-order", _CONSTRUCTOR + "forEachConstructorInitializer(withInitializer("
     f"{_in(_METHOD_ON_THIS)})))",
     CTOR_MESSAGE),
    ("ctor-init-order", _CONSTRUCTOR + f"forEachConstructorInitializer(withInitializer({_in(_THIS_NOT_MEMBER)})))",
     CTOR_MESSAGE),
    ("ctor-init-order", _CONSTRUCTOR + "forEachConstructorInitializer(cxxCtorInitializer(isBaseInitializer(), "
     f"withInitializer({_in(_MEMBER_OF_THIS)}))))",
     CTOR_MESSAGE),
    # A delegating constructor's arguments are evaluated before any member is initialised: a member named there is
    # read (or lent to the target constructor, which may copy it into itself) uninitialised (escape 336).
    ("ctor-init-order", _CONSTRUCTOR + "forEachConstructorInitializer(cxxCtorInitializer(unless(isBaseInitializer()), "
     f"unless(isMemberInitializer()), withInitializer({_in(_MEMBER_OF_THIS)}))))",
     CTOR_MESSAGE),
    ("ctor-init-order", _CONSTRUCTOR + "forEachConstructorInitializer(cxxCtorInitializer(forField(fieldDecl().bind("
     f"\"_a\")), withInitializer({_in(_LATER_MEMBER)}))))",
     CTOR_MESSAGE),
    ("ctor-init-order", f"fieldDecl(hasInClassInitializer({_in(_METHOD_ON_THIS)}))",
     CTOR_MESSAGE),
    ("ctor-init-order", f"fieldDecl(hasInClassInitializer({_in(_THIS_NOT_MEMBER)}))",
     CTOR_MESSAGE),
    ("ctor-init-order", f"fieldDecl(fieldDecl().bind(\"_a\"), hasInClassInitializer({_in(_LATER_MEMBER)}))",
     CTOR_MESSAGE),
)

# The trusted Slice assigns its elements in fill and copy_from, where no rule looks: of view elements, that is a view
# stored into a view the caller holds (escape 260).
VIEW_COPY_RULES = (
    ("no-view-copy",
     "cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(\"fill\", \"copy_from\"), ofClass("
     f"classTemplateSpecializationDecl(hasName(\"::keel::Slice\"), hasTemplateArgument(0, refersToType({HELD_VIEW})))))))",
     "Slice::fill / copy_from of view elements assigns views where no rule sees it: assign each view yourself"),
)

UNINITIALISED_RULES = (
    # Escape 262: clang warns for a variable read in its own initializer, not for one passed by non-const reference.
    ("no-self-initialization",
     "declRefExpr(to(varDecl().bind(\"_v\")), hasAncestor(varDecl(equalsBoundNode(\"_v\"))))",
     "a variable named in its own initializer is read (or lent) before it is initialised"),
    ("no-uninitialised-array",
     "varDecl(hasLocalStorage(), unless(parmVarDecl()), unless(isImplicit()), hasType(constantArrayType()), "
     "unless(hasInitializer(ignoringImplicit(anyOf(initListExpr(), stringLiteral())))))",
     "a local C array without an initializer holds old stack bytes (init-variables covers scalars only): write {}"),
)

RULES = RULES + LIFETIME_RULES + CTOR_RULES + VIEW_COPY_RULES + UNINITIALISED_RULES

LOCATION = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<column>\d+): note: \"(?P<rule>[\w-]+)\" binds here")
EXPANDED = re.compile(r"note: expanded from macro '(\w+)'")
NOTE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<column>\d+): note: ")
# The tokens of kernel/core/static_init.h's macro bodies a rule exempts: per rule and macro, where the note of the
# innermost expansion must point (the start of the static object's declaration, or of the static_init_detail call).
STATIC_INIT_HEADER = "kernel/core/static_init.h"
SANCTIONED = {
    "no-static-local-object": {"KEEL_STATIC_INIT": ("static Type keel_static_init_object",),
                               "KEEL_STATIC_BUFFER": ("static Type keel_static_buffer[",)},
    "no-static-init-detail": {"KEEL_STATIC_INIT": ("::keel::static_init_detail::static_ref<",),
                              "KEEL_STATIC_BUFFER": ("::keel::static_init_detail::static_buffer<",)},
}


def innermost_sanctioned(directory, following, tokens_per_macro):
    """Whether the first "expanded from macro" note among a binding's following lines (up to the next binding or
    match) names a macro of `tokens_per_macro` and points at one of its tokens."""
    for line in following:
        if LOCATION.match(line) or line.startswith("Match #"):
            return False
        expanded = EXPANDED.search(line)
        if expanded:
            return sanctioned_token(directory, line, tokens_per_macro.get(expanded.group(1), ()))
    return False


def sanctioned_token(directory, note, tokens):
    """Whether an "expanded from macro" note points into static_init.h at one of `tokens`."""
    where = NOTE.match(note)
    if not where or not tokens or not os.path.normpath(where.group("file")).endswith(STATIC_INIT_HEADER):
        return False
    try:
        with open(os.path.join(directory, where.group("file")), encoding="utf-8") as handle:
            line = handle.read().splitlines()[int(where.group("line")) - 1]
    except (OSError, IndexError):
        return False
    return line[int(where.group("column")) - 1:].startswith(tokens)


TRUSTED_DEFINITION = re.compile(r"\b(?:class|struct)\s+(?:\[\[[^\]]*\]\]\s*)*(?:KEEL_VIEW\s+)?([A-Za-z_]\w*)\s*"
                                r"(?:final\s*)?[:{]")
TRUSTED_FUNCTION = re.compile(r"^(?:\[\[[^\]]*\]\]\s*)?(?:(?:inline|constexpr|static|KEEL_UNSAFE|consteval|"
                              r"template\s*<[^>]*>)\s+)*[\w:<>]+(?:\s+const)?[\s\*&]+(\w+)\s*\([^;]*?\)[^;{]*\{",
                              re.M | re.S)


def trusted_definitions(texts):
    """Class and namespace-scope function names the trusted files define (not merely declare)."""
    classes, functions = set(), set()
    for text in texts:
        classes |= set(TRUSTED_DEFINITION.findall(text))
        functions |= {name for name in TRUSTED_FUNCTION.findall(text) if not name.startswith("__")}
    return classes, functions


def one_definition_rules(classes, functions):
    """A definition in an untrusted file of a class or function a trusted file defines breaks the one definition
    rule: the linker may keep either copy of an inline function, so the untrusted one could replace the trusted
    code everywhere. Also members of trusted classes defined outside them."""
    def names(items):
        return "|".join(sorted(re.escape(item) for item in items)) or "$^"
    record = f"matchesName(\"^::keel::([A-Za-z_0-9]+::)*({names(classes)})$\")"
    # Functions in any namespace, unnamed and inline ones included: a function named like a trusted one, brought into
    # reach of trusted code (an unnamed namespace inside keel, a using-declaration), could be the better overload.
    function = f"matchesName(\"^::(.*::)?({names(functions)})$\")"
    message = "defines a class or function a trusted file defines (one definition rule: it could replace it)"
    return (
        ("no-trusted-redefinition", f"cxxRecordDecl(isDefinition(), unless(isImplicit()), {record})", message),
        ("no-trusted-redefinition", f"functionDecl(isDefinition(), unless(cxxMethodDecl()), {function})", message),
        ("no-trusted-redefinition", f"cxxMethodDecl(isDefinition(), unless(isImplicit()), ofClass({record}))",
         message),
    )


def run(clang_query, directory, source, arguments, extra_rules=()):
    """Runs every rule on one translation unit; returns ([(file, line, rule)], error text or None). A match whose
    macro expansion chain passes through KEEL_STATIC_INIT is board wiring, the one sanctioned static allocation."""
    commands = ["-c", "set output diag", "-c", "set bind-root false"]
    for name, matcher, _ in tuple(RULES) + tuple(extra_rules):
        commands += ["-c", f"match {matcher}.bind(\"{name}\")"]
    result = subprocess.run([clang_query, *commands, str(source), "--", *arguments], cwd=directory,
                            capture_output=True, text=True)
    output = result.stdout + result.stderr
    if "Error parsing" in output or "Matcher not found" in output:
        return [], next(line for line in output.splitlines() if "Error parsing" in line or "not found" in line)
    # Every match command ends with its count; a matcher clang-query cannot run (hasAncestor of a node kind the parent
    # map does not hold) makes it stop with status 1 and print nothing, which must not read as "no findings".
    summaries = len(re.findall(r"^(?:\d+ match(?:es)?|No matches)\.?$", output, re.M))
    expected = len(tuple(RULES) + tuple(extra_rules))
    if result.returncode != 0 or summaries != expected:
        last = (output.strip().splitlines() or ["no output"])[-1]
        return [], f"exit {result.returncode}, {summaries} of {expected} matchers ran: {last}"
    found = []
    lines = output.splitlines()
    for index, line in enumerate(lines):
        match = LOCATION.match(line)
        if not match or match.group("rule") == "self" or match.group("rule").startswith("_"):
            continue
        if match.group("rule") in ORDER_RULES:
            # Reported only when declaration _b does not come before declaration _a (same file; otherwise _b is a
            # base class's member or a variable of an enclosing function, which comes first).
            bound = {}
            start = index
            while start > 0 and not lines[start - 1].startswith("Match #"):
                start -= 1
            end = index + 1
            while end < len(lines) and not lines[end].startswith("Match #"):
                end += 1
            for follow in lines[start:end]:  # the match's bindings, in name order: _a and _b come before the rule's
                other = LOCATION.match(follow)
                if other and other.group("rule") in ("_a", "_b"):
                    bound[other.group("rule")] = (other.group("file"), int(other.group("line")),
                                                  int(other.group("column")))
            a, b = bound.get("_a"), bound.get("_b")
            if a is not None and b is not None and (a[0] != b[0] or b[1:] <= a[1:]):
                if not (match.group("rule") == "ctor-init-order" and a[0] == b[0] and b[1:] == a[1:]):
                    continue
        if match.group("rule") == "no-foreign-specialization":
            definition = None
            start = index
            while start > 0 and not lines[start - 1].startswith("Match #"):
                start -= 1
            for follow in lines[start:]:  # this match's bindings, up to the next match
                if follow.startswith("Match #"):
                    break
                bound = LOCATION.match(follow)
                if bound and bound.group("rule") == "_definition":
                    definition = bound
            if definition is not None and same_file(directory, match.group("file"), definition.group("file")):
                continue
        # The macros' own code: a match whose innermost macro expansion is the trusted macro's body at the sanctioned
        # token (its static object, its static_ref / static_buffer call). A token of a macro argument is expanded
        # from the macro too, but its note points at __VA_ARGS__ or N instead (escape 337).
        if match.group("rule") in SANCTIONED and innermost_sanctioned(directory, lines[index + 1:],
                                                                      SANCTIONED[match.group("rule")]):
            continue
        found.append((match.group("file"), int(match.group("line")), match.group("rule")))
    return found, None


MESSAGES = {name: message for name, _, message in RULES}
MESSAGES["no-trusted-redefinition"] = ("defines a class or function a trusted file defines (one definition rule: it "
                                       "could replace it)")

def same_file(directory, a, b):
    """Whether two file names clang printed (relative to `directory` or absolute) name one file."""
    try:
        return os.path.samefile(os.path.join(directory, a), os.path.join(directory, b))
    except OSError:
        return False
