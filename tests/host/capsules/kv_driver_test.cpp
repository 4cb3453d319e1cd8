// The KV syscall driver (capsules/kv_driver.h, driver 0x50003) on a real store over a fake NOR flash, called as
// processes call it: Tock's command numbers, allow numbers, upcall arguments, error codes and storage permissions.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "capsule_fixture.h"
#include "capsules/kv_driver.h"
#include "fake_nor_flash.h"

namespace {

using keel::ErrorCode;
using keel::capsules::KvDriver;
using keel::capsules::kv::Store;
using keel_test::FakeNorFlash;
using keel_test::kFailure;
using keel_test::kSuccess;
using keel_test::static_ref;

constexpr uint32_t kKv = KvDriver::kDriverNumber;

std::vector<uint8_t> storage_tlv(uint32_t write_id, std::vector<uint32_t> const& reads,
                                 std::vector<uint32_t> const& modifies) {
  std::vector<uint8_t> body;
  auto put32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) { body.push_back(static_cast<uint8_t>(v >> (8 * i))); }
  };
  auto put16 = [&](uint16_t v) {
    body.push_back(static_cast<uint8_t>(v));
    body.push_back(static_cast<uint8_t>(v >> 8));
  };
  put32(write_id);
  put16(static_cast<uint16_t>(reads.size()));
  for (uint32_t id : reads) { put32(id); }
  put16(static_cast<uint16_t>(modifies.size()));
  for (uint32_t id : modifies) { put32(id); }
  return body;
}

keel::DeferredCall& driver_test_deferred() {
  static keel::DeferredCall call;
  return call;
}

constexpr uint16_t kStoragePermissionsTlv = 7;
// Where each process's key, value and output buffers go in its RAM.
constexpr uint32_t kKeyAt = 0;
constexpr uint32_t kValueAt = 0x100;
constexpr uint32_t kOutAt = 0x400;

class KvDriverTest : public keel_test::CapsuleTest {
 protected:
  KvDriverTest() {
    // p0 writes id 1 and may read and modify it; p1 writes 2, reads 1 and 2, modifies only 2; p2 has no TLV;
    // p3 has a TLV without a write id that reads 1.
    load_processes(4, [](size_t i, keel_test::TbfBuilder& app) {
      if (i == 0) { app.extra_tlvs.push_back({kStoragePermissionsTlv, storage_tlv(1, {1}, {1})}); }
      if (i == 1) { app.extra_tlvs.push_back({kStoragePermissionsTlv, storage_tlv(2, {1, 2}, {2})}); }
      if (i == 3) { app.extra_tlvs.push_back({kStoragePermissionsTlv, storage_tlv(0, {1}, {})}); }
    });
    store.emplace(static_ref<keel::hil::flash::Flash const>(flash), static_ref<keel::DeferredCall const>(driver_test_deferred()),
                  keel_test::static_buffer(record), keel_test::static_buffer(work));
    Store::setup(static_ref<Store const>(*store));
    driver.emplace(static_ref(kernel), static_ref<Store const>(*store));
    store->set_client(static_ref<keel::capsules::kv::StoreClient const>(*driver));
    platform.drivers[kKv] = &*driver;
    driver->mount();
    settle();
    for (size_t i = 0; i < 4; ++i) { subscribe(i, kKv, KvDriver::Upcall::kDone); }
  }

  void settle() {
    for (int guard = 0; guard < 100000; ++guard) {
      if (flash.complete()) { continue; }
      if (keel::DeferredCall::has_pending()) {
        keel::DeferredCall::service_pending();
        continue;
      }
      return;
    }
    ADD_FAILURE() << "never settled";
  }

  /// Allows `key` (and `value`, if given) and runs `command`: the command's answer.
  std::array<uint32_t, 4> issue(size_t i, uint32_t command_number, std::string const& key,
                                std::optional<std::string> const& value = std::nullopt, uint32_t out_length = 64) {
    allow_readonly(i, kKv, KvDriver::ReadOnlyAllow::kKey, key, kKeyAt);
    if (value) { allow_readonly(i, kKv, KvDriver::ReadOnlyAllow::kValue, *value, kValueAt); }
    allow_readwrite(i, kKv, KvDriver::ReadWriteAllow::kValue, out_length, kOutAt);
    return command(i, kKv, command_number);
  }
  /// The upcall process i got after everything ran: (status, length, 0).
  std::optional<std::array<uint32_t, 3>> finished(size_t i) {
    settle();
    return take_upcall(i, kKv, KvDriver::Upcall::kDone);
  }
  /// Runs one operation to its upcall; its status (0 or an error number), or the command's error + 1000.
  uint32_t run(size_t i, uint32_t command_number, std::string const& key,
               std::optional<std::string> const& value = std::nullopt, uint32_t out_length = 64) {
    auto const r = issue(i, command_number, key, value, out_length);
    if (r[0] == kFailure) { return 1000 + r[1]; }
    EXPECT_EQ(r[0], kSuccess);
    auto const up = finished(i);
    EXPECT_TRUE(up.has_value()) << "no upcall";
    if (!up) { return 9999; }
    last_length = (*up)[1];
    return (*up)[0];
  }
  std::string output(size_t i, size_t n) { return get_bytes(buffer_address(i, kOutAt), n); }

  static constexpr uint32_t kOk = 0;
  static constexpr uint32_t kNoSupport = static_cast<uint32_t>(ErrorCode::NoSupport);
  static constexpr uint32_t kSize = static_cast<uint32_t>(ErrorCode::Size);

  FakeNorFlash flash{4 * 2048, 2048};
  uint8_t record[256]{};
  uint8_t work[256]{};
  std::optional<Store> store;
  std::optional<KvDriver> driver;
  uint32_t last_length = 0;
};

TEST_F(KvDriverTest, ExistsAndUnknownCommands) {
  EXPECT_EQ(command(0, kKv, KvDriver::Command::kExists)[0], kSuccess);
  auto const r = command(0, kKv, 7);
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], static_cast<uint32_t>(ErrorCode::NoSupport));
}

TEST_F(KvDriverTest, SetThenGetCopiesTheValueAndGivesItsLength) {
  EXPECT_EQ(run(0, KvDriver::Command::kSet, "colour", "teal"), kOk);
  EXPECT_EQ(run(0, KvDriver::Command::kGet, "colour"), kOk);
  EXPECT_EQ(last_length, 4U);
  EXPECT_EQ(output(0, 4), "teal");
  EXPECT_EQ(run(0, KvDriver::Command::kSet, "colour", "crimson red"), kOk);
  EXPECT_EQ(run(0, KvDriver::Command::kGet, "colour"), kOk);
  EXPECT_EQ(output(0, 11), "crimson red");
}

TEST_F(KvDriverTest, AGetIntoAShortBufferIsSizeWithTheFullLengthAndTheFirstBytes) {
  EXPECT_EQ(run(0, KvDriver::Command::kSet, "k", "0123456789"), kOk);
  EXPECT_EQ(run(0, KvDriver::Command::kGet, "k", std::nullopt, 2), kSize);
  EXPECT_EQ(last_length, 10U);
  EXPECT_EQ(output(0, 2), "01");
}

TEST_F(KvDriverTest, MissingKeysAddOfAnExistingOneAndUpdateOfAMissingOneAreNoSupport) {
  EXPECT_EQ(run(0, KvDriver::Command::kGet, "none"), kNoSupport);
  EXPECT_EQ(run(0, KvDriver::Command::kDelete, "none"), kNoSupport);
  EXPECT_EQ(run(0, KvDriver::Command::kUpdate, "none", "x"), kNoSupport);
  EXPECT_EQ(run(0, KvDriver::Command::kAdd, "new", "first"), kOk);
  EXPECT_EQ(run(0, KvDriver::Command::kAdd, "new", "second"), kNoSupport);
  EXPECT_EQ(run(0, KvDriver::Command::kUpdate, "new", "third"), kOk);
  EXPECT_EQ(run(0, KvDriver::Command::kGet, "new"), kOk);
  EXPECT_EQ(output(0, 5), "third");
  EXPECT_EQ(run(0, KvDriver::Command::kDelete, "new"), kOk);
  EXPECT_EQ(run(0, KvDriver::Command::kGet, "new"), kNoSupport);
}

TEST_F(KvDriverTest, ReadIdsDecideWhoReadsAndModifyIdsWhoChanges) {
  EXPECT_EQ(run(0, KvDriver::Command::kSet, "shared", "from p0"), kOk);  // stored with write id 1
  EXPECT_EQ(run(1, KvDriver::Command::kGet, "shared"), kOk) << "p1's read ids name 1";
  EXPECT_EQ(output(1, 7), "from p0");
  EXPECT_EQ(run(1, KvDriver::Command::kSet, "shared", "p1 was here"), kNoSupport) << "p1 may not modify id 1";
  EXPECT_EQ(run(1, KvDriver::Command::kUpdate, "shared", "p1 was here"), kNoSupport);
  EXPECT_EQ(run(1, KvDriver::Command::kDelete, "shared"), kNoSupport);
  EXPECT_EQ(run(1, KvDriver::Command::kAdd, "shared", "p1"), kNoSupport) << "the key exists";
  EXPECT_EQ(run(0, KvDriver::Command::kGet, "shared"), kOk);
  EXPECT_EQ(output(0, 7), "from p0") << "unchanged";
  EXPECT_EQ(run(1, KvDriver::Command::kSet, "mine", "p1's"), kOk);  // write id 2
  EXPECT_EQ(run(0, KvDriver::Command::kGet, "mine"), kNoSupport) << "p0 may not read id 2: as if it were not there";
  EXPECT_EQ(run(3, KvDriver::Command::kGet, "shared"), kOk) << "p3 reads id 1";
}

TEST_F(KvDriverTest, AnAppWithoutPermissionsCannotWriteOrRead) {
  EXPECT_EQ(run(0, KvDriver::Command::kSet, "k", "v"), kOk);
  EXPECT_EQ(run(2, KvDriver::Command::kSet, "k2", "v"), 1000 + static_cast<uint32_t>(ErrorCode::Inval));
  EXPECT_EQ(run(2, KvDriver::Command::kAdd, "k2", "v"), 1000 + static_cast<uint32_t>(ErrorCode::Inval));
  EXPECT_EQ(run(3, KvDriver::Command::kSet, "k2", "v"), 1000 + static_cast<uint32_t>(ErrorCode::Inval))
      << "write id 0 is no write id";
  EXPECT_EQ(run(2, KvDriver::Command::kGet, "k"), kNoSupport);
  EXPECT_EQ(run(2, KvDriver::Command::kDelete, "k"), kNoSupport);
}

TEST_F(KvDriverTest, TooLongKeysAndValuesAreSizeAtOnce) {
  std::string const long_key(KvDriver::kMaxKeyLength + 1, 'k');
  uint32_t const size_now = 1000 + static_cast<uint32_t>(ErrorCode::Size);
  EXPECT_EQ(run(0, KvDriver::Command::kGet, long_key), size_now);
  EXPECT_EQ(run(0, KvDriver::Command::kSet, long_key, "v"), size_now);
  EXPECT_EQ(run(0, KvDriver::Command::kDelete, long_key), size_now);
  EXPECT_EQ(run(0, KvDriver::Command::kSet, "k", std::string(store->max_value_length() + 1, 'v')), size_now);
  EXPECT_EQ(run(0, KvDriver::Command::kSet, "k", std::string(store->max_value_length(), 'v')), kOk);
  EXPECT_EQ(run(0, KvDriver::Command::kSet, std::string(KvDriver::kMaxKeyLength, 'k'), ""), kOk);
}

TEST_F(KvDriverTest, OneOperationPerAppAndTheOthersWaitTheirTurn) {
  auto const first = issue(0, KvDriver::Command::kSet, "a", std::string("from p0"));
  ASSERT_EQ(first[0], kSuccess);
  auto const again = command(0, kKv, KvDriver::Command::kSet);
  EXPECT_EQ(again[0], kFailure);
  EXPECT_EQ(again[1], static_cast<uint32_t>(ErrorCode::NoMem)) << "Tock: one operation per app";
  auto const other = issue(1, KvDriver::Command::kSet, "b", std::string("from p1"));
  ASSERT_EQ(other[0], kSuccess) << "queued";
  settle();
  auto const up0 = take_upcall(0, kKv, KvDriver::Upcall::kDone);
  auto const up1 = take_upcall(1, kKv, KvDriver::Upcall::kDone);
  ASSERT_TRUE(up0 && up1);
  EXPECT_EQ((*up0)[0], 0U);
  EXPECT_EQ((*up1)[0], 0U);
  EXPECT_EQ(run(1, KvDriver::Command::kGet, "b"), kOk);
  EXPECT_EQ(output(1, 7), "from p1");
}

TEST_F(KvDriverTest, AFullStoreAnswersNoMemAndGarbageCollectMakesRoom) {
  std::string const value(200, 'v');
  int sets = 0;
  while (run(0, KvDriver::Command::kSet, "same", value) == kOk) {
    ASSERT_LT(++sets, 1000);
  }
  EXPECT_EQ(run(0, KvDriver::Command::kSet, "same", value), static_cast<uint32_t>(ErrorCode::NoMem));
  EXPECT_EQ(run(0, KvDriver::Command::kGarbageCollect, ""), kOk);
  for (int i = 0; i < sets; ++i) { ASSERT_EQ(run(0, KvDriver::Command::kSet, "same", value), kOk) << i; }
}

}  // namespace
