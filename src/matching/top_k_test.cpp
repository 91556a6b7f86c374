// Tests of TopK (matching/top_k.h): the k best by exact fraction then index, whatever the order
// candidates come in, for short lists (compared as fractions) and long ones (sorted on integer
// keys), and with denominators too large for the keys.
#include "matching/top_k.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

namespace jobintech::matching::detail {
namespace {

std::vector<Ranked> expected(std::vector<Candidate> all, std::size_t k) {
  std::sort(all.begin(), all.end(), better);
  std::vector<Ranked> out;
  for (std::size_t i = 0; i < std::min(k, all.size()); ++i)
    out.push_back(Ranked{all[i].index, score_of(all[i].numerator, all[i].denominator)});
  return out;
}

TEST(MatchTopK, KeepsTheBestWhateverTheOrder) {
  std::mt19937_64 rng(11);
  for (const std::uint32_t largest_denominator : {16U, 255U, 40000U, 3000000U}) {  // past 2^15: no keys
    for (const std::size_t size : {5U, 63U, 300U, 3000U}) {
      std::vector<Candidate> all;
      for (std::uint32_t i = 0; i < size; ++i) {
        // Few distinct denominators and numerators, so that equal fractions (1/2, 2/4) are common.
        const std::uint32_t d = std::uniform_int_distribution<std::uint32_t>(1, 4)(rng) * (largest_denominator / 4) + 1;
        const std::uint32_t n =
            std::uniform_int_distribution<std::uint32_t>(1, 4)(rng) * (d / 4) + (d % 4 == 0 ? 0 : 1);
        all.push_back(Candidate{std::min(n, d), d, i * 3});
      }
      for (const std::size_t k : {std::size_t{1}, std::size_t{10}, size, std::numeric_limits<std::size_t>::max()}) {
        std::shuffle(all.begin(), all.end(), rng);
        TopK top(k, k == size ? size : size + 1);  // both the heap and the keep-everything paths
        for (const Candidate& c : all) top.offer(c);
        EXPECT_EQ(top.ranked(), expected(all, k))
            << "denominators up to " << largest_denominator << ", " << size << " candidates, k " << k;
      }
    }
  }
}

TEST(MatchTopK, TiesGoToTheLowerIndexAndEqualFractionsTie) {
  TopK top(3, 100);
  for (const Candidate& c :
       {Candidate{1, 2, 9}, Candidate{2, 4, 4}, Candidate{4, 8, 7}, Candidate{3, 4, 8}, Candidate{5, 10, 1}})
    top.offer(c);
  EXPECT_EQ(top.ranked(), (std::vector<Ranked>{{8, 0.75}, {1, 0.5}, {4, 0.5}}));
  TopK none(0, 10);
  none.offer(Candidate{1, 1, 0});
  EXPECT_TRUE(none.ranked().empty());
}

}  // namespace
}  // namespace jobintech::matching::detail
