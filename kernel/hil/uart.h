// SPDX-License-Identifier: Apache-2.0
// UART hardware interface: split-phase transmit and receive of 'static buffers.
//
// Contract (every implementation keeps it):
// - Buffers are StaticBuffers: move-only, one owner at a time. A call that returns success owns the buffer until it
//   hands it back in exactly one callback; a call that returns an error hands it back in its BufferResult, and no
//   callback follows.
// - Callbacks never run inside the call that started the operation (an implementation that finishes at once defers
//   the callback through a DeferredCall).
//
// Two layers, one contract. Uart / TransmitClient / ReceiveClient is what capsules and the kernel use;
// HardwareUart / HardwareTransmitClient / HardwareReceiveClient is what a chip's UART driver offers and what may sit
// directly on it: a virtualizer (MuxUart, capsules/virtual_uart.h) takes a HardwareUart and is a client of it, and
// hands out Uarts. The methods mean the same on both; the split is in the types only, so that a virtualizer cannot
// be its own lower layer (a UartDevice is no HardwareUart, a MuxUart no TransmitClient or ReceiveClient). That
// keeps the kernel's call graph acyclic even when every virtual call is resolved by type, so its worst-case stack
// is bounded (tools/stack-depth). Each layer declares its own methods on purpose: a call is typed by the class that
// declares the method, so a HardwareUart derived from Uart would separate nothing. A chip UART serves capsules
// through a virtualizer, never directly.
#pragma once

#include "kernel/core/buffer_result.h"
#include "kernel/core/ref.h"
#include "kernel/core/result.h"
#include "kernel/core/slice.h"

namespace keel::hil::uart {

class TransmitClient {
 public:
  /// The first `length` bytes of `buffer` were sent (status success), or sending stopped early (status error and
  /// `length` says how many went out).
  virtual void transmitted_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const = 0;

 protected:
  ~TransmitClient() = default;
};

class ReceiveClient {
 public:
  /// `length` bytes arrived in `buffer`. Status success when the requested count arrived; Cancel after
  /// receive_abort (with the bytes received so far).
  virtual void received_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const = 0;

 protected:
  ~ReceiveClient() = default;
};

class Uart {
 public:
  virtual void set_transmit_client(StaticRef<TransmitClient const> client) const = 0;
  virtual void set_receive_client(StaticRef<ReceiveClient const> client) const = 0;

  /// Sends buffer[0, length). Errors: Busy (a transmission is in flight), Size (length is 0 or > buffer.size()).
  virtual BufferResult<uint8_t> transmit_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const = 0;

  /// Receives exactly `length` bytes into buffer. Errors: Busy, Size.
  virtual BufferResult<uint8_t> receive_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const = 0;

  /// Stops a receive in progress. Success: nothing was in progress, no callback. Busy: a receive was in progress;
  /// received_buffer follows with status Cancel.
  virtual Result<void> receive_abort() const = 0;

 protected:
  ~Uart() = default;
};

/// The transmit client of a HardwareUart: TransmitClient's contract, for the layer directly on the hardware.
class HardwareTransmitClient {
 public:
  /// As TransmitClient::transmitted_buffer.
  virtual void transmitted_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const = 0;

 protected:
  ~HardwareTransmitClient() = default;
};

/// The receive client of a HardwareUart: ReceiveClient's contract, for the layer directly on the hardware.
class HardwareReceiveClient {
 public:
  /// As ReceiveClient::received_buffer.
  virtual void received_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const = 0;

 protected:
  ~HardwareReceiveClient() = default;
};

/// A chip's UART: exactly Uart's contract (see there and the top of this file), for a virtualizer or other direct
/// user of the hardware. Deliberately not derived from Uart.
class HardwareUart {
 public:
  virtual void set_transmit_client(StaticRef<HardwareTransmitClient const> client) const = 0;
  virtual void set_receive_client(StaticRef<HardwareReceiveClient const> client) const = 0;

  /// Sends buffer[0, length). Errors: Busy (a transmission is in flight), Size (length is 0 or > buffer.size()).
  virtual BufferResult<uint8_t> transmit_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const = 0;

  /// Receives exactly `length` bytes into buffer. Errors: Busy, Size.
  virtual BufferResult<uint8_t> receive_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const = 0;

  /// Stops a receive in progress. Success: nothing was in progress, no callback. Busy: a receive was in progress;
  /// received_buffer follows with status Cancel.
  virtual Result<void> receive_abort() const = 0;

 protected:
  ~HardwareUart() = default;
};

/// Synchronous, interrupt-free output for the panic path only: it may cut into an in-flight transmission.
class PanicWriter {
 public:
  virtual void write_polled(Slice<uint8_t const> bytes) const = 0;

 protected:
  ~PanicWriter() = default;
};

}  // namespace keel::hil::uart
