# RISC-V rv32imac (qemu-virt-rv32): the kernel needs Zicsr/Zifencei spelled out (binutils >= 2.38); apps use the plain
# rv32imac/ilp32 name so that GCC selects picolibc's rv32imac multilib.
set(KEEL_TARGET rv32imac CACHE STRING "Keel build target")
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_CXX_COMPILER riscv64-unknown-elf-g++)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_OBJCOPY riscv64-unknown-elf-objcopy CACHE FILEPATH "")
set(CMAKE_SIZE riscv64-unknown-elf-size CACHE FILEPATH "")
set(KEEL_KERNEL_ARCH_FLAGS -march=rv32imac_zicsr_zifencei -mabi=ilp32 -mcmodel=medany)
# For tools/stack-depth: each kernel object gets its frame sizes (.su) and its call graph (.ci, VCG) beside it. They only
# write reports; the generated code is the same with and without them.
set(KEEL_KERNEL_STACK_FLAGS -fstack-usage -fcallgraph-info=su)
set(KEEL_APP_ARCH_FLAGS -march=rv32imac -mabi=ilp32 -mcmodel=medany)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
