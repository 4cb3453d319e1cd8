// SPDX-License-Identifier: Apache-2.0
// Typed memory-mapped registers. A peripheral is a struct of registers whose access kind is in the type
// (ReadOnly / WriteOnly / ReadWrite) and whose bit fields are declared by name with datasheet-style high:low ranges.
// A field belongs to one register's tag type, so a field of register A cannot be written into register B; a field
// value given as a constant is checked against the field's width at compile time.
//
//   namespace ep_ctl {
//   struct Tag;
//   inline constexpr Field<uint32_t, Tag> enable{31, 31};
//   }
//   struct UsbEndpoint { ReadWrite<uint32_t, ep_ctl::Tag> ctl; };
//   endpoint.ctl.modify(ep_ctl::enable.set() + ep_ctl::clear_nak.set());
//
// Operations: `get`/`set` (the raw value), `read(field)`, `is_set(field)`, `write(values)` (unnamed fields become 0),
// `modify(values)` (read-modify-write: other fields are kept), `extract()` (one snapshot to test several fields).
//
// Not trusted: this is integer arithmetic in the safe subset. Each register is a trusted RegisterCell
// (kernel/core/register_cell.h) with the same access kind, whose raw `get` / `set` it inherits; every device access
// goes through them.
#pragma once

#include <stddef.h>

#include "kernel/core/option.h"
#include "kernel/core/register_cell.h"
#include "kernel/core/types.h"
#include "kernel/core/utility.h"

namespace keel::mmio {

/// Register tag for registers without named fields.
struct NoFields;

/// One or more field settings for register R: which bits to touch (mask) and what to put there (value).
template <RegisterWidth T, typename R> struct FieldValue {
  T mask;
  T value;
  /// Combines settings of different fields of the same register.
  constexpr FieldValue operator+(FieldValue other) const {
    return {static_cast<T>(mask | other.mask), static_cast<T>(value | other.value)};
  }
  /// Whether a raw register value has every field set as this says.
  constexpr bool matches(T raw) const { return (raw & mask) == value; }
};

// Called only when a constant does not fit its field; not constexpr, so reaching it at compile time is an error.
void field_value_does_not_fit_field();
void field_range_is_not_inside_register();

template <RegisterWidth T, typename R> class Field {
 public:
  static constexpr unsigned register_bits = 8U * sizeof(T);

  consteval Field(unsigned high, unsigned low)
      : shift_(low), max_(low <= high && high < register_bits ? max_for(high - low + 1U) : T{0}) {
    if (low > high || high >= register_bits) { field_range_is_not_inside_register(); }
  }

  /// A constant setting, checked against the field's width at compile time.
  consteval FieldValue<T, R> val(T value) const {
    if (value > max_) { field_value_does_not_fit_field(); }
    return {mask(), static_cast<T>(value << shift_)};
  }
  /// A setting computed at run time: none if it does not fit.
  constexpr Option<FieldValue<T, R>> checked(T value) const {
    if (value > max_) { return none; }
    return FieldValue<T, R>{mask(), static_cast<T>(value << shift_)};
  }
  constexpr FieldValue<T, R> set() const { return {mask(), mask()}; }
  constexpr FieldValue<T, R> clear() const { return {mask(), T{0}}; }

  constexpr T mask() const { return static_cast<T>(max_ << shift_); }
  constexpr T read_from(T raw) const { return static_cast<T>((raw >> shift_) & max_); }
  constexpr bool is_set_in(T raw) const { return (raw & mask()) != 0; }

 private:
  static constexpr T max_for(unsigned bits) {
    return bits >= register_bits ? static_cast<T>(~T{0}) : static_cast<T>((T{1} << bits) - 1U);
  }

  unsigned shift_;
  T max_;
};

/// A snapshot of a register's value: read once, then test several fields without touching the device again.
template <RegisterWidth T, typename R> class LocalRegister {
 public:
  constexpr explicit LocalRegister(T raw) : raw_(raw) {}
  constexpr T get() const { return raw_; }
  constexpr T read(Field<T, R> const& field) const { return field.read_from(raw_); }
  constexpr bool is_set(Field<T, R> const& field) const { return field.is_set_in(raw_); }
  constexpr bool matches(FieldValue<T, R> values) const { return values.matches(raw_); }

 private:
  T raw_;
};

template <RegisterWidth T, typename R = NoFields> class ReadOnly : public RegisterCell<T, Access::ReadOnly> {
 public:
  T read(Field<T, R> const& field) const { return field.read_from(this->get()); }
  bool is_set(Field<T, R> const& field) const { return field.is_set_in(this->get()); }
  bool matches(FieldValue<T, R> values) const { return values.matches(this->get()); }
  LocalRegister<T, R> extract() const { return LocalRegister<T, R>(this->get()); }
};

template <RegisterWidth T, typename R = NoFields> class WriteOnly : public RegisterCell<T, Access::WriteOnly> {
 public:
  /// Writes the given fields; every other field is written as 0.
  void write(FieldValue<T, R> values) { this->set(values.value); }
};

template <RegisterWidth T, typename R = NoFields> class ReadWrite : public RegisterCell<T, Access::ReadWrite> {
 public:
  T read(Field<T, R> const& field) const { return field.read_from(this->get()); }
  bool is_set(Field<T, R> const& field) const { return field.is_set_in(this->get()); }
  bool matches(FieldValue<T, R> values) const { return values.matches(this->get()); }
  LocalRegister<T, R> extract() const { return LocalRegister<T, R>(this->get()); }
  /// Writes the given fields; every other field is written as 0.
  void write(FieldValue<T, R> values) { this->set(values.value); }
  /// Read-modify-write: the given fields change, all others keep their value.
  void modify(FieldValue<T, R> values) {
    this->set(static_cast<T>((this->get() & static_cast<T>(~values.mask)) | values.value));
  }
};

/// A gap in a register block, so that offsets match the datasheet. Its bytes are private: nothing reads or writes them.
template <usize Bytes> class Reserved {
  uint8_t bytes_[Bytes];
};

}  // namespace keel::mmio

/// Checks at compile time that `member` sits at byte `offset` of register block `Block`.
#define KEEL_REGISTER_AT(Block, member, offset) \
  static_assert(offsetof(Block, member) == (offset), #Block "::" #member " is not at " #offset)
