// Host-test helpers for StaticRef / StaticSlice (and Slice -> std::string). Tests are trusted host code: a fixture's objects outlive every use
// within the test, which is the promise assume_static asks for.
#pragma once

#include <string>

#include "kernel/core/array.h"
#include "kernel/core/ref.h"
#include "kernel/core/slice.h"

namespace keel_test {

template <class T> keel::StaticRef<T> static_ref(T& object) { return keel::StaticRef<T>::assume_static(object); }
template <class T> keel::StaticRef<T> static_ref(T&& object) = delete;

template <class T> keel::StaticSlice<T> static_slice(keel::Slice<T> slice) {
  return keel::StaticSlice<T>::assume_static(slice);
}
template <class T, keel::usize N> keel::StaticSlice<T> static_slice(T (&array)[N]) {
  return keel::StaticSlice<T>::assume_static(keel::Slice<T>(array));
}
template <class T, keel::usize N> keel::StaticSlice<T> static_slice(keel::Array<T, N>& array) {
  return keel::StaticSlice<T>::assume_static(array.as_slice());
}
template <class T, keel::usize N> keel::StaticSlice<T const> static_slice(keel::Array<T, N> const& array) {
  return keel::StaticSlice<T const>::assume_static(array.as_slice());
}

/// A StaticBuffer of a fixture's storage; each test makes one buffer per storage, as KEEL_STATIC_BUFFER would.
template <class T, keel::usize N> keel::StaticBuffer<T> static_buffer(T (&array)[N]) {
  return keel::StaticBuffer<T>::assume_unique_static(keel::Slice<T>(array));
}
template <class T, keel::usize N> keel::StaticBuffer<T> static_buffer(keel::Array<T, N>& array) {
  return keel::StaticBuffer<T>::assume_unique_static(array.as_slice());
}

/// The elements of a char or byte slice as a std::string (SliceIterator is not a std iterator).
template <class T> std::string as_std_string(keel::Slice<T> slice) {
  std::string out;
  for (auto c : slice) { out.push_back(static_cast<char>(c)); }
  return out;
}

}  // namespace keel_test
