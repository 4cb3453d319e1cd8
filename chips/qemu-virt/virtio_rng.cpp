// SPDX-License-Identifier: Apache-2.0
#include "chips/qemu-virt/virtio_rng.h"

#include "kernel/core/array.h"

namespace keel::chips::qemu_virt {

VirtioRng::VirtioRng(StaticSlice<VirtioMmioRegisters> slots, StaticRef<Virtqueue const> queue, StaticBuffer<uint8_t>&& buffer)
    : slots_(slots), queue_(queue), buffer_(move(buffer)) {}

Result<void> VirtioRng::initialize() const {
  Option<usize> const found = find_virtio_device(slots_, VirtioDeviceType::Entropy);
  if (found.is_none()) { return Error(ErrorCode::NoDevice); }
  KEEL_TRY(bring_up(found.value()));
  slot_.set(found.value());
  state_.set(State::Idle);
  return success();
}

Result<void> VirtioRng::bring_up(usize slot) const {
  VirtioMmio const transport(slots_.at(slot));
  // The entropy device defines no feature bits (section 5.4.3): only VERSION_1 is negotiated.
  KEEL_TRY(transport.negotiate(0));
  queue_->initialize();
  Result<void> const queue = transport.setup_queue(kRequestQueue, queue_->rings());
  if (queue.is_error()) {
    transport.fail();
    return queue;
  }
  transport.driver_ok();
  return success();
}

Option<usize> VirtioRng::slot() const { return slot_.get(); }

VirtioMmio VirtioRng::transport() const { return VirtioMmio(slots_.at(slot_.value_or(0))); }

void VirtioRng::set_client(StaticRef<hil::entropy::Client const> client) const { client_.set(client); }

Result<void> VirtioRng::get() const {
  switch (state_.get()) {
    case State::Off:
      return Error(ErrorCode::Off);
    case State::Idle:
      return post();
    case State::WaitingCancelled:
      state_.set(State::Waiting);
      return success();
    case State::Delivering:
    case State::DeliveringCancelled:
      state_.set(State::DeliveringRestart);
      return success();
    case State::Waiting:
    case State::DeliveringRestart:
      return success();
  }
  return success();
}

Result<void> VirtioRng::cancel() const {
  State const state = state_.get();
  if (state == State::Waiting) { state_.set(State::WaitingCancelled); }
  if (state == State::Delivering || state == State::DeliveringRestart) { state_.set(State::DeliveringCancelled); }
  return success();
}

Result<void> VirtioRng::post() const {
  Option<StaticBuffer<uint8_t>> taken = buffer_.take();
  if (taken.is_none()) { return Error(ErrorCode::Busy); }
  Array<VirtqueueBuffer, 1> chain{{VirtqueueBuffer{move(taken).value(), BufferDirection::FromDevice}}};
  Result<uint16_t> const added = queue_->add(chain.as_slice());
  if (added.is_error()) {
    buffer_.put(move(chain[0].bytes));
    return Error(added.error());
  }
  // From here until the used ring gives it back, the device owns the buffer (the queue holds it).
  state_.set(State::Waiting);
  transport().notify(kRequestQueue);
  return success();
}

void VirtioRng::handle_interrupt() const {
  if (slot_.is_none()) { return; }
  // Acknowledge first: a buffer returned after the queue is drained below raises the interrupt again.
  transport().acknowledge_interrupts();
  // One buffer is in flight at a time, so one used entry is expected; the bound keeps a confused device from
  // holding the kernel here.
  for (uint16_t count = 0; count < Virtqueue::kSize; ++count) {
    Option<UsedChain> used = queue_->take_used();
    if (used.is_none()) { return; }
    buffer_returned(move(used).value());
  }
}

void VirtioRng::buffer_returned(UsedChain&& used) const {
  // The queue gives back only chains it was given: this driver's one-buffer requests.
  if (used.count != 1) { return; }
  StaticBuffer<uint8_t> buffer = move(used.buffers[0]);

  if (state_.get() == State::WaitingCancelled) {
    buffer_.put(move(buffer));
    state_.set(State::Idle);
    return;
  }

  // A device that claims to have written more than the buffer holds is believed only up to the buffer's size.
  Slice<uint8_t const> const bytes = buffer.slice().first(used.length);
  state_.set(State::Delivering);
  hil::entropy::Continue const next =
      client_.is_some() ? client_.get()->entropy_available(bytes, success()) : hil::entropy::Continue::Done;
  // The client's view of the bytes ended with the call; the driver owns the buffer again.
  buffer_.put(move(buffer));

  State const state = state_.get();
  bool const again =
      state == State::DeliveringRestart || (state == State::Delivering && next == hil::entropy::Continue::More);
  state_.set(State::Idle);
  // post() cannot fail here: the buffer is back and the queue has a free descriptor for it. Should it ever fail,
  // the driver is Idle and the client's next get() retries.
  if (again) { static_cast<void>(post()); }
}

}  // namespace keel::chips::qemu_virt
