// SPDX-License-Identifier: Apache-2.0
// Buffers a process has allowed to a driver. The kernel checked each one when it was allowed (it lies wholly in that
// process's memory) and keeps it valid: the process cannot move its break below an allowed buffer, and a restarted
// or ended process loses its grants, hence its buffers. A capsule reaches one only inside Grant::enter, while the
// process exists, and sees it as a bounds-checked Slice.
#pragma once

#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel {

/// A buffer as the process passed it to allow (address, length).
struct AllowSlot {
  uint32_t address = 0;
  uint32_t length = 0;
};

class ReadOnlyProcessBuffer {
 public:
  constexpr ReadOnlyProcessBuffer() = default;
  Slice<uint8_t const> bytes() const { return bytes_; }
  usize size() const { return bytes_.size(); }

 private:
  friend class GrantKernelData;
  explicit ReadOnlyProcessBuffer(Slice<uint8_t const> bytes) : bytes_(bytes) {}
  Slice<uint8_t const> bytes_{};
};

class ReadWriteProcessBuffer {
 public:
  constexpr ReadWriteProcessBuffer() = default;
  Slice<uint8_t> bytes() const { return bytes_; }
  usize size() const { return bytes_.size(); }

 private:
  friend class GrantKernelData;
  explicit ReadWriteProcessBuffer(Slice<uint8_t> bytes) : bytes_(bytes) {}
  Slice<uint8_t> bytes_{};
};

}  // namespace keel
