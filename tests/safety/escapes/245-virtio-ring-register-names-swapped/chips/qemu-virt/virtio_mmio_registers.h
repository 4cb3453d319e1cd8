// SPDX-License-Identifier: Apache-2.0
// Register block of one virtio-mmio transport, modern interface (virtio 1.1, section 4.2.2 "MMIO Device Register
// Layout", Version 2). QEMU's virt machine has eight, at 0x1000_1000 + n * 0x1000 (hw/riscv/virt.c VIRT_VIRTIO;
// model in hw/virtio/virtio-mmio.c, modern when `-global virtio-mmio.force-legacy=false`). The block is padded to
// the 0x1000 slot stride so the eight slots map as one VirtioMmioSlots array; device-specific configuration space
// (offset 0x100) is not used by Keel's devices and stays inside the padding.
//
// Not trusted: the device takes its DMA addresses from the ring registers, so the trusted program_rings
// (virtqueue_shared.h) checks that this layout puts RingRegisters (written only by it, from static rings) exactly
// where the device reads them, and that the block is one slot long; board support maps the slots itself.
#pragma once

#include <stddef.h>

#include "chips/qemu-virt/memory_map.h"
#include "chips/qemu-virt/virtqueue_shared.h"
#include "kernel/core/array.h"
#include "kernel/core/registers.h"

namespace keel::chips::qemu_virt {

/// Device status field (virtio 1.1 section 2.1).
namespace virtio_status {
struct Tag;
inline constexpr mmio::Field<uint32_t, Tag> acknowledge{0, 0};
inline constexpr mmio::Field<uint32_t, Tag> driver{1, 1};
inline constexpr mmio::Field<uint32_t, Tag> driver_ok{2, 2};
inline constexpr mmio::Field<uint32_t, Tag> features_ok{3, 3};
inline constexpr mmio::Field<uint32_t, Tag> device_needs_reset{6, 6};
inline constexpr mmio::Field<uint32_t, Tag> failed{7, 7};
}  // namespace virtio_status

/// InterruptStatus / InterruptACK bits (section 4.2.2).
namespace virtio_interrupt {
struct Tag;
inline constexpr mmio::Field<uint32_t, Tag> used_buffer{0, 0};
inline constexpr mmio::Field<uint32_t, Tag> configuration_change{1, 1};
}  // namespace virtio_interrupt

struct VirtioMmioRegisters {
  /// 0x74726976 ("virt" in little-endian ASCII).
  mmio::ReadOnly<uint32_t> magic_value;
  /// 2 for the modern interface, 1 for legacy.
  mmio::ReadOnly<uint32_t> version;
  /// 0: no device in this slot.
  mmio::ReadOnly<uint32_t> device_id;
  mmio::ReadOnly<uint32_t> vendor_id;
  /// Feature bits 32 * DeviceFeaturesSel ... + 31.
  mmio::ReadOnly<uint32_t> device_features;
  mmio::WriteOnly<uint32_t> device_features_select;
  mmio::Reserved<0x20 - 0x18> reserved0;
  mmio::WriteOnly<uint32_t> driver_features;
  mmio::WriteOnly<uint32_t> driver_features_select;
  /// Legacy interface only (GuestPageSize): never written, so no register of this layout is there.
  RingRegister legacy_guest_page_size;
  mmio::Reserved<0x30 - 0x2C> reserved1;
  /// Selects the queue the Queue* registers below refer to.
  mmio::WriteOnly<uint32_t> queue_select;
  /// 0: the selected queue does not exist.
  mmio::ReadOnly<uint32_t> queue_size_max;
  RingRegister queue_size;
  /// Legacy interface only (QueueAlign, QueuePFN: where a version 1 transport takes the rings from): never written.
  RingRegister legacy_queue_align;
  RingRegister legacy_queue_pfn;
  RingRegister queue_ready;
  mmio::Reserved<0x50 - 0x48> reserved3;
  /// Written with a queue index: new buffers are available in it.
  mmio::WriteOnly<uint32_t> queue_notify;
  mmio::Reserved<0x60 - 0x54> reserved4;
  mmio::ReadOnly<uint32_t, virtio_interrupt::Tag> interrupt_status;
  mmio::WriteOnly<uint32_t, virtio_interrupt::Tag> interrupt_acknowledge;
  mmio::Reserved<0x70 - 0x68> reserved5;
  /// Writing 0 resets the device.
  mmio::ReadWrite<uint32_t, virtio_status::Tag> status;
  mmio::Reserved<0x80 - 0x74> reserved6;
  RingRegister queue_driver_low;
  RingRegister queue_driver_high;
  mmio::Reserved<0x90 - 0x88> reserved7;
  RingRegister queue_descriptor_low;
  RingRegister queue_descriptor_high;
  mmio::Reserved<0xA0 - 0x98> reserved8;
  RingRegister queue_device_low;
  RingRegister queue_device_high;
  mmio::Reserved<0xFC - 0xA8> reserved9;
  mmio::ReadOnly<uint32_t> config_generation;
  mmio::Reserved<kVirtioSlotStride - 0x100> configuration_and_padding;
};
static_assert(offsetof(VirtioMmioRegisters, magic_value) == 0x000);
static_assert(offsetof(VirtioMmioRegisters, version) == 0x004);
static_assert(offsetof(VirtioMmioRegisters, device_id) == 0x008);
static_assert(offsetof(VirtioMmioRegisters, vendor_id) == 0x00C);
static_assert(offsetof(VirtioMmioRegisters, device_features) == 0x010);
static_assert(offsetof(VirtioMmioRegisters, device_features_select) == 0x014);
static_assert(offsetof(VirtioMmioRegisters, driver_features) == 0x020);
static_assert(offsetof(VirtioMmioRegisters, driver_features_select) == 0x024);
static_assert(offsetof(VirtioMmioRegisters, queue_select) == 0x030);
static_assert(offsetof(VirtioMmioRegisters, queue_size_max) == 0x034);
static_assert(offsetof(VirtioMmioRegisters, queue_size) == 0x038);
static_assert(offsetof(VirtioMmioRegisters, queue_ready) == 0x044);
static_assert(offsetof(VirtioMmioRegisters, queue_notify) == 0x050);
static_assert(offsetof(VirtioMmioRegisters, interrupt_status) == 0x060);
static_assert(offsetof(VirtioMmioRegisters, interrupt_acknowledge) == 0x064);
static_assert(offsetof(VirtioMmioRegisters, status) == 0x070);
static_assert(offsetof(VirtioMmioRegisters, queue_driver_low) == 0x080);
static_assert(offsetof(VirtioMmioRegisters, queue_driver_high) == 0x084);
static_assert(offsetof(VirtioMmioRegisters, queue_descriptor_low) == 0x090);
static_assert(offsetof(VirtioMmioRegisters, queue_descriptor_high) == 0x094);
static_assert(offsetof(VirtioMmioRegisters, queue_device_low) == 0x0A0);
static_assert(offsetof(VirtioMmioRegisters, queue_device_high) == 0x0A4);
static_assert(offsetof(VirtioMmioRegisters, config_generation) == 0x0FC);
static_assert(sizeof(VirtioMmioRegisters) == kVirtioSlotStride);

/// All eight transports, mapped once at kVirtioBase.
using VirtioMmioSlots = Array<VirtioMmioRegisters, kVirtioSlots>;

}  // namespace keel::chips::qemu_virt
