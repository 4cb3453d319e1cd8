// The paper's Figure 1 stack: a fake entropy source -> RandomFromEntropy -> RngDriver (driver 0x40001) -> processes.
#include <gtest/gtest.h>

#include <set>

#include "capsule_fixture.h"
#include "capsules/rng/random_from_entropy.h"
#include "capsules/rng_driver.h"

namespace {

using keel::ErrorCode;
using keel::capsules::RandomFromEntropy;
using keel::capsules::RngDriver;
using keel_test::static_ref;
using keel::hil::entropy::Continue;
using namespace keel_test;

constexpr uint32_t kDriver = RngDriver::kDriverNumber;

std::vector<uint8_t> bytes_from(uint8_t first, size_t count) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i < count; ++i) { out.push_back(static_cast<uint8_t>(first + i)); }
  return out;
}

class RecordingRngClient final : public keel::hil::rng::Client {
 public:
  Continue randomness_available(keel::Slice<uint8_t const> bytes, keel::Result<void> status) const override {
    seen += as_string(bytes);
    ok = status.is_ok();
    return answer;
  }
  mutable std::string seen;
  mutable bool ok = false;
  Continue answer = Continue::More;
};

TEST(RandomFromEntropy, PassesBatchesThroughAndTheClientDecidesWhetherMoreComes) {
  FakeEntropy entropy;
  RandomFromEntropy rng(static_ref(entropy));
  entropy.set_client(static_ref(rng));
  RecordingRngClient client;
  rng.set_client(static_ref(client));
  EXPECT_TRUE(rng.get().is_ok());
  EXPECT_EQ(entropy.gets, 1);
  EXPECT_EQ(entropy.deliver({'a', 'b'}), Continue::More);
  client.answer = Continue::Done;
  EXPECT_EQ(entropy.deliver({'c'}), Continue::Done);
  EXPECT_EQ(client.seen, "abc");
  EXPECT_TRUE(client.ok);
  EXPECT_TRUE(rng.cancel().is_ok());
  EXPECT_EQ(entropy.cancels, 1);
  entropy.refuse = true;
  EXPECT_EQ(rng.get().error(), ErrorCode::Off);
}

TEST(RandomFromEntropy, WithoutAClientNobodyWantsMore) {
  FakeEntropy entropy;
  RandomFromEntropy rng(static_ref(entropy));
  entropy.set_client(static_ref(rng));
  EXPECT_TRUE(rng.get().is_ok());
  EXPECT_EQ(entropy.deliver({1, 2, 3}), Continue::Done);
}

class RngDriverTest : public CapsuleTest {
 protected:
  RngDriverTest() {
    entropy.set_client(static_ref(rng));
    rng.set_client(static_ref(driver));
    platform.drivers[kDriver] = &driver;
    load_processes(3);
    for (size_t i = 0; i < 3; ++i) { subscribe(i, kDriver, 0); }
  }
  std::string buffer_of(size_t i, size_t length) { return get_bytes(buffer_address(i), length); }

  FakeEntropy entropy;
  RandomFromEntropy rng{static_ref(entropy)};
  RngDriver driver{kernel, static_ref(rng)};
};

TEST_F(RngDriverTest, FillsTheSmallerOfRequestAndBufferThenReportsHowMany) {
  allow_readwrite(0, kDriver, 0, 16);
  EXPECT_EQ(command(0, kDriver, 1, 10)[0], kSuccess);
  EXPECT_TRUE(entropy.running);
  EXPECT_EQ(entropy.deliver(bytes_from(1, 4)), Continue::More);
  EXPECT_FALSE(take_upcall(0, kDriver, 0));
  EXPECT_EQ(entropy.deliver(bytes_from(5, 8)), Continue::Done) << "nobody waits any more";
  auto const upcall = take_upcall(0, kDriver, 0);
  ASSERT_TRUE(upcall);
  EXPECT_EQ((*upcall)[0], 0U);
  EXPECT_EQ((*upcall)[1], 10U);
  EXPECT_EQ((*upcall)[2], 0U);
  EXPECT_EQ(buffer_of(0, 11), std::string({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0}));

  allow_readwrite(0, kDriver, 0, 3);
  EXPECT_EQ(command(0, kDriver, 1, 100)[0], kSuccess);
  EXPECT_EQ(entropy.deliver(bytes_from(20, 8)), Continue::Done);
  EXPECT_EQ((*take_upcall(0, kDriver, 0))[1], 3U) << "capped by the allowed buffer";
}

TEST_F(RngDriverTest, NoByteEverGoesToTwoProcesses) {
  allow_readwrite(0, kDriver, 0, 6);
  allow_readwrite(1, kDriver, 0, 6);
  allow_readwrite(2, kDriver, 0, 6);
  for (size_t i = 0; i < 3; ++i) { command(i, kDriver, 1, 6); }
  EXPECT_EQ(entropy.gets, 1) << "one generator run serves everyone";
  uint8_t next = 1;
  while (entropy.running) {
    entropy.deliver(bytes_from(next, 5));
    next = static_cast<uint8_t>(next + 5);
  }
  std::set<char> seen;
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(take_upcall(i, kDriver, 0));
    for (char c : buffer_of(i, 6)) { EXPECT_TRUE(seen.insert(c).second) << "byte " << int(c) << " given twice"; }
  }
  EXPECT_EQ(seen.size(), 18U);
}

TEST_F(RngDriverTest, ProcessesAreServedInTurnBatchByBatch) {
  allow_readwrite(0, kDriver, 0, 8);
  allow_readwrite(1, kDriver, 0, 8);
  command(0, kDriver, 1, 8);
  command(1, kDriver, 1, 8);
  entropy.deliver(bytes_from(1, 4));  // process 0 first
  entropy.deliver(bytes_from(5, 4));  // then process 1 first
  EXPECT_EQ(buffer_of(0, 4), std::string({1, 2, 3, 4}));
  EXPECT_EQ(buffer_of(1, 4), std::string({5, 6, 7, 8})) << "a batch that one process could take whole is shared";
  EXPECT_EQ(entropy.deliver(bytes_from(9, 8)), Continue::Done);
  EXPECT_TRUE(take_upcall(0, kDriver, 0));
  EXPECT_TRUE(take_upcall(1, kDriver, 0));
}

TEST_F(RngDriverTest, NothingToFillCompletesAtOnceWithoutStartingTheSource) {
  EXPECT_EQ(command(0, kDriver, 1, 8)[0], kSuccess);
  EXPECT_EQ(entropy.gets, 0);
  auto const upcall = take_upcall(0, kDriver, 0);
  ASSERT_TRUE(upcall);
  EXPECT_EQ((*upcall)[1], 0U);
}

TEST_F(RngDriverTest, SourceThatCannotStartFailsTheCommand) {
  allow_readwrite(0, kDriver, 0, 8);
  entropy.refuse = true;
  auto const r = command(0, kDriver, 1, 8);
  EXPECT_EQ(r[0], kFailure);
  EXPECT_EQ(r[1], keel::to_number(ErrorCode::Off));
  entropy.refuse = false;
  EXPECT_EQ(command(0, kDriver, 1, 8)[0], kSuccess) << "a later request starts it";
  EXPECT_TRUE(entropy.running);
}

TEST_F(RngDriverTest, SourceErrorCompletesWaitingRequestsWithWhatTheyHave) {
  allow_readwrite(0, kDriver, 0, 8);
  command(0, kDriver, 1, 8);
  entropy.deliver(bytes_from(1, 3));
  EXPECT_EQ(entropy.deliver({}, keel::Error(ErrorCode::Fail)), Continue::Done);
  auto const upcall = take_upcall(0, kDriver, 0);
  ASSERT_TRUE(upcall);
  EXPECT_EQ((*upcall)[1], 3U);
}

TEST_F(RngDriverTest, ProcessThatEndedStopsTheSourceAtTheNextBatch) {
  allow_readwrite(0, kDriver, 0, 8);
  command(0, kDriver, 1, 8);
  terminate(0);
  EXPECT_EQ(entropy.deliver(bytes_from(1, 4)), Continue::Done);
  EXPECT_EQ(command(1, kDriver, 7)[1], keel::to_number(ErrorCode::NoSupport));
  EXPECT_EQ(command(1, kDriver, 0)[0], kSuccess);
}

}  // namespace
