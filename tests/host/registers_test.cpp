// The typed register layer against register blocks placed in ordinary memory, using the paper's USB endpoint
// control register (EpCtl: Enable = bit 31, ClearNak = bit 26, Stall = bit 21).
#include "kernel/core/registers.h"

#include <gtest/gtest.h>

#include <cstring>
#include <type_traits>

namespace {

using namespace keel::mmio;

namespace ep_ctl {
struct Tag;
inline constexpr Field<uint32_t, Tag> enable{31, 31};
inline constexpr Field<uint32_t, Tag> clear_nak{26, 26};
inline constexpr Field<uint32_t, Tag> stall{21, 21};
inline constexpr Field<uint32_t, Tag> max_packet_size{10, 0};
}  // namespace ep_ctl

namespace ep_status {
struct Tag;
inline constexpr Field<uint32_t, Tag> transfer_complete{0, 0};
}  // namespace ep_status

struct UsbEndpoint {
  ReadWrite<uint32_t, ep_ctl::Tag> ctl;
  ReadOnly<uint32_t, ep_status::Tag> status;
  WriteOnly<uint32_t> doorbell;
  Reserved<4> reserved;
  ReadWrite<uint8_t> byte;
};
KEEL_REGISTER_AT(UsbEndpoint, ctl, 0x0);
KEEL_REGISTER_AT(UsbEndpoint, status, 0x4);
KEEL_REGISTER_AT(UsbEndpoint, doorbell, 0x8);
KEEL_REGISTER_AT(UsbEndpoint, byte, 0x10);

uint32_t raw(UsbEndpoint const& endpoint) { return endpoint.ctl.get(); }

TEST(Registers, EpCtlBitsAreThePapers) {
  EXPECT_EQ(ep_ctl::enable.set().value, 1U << 31);
  EXPECT_EQ(ep_ctl::clear_nak.set().value, 1U << 26);
  EXPECT_EQ(ep_ctl::stall.set().value, 1U << 21);
}

TEST(Registers, ModifyLeavesOtherFieldsIntact) {
  UsbEndpoint endpoint;
  std::memset(&endpoint, 0, sizeof endpoint);
  endpoint.ctl.write(ep_ctl::max_packet_size.val(64) + ep_ctl::stall.set());
  EXPECT_EQ(raw(endpoint), (1U << 21) | 64U);

  endpoint.ctl.modify(ep_ctl::enable.set() + ep_ctl::clear_nak.set());
  EXPECT_EQ(raw(endpoint), (1U << 31) | (1U << 26) | (1U << 21) | 64U);
  EXPECT_EQ(endpoint.ctl.read(ep_ctl::max_packet_size), 64U);

  endpoint.ctl.modify(ep_ctl::stall.clear());
  EXPECT_FALSE(endpoint.ctl.is_set(ep_ctl::stall));
  EXPECT_TRUE(endpoint.ctl.is_set(ep_ctl::enable));
  EXPECT_EQ(endpoint.ctl.read(ep_ctl::max_packet_size), 64U);

  endpoint.ctl.modify(ep_ctl::max_packet_size.val(0x7ff));
  EXPECT_EQ(raw(endpoint), (1U << 31) | (1U << 26) | 0x7ffU);
}

TEST(Registers, WriteClearsUnnamedFields) {
  UsbEndpoint endpoint;
  endpoint.ctl.set(0xffffffffU);
  endpoint.ctl.write(ep_ctl::enable.set());
  EXPECT_EQ(raw(endpoint), 1U << 31);
}

TEST(Registers, ExtractTakesOneSnapshot) {
  UsbEndpoint endpoint;
  endpoint.ctl.set((1U << 31) | 5U);
  auto snapshot = endpoint.ctl.extract();
  endpoint.ctl.set(0);
  EXPECT_TRUE(snapshot.is_set(ep_ctl::enable));
  EXPECT_EQ(snapshot.read(ep_ctl::max_packet_size), 5U);
  EXPECT_TRUE(snapshot.matches(ep_ctl::enable.set() + ep_ctl::stall.clear()));
  EXPECT_FALSE(snapshot.matches(ep_ctl::stall.set()));
}

TEST(Registers, RuntimeValuesAreCheckedAgainstTheFieldWidth) {
  EXPECT_TRUE(ep_ctl::max_packet_size.checked(0x7ff).is_some());
  EXPECT_TRUE(ep_ctl::max_packet_size.checked(0x800).is_none());
}

// Compile-time checks: these expressions are constant only when the value fits the field.
template <uint32_t V> concept FitsMaxPacket = requires { typename std::integral_constant<uint32_t, ep_ctl::max_packet_size.val(V).value>; };
static_assert(FitsMaxPacket<0x7ff>);
static_assert(!FitsMaxPacket<0x800>, "a constant wider than its field must not compile");

// The access kind is the trusted cell's: a read-only register has no set, a write-only one no get.
template <typename Register> concept Gettable = requires(Register const& r) { r.get(); };
template <typename Register> concept Settable = requires(Register& r) { r.set(0U); };
static_assert(Gettable<ReadOnly<uint32_t>> && !Settable<ReadOnly<uint32_t>>);
static_assert(!Gettable<WriteOnly<uint32_t>> && Settable<WriteOnly<uint32_t>>);
static_assert(Gettable<ReadWrite<uint32_t>> && Settable<ReadWrite<uint32_t>>);

// A register is its cell and nothing more, so blocks keep the datasheet's layout (and offsetof is defined).
static_assert(sizeof(ReadWrite<uint8_t>) == 1 && sizeof(ReadOnly<uint16_t>) == 2 && sizeof(WriteOnly<uint64_t>) == 8);
static_assert(std::is_standard_layout_v<UsbEndpoint> && std::is_trivially_default_constructible_v<UsbEndpoint>);

// The cell holds unsigned integers of a register's width only: no references, pointers, signed or bool values.
template <typename T> concept CellOf = requires { typename RegisterCell<T, Access::ReadWrite>; };
static_assert(CellOf<uint8_t> && CellOf<uint16_t> && CellOf<uint32_t> && CellOf<uint64_t>);
static_assert(!CellOf<uint32_t&> && !CellOf<uint32_t*> && !CellOf<int32_t> && !CellOf<bool>);

}  // namespace
