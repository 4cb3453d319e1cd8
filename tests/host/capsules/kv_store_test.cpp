// The key-value store (capsules/kv/store.h) on a fake NOR flash: every operation, a full store, garbage collection,
// corruption and torn writes, and a randomized crash-consistency run that cuts the power at random steps and checks
// every key after each remount.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <random>
#include <string>

#include "../static_ref.h"
#include "capsules/kv/store.h"
#include "fake_nor_flash.h"

namespace {

using keel::ErrorCode;
using keel::Result;
using keel::capsules::kv::SetMode;
using keel::capsules::kv::Store;
using keel_test::FakeNorFlash;
using keel_test::static_ref;

keel::Slice<uint8_t const> bytes_of(std::string const& s) {
  return s.empty() ? keel::Slice<uint8_t const>()
                   : keel::Slice<uint8_t const>::from_raw_parts(reinterpret_cast<uint8_t const*>(s.data()), s.size());
}
/// prefix + n, built by appending (GCC 12 at -O3 warns falsely, -Wrestrict, on `"literal" + std::string`).
std::string named(std::string prefix, long n) {
  prefix.append(std::to_string(n));
  return prefix;
}
std::string joined(std::string a, std::string const& b) {
  a.append(b);
  return a;
}
uint64_t hash(std::string const& key) { return keel::capsules::kv::hash_key(bytes_of(key)); }

/// One deferred call for the whole binary: the kernel's table never gives a slot back, and each boot makes a Store.
keel::DeferredCall& store_deferred() {
  static keel::DeferredCall call;
  return call;
}

constexpr uint32_t kBufferSize = 128;

/// A board: the flash stays, the Store (its RAM) is made anew at every boot.
class Board final : public keel::capsules::kv::StoreClient {
 public:
  explicit Board(FakeNorFlash& flash) : flash_(flash) {}

  void boot() {
    flash_.power_on();
    store_.reset();
    store_.emplace(static_ref<keel::hil::flash::Flash const>(flash_), static_ref<keel::DeferredCall const>(store_deferred()),
                   keel_test::static_buffer(record_), keel_test::static_buffer(work_));
    Store::setup(static_ref<Store const>(*store_));
    store_->set_client(static_ref<keel::capsules::kv::StoreClient const>(*this));
  }
  Store& store() { return *store_; }

  /// Runs flash completions and deferred calls until nothing is left (or the power is gone).
  void run() {
    for (int guard = 0; guard < 1000000; ++guard) {
      if (flash_.complete()) { continue; }
      if (keel::DeferredCall::has_pending()) {
        keel::DeferredCall::service_pending();
        continue;
      }
      return;
    }
    ADD_FAILURE() << "the store never settled";
  }

  /// Starts `start`, runs to the end, and gives the callback's status (none: the power went first).
  template <typename F> std::optional<Result<void>> call(F&& start) {
    done_.reset();
    callbacks_ = 0;
    Result<void> const started = start();
    if (started.is_error()) {
      run();
      EXPECT_EQ(callbacks_, 0) << "a refused call must not call back";
      return started;
    }
    run();
    if (!flash_.powered()) { return std::nullopt; }
    EXPECT_EQ(callbacks_, 1) << "exactly one callback per operation";
    return done_;
  }

  std::optional<Result<void>> mount() { return call([&] { return store_->mount(); }); }
  std::optional<Result<void>> set(std::string const& key, std::string const& value, uint32_t tag = 7,
                                  SetMode mode = SetMode::Any) {
    return call([&] { return store_->set(hash(key), bytes_of(value), tag, mode); });
  }
  /// A set that, answered NoMem, collects garbage and tries once more (what a user of the store does).
  std::optional<Result<void>> set_collecting(std::string const& key, std::string const& value) {
    std::optional<Result<void>> first = set(key, value);
    if (!first.has_value() || first->is_ok() || first->error() != ErrorCode::NoMem) { return first; }
    std::optional<Result<void>> const collected = collect();
    if (!collected.has_value() || collected->is_error()) { return collected; }
    return set(key, value);
  }
  std::optional<Result<void>> remove(std::string const& key) { return call([&] { return store_->remove(hash(key)); }); }
  std::optional<Result<void>> collect() { return call([&] { return store_->garbage_collect(); }); }
  /// The value stored under `key`, or the error.
  std::optional<Result<void>> get(std::string const& key) { return call([&] { return store_->get(hash(key)); }); }

  void mount_done(Result<void> status) const override { record(status); }
  void get_done(Result<void> status, keel::Slice<uint8_t const> value, uint32_t tag) const override {
    record(status);
    value_.assign(value.is_empty() ? "" : std::string(reinterpret_cast<char const*>(&value[0]), value.size()));
    tag_ = tag;
  }
  void set_done(Result<void> status) const override { record(status); }
  void remove_done(Result<void> status) const override { record(status); }
  void garbage_collect_done(Result<void> status) const override { record(status); }

  std::string const& value() const { return value_; }
  uint32_t tag() const { return tag_; }

 private:
  void record(Result<void> status) const {
    done_ = status;
    ++callbacks_;
  }

  FakeNorFlash& flash_;
  std::optional<Store> store_;
  uint8_t record_[kBufferSize]{};
  uint8_t work_[kBufferSize]{};
  mutable std::optional<Result<void>> done_;
  mutable int callbacks_ = 0;
  mutable std::string value_;
  mutable uint32_t tag_ = 0;
};

bool ok(std::optional<Result<void>> const& r) { return r.has_value() && r->is_ok(); }
ErrorCode error(std::optional<Result<void>> const& r) {
  return r.has_value() && r->is_error() ? r->error() : ErrorCode::Fail;
}
#define EXPECT_VALUE(board, key, expected)       \
  do {                                           \
    ASSERT_TRUE(ok((board).get(key))) << (key); \
    EXPECT_EQ((board).value(), (expected));      \
  } while (false)

class KvStoreTest : public ::testing::Test {
 protected:
  KvStoreTest() : flash(4 * 1024, 1024), board(flash) {
    board.boot();
    EXPECT_TRUE(ok(board.mount()));
  }
  ~KvStoreTest() override { EXPECT_EQ(flash.violations, 0) << "a program tried to set a bit"; }
  void reboot() {
    board.boot();
    ASSERT_TRUE(ok(board.mount()));
  }
  FakeNorFlash flash;
  Board board;
};

TEST_F(KvStoreTest, ABlankFlashMountsEmpty) {
  EXPECT_TRUE(board.store().is_mounted());
  EXPECT_EQ(board.store().key_count(), 0U);
  EXPECT_EQ(error(board.get("missing")), ErrorCode::NoSupport);
}

TEST_F(KvStoreTest, SetThenGetGivesTheValueAndItsTag) {
  ASSERT_TRUE(ok(board.set("alpha", "one", 42)));
  EXPECT_VALUE(board, "alpha", "one");
  EXPECT_EQ(board.tag(), 42U);
  ASSERT_TRUE(board.store().find(hash("alpha")).is_some());
  EXPECT_EQ(board.store().find(hash("alpha")).value().tag, 42U);
  EXPECT_EQ(board.store().find(hash("alpha")).value().length, 3U);
  ASSERT_TRUE(ok(board.set("empty", "")));
  EXPECT_VALUE(board, "empty", "");
}

TEST_F(KvStoreTest, SetReplacesAndTheOldRecordDies) {
  ASSERT_TRUE(ok(board.set("k", "first")));
  ASSERT_TRUE(ok(board.set("k", "second value")));
  EXPECT_VALUE(board, "k", "second value");
  EXPECT_EQ(board.store().key_count(), 1U);
  reboot();
  EXPECT_VALUE(board, "k", "second value");
  EXPECT_EQ(board.store().key_count(), 1U);
}

TEST_F(KvStoreTest, AddAndUpdateRequireAbsenceAndPresence) {
  EXPECT_EQ(error(board.set("k", "x", 1, SetMode::MustExist)), ErrorCode::NoSupport);
  ASSERT_TRUE(ok(board.set("k", "x", 1, SetMode::MustBeAbsent)));
  EXPECT_EQ(error(board.set("k", "y", 1, SetMode::MustBeAbsent)), ErrorCode::NoSupport);
  ASSERT_TRUE(ok(board.set("k", "z", 1, SetMode::MustExist)));
  EXPECT_VALUE(board, "k", "z");
}

TEST_F(KvStoreTest, RemoveDeletesForGoodAcrossARemount) {
  ASSERT_TRUE(ok(board.set("a", "1")));
  ASSERT_TRUE(ok(board.set("b", "2")));
  ASSERT_TRUE(ok(board.remove("a")));
  EXPECT_EQ(error(board.get("a")), ErrorCode::NoSupport);
  EXPECT_EQ(error(board.remove("a")), ErrorCode::NoSupport);
  reboot();
  EXPECT_EQ(error(board.get("a")), ErrorCode::NoSupport);
  EXPECT_VALUE(board, "b", "2");
}

TEST_F(KvStoreTest, AValueLongerThanARecordIsSize) {
  uint32_t const max = board.store().max_value_length();
  EXPECT_EQ(max, kBufferSize - keel::capsules::kv::kRecordHeaderSize);
  EXPECT_EQ(error(board.set("k", std::string(max + 1, 'v'))), ErrorCode::Size);
  ASSERT_TRUE(ok(board.set("k", std::string(max, 'v'))));
  EXPECT_VALUE(board, "k", std::string(max, 'v'));
}

TEST_F(KvStoreTest, OperationsBeforeMountAndWhileBusyAreRefused) {
  board.boot();  // not mounted yet
  EXPECT_EQ(error(board.get("k")), ErrorCode::Off);
  EXPECT_EQ(error(board.set("k", "v")), ErrorCode::Off);
  ASSERT_TRUE(board.store().mount().is_ok());
  EXPECT_EQ(board.store().get(hash("k")).error(), ErrorCode::Busy);
  EXPECT_EQ(board.store().mount().error(), ErrorCode::Busy);
  board.run();
  EXPECT_TRUE(board.store().is_mounted());
}

TEST_F(KvStoreTest, ManyOverwritesCycleThroughEverySectorAndKeepTheValues) {
  for (int round = 0; round < 200; ++round) {
    for (int k = 0; k < 4; ++k) {
      ASSERT_TRUE(ok(board.set_collecting(named("key", static_cast<long>(k)), joined(std::to_string(round * 10 + k), std::string(30, 'p')))));
    }
  }
  EXPECT_GT(flash.erases, 20) << "garbage collection ran";
  for (int k = 0; k < 4; ++k) { EXPECT_VALUE(board, named("key", static_cast<long>(k)), joined(std::to_string(1990 + k), std::string(30, 'p'))); }
  reboot();
  for (int k = 0; k < 4; ++k) { EXPECT_VALUE(board, named("key", static_cast<long>(k)), joined(std::to_string(1990 + k), std::string(30, 'p'))); }
}

// Upstream libtock-c's garbage-collection test: fill the store until a set fails, delete one key, collect, and the
// set must then succeed (Tock's TicKV frees nothing when every region holds a live key).
TEST_F(KvStoreTest, AFullStoreOfLiveKeysAnswersNoMemAndADeleteMakesRoom) {
  int stored = 0;
  std::optional<Result<void>> last;
  for (; stored < 200; ++stored) {
    last = board.set(named("key", static_cast<long>(stored)), std::string(60, static_cast<char>('a' + stored % 26)));
    if (!ok(last)) { break; }
  }
  EXPECT_EQ(error(last), ErrorCode::NoMem);
  EXPECT_GT(stored, 10);
  EXPECT_LE(board.store().live_bytes(), board.store().capacity());
  EXPECT_EQ(error(board.set("one more", std::string(60, 'z'))), ErrorCode::NoMem);
  ASSERT_TRUE(ok(board.remove("key3")));
  ASSERT_TRUE(ok(board.collect()));
  ASSERT_TRUE(ok(board.set("one more", std::string(60, 'z'))));
  EXPECT_VALUE(board, "one more", std::string(60, 'z'));
  for (int k = 0; k < stored; ++k) {
    if (k == 3) { continue; }
    EXPECT_VALUE(board, named("key", static_cast<long>(k)), std::string(60, static_cast<char>('a' + k % 26)));
  }
  reboot();
  EXPECT_VALUE(board, "one more", std::string(60, 'z'));
  EXPECT_EQ(error(board.get("key3")), ErrorCode::NoSupport);
}

// The same test as upstream libtock-c writes it: set one key again and again until the store answers NoMem (a set
// never collects on its own), collect, then set it as many times again: all must succeed.
TEST_F(KvStoreTest, UpstreamGarbageCollectTestPasses) {
  std::string const value(80, 'v');
  int sets = 0;
  while (ok(board.set("kvtestapp", named(value, sets)))) {
    ++sets;
    ASSERT_LT(sets, 10000) << "a set never answered NoMem";
  }
  EXPECT_GT(sets, 10);
  ASSERT_TRUE(ok(board.collect()));
  for (int i = 0; i < sets; ++i) { ASSERT_TRUE(ok(board.set("kvtestapp", named(value, i)))) << "set " << i << " of " << sets; }
  EXPECT_VALUE(board, "kvtestapp", named(value, sets - 1));
}

TEST_F(KvStoreTest, GarbageCollectWithNothingDeadSucceedsWithoutErasing) {
  ASSERT_TRUE(ok(board.set("a", "1")));
  int const before = flash.erases;
  ASSERT_TRUE(ok(board.collect()));
  EXPECT_EQ(flash.erases, before);
  ASSERT_TRUE(ok(board.set("a", "2")));
  ASSERT_TRUE(ok(board.collect()));  // the first record is dead now: its sector is compacted
  EXPECT_GT(flash.erases, before);
  EXPECT_VALUE(board, "a", "2");
}

TEST_F(KvStoreTest, TheIndexHoldsKMaxKeysAndThenNoMem) {
  FakeNorFlash big(8 * 4096, 4096);
  Board b(big);
  b.boot();
  ASSERT_TRUE(ok(b.mount()));
  for (keel::usize k = 0; k < Store::kMaxKeys; ++k) { ASSERT_TRUE(ok(b.set(named("k", static_cast<long>(k)), "v"))) << k; }
  EXPECT_EQ(error(b.set("one too many", "v")), ErrorCode::NoMem);
  ASSERT_TRUE(ok(b.set("k0", "replaced")));  // replacing needs no new entry
  ASSERT_TRUE(ok(b.remove("k1")));
  ASSERT_TRUE(ok(b.set("one too many", "v")));
}

TEST_F(KvStoreTest, AFlippedBitInARecordIsNeverReturned) {
  ASSERT_TRUE(ok(board.set("a", "apple")));
  ASSERT_TRUE(ok(board.set("b", "banana")));
  // Find "banana" on flash and flip one bit of it.
  std::string const image(flash.bytes.begin(), flash.bytes.end());
  size_t const at = image.find("banana");
  ASSERT_NE(at, std::string::npos);
  flash.bytes[at + 2] ^= 0x04;
  EXPECT_EQ(error(board.get("b")), ErrorCode::Fail) << "the checksum fails: the value is not handed out";
  EXPECT_VALUE(board, "a", "apple");
  reboot();  // on mount the record is not one: the key is gone, the others stay
  EXPECT_EQ(error(board.get("b")), ErrorCode::NoSupport);
  EXPECT_VALUE(board, "a", "apple");
  ASSERT_TRUE(ok(board.set("c", "cherry")));  // the log goes on after the bad record
  reboot();
  EXPECT_VALUE(board, "c", "cherry");
  EXPECT_VALUE(board, "a", "apple");
}

TEST_F(KvStoreTest, ATornWriteIsIgnoredAndTheOldValueStays) {
  ASSERT_TRUE(ok(board.set("k", "old value")));
  flash.cut_after = 0;  // the record's program is cut
  EXPECT_FALSE(board.set("k", "new value that is torn").has_value());
  reboot();
  EXPECT_VALUE(board, "k", "old value");
  ASSERT_TRUE(ok(board.set("k", "after the cut")));
  reboot();
  EXPECT_VALUE(board, "k", "after the cut");
}

TEST_F(KvStoreTest, AReplacementCutBeforeTheOldRecordDiesKeepsTheNewValueAndRepairs) {
  ASSERT_TRUE(ok(board.set("k", "old")));
  flash.cut_after = 1;  // the new record is written, the death mark of the old one is cut before it changed a bit
  flash.cut_changes_nothing = true;
  EXPECT_FALSE(board.set("k", "new").has_value());
  reboot();
  EXPECT_VALUE(board, "k", "new");
  ASSERT_TRUE(ok(board.remove("k")));
  reboot();  // the old record was marked dead at mount: the delete is not undone by it
  EXPECT_EQ(error(board.get("k")), ErrorCode::NoSupport);
}

// An erase cut short can bring bits back to 1 anywhere in the sector, a dead record's state word included, which
// would make it live again. The collection destroys the victim's header before erasing, so no mount reads it.
TEST_F(KvStoreTest, AnEraseCutShortNeverBringsADeletedKeyBack) {
  ASSERT_TRUE(ok(board.set("gone", "deleted value")));
  ASSERT_TRUE(ok(board.set("keep", "kept")));
  ASSERT_TRUE(ok(board.remove("gone")));
  flash.cut_at_erase_of = 0;  // the victim is the first sector (the head, collected into a fresh one)
  flash.cut_changes_nothing = true;
  EXPECT_FALSE(board.collect().has_value());
  std::string const image(flash.bytes.begin(), flash.bytes.begin() + 1024);
  size_t const value_at = image.find("deleted value");
  ASSERT_NE(value_at, std::string::npos);
  size_t const record = value_at - keel::capsules::kv::kRecordHeaderSize;
  ASSERT_EQ(flash.bytes[record], 0x00) << "the record was marked dead";
  flash.bytes[record] = 0xff;  // what the partial erase did: the state word reads live again
  flash.bytes[record + 1] = 0xff;
  reboot();
  EXPECT_EQ(error(board.get("gone")), ErrorCode::NoSupport);
  EXPECT_VALUE(board, "keep", "kept");
}

TEST_F(KvStoreTest, AFlashErrorFailsTheOperationAndUnmounts) {
  ASSERT_TRUE(ok(board.set("k", "v")));
  flash.fail_next = true;
  EXPECT_EQ(error(board.set("k", "w")), ErrorCode::Fail);
  EXPECT_FALSE(board.store().is_mounted());
  EXPECT_EQ(error(board.get("k")), ErrorCode::Off);
  ASSERT_TRUE(ok(board.mount()));
  EXPECT_VALUE(board, "k", "v");
}

TEST_F(KvStoreTest, WorksWithAFourByteProgramUnit) {
  FakeNorFlash wide(4 * 1024, 1024, 4);
  Board b(wide);
  b.boot();
  ASSERT_TRUE(ok(b.mount()));
  for (int i = 0; i < 100; ++i) { ASSERT_TRUE(ok(b.set_collecting(named("k", static_cast<long>(i % 5)), std::to_string(i)))); }
  b.boot();
  ASSERT_TRUE(ok(b.mount()));
  EXPECT_VALUE(b, "k4", "99");
  EXPECT_EQ(wide.violations, 0);
}

TEST_F(KvStoreTest, AGeometryThatCannotHoldRecordsIsRefused) {
  FakeNorFlash one(1024, 1024);
  Board b(one);
  b.boot();
  EXPECT_EQ(error(b.mount()), ErrorCode::Inval);
  FakeNorFlash tiny(4 * 256, 256);
  Board c(tiny);
  c.boot();
  EXPECT_EQ(error(c.mount()), ErrorCode::Inval);
}

// ---- Crash consistency ----

/// What a key may read back as: its last completed value, or (its operation was cut) also the one in flight.
struct Expected {
  std::optional<std::string> value;             // none: absent
  std::optional<std::optional<std::string>> alternative;  // the cut operation's outcome, if one was cut
};

uint32_t model_live(std::map<std::string, Expected> const& model) {
  uint32_t total = 0;
  for (auto const& [key, e] : model) {
    if (e.value) { total += keel::capsules::kv::record_size(static_cast<uint32_t>(e.value->size())); }
  }
  return total;
}

TEST(KvStoreCrashTest, RandomOperationsWithPowerCutsNeverLoseACompletedOperationOrReturnGarbage) {
  FakeNorFlash flash(4 * 1024, 1024);
  Board board(flash);
  std::mt19937 random(20261202);
  flash.random.seed(7);
  std::vector<std::string> const keys = {"a", "bb", "ccc", "dddd", "e5", "f6", "g7", "h8"};
  std::map<std::string, Expected> model;
  for (auto const& k : keys) { model[k] = {}; }
  int cuts = 0, completed = 0, erases_cut = 0, mounts_cut = 0, collections_for_room = 0;
  uint64_t const changes_at_start = flash.changes_done;
  constexpr int kCycles = 10000;
  for (int cycle = 0; cycle < kCycles; ++cycle) {
    board.boot();
    // Some cycles cut the power during the mount itself (its repairs and the collection it finishes).
    flash.cut_after = std::uniform_int_distribution<int>(0, 9)(random) == 0 ? std::uniform_int_distribution<int>(0, 3)(random)
                                                                            : -1;
    std::optional<Result<void>> const mounted = board.mount();
    if (!mounted.has_value()) {
      ++mounts_cut;
      continue;
    }
    ASSERT_TRUE(mounted->is_ok()) << "cycle " << cycle << ": mount failed with " << static_cast<int>(mounted->error());
    // Every key reads back as allowed; what a cut operation left is settled now.
    for (auto& [key, e] : model) {
      std::optional<Result<void>> const got = board.get(key);
      ASSERT_TRUE(got.has_value());
      std::optional<std::string> read;
      if (got->is_ok()) {
        read = board.value();
      } else {
        ASSERT_EQ(got->error(), ErrorCode::NoSupport) << "cycle " << cycle << " key " << key;
      }
      bool const as_before = read == e.value;
      bool const as_cut = e.alternative.has_value() && read == *e.alternative;
      ASSERT_TRUE(as_before || as_cut) << "cycle " << cycle << " key " << key << " read "
                                       << (read ? *read : "<absent>") << " expected "
                                       << (e.value ? *e.value : "<absent>");
      e.value = read;
      e.alternative.reset();
    }
    flash.cut_after = std::uniform_int_distribution<int>(0, 60)(random);
    while (flash.powered()) {
      std::string const& key = keys[random() % keys.size()];
      Expected& e = model[key];
      int const kind = static_cast<int>(random() % 20);
      std::string const value = joined(named("", cycle), joined(":", std::string(random() % 90, static_cast<char>('a' + random() % 26))));
      uint32_t const size = keel::capsules::kv::record_size(static_cast<uint32_t>(value.size()));
      if (kind < 12) {  // set, add or update
        SetMode const mode = kind < 8 ? SetMode::Any : kind < 10 ? SetMode::MustBeAbsent : SetMode::MustExist;
        bool const refused = (mode == SetMode::MustBeAbsent && e.value) || (mode == SetMode::MustExist && !e.value);
        uint32_t const replaced = e.value ? keel::capsules::kv::record_size(static_cast<uint32_t>(e.value->size())) : 0;
        bool const full = model_live(model) - replaced + size > board.store().capacity();
        std::optional<Result<void>> r = board.set(key, value, 1, mode);
        if (r.has_value() && !refused && !full && error(r) == ErrorCode::NoMem) {
          // No room without a collection (a set never collects): collect, then it must fit.
          std::optional<Result<void>> const collected = board.collect();
          if (!collected.has_value()) { break; }
          ASSERT_TRUE(collected->is_ok());
          ++collections_for_room;
          r = board.set(key, value, 1, mode);
        }
        if (!r.has_value()) {
          e.alternative = value;
          break;
        }
        if (refused) {
          ASSERT_EQ(error(r), ErrorCode::NoSupport);
        } else if (full) {
          ASSERT_EQ(error(r), ErrorCode::NoMem);
        } else {
          ASSERT_TRUE(r->is_ok()) << "cycle " << cycle << ": set failed with " << static_cast<int>(r->error());
          e.value = value;
          ++completed;
        }
      } else if (kind < 17) {
        std::optional<Result<void>> const r = board.remove(key);
        if (!r.has_value()) {
          e.alternative = std::optional<std::string>();
          break;
        }
        if (e.value) {
          ASSERT_TRUE(r->is_ok());
          e.value.reset();
          ++completed;
        } else {
          ASSERT_EQ(error(r), ErrorCode::NoSupport);
        }
      } else if (kind < 19) {
        std::optional<Result<void>> const r = board.collect();
        if (!r.has_value()) { break; }
        ASSERT_TRUE(r->is_ok());
      } else {
        std::optional<Result<void>> const r = board.get(key);
        ASSERT_TRUE(r.has_value());
        if (e.value) {
          ASSERT_TRUE(r->is_ok());
          ASSERT_EQ(board.value(), *e.value);
        } else {
          ASSERT_EQ(error(r), ErrorCode::NoSupport);
        }
      }
    }
    if (!flash.powered()) { ++cuts; }
    ASSERT_EQ(flash.violations, 0) << "cycle " << cycle;
  }
  erases_cut = flash.cuts_in_erase;
  EXPECT_GT(erases_cut, 20) << "some cuts land in erases (garbage collection, or opening a sector)";
  EXPECT_GT(cuts, kCycles / 2);
  EXPECT_GT(completed, kCycles * 5);
  EXPECT_GT(mounts_cut, 0) << "a mount that repairs a replacement can be cut too";
  EXPECT_GT(flash.erases, 200) << "garbage collection ran often";
  EXPECT_GT(collections_for_room, 50);
  std::printf("cycles %d, power cuts %d (%d in mount, %d in an erase), completed operations %d, collections for "
              "room %d, erases %d, flash changes %llu\n",
              kCycles, cuts + mounts_cut, mounts_cut, erases_cut, completed, collections_for_room, flash.erases,
              static_cast<unsigned long long>(flash.changes_done - changes_at_start));
}

}  // namespace
