// SPDX-License-Identifier: Apache-2.0
// Console syscall driver (driver 0x1): processes write text to, and read text from, a UART (in practice a
// UartDevice of the UART mux, shared with the kernel's debug writer).
//
// One process's write command is never interleaved with another's: the console copies the process's data, a chunk
// at a time, into its own transmit buffer, and only when that process's whole command has gone out does it serve
// the next process waiting to write (round robin, in process-table order after the one just served). Reads use the
// console's receive buffer, one process at a time.
//
// Setup (board):
//   Console& console = KEEL_STATIC_INIT(Console, kernel, uart_device, transmit_buffer, receive_buffer);
//   uart_device.set_transmit_client(console);
//   uart_device.set_receive_client(console);
//   platform: driver number Console::kDriverNumber -> console
// (the buffers are 'static byte arrays; 64 bytes each is plenty.)
// Usage (process):
//   write: allow_readonly(0x1, 1, data, n); subscribe(0x1, 1, done); command(0x1, 1, n)
//          -> done(bytes_written, 0, 0)
//   read:  allow_readwrite(0x1, 1, buffer, n); subscribe(0x1, 2, done); command(0x1, 2, n)
//          -> done(status, bytes_read, 0); command(0x1, 3) aborts it: done(CANCEL, bytes_read_so_far, 0)
#pragma once

#include "kernel/core/ref.h"
#include "kernel/core/optional_cell.h"
#include "kernel/core/take_cell.h"
#include "kernel/grant.h"
#include "kernel/hil/uart.h"
#include "capsules/virtual_uart.h"
#include "kernel/syscall_driver.h"

namespace keel::capsules {

class Console final : public SyscallDriver,
                      public hil::uart::TransmitClient,
                      public hil::uart::ReceiveClient,
                      public InputClaim {
 public:
  static constexpr uint32_t kDriverNumber = 0x1;

  /// Subscribe numbers. 0 is unused: Tock's console has always numbered these from 1.
  struct Upcall {
    /// A write command finished: (bytes_written, 0, 0).
    static constexpr uint32_t kWriteDone = 1;
    /// A read finished: (status, bytes_read, 0); status 0, CANCEL after an abort, SIZE if bytes were dropped.
    static constexpr uint32_t kReadDone = 2;
    static constexpr uint32_t kCount = 3;
  };
  /// Read-only allow numbers (1, as in Tock, for compatibility with its userspace).
  struct ReadOnlyAllow {
    /// The data a write command sends.
    static constexpr uint32_t kWrite = 1;
    static constexpr uint32_t kCount = 2;
  };
  /// Read-write allow numbers.
  struct ReadWriteAllow {
    /// Where a read command puts what it receives.
    static constexpr uint32_t kRead = 1;
    static constexpr uint32_t kCount = 2;
  };

  Console(Kernel& kernel, StaticRef<hil::uart::Uart const> uart, StaticBuffer<uint8_t> transmit_buffer,
          StaticBuffer<uint8_t> receive_buffer)
      : grant_(kernel, kDriverNumber), uart_(uart), transmit_buffer_(move(transmit_buffer)),
        receive_buffer_(move(receive_buffer)) {}
  Console(Console const&) = delete;
  Console& operator=(Console const&) = delete;

  /// 0 exists; 1 (n) writes min(n, allowed) bytes: Success, Busy if this process's last write has not finished;
  /// 2 (n) reads min(n, allowed) bytes: Success, Busy (a read is in progress), Size (nothing to read into), Inval
  /// (more than the receive buffer holds); 3 aborts this process's read: Success. Others: NoSupport.
  CommandReturn command(uint32_t command_number, uint32_t arg0, uint32_t arg1, ProcessId pid) const override;
  Option<GrantBase const&> grant() const override { return grant_; }

  /// A chunk went out: send the next chunk of the same write, or finish it and serve the next waiting process.
  void transmitted_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  /// A read ended: copy what arrived into the reader's buffer and tell it.
  void received_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  /// A live process that has read the console owns the keys typed between its reads: while one exists, the process
  /// console (a background receiver of the same UART mux) does not listen.
  bool claims_input() const override;

 private:
  /// A process's console state, in its grant.
  struct ProcessConsole {
    bool reads = false;         // it has issued a read in this run: it claims the keys typed between its reads
    bool writing = false;       // a write command is in progress (transmitting, or waiting for its turn)
    uint32_t write_length = 0;  // bytes the write command covers
    uint32_t write_sent = 0;    // bytes of it the UART has sent
  };

  Result<void> write(ProcessId pid, ProcessConsole& state, GrantKernelData const& data, uint32_t length) const;
  Result<void> read(ProcessId pid, GrantKernelData const& data, uint32_t length) const;
  /// Copies the next chunk of the write into the transmit buffer and starts sending it. False when nothing is
  /// left to send (or the process's buffer shrank under the write, or the UART refused): the write is over.
  bool send_chunk(ProcessId pid, ProcessConsole& state, GrantKernelData const& data) const;
  /// Ends the write: the process hears how many bytes went out.
  static void finish_write(ProcessConsole& state, GrantKernelData const& data);
  /// With the UART idle, starts the next waiting write, in process-table order after `after`.
  void serve_next_writer(ProcessId after) const;
  Option<ProcessId> next_waiting_writer(ProcessId after) const;
  /// Whether `pid` still names a live process.
  bool is_alive(ProcessId pid) const;

  Grant<ProcessConsole, Upcall::kCount, ReadOnlyAllow::kCount, ReadWriteAllow::kCount> grant_;
  StaticRef<hil::uart::Uart const> uart_;
  TakeCell<StaticBuffer<uint8_t>> transmit_buffer_;
  TakeCell<StaticBuffer<uint8_t>> receive_buffer_;
  /// The process whose chunk the UART is sending; the process the UART is receiving for.
  OptionalCell<ProcessId> transmitting_{};
  OptionalCell<ProcessId> receiving_{};
};

}  // namespace keel::capsules
