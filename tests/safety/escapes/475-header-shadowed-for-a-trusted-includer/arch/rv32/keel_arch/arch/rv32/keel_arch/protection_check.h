// SPDX-License-Identifier: Apache-2.0
// The PMP rules' values and their check, as the rules beside this folder see them: windows on the KiB granules the
// rules round to (keel_arch/protection_rules.h), so the PMP can fence them with NAPOT entries later.
#pragma once

#include "kernel/core/types.h"

namespace keel::arch {

struct GranuleFence {
  friend constexpr bool operator==(GranuleFence const&, GranuleFence const&) = default;
};

struct GranuleWindow {
  uint32_t start = 0;
  uint32_t end = 0;
  friend constexpr bool operator==(GranuleWindow const&, GranuleWindow const&) = default;
};

struct GranuleCheck final {
  static constexpr bool fence_ok(GranuleFence const& /*fence*/, uint32_t /*flash_start*/, uint32_t /*flash_end*/,
                                 uint32_t /*app_flash_start*/, uint32_t /*app_flash_end*/, uint32_t /*ram_start*/,
                                 uint32_t /*ram_end*/) {
    return true;
  }

  /// A window reaches something, and only the KiB granules [start, end) touches.
  static constexpr bool window_ok(GranuleWindow const& window, uint32_t start, uint32_t end) {
    return window.start < window.end && window.start >= (start & ~1023U) && window.end <= ((end + 1023U) & ~1023U);
  }
};

using Fence = GranuleFence;
using Window = GranuleWindow;
using ProtectionCheck = GranuleCheck;

}  // namespace keel::arch
