// SPDX-License-Identifier: Apache-2.0
// NOR flash hardware interface: split-phase read, program and erase of a flash device (or of a part of one).
//
// NOR rules the interface keeps visible rather than hiding: a program can only turn bits from 1 to 0, so a byte is
// written once after its sector was erased (erased bytes read 0xff), and erase works on whole sectors. Addresses are
// byte offsets from the start of the device (or partition) this object stands for, never bus addresses.
//
// Contract (every implementation keeps it):
// - Buffers are StaticBuffers: move-only, one owner at a time. A call that returns success owns the buffer until it
//   hands it back in exactly one callback; a call that returns an error hands it back in its BufferResult, and no
//   callback follows. erase has no buffer: success means exactly one erase_done follows.
// - One operation at a time: a call while another is in flight answers Busy.
// - Callbacks never run inside the call that started the operation (an implementation that finishes at once defers
//   the callback through a DeferredCall).
// - A device error (the status register reports a failed program or erase, or a locked sector) is reported in the
//   callback's status as Fail, never ignored; what was programmed before the error is undefined and must be treated
//   as torn by the client.
//
// Two layers, one contract (as in kernel/hil/uart.h): Flash / Client is what capsules use; HardwareFlash /
// HardwareClient is what a chip's flash driver offers and what sits directly on it, the virtualizer
// (capsules/flash_partition.h: MuxFlash takes a HardwareFlash and hands out FlashPartitions, each a Flash). The
// methods mean the same on both; the split is in the types only, so that a partition cannot be its own lower layer
// and the kernel's call graph stays acyclic when every virtual call is resolved by type (tools/stack-depth).
#pragma once

#include "kernel/core/buffer_result.h"
#include "kernel/core/ref.h"
#include "kernel/core/result.h"
#include "kernel/core/slice.h"

namespace keel::hil::flash {

struct Geometry {
  /// Bytes in the device (a multiple of sector_size).
  uint32_t size = 0;
  /// The erase unit: erase takes a sector-aligned offset and clears exactly this many bytes to 0xff.
  uint32_t sector_size = 0;
  /// The program unit: write offsets and lengths are multiples of it (1 for byte-programmable devices).
  uint32_t write_unit = 0;
};

class Client {
 public:
  /// The first `length` bytes of `buffer` hold flash[offset, offset + length) (status success), or the read failed.
  virtual void read_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const = 0;
  /// buffer[0, length) was programmed at the offset asked for (status success), or programming failed (Fail).
  virtual void write_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const = 0;
  /// The sector was erased (success) or the erase failed (Fail).
  virtual void erase_done(Result<void> status) const = 0;

 protected:
  ~Client() = default;
};

class Flash {
 public:
  virtual void set_client(StaticRef<Client const> client) const = 0;
  virtual Geometry geometry() const = 0;

  /// Reads flash[offset, offset + length) into buffer[0, length).
  /// Errors: Busy; Size (length is 0 or > buffer.size()); Invalid (the range leaves the device).
  virtual BufferResult<uint8_t> read(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const = 0;

  /// Programs buffer[0, length) at offset: each flash bit becomes (old AND new).
  /// Errors: Busy; Size (length is 0, > buffer.size(), or not a multiple of write_unit); Invalid (offset not
  /// aligned to write_unit, or the range leaves the device).
  virtual BufferResult<uint8_t> write(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const = 0;

  /// Erases the sector starting at `offset`. Errors: Busy; Invalid (not sector-aligned, or past the end).
  virtual Result<void> erase(uint32_t offset) const = 0;

 protected:
  ~Flash() = default;
};

/// The client of a HardwareFlash: Client's contract, for the layer directly on the device.
class HardwareClient {
 public:
  /// As Client::read_done.
  virtual void read_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const = 0;
  /// As Client::write_done.
  virtual void write_done(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const = 0;
  /// As Client::erase_done.
  virtual void erase_done(Result<void> status) const = 0;

 protected:
  ~HardwareClient() = default;
};

/// A chip's flash driver: exactly Flash's contract (see there and the top of this file), for a virtualizer or other
/// direct user of the device. Deliberately not derived from Flash. A device with nothing to report (absent) also
/// answers NoDevice and has an all-zero geometry.
class HardwareFlash {
 public:
  virtual void set_client(StaticRef<HardwareClient const> client) const = 0;
  virtual Geometry geometry() const = 0;
  /// As Flash::read.
  virtual BufferResult<uint8_t> read(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const = 0;
  /// As Flash::write.
  virtual BufferResult<uint8_t> write(uint32_t offset, StaticBuffer<uint8_t>&& buffer, usize length) const = 0;
  /// As Flash::erase.
  virtual Result<void> erase(uint32_t offset) const = 0;

 protected:
  ~HardwareFlash() = default;
};

}  // namespace keel::hil::flash
