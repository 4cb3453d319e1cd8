// Host test fixture for kernel code that touches process memory: maps the qemu-virt-rv32 address range
// 0x80000000-0x80400000 into the test process at the same addresses (so 32-bit "physical" addresses are real host
// pointers), builds TBF images, and collects kernel output as a string. Under AddressSanitizer (the host-sanitize
// build) the range sits 1 GiB lower, at 0x40000000: on x86-64 ASan keeps its shadow of low memory at
// 0x7fff8000-0x8fff6fff, fixed in GCC and libasan, so 0x80000000 can be neither mapped nor accessed there.
#pragma once

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "kernel/kernel.h"
#include "kernel/syscall_driver.h"
#include "kernel/writer.h"
#include "static_ref.h"

namespace keel_test {

#ifdef __SANITIZE_ADDRESS__
inline constexpr uint32_t kBoardBase = 0x40000000U;
#else
inline constexpr uint32_t kBoardBase = 0x80000000U;
#endif
inline constexpr uint32_t kBoardSize = 0x00400000U;
inline constexpr uint32_t kAppFlash = kBoardBase + 0x00100000U;
inline constexpr uint32_t kAppFlashEnd = kBoardBase + 0x00200000U;
inline constexpr uint32_t kKernelRam = kBoardBase + 0x00200000U;  // between app flash and process RAM
inline constexpr uint32_t kProcessRam = kBoardBase + 0x00300000U;
inline constexpr uint32_t kProcessRamEnd = kBoardBase + 0x00400000U;

/// `address` as the kernel prints it: 0x and eight hex digits.
inline std::string hex32(uint32_t address) {
  char text[11];
  std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(address));
  return text;
}

inline uint8_t* board_memory(uint32_t address) {
  static uint8_t* base = [] {
    void* want = reinterpret_cast<void*>(static_cast<uintptr_t>(kBoardBase));
    void* got = mmap(want, kBoardSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (got != want) { std::abort(); }
    return static_cast<uint8_t*>(got);
  }();
  return base + (address - kBoardBase);
}

inline void clear_board_memory() {
  std::memset(board_memory(kAppFlash), 0xff, kAppFlashEnd - kAppFlash);
  std::memset(board_memory(kProcessRam), 0x5a, kProcessRamEnd - kProcessRam);
}

class StringWriter final : public keel::Writer {
 public:
  void write(keel::Slice<char const> text) const override {
    for (char c : text) { output.push_back(c); }
  }
  mutable std::string output;
};

/// A TBF image built field by field, for loader and syscall tests.
struct TbfBuilder {
  std::string name = "app";
  uint32_t init_fn_offset = 0;  // from the start of the app binary (the TLV field counts from the header end)
  uint32_t protected_trailer = 0;  // grown so the binary sits at `binary_offset` when set
  uint32_t binary_offset = 0x80;
  uint32_t minimum_ram = 4096;
  uint32_t binary_size = 256;
  uint32_t flags = 1;
  bool fixed = true;
  uint32_t fixed_ram = kProcessRam;
  uint32_t fixed_flash = kAppFlash + 0x80;
  bool kernel_version = true;
  uint16_t kernel_major = 2;
  uint16_t kernel_minor = 2;
  std::vector<std::pair<uint16_t, std::vector<uint8_t>>> extra_tlvs;
  bool corrupt_checksum = false;

  static void put16(std::vector<uint8_t>& v, uint16_t x) {
    v.push_back(static_cast<uint8_t>(x));
    v.push_back(static_cast<uint8_t>(x >> 8));
  }
  static void put32(std::vector<uint8_t>& v, uint32_t x) {
    for (int i = 0; i < 4; ++i) { v.push_back(static_cast<uint8_t>(x >> (8 * i))); }
  }
  static void tlv(std::vector<uint8_t>& v, uint16_t type, std::vector<uint8_t> const& body) {
    put16(v, type);
    put16(v, static_cast<uint16_t>(body.size()));
    v.insert(v.end(), body.begin(), body.end());
    while (v.size() % 4 != 0) { v.push_back(0); }
  }

  std::vector<uint8_t> build() const {
    std::vector<uint8_t> tlvs;
    std::vector<uint8_t> body;
    uint32_t total = 0;
    // Two passes: header size depends on nothing but the TLVs; total depends on the header size.
    auto make = [&](uint32_t header_size) {
      tlvs.clear();
      uint32_t const trailer = binary_offset > header_size ? binary_offset - header_size : protected_trailer;
      total = header_size + trailer + binary_size;
      body.clear();
      put32(body, trailer + init_fn_offset);
      put32(body, trailer);
      put32(body, minimum_ram);
      put32(body, total);
      put32(body, 1);
      tlv(tlvs, 9, body);
      tlv(tlvs, 3, std::vector<uint8_t>(name.begin(), name.end()));
      if (kernel_version) {
        body.clear();
        put16(body, kernel_major);
        put16(body, kernel_minor);
        tlv(tlvs, 8, body);
      }
      if (fixed) {
        body.clear();
        put32(body, fixed_ram);
        put32(body, fixed_flash);
        tlv(tlvs, 5, body);
      }
      for (auto const& [type, b] : extra_tlvs) { tlv(tlvs, type, b); }
      return static_cast<uint32_t>(16 + tlvs.size());
    };
    uint32_t const header_size = make(make(16));
    uint32_t const trailer = binary_offset > header_size ? binary_offset - header_size : protected_trailer;
    total = header_size + trailer + binary_size;
    std::vector<uint8_t> image;
    put16(image, 2);
    put16(image, static_cast<uint16_t>(header_size));
    put32(image, total);
    put32(image, flags);
    put32(image, 0);
    image.insert(image.end(), tlvs.begin(), tlvs.end());
    uint32_t checksum = 0;
    for (size_t at = 0; at < header_size; at += 4) {
      if (at == 12) { continue; }
      checksum ^= static_cast<uint32_t>(image[at]) | (static_cast<uint32_t>(image[at + 1]) << 8) |
                  (static_cast<uint32_t>(image[at + 2]) << 16) | (static_cast<uint32_t>(image[at + 3]) << 24);
    }
    if (corrupt_checksum) { checksum ^= 0x1; }
    for (int i = 0; i < 4; ++i) { image[12 + i] = static_cast<uint8_t>(checksum >> (8 * i)); }
    image.resize(total, 0);
    return image;
  }
};

inline void install(std::vector<uint8_t> const& image, uint32_t address) {
  std::memcpy(board_memory(address), image.data(), image.size());
}

class FakePlatform final : public keel::Platform {
 public:
  keel::Option<keel::SyscallDriver const&> driver(uint32_t number) const override {
    auto it = drivers.find(number);
    if (it == drivers.end()) { return keel::none; }
    return *it->second;
  }
  keel::Option<keel::SyscallDriver const&> driver_at(size_t index) const override {
    auto it = drivers.begin();
    for (size_t i = 0; i < index && it != drivers.end(); ++i) { ++it; }
    if (it == drivers.end()) { return keel::none; }
    return *it->second;
  }
  void all_processes_ended() const override { ended = true; }
  std::map<uint32_t, keel::SyscallDriver const*> drivers;
  mutable bool ended = false;
};

/// A kernel with the board memory mapped and cleared; tests install TBFs and call load().
class KernelTest : public ::testing::Test {
 protected:
  // Each test is a fresh board: the kernel-wide claims of the last one are forgotten.
  KernelTest() {
    clear_board_memory();
    keel::ProcessMemory::forget_all_claims();
  }
  // The memory claims are kernel-wide: a test's processes give theirs up, as a board never needs to.
  ~KernelTest() override {
    for (keel::Process& p : process_table) { p.release(); }
  }
  void load() {
    keel::ProcessMemory::set_board_regions({kAppFlash, kAppFlashEnd}, {kProcessRam, kProcessRamEnd});
    keel::Slice<uint8_t const> flash = keel::Slice<uint8_t const>::from_raw_parts(board_memory(kAppFlash),
                                                                                  kAppFlashEnd - kAppFlash);
    kernel.load_processes({kAppFlash, kAppFlashEnd}, flash, {kProcessRam, kProcessRamEnd});
  }
  /// Two apps, `first` at the start of app flash and process RAM and `second` 64 KiB further on in both, with a
  /// padding TBF between them so the loader's walk reaches the second.
  void install_pair(std::string const& first, std::string const& second) {
    TbfBuilder a;
    a.name = first;
    install(a.build(), kAppFlash);
    TbfBuilder b;
    b.name = second;
    b.fixed_flash = kAppFlash + 0x10000 + 0x80;
    b.fixed_ram = kProcessRam + 0x10000;
    install(b.build(), kAppFlash + 0x10000);
    std::vector<uint8_t> pad(16, 0);
    uint32_t first_size = static_cast<uint32_t>(a.build().size());
    uint32_t gap = 0x10000 - first_size;
    pad[0] = 2;
    pad[2] = 16;
    for (int i = 0; i < 4; ++i) { pad[4 + i] = static_cast<uint8_t>(gap >> (8 * i)); }
    uint32_t checksum = 2U | (16U << 16);
    checksum ^= gap;
    for (int i = 0; i < 4; ++i) { pad[12 + i] = static_cast<uint8_t>(checksum >> (8 * i)); }
    install(pad, kAppFlash + first_size);
  }
  keel::Process& process(size_t index) {
    keel::Process* found = nullptr;
    size_t i = 0;
    kernel.for_each_process([&](keel::Process& p) {
      if (i++ == index) { found = &p; }
    });
    if (found == nullptr) { throw std::runtime_error("no such process"); }
    return *found;
  }
  /// Runs one system call for process `index` and returns what it left in a0-a3.
  std::array<uint32_t, 4> syscall(size_t index, uint32_t class_number, uint32_t a0 = 0, uint32_t a1 = 0,
                                  uint32_t a2 = 0, uint32_t a3 = 0) {
    keel::Syscall call;
    call.class_number = class_number;
    call.args = {{a0, a1, a2, a3}};
    keel::Process& p = process(index);
    kernel.handle_syscall(p, call, platform);
    keel::Syscall after = p.context().syscall();
    return {after.args[0], after.args[1], after.args[2], after.args[3]};
  }

  StringWriter out;
  FakePlatform platform;
  keel::Array<keel::Process, keel::Kernel::kMaxProcesses> process_table{};
  keel::Kernel kernel{static_ref(out), keel::RestartPolicy{2}, static_buffer(process_table)};
};

}  // namespace keel_test
