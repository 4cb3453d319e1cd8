// SPDX-License-Identifier: Apache-2.0
#include "kernel/debug_writer.h"

#include "kernel/core/array.h"
#include "kernel/core/utility.h"

namespace keel {
namespace {

/// The drop marker for `count` bytes, in `text`; returns its length.
usize format_drop_marker(Array<char, 32>& text, uint32_t count) {
  Array<char, 10> digits{};
  usize digit_count = 0;
  do {
    digits[digit_count] = static_cast<char>('0' + count % 10);
    count /= 10;
    ++digit_count;
  } while (count != 0);
  usize length = 0;
  text[length++] = '[';
  while (digit_count > 0) { text[length++] = digits[--digit_count]; }
  Slice<char const> const words(" bytes dropped]");
  for (char const c : words.first(words.size() - 1)) { text[length++] = c; }
  return length;
}

}  // namespace

usize DebugWriter::append(Slice<uint8_t const> bytes) const {
  usize const fits = min(room(), bytes.size());
  ring_.map([&](Slice<uint8_t> ring) {
    // The free space starts at the tail and may wrap: up to the end of the ring, then from its start.
    usize const tail = (head_.get() + count_.get()) % capacity_;
    usize const copied = ring.skip(tail).copy_from(bytes.first(fits));
    if (copied < fits) { ring.copy_from(bytes.first(fits).skip(copied)); }  // the part that wraps to the front
  });
  count_.set(count_.get() + fits);
  return fits;
}

usize DebugWriter::peek(Slice<uint8_t> destination) const {
  usize const count = min(count_.get(), destination.size());
  ring_.map([&](Slice<uint8_t> ring) {
    Slice<uint8_t const> const oldest = ring.skip(head_.get());
    usize const copied = destination.first(count).copy_from(oldest);
    if (copied < count) { destination.first(count).skip(copied).copy_from(Slice<uint8_t const>(ring)); }
  });
  return count;
}

void DebugWriter::consume(usize count) const {
  usize const removed = min(count, count_.get());
  head_.set((head_.get() + removed) % capacity_);
  count_.set(count_.get() - removed);
}

bool DebugWriter::append_drop_marker() const {
  Array<char, 32> marker{};
  usize const length = format_drop_marker(marker, dropped_.get());
  if (length > room()) { return false; }
  (void)append(as_bytes(marker.as_slice().first(length)));
  dropped_.set(0);
  return true;
}

void DebugWriter::write(Slice<char const> text) const {
  // Until the gap is marked, everything new is dropped too: text after the marker must really follow the gap.
  if (dropped_.get() != 0 && !append_drop_marker()) {
    dropped_.set(dropped_.get() + static_cast<uint32_t>(text.size()));
    return;
  }
  usize const fits = append(as_bytes(text));
  dropped_.set(dropped_.get() + static_cast<uint32_t>(text.size() - fits));
  start_transmission();
}

void DebugWriter::start_transmission() const {
  if (in_flight_.get() != 0 || count_.get() == 0) { return; }
  Option<StaticBuffer<uint8_t>> buffer = transmit_buffer_.take();
  if (buffer.is_none()) { return; }
  usize const length = peek(buffer.value().slice());
  BufferResult<uint8_t> sent = uart_->transmit_buffer(move(buffer).value(), length);
  if (sent.is_error()) {
    // The bytes stay in the ring; the next write tries again.
    transmit_buffer_.put(sent.take_buffer());
    return;
  }
  in_flight_.set(length);
}

void DebugWriter::transmitted_buffer(StaticBuffer<uint8_t>&& buffer, usize /*length*/, Result<void> /*status*/) const {
  transmit_buffer_.put(move(buffer));
  // Bytes the UART failed to send are dropped rather than retried: a UART that keeps failing must not keep the
  // kernel busy resending.
  consume(in_flight_.replace(0));
  if (dropped_.get() != 0) { (void)append_drop_marker(); }
  start_transmission();
}

void DebugWriter::flush_polled(hil::uart::PanicWriter const& out) const {
  Array<uint8_t, 64> chunk{};
  while (count_.get() != 0) {
    usize const length = peek(chunk.as_slice());
    out.write_polled(chunk.as_slice().first(length));
    consume(length);
  }
  in_flight_.set(0);
  if (dropped_.get() != 0) {
    Array<char, 32> marker{};
    usize const length = format_drop_marker(marker, dropped_.get());
    for (usize i = 0; i < length; ++i) { chunk[i] = static_cast<uint8_t>(marker[i]); }
    out.write_polled(chunk.as_slice().first(length));
    dropped_.set(0);
  }
}

}  // namespace keel
