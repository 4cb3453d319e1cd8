// SPDX-License-Identifier: Apache-2.0
#include "capsules/flash_partition.h"

#include "kernel/core/panic.h"

namespace keel::capsules {

// ---- MuxFlash ----

void MuxFlash::link(StaticRef<FlashPartition const> partition) const {
  if (partition->linked_.get()) { KEEL_PANIC("FlashPartition::setup called twice"); }
  uint64_t const start = partition->start_;
  uint64_t const end = start + partition->size_;
  for (OptionalStaticRef<FlashPartition const> other = head_.get(); other.is_some(); other = other->next_.get()) {
    uint64_t const other_start = other->start_;
    uint64_t const other_end = other_start + other->size_;
    if (start < other_end && other_start < end) { KEEL_PANIC("FlashPartition overlaps another partition"); }
  }
  partition->next_.set(head_.get());
  partition->self_.set(partition);
  head_.set(partition);
  partition->linked_.set(true);
}

Result<void> MuxFlash::submit(StaticRef<FlashPartition const> partition) const {
  // The device is busy: the operation waits in its partition for its turn.
  if (in_flight_.get().is_some()) { return success(); }
  return start(partition);
}

Result<void> MuxFlash::start(StaticRef<FlashPartition const> partition) const {
  uint32_t const offset = partition->start_ + partition->offset_.get();
  usize const length = partition->length_.get();
  FlashPartition::Operation const operation = partition->operation_.get();
  if (operation == FlashPartition::Operation::Erase) {
    KEEL_TRY(flash_->erase(offset));
  } else {
    Option<StaticBuffer<uint8_t>> taken = partition->buffer_.take();
    if (taken.is_none()) { return Error(ErrorCode::Fail); }
    BufferResult<uint8_t> started = operation == FlashPartition::Operation::Read
                                        ? flash_->read(offset, move(taken).value(), length)
                                        : flash_->write(offset, move(taken).value(), length);
    if (started.is_error()) {
      partition->buffer_.put(started.take_buffer());
      return started.status();
    }
  }
  in_flight_.set(partition);
  partition->in_device_.set(true);
  return success();
}

OptionalStaticRef<FlashPartition const> MuxFlash::next_in_ring(StaticRef<FlashPartition const> partition) const {
  OptionalStaticRef<FlashPartition const> const next = partition->next_.get();
  return next.is_some() ? next : head_.get();
}

void MuxFlash::start_next(StaticRef<FlashPartition const> after) const {
  OptionalStaticRef<FlashPartition const> const stop(after);
  for (OptionalStaticRef<FlashPartition const> candidate = next_in_ring(after);
       candidate.is_some() && !(candidate == stop); candidate = next_in_ring(candidate.value())) {
    // A client told of a refusal may have asked again, and that started the device: done.
    if (in_flight_.get().is_some()) { return; }
    FlashPartition const& waiting = candidate.get();
    if (waiting.operation_.get() == FlashPartition::Operation::None || waiting.in_device_.get()) { continue; }
    Result<void> const started = start(candidate.value());
    if (started.is_ok()) { return; }
    waiting.refused(started);
  }
}

OptionalStaticRef<FlashPartition const> MuxFlash::finish() const {
  OptionalStaticRef<FlashPartition const> const partition = in_flight_.get();
  in_flight_.set(OptionalStaticRef<FlashPartition const>());
  return partition;
}

void MuxFlash::read_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const {
  OptionalStaticRef<FlashPartition const> const partition = finish();
  if (partition.is_none()) { return; }
  start_next(partition.value());
  partition->completed(FlashPartition::Operation::Read, move(buffer), length, status);
}

void MuxFlash::write_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const {
  OptionalStaticRef<FlashPartition const> const partition = finish();
  if (partition.is_none()) { return; }
  start_next(partition.value());
  partition->completed(FlashPartition::Operation::Write, move(buffer), length, status);
}

void MuxFlash::erase_done(Result<void> status) const {
  OptionalStaticRef<FlashPartition const> const partition = finish();
  if (partition.is_none()) { return; }
  start_next(partition.value());
  partition->completed(FlashPartition::Operation::Erase, StaticBuffer<uint8_t>(), 0, status);
}

// ---- FlashPartition ----

void FlashPartition::setup(StaticRef<FlashPartition const> partition) { partition->mux_->link(partition); }

void FlashPartition::set_client(StaticRef<hil::flash::Client const> client) const { client_.set(client); }

hil::flash::Geometry FlashPartition::geometry() const {
  hil::flash::Geometry const device = mux_->device_geometry();
  bool const fits = device.size != 0 && device.sector_size != 0 && size_ != 0 && start_ % device.sector_size == 0 &&
                    size_ % device.sector_size == 0 && size_ <= device.size && start_ <= device.size - size_;
  if (!fits) { return {}; }
  return {size_, device.sector_size, device.write_unit};
}

Result<void> FlashPartition::check(uint32_t offset, usize length) const {
  if (!linked_.get()) { KEEL_PANIC("FlashPartition used before setup()"); }
  if (operation_.get() != Operation::None) { return Error(ErrorCode::Busy); }
  if (geometry().size == 0) { return Error(ErrorCode::NoDevice); }
  if (length > size_ || offset > size_ - length) { return Error(ErrorCode::Inval); }
  return success();
}

BufferResult<uint8_t> FlashPartition::read(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const {
  Result<void> const usable = check(offset, 0);
  if (usable.is_error()) { return {usable.error(), move(buffer)}; }
  if (length == 0 || length > buffer.size()) { return {ErrorCode::Size, move(buffer)}; }
  if (check(offset, length).is_error()) { return {ErrorCode::Inval, move(buffer)}; }
  buffer_.put(move(buffer));
  Result<void> const queued = queue(Operation::Read, offset, length);
  if (queued.is_error()) { return {queued.error(), buffer_.take().value()}; }
  return {};
}

BufferResult<uint8_t> FlashPartition::write(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const {
  Result<void> const usable = check(offset, 0);
  if (usable.is_error()) { return {usable.error(), move(buffer)}; }
  uint32_t const unit = geometry().write_unit;
  if (length == 0 || length > buffer.size() || (unit != 0 && length % unit != 0)) {
    return {ErrorCode::Size, move(buffer)};
  }
  if ((unit != 0 && offset % unit != 0) || check(offset, length).is_error()) {
    return {ErrorCode::Inval, move(buffer)};
  }
  buffer_.put(move(buffer));
  Result<void> const queued = queue(Operation::Write, offset, length);
  if (queued.is_error()) { return {queued.error(), buffer_.take().value()}; }
  return {};
}

Result<void> FlashPartition::erase(uint32_t offset) const {
  KEEL_TRY(check(offset, 0));
  if (offset % geometry().sector_size != 0 || offset >= size_) { return Error(ErrorCode::Inval); }
  return queue(Operation::Erase, offset, 0);
}

Result<void> FlashPartition::queue(Operation operation, uint32_t offset, usize length) const {
  operation_.set(operation);
  offset_.set(offset);
  length_.set(length);
  Result<void> const submitted = mux_->submit(self_.get().value());
  if (submitted.is_error()) { operation_.set(Operation::None); }
  return submitted;
}

void FlashPartition::completed(Operation operation, StaticBuffer<uint8_t>&& buffer, usize length,
                               Result<void> status) const {
  operation_.set(Operation::None);
  in_device_.set(false);
  OptionalStaticRef<hil::flash::Client const> const client = client_.get();
  if (client.is_none()) { return; }
  switch (operation) {
    case Operation::Read: client->read_done(move(buffer), length, status); return;
    case Operation::Write: client->write_done(move(buffer), length, status); return;
    case Operation::Erase: client->erase_done(status); return;
    case Operation::None: return;
  }
}

void FlashPartition::refused(Result<void> status) const {
  Operation const operation = operation_.get();
  Option<StaticBuffer<uint8_t>> taken = buffer_.take();
  StaticBuffer<uint8_t> buffer = taken.is_some() ? move(taken).value() : StaticBuffer<uint8_t>();
  completed(operation, move(buffer), length_.get(), status);
}

}  // namespace keel::capsules
