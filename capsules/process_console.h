// SPDX-License-Identifier: Apache-2.0
// The process console: a person at the serial port inspects and controls the processes, like Tock's `tock$`.
//
//   keel$ list
//    id  name             state       restarts  syscalls   upcalls  memory used / reserved  grants
//     0  hello            yielded            0        12         3     2,304 / 8,192 B          2
//
// Commands: help, list, status, process NAME, stop NAME, start NAME, terminate NAME, fault NAME, restart NAME,
// kernel, reboot. Echo, backspace (BS or DEL) and Enter (CR, LF or CR LF) edit the line; anything else is refused
// with a hint. It listens on its own UartDevice of the UART mux as a background receiver (capsules/virtual_uart.h):
// while a process has a console read pending, what is typed goes to that process, and a process that has read the
// console keeps the keys until it ends (the console's InputClaim), so the console hears the keys typed when no such
// process is alive (and any typed before a process's first read). Its answers go through the kernel's debug writer, like every kernel message,
// so they never interleave with one mid-line.
//
// The prompt appears once Enter is pressed (nothing is printed at boot, so the boot itself costs nothing more).
//
// Setup (board, after the kernel, the platform and the UART mux exist):
//   UartDevice& device = KEEL_STATIC_INIT(UartDevice, mux, ReceivePriority::Background);
//   UartDevice::setup(device);
//   ProcessConsole& console = KEEL_STATIC_INIT(ProcessConsole, kernel, platform, device, debug_writer, clock,
//                                              system_reset, KEEL_STATIC_BUFFER(uint8_t, 1), kernel_memory());
//   device.set_receive_client(console);
//   ProcessConsole::start(console);
#pragma once

#include "kernel/core/map_cell.h"
#include "kernel/core/ref.h"
#include "kernel/core/take_cell.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/reset.h"
#include "kernel/hil/time.h"
#include "kernel/hil/uart.h"
#include "kernel/kernel.h"
#include "kernel/kernel_memory.h"
#include "kernel/syscall_driver.h"
#include "kernel/writer.h"

namespace keel::capsules {

class ProcessConsole final : public hil::uart::ReceiveClient, public DeferredCallClient {
 public:
  static constexpr usize kLineLength = 64;

  ProcessConsole(StaticRef<Kernel> kernel, StaticRef<Platform const> platform, StaticRef<hil::uart::Uart const> uart,
                 StaticRef<Writer const> out, StaticRef<hil::time::Time const> clock,
                 StaticRef<hil::reset::SystemReset const> system_reset, StaticBuffer<uint8_t> receive_buffer,
                 KernelMemory memory)
      : kernel_(kernel),
        platform_(platform),
        uart_(uart),
        out_(out),
        clock_(clock),
        system_reset_(system_reset),
        memory_(memory),
        receive_buffer_(move(receive_buffer)) {}
  ProcessConsole(ProcessConsole const&) = delete;
  ProcessConsole& operator=(ProcessConsole const&) = delete;

  /// Binds its deferred call and starts listening (board, once, after the wiring).
  static void start(StaticRef<ProcessConsole const> console);

  void received_buffer(StaticBuffer<uint8_t>&& buffer, usize length, Result<void> status) const override;
  /// A reboot waits here until the last answer is out (the kernel loop does not sleep while this is pending).
  void handle_deferred_call() const override;

  /// Feeds one typed byte: echo and line editing, and a command run at Enter. The UART path calls it; host tests
  /// may too.
  void take_byte(uint8_t byte) const;

 private:
  struct Line {
    Array<char, kLineLength> text{};
    usize length = 0;
    bool last_was_cr = false;  // CR LF is one Enter
  };

  void listen() const;
  void run(Slice<char const> line) const;
  void prompt() const;

  void help() const;
  void list() const;
  void status() const;
  void show_process(Process& process) const;
  void show_kernel() const;
  /// The command that takes a process name: finds it (or says it is unknown) and acts.
  void with_process(Slice<char const> name, Slice<char const> command) const;

  void write_state(Process const& process) const;
  void write_allowed_buffers(Process& process) const;
  void write_pending_upcalls(Process const& process) const;
  void write_uptime() const;
  /// How many of the board's drivers have a grant in this process.
  uint32_t grants_allocated(Process& process) const;
  /// Reads the clock and counts a wrap if it went backwards since the last look; returns now.
  uint32_t note_clock() const;
  /// Right-aligns `value` in `width` columns (thousands separated), or left-aligns text.
  void write_number(uint32_t value, usize width) const;
  void write_padded(Slice<char const> text, usize width) const;
  void write_padded_name(Slice<uint8_t const> name, usize width) const;

  StaticRef<Kernel> kernel_;
  StaticRef<Platform const> platform_;
  StaticRef<hil::uart::Uart const> uart_;
  StaticRef<Writer const> out_;
  StaticRef<hil::time::Time const> clock_;
  StaticRef<hil::reset::SystemReset const> system_reset_;
  KernelMemory memory_;
  TakeCell<StaticBuffer<uint8_t>> receive_buffer_;
  MapCell<Line> line_{Line{}};
  /// Clock wraps seen (the console looks at the clock on every key and command), for the uptime.
  Cell<uint32_t> last_ticks_{0};
  Cell<uint32_t> wraps_{0};
  DeferredCall reboot_when_quiet_{};
};

}  // namespace keel::capsules
