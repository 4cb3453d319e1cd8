// SPDX-License-Identifier: Apache-2.0
// UART virtualisation: several users (the console capsule, the kernel's debug writer) share one hardware UART. Each
// user gets a UartDevice that behaves like a whole hil::uart::Uart; the MuxUart owns the hardware's callbacks.
//
// The mux sits on a hil::uart::HardwareUart and is its HardwareTransmitClient and HardwareReceiveClient; a
// UartDevice is a plain Uart and calls plain clients. Neither side can be typed as the other, so a mux can never be
// wired on top of a UartDevice (or on itself) and no call from this file can come back into it (kernel/hil/uart.h
// says why).
//
// Transmit: one transmission at a time. A device that asks while the UART is busy waits with its buffer; when a
// transmission ends, the next waiting device in list order after the one just served goes next, so no device can
// starve the others by re-sending from its callback.
// Receive: one receive at a time, and the bytes go to the device that asked. A device is a foreground receiver (the
// default: the console of processes) or a background one (the process console, which listens whenever nobody
// else does). A foreground request while a background receive runs takes over: the background receive is aborted
// (its client hears Cancel with the bytes so far) and the foreground one starts; a background request while
// anything else receives waits and starts once the UART is free. A foreground request while another foreground
// receive runs gets Busy. A foreground device may also claim the input between its receives (InputClaim: the
// console while a process that reads it is alive, so that a process reading one key at a time gets every key): the
// background receive then waits until no claim holds, looked at again whenever a receive or transmission ends.
// Callbacks never run inside the call that caused them: everything a device hears comes from a hardware callback.
//
// Devices form an intrusive singly linked list through cells, like the virtual alarms (capsules/virtual_alarm.h).
//
// Setup (board, in this order):
//   MuxUart& mux = KEEL_STATIC_INIT(MuxUart, hardware_uart);
//   hardware_uart.set_transmit_client(mux);
//   hardware_uart.set_receive_client(mux);
//   UartDevice& device = KEEL_STATIC_INIT(UartDevice, mux);
//   device.setup();                                  // links it into the mux; required before first use
//   device.set_transmit_client(user); device.set_receive_client(user);
// Usage (user): exactly the hil::uart::Uart interface.
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/cell.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/take_cell.h"
#include "kernel/hil/uart.h"

namespace keel::capsules {

class UartDevice;

/// Whether a foreground device's user wants the keys typed between its receives (see above).
class InputClaim {
 public:
  virtual bool claims_input() const = 0;

 protected:
  ~InputClaim() = default;
};

class MuxUart final : public hil::uart::HardwareTransmitClient, public hil::uart::HardwareReceiveClient {
 public:
  explicit MuxUart(StaticRef<hil::uart::HardwareUart const> uart) : uart_(uart) {}
  MuxUart(MuxUart const&) = delete;
  MuxUart& operator=(MuxUart const&) = delete;

  void transmitted_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  void received_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;

 private:
  friend class UartDevice;

  /// Adds `device` at the head of the list (UartDevice::setup). Linking one device twice is a wiring bug.
  void link(StaticRef<UartDevice const> device) const;
  /// A device has a buffer to send. Starts it at once when the UART is idle (an error then is the caller's, given
  /// back synchronously); otherwise it waits for its turn.
  Result<void> transmit(StaticRef<UartDevice const> device) const;
  /// Starts the next waiting device after `after` (list order, wrapping; none: from the head). A device whose
  /// start fails hears it through its callback (this runs only from a hardware callback) and the next one is tried.
  void start_next_transmission(OptionalStaticRef<UartDevice const> after) const;
  /// Hands the device's waiting buffer to the UART. On an error the device is idle again and its buffer is back in
  /// its cell, for the caller to return.
  Result<void> start_transmission(StaticRef<UartDevice const> device) const;
  BufferResult<uint8_t> receive(StaticRef<UartDevice const> device, StaticBuffer<uint8_t>&& buffer, usize length) const;
  Result<void> receive_abort(StaticRef<UartDevice const> device) const;
  /// Starts the receive `device` parked (its buffer in its cell), or gives the buffer back with Cancel if it was
  /// aborted while it waited. Runs only from a hardware callback, so the device's client may be called.
  void start_parked_receive(StaticRef<UartDevice const> device) const;
  /// Starts the waiting background receive if the UART is free and no foreground device claims the input.
  void resume_background() const;
  bool input_claimed() const;
  /// The device after `device` in list order, wrapping to the head at the end.
  OptionalStaticRef<UartDevice const> next_in_ring(OptionalStaticRef<UartDevice const> device) const;

  StaticRef<hil::uart::HardwareUart const> uart_;
  Cell<OptionalStaticRef<UartDevice const>> head_{};
  /// The device whose buffer the UART is sending, and the one it is receiving for.
  Cell<OptionalStaticRef<UartDevice const>> transmitting_{};
  Cell<OptionalStaticRef<UartDevice const>> receiving_{};
  /// A foreground receive waiting for the background one it aborted to end, and a background receive waiting for
  /// the UART to be free (each parked with its buffer in its device).
  Cell<OptionalStaticRef<UartDevice const>> foreground_waiting_{};
  Cell<OptionalStaticRef<UartDevice const>> background_waiting_{};
};

enum class ReceivePriority : uint8_t { Foreground, Background };

class UartDevice final : public hil::uart::Uart {
 public:
  explicit UartDevice(StaticRef<MuxUart const> mux, ReceivePriority priority = ReceivePriority::Foreground)
      : mux_(mux), priority_(priority) {}
  UartDevice(UartDevice const&) = delete;
  UartDevice& operator=(UartDevice const&) = delete;

  /// Links `device` into its mux. The board calls it once, after construction and before first use.
  static void setup(StaticRef<UartDevice const> device);

  void set_transmit_client(StaticRef<hil::uart::TransmitClient const> client) const override;
  void set_receive_client(StaticRef<hil::uart::ReceiveClient const> client) const override;
  /// A foreground device's claim on the keys typed between its receives (board wiring).
  void set_input_claim(StaticRef<InputClaim const> claim) const { input_claim_.set(claim); }
  /// Errors: Size (length 0 or beyond the buffer), Busy (this device already has a transmission queued or in
  /// flight), or the UART's own error when it was idle and refused at once.
  BufferResult<uint8_t> transmit_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const override;
  /// Errors: Size, Busy (this device already receives or waits; for a foreground device also: another foreground
  /// device receives), or the UART's own error.
  BufferResult<uint8_t> receive_buffer(StaticBuffer<uint8_t>&& buffer, usize length) const override;
  /// Success without a callback when this device is not receiving; otherwise the UART's answer (Busy: the
  /// receive ends with Cancel through received_buffer).
  Result<void> receive_abort() const override;

 private:
  friend class MuxUart;

  enum class TransmitState : uint8_t { Idle, Waiting, Transmitting };

  StaticRef<MuxUart const> mux_;
  ReceivePriority const priority_;
  Cell<OptionalStaticRef<UartDevice const>> next_{};
  /// This device, as the mux knows it (set by setup).
  Cell<OptionalStaticRef<UartDevice const>> self_{};
  Cell<bool> linked_{false};
  ClientCell<hil::uart::TransmitClient> transmit_client_{};
  ClientCell<hil::uart::ReceiveClient> receive_client_{};
  ClientCell<InputClaim> input_claim_{};
  Cell<TransmitState> transmit_state_{TransmitState::Idle};
  /// The buffer waiting for its turn (empty while Idle, and while the UART holds it).
  TakeCell<StaticBuffer<uint8_t>> transmit_buffer_{};
  Cell<usize> transmit_length_{0};
  /// A receive waiting for its turn (MuxUart::foreground_waiting_ / background_waiting_), and whether it was
  /// aborted while it waited.
  TakeCell<StaticBuffer<uint8_t>> receive_buffer_{};
  Cell<usize> receive_length_{0};
  Cell<bool> receive_aborted_{false};
};

}  // namespace keel::capsules
