// SPDX-License-Identifier: Apache-2.0
// The little a C++ app needs beyond the C library, for C++ without exceptions and RTTI (the apps' flags): no C++
// standard library is linked (Debian's libstdc++ for these targets is neither position-independent nor built for
// picolibc's rv32 multilib). An archive member, so an app links it only if its code refers to one of these.
//
// Given here: operator new/delete on malloc/free (new ends the process with KEEL_EXIT_OUT_OF_MEMORY on exhaustion:
// without exceptions it has no other way to report it), the handlers for a call to a pure virtual or deleted virtual
// function (KEEL_EXIT_PURE_VIRTUAL), and (newlib only; picolibc has its own) the __dso_handle that global destructors
// registered with __cxa_atexit name. Global constructors need nothing here: the start-up code runs .init_array
// (runtime/start.c).
#include <stddef.h>
#include <stdlib.h>

#include "keel/console.h"
#include "keel/runtime.h"

namespace {

// Says why, then ends the process at once: no atexit handlers or global destructors, which could meet the same
// trouble. (Not abort(): picolibc's raises a signal through getpid/kill, which Keel does not have.)
template <size_t N>
[[noreturn]] void fail(const char (&why)[N], uint32_t completion_code) {
  keel_stdout_flush();
  (void)keel_console_write(why, N - 1);
  keel_exit_terminate(completion_code);
}

}  // namespace

void* operator new(size_t size) {
  void* memory = malloc(size == 0 ? 1 : size);
  if (memory == nullptr) fail("C++: operator new: out of memory\n", KEEL_EXIT_OUT_OF_MEMORY);
  return memory;
}

void* operator new[](size_t size) { return operator new(size); }

void operator delete(void* memory) noexcept { free(memory); }
void operator delete[](void* memory) noexcept { free(memory); }
void operator delete(void* memory, size_t /*size*/) noexcept { free(memory); }
void operator delete[](void* memory, size_t /*size*/) noexcept { free(memory); }

extern "C" {

[[noreturn]] void __cxa_pure_virtual() { fail("C++: pure virtual function called\n", KEEL_EXIT_PURE_VIRTUAL); }
[[noreturn]] void __cxa_deleted_virtual() { fail("C++: deleted virtual function called\n", KEEL_EXIT_PURE_VIRTUAL); }

#if !defined(__PICOLIBC__)
// One program, no shared objects: the handle only has to exist (newlib's exit runs every registered destructor).
void* __dso_handle = nullptr;
#endif

}  // extern "C"
