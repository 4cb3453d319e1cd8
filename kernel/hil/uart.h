// SPDX-License-Identifier: Apache-2.0
// UART hardware interface: split-phase transmit and receive of 'static buffers.
//
// Contract (every implementation keeps it):
// - A call that returns success owns the buffer until it hands it back in exactly one callback; a call that returns
//   an error does not keep the buffer (the caller still holds its Slice) and no callback follows.
// - Callbacks never run inside the call that started the operation (an implementation that finishes at once defers
//   the callback through a DeferredCall).
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/result.h"
#include "kernel/core/slice.h"

namespace keel::hil::uart {

class TransmitClient {
 public:
  /// The first `length` bytes of `buffer` were sent (status success), or sending stopped early (status error and
  /// `length` says how many went out).
  virtual void transmitted_buffer(StaticSlice<uint8_t> buffer, usize length, Result<void> status) const = 0;

 protected:
  ~TransmitClient() = default;
};

class ReceiveClient {
 public:
  /// `length` bytes arrived in `buffer`. Status success when the requested count arrived; Cancel after
  /// receive_abort (with the bytes received so far).
  virtual void received_buffer(StaticSlice<uint8_t> buffer, usize length, Result<void> status) const = 0;

 protected:
  ~ReceiveClient() = default;
};

class Uart {
 public:
  virtual void set_transmit_client(StaticRef<TransmitClient const> client) const = 0;
  virtual void set_receive_client(StaticRef<ReceiveClient const> client) const = 0;

  /// Sends buffer[0, length). Errors: Busy (a transmission is in flight), Size (length is 0 or > buffer.size()).
  virtual Result<void> transmit_buffer(StaticSlice<uint8_t> buffer, usize length) const = 0;

  /// Receives exactly `length` bytes into buffer. Errors: Busy, Size.
  virtual Result<void> receive_buffer(StaticSlice<uint8_t> buffer, usize length) const = 0;

  /// Stops a receive in progress. Success: nothing was in progress, no callback. Busy: a receive was in progress;
  /// received_buffer follows with status Cancel.
  virtual Result<void> receive_abort() const = 0;

 protected:
  ~Uart() = default;
};

/// Synchronous, interrupt-free output for the panic path only: it may cut into an in-flight transmission.
class PanicWriter {
 public:
  virtual void write_polled(Slice<uint8_t const> bytes) const = 0;

 protected:
  ~PanicWriter() = default;
};

}  // namespace keel::hil::uart
