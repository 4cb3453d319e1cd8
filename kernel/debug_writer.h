// SPDX-License-Identifier: Apache-2.0
// DebugWriter: the kernel's text output (boot messages, loader errors, fault reports, low-level debug) over a UART,
// without ever waiting for it. Text goes into a ring buffer (a 'static byte array the board gives, normally
// kBufferSize bytes) and drains through the UART in the background, a transmit buffer's worth at a time. When the ring is full, new text is dropped and counted, and
// "[N bytes dropped]" marks the gap in the output as soon as there is room again, so a reader knows text is missing.
// On a panic, flush_polled writes out what is still buffered, synchronously.
//
// Setup (board; `uart` is normally a UartDevice of the UART mux, shared with the console):
//   static Array<uint8_t, DebugWriter::kBufferSize> ring{};   // constant-initialised: costs nothing at boot
//   DebugWriter& debug = KEEL_STATIC_INIT(DebugWriter, uart, ring.as_slice(), transmit_buffer);  // kTransmitBufferSize bytes
//   uart.set_transmit_client(debug);
// Usage: as any keel::Writer, `debug.str("booted ").dec(n).str("\n");`.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/cell.h"
#include "kernel/core/take_cell.h"
#include "kernel/hil/uart.h"
#include "kernel/writer.h"

namespace keel {

class DebugWriter final : public Writer, public hil::uart::TransmitClient {
 public:
  static constexpr usize kBufferSize = 2048;
  /// What the board gives as the transmit buffer: the boot messages go out in one transmission (each one costs a
  /// pass through the UART mux and a completion interrupt).
  static constexpr usize kTransmitBufferSize = 256;

  DebugWriter(StaticRef<hil::uart::Uart const> uart, StaticBuffer<uint8_t> ring, StaticBuffer<uint8_t> transmit_buffer)
      : uart_(uart), transmit_buffer_(move(transmit_buffer)), capacity_(ring.size()), ring_(move(ring)) {}
  DebugWriter(DebugWriter const&) = delete;
  DebugWriter& operator=(DebugWriter const&) = delete;

  /// Appends `text` (what does not fit is dropped and counted) and starts sending if the UART is idle.
  void write(Slice<char const> text) const override;
  /// The bytes handed to the UART have gone: send the next ones.
  void transmitted_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  /// Panic path: writes everything still buffered through `out`, synchronously. The bytes of a transmission in
  /// flight are written again (the UART may have sent only part of them): a repeated line beats a lost one.
  void flush_polled(hil::uart::PanicWriter const& out) const;

  /// Bytes waiting in the ring (including those the UART is sending).
  usize buffered() const { return count_.get(); }
  bool has_pending_output() const override { return buffered() != 0; }

 private:
  usize room() const { return capacity_ - count_.get(); }
  /// Appends the bytes that fit (at most room()); returns how many.
  usize append(Slice<uint8_t const> bytes) const;
  /// Copies up to destination.size() bytes from the oldest on, without removing them; returns how many.
  usize peek(Slice<uint8_t> destination) const;
  void consume(usize count) const;
  /// Appends "[N bytes dropped]" if it fits, and then forgets the count; false if it does not fit yet.
  bool append_drop_marker() const;
  void start_transmission() const;

  StaticRef<hil::uart::Uart const> uart_;
  TakeCell<StaticBuffer<uint8_t>> transmit_buffer_;
  usize capacity_;
  /// The ring: count_ bytes starting at head_ (wrapping). Copied in and out in at most two runs each way.
  TakeCell<StaticBuffer<uint8_t>> ring_;
  Cell<usize> head_{0};
  Cell<usize> count_{0};
  /// Bytes at the front of the ring that the UART is sending now (0: idle).
  Cell<usize> in_flight_{0};
  /// Bytes dropped since the last marker.
  Cell<uint32_t> dropped_{0};
};

}  // namespace keel
