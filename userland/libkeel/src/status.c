// SPDX-License-Identifier: Apache-2.0
// Names of status codes, for messages.
#include "keel/status.h"

const char* keel_status_name(keel_status status) {
  static const char* const kNames[] = {"OK",    "FAIL",   "BUSY",   "ALREADY",   "OFF",      "RESERVE",     "INVAL",
                                       "SIZE",  "CANCEL", "NOMEM",  "NOSUPPORT", "NODEVICE", "UNINSTALLED", "NOACK"};
  if (status == KEEL_ERR_BAD_VARIANT) return "BAD_VARIANT";
  if ((unsigned)status < sizeof kNames / sizeof kNames[0]) return kNames[status];
  return "UNKNOWN";
}
