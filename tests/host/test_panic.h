// Host definition of keel::panic: throws, so a test can assert that a checked failure path was taken (and with which
// message) instead of undefined behaviour.
#pragma once

#include <stdexcept>
#include <string>

namespace keel_test {

struct KernelPanic : std::runtime_error {
  explicit KernelPanic(std::string const& what) : std::runtime_error(what) {}
};

}  // namespace keel_test
