"""Tests of the labelling rules (label.py) and the exact-hash baseline (baseline.py).

    python3 -m unittest discover -s tools/copies-eval -p 'test_*.py'
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import articles  # noqa: E402
import baseline  # noqa: E402
import label  # noqa: E402

LONG = " ".join(f"word{i}" for i in range(60))


def pair(a, b):
    sa, sb = articles.shingles(a["body"]), articles.shingles(b["body"])
    n = len(sa & sb)
    return {"containment": str(n / min(len(sa), len(sb))), "shingles_a": str(len(sa)), "shingles_b": str(len(sb))}


def art(title, body, date="1990-05-01"):
    return {"title": title, "body": body, "date": date + "T00:00:00Z"}


class Rules(unittest.TestCase):
    def decide(self, a, b):
        d = label.rule(pair(a, b), a, b)
        return d and d[:2]

    def test_tickers_are_short_codes_not_bracketed_names(self):
        self.assertEqual(label.tickers("ORVILLE TOOLS <ORVT.O> SETS PAYOUT"), {"ORVT"})
        self.assertEqual(label.tickers("<PELLHAM MILLS LTD> YEAR NET"), set())

    def test_a_caption_that_is_its_own_headline_is_a_stub(self):
        a = art("Evening briefing of the ferry authority", "Evening briefing of the ferry authority")
        self.assertEqual(self.decide(a, dict(a, date="1990-05-09T00:00:00Z")), ("not", "stub"))

    def test_same_text_under_the_same_headline_is_a_copy(self):
        a = art("Lantern makers expand", LONG)
        self.assertEqual(self.decide(a, art("Lantern makers expand abroad", LONG)), ("copy", "same"))

    def test_one_notice_for_two_tickers_is_a_template(self):
        words = LONG.split()[:30]
        a = art("ORVILLE TOOLS <ORV> SETS PAYOUT", " ".join(words + ["pay", "april", "9", "record", "march", "30"]))
        b = art("KESSLER MINES <KSM> SETS PAYOUT", " ".join(words[:20] + ["pay", "may", "2", "record", "april", "12"]))
        self.assertEqual(self.decide(a, b), ("not", "template"))

    def test_short_text_repeated_weeks_apart_is_an_edition(self):
        a = art("CANAL BOARD LEAVES TOLLS UNCHANGED", LONG[:200], "1990-05-01")
        b = art("CANAL BOARD LEAVES TOLLS UNCHANGED", LONG[:200], "1990-05-20")
        self.assertEqual(self.decide(a, b), ("not", "apart"))

    def test_headlines_differing_in_a_time_only_are_editions(self):
        words = LONG.split()
        a = art("GRAVEL PRICES 10:40", " ".join(words[:20] + ["7"] + words[20:40] + ["3"] + words[40:]))
        b = art("GRAVEL PRICES 10:50", " ".join(words[:20] + ["8"] + words[20:40] + ["4"] + words[40:]))
        self.assertEqual(self.decide(a, b), ("not", "edition"))

    def test_a_new_headline_with_high_containment_is_left_to_reading(self):
        a, b = art("Lantern makers expand", LONG), art("Glassworks hire in the north", LONG)
        self.assertIsNone(self.decide(a, b))

    def test_groups_are_connected_components(self):
        self.assertEqual(label.components(["a", "b", "c", "d", "e"], [("a", "b"), ("c", "b"), ("d", "e")]), [["a", "b", "c"], ["d", "e"]])


class Baseline(unittest.TestCase):
    def test_exact_hash_ignores_case_and_punctuation_only(self):
        rows = [
            {"id": "x1", "body": "The mill reopened, workers said."},
            {"id": "x2", "body": "the MILL reopened -- workers said"},
            {"id": "x3", "body": "The mill reopened, owners said."},
            {"id": "x4", "body": "..."},
            {"id": "x5", "body": "!!"},
        ]
        self.assertEqual([[r["id"] for r in g] for g in baseline.groups(rows)], [["x1", "x2"]])

    def test_containment_threshold_groups_a_trimmed_copy(self):
        long_body = LONG + " " + " ".join(f"extra{i}" for i in range(60))
        rows = [{"id": "a", "body": long_body}, {"id": "b", "body": LONG}, {"id": "c", "body": "unrelated words only here and there"}]
        self.assertEqual([[r["id"] for r in g] for g in baseline.containment_groups(rows, 0.9)], [["a", "b"]])


if __name__ == "__main__":
    unittest.main()
