// SPDX-License-Identifier: Apache-2.0
// CFI parallel NOR flash with the Intel/Sharp command set (QEMU's pflash_cfi01) as a hil::flash::HardwareFlash;
// capsules reach it through the flash virtualizer (capsules/flash_partition.h).
//
// Setup (board):
//   auto bus = KEEL_STATIC_INIT(PflashWindowBus, pflash_window());
//   auto flash = KEEL_STATIC_INIT(CfiFlash, bus);
//   if (pflash_image_attached(reset_rom())) { CfiFlash::initialize(flash); }   // probes the CFI query table
//   flash->set_client(flash_mux);                  // MuxFlash (capsules/flash_partition.h)
// Without initialize (or when it fails) the driver is absent: geometry() is all zeros and every call answers
// NoDevice.
//
// initialize learns the geometry from the device's CFI query table (command 0x98): the "QRY" signature, the
// primary command set (0x0001 or 0x0003), the device size (2^n bytes per chip), one uniform erase-block region, and
// how many x16 chips share the 32-bit bus (QEMU's virt bank is two, each answering in its own half of a word; a
// command goes to both halves at once). It refuses a table that does not add up or a bank larger than the window.
//
// Operations use the device's own commands, on every chip of the bank at once: read array (0xff), buffered program
// (0xe8, wait for the buffer, word count - 1, the data, confirm 0xd0) in groups of up to kMaxBufferWords words
// that stay inside one write-buffer block (CFI field 0x2a), or word program (0x40 + data) on a device without a
// write buffer, block erase (0x20 + confirm 0xd0), status (the ready bit SR.7, the error bits SR.5 erase,
// SR.4 program, SR.3 Vpp and SR.1 locked, on every chip), clear status (0x50), and back to read array after each.
// QEMU finishes a command at once, so an operation runs to its end inside the call, polling status a bounded number
// of times (never ready: Fail), and the callback follows from a deferred call, never inside the call.
//
// A program stores (old AND new) for each word: a NOR cell only goes from 1 to 0, so that is what the device does
// with the data anyway, and QEMU's model (which stores the data as given) then keeps the same rule.
#pragma once

#include "chips/qemu-virt/pflash_window.h"
#include "kernel/core/array.h"
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/ref.h"
#include "kernel/core/take_cell.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/flash.h"

namespace keel::chips::qemu_virt {

class CfiFlash final : public hil::flash::HardwareFlash, public DeferredCallClient {
 public:
  /// Status reads before a command counts as never finishing.
  static constexpr uint32_t kStatusPolls = 1000;
  /// The program unit: one bus word.
  static constexpr uint32_t kWordBytes = 4;
  /// The most words one buffered program takes (the device's write buffer may hold more; the words' old values
  /// are read into a stack array of this size first).
  static constexpr uint32_t kMaxBufferWords = 64;

  explicit CfiFlash(StaticRef<CfiBus const> bus);
  CfiFlash(CfiFlash const&) = delete;
  CfiFlash& operator=(CfiFlash const&) = delete;

  /// Binds the deferred call and probes the device (board wiring, once). Errors: NoDevice (no CFI table),
  /// NoSupport (another command set, several erase regions, a table that does not add up or does not fit the
  /// window); the driver then stays absent.
  static Result<void> initialize(StaticRef<CfiFlash const> flash);
  bool is_present() const { return state_.get() != State::Absent; }

  void set_client(StaticRef<hil::flash::HardwareClient const> client) const override;
  hil::flash::Geometry geometry() const override;
  BufferResult<uint8_t> read(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const override;
  BufferResult<uint8_t> write(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const override;
  Result<void> erase(uint32_t offset) const override;

  void handle_deferred_call() const override;

 private:
  enum class State : uint8_t { Absent, Idle, Reading, Writing, Erasing };

  Result<void> probe() const;
  /// A command byte as every chip of the bank sees it (each in its own lane of the word).
  uint32_t command(uint8_t code) const;
  /// One byte of the CFI table (lane 0; the other lanes must agree).
  Option<uint8_t> query_byte(usize index) const;
  /// `bytes` consecutive table bytes as a little-endian number.
  Option<uint32_t> query_field(usize index, usize bytes) const;
  bool all_lanes(uint32_t status, uint32_t bits) const;
  bool any_lane(uint32_t status, uint32_t bits) const;
  /// NoDevice when absent, Busy while an operation is in flight.
  Result<void> check_start() const;
  /// Polls status until every chip is ready: success, Fail on an error bit or when it never becomes ready. Either
  /// way the status is cleared and the bank is back in read-array mode.
  Result<void> wait_and_check(usize word) const;
  void return_to_read_array() const;
  Result<void> program_word(usize word, uint32_t value) const;
  /// Programs values[0, count) at words [word, word + count), all inside one write-buffer block.
  Result<void> program_buffer(usize word, Array<uint32_t, kMaxBufferWords> const& values, uint32_t count) const;
  /// Waits for the ready bit without judging the error bits (the write buffer being available); false: never ready.
  bool wait_ready(usize word) const;
  Result<void> check_range(uint32_t offset, usize length) const;
  void complete_later(State state, usize length, Result<void> status) const;

  StaticRef<CfiBus const> bus_;
  DeferredCall deferred_call_{};
  ClientCell<hil::flash::HardwareClient> client_;
  Cell<State> state_{State::Absent};
  Cell<hil::flash::Geometry> geometry_{};
  /// Chips side by side on the bus (1 or 2) and the width of each one's lane in bits.
  Cell<uint32_t> lanes_{1};
  Cell<uint32_t> lane_bits_{32};
  /// Words per buffered program (0: the device has no write buffer; word programs then).
  Cell<uint32_t> buffer_words_{0};
  /// The finished operation, handed to the client from the deferred call.
  TakeCell<StaticBuffer<uint8_t>> buffer_;
  Cell<usize> length_{0};
  Cell<Result<void>> status_{};
};

}  // namespace keel::chips::qemu_virt
