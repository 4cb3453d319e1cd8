// SPDX-License-Identifier: Apache-2.0
// virtio entropy device (virtio 1.1, section 5.4) as a hil::entropy::Entropy: one request queue, into which the
// driver puts a buffer for the device to fill with random bytes.
//
// Setup (board):
//   auto rng_queue = KEEL_STATIC_INIT(Virtqueue, KEEL_STATIC_INIT(VirtqueueMemory));
//   auto rng = KEEL_STATIC_INIT(VirtioRng, slots, rng_queue, KEEL_STATIC_BUFFER(uint8_t, 64));
//   if (rng->initialize().is_ok()) { chip->register_virtio_device(rng->slot().value(), rng); }
//   rng->set_client(entropy_to_random);
// Without an entropy device (QEMU run without `-device virtio-rng-device`) get() returns Off.
//
// The buffer is the paper's DMA case study (section 4.1): a StaticBuffer (move-only) that has one owner at a time.
// `buffer_` holds it while the driver owns it; posting a request moves it into the virtqueue (the device may write
// it); the used ring handing the chain back moves it out again, and only then are its bytes given to the client.
// No driver code holds the buffer while the device owns it, and the device is never given a buffer twice.
#pragma once

#include "kernel/core/ref.h"
#include "chips/qemu-virt/virtio_device.h"
#include "chips/qemu-virt/virtio_mmio.h"
#include "chips/qemu-virt/virtqueue.h"
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/take_cell.h"
#include "kernel/hil/entropy.h"

namespace keel::chips::qemu_virt {

class VirtioRng final : public hil::entropy::Entropy, public VirtioDevice {
 public:
  /// The device's only queue (section 5.4.2).
  static constexpr uint32_t kRequestQueue = 0;

  VirtioRng(StaticSlice<VirtioMmioRegisters> slots, StaticRef<Virtqueue const> queue, StaticBuffer<uint8_t>&& buffer);
  VirtioRng(VirtioRng const&) = delete;
  VirtioRng& operator=(VirtioRng const&) = delete;

  /// Finds the first entropy device among the slots and brings it up (no device features wanted). Errors: NoDevice
  /// (no slot holds one), NoSupport (it refused the handshake), or the queue setup's error; the driver then stays
  /// Off.
  Result<void> initialize() const;
  /// The slot (0-7) of the device found by initialize(); it interrupts on PLIC source 1 + slot.
  Option<usize> slot() const;

  /// Takes back every buffer the device has filled and passes its bytes on.
  void handle_interrupt() const override;

  void set_client(StaticRef<hil::entropy::Client const> client) const override;
  /// Starts delivery (a no-op success if it is already running). Errors: Off (no device).
  Result<void> get() const override;
  /// Stops delivery; always success, and no callback follows. A request the device still holds is taken back
  /// silently when it returns.
  Result<void> cancel() const override;

 private:
  enum class State : uint8_t {
    Off,
    Idle,
    /// The device holds the buffer and the client wants its bytes.
    Waiting,
    /// The device holds the buffer but the client cancelled.
    WaitingCancelled,
    /// The client's callback is running; its return value decides whether to post again.
    Delivering,
    /// get() was called during the callback: post again whatever the callback returns.
    DeliveringRestart,
    /// cancel() was called during the callback: stop whatever the callback returns.
    DeliveringCancelled,
  };

  VirtioMmio transport() const;
  Result<void> bring_up(usize slot) const;
  Result<void> post() const;
  void buffer_returned(UsedChain&& used) const;

  StaticSlice<VirtioMmioRegisters> slots_;
  StaticRef<Virtqueue const> queue_;
  OptionalCell<usize> slot_;
  Cell<State> state_{State::Off};
  ClientCell<hil::entropy::Client> client_;
  /// The buffer while the driver owns it (while the device does, the virtqueue holds it).
  TakeCell<StaticBuffer<uint8_t>> buffer_;
};

}  // namespace keel::chips::qemu_virt
