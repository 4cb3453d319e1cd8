// SPDX-License-Identifier: Apache-2.0
// The request a client of the IPC test service writes into the buffer it shares (64 bytes, aligned to 64 so both
// boards' memory protection fences it exactly), and the service's answer in the same buffer.
#ifndef IPC_MESSAGE_H
#define IPC_MESSAGE_H

#include <stdint.h>

enum {
  IPC_OP_ROT13 = 1,    // rot13 `text` in place; `seq` := requests served so far
  IPC_OP_COUNT = 2,    // `seq` := notifications received so far (any op, or none)
  IPC_OP_QUIT = 3,     // answer, then exit 0
  IPC_OP_RESTART = 4,  // answer, then exit-restart (the next run starts from scratch)
  IPC_OP_REMEMBER = 5, // remember this buffer's address; a later notification without a buffer makes the service
                       // read that address (a service that keeps using a revoked buffer must fault)
};

typedef struct ipc_message {
  uint32_t op;
  uint32_t seq;
  char text[56];
} ipc_message;

#endif  // IPC_MESSAGE_H
