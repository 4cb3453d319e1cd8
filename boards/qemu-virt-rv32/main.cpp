// SPDX-License-Identifier: Apache-2.0
// qemu-virt-rv32: wires QEMU's RISC-V virt machine (chips/qemu-virt) to the capsules and starts the kernel.
//
// Object graph, created in this order (each object only refers to objects created before it, except the client
// links, set once both ends exist):
//
//   Uart16550 ── MuxUart ─┬─ UartDevice ── DebugWriter (kernel messages) ── Kernel
//                         └─ UartDevice ── Console (0x1)
//   Clint ── MuxAlarm ─┬─ VirtualAlarm ── SchedulerTimer (timeslices)
//                      └─ VirtualAlarm ── AlarmDriver (0x0)
//   VirtioRng ── RandomFromEntropy ── RngDriver (0x40001)           LowLevelDebug (0x8) ── DebugWriter
//
// TRUSTED: the board's entry point and panic handler: linker-symbol addresses become the app region and RAM
// ranges, fixed device addresses become register blocks, and the panic path walks C strings.
#include "arch/rv32/csr.h"
#include "capsules/alarm_driver.h"
#include "capsules/console.h"
#include "capsules/low_level_debug.h"
#include "capsules/rng/random_from_entropy.h"
#include "capsules/rng_driver.h"
#include "capsules/virtual_alarm.h"
#include "capsules/virtual_uart.h"
#include "chips/qemu-virt/clint.h"
#include "chips/qemu-virt/machine_timer_enable.h"
#include "chips/qemu-virt/memory_map.h"
#include "chips/qemu-virt/plic.h"
#include "chips/qemu-virt/qemu_virt_chip.h"
#include "chips/qemu-virt/test_finisher.h"
#include "chips/qemu-virt/uart_16550.h"
#include "chips/qemu-virt/virtio_rng.h"
#include "chips/qemu-virt/virtqueue.h"
#include "chips/qemu-virt/virtqueue_memory.h"
#include "kernel/core/mmio.h"
#include "kernel/core/static_init.h"
#include "kernel/debug_writer.h"
#include "kernel/kernel.h"
#include "kernel/process_memory.h"
#include "kernel/syscall_driver.h"

extern "C" char _app_flash_start[], _app_flash_end[], _process_ram_start[], _process_ram_end[];

namespace keel::boards::qemu_virt_rv32 {
namespace {

using namespace keel::chips::qemu_virt;
using namespace keel::capsules;

/// A faulting process is restarted this many times, then stopped.
constexpr uint32_t kMaxRestarts = 3;
/// Round-robin timeslice.
constexpr uint32_t kTimesliceUs = 10000;

uint32_t address_of(char const* symbol) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(symbol)); }

/// What the panic path can reach: set as soon as each exists.
struct PanicHooks {
  hil::uart::PanicWriter const* writer = nullptr;
  DebugWriter const* debug = nullptr;
};
PanicHooks panic_hooks;

TestFinisher const& finisher() {
  static TestFinisher const instance(mmio::map_registers<TestFinisherRegisters>(kTestFinisherBase));
  return instance;
}

class Platform final : public keel::Platform {
 public:
  Platform(AlarmDriver const& alarm, Console const& console, LowLevelDebug const& low_level_debug,
           RngDriver const& rng, DebugWriter const& debug)
      : alarm_(alarm), console_(console), low_level_debug_(low_level_debug), rng_(rng), debug_(debug) {}

  Option<SyscallDriver const&> driver(uint32_t number) const override {
    switch (number) {
      case AlarmDriver::kDriverNumber: return alarm_;
      case Console::kDriverNumber: return console_;
      case LowLevelDebug::kDriverNumber: return low_level_debug_;
      case RngDriver::kDriverNumber: return rng_;
      default: return none;
    }
  }

  /// QEMU is a test bench: once every process has ended and the kernel's last words are out, end the run.
  void all_processes_ended() const override {
    if (debug_.buffered() != 0) { return; }
    finisher().exit_success();
  }

 private:
  AlarmDriver const& alarm_;
  Console const& console_;
  LowLevelDebug const& low_level_debug_;
  RngDriver const& rng_;
  DebugWriter const& debug_;
};

[[noreturn]] void boot() {
  // Chip drivers.
  auto uart = KEEL_STATIC_INIT(Uart16550, mmio::map_registers<Uart16550Registers>(kUartBase));
  panic_hooks.writer = &uart.get();
  Uart16550::initialize(uart);
  auto timer_enable = KEEL_STATIC_INIT(MachineTimerEnable);
  auto clint = KEEL_STATIC_INIT(Clint, mmio::map_registers<ClintRegisters>(kClintBase), timer_enable);
  clint->initialize();
  auto plic = KEEL_STATIC_INIT(Plic, mmio::map_registers<PlicRegisters>(kPlicBase));
  auto chip = KEEL_STATIC_INIT(QemuVirtChip, plic, clint, uart);
  chip->initialize();

  // The UART, shared by kernel messages and the console->
  auto uart_mux = KEEL_STATIC_INIT(MuxUart, uart);
  uart->set_transmit_client(uart_mux);
  uart->set_receive_client(uart_mux);
  auto debug_device = KEEL_STATIC_INIT(UartDevice, uart_mux);
  UartDevice::setup(debug_device);
  auto debug = KEEL_STATIC_INIT(DebugWriter, debug_device, KEEL_STATIC_BUFFER(uint8_t, DebugWriter::kBufferSize),
                                KEEL_STATIC_BUFFER(uint8_t, 64));
  debug_device->set_transmit_client(debug);
  panic_hooks.debug = &debug.get();

  // A C array: what board code promises static goes through no untrusted template.
  static constinit Process processes[Kernel::kMaxProcesses]{};
  auto kernel = KEEL_STATIC_INIT(Kernel, debug, RestartPolicy{kMaxRestarts},
                                 StaticSlice<Process>::assume_static(Slice<Process>(processes)));
  debug->str("keel: Keel on qemu-virt-rv32, Tock 2.x ABI ").dec(Kernel::kVersionMajor).str(".");
  debug->dec(Kernel::kVersionMinor).str("\n");

  // Console.
  auto console_device = KEEL_STATIC_INIT(UartDevice, uart_mux);
  UartDevice::setup(console_device);
  auto console = KEEL_STATIC_INIT(Console, kernel, console_device, KEEL_STATIC_BUFFER(uint8_t, 64),
                                  KEEL_STATIC_BUFFER(uint8_t, 64));
  console_device->set_transmit_client(console);
  console_device->set_receive_client(console);

  // Time: one hardware alarm, virtualised for the scheduler and the alarm driver.
  auto alarm_mux = KEEL_STATIC_INIT(MuxAlarm, clint);
  clint->set_alarm_client(alarm_mux);
  auto scheduler_alarm = KEEL_STATIC_INIT(VirtualAlarm, alarm_mux);
  VirtualAlarm::setup(scheduler_alarm);
  auto scheduler_timer = KEEL_STATIC_INIT(SchedulerTimer, scheduler_alarm, kTimesliceUs);
  scheduler_alarm->set_alarm_client(scheduler_timer);
  auto driver_alarm = KEEL_STATIC_INIT(VirtualAlarm, alarm_mux);
  VirtualAlarm::setup(driver_alarm);
  auto alarm_driver = KEEL_STATIC_INIT(AlarmDriver, kernel, driver_alarm);
  driver_alarm->set_alarm_client(alarm_driver);

  // Randomness: the paper's Figure 1 stack.
  auto rng_queue = KEEL_STATIC_INIT(Virtqueue, KEEL_STATIC_INIT(VirtqueueMemory));
  StaticRef<VirtioMmioSlots> const virtio_slots = mmio::map_registers<VirtioMmioSlots>(kVirtioBase);
  auto entropy = KEEL_STATIC_INIT(VirtioRng, StaticSlice<VirtioMmioRegisters>::assume_static(virtio_slots->as_slice()),
                                  rng_queue, KEEL_STATIC_BUFFER(uint8_t, 64));
  if (entropy->initialize().is_ok()) {
    chip->register_virtio_device(entropy->slot().value(), entropy);
  } else {
    debug->str("keel: no virtio entropy device; the RNG driver will answer OFF\n");
  }
  auto random = KEEL_STATIC_INIT(RandomFromEntropy, entropy);
  entropy->set_client(random);
  auto rng_driver = KEEL_STATIC_INIT(RngDriver, kernel, random);
  random->set_client(rng_driver);

  auto low_level_debug = KEEL_STATIC_INIT(LowLevelDebug, debug);
  auto platform = KEEL_STATIC_INIT(Platform, alarm_driver, console, low_level_debug, rng_driver, debug);

  uint32_t const flash_start = address_of(_app_flash_start);
  uint32_t const flash_end = address_of(_app_flash_end);
  AddressRange const ram{address_of(_process_ram_start), address_of(_process_ram_end)};
  ProcessMemory::set_board_regions({flash_start, flash_end}, ram);
  kernel->load_processes({flash_start, flash_end},
                         Slice<uint8_t const>::from_raw_parts(reinterpret_cast<uint8_t const*>(_app_flash_start),
                                                              flash_end - flash_start),
                         ram);
  kernel->run(chip, platform, scheduler_timer);
}

/// Writes a C string through the polled UART (the panic path cannot rely on interrupts).
void write_c_string(hil::uart::PanicWriter const& writer, char const* text) {
  usize length = 0;
  while (text[length] != '\0') { ++length; }
  writer.write_polled(Slice<uint8_t const>::from_raw_parts(reinterpret_cast<uint8_t const*>(text), length));
}

class PolledWriter final : public Writer {
 public:
  explicit PolledWriter(hil::uart::PanicWriter const& out) : out_(out) {}
  void write(Slice<char const> text) const override {
    out_.write_polled(as_bytes(text));
  }

 private:
  hil::uart::PanicWriter const& out_;
};

[[noreturn]] void halt_after_panic(char const* file, int line, char const* why, bool with_values, uint32_t a,
                                   uint32_t b, uint32_t c) {
  if (panic_hooks.writer != nullptr) {
    hil::uart::PanicWriter const& writer = *panic_hooks.writer;
    if (panic_hooks.debug != nullptr) { panic_hooks.debug->flush_polled(writer); }
    PolledWriter out(writer);
    out.str("\nKernel panic at ");
    write_c_string(writer, file);
    out.str(":").dec(static_cast<uint32_t>(line)).str(": ");
    write_c_string(writer, why);
    if (with_values) { out.str(" ").hex(a).str(" ").hex(b).str(" ").hex(c); }
    out.str("\n");
  }
  finisher().exit_failure(1);
  for (;;) { arch::rv32::wait_for_interrupt(); }
}

}  // namespace
}  // namespace keel::boards::qemu_virt_rv32

namespace keel {

[[noreturn]] void panic(char const* file, int line, char const* why) {
  boards::qemu_virt_rv32::halt_after_panic(file, line, why, false, 0, 0, 0);
}

[[noreturn]] void panic_with_values(char const* file, int line, char const* why, uint32_t a, uint32_t b, uint32_t c) {
  boards::qemu_virt_rv32::halt_after_panic(file, line, why, true, a, b, c);
}

}  // namespace keel

extern "C" [[noreturn]] void keel_board_main() { keel::boards::qemu_virt_rv32::boot(); }
