// Bit-sliced counters: the score numerators of 256 learners (or offers) at once, in a block of four
// machine words per bit of the numerator. Internal to the matching engine (docs/matching.md,
// section 4).
//
// Bit j of word w of slices[b] is bit b of the numerator of position 64·w + j of the block. Adding
// a skill's block of membership bits to the 256 numerators is a ripple-carry addition done with a
// few AND/XOR on whole blocks, and "which of these numerators exceed the threshold" is one
// comparison walking the slices from the top bit. This is why the engine costs a few instructions
// per 64 pairs instead of one memory update per pair. A block is a GCC vector of four 64-bit words:
// two SSE2 registers on any x86-64, one AVX2 register in the clones compiled for x86-64-v3
// (kMatchingClones).
//
// Promises: exact integer arithmetic as long as every numerator fits in Bits bits (the caller picks
// Bits from the largest possible numerator, a denominator). Header-only, no state. Everything here
// is always inlined, so that it is compiled for the instruction set of the function using it.
//
// Expects: Blocks are never passed or returned by value between functions that are not inlined
// (their ABI differs with and without AVX): references and out-parameters only.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <utility>

// The scan functions are compiled twice, for any x86-64 and for x86-64-v3 (AVX2, POPCNT, BMI),
// and the loader picks the best the machine runs. Measured in docs/performance.md ("Matching");
// -DJOBINTECH_NO_TARGET_CLONES builds the plain x86-64 version only, to compare.
#if defined(__x86_64__) && !defined(__clang__) && !defined(JOBINTECH_NO_TARGET_CLONES)
#define JOBINTECH_MATCHING_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define JOBINTECH_MATCHING_CLONES
#endif
#define JOBINTECH_INLINE [[gnu::always_inline]] inline

namespace jobintech::matching::detail {

// The widest numerator the bit-sliced path handles: denominators up to 255 (an offer with up to
// 127 required skills, say). Larger ones take a plain counting path.
inline constexpr int kMaxSliceBits = 8;

inline constexpr std::uint32_t kBlockWords = 4;
inline constexpr std::uint32_t kBlockPositions = 64 * kBlockWords;
using Block = std::uint64_t __attribute__((vector_size(8 * kBlockWords)));

JOBINTECH_INLINE void load(Block& b, const std::uint64_t* words) { std::memcpy(&b, words, sizeof b); }
JOBINTECH_INLINE bool any(const Block& b) { return (b[0] | b[1] | b[2] | b[3]) != 0; }
JOBINTECH_INLINE std::uint64_t count_ones(const Block& b) {
  return static_cast<std::uint64_t>(std::popcount(b[0]) + std::popcount(b[1]) + std::popcount(b[2]) +
                                    std::popcount(b[3]));
}

template <int Bits>
struct Slices {
  Block bit[Bits] = {};

  // Adds `x` (one bit per position) with weight 2^From.
  template <int From>
  JOBINTECH_INLINE void add(const Block& x) {
    static_assert(From < Bits);
    Block carry = x;
    ripple_from<From>(carry, std::make_integer_sequence<int, Bits - From>{});
  }

  // Adds 2·required + nice, where no position is set in both (a skill is required or nice-to-have
  // for an offer, never both). The carry out of bit 0 cannot meet `required`: it is set only where
  // `nice` is.
  JOBINTECH_INLINE void add_pair(const Block& required, const Block& nice) {
    const Block c = bit[0] & nice;
    bit[0] ^= nice;
    if constexpr (Bits > 1) {
      const Block x = required | c;
      add<1>(x);
    }
  }

  // Positions whose numerator is not 0.
  JOBINTECH_INLINE void nonzero(Block& out) const {
    out = bit[0];
    for (int b = 1; b < Bits; ++b) out |= bit[b];
  }

  // Positions whose numerator is greater than / equal to `value`.
  JOBINTECH_INLINE void compare(std::uint32_t value, Block& greater, Block& equal) const {
    greater = Block{};
    equal = ~Block{};
    if (value >> Bits) {  // above every numerator these slices hold
      equal = Block{};
      return;
    }
    for (int b = Bits - 1; b >= 0; --b) {
      if ((value >> b) & 1U) {
        equal &= bit[b];
      } else {
        greater |= equal & bit[b];
        equal &= ~bit[b];
      }
    }
  }

  // The same with one value per word: value_bits[b] holds, in each word, all ones where bit b of
  // that word's value is set. Values must fit in Bits bits.
  JOBINTECH_INLINE void compare(const Block* value_bits, Block& greater, Block& equal) const {
    greater = Block{};
    equal = ~Block{};
    for (int b = Bits - 1; b >= 0; --b) {
      greater |= equal & bit[b] & ~value_bits[b];
      equal &= ~(bit[b] ^ value_bits[b]);
    }
  }

  // The same for the 64 positions of word `word` only.
  JOBINTECH_INLINE void compare(std::uint32_t word, std::uint32_t value, std::uint64_t& greater,
                                std::uint64_t& equal) const {
    greater = 0;
    equal = value >> Bits ? 0 : ~std::uint64_t{0};
    for (int b = Bits - 1; b >= 0; --b) {
      const std::uint64_t slice = bit[b][word];
      if ((value >> b) & 1U) {
        equal &= slice;
      } else {
        greater |= equal & slice;
        equal &= ~slice;
      }
    }
  }

  JOBINTECH_INLINE std::uint32_t value(std::uint32_t word, int position) const {
    std::uint32_t v = 0;
    for (int b = 0; b < Bits; ++b) v |= static_cast<std::uint32_t>((bit[b][word] >> position) & 1U) << b;
    return v;
  }

 private:
  template <int From, int... J>
  JOBINTECH_INLINE void ripple_from(Block& carry, std::integer_sequence<int, J...>) {
    (ripple(bit[From + J], carry), ...);
  }
  JOBINTECH_INLINE static void ripple(Block& slice, Block& carry) {
    const Block t = slice & carry;
    slice ^= carry;
    carry = t;
  }
};

// The number of bits a numerator up to `largest` needs (at least 1).
inline int bits_for(std::uint32_t largest) { return std::max(1, static_cast<int>(std::bit_width(largest))); }

}  // namespace jobintech::matching::detail
