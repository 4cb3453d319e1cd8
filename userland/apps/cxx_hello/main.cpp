// SPDX-License-Identifier: Apache-2.0
// A C++ app: a global object built by its constructor before main (the start-up code runs .init_array), a class
// hierarchy with virtual functions, a template, a lambda and new/delete, printing with printf (no iostream: C++
// without exceptions or RTTI, no C++ standard library). It checks the constructor ran, prints
//   "Hello from C++ on Keel! (constructed before main: yes)"
// and one line per shape, and exits 0; its global destructor, registered at construction, prints
// "cxx_hello: destructor ran" at exit. Any failed check prints "cxx_hello: ERROR: ..." and exits 1.
#include <stdint.h>
#include <stdio.h>

#include "keel/alarm.h"

namespace {

constexpr uint32_t kMagic = 0xC0FFEEu;

// Its constructor runs before main only if the runtime walks .init_array; `constructed_` stays 0 (.bss) otherwise.
class Greeting {
 public:
  explicit Greeting(const char* who) : who_(who), constructed_(kMagic) { ++constructions_; }
  ~Greeting() { printf("cxx_hello: destructor ran\n"); }
  Greeting(const Greeting&) = delete;
  Greeting& operator=(const Greeting&) = delete;

  bool constructed() const { return constructed_ == kMagic && constructions_ == 1; }
  const char* who() const { return who_; }

 private:
  const char* who_;
  uint32_t constructed_;
  static inline int constructions_ = 0;
};

Greeting greeting("C++");

class Shape {
 public:
  virtual ~Shape() = default;
  virtual const char* name() const = 0;
  virtual uint32_t area() const = 0;
};

class Rectangle final : public Shape {
 public:
  Rectangle(uint32_t width, uint32_t height) : width_(width), height_(height) {}
  const char* name() const override { return "rectangle"; }
  uint32_t area() const override { return width_ * height_; }

 private:
  uint32_t width_;
  uint32_t height_;
};

class Square final : public Shape {
 public:
  explicit Square(uint32_t side) : side_(side) {}
  const char* name() const override { return "square"; }
  uint32_t area() const override { return side_ * side_; }

 private:
  uint32_t side_;
};

template <typename T, size_t N>
constexpr size_t count_of(const T (&)[N]) {
  return N;
}

template <typename F>
uint32_t sum_areas(Shape* const* shapes, size_t count, F&& weight) {
  uint32_t total = 0;
  for (size_t i = 0; i < count; ++i) total += weight(*shapes[i]) * shapes[i]->area();
  return total;
}

}  // namespace

int main() {
  printf("Hello from %s on Keel! (constructed before main: %s)\n", greeting.who(),
         greeting.constructed() ? "yes" : "no");
  if (!greeting.constructed()) {
    printf("cxx_hello: ERROR: the global constructor did not run before main\n");
    return 1;
  }

  Shape* shapes[] = {new Rectangle(3, 4), new Square(5)};
  for (Shape* shape : shapes) printf("cxx_hello: %s of area %u\n", shape->name(), static_cast<unsigned>(shape->area()));
  uint32_t total = sum_areas(shapes, count_of(shapes), [](const Shape&) { return 1u; });
  for (Shape* shape : shapes) delete shape;
  printf("cxx_hello: total area %u\n", static_cast<unsigned>(total));
  if (total != 37) {
    printf("cxx_hello: ERROR: virtual calls gave the wrong total\n");
    return 1;
  }

  uint32_t hertz = 0;
  keel_status status = keel_alarm_frequency(&hertz);
  printf("cxx_hello: libkeel from C++: alarm at %u Hz (%s)\n", static_cast<unsigned>(hertz), keel_status_name(status));
  return status == KEEL_OK ? 0 : 1;
}
