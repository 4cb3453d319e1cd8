// SPDX-License-Identifier: Apache-2.0
#include "kernel/debug_writer.h"

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

void DebugWriter::push(uint8_t byte) const {
  ring_[(head_.get() + count_.get()) % kBufferSize].set(byte);
  count_.set(count_.get() + 1);
}

usize DebugWriter::peek(Slice<uint8_t> destination) const {
  usize const count = min(count_.get(), destination.size());
  usize at = head_.get();
  for (uint8_t& byte : destination.first(count)) {
    byte = ring_[at].get();
    at = (at + 1) % kBufferSize;
  }
  return count;
}

void DebugWriter::consume(usize count) const {
  usize const removed = min(count, count_.get());
  head_.set((head_.get() + removed) % kBufferSize);
  count_.set(count_.get() - removed);
}

bool DebugWriter::append_drop_marker() const {
  Array<char, 32> marker{};
  usize const length = format_drop_marker(marker, dropped_.get());
  if (length > room()) { return false; }
  for (char const c : marker.as_slice().first(length)) { push(static_cast<uint8_t>(c)); }
  dropped_.set(0);
  return true;
}

void DebugWriter::write(Slice<char const> text) const {
  // Until the gap is marked, everything new is dropped too: text after the marker must really follow the gap.
  if (dropped_.get() != 0 && !append_drop_marker()) {
    dropped_.set(dropped_.get() + static_cast<uint32_t>(text.size()));
    return;
  }
  usize const fits = min(room(), text.size());
  // One index walk and one count update per write, not per byte: boot messages go through here.
  usize tail = (head_.get() + count_.get()) % kBufferSize;
  for (char const c : text.first(fits)) {
    ring_[tail].set(static_cast<uint8_t>(c));
    tail = (tail + 1) % kBufferSize;
  }
  count_.set(count_.get() + fits);
  dropped_.set(dropped_.get() + static_cast<uint32_t>(text.size() - fits));
  start_transmission();
}

void DebugWriter::start_transmission() const {
  if (in_flight_.get() != 0 || count_.get() == 0) { return; }
  Option<Slice<uint8_t>> buffer = transmit_buffer_.take();
  if (buffer.is_none()) { return; }
  usize const length = peek(buffer.value());
  if (uart_.transmit_buffer(buffer.value(), length).is_error()) {
    // The bytes stay in the ring; the next write tries again.
    transmit_buffer_.put(buffer.value());
    return;
  }
  in_flight_.set(length);
}

void DebugWriter::transmitted_buffer(Slice<uint8_t> buffer, usize /*length*/, Result<void> /*status*/) const {
  transmit_buffer_.put(buffer);
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
