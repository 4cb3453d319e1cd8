// SPDX-License-Identifier: Apache-2.0
// Slice<T>: a bounds-checked view of contiguous elements (pointer + length, never exposed). Every index and sub-range
// is checked: `get`/`subslice` give none when out of bounds, `operator[]` panics with file and line (a bad index in
// kernel code is a kernel bug). Iteration goes through SliceIterator, which checks every dereference. A Slice is a
// view (is_view): it lives on the stack; what outlives a call is a StaticSlice (below).
//
// TRUSTED: the pointer arithmetic behind indexing and iteration lives here, once; so does the step from a PanicText
// to the StaticSlice of its literal.
#pragma once

#include "kernel/core/option.h"
#include "kernel/core/panic.h"
#include "kernel/core/ref.h"
#include "kernel/core/types.h"
#include "kernel/core/utility.h"

namespace keel {

[[noreturn]] inline void slice_out_of_bounds() { ::keel::panic(__FILE__, __LINE__, "slice index out of bounds"); }

/// The end of a Slice's iteration: compares with an iterator, and has nothing to dereference.
struct SliceEnd {};

template <typename T> class SliceIterator {
 public:
  [[gnu::always_inline]] constexpr T& operator*() const {
    if (index_ >= length_) { slice_out_of_bounds(); }
    return data_[index_];
  }
  [[gnu::always_inline]] constexpr SliceIterator& operator++() {
    ++index_;
    return *this;
  }
  [[gnu::always_inline]] constexpr bool operator!=(SliceEnd /*end*/) const { return index_ < length_; }

 private:
  template <typename U> friend class Slice;
  constexpr SliceIterator(T* data, usize index, usize length) : data_(data), index_(index), length_(length) {}
  T* data_;
  usize index_;
  usize length_;
};

template <typename T> class KEEL_VIEW Slice {
 public:
  constexpr Slice() = default;
  /// Views a C array whose length the compiler knows; never a temporary one.
  template <usize N> [[gnu::always_inline]] constexpr Slice(T (&array KEEL_LIFETIMEBOUND)[N]) : data_(array), length_(N) {}  // implicit
  template <usize N> Slice(T (&&array)[N]) = delete;
  /// Views one object as a slice of one element.
  static constexpr Slice of(T& object KEEL_LIFETIMEBOUND) { return Slice(__builtin_addressof(object), 1); }
  static Slice of(T&& object) = delete;
  /// Converts Slice<U> to Slice<U const>, and nothing else (no base-class or size-changing conversion).
  template <typename U>
    requires(__is_same(T, U const) && !__is_same(T, U))
  constexpr Slice(Slice<U> other KEEL_LIFETIMEBOUND) : data_(other.data_), length_(other.length_) {}

  /// `data` must point at `length` live elements of T for as long as the slice is used.
  KEEL_UNSAFE static constexpr Slice from_raw_parts(T* data, usize length) { return Slice(data, length); }

  constexpr usize size() const { return length_; }
  constexpr bool is_empty() const { return length_ == 0; }

  [[gnu::always_inline]] constexpr T& operator[](usize index) const {
    if (index >= length_) { slice_out_of_bounds(); }
    return data_[index];
  }
  [[gnu::always_inline]] constexpr Option<T&> get(usize index) const {
    if (index >= length_) { return none; }
    return Option<T&>(data_[index]);
  }

  /// Elements [start, end); none unless start <= end <= size().
  constexpr Option<Slice> subslice(usize start, usize end) const {
    if (start > end || end > length_) { return none; }
    return Slice(data_ + start, end - start);
  }
  /// The first min(n, size()) elements.
  constexpr Slice first(usize n) const { return Slice(data_, n < length_ ? n : length_); }
  /// Everything after the first min(n, size()) elements.
  constexpr Slice skip(usize n) const {
    usize k = n < length_ ? n : length_;
    return Slice(data_ + k, length_ - k);
  }

  /// Copies min(size(), source.size()) elements of the same type from `source` (which may overlap this one);
  /// returns how many.
  template <typename U>
    requires(__is_same(U, T) || __is_same(U const, T) || __is_same(U, T const))
  constexpr usize copy_from(Slice<U> source) const {
    static_assert(__is_trivially_copyable(T), "copy_from copies trivially copyable elements");
    usize const n = length_ < source.size() ? length_ : source.size();
    if (n == 0) { return 0; }  // an empty slice may hold no address, which memcpy must not be given
    // Scalars as bytes (memcpy copies word-wise) when the ranges are apart; otherwise, and a class element always,
    // by assignment, which copies its members and not its tail padding (where a derived class may keep a member of
    // its own when the slice views a base subobject). Back to front when the destination starts inside the source;
    // in a constant expression that is found by equality alone (ordering unrelated pointers is not constant).
    bool backwards = false;
    if (!__builtin_is_constant_evaluated()) {
      uintptr_t const bytes = n * sizeof(T);
      uintptr_t const ahead = address() - source.address();  // wraps when the destination lies below the source
      if (ahead >= bytes && source.address() - address() >= bytes && !__is_class(T) && !__is_union(T)) {
        __builtin_memcpy(data_, source.data_, bytes);
        return n;
      }
      backwards = ahead != 0 && ahead < bytes;
    } else {
      for (usize i = 1; i < n; ++i) { backwards = backwards || data_ == source.data_ + i; }
    }
    for (usize k = 0; k < n; ++k) {
      usize const i = backwards ? n - 1 - k : k;
      data_[i] = source.data_[i];
    }
    return n;
  }
  constexpr void fill(T const& value) const {
    for (usize i = 0; i < length_; ++i) { data_[i] = value; }
  }

  /// Address of the first element as an integer (for reporting and range checks; not for access).
  uintptr_t address() const { return reinterpret_cast<uintptr_t>(data_); }
  /// Whether `object` is this slice's first element (identity).
  constexpr bool starts_at(T const& object) const { return data_ == __builtin_addressof(object); }

  [[gnu::always_inline]] constexpr SliceIterator<T> begin() const { return SliceIterator<T>(data_, 0, length_); }
  constexpr SliceEnd end() const { return {}; }

 private:
  template <typename U> friend class Slice;
  [[gnu::always_inline]] constexpr Slice(T* data, usize length) : data_(data), length_(length) {}

  T* data_ = nullptr;
  usize length_ = 0;
};

/// The bytes of a text: char and uint8_t have the same size and alignment, only the element type changes.
inline Slice<uint8_t const> as_bytes(Slice<char const> text) {
  return text.is_empty() ? Slice<uint8_t const>()
                         : Slice<uint8_t const>::from_raw_parts(reinterpret_cast<uint8_t const*>(__builtin_addressof(text[0])),
                                                                text.size());
}

/// A Slice of memory that lives for the whole run (a static buffer, a device's register array): what a device or a
/// capsule keeps between calls, like Rust's &'static mut [T]. Only static allocation and board code make one.
template <typename T> class StaticSlice {
 public:
  constexpr StaticSlice() = default;  // empty
  /// `slice` must view memory of static storage duration.
  KEEL_UNSAFE static constexpr StaticSlice assume_static(Slice<T> slice) { return StaticSlice(slice); }
  /// Converts StaticSlice<U> to StaticSlice<U const>.
  template <typename U>
    requires(__is_same(T, U const) && !__is_same(T, U))
  constexpr StaticSlice(StaticSlice<U> other) : slice_(other.slice()) {}

  constexpr Slice<T> slice() const { return slice_; }
  /// Element `index` (bounds-checked: panics beyond the end), itself static.
  constexpr StaticRef<T> at(usize index) const { return StaticRef<T>::assume_static(slice_[index]); }
  constexpr auto size() const { return slice_.size(); }

 private:
  constexpr explicit StaticSlice(Slice<T> slice) : slice_(slice) {}
  Slice<T> slice_{};
};

/// A buffer of static storage with one owner at a time, like Rust's &'static mut [T]: what moves into a device or a
/// lower layer and comes back in a callback. Move-only: handing it on gives it away, and the one left behind is empty
/// (a use after the move is also a finding of the check, bugprone-use-after-move). Only KEEL_STATIC_BUFFER, which
/// runs once per buffer, makes one, so no two owners of the same memory exist. StaticSlice, by contrast, is a shared
/// table (copies allowed), for what is not handed over: the process table's rows, register blocks, literals.
template <typename T> class StaticBuffer {
 public:
  constexpr StaticBuffer() = default;  // empty
  constexpr StaticBuffer(StaticBuffer&& other) : slice_(other.slice_) { other.slice_ = Slice<T>(); }
  constexpr StaticBuffer& operator=(StaticBuffer&& other) {
    Slice<T> const taken = other.slice_;
    other.slice_ = Slice<T>();
    slice_ = taken;
    return *this;
  }
  StaticBuffer(StaticBuffer const&) = delete;
  StaticBuffer& operator=(StaticBuffer const&) = delete;
  ~StaticBuffer() = default;

  /// `slice` must view memory of static storage duration that nothing else owns or views from now on.
  KEEL_UNSAFE static constexpr StaticBuffer assume_unique_static(Slice<T> slice) { return StaticBuffer(slice); }

  /// A view of the contents for as long as this buffer is held (never of a temporary one, which is being given away).
  constexpr Slice<T> slice() const& KEEL_LIFETIMEBOUND { return slice_; }
  Slice<T> slice() const&& = delete;
  constexpr usize size() const { return slice_.size(); }

 private:
  constexpr explicit StaticBuffer(Slice<T> slice) : slice_(slice) {}
  Slice<T> slice_{};
};

/// A string literal (without its NUL) as a StaticSlice. consteval: only a constant expression can bind here, so a
/// local array (whose address is no constant) is refused at compile time, and a literal lives for the whole run.
template <usize N> consteval StaticSlice<char const> static_text(char const (&literal)[N]) {
  return StaticSlice<char const>::assume_static(Slice<char const>(literal).first(N - 1));
}

/// The literal a PanicText (kernel/core/panic.h) was made from, up to its first NUL: its consteval constructor saw
/// a NUL at the end of the constant array of static storage it points at, so the walk stays inside that array.
constexpr StaticSlice<char const> PanicText::text() const {
  usize length = 0;
  while (text_[length] != '\0') { ++length; }
  return StaticSlice<char const>::assume_static(Slice<char const>::from_raw_parts(text_, length));
}

}  // namespace keel
