#include "kernel/core/array.h"
#include "kernel/core/slice.h"
namespace keel::capsules {
struct A1 { uint32_t a; A1() = default; };
uint32_t u1() { A1 r; return r.a; }
struct A2 { Array<uint8_t, 8> a; A2(); };
A2::A2() = default;
usize u2(Slice<uint8_t> out) { A2 r; return out.copy_from(r.a.as_slice()); }
template <typename T> struct W3 { T t; constexpr W3() = default; };
usize u3(Slice<uint8_t> out) { W3<Array<uint8_t, 8>> r; return out.copy_from(r.t.as_slice()); }
struct In4 { uint32_t v; };
struct Out4 { Out4() {} In4 in; };
uint32_t u4() { Out4 r; return r.in.v; }
struct B5 { Array<uint8_t, 8> a; };
struct D5 : B5 { D5() {} };
usize u5(Slice<uint8_t> out) { D5 r; return out.copy_from(r.a.as_slice()); }
}
