// SPDX-License-Identifier: Apache-2.0
// A lightweight reference for a capsule that does not want the core headers.
namespace keel {

template <typename T> class StaticRef {
 public:
  explicit StaticRef(T& object) : object_(object) {}
  T& get() const { return object_; }

 private:
  T& object_;
};

int escape_116() {
  int local = 1;
  StaticRef<int> const ref(local);
  return ref.get();
}

}  // namespace keel
