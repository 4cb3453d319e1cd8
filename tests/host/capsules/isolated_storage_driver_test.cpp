// Isolated nonvolatile storage (driver 0x50004) against a RAM NOR flash: per-app regions keyed by the storage write
// id, Tock's commands, upcalls and errors, persistence across a "reboot" (a new driver on the same flash), overwrites
// despite NOR's 1-to-0 rule, and power cuts: a write cut at any flash operation, torn halfway, leaves the old bytes
// or the new, never a mix.
#include "capsules/isolated_storage_driver.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "capsule_fixture.h"

namespace {

using keel::ErrorCode;
using keel::Result;
using keel::StaticBuffer;
using keel::capsules::IsolatedStorageDriver;
using namespace keel_test;

constexpr uint32_t kDriver = IsolatedStorageDriver::kDriverNumber;
constexpr uint32_t kSector = 4096;
constexpr uint32_t kSectors = 8;  // 4 regions
constexpr uint32_t kRegion = 1024;
constexpr uint32_t kOk = 0;

/// NOR flash in RAM: program ANDs, erase sets a sector to 0xff, each operation completes when the test runs it.
/// A power cut after `cut_after` more operations tears the next one (half of it done) and the flash then answers
/// nothing more, as a board without power.
struct RamFlash final : keel::hil::flash::Flash {
  enum class Kind { Read, Write, Erase };
  struct Pending {
    Kind kind;
    uint32_t offset;
    std::size_t length;
  };

  void set_client(keel::StaticRef<keel::hil::flash::Client const> c) const override { client = &c.get(); }
  keel::hil::flash::Geometry geometry() const override {
    return present ? keel::hil::flash::Geometry{kSector * kSectors, kSector, 4} : keel::hil::flash::Geometry{};
  }
  keel::BufferResult<uint8_t> read(uint32_t offset, StaticBuffer<uint8_t>&& buffer, std::size_t length) const override {
    return begin(Kind::Read, offset, std::move(buffer), length);
  }
  keel::BufferResult<uint8_t> write(uint32_t offset, StaticBuffer<uint8_t>&& buffer, std::size_t length) const override {
    if (offset % 4 != 0 || length % 4 != 0) { return {ErrorCode::Inval, std::move(buffer)}; }
    return begin(Kind::Write, offset, std::move(buffer), length);
  }
  Result<void> erase(uint32_t offset) const override {
    if (dead || pending) { return keel::Error(ErrorCode::Busy); }
    if (offset % kSector != 0 || offset >= kSector * kSectors) { return keel::Error(ErrorCode::Inval); }
    pending = Pending{Kind::Erase, offset, 0};
    return keel::success();
  }
  keel::BufferResult<uint8_t> begin(Kind kind, uint32_t offset, StaticBuffer<uint8_t>&& buffer, std::size_t length) const {
    if (dead || pending) { return {ErrorCode::Busy, std::move(buffer)}; }
    if (length == 0 || length > buffer.size() || offset + length > memory.size()) {
      return {ErrorCode::Inval, std::move(buffer)};
    }
    pending = Pending{kind, offset, length};
    held = std::move(buffer);
    return {};
  }

  /// Completes operations (and whatever their callbacks start) until none is pending.
  void run() const {
    while (pending && !dead) { complete_one(); }
  }
  void complete_one() const {
    Pending const op = *pending;
    pending.reset();
    ++operations;
    bool const torn = cut_after >= 0 && operations > cut_after;
    std::size_t const done = torn ? op.length / 2 / 4 * 4 : op.length;
    if (op.kind == Kind::Erase) {
      std::memset(&memory[op.offset], 0xff, torn ? kSector / 2 : kSector);
    } else if (op.kind == Kind::Write) {
      for (std::size_t i = 0; i < done; ++i) { memory[op.offset + i] &= held.slice()[i]; }
    } else {
      for (std::size_t i = 0; i < op.length; ++i) { held.slice()[i] = memory[op.offset + i]; }
    }
    if (torn) {
      dead = true;
      return;
    }
    if (op.kind == Kind::Erase) {
      client->erase_done(keel::success());
      return;
    }
    StaticBuffer<uint8_t> buffer = std::move(held);
    if (op.kind == Kind::Read) {
      client->read_done(std::move(buffer), op.length, keel::success());
    } else {
      client->write_done(std::move(buffer), op.length, keel::success());
    }
  }

  mutable keel::hil::flash::Client const* client = nullptr;
  mutable std::optional<Pending> pending;
  mutable StaticBuffer<uint8_t> held;
  mutable std::vector<uint8_t> memory = std::vector<uint8_t>(kSector * kSectors, 0xff);
  mutable bool present = true;
  mutable bool dead = false;
  mutable int operations = 0;
  int cut_after = -1;
};

struct Permissions {
  bool present = true;
  uint32_t write_id = 0;
  std::vector<uint32_t> reads;
  std::vector<uint32_t> modifies;
};

/// Permissions that let an app use its own region.
Permissions own(uint32_t id) { return {true, id, {id}, {id}}; }

std::vector<uint8_t> storage_tlv(Permissions const& p) {
  std::vector<uint8_t> body;
  auto put32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) { body.push_back(static_cast<uint8_t>(v >> (8 * i))); }
  };
  auto put16 = [&](uint16_t v) {
    body.push_back(static_cast<uint8_t>(v));
    body.push_back(static_cast<uint8_t>(v >> 8));
  };
  put32(p.write_id);
  put16(static_cast<uint16_t>(p.reads.size()));
  for (uint32_t id : p.reads) { put32(id); }
  put16(static_cast<uint16_t>(p.modifies.size()));
  for (uint32_t id : p.modifies) { put32(id); }
  return body;
}

uint8_t copy_buffers[8][IsolatedStorageDriver::kBufferSize];

class IsolatedStorageTest : public CapsuleTest {
 protected:
  /// Loads one process per entry, each with its storage permissions TLV (none when !present).
  void load_with(std::vector<Permissions> const& apps) {
    for (size_t i = 0; i < apps.size(); ++i) {
      uint32_t const at = kAppFlash + static_cast<uint32_t>(i) * kProcessSpacing;
      TbfBuilder app;
      // Built apart and moved in (GCC 12 at -O3 warns falsely, -Wrestrict, on "s" + std::to_string(i)).
      std::string name = std::to_string(i);
      name.insert(name.begin(), 's');
      app.name = std::move(name);
      app.fixed_flash = at + 0x80;
      app.fixed_ram = kProcessRam + static_cast<uint32_t>(i) * kProcessSpacing;
      if (apps[i].present) { app.extra_tlvs.push_back({7, storage_tlv(apps[i])}); }
      std::vector<uint8_t> const image = app.build();
      install(image, at);
      if (i + 1 < apps.size()) { install(pad(kProcessSpacing - static_cast<uint32_t>(image.size())), at + image.size()); }
    }
    load();
    ASSERT_EQ(kernel.process_count(), apps.size()) << out.output;
    boot();
  }

  /// A new driver on the same flash, as after a reset (a fresh grant: nothing of the last one's state).
  void boot() {
    ASSERT_LT(boots, 8U);
    drivers.push_back(std::make_unique<IsolatedStorageDriver>(static_ref(kernel), static_ref<keel::hil::flash::Flash const>(flash),
                                                              kRegion, static_buffer(copy_buffers[boots++])));
    flash.set_client(static_ref<keel::hil::flash::Client const>(driver()));
    platform.drivers[kDriver] = &driver();
    for (size_t i = 0; i < kernel.process_count(); ++i) {
      for (uint32_t u = 0; u < 3; ++u) { subscribe(i, kDriver, u); }
    }
  }
  IsolatedStorageDriver& driver() { return *drivers.back(); }

  /// The command's failure code, or the upcall's (status, value) once the flash has done its work.
  std::array<uint32_t, 2> request(size_t i, uint32_t number, uint32_t offset = 0) {
    auto const r = command(i, kDriver, number, offset, 0);
    if (r[0] != kSuccess) { return {r[1] == 0 ? 0xdeadU : r[1], 0xffffffffU}; }
    flash.run();
    uint32_t const upcall = number - 1;
    auto const done = take_upcall(i, kDriver, upcall);
    if (!done) { return {0xbadU, 0xbadU}; }
    return {(*done)[0], (*done)[1]};
  }
  std::array<uint32_t, 2> write(size_t i, uint32_t offset, std::string const& bytes) {
    allow_readonly(i, kDriver, 0, bytes, 0x800);
    return request(i, 3, offset);
  }
  /// Reads `length` bytes at `offset`; the bytes, or "error N".
  std::string read(size_t i, uint32_t offset, uint32_t length) {
    allow_readwrite(i, kDriver, 0, length, 0x400);
    auto const r = request(i, 2, offset);
    if (r[0] != kOk) { return "error " + std::to_string(r[0]); }
    return get_bytes(buffer_address(i, 0x400), length);
  }

  static std::vector<uint8_t> pad(uint32_t size) {
    std::vector<uint8_t> p(16, 0);
    p[0] = 2;
    p[2] = 16;
    for (int b = 0; b < 4; ++b) { p[4 + b] = static_cast<uint8_t>(size >> (8 * b)); }
    uint32_t const checksum = (2U | (16U << 16)) ^ size;
    for (int b = 0; b < 4; ++b) { p[12 + b] = static_cast<uint8_t>(checksum >> (8 * b)); }
    return p;
  }

  RamFlash flash;
  std::vector<std::unique_ptr<IsolatedStorageDriver>> drivers;
  size_t boots = 0;
};

TEST_F(IsolatedStorageTest, EachAppHasItsOwnRegionOfTheConfiguredSize) {
  load_with({own(0x11), own(0x22)});
  EXPECT_EQ(command(0, kDriver, 0)[0], kSuccess) << "exists";
  EXPECT_EQ(request(0, 1), (std::array<uint32_t, 2>{kOk, kRegion}));
  EXPECT_EQ(write(0, 0, "first app"), (std::array<uint32_t, 2>{kOk, 9}));
  EXPECT_EQ(read(0, 0, 9), "first app");
  EXPECT_EQ(read(1, 0, 9), std::string(9, '\xff')) << "the second app's region is its own, and erased";
  EXPECT_EQ(write(1, 0, "second"), (std::array<uint32_t, 2>{kOk, 6}));
  EXPECT_EQ(read(0, 0, 9), "first app");
  EXPECT_EQ(read(1, 0, 6), "second");
}

TEST_F(IsolatedStorageTest, WritesReplaceBytesDespiteNorFlash) {
  load_with({own(7)});
  ASSERT_EQ(write(0, 0, "AAAA")[0], kOk);
  ASSERT_EQ(write(0, 1, "BB")[0], kOk);
  EXPECT_EQ(read(0, 0, 4), "ABBA") << "0x41 over 0x42 needs an erase: the driver copies into a fresh slot";
  ASSERT_EQ(write(0, kRegion - 3, "xyz")[0], kOk);
  EXPECT_EQ(read(0, kRegion - 3, 3), "xyz");
  EXPECT_EQ(read(0, 0, 4), "ABBA") << "a write elsewhere keeps the rest";
}

TEST_F(IsolatedStorageTest, TheRegionSurvivesAReboot) {
  load_with({own(0x11), own(0x22)});
  ASSERT_EQ(write(1, 0, "b's data")[0], kOk);
  ASSERT_EQ(write(0, 0, "a's data")[0], kOk);
  ASSERT_EQ(write(0, 2, "A")[0], kOk);
  boot();
  EXPECT_EQ(read(0, 0, 8), "a'A data") << "found again by its write id";
  EXPECT_EQ(read(1, 0, 8), "b's data");
  ASSERT_EQ(write(0, 0, "new")[0], kOk);
  boot();
  EXPECT_EQ(read(0, 0, 8), "new data") << "the newest slot wins";
}

TEST_F(IsolatedStorageTest, AccessesOutsideTheRegionAreInval) {
  load_with({own(5)});
  EXPECT_EQ(write(0, kRegion, "x")[0], to_number(ErrorCode::Inval)) << "starts past the end";
  EXPECT_EQ(write(0, kRegion - 1, "xy")[0], to_number(ErrorCode::Inval)) << "ends past the end";
  EXPECT_EQ(write(0, 0xffffffffU, "x")[0], to_number(ErrorCode::Inval)) << "offset -1";
  EXPECT_EQ(read(0, kRegion - 2, 4), "error " + std::to_string(to_number(ErrorCode::Inval)));
  EXPECT_EQ(write(0, kRegion - 1, "z")[0], kOk) << "the last byte is the app's";
}

TEST_F(IsolatedStorageTest, NoBufferIsReserve) {
  load_with({own(5)});
  allow_readwrite(0, kDriver, 0, 0);
  EXPECT_EQ(request(0, 2)[0], to_number(ErrorCode::Reserve));
  EXPECT_EQ(request(0, 3)[0], to_number(ErrorCode::Reserve)) << "nothing allowed read-only";
}

TEST_F(IsolatedStorageTest, PermissionsFollowTocksTbfPolicy) {
  load_with({{false, 0, {}, {}}, {true, 0, {3}, {3}}, {true, 9, {}, {9}}, {true, 8, {8}, {}}});
  EXPECT_EQ(request(0, 1)[0], to_number(ErrorCode::NoSupport)) << "no TLV";
  EXPECT_EQ(request(1, 1)[0], to_number(ErrorCode::NoSupport)) << "write id 0";
  EXPECT_EQ(request(2, 1)[0], kOk) << "a write id is enough for the size";
  EXPECT_EQ(read(2, 0, 4), "error " + std::to_string(to_number(ErrorCode::NoSupport))) << "own id not readable";
  EXPECT_EQ(write(2, 0, "ok")[0], kOk);
  EXPECT_EQ(write(3, 0, "no")[0], to_number(ErrorCode::NoSupport)) << "own id not modifiable";
  EXPECT_EQ(read(3, 0, 2), std::string(2, '\xff'));
}

TEST_F(IsolatedStorageTest, OneRequestPerAppAndTheOthersWaitTheirTurn) {
  load_with({own(1), own(2)});
  allow_readonly(0, kDriver, 0, "aaaa", 0x800);
  allow_readonly(1, kDriver, 0, "bbbb", 0x800);
  EXPECT_EQ(command(0, kDriver, 3)[0], kSuccess);
  EXPECT_EQ(command(0, kDriver, 1)[1], to_number(ErrorCode::Busy)) << "a's write is still pending";
  EXPECT_EQ(command(1, kDriver, 3)[0], kSuccess) << "b queues";
  flash.run();
  EXPECT_TRUE(take_upcall(0, kDriver, 2));
  EXPECT_TRUE(take_upcall(1, kDriver, 2));
  EXPECT_EQ(read(0, 0, 4), "aaaa");
  EXPECT_EQ(read(1, 0, 4), "bbbb");
}

TEST_F(IsolatedStorageTest, NoFreeRegionIsNoMem) {
  load_with({own(1), own(2), own(3), own(4), own(5)});
  for (size_t i = 0; i < 4; ++i) { EXPECT_EQ(request(i, 1)[0], kOk) << i; }
  EXPECT_EQ(request(4, 1)[0], to_number(ErrorCode::NoMem)) << "4 regions in 8 sectors";
}

TEST_F(IsolatedStorageTest, WithoutTheFlashEveryCommandIsNoDevice) {
  flash.present = false;
  load_with({own(1)});
  EXPECT_EQ(command(0, kDriver, 0)[1], to_number(ErrorCode::NoDevice));
  EXPECT_EQ(command(0, kDriver, 1)[1], to_number(ErrorCode::NoDevice));
  EXPECT_EQ(command(0, kDriver, 3)[1], to_number(ErrorCode::NoDevice));
}

/// A write cut (torn halfway) at its n-th flash operation, then a reboot: the region holds the old bytes or the
/// new ones, and takes writes again.
class IsolatedStoragePowerCut : public IsolatedStorageTest, public ::testing::WithParamInterface<int> {};

TEST_P(IsolatedStoragePowerCut, LeavesTheOldBytesOrTheNew) {
  load_with({own(0x31)});
  std::string const old_bytes(kRegion, 'o');
  std::string const new_bytes(kRegion, 'n');
  ASSERT_EQ(write(0, 0, old_bytes)[0], kOk);
  flash.operations = 0;
  flash.cut_after = GetParam();
  allow_readonly(0, kDriver, 0, new_bytes, 0x800);
  ASSERT_EQ(command(0, kDriver, 3)[0], kSuccess);
  flash.run();
  bool const completed = take_upcall(0, kDriver, 2).has_value();
  // Power comes back.
  flash.dead = false;
  flash.cut_after = -1;
  flash.pending.reset();
  boot();
  std::string const after = read(0, 0, kRegion);
  EXPECT_TRUE(after == old_bytes || after == new_bytes) << "cut after " << GetParam() << " operations: mixed";
  if (completed) { EXPECT_EQ(after, new_bytes) << "a write the app was told of is there"; }
  ASSERT_EQ(write(0, 0, "again")[0], kOk);
  EXPECT_EQ(read(0, 0, 5), "again");
}

// A 1 KiB write: erase, two chunks read and programmed, the header: 6 operations; 7 lets it finish.
INSTANTIATE_TEST_SUITE_P(EveryOperation, IsolatedStoragePowerCut, ::testing::Range(0, 8));

}  // namespace
