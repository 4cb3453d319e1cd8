// SPDX-License-Identifier: Apache-2.0
// mps2-an386: wires QEMU's Cortex-M4 MPS2 board (chips/mps2-an386) to the capsules and starts the kernel.
//
// Object graph, created in this order (each object only refers to objects created before it, except the client
// links, set once both ends exist):
//
//   CmsdkUart (UART0) ── MuxUart ─┬─ UartDevice ── DebugWriter (kernel messages) ── Kernel
//                                 └─ UartDevice ── Console (0x1)
//   CmsdkDualTimer ── MuxAlarm ─┬─ VirtualAlarm ── SchedulerTimer (timeslices)
//                               └─ VirtualAlarm ── AlarmDriver (0x0)
//   FpgaioLeds ── LedDriver (0x2)                LowLevelDebug (0x8) ── DebugWriter
//   MuxUart ── UartDevice (background receive) ── ProcessConsole ── Kernel, Platform, DebugWriter
//
// In the safe subset: what needs trust (device and linker addresses, the entry point start.S calls, semihosting) is
// boards/mps2-an386/board_support.h and .cpp; the architecture is arch/cortex-m.
#include "arch/cortex-m/nvic.h"
#include "boards/mps2-an386/board_support.h"
#include "capsules/alarm_driver.h"
#include "capsules/console.h"
#include "capsules/ipc.h"
#include "capsules/led.h"
#include "capsules/low_level_debug.h"
#include "capsules/process_console.h"
#include "capsules/virtual_alarm.h"
#include "capsules/virtual_uart.h"
#include "chips/mps2-an386/cmsdk_timer.h"
#include "chips/mps2-an386/cmsdk_uart.h"
#include "chips/mps2-an386/fpgaio_leds.h"
#include "chips/mps2-an386/mps2_chip.h"
#include "kernel/core/static_init.h"
#include "kernel/debug_writer.h"
#include "kernel/hil/reset.h"
#include "kernel/kernel_loop.h"
#include "kernel/scheduler_timer.h"
#include "kernel/self_test.h"
#include "kernel/syscall_driver.h"

namespace keel::boards::mps2_an386 {
namespace {

using namespace keel::chips::mps2_an386;
using namespace keel::capsules;

/// A faulting process is restarted this many times, then stopped.
constexpr uint32_t kMaxRestarts = 3;
/// Whether the board has the process console (capsules/process_console.h) on the serial port.
constexpr bool kProcessConsole = true;
/// Round-robin timeslice.
constexpr uint32_t kTimesliceUs = 10000;

/// The process console's reboot: the board's trusted reset request.
class SystemResetRequest final : public hil::reset::SystemReset {
 public:
  SystemResetRequest() = default;
  SystemResetRequest(SystemResetRequest const&) = delete;
  SystemResetRequest& operator=(SystemResetRequest const&) = delete;
  void reset() const override { request_system_reset(); }
};

class Platform final : public keel::Platform {
 public:
  Platform(StaticRef<AlarmDriver const> alarm, StaticRef<Console const> console, StaticRef<LedDriver const> led,
           StaticRef<LowLevelDebug const> low_level_debug, StaticRef<IpcDriver const> ipc,
           StaticRef<DebugWriter const> debug)
      : alarm_(alarm), console_(console), led_(led), low_level_debug_(low_level_debug), ipc_(ipc), debug_(debug) {}

  Option<SyscallDriver const&> driver(uint32_t number) const override {
    switch (number) {
      case AlarmDriver::kDriverNumber: return alarm_.get();
      case Console::kDriverNumber: return console_.get();
      case LedDriver::kDriverNumber: return led_.get();
      case LowLevelDebug::kDriverNumber: return low_level_debug_.get();
      case IpcDriver::kDriverNumber: return ipc_.get();
      default: return none;
    }
  }
  Option<SyscallDriver const&> driver_at(usize index) const override {
    switch (index) {
      case 0: return alarm_.get();
      case 1: return console_.get();
      case 2: return led_.get();
      case 3: return low_level_debug_.get();
      case 4: return ipc_.get();
      default: return none;
    }
  }

  /// With the process console the kernel stays up, so a person can inspect and restart processes (Ctrl-A X quits
  /// QEMU; the tests stop at the kernel's "all processes have ended"). Without it, QEMU is a test bench: once the
  /// kernel's last words are out, end the run.
  void all_processes_ended() const override {
    if (kProcessConsole || debug_->buffered() != 0) { return; }
    semihosting_exit(0);
  }

 private:
  StaticRef<AlarmDriver const> alarm_;
  StaticRef<Console const> console_;
  StaticRef<LedDriver const> led_;
  StaticRef<LowLevelDebug const> low_level_debug_;
  StaticRef<IpcDriver const> ipc_;
  StaticRef<DebugWriter const> debug_;
};

}  // namespace

void boot() {
  // Chip drivers.
  auto uart = KEEL_STATIC_INIT(CmsdkUart, uart0_registers());
  set_panic_writer(uart);
  CmsdkUart::initialize(uart);
  auto nvic = KEEL_STATIC_INIT(arch::Nvic, nvic_registers());
  auto chip = KEEL_STATIC_INIT(Mps2Chip, nvic);
  chip->initialize();
  auto timer = KEEL_STATIC_INIT(CmsdkDualTimer, dual_timer_registers());
  timer->initialize();
  chip->route(kUart0ReceiveInterrupt, uart);
  chip->route(kUart0TransmitInterrupt, uart);
  chip->route(kDualTimerInterrupt, timer);
  arch::enable_memory_protection();

  // The UART, shared by kernel messages and the console.
  auto uart_mux = KEEL_STATIC_INIT(MuxUart, uart);
  uart->set_transmit_client(uart_mux);
  uart->set_receive_client(uart_mux);
  auto debug_device = KEEL_STATIC_INIT(UartDevice, uart_mux);
  UartDevice::setup(debug_device);
  auto debug = KEEL_STATIC_INIT(DebugWriter, debug_device, KEEL_STATIC_BUFFER(uint8_t, DebugWriter::kBufferSize),
                                KEEL_STATIC_BUFFER(uint8_t, DebugWriter::kTransmitBufferSize));
  debug_device->set_transmit_client(debug);
  set_panic_debug(debug);
  self_test::run(*debug);

  auto kernel = KEEL_STATIC_INIT(Kernel, debug, RestartPolicy{kMaxRestarts},
                                 KEEL_STATIC_BUFFER(Process, Kernel::kMaxProcesses));
  debug->str("keel: Keel on mps2-an386 (Cortex-M4), Tock 2.x ABI ").dec(Kernel::kVersionMajor).str(".");
  debug->dec(Kernel::kVersionMinor).str("\n");

  // Console.
  auto console_device = KEEL_STATIC_INIT(UartDevice, uart_mux);
  UartDevice::setup(console_device);
  auto console = KEEL_STATIC_INIT(Console, kernel, console_device, KEEL_STATIC_BUFFER(uint8_t, 64),
                                  KEEL_STATIC_BUFFER(uint8_t, 64));
  console_device->set_transmit_client(console);
  console_device->set_receive_client(console);
  console_device->set_input_claim(console);

  // Time: one hardware alarm, virtualised for the scheduler and the alarm driver.
  auto alarm_mux = KEEL_STATIC_INIT(MuxAlarm, timer);
  timer->set_alarm_client(alarm_mux);
  auto scheduler_alarm = KEEL_STATIC_INIT(VirtualAlarm, alarm_mux);
  VirtualAlarm::setup(scheduler_alarm);
  auto scheduler_timer = KEEL_STATIC_INIT(SchedulerTimer, scheduler_alarm, kTimesliceUs);
  scheduler_alarm->set_alarm_client(scheduler_timer);
  auto driver_alarm = KEEL_STATIC_INIT(VirtualAlarm, alarm_mux);
  VirtualAlarm::setup(driver_alarm);
  auto alarm_driver = KEEL_STATIC_INIT(AlarmDriver, kernel, driver_alarm);
  driver_alarm->set_alarm_client(alarm_driver);

  auto leds = KEEL_STATIC_INIT(FpgaioLeds, fpgaio_registers());
  auto led_driver = KEEL_STATIC_INIT(LedDriver, leds);
  auto low_level_debug = KEEL_STATIC_INIT(LowLevelDebug, debug);
  auto ipc = KEEL_STATIC_INIT(IpcDriver, kernel);
  auto platform = KEEL_STATIC_INIT(Platform, alarm_driver, console, led_driver, low_level_debug, ipc, debug);

  if constexpr (kProcessConsole) {
    auto process_console_device = KEEL_STATIC_INIT(UartDevice, uart_mux, ReceivePriority::Background);
    UartDevice::setup(process_console_device);
    auto system_reset = KEEL_STATIC_INIT(SystemResetRequest);
    auto process_console = KEEL_STATIC_INIT(ProcessConsole, kernel, platform, process_console_device, debug,
                                            driver_alarm, system_reset, KEEL_STATIC_BUFFER(uint8_t, 1),
                                            kernel_memory());
    process_console_device->set_receive_client(process_console);
    ProcessConsole::start(process_console);
  }

  load_processes(kernel);
  kernel->run(*chip, platform, scheduler_timer);
}

}  // namespace keel::boards::mps2_an386

namespace keel {

// The end of the panic path (kernel/panic_path.cpp calls it once the report is written, or at once when a report
// panics): nothing here may panic.
[[noreturn, gnu::noinline]] void stop_after_panic() { boards::mps2_an386::semihosting_exit(1); }

}  // namespace keel
