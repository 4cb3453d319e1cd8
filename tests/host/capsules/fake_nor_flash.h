// A NOR flash for host tests of what runs on hil::flash: programming only clears bits (old AND new; a program
// that would set a bit is counted as a violation, which no correct client makes), erase sets a sector to 0xff, and
// every operation completes only when the test's event loop calls complete(), never inside the call.
//
// Power cuts: `cut_after = n` lets n more program/erase operations complete and cuts the power during the next
// one. A cut program has programmed a random prefix of its bytes (and some of the 0 bits of the next byte); a cut
// erase has set a random part of the sector to 0xff (nothing, a prefix, or scattered bytes). After a cut nothing
// completes and no callback runs, as when the chip loses power; power_on() starts over with the bytes as they are.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "kernel/core/move.h"
#include "kernel/core/optional_cell.h"
#include "kernel/hil/flash.h"

namespace keel_test {

class FakeNorFlash final : public keel::hil::flash::Flash {
 public:
  FakeNorFlash(uint32_t size, uint32_t sector_size, uint32_t write_unit = 1)
      : bytes(size, 0xff), geometry_{size, sector_size, write_unit} {}

  void set_client(keel::StaticRef<keel::hil::flash::Client const> client) const override { client_.set(client); }
  keel::hil::flash::Geometry geometry() const override { return geometry_; }

  keel::BufferResult<uint8_t> read(uint32_t offset, keel::StaticBuffer<uint8_t>&& buffer,
                                   keel::usize length) const override {
    if (pending_) { return {keel::ErrorCode::Busy, keel::move(buffer)}; }
    if (length == 0 || length > buffer.size()) { return {keel::ErrorCode::Size, keel::move(buffer)}; }
    if (uint64_t{offset} + length > geometry_.size) { return {keel::ErrorCode::Inval, keel::move(buffer)}; }
    pending_.emplace(Pending{Kind::Read, offset, static_cast<uint32_t>(length), keel::move(buffer)});
    return {};
  }

  keel::BufferResult<uint8_t> write(uint32_t offset, keel::StaticBuffer<uint8_t>&& buffer,
                                    keel::usize length) const override {
    if (pending_) { return {keel::ErrorCode::Busy, keel::move(buffer)}; }
    if (length == 0 || length > buffer.size() || length % geometry_.write_unit != 0) {
      return {keel::ErrorCode::Size, keel::move(buffer)};
    }
    if (offset % geometry_.write_unit != 0 || uint64_t{offset} + length > geometry_.size) {
      return {keel::ErrorCode::Inval, keel::move(buffer)};
    }
    pending_.emplace(Pending{Kind::Write, offset, static_cast<uint32_t>(length), keel::move(buffer)});
    return {};
  }

  keel::Result<void> erase(uint32_t offset) const override {
    if (pending_) { return keel::Error(keel::ErrorCode::Busy); }
    if (offset % geometry_.sector_size != 0 || offset >= geometry_.size) { return keel::Error(keel::ErrorCode::Inval); }
    pending_.emplace(Pending{Kind::Erase, offset, 0, {}});
    return keel::success();
  }

  bool has_pending() const { return pending_.has_value() && powered_; }

  /// Completes the operation in flight (or cuts the power during it); false if there was nothing to complete.
  bool complete() {
    if (!has_pending()) { return false; }
    Pending op = std::move(*pending_);
    pending_.reset();
    bool const changes = op.kind != Kind::Read;
    bool const erase_to_cut = op.kind == Kind::Erase && cut_at_erase_of == op.offset;
    if ((changes && cut_after == 0) || erase_to_cut) {
      cut(op);
      return true;
    }
    if (changes && cut_after > 0) { --cut_after; }
    if (changes) { ++changes_done; }
    keel::Result<void> status = keel::success();
    if (changes && fail_next) {
      fail_next = false;
      status = keel::Error(keel::ErrorCode::Fail);
    }
    switch (op.kind) {
      case Kind::Read:
        for (uint32_t i = 0; i < op.length; ++i) { op.buffer.slice()[i] = bytes[op.offset + i]; }
        client_.map([&](keel::hil::flash::Client const& c) { c.read_done(keel::move(op.buffer), op.length, status); });
        break;
      case Kind::Write:
        if (status.is_ok()) { program(op.offset, op.buffer.slice(), op.length); }
        client_.map([&](keel::hil::flash::Client const& c) { c.write_done(keel::move(op.buffer), op.length, status); });
        break;
      case Kind::Erase:
        if (status.is_ok()) {
          for (uint32_t i = 0; i < geometry_.sector_size; ++i) { bytes[op.offset + i] = 0xff; }
          ++erases;
        }
        client_.map([&](keel::hil::flash::Client const& c) { c.erase_done(status); });
        break;
    }
    return true;
  }

  /// After a cut (or to model a reset): the flash works again, with nothing in flight.
  void power_on() {
    powered_ = true;
    pending_.reset();
    cut_after = -1;
    cut_at_erase_of.reset();
  }
  bool powered() const { return powered_; }

  std::vector<uint8_t> bytes;
  /// Program/erase operations to let complete before the power fails (-1: never).
  int64_t cut_after = -1;
  /// The power fails during the first erase of the sector at this offset.
  std::optional<uint32_t> cut_at_erase_of;
  /// A cut leaves the bytes as they were (for tests that need to know exactly what a cut did).
  bool cut_changes_nothing = false;
  /// The next program or erase completes with Fail (and changes nothing).
  bool fail_next = false;
  /// Program operations that tried to turn a 0 bit into 1 (a NOR chip cannot).
  int violations = 0;
  int erases = 0;
  int cuts_in_program = 0;
  int cuts_in_erase = 0;
  uint64_t changes_done = 0;
  std::mt19937 random{1};

 private:
  enum class Kind { Read, Write, Erase };
  struct Pending {
    Kind kind;
    uint32_t offset;
    uint32_t length;
    keel::StaticBuffer<uint8_t> buffer;
  };

  void program(uint32_t offset, keel::Slice<uint8_t> data, uint32_t length) {
    for (uint32_t i = 0; i < length; ++i) {
      uint8_t const old = bytes[offset + i];
      if ((data[i] & ~old) != 0) { ++violations; }
      bytes[offset + i] = old & data[i];
    }
  }

  void cut(Pending& op) {
    powered_ = false;
    ++(op.kind == Kind::Write ? cuts_in_program : cuts_in_erase);
    if (cut_changes_nothing) { return; }
    if (op.kind == Kind::Write) {
      uint32_t const whole = std::uniform_int_distribution<uint32_t>(0, op.length - 1)(random);
      program(op.offset, op.buffer.slice(), whole);
      // The byte being programmed when the power went: some of its 0 bits made it.
      uint8_t const partial = static_cast<uint8_t>(op.buffer.slice()[whole] | (random() & 0xff));
      bytes[op.offset + whole] &= partial;
    } else {
      uint32_t const n = geometry_.sector_size;
      switch (random() % 3) {
        case 0: break;  // the erase had not started
        case 1: {
          uint32_t const prefix = std::uniform_int_distribution<uint32_t>(0, n)(random);
          for (uint32_t i = 0; i < prefix; ++i) { bytes[op.offset + i] = 0xff; }
          break;
        }
        default:
          for (uint32_t i = 0; i < n; ++i) {
            if ((random() & 1) != 0) { bytes[op.offset + i] = 0xff; }
          }
      }
    }
  }

  mutable std::optional<Pending> pending_;
  bool powered_ = true;
  keel::hil::flash::Geometry geometry_;
  keel::ClientCell<keel::hil::flash::Client> client_;
};

}  // namespace keel_test
