// SPDX-License-Identifier: Apache-2.0
// Sizes of the kernel's per-process state on the target, for bench/run-bench: compiled (never linked) with the
// kernel's own flags, each size becomes the size of a zero-filled array, which `nm -S` on the object file reads
// back. Compiling for the target matters: a host compiler would get pointer-sized members wrong.
#include "kernel/kernel.h"
#include "kernel/process.h"
#include "kernel/upcall_queue.h"

extern "C" {
// The whole process structure: everything the kernel keeps per process (the table holds kMaxProcesses of them).
char keel_bench_sizeof_process[sizeof(keel::Process)];
// Its parts.
char keel_bench_sizeof_upcall_queue[sizeof(keel::UpcallQueue)];
char keel_bench_sizeof_grant_table[sizeof(keel::ProcessMemory)];  // bounds, break and grant entries
char keel_bench_sizeof_user_context[sizeof(keel::arch::UserContext)];
char keel_bench_sizeof_tbf_header[sizeof(keel::tbf::AppHeader)];  // what a process keeps of its TBF header
// The kernel object with its process table (the board's static array), the table length, and the grant region
// each process gives up.
char keel_bench_sizeof_kernel[sizeof(keel::Kernel) + keel::Kernel::kMaxProcesses * sizeof(keel::Process)];
char keel_bench_max_processes[keel::Kernel::kMaxProcesses];
char keel_bench_grant_region_size[keel::Kernel::kGrantRegionSize];
}
