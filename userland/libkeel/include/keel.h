// SPDX-License-Identifier: Apache-2.0
// Everything libkeel offers, for apps that would rather include one header.
#ifndef KEEL_KEEL_H
#define KEEL_KEEL_H

#include "keel/alarm.h"
#include "keel/calls.h"
#include "keel/console.h"
#include "keel/low_level_debug.h"
#include "keel/rng.h"
#include "keel/runtime.h"
#include "keel/status.h"
#include "keel/syscall.h"
#include "keel/timer.h"

#endif  // KEEL_KEEL_H
