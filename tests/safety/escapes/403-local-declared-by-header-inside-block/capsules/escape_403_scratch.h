// SPDX-License-Identifier: Apache-2.0
// The scratch space of one request: included inside the handler's block that needs it (the handler defines
// KEEL_REQUEST_SCRATCH first), so that every handler declares it the same way.
#ifdef KEEL_REQUEST_SCRATCH
Array<uint8_t, 32> scratch{};
#endif
