// Written by `npm run train-ranker` from the tuning questions (test/eval/tuning); do not edit by hand.
import type { RankerModel } from "./ranking.ts";

export const MODEL: RankerModel = {
  "passage": {
    "bm25": 2.9209,
    "coverage": 0.677,
    "knownCoverage": 0.6762,
    "matched": 0.7019,
    "missingRare": -0.4039,
    "rescued": 0.1761,
    "contextOnly": 0.1192,
    "typeMatch": 0.8005,
    "novel": 0.2306,
    "counted": 0.3116,
    "aboutMatch": -0.0941,
    "focus": 0.4658,
    "sameLanguage": 0.0065,
    "firstFact": -0.063,
    "dispute": -0.3128,
    "disputeAsked": -0.0225,
    "subject": 0.1194,
    "subjectIntro": 0.1391,
    "latest": 0.1524,
    "conflict": -0.6105,
    "length": -0.1315,
    "trigrams": 0.7396,
    "askCoverage": 1.4848,
    "askTrigrams": 1.4062,
    "closestAsk": 1.6959
  },
  "confidence": {
    "bias": -7.606,
    "top": 0.6683,
    "askCoverage": 0.2041,
    "askTrigrams": 0.1482,
    "closestAsk": 0.1412,
    "margin": 0.251,
    "coverage": 0.3007,
    "knownCoverage": -0.143,
    "missingRare": -0.036,
    "typeMatch": -0.3454,
    "novel": 0.223,
    "unknown": -0.3667,
    "unknownFocus": -0.5341,
    "unknownNames": -0.0737,
    "topical": -0.122,
    "words": -0.3277
  },
  "answer": 0.2975,
  "suggest": 0.1566
};
