// SPDX-License-Identifier: Apache-2.0
// References the safe subset can hold, since it cannot hold pointers:
//   Ref<T>       a nullable reference with a checked dereference, for Option<T&>. A view: it lives on the stack.
//   StaticRef<T> a reference to an object that lives for the whole run (static storage), never null; OptionalStaticRef<T>, one or none. The only kind of
//                reference a long-lived kernel object (a cell, a client, a list link) keeps, like Rust's &'static T.
//                Only static allocation (KEEL_STATIC_INIT, board code) makes one, so a capsule cannot store a
//                reference to its stack.
// IsView<T> says which types are views; cells refuse them and tools/safety-check keeps them out of members and
// statics.
//
// TRUSTED: holds raw pointers; StaticRef's promise (static storage) is made by its unsafe constructor's callers.
#pragma once

#include "kernel/core/annotations.h"
#include "kernel/core/panic.h"

namespace keel {

[[noreturn, gnu::cold, gnu::noinline]] inline void empty_reference() {
  ::keel::panic(__FILE__, __LINE__, "dereference of an empty reference");
}

template <typename T> class Ref {
 public:
  constexpr Ref() = default;
  constexpr Ref(T& value KEEL_LIFETIMEBOUND) : pointer_(__builtin_addressof(value)) {}  // implicit, like binding a reference

  constexpr bool is_null() const { return pointer_ == nullptr; }
  [[gnu::always_inline]] constexpr T& get() const {
    if (pointer_ == nullptr) { empty_reference(); }
    return *pointer_;
  }
  /// Identity, not equality: whether this refers to `other` itself.
  constexpr bool refers_to(T const& other) const { return pointer_ == __builtin_addressof(other); }

 private:
  T* pointer_ = nullptr;
};

template <typename T> void accepts_pointer(T* /*pointer*/);

/// A reference to an object of static storage duration: never null, so using it checks nothing.
template <typename T> class StaticRef {
 public:
  /// Converts to a StaticRef of a base class or of const (the static object stays the same object).
  template <typename U>
    requires requires(U* u) { accepts_pointer<T>(u); }
  constexpr StaticRef(StaticRef<U> other) : pointer_(other.pointer_) {}

  /// `object` must have static storage duration (or outlive every use of the reference). Only static allocation
  /// and board code call this.
  KEEL_UNSAFE static constexpr StaticRef assume_static(T& object) { return StaticRef(__builtin_addressof(object)); }

  [[gnu::always_inline]] constexpr T& get() const { return *pointer_; }
  [[gnu::always_inline]] constexpr T& operator*() const { return *pointer_; }
  // Implicit: a static object is usable wherever a reference is.
  [[gnu::always_inline]] constexpr operator T&() const { return *pointer_; }
  [[gnu::always_inline]] constexpr T* operator->() const { return pointer_; }
  constexpr bool refers_to(T const& other) const { return pointer_ == __builtin_addressof(other); }
  friend constexpr bool operator==(StaticRef a, StaticRef b) { return a.pointer_ == b.pointer_; }

 private:
  template <typename U> friend class StaticRef;
  template <typename U> friend class OptionalStaticRef;
  constexpr explicit StaticRef(T* pointer) : pointer_(pointer) {}
  T* pointer_;
};

/// A StaticRef or none: what a cell keeps for a link that may be unset (a client, a list's next). Using an empty
/// one panics.
template <typename T> class OptionalStaticRef {
 public:
  constexpr OptionalStaticRef() = default;  // none
  constexpr OptionalStaticRef(StaticRef<T> value) : pointer_(value.pointer_) {}  // implicit
  template <typename U>
    requires requires(U* u) { accepts_pointer<T>(u); }
  constexpr OptionalStaticRef(OptionalStaticRef<U> other) : pointer_(other.pointer_) {}

  constexpr bool is_some() const { return pointer_ != nullptr; }
  constexpr bool is_none() const { return pointer_ == nullptr; }
  [[gnu::always_inline]] constexpr StaticRef<T> value() const {
    if (pointer_ == nullptr) { empty_reference(); }
    return StaticRef<T>(pointer_);
  }
  [[gnu::always_inline]] constexpr T& get() const { return value().get(); }
  [[gnu::always_inline]] constexpr T* operator->() const { return __builtin_addressof(get()); }
  constexpr bool refers_to(T const& other) const { return pointer_ == __builtin_addressof(other); }
  friend constexpr bool operator==(OptionalStaticRef a, OptionalStaticRef b) { return a.pointer_ == b.pointer_; }

 private:
  template <typename U> friend class OptionalStaticRef;
  T* pointer_ = nullptr;
};

template <typename T> class Slice;

template <typename T> struct IsView { static constexpr bool value = false; };
template <typename T> struct IsView<T&> { static constexpr bool value = true; };
template <typename T> struct IsView<T&&> { static constexpr bool value = true; };
template <typename T> struct IsView<T*> { static constexpr bool value = true; };
template <typename T> struct IsView<T const> : IsView<T> {};
template <typename T> struct IsView<Ref<T>> { static constexpr bool value = true; };
template <typename T> struct IsView<Slice<T>> { static constexpr bool value = true; };
template <typename T> class SliceIterator;
template <typename T> struct IsView<SliceIterator<T>> { static constexpr bool value = true; };
template <typename T> class Option;
template <typename T> struct IsView<Option<T>> : IsView<T> {};
template <typename T, decltype(sizeof(0)) N> struct Array;
template <typename T, decltype(sizeof(0)) N> struct IsView<Array<T, N>> : IsView<T> {};
template <typename T> class Result;
template <typename T> struct IsView<Result<T>> : IsView<T> {};
class ReadOnlyProcessBuffer;
template <> struct IsView<ReadOnlyProcessBuffer> { static constexpr bool value = true; };
class ReadWriteProcessBuffer;
template <> struct IsView<ReadWriteProcessBuffer> { static constexpr bool value = true; };
template <typename T> inline constexpr bool is_view = IsView<T>::value;

}  // namespace keel
