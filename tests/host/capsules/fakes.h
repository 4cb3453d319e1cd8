// Fake lower layers for capsule tests: an alarm whose clock the test sets, a UART that records what it is given and
// completes only when the test says so (aborts complete through a real DeferredCall), an entropy source the test
// feeds, and a panic writer that records. The alarm and the UART come in both HIL layers (kernel/hil/time.h,
// uart.h): FakeAlarm / FakeUart are plain HIL, for a capsule used directly; FakeHardwareAlarm / FakeHardwareUart
// are the hardware-facing interfaces, for the virtualizers (MuxAlarm, MuxUart). Each pair is one template.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kernel/core/optional_cell.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/entropy.h"
#include "kernel/hil/time.h"
#include "kernel/hil/uart.h"
#include "../static_ref.h"

namespace keel_test {

using keel::Result;
using keel::Slice;
using keel::StaticRef;
using keel::BufferResult;
using keel::StaticBuffer;
using keel::StaticSlice;
using keel::hil::time::Ticks;

inline std::string as_string(Slice<uint8_t const> bytes) {
  std::string out;
  for (uint8_t b : bytes) { out.push_back(static_cast<char>(b)); }
  return out;
}

/// One DeferredCall for the whole test binary (the kernel's registry is fixed-size and never forgets a client),
/// forwarding to whatever the current test's fake put in `run`.
struct DeferredHook final : keel::DeferredCallClient {
  void handle_deferred_call() const override {
    auto pending = std::move(run);
    run = nullptr;
    if (pending) { pending(); }
  }
  mutable std::function<void()> run;
};

inline DeferredHook& deferred_hook() {
  static DeferredHook hook;
  return hook;
}

inline void defer(std::function<void()> f) {
  static keel::DeferredCall call;
  static bool const bound = [] {
    call.bind(keel::StaticRef<keel::DeferredCallClient const>::assume_static(deferred_hook()));
    return true;
  }();
  (void)bound;
  deferred_hook().run = std::move(f);
  call.set();
}

/// Forgets what a previous test left pending, so it cannot run against destroyed objects. (The call itself may stay
/// pending; with nothing in `run` it does nothing when it runs.)
inline void reset_deferred() { deferred_hook().run = nullptr; }

template <typename Interface, typename Client> class BasicFakeAlarm final : public Interface {
 public:
  uint32_t frequency() const override { return 32768; }
  Ticks now() const override {
    Ticks const t = now_;
    now_ += advance_per_read;
    return t;
  }
  void set_alarm_client(StaticRef<Client const> client) const override { client_.set(client); }
  void set_alarm(Ticks reference, Ticks dt) const override {
    reference_ = reference;
    dt_ = dt;
    armed_ = true;
    ++set_count;
  }
  Ticks get_alarm() const override { return reference_ + dt_; }
  Result<void> disarm() const override {
    if (!armed_) { return keel::Error(keel::ErrorCode::Already); }
    armed_ = false;
    return keel::success();
  }
  bool is_armed() const override { return armed_; }
  Ticks minimum_dt() const override { return minimum; }

  void set_now(Ticks t) { now_ = t; }
  Ticks reference() const { return reference_; }
  Ticks dt() const { return dt_; }
  /// Fires the alarm (as the interrupt would) if it is armed and due at the current time; returns whether it did.
  bool fire_if_due() {
    if (!armed_ || !keel::hil::time::has_expired(reference_, dt_, now_)) { return false; }
    armed_ = false;
    client_.map([](Client const& c) { c.alarm_fired(); });
    return true;
  }
  /// Jumps to the armed expiration (or `t` if unarmed) and fires.
  bool advance_to_expiration_and_fire() {
    if (!armed_) { return false; }
    if (!keel::hil::time::has_expired(reference_, dt_, now_)) { now_ = reference_ + dt_; }
    return fire_if_due();
  }

  Ticks minimum = 0;
  Ticks advance_per_read = 0;
  mutable int set_count = 0;

 private:
  mutable Ticks now_ = 0;
  mutable Ticks reference_ = 0;
  mutable Ticks dt_ = 0;
  mutable bool armed_ = false;
  keel::ClientCell<Client> client_;
};

using FakeAlarm = BasicFakeAlarm<keel::hil::time::Alarm, keel::hil::time::AlarmClient>;
using FakeHardwareAlarm = BasicFakeAlarm<keel::hil::time::HardwareAlarm, keel::hil::time::HardwareAlarmClient>;

class AlarmCounter final : public keel::hil::time::AlarmClient {
 public:
  void alarm_fired() const override {
    ++count;
    if (on_fire) { on_fire(); }
  }
  mutable int count = 0;
  std::function<void()> on_fire;
};

template <typename Interface, typename TransmitClient, typename ReceiveClient>
class BasicFakeUart final : public Interface {
 public:
  void set_transmit_client(StaticRef<TransmitClient const> client) const override { tx_client_.set(client); }
  void set_receive_client(StaticRef<ReceiveClient const> client) const override { rx_client_.set(client); }

  BufferResult<uint8_t> transmit_buffer(StaticBuffer<uint8_t>&& buffer, size_t length) const override {
    if (refuse_transmit) { return {*refuse_transmit, std::move(buffer)}; }
    if (length == 0 || length > buffer.size()) { return {keel::ErrorCode::Size, std::move(buffer)}; }
    if (tx_buffer_.is_some()) { return {keel::ErrorCode::Busy, std::move(buffer)}; }
    transmissions.push_back(as_string(buffer.slice().first(length)));
    tx_buffer_ = std::move(buffer);
    tx_length_ = length;
    return {};
  }
  BufferResult<uint8_t> receive_buffer(StaticBuffer<uint8_t>&& buffer, size_t length) const override {
    if (length == 0 || length > buffer.size()) { return {keel::ErrorCode::Size, std::move(buffer)}; }
    if (rx_buffer_.is_some()) { return {keel::ErrorCode::Busy, std::move(buffer)}; }
    rx_buffer_ = std::move(buffer);
    rx_length_ = length;
    rx_received_ = 0;
    return {};
  }
  Result<void> receive_abort() const override {
    ++aborts;
    if (rx_buffer_.is_none()) { return keel::success(); }
    // As a chip driver does: the Cancel callback comes later, from a deferred call.
    defer([this] { finish_receive(keel::Error(keel::ErrorCode::Cancel)); });
    return keel::Error(keel::ErrorCode::Busy);
  }

  bool transmitting() const { return tx_buffer_.is_some(); }
  bool receiving() const { return rx_buffer_.is_some(); }
  size_t receive_length() const { return rx_length_; }
  /// The in-flight transmission went out (or failed with `status`, `sent` bytes out).
  void complete_transmit(Result<void> status = keel::success(), std::optional<size_t> sent = std::nullopt) {
    ASSERT_TRUE(tx_buffer_.is_some());
    StaticBuffer<uint8_t> buffer = tx_buffer_.take().value();
    tx_client_.map([&](TransmitClient const& c) {
      c.transmitted_buffer(std::move(buffer), sent.value_or(tx_length_), status);
    });
  }
  /// Completes transmissions until the UART stays idle; returns what it sent from the one in flight on.
  std::string drain() {
    size_t const first = transmissions.size() - (transmitting() ? 1 : 0);
    for (int guard = 0; transmitting() && guard < 10000; ++guard) { complete_transmit(); }
    std::string out;
    for (size_t i = first; i < transmissions.size(); ++i) { out += transmissions[i]; }
    return out;
  }
  /// Bytes arrive; the receive completes once the requested count is reached.
  void receive_bytes(std::string const& bytes) {
    ASSERT_TRUE(rx_buffer_.is_some());
    Slice<uint8_t> buffer = rx_buffer_.value().slice();
    for (char c : bytes) {
      if (rx_received_ < rx_length_) { buffer[rx_received_++] = static_cast<uint8_t>(c); }
    }
    if (rx_received_ == rx_length_) { finish_receive(keel::success()); }
  }
  std::string everything_sent() const {
    std::string out;
    for (auto const& t : transmissions) { out += t; }
    return out;
  }

  mutable std::vector<std::string> transmissions;
  std::optional<keel::ErrorCode> refuse_transmit;
  mutable int aborts = 0;

 private:
  void finish_receive(Result<void> status) const {
    if (rx_buffer_.is_none()) { return; }
    StaticBuffer<uint8_t> buffer = rx_buffer_.take().value();
    rx_client_.map([&](ReceiveClient const& c) { c.received_buffer(std::move(buffer), rx_received_, status); });
  }

  mutable keel::Option<StaticBuffer<uint8_t>> tx_buffer_;
  mutable size_t tx_length_ = 0;
  mutable keel::Option<StaticBuffer<uint8_t>> rx_buffer_;
  mutable size_t rx_length_ = 0;
  mutable size_t rx_received_ = 0;
  keel::ClientCell<TransmitClient> tx_client_;
  keel::ClientCell<ReceiveClient> rx_client_;
};

using FakeUart = BasicFakeUart<keel::hil::uart::Uart, keel::hil::uart::TransmitClient, keel::hil::uart::ReceiveClient>;
using FakeHardwareUart = BasicFakeUart<keel::hil::uart::HardwareUart, keel::hil::uart::HardwareTransmitClient,
                                       keel::hil::uart::HardwareReceiveClient>;

/// Records what a UART user heard.
class UartRecorder final : public keel::hil::uart::TransmitClient, public keel::hil::uart::ReceiveClient {
 public:
  struct Event {
    std::string bytes;
    size_t length;
    bool ok;
    keel::ErrorCode error;
  };
  void transmitted_buffer(StaticBuffer<uint8_t>&& buffer, size_t length, Result<void> status) const override {
    transmitted.push_back({as_string(buffer.slice().first(length)), length, status.is_ok(),
                           status.is_ok() ? keel::ErrorCode::Fail : status.error()});
    if (on_transmitted) { on_transmitted(std::move(buffer)); }
  }
  void received_buffer(StaticBuffer<uint8_t>&& buffer, size_t length, Result<void> status) const override {
    received.push_back({as_string(buffer.slice().first(length)), length, status.is_ok(),
                        status.is_ok() ? keel::ErrorCode::Fail : status.error()});
  }
  mutable std::vector<Event> transmitted;
  mutable std::vector<Event> received;
  std::function<void(StaticBuffer<uint8_t>)> on_transmitted;
};

class FakeEntropy final : public keel::hil::entropy::Entropy {
 public:
  void set_client(StaticRef<keel::hil::entropy::Client const> client) const override { client_.set(client); }
  Result<void> get() const override {
    ++gets;
    if (refuse) { return keel::Error(keel::ErrorCode::Off); }
    running = true;
    return keel::success();
  }
  Result<void> cancel() const override {
    ++cancels;
    running = false;
    return keel::success();
  }
  /// Delivers a batch (as the interrupt would); the source stops when the client says Done.
  keel::hil::entropy::Continue deliver(std::vector<uint8_t> bytes, Result<void> status = keel::success()) {
    EXPECT_TRUE(running) << "entropy delivered while not started";
    auto more = keel::hil::entropy::Continue::Done;
    client_.map([&](keel::hil::entropy::Client const& c) {
      more = c.entropy_available(Slice<uint8_t const>::from_raw_parts(bytes.data(), bytes.size()), status);
    });
    running = more == keel::hil::entropy::Continue::More;
    return more;
  }

  bool refuse = false;
  mutable bool running = false;
  mutable int gets = 0;
  mutable int cancels = 0;

 private:
  keel::ClientCell<keel::hil::entropy::Client> client_;
};

class RecordingPanicWriter final : public keel::hil::uart::PanicWriter {
 public:
  void write_polled(Slice<uint8_t const> bytes) const override { output += as_string(bytes); }
  mutable std::string output;
};

}  // namespace keel_test
