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
//   PflashWindowBus ── CfiFlash ── MuxFlash ─┬─ FlashPartition ── kv::Store ── KvDriver (0x50003, sectors 0-3)
//     (flash bank 0, present with an image)  └─ FlashPartition ── IsolatedStorageDriver (0x50004, sectors 4-19)
//   MuxUart ── UartDevice (background receive) ── ProcessConsole ── Kernel, Platform, DebugWriter
//
// In the safe subset: what needs trust (device and linker addresses, the entry point start.S calls, the C strings a
// panic comes with) is boards/qemu-virt-rv32/board_support.h and .cpp. The process table is a KEEL_STATIC_BUFFER,
// constant-initialised like every static buffer, so it costs nothing at boot.
#include "arch/rv32/csr.h"
#include "boards/qemu-virt-rv32/board_support.h"
#include "capsules/alarm_driver.h"
#include "capsules/console.h"
#include "capsules/flash_partition.h"
#include "capsules/ipc.h"
#include "capsules/isolated_storage_driver.h"
#include "capsules/kv/store.h"
#include "capsules/kv_driver.h"
#include "capsules/low_level_debug.h"
#include "capsules/process_console.h"
#include "capsules/rng/random_from_entropy.h"
#include "capsules/rng_driver.h"
#include "capsules/virtual_alarm.h"
#include "capsules/virtual_uart.h"
#include "chips/qemu-virt/cfi_flash.h"
#include "chips/qemu-virt/clint.h"
#include "chips/qemu-virt/machine_timer_enable.h"
#include "chips/qemu-virt/plic.h"
#include "chips/qemu-virt/qemu_virt_chip.h"
#include "chips/qemu-virt/test_finisher.h"
#include "chips/qemu-virt/uart_16550.h"
#include "chips/qemu-virt/virtio_rng.h"
#include "chips/qemu-virt/virtqueue.h"
#include "chips/qemu-virt/virtqueue_memory.h"
#include "kernel/core/static_init.h"
#include "kernel/debug_writer.h"
#include "kernel/kernel_loop.h"
#include "kernel/self_test.h"
#include "kernel/syscall_driver.h"

namespace keel::boards::qemu_virt_rv32 {
namespace {

using namespace keel::chips::qemu_virt;
using namespace keel::capsules;
using KvStore = keel::capsules::kv::Store;

/// A faulting process is restarted this many times, then stopped.
constexpr uint32_t kMaxRestarts = 3;
/// Whether the board has the process console (capsules/process_console.h) on the serial port.
constexpr bool kProcessConsole = true;
/// Round-robin timeslice.
constexpr uint32_t kTimesliceUs = 10000;
/// Flash bank 0's layout (docs/storage.md): the probe must find sectors of this size, or the partitions are absent.
constexpr uint32_t kFlashSectorSize = 256U * 1024U;
/// The key-value store's partition: the first 4 sectors (1 MiB).
constexpr uint32_t kKvStoreStart = 0;
constexpr uint32_t kKvStoreSize = 4U * kFlashSectorSize;
/// The key-value store's buffers: a record (header and value) each.
constexpr keel::usize kKvRecordBuffer = 544;
/// Isolated nonvolatile storage (0x50004): the next 16 sectors (4 MiB).
constexpr uint32_t kIsolatedStorageStart = kKvStoreStart + kKvStoreSize;
constexpr uint32_t kIsolatedStorageSize = 16U * kFlashSectorSize;
/// Bytes of isolated storage each app gets (Tock's APP_REGION_SIZE on its storage test board); each region takes
/// a sector pair of the partition, so 8 apps can have one.
constexpr uint32_t kIsolatedRegionSize = 4096;

class Platform final : public keel::Platform {
 public:
  Platform(StaticRef<AlarmDriver const> alarm, StaticRef<Console const> console,
           StaticRef<LowLevelDebug const> low_level_debug, StaticRef<RngDriver const> rng,
           StaticRef<IpcDriver const> ipc, StaticRef<IsolatedStorageDriver const> isolated_storage,
           StaticRef<KvDriver const> kv, StaticRef<DebugWriter const> debug)
      : alarm_(alarm), console_(console), low_level_debug_(low_level_debug), rng_(rng), ipc_(ipc),
        isolated_storage_(isolated_storage), kv_(kv), debug_(debug) {}

  Option<SyscallDriver const&> driver(uint32_t number) const override {
    switch (number) {
      case AlarmDriver::kDriverNumber: return alarm_.get();
      case Console::kDriverNumber: return console_.get();
      case LowLevelDebug::kDriverNumber: return low_level_debug_.get();
      case RngDriver::kDriverNumber: return rng_.get();
      case IpcDriver::kDriverNumber: return ipc_.get();
      case IsolatedStorageDriver::kDriverNumber: return isolated_storage_.get();
      case KvDriver::kDriverNumber: return kv_.get();
      default: return none;
    }
  }
  Option<SyscallDriver const&> driver_at(usize index) const override {
    switch (index) {
      case 0: return alarm_.get();
      case 1: return console_.get();
      case 2: return low_level_debug_.get();
      case 3: return rng_.get();
      case 4: return ipc_.get();
      case 5: return isolated_storage_.get();
      case 6: return kv_.get();
      default: return none;
    }
  }

  /// With the process console the kernel stays up, so a person can inspect and restart processes (Ctrl-A X quits
  /// QEMU; the tests stop at the kernel's "all processes have ended"). Without it, QEMU is a test bench: once the
  /// kernel's last words are out, end the run.
  void all_processes_ended() const override {
    if (kProcessConsole || debug_->buffered() != 0) { return; }
    TestFinisher(test_finisher_registers()).exit_success();
  }

 private:
  StaticRef<AlarmDriver const> alarm_;
  StaticRef<Console const> console_;
  StaticRef<LowLevelDebug const> low_level_debug_;
  StaticRef<RngDriver const> rng_;
  StaticRef<IpcDriver const> ipc_;
  StaticRef<IsolatedStorageDriver const> isolated_storage_;
  StaticRef<KvDriver const> kv_;
  StaticRef<DebugWriter const> debug_;
};

}  // namespace

void boot() {
  // Chip drivers.
  auto uart = KEEL_STATIC_INIT(Uart16550, uart_registers());
  set_panic_writer(uart);
  Uart16550::initialize(uart);
  auto timer_enable = KEEL_STATIC_INIT(MachineTimerEnable);
  auto clint = KEEL_STATIC_INIT(Clint, clint_registers(), timer_enable);
  clint->initialize();
  auto plic = KEEL_STATIC_INIT(Plic, plic_registers());
  auto chip = KEEL_STATIC_INIT(QemuVirtChip, plic, clint, uart);
  chip->initialize();
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
  debug->str("keel: Keel on qemu-virt-rv32, Tock 2.x ABI ").dec(Kernel::kVersionMajor).str(".");
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
  auto entropy = KEEL_STATIC_INIT(VirtioRng, virtio_registers(), rng_queue, KEEL_STATIC_BUFFER(uint8_t, 64));
  if (entropy->initialize().is_ok()) {
    chip->register_virtio_device(entropy->slot().value(), entropy);
  } else {
    debug->str("keel: no virtio entropy device; the RNG driver will answer OFF\n");
  }
  auto random = KEEL_STATIC_INIT(RandomFromEntropy, entropy);
  entropy->set_client(random);
  auto rng_driver = KEEL_STATIC_INIT(RngDriver, kernel, random);
  random->set_client(rng_driver);

  // Storage: flash bank 0, when QEMU has an image for it (tools/run-qemu --storage; docs/storage.md).
  auto flash_bus = KEEL_STATIC_INIT(PflashWindowBus, pflash_window());
  auto flash = KEEL_STATIC_INIT(CfiFlash, flash_bus);
  if (!pflash_image_attached(reset_rom_registers())) {
    debug->str("keel: no flash image (run with STORAGE=file); storage is absent\n");
  } else if (CfiFlash::initialize(flash).is_error()) {
    debug->str("keel: flash bank 0 does not answer as a CFI Intel-command-set flash; storage is absent\n");
  } else {
    debug->str("keel: flash: ").dec(flash->geometry().size / 1024U).str(" KiB in sectors of ");
    debug->dec(flash->geometry().sector_size / 1024U).str(" KiB\n");
  }
  auto flash_mux = KEEL_STATIC_INIT(MuxFlash, flash);
  flash->set_client(flash_mux);
  auto kv_partition = KEEL_STATIC_INIT(FlashPartition, flash_mux, kKvStoreStart, kKvStoreSize);
  FlashPartition::setup(kv_partition);
  auto isolated_partition = KEEL_STATIC_INIT(FlashPartition, flash_mux, kIsolatedStorageStart, kIsolatedStorageSize);
  FlashPartition::setup(isolated_partition);
  // The key-value store (docs/kv-store.md) on its partition, and Tock's KV driver over it. Its two buffers are a
  // record each: 544 bytes hold upstream libtock-c's 500-byte test values.
  auto kv_store = KEEL_STATIC_INIT(KvStore, kv_partition, KEEL_STATIC_INIT(DeferredCall),
                                   KEEL_STATIC_BUFFER(uint8_t, kKvRecordBuffer), KEEL_STATIC_BUFFER(uint8_t, kKvRecordBuffer));
  KvStore::setup(kv_store);
  auto kv_driver = KEEL_STATIC_INIT(KvDriver, kernel, kv_store);
  kv_store->set_client(kv_driver);
  kv_driver->mount();
  auto isolated_storage = KEEL_STATIC_INIT(IsolatedStorageDriver, kernel, isolated_partition, kIsolatedRegionSize,
                                           KEEL_STATIC_BUFFER(uint8_t, IsolatedStorageDriver::kBufferSize));
  isolated_partition->set_client(isolated_storage);

  auto low_level_debug = KEEL_STATIC_INIT(LowLevelDebug, debug);
  auto ipc = KEEL_STATIC_INIT(IpcDriver, kernel);
  auto platform = KEEL_STATIC_INIT(Platform, alarm_driver, console, low_level_debug, rng_driver, ipc, isolated_storage,
                                   kv_driver, debug);

  if constexpr (kProcessConsole) {
    auto process_console_device = KEEL_STATIC_INIT(UartDevice, uart_mux, ReceivePriority::Background);
    UartDevice::setup(process_console_device);
    auto system_reset = KEEL_STATIC_INIT(TestFinisher, test_finisher_registers());
    auto process_console = KEEL_STATIC_INIT(ProcessConsole, kernel, platform, process_console_device, debug,
                                            driver_alarm, system_reset, KEEL_STATIC_BUFFER(uint8_t, 1),
                                            kernel_memory());
    process_console_device->set_receive_client(process_console);
    ProcessConsole::start(process_console);
  }

  load_processes(kernel);
  kernel->run(*chip, platform, scheduler_timer);
}

}  // namespace keel::boards::qemu_virt_rv32

namespace keel {

// The end of the panic path (kernel/panic_path.cpp calls it once the report is written, or at once when a report
// panics): nothing here may panic.
[[noreturn, gnu::noinline]] void stop_after_panic() {
  boards::qemu_virt_rv32::TestFinisher(boards::qemu_virt_rv32::test_finisher_registers()).exit_failure(1);
  for (;;) { arch::rv32::wait_for_interrupt(); }
}

}  // namespace keel
