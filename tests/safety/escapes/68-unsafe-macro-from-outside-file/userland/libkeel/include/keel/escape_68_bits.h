// SPDX-License-Identifier: Apache-2.0
// Register-access macros shared by apps and drivers.
#pragma once
#include <stdint.h>

#define ESCAPE_68_WORD(address) (*(uint32_t*)(uintptr_t)(address))
