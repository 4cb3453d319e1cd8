// SPDX-License-Identifier: Apache-2.0
// Flash sharing: several users each own a sector-aligned range of one flash device. Each user gets a
// FlashPartition, a whole hil::flash::Flash whose offsets start at 0 at the beginning of its range and whose
// geometry is the range's; the MuxFlash owns the device's callbacks and runs one operation at a time.
//
// The mux sits on a hil::flash::HardwareFlash and is its HardwareClient; a partition is a plain Flash and calls a
// plain Client, so a mux can never be wired on top of a partition (kernel/hil/flash.h says why).
//
// Queueing: an operation asked for while the device is idle starts at once (the device's own synchronous error is
// the caller's, with its buffer). Otherwise it waits in its partition (one per partition: a second is Busy, as the
// HIL says). When the device finishes, the next waiting partition in list order after the one just served starts
// before the finished one hears of its result, so a partition that asks again from its callback queues behind the
// others and none can starve the rest. A waiting operation the device refuses when its turn comes is reported
// through its client's callback (this runs only from the device's callback, never inside a caller's call).
//
// Bounds: every offset and length is checked against the partition (Inval: the range leaves it or is not aligned
// to the device's write unit or sector; Size: length 0, beyond the buffer, or not whole write units) before the
// device sees it, so a partition's user can never reach another's range. A partition whose range does not fit the
// device (or on a device that is absent) has an all-zero geometry and answers NoDevice. Partitions that overlap
// are a wiring bug: setup panics.
//
// Setup (board, in this order, after the device's own initialisation):
//   auto mux = KEEL_STATIC_INIT(MuxFlash, flash);
//   flash->set_client(mux);
//   auto part = KEEL_STATIC_INIT(FlashPartition, mux, start, size);   // bytes, sector-aligned
//   FlashPartition::setup(part);                                    // links it into the mux
//   part->set_client(user);
#pragma once

#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/ref.h"
#include "kernel/core/take_cell.h"
#include "kernel/hil/flash.h"

namespace keel::capsules {

class FlashPartition;

class MuxFlash final : public hil::flash::HardwareClient {
 public:
  explicit MuxFlash(StaticRef<hil::flash::HardwareFlash const> flash) : flash_(flash) {}
  MuxFlash(MuxFlash const&) = delete;
  MuxFlash& operator=(MuxFlash const&) = delete;

  hil::flash::Geometry device_geometry() const { return flash_->geometry(); }

  void read_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  void write_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  void erase_done(Result<void> status) const override;

 private:
  friend class FlashPartition;

  /// Adds `partition` at the head of the list; panics if it was linked before or overlaps a linked one.
  void link(StaticRef<FlashPartition const> partition) const;
  /// A partition has an operation waiting: start it now if the device is idle. An error is the caller's: the
  /// partition is idle again with its buffer back in its cell.
  Result<void> submit(StaticRef<FlashPartition const> partition) const;
  /// Starts the partition's waiting operation on the device (device offsets).
  Result<void> start(StaticRef<FlashPartition const> partition) const;
  /// After the device finished: starts the next waiting partition after `after`, reporting any that the device
  /// refuses to their clients, until one starts or none waits.
  void start_next(StaticRef<FlashPartition const> after) const;
  /// The partition the device works for, taken (none: a callback nobody asked for, which is ignored).
  OptionalStaticRef<FlashPartition const> finish() const;
  OptionalStaticRef<FlashPartition const> next_in_ring(StaticRef<FlashPartition const> partition) const;

  StaticRef<hil::flash::HardwareFlash const> flash_;
  Cell<OptionalStaticRef<FlashPartition const>> head_{};
  Cell<OptionalStaticRef<FlashPartition const>> in_flight_{};
};

class FlashPartition final : public hil::flash::Flash {
 public:
  /// The range [start, start + size) of the mux's device, in bytes.
  FlashPartition(StaticRef<MuxFlash const> mux, uint32_t start, uint32_t size)
      : mux_(mux), start_(start), size_(size) {}
  FlashPartition(FlashPartition const&) = delete;
  FlashPartition& operator=(FlashPartition const&) = delete;

  /// Links `partition` into its mux. The board calls it once, after construction and before first use.
  static void setup(StaticRef<FlashPartition const> partition);

  uint32_t start() const { return start_; }
  uint32_t size() const { return size_; }

  void set_client(StaticRef<hil::flash::Client const> client) const override;
  /// The device's geometry with this partition's size; all zeros when the device is absent or the range does not
  /// fit it (sector-aligned, inside the device).
  hil::flash::Geometry geometry() const override;
  BufferResult<uint8_t> read(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const override;
  BufferResult<uint8_t> write(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const override;
  Result<void> erase(uint32_t offset) const override;

 private:
  friend class MuxFlash;

  enum class Operation : uint8_t { None, Read, Write, Erase };

  /// Checks that no operation is pending and the range [offset, offset + length) lies in a usable partition.
  Result<void> check(uint32_t offset, usize length) const;
  /// Queues the operation (the buffer already in buffer_) and hands it to the mux; on an error takes it back.
  Result<void> queue(Operation operation, uint32_t offset, usize length) const;
  /// The device finished (or refused) this partition's operation: tell the client.
  void completed(Operation operation, StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const;
  /// The operation's waiting buffer handed back to the client with `status`.
  void refused(Result<void> status) const;

  StaticRef<MuxFlash const> mux_;
  uint32_t const start_;
  uint32_t const size_;
  Cell<OptionalStaticRef<FlashPartition const>> next_{};
  Cell<OptionalStaticRef<FlashPartition const>> self_{};
  Cell<bool> linked_{false};
  ClientCell<hil::flash::Client> client_{};
  /// The operation waiting or in flight (None: idle), its partition offset and length, and its buffer while it waits.
  Cell<Operation> operation_{Operation::None};
  Cell<bool> in_device_{false};
  Cell<uint32_t> offset_{0};
  Cell<usize> length_{0};
  TakeCell<StaticBuffer<uint8_t>> buffer_{};
};

}  // namespace keel::capsules
