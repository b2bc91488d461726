// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.662,
    "coverage": 0.8356,
    "knownCoverage": 0.8522,
    "matched": 0.7762,
    "missingRare": -0.6217,
    "rescued": 0.0906,
    "contextOnly": 0.1361,
    "typeMatch": 0.63,
    "counted": 0.394,
    "aboutMatch": -0.1872,
    "focus": 0.564,
    "sameLanguage": -0.0003,
    "firstFact": 0.0358,
    "dispute": -0.1757,
    "disputeAsked": 0.034,
    "subject": 0.0734,
    "subjectIntro": 0.1584,
    "latest": 0.1832,
    "length": -0.0464,
    "trigrams": 0.855,
    "askCoverage": 1.4881,
    "askTrigrams": 1.62,
    "closestAsk": 1.4184
  },
  "confidence": {
    "bias": -8.0748,
    "top": 0.6876,
    "askCoverage": 0.1606,
    "askTrigrams": 0.2878,
    "closestAsk": 0.0803,
    "margin": 0.2187,
    "coverage": 0.4937,
    "knownCoverage": -0.1617,
    "missingRare": 0.2332,
    "typeMatch": -0.39,
    "unknown": -0.5299,
    "unknownFocus": -1.1905,
    "unknownNames": -0.1706,
    "topical": -0.3158,
    "words": 0.0348
  },
  "answer": 0.3058,
  "suggest": 0.1709
};
