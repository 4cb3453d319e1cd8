// SPDX-License-Identifier: Apache-2.0
// Memop (class 5): the break and the bounds of this process's memory.
#include "keel/calls.h"

keel_syscall_return keel_memop_raw(uint32_t operation, uint32_t argument) {
  return keel_syscall(KEEL_CLASS_MEMOP, operation, argument, 0, 0);
}

keel_status keel_brk(void* new_break) {
  return keel_decode(keel_memop_raw(KEEL_MEMOP_BRK, (uint32_t)(uintptr_t)new_break), KEEL_VARIANT_SUCCESS);
}

keel_status keel_sbrk(int32_t increment, void** old_break) {
  keel_syscall_return r = keel_memop_raw(KEEL_MEMOP_SBRK, (uint32_t)increment);
  keel_status status = keel_decode(r, KEEL_VARIANT_SUCCESS_U32);
  if (status == KEEL_OK && old_break != NULL) *old_break = (void*)(uintptr_t)r.r1;
  return status;
}

static void* address_query(uint32_t operation) {
  keel_syscall_return r = keel_memop_raw(operation, 0);
  if (keel_decode(r, KEEL_VARIANT_SUCCESS_U32) != KEEL_OK) return NULL;
  return (void*)(uintptr_t)r.r1;
}

void* keel_memory_start(void) { return address_query(KEEL_MEMOP_MEMORY_START); }
void* keel_memory_end(void) { return address_query(KEEL_MEMOP_MEMORY_END); }
void* keel_flash_start(void) { return address_query(KEEL_MEMOP_FLASH_START); }
void* keel_flash_end(void) { return address_query(KEEL_MEMOP_FLASH_END); }
void* keel_grant_start(void) { return address_query(KEEL_MEMOP_GRANT_START); }

keel_status keel_writeable_flash_region_count(uint32_t* count) {
  keel_syscall_return r = keel_memop_raw(KEEL_MEMOP_WRITEABLE_FLASH_COUNT, 0);
  keel_status status = keel_decode(r, KEEL_VARIANT_SUCCESS_U32);
  if (status == KEEL_OK && count != NULL) *count = r.r1;
  return status;
}

keel_status keel_writeable_flash_region(uint32_t index, void** start, void** end) {
  keel_syscall_return first = keel_memop_raw(KEEL_MEMOP_WRITEABLE_FLASH_START, index);
  keel_status status = keel_decode(first, KEEL_VARIANT_SUCCESS_U32);
  if (status != KEEL_OK) return status;
  keel_syscall_return last = keel_memop_raw(KEEL_MEMOP_WRITEABLE_FLASH_END, index);
  status = keel_decode(last, KEEL_VARIANT_SUCCESS_U32);
  if (status != KEEL_OK) return status;
  if (start != NULL) *start = (void*)(uintptr_t)first.r1;
  if (end != NULL) *end = (void*)(uintptr_t)last.r1;
  return KEEL_OK;
}

keel_status keel_debug_stack_top(void* stack_top) {
  return keel_decode(keel_memop_raw(KEEL_MEMOP_DEBUG_STACK_TOP, (uint32_t)(uintptr_t)stack_top),
                     KEEL_VARIANT_SUCCESS);
}

keel_status keel_debug_heap_start(void* heap_start) {
  return keel_decode(keel_memop_raw(KEEL_MEMOP_DEBUG_HEAP_START, (uint32_t)(uintptr_t)heap_start),
                     KEEL_VARIANT_SUCCESS);
}
