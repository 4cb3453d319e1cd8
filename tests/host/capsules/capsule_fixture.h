// Fixture for grant-based capsules: a real Kernel with N processes loaded from TBFs, and helpers that make system
// calls as those processes (subscribe, allow, command, exit) and collect the upcalls a capsule queued for them.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>

#include "../kernel_fixture.h"
#include "fakes.h"

namespace keel_test {

inline constexpr uint32_t kSuccess = 128;
inline constexpr uint32_t kSuccessU32 = 129;
inline constexpr uint32_t kFailure = 0;
inline constexpr uint32_t kProcessSpacing = 0x10000;

/// Where a process's test buffers go: inside its accessible RAM (the first 4 KiB from mem_start).
inline constexpr uint32_t kBufferOffset = 0x100;

class CapsuleTest : public KernelTest {
 protected:
  CapsuleTest() { reset_deferred(); }
  ~CapsuleTest() override { reset_deferred(); }

  /// Installs and loads `count` processes, 64 KiB apart in flash and in RAM (padding TBFs fill the gaps).
  /// `customize` may change each process's TBF before it is built (extra TLVs, say).
  void load_processes(size_t count, std::function<void(size_t, TbfBuilder&)> const& customize = {}) {
    for (size_t i = 0; i < count; ++i) {
      uint32_t const at = kAppFlash + static_cast<uint32_t>(i) * kProcessSpacing;
      TbfBuilder app;
      // Built apart and moved in: GCC 12 at -O3 warns falsely (-Wrestrict) on copying a literal into the string.
      std::string name = std::to_string(i);
      name.insert(name.begin(), 'p');
      app.name = std::move(name);
      app.fixed_flash = at + 0x80;
      app.fixed_ram = kProcessRam + static_cast<uint32_t>(i) * kProcessSpacing;
      if (customize) { customize(i, app); }
      std::vector<uint8_t> const image = app.build();
      install(image, at);
      if (i + 1 < count) { install(padding(kProcessSpacing - static_cast<uint32_t>(image.size())), at + image.size()); }
    }
    load();
    ASSERT_EQ(kernel.process_count(), count) << out.output;
  }

  uint32_t buffer_address(size_t i, uint32_t offset = 0) {
    return process(i).memory().mem_start() + kBufferOffset + offset;
  }
  uint32_t upcall_function(size_t i) { return kAppFlash + static_cast<uint32_t>(i) * kProcessSpacing + 0x90; }

  void subscribe(size_t i, uint32_t driver, uint32_t number) {
    auto const r = syscall(i, 1, driver, number, upcall_function(i), 0);
    ASSERT_EQ(r[0], 130U) << "subscribe failed: error " << r[1];
  }
  /// Puts `bytes` in process i's memory at `offset` and allows it read-only (class 4) or read-write (class 3).
  void allow_readonly(size_t i, uint32_t driver, uint32_t number, std::string const& bytes, uint32_t offset = 0) {
    put_bytes(buffer_address(i, offset), bytes);
    auto const r = syscall(i, 4, driver, number, buffer_address(i, offset), static_cast<uint32_t>(bytes.size()));
    ASSERT_EQ(r[0], 130U) << "allow failed: error " << r[1];
  }
  void allow_readwrite(size_t i, uint32_t driver, uint32_t number, uint32_t length, uint32_t offset = 0) {
    std::memset(board_memory(buffer_address(i, offset)), 0, length);
    auto const r = syscall(i, 3, driver, number, buffer_address(i, offset), length);
    ASSERT_EQ(r[0], 130U) << "allow failed: error " << r[1];
  }
  std::array<uint32_t, 4> command(size_t i, uint32_t driver, uint32_t number, uint32_t a0 = 0, uint32_t a1 = 0) {
    return syscall(i, 2, driver, number, a0, a1);
  }
  /// Ends process i for good (exit-terminate): its grants go with it.
  void terminate(size_t i) { syscall(i, 6, 0, 0); }

  /// The oldest upcall queued for process i on (driver, number), removed from its queue.
  std::optional<std::array<uint32_t, 3>> take_upcall(size_t i, uint32_t driver, uint32_t number) {
    std::optional<std::array<uint32_t, 3>> taken;
    process(i).upcalls().take_matching(keel::UpcallId{driver, number}, [&](keel::PendingUpcall const& pending) {
      taken = std::array<uint32_t, 3>{pending.args[0], pending.args[1], pending.args[2]};
    });
    return taken;
  }

  void put_bytes(uint32_t address, std::string const& bytes) {
    std::memcpy(board_memory(address), bytes.data(), bytes.size());
  }
  std::string get_bytes(uint32_t address, size_t length) {
    return std::string(reinterpret_cast<char const*>(board_memory(address)), length);
  }

 private:
  /// A disabled, header-only TBF of `size` bytes: the loader steps over it.
  static std::vector<uint8_t> padding(uint32_t size) {
    std::vector<uint8_t> pad(16, 0);
    pad[0] = 2;
    pad[2] = 16;
    for (int b = 0; b < 4; ++b) { pad[4 + b] = static_cast<uint8_t>(size >> (8 * b)); }
    uint32_t const checksum = (2U | (16U << 16)) ^ size;
    for (int b = 0; b < 4; ++b) { pad[12 + b] = static_cast<uint8_t>(checksum >> (8 * b)); }
    return pad;
  }
};

}  // namespace keel_test
