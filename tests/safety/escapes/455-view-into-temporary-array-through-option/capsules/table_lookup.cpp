// SPDX-License-Identifier: Apache-2.0
// Looks up and bumps an entry of a per-kind calibration table (a debug command).
#include "kernel/core/array.h"
#include "kernel/core/option.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::capsules {

/// The calibration table for `kind`, by value.
Array<uint8_t, 16> calibration_455(uint8_t kind) {
  Array<uint8_t, 16> table{};
  table[0] = kind;
  return table;
}

/// Entry `index` of the table for `kind`, plus `step` (all from a process's command); panics past the end.
uint32_t bump_entry_455(uint8_t kind, uint32_t index, uint8_t step) {
  // The table is a temporary of this declaration: `entry` is a reference into dead stack once it is initialised.
  uint8_t& entry = calibration_455(kind).get(index).value();
  Array<uint32_t, 8> counters{};  // may take the dead table's stack slot
  entry = static_cast<uint8_t>(entry + step);
  return entry + counters[0];
}

}  // namespace keel::capsules
