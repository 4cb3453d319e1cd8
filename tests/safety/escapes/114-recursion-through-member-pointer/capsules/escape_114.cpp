// SPDX-License-Identifier: Apache-2.0
// TLV walker: each record handler is a Node; nested records are visited through the handler table's step.
#include "kernel/core/ref.h"
#include "kernel/core/slice.h"
#include "kernel/core/types.h"

namespace keel::capsules {

class Node {
 public:
  virtual uint32_t visit(Slice<uint8_t const> records) const = 0;
};

class Nested : public Node {
 public:
  explicit Nested(StaticRef<Node const> inner) : inner_(inner) {}
  uint32_t visit(Slice<uint8_t const> records) const override {
    if (records.size() < 2) { return 0; }
    auto const step = &Node::visit;
    return 1 + (inner_.get().*step)(records.skip(2));
  }

 private:
  StaticRef<Node const> inner_;
};

uint32_t escape_114_walk(Node const& root, Slice<uint8_t const> records) { return root.visit(records); }

}  // namespace keel::capsules
