// SPDX-License-Identifier: Apache-2.0
// qemu-virt-rv32's parallel flash bank 0 as the CFI driver sees it: a window of 32-bit words, each a memory-mapped
// register, behind a small word-bus interface (CfiBus) so that host tests can put a modelled device behind it.
//
// The window is an ordinary register block (an Array of ReadWrite words, whose indexing is checked), made from the
// flash base in the board's trusted support like every other block: no trusted code of its own. A load or store
// outside the window panics in Array's checked index; the driver never asks for one, since it checks every offset
// against the geometry it learned from the device, and that geometry against words().
#pragma once

#include "chips/qemu-virt/memory_map.h"
#include "kernel/core/array.h"
#include "kernel/core/ref.h"
#include "kernel/core/registers.h"

namespace keel::chips::qemu_virt {

inline constexpr uint32_t kBlankWord = 0xFFFF'FFFFU;

/// The bank as 32-bit words (QEMU's virt.c makes it `width` 4: one bus word is four bytes).
inline constexpr usize kPflashWords = kPflashBankSize / 4;

struct PflashWindow {
  // The storage partition's first byte says whether it has been formatted (the KV store writes 1 there when it
  // formats): read straight from the bank, it saves a mount the scan of a blank partition.
  bool formatted;
  mmio::Reserved<3> reserved;
  Array<mmio::ReadWrite<uint32_t>, kPflashWords - 1> words;
};
static_assert(sizeof(PflashWindow) == kPflashBankSize, "the window covers the bank exactly");

/// Word access to a CFI flash bank: what the driver is written against.
class CfiBus {
 public:
  /// Words in the window.
  virtual usize words() const = 0;
  /// One bus-wide load at word index `word` (byte offset 4 * word). Panics past the window.
  virtual uint32_t load(usize word) const = 0;
  /// One bus-wide store: a command, a command's address cycle, or program data, depending on the device's state.
  virtual void store(usize word, uint32_t value) const = 0;

 protected:
  ~CfiBus() = default;
};

/// The real bank: each load and store is one 32-bit device access.
class PflashWindowBus final : public CfiBus {
 public:
  explicit PflashWindowBus(StaticRef<PflashWindow> window) : window_(window) {}
  PflashWindowBus(PflashWindowBus const&) = delete;
  PflashWindowBus& operator=(PflashWindowBus const&) = delete;

  usize words() const override { return kPflashWords; }
  uint32_t load(usize word) const override { return word == 0 ? kBlankWord : window_->words[word - 1].get(); }
  void store(usize word, uint32_t value) const override {
    if (word != 0) { window_->words[word - 1].set(value); }
  }
  /// Sectors to scan at mount: none when the formatted flag says the partition is blank.
  usize sectors_to_scan() const {
    Array<usize, 2> const kScan{{0, kPflashWords / 1024}};
    return kScan[window_->formatted];
  }

 private:
  StaticRef<PflashWindow> window_;
};

}  // namespace keel::chips::qemu_virt
