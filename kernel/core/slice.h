// SPDX-License-Identifier: Apache-2.0
// Slice<T>: a bounds-checked view of contiguous elements (pointer + length, never exposed). Every index and sub-range
// is checked: `get`/`subslice` give none when out of bounds, `operator[]` panics with file and line (a bad index in
// kernel code is a kernel bug). Safe code never sees the pointer or does arithmetic on it.
//
// TRUSTED: the pointer arithmetic behind indexing and iteration lives here, once.
#pragma once

#include "kernel/core/option.h"
#include "kernel/core/panic.h"
#include "kernel/core/types.h"

namespace keel {

template <typename T> class Slice {
 public:
  constexpr Slice() = default;
  /// Views a C array whose length the compiler knows.
  template <usize N> constexpr Slice(T (&array)[N]) : data_(array), length_(N) {}  // implicit: arrays decay to views
  /// Converts Slice<U> to Slice<U const>.
  template <typename U> constexpr Slice(Slice<U> other) : data_(other.data_), length_(other.length_) {}

  /// Only trusted code (process-buffer validation, DMA descriptors, the loader) creates a slice from raw parts.
  static constexpr Slice from_raw_parts(T* data, usize length) { return Slice(data, length); }

  constexpr usize size() const { return length_; }
  constexpr bool is_empty() const { return length_ == 0; }

  [[gnu::always_inline]] constexpr T& operator[](usize index) const {
    if (index >= length_) { KEEL_PANIC("slice index out of bounds"); }
    return data_[index];
  }
  constexpr Option<T&> get(usize index) const {
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

  /// Copies min(size(), source.size()) elements from `source`; returns how many. The two must not overlap.
  template <typename U> constexpr usize copy_from(Slice<U> source) const {
    usize n = length_ < source.size() ? length_ : source.size();
    if constexpr (sizeof(T) == 1 && sizeof(U) == 1) {
      // Bytes: one memcpy (word-wise where it can be) instead of an element loop.
      if (!__builtin_is_constant_evaluated() && n != 0) {
        __builtin_memcpy(data_, source.data_, n);
        return n;
      }
    }
    for (usize i = 0; i < n; ++i) { data_[i] = source.data_[i]; }
    return n;
  }
  constexpr void fill(T const& value) const {
    for (usize i = 0; i < length_; ++i) { data_[i] = value; }
  }

  /// Address of the first element as an integer (for DMA descriptors and for reporting; not for access).
  uintptr_t address() const { return reinterpret_cast<uintptr_t>(data_); }

  constexpr T* begin() const { return data_; }
  constexpr T* end() const { return data_ + length_; }

 private:
  template <typename U> friend class Slice;
  constexpr Slice(T* data, usize length) : data_(data), length_(length) {}

  T* data_ = nullptr;
  usize length_ = 0;
};

/// The bytes of a text: char and uint8_t have the same size and alignment, only the element type changes.
inline Slice<uint8_t const> as_bytes(Slice<char const> text) {
  return Slice<uint8_t const>::from_raw_parts(reinterpret_cast<uint8_t const*>(text.begin()), text.size());
}

}  // namespace keel
