# The qemu-virt chip drivers. Portable sources build for the host too (the host unit tests compile them); target
# sources use rv32 CSR instructions (arch/rv32/csr.h) and build only into the rv32 kernel. Boards include this file.
set(KEEL_QEMU_VIRT_PORTABLE_SOURCES
  ${CMAKE_SOURCE_DIR}/chips/qemu-virt/cfi_flash.cpp
  ${CMAKE_SOURCE_DIR}/chips/qemu-virt/clint.cpp
  ${CMAKE_SOURCE_DIR}/chips/qemu-virt/plic.cpp
  ${CMAKE_SOURCE_DIR}/chips/qemu-virt/uart_16550.cpp
  ${CMAKE_SOURCE_DIR}/chips/qemu-virt/virtio_mmio.cpp
  ${CMAKE_SOURCE_DIR}/chips/qemu-virt/virtio_rng.cpp
  ${CMAKE_SOURCE_DIR}/chips/qemu-virt/virtqueue.cpp
)
set(KEEL_QEMU_VIRT_TARGET_SOURCES
  ${CMAKE_SOURCE_DIR}/chips/qemu-virt/machine_timer_enable.cpp
  ${CMAKE_SOURCE_DIR}/chips/qemu-virt/qemu_virt_chip.cpp
)
