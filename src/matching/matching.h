// The job matching engine: learners' skills against job offers' required and nice-to-have skills,
// with a documented, explainable score, top k both ways (docs/matching.md).
//
//   score(learner, offer) = (2·|R ∩ S| + |N ∩ S|) / (2·|R| + |N|)
//
// - score.h: the profiles, the score, its explanation (required matched / missing, nice matched);
// - skill_dictionary.h: skill codes to the dense ids profiles use;
// - learner_pool.h: the best learners for an offer; offer_board.h: the best offers for a learner
//   (the web service's question, about a millisecond against 50,000 offers);
// - batch.h: either for every offer / learner, on several threads (`jobintech match`).
//
// Promises: rankings are exact (integer arithmetic; equal fractions are equal scores), highest
// score first, equal scores by lower index, never a pair scoring 0; results never depend on the
// number of threads. Identity is the position in the input vectors: callers sort their inputs by
// id so that "lower id" is "lower index".
//
// Expects: sorted skill lists without repeats, no skill both required and nice for an offer.
// Pure: no I/O, no shared mutable state; every const call is safe from any number of threads.
#pragma once

#include "matching/batch.h"
#include "matching/learner_pool.h"
#include "matching/offer_board.h"
#include "matching/score.h"
#include "matching/skill_dictionary.h"
