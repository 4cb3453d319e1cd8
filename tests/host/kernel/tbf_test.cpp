#include "kernel/tbf.h"

#include <gtest/gtest.h>

#include "../kernel_fixture.h"

namespace {

using keel_test::TbfBuilder;

keel::tbf::Parsed parse(std::vector<uint8_t> const& image) {
  return keel::tbf::parse(keel::Slice<uint8_t const>::from_raw_parts(image.data(), image.size()));
}

std::string reason(keel::tbf::Parsed const& p) { return keel_test::as_std_string(p.reason.slice()); }

void set32(std::vector<uint8_t>& image, size_t at, uint32_t value) {
  for (int i = 0; i < 4; ++i) { image[at + i] = static_cast<uint8_t>(value >> (8 * i)); }
}

/// Recomputes the checksum after a test edits header bytes, so the edit itself is what gets tested.
void fix_checksum(std::vector<uint8_t>& image) {
  uint32_t header_size = image[2] | (image[3] << 8);
  uint32_t checksum = 0;
  for (uint32_t at = 0; at < header_size; at += 4) {
    if (at == 12) { continue; }
    checksum ^= image[at] | (image[at + 1] << 8) | (image[at + 2] << 16) | (static_cast<uint32_t>(image[at + 3]) << 24);
  }
  set32(image, 12, checksum);
}

TEST(TbfParser, ReadsEveryFieldOfAValidApp) {
  TbfBuilder b;
  b.name = "hello";
  b.init_fn_offset = 8;
  b.minimum_ram = 6000;
  auto const image = b.build();  // kept: the name is read from it
  auto p = parse(image);
  ASSERT_EQ(p.outcome, keel::tbf::Outcome::App) << reason(p);
  EXPECT_EQ(p.header.version, 2);
  EXPECT_EQ(p.header.binary_offset(), 0x80U);
  EXPECT_EQ(p.header.header_size + p.header.init_fn_offset, 0x80U + 8U);
  EXPECT_EQ(p.header.minimum_ram_size, 6000U);
  EXPECT_TRUE(p.header.enabled());
  EXPECT_TRUE(p.header.has_fixed_addresses);
  EXPECT_EQ(p.header.fixed_ram, keel_test::kProcessRam);
  EXPECT_EQ(p.header.kernel_major, 2);
  EXPECT_EQ(keel_test::as_std_string(p.header.name_in(keel::Slice<uint8_t const>::from_raw_parts(image.data(), image.size()))), "hello");
}

TEST(TbfParser, CorruptedChecksumIsInvalidAtOffset12) {
  TbfBuilder b;
  b.corrupt_checksum = true;
  auto p = parse(b.build());
  EXPECT_EQ(p.outcome, keel::tbf::Outcome::Invalid);
  EXPECT_EQ(p.offset, 12U);
  EXPECT_EQ(reason(p), "checksum mismatch");
}

TEST(TbfParser, ErasedFlashEndsTheList) {
  std::vector<uint8_t> erased(64, 0xff);
  EXPECT_EQ(parse(erased).outcome, keel::tbf::Outcome::End);
  EXPECT_EQ(parse(std::vector<uint8_t>(8, 0)).outcome, keel::tbf::Outcome::End);
}

TEST(TbfParser, TotalSizePastTheRegionEndsTheList) {
  auto image = TbfBuilder{}.build();
  set32(image, 4, static_cast<uint32_t>(image.size()) + 4);
  fix_checksum(image);
  auto p = parse(image);
  EXPECT_EQ(p.outcome, keel::tbf::Outcome::End);
  EXPECT_EQ(reason(p), "total_size runs past the app region");
}

TEST(TbfParser, BadHeaderSizesAreInvalid) {
  for (uint16_t bad : {uint16_t{8}, uint16_t{18}, uint16_t{0xfffc}}) {
    auto image = TbfBuilder{}.build();
    image[2] = static_cast<uint8_t>(bad);
    image[3] = static_cast<uint8_t>(bad >> 8);
    auto p = parse(image);
    EXPECT_EQ(p.outcome, keel::tbf::Outcome::Invalid) << bad;
    EXPECT_EQ(p.offset, 2U);
  }
}

TEST(TbfParser, KnownTlvWithWrongLengthIsInvalid) {
  TbfBuilder b;
  b.extra_tlvs.push_back({5, std::vector<uint8_t>(6, 0)});  // fixed addresses must be 8 bytes
  auto p = parse(b.build());
  EXPECT_EQ(p.outcome, keel::tbf::Outcome::Invalid);
  EXPECT_EQ(reason(p), "fixed addresses TLV length is not 8");
}

TEST(TbfParser, UnknownTlvIsSkipped) {
  TbfBuilder b;
  b.extra_tlvs.push_back({0x77, std::vector<uint8_t>(5, 0xab)});
  EXPECT_EQ(parse(b.build()).outcome, keel::tbf::Outcome::App);
}

TEST(TbfParser, TlvRunningPastTheHeaderIsInvalid) {
  auto image = TbfBuilder{}.build();
  // The Program TLV sits at 16: claim a body longer than the header.
  image[18] = 0xf0;
  image[19] = 0x00;
  fix_checksum(image);
  auto p = parse(image);
  EXPECT_EQ(p.outcome, keel::tbf::Outcome::Invalid);
  EXPECT_EQ(p.offset, 16U);
  EXPECT_EQ(reason(p), "TLV runs past header_size");
}

TEST(TbfParser, BadUtf8NameIsInvalid) {
  TbfBuilder b;
  b.name = std::string("ab\xc3(", 4);
  auto p = parse(b.build());
  EXPECT_EQ(p.outcome, keel::tbf::Outcome::Invalid);
  EXPECT_EQ(reason(p), "package name is not valid UTF-8");
}

TEST(TbfParser, InitOutsideTheBinaryIsInvalid) {
  TbfBuilder b;
  b.init_fn_offset = 0x1000;
  auto p = parse(b.build());
  EXPECT_EQ(p.outcome, keel::tbf::Outcome::Invalid);
  EXPECT_EQ(reason(p), "init_fn_offset lies outside the app binary");
  b.init_fn_offset = b.binary_size - 2;
  EXPECT_EQ(parse(b.build()).outcome, keel::tbf::Outcome::App) << "the last halfword of the binary is fine";
}

TEST(TbfParser, HeaderOnlyObjectIsPadding) {
  std::vector<uint8_t> image(64, 0);
  image[0] = 2;
  image[2] = 16;
  set32(image, 4, 64);
  fix_checksum(image);
  EXPECT_EQ(parse(image).outcome, keel::tbf::Outcome::Padding);
}

TEST(TbfParser, Utf8Validation) {
  auto ok = [](std::string s) {
    return keel::tbf::is_valid_utf8(keel::Slice<uint8_t const>::from_raw_parts(
        reinterpret_cast<uint8_t const*>(s.data()), s.size()));
  };
  EXPECT_TRUE(ok("plain"));
  EXPECT_TRUE(ok("caf\xc3\xa9"));
  EXPECT_TRUE(ok("\xf0\x9f\x98\x80"));
  EXPECT_FALSE(ok("\xc0\xaf"));          // overlong
  EXPECT_FALSE(ok("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(ok("\xe2\x82"));          // truncated
  EXPECT_FALSE(ok("\xff"));
}

}  // namespace

namespace {

/// A storage permissions TLV body in Tock's packed layout.
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

keel::Slice<uint8_t const> view(std::vector<uint8_t> const& image) {
  return keel::Slice<uint8_t const>::from_raw_parts(image.data(), image.size());
}

/// What a storage driver gets: the permissions read from the TBF where parse says the TLV lies.
keel::tbf::StoragePermissions storage_of(std::vector<uint8_t> const& image, keel::tbf::Parsed const& p) {
  return keel::tbf::storage_permissions(view(image), p.header.storage_permissions_offset);
}

TEST(TbfStoragePermissions, AnAppWithoutTheTlvHasNone) {
  auto const image = TbfBuilder{}.build();
  auto p = parse(image);
  ASSERT_EQ(p.outcome, keel::tbf::Outcome::App);
  EXPECT_EQ(p.header.storage_permissions_offset, 0U);
  EXPECT_FALSE(storage_of(image, p).present);
  EXPECT_EQ(storage_of(image, p).write_id, 0U);
}

TEST(TbfStoragePermissions, WriteReadAndModifyIdsAreRead) {
  TbfBuilder b;
  // 4 + 2 + 8 + 2 + 4 = 20 bytes, then an odd-length one (2 read ids, 1 modify id: 22 bytes, padded to 24).
  b.extra_tlvs.push_back({7, storage_tlv(0x1234, {0x1234, 7}, {0x1234, 9, 10})});
  auto const image = b.build();
  auto p = parse(image);
  ASSERT_EQ(p.outcome, keel::tbf::Outcome::App) << reason(p);
  keel::tbf::StoragePermissions const s = storage_of(image, p);
  EXPECT_TRUE(s.present);
  EXPECT_EQ(s.write_id, 0x1234U);
  ASSERT_EQ(s.read_count, 2U);
  EXPECT_EQ(s.read_ids[0], 0x1234U);
  EXPECT_EQ(s.read_ids[1], 7U);
  ASSERT_EQ(s.modify_count, 3U);
  EXPECT_EQ(s.modify_ids[0], 0x1234U);
  EXPECT_EQ(s.modify_ids[1], 9U);
  EXPECT_EQ(s.modify_ids[2], 10U);
  EXPECT_EQ(s.modify_ids[3], 0U);
}

TEST(TbfStoragePermissions, OddLengthTlvIsPaddedAndTheNextTlvStillRead) {
  TbfBuilder b;
  b.extra_tlvs.push_back({7, storage_tlv(5, {5}, {})});  // 14 bytes: 2 of padding follow
  b.extra_tlvs.push_back({10, {0x78, 0x56, 0x34, 0x12}});
  auto const image = b.build();
  auto p = parse(image);
  ASSERT_EQ(p.outcome, keel::tbf::Outcome::App) << reason(p);
  EXPECT_EQ(storage_of(image, p).write_id, 5U);
  EXPECT_EQ(storage_of(image, p).read_count, 1U);
  EXPECT_EQ(storage_of(image, p).modify_count, 0U);
  EXPECT_TRUE(p.header.has_short_id);
  EXPECT_EQ(p.header.short_id, 0x12345678U);
}

TEST(TbfStoragePermissions, NoWriteIdIsZeroAndStillPresent) {
  TbfBuilder b;
  b.extra_tlvs.push_back({7, storage_tlv(0, {3}, {})});
  auto const image = b.build();
  auto p = parse(image);
  ASSERT_EQ(p.outcome, keel::tbf::Outcome::App) << reason(p);
  EXPECT_TRUE(storage_of(image, p).present);
  EXPECT_EQ(storage_of(image, p).write_id, 0U) << "read-only: may read id 3, has no write id";
}

TEST(TbfStoragePermissions, TheLastTlvIsTheOneRead) {
  TbfBuilder b;
  b.extra_tlvs.push_back({7, storage_tlv(1, {1}, {1})});
  b.extra_tlvs.push_back({7, storage_tlv(2, {2, 3}, {})});
  auto const image = b.build();
  auto p = parse(image);
  ASSERT_EQ(p.outcome, keel::tbf::Outcome::App) << reason(p);
  EXPECT_EQ(storage_of(image, p).write_id, 2U);
  EXPECT_EQ(storage_of(image, p).read_count, 2U);
}

TEST(TbfStoragePermissions, ReadingGrantsNothingWhereParseWouldRefuse) {
  TbfBuilder b;
  b.extra_tlvs.push_back({7, storage_tlv(0x42, {0x42}, {0x42})});
  auto image = b.build();
  auto p = parse(image);
  ASSERT_EQ(p.outcome, keel::tbf::Outcome::App) << reason(p);
  uint32_t const at = p.header.storage_permissions_offset;
  ASSERT_GT(at, 20U);
  EXPECT_TRUE(keel::tbf::storage_permissions(view(image), at).present);
  // Offsets that name no Storage Permissions TLV: none, inside its body, past the TBF, or the TBF cut short.
  EXPECT_FALSE(keel::tbf::storage_permissions(view(image), 0).present);
  EXPECT_FALSE(keel::tbf::storage_permissions(view(image), 16).present);
  EXPECT_FALSE(keel::tbf::storage_permissions(view(image), at + 4).present);
  EXPECT_FALSE(keel::tbf::storage_permissions(view(image), 0xfffffffcU).present);
  EXPECT_FALSE(keel::tbf::storage_permissions(view(image).first(at + 8), at).present);
  // Bytes changed behind the loader's back to what it refuses (9 read ids) read as no permissions at all.
  image[at + 4] = 9;
  fix_checksum(image);
  EXPECT_FALSE(keel::tbf::storage_permissions(view(image), at).present);
  EXPECT_EQ(reason(parse(image)), "storage permissions TLV is shorter than its counts");
}

TEST(TbfStoragePermissions, MalformedOrOversizedTlvsAreRefused) {
  struct Bad {
    std::vector<uint8_t> body;
    std::string reason;
  };
  std::vector<uint8_t> short_reads = storage_tlv(1, {1, 2}, {});
  short_reads.resize(10);  // claims 2 read ids, holds one
  std::vector<uint8_t> no_modify_count = storage_tlv(1, {}, {});
  no_modify_count.resize(6);
  std::vector<uint8_t> short_modifies = storage_tlv(1, {}, {4});
  short_modifies.resize(10);
  std::vector<Bad> const cases = {
      {{1, 0, 0, 0, 0}, "storage permissions TLV is too short"},
      {short_reads, "storage permissions TLV is shorter than its counts"},
      {no_modify_count, "storage permissions TLV is shorter than its counts"},
      {short_modifies, "storage permissions TLV is shorter than its counts"},
      {storage_tlv(1, std::vector<uint32_t>(9, 1), {}), "storage permissions TLV has more than 8 read ids"},
      {storage_tlv(1, {}, std::vector<uint32_t>(9, 1)), "storage permissions TLV has more than 8 modify ids"},
  };
  for (Bad const& bad : cases) {
    TbfBuilder b;
    b.extra_tlvs.push_back({7, bad.body});
    auto p = parse(b.build());
    EXPECT_EQ(p.outcome, keel::tbf::Outcome::Invalid) << bad.reason;
    EXPECT_EQ(reason(p), bad.reason);
  }
  TbfBuilder most;
  most.extra_tlvs.push_back({7, storage_tlv(1, std::vector<uint32_t>(8, 2), std::vector<uint32_t>(8, 3))});
  auto const image = most.build();
  auto const p = parse(image);
  EXPECT_EQ(p.outcome, keel::tbf::Outcome::App) << "8 of each is the most, and allowed";
  EXPECT_EQ(storage_of(image, p).read_count, 8U);
  EXPECT_EQ(storage_of(image, p).modify_ids[7], 3U);
}

TEST(TbfWriteableRegions, ReadFromTheTbfInHeaderOrderUpToFour) {
  auto region_tlv = [](std::vector<std::pair<uint32_t, uint32_t>> const& regions) {
    std::vector<uint8_t> body;
    for (auto const& [offset, size] : regions) {
      for (uint32_t v : {offset, size}) {
        for (int i = 0; i < 4; ++i) { body.push_back(static_cast<uint8_t>(v >> (8 * i))); }
      }
    }
    return body;
  };
  TbfBuilder b;
  b.binary_size = 0x400;  // the regions lie inside the app
  b.extra_tlvs.push_back({2, region_tlv({{0x100, 0x40}, {0x200, 0x80}})});
  b.extra_tlvs.push_back({10, {1, 0, 0, 0}});
  b.extra_tlvs.push_back({2, region_tlv({{0x300, 0x10}, {0x340, 0x20}, {0x380, 0x8}})});
  auto const image = b.build();
  auto const p = parse(image);
  ASSERT_EQ(p.outcome, keel::tbf::Outcome::App) << reason(p);
  EXPECT_EQ(p.header.writeable_region_count, 4U);
  std::vector<std::pair<uint32_t, uint32_t>> read;
  for (uint32_t i = 0; i < 6; ++i) {
    auto const r = keel::tbf::writeable_regions(view(image), i);
    EXPECT_EQ(r.count, 4U);
    if (r.chosen.is_some()) { read.emplace_back(r.chosen.value().offset, r.chosen.value().size); }
  }
  std::vector<std::pair<uint32_t, uint32_t>> const expected = {{0x100, 0x40}, {0x200, 0x80}, {0x300, 0x10}, {0x340, 0x20}};
  EXPECT_EQ(read, expected) << "the fifth region is checked but not offered, as before";
  auto const none = keel::tbf::writeable_regions(view(TbfBuilder{}.build()), 0);
  EXPECT_EQ(none.count, 0U);
  EXPECT_TRUE(none.chosen.is_none());
}

}  // namespace
