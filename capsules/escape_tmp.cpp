#include "kernel/core/array.h"
#include "kernel/core/slice.h"
namespace keel::capsules {
usize escape_tmp_handle(Slice<uint8_t const> request, bool staged) {
  Slice<uint8_t> target;
  if (staged) {
    Array<uint8_t, 32> scratch{};
    target = [&]() { return scratch.as_slice(); }();
  }
  return target.copy_from(request);
}
}
