// SkillColumns: which positions hold each skill, as words of bits for the engine's bit-sliced
// counters. Internal to the matching engine (docs/matching.md, section 4).
//
// Learners (or offers) are laid out in positions: grouped in cells (a region, or a region and a
// denominator), each cell starting on a 64-position word so that a word never mixes two cells, in
// ascending index within a cell; the positions left over at the end of a cell are padding and hold
// no skill. A region starts on a block of four words (bit_slices.h), so that a search of one region
// reads whole blocks.
//
// A skill's column is dense, `Lanes` words per word of positions stored block by block (a block's
// four words of lane 0, then its four words of lane 1; lanes 0 and 1 are "required" and "nice" for
// offers, learners have one lane), or, when fewer positions hold the skill than there are words, a
// sorted list of positions per lane. Memory thus stays within 8 bytes per lane and (item, skill)
// pair, however many distinct skills the files use. A search asks for the words of the range it
// covers (words()): a dense column's own, a sparse column's written into the caller's scratch.
//
// Promises: immutable once built; concurrent reads are safe. Expects: fewer than 2^32 positions.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <vector>

#include "matching/bit_slices.h"
#include "matching/score.h"

namespace jobintech::matching::detail {

inline constexpr std::uint32_t kPadding = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::size_t kNoColumn = std::numeric_limits<std::size_t>::max();

struct Cell {
  RegionId region = 0;
  std::uint32_t denominator = 0;  // offers' cells only
  std::uint32_t first_word = 0;
  std::uint32_t end_word = 0;
};

template <int Lanes>
class SkillColumns {
 public:
  // `for_each_holding(visit)` calls visit(skill, position, lane) for every (skill, position, lane)
  // held, in the same order each time (it is called twice: to count, then to fill); `skills` is
  // one more than the largest skill id; `words` a multiple of kBlockWords.
  template <typename ForEachHolding>
  void build(std::size_t skills, std::size_t words, ForEachHolding&& for_each_holding) {
    words_ = words;
    columns_.assign(skills, Column{});
    std::vector<std::uint32_t> held(skills * Lanes, 0);  // by skill and lane
    for_each_holding([&](SkillId skill, std::uint32_t, std::uint32_t lane) { ++held[skill * Lanes + lane]; });
    std::size_t dense_columns = 0;
    std::size_t sparse_positions = 0;
    for (std::size_t s = 0; s < skills; ++s) {
      std::size_t total = 0;
      for (int l = 0; l < Lanes; ++l) total += held[s * Lanes + l];
      if (dense(total)) {
        columns_[s].dense = dense_columns++ * words * Lanes;
      } else {
        for (int l = 0; l < Lanes; ++l) {
          columns_[s].sparse[l] = static_cast<std::uint32_t>(sparse_positions);
          sparse_positions += held[s * Lanes + l];
        }
      }
      columns_[s].sparse[Lanes] = static_cast<std::uint32_t>(sparse_positions);
      if (columns_[s].dense != kNoColumn)
        for (int l = 0; l < Lanes; ++l) columns_[s].sparse[l] = static_cast<std::uint32_t>(sparse_positions);
    }
    dense_words_.assign(dense_columns * words * Lanes, 0);
    sparse_positions_.resize(sparse_positions);
    std::vector<std::uint32_t> fill(skills * Lanes);
    for (std::size_t s = 0; s < skills; ++s)
      for (int l = 0; l < Lanes; ++l) fill[s * Lanes + l] = columns_[s].sparse[l];
    for_each_holding([&](SkillId skill, std::uint32_t position, std::uint32_t lane) {
      const Column& c = columns_[skill];
      if (c.dense != kNoColumn) {
        dense_words_[c.dense + at(position / 64, lane)] |= std::uint64_t{1} << (position % 64);
      } else {
        sparse_positions_[fill[skill * Lanes + lane]++] = position;
      }
    });
    for (std::size_t s = 0; s < skills; ++s) {
      for (int l = 0; l < Lanes; ++l) {
        const auto begin = sparse_positions_.begin() + columns_[s].sparse[l];
        const auto end = sparse_positions_.begin() + columns_[s].sparse[l + 1];
        if (!std::is_sorted(begin, end)) std::sort(begin, end);
      }
    }
  }

  std::size_t skills() const { return columns_.size(); }
  // Whether words() gives the skill's column without writing into scratch.
  bool stored_dense(SkillId skill) const { return skill >= columns_.size() || columns_[skill].dense != kNoColumn; }
  // The column's words for words [first, end) of positions (multiples of kBlockWords), laid out
  // block by block as stored: the column's own when dense, otherwise written into `scratch`, whose
  // capacity the caller reserves beforehand for every column it asks for ((end - first) * Lanes
  // words each) so that earlier pointers stay valid. Null when no position in the range holds the
  // skill.
  const std::uint64_t* words(SkillId skill, std::uint32_t first, std::uint32_t end,
                             std::vector<std::uint64_t>& scratch) const {
    if (skill >= columns_.size()) return nullptr;
    const Column& c = columns_[skill];
    if (c.dense != kNoColumn) return dense_words_.data() + c.dense + at(first, 0);
    bool any = false;
    std::size_t start = 0;
    for (int lane = 0; lane < Lanes; ++lane) {
      const std::uint32_t* begin = sparse_positions_.data() + c.sparse[lane];
      const std::uint32_t* stop = sparse_positions_.data() + c.sparse[lane + 1];
      const std::uint32_t* p = std::lower_bound(begin, stop, std::size_t{first} * 64);
      for (; p != stop && *p < std::size_t{end} * 64; ++p) {
        if (!any) {
          start = scratch.size();
          if (start + (std::size_t{end} - first) * Lanes > scratch.capacity())
            throw std::logic_error("scratch too small");
          scratch.resize(start + (std::size_t{end} - first) * Lanes, 0);
          any = true;
        }
        scratch[start + at(*p / 64 - first, lane)] |= std::uint64_t{1} << (*p % 64);
      }
    }
    return any ? scratch.data() + start : nullptr;
  }

  std::size_t bytes() const {
    return dense_words_.capacity() * sizeof(std::uint64_t) + sparse_positions_.capacity() * sizeof(std::uint32_t) +
           columns_.capacity() * sizeof(Column);
  }

 private:
  // Where word `word`'s lane `lane` is, from the start of a column.
  static std::size_t at(std::size_t word, std::size_t lane) {
    return (word / kBlockWords) * kBlockWords * Lanes + lane * kBlockWords + word % kBlockWords;
  }

  struct Column {
    std::size_t dense = kNoColumn;                     // offset of the column's words in dense_words_
    std::array<std::uint32_t, Lanes + 1> sparse = {};  // lane l: sparse_positions_[sparse[l], sparse[l+1])
  };

  bool dense(std::size_t held) const { return held > 0 && held >= words_; }

  std::size_t words_ = 0;
  std::vector<Column> columns_;
  std::vector<std::uint64_t> dense_words_;
  std::vector<std::uint32_t> sparse_positions_;
};

}  // namespace jobintech::matching::detail
