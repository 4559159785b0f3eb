#!/usr/bin/env python3
"""Tests of score.py: `python3 -m unittest discover -s tools/extract-eval -p 'test_*.py'`."""

import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import score_page, shingles, tokenize  # noqa: E402

TRUTH = "one two three four five six. Seven eight nine ten."


class Tokens(unittest.TestCase):
    def test_words_keep_case_and_drop_punctuation(self):
        self.assertEqual(tokenize("Don't stop, U.S. 4K-TV!"), ["Don", "t", "stop", "U", "S", "4K", "TV"])

    def test_cjk_characters_are_tokens(self):
        self.assertEqual(tokenize("谷歌DeepMind开发"), ["谷", "歌", "DeepMind", "开", "发"])
        self.assertEqual(tokenize("トレンドマイクロ"), list("トレンドマイクロ"))

    def test_invisible_characters_and_composition_do_not_split_words(self):
        self.assertEqual(tokenize("Netan\u00adyahu Vladi\u200bmir"), ["Netanyahu", "Vladimir"])
        self.assertEqual(tokenize("se\u0301isme"), tokenize("s\u00e9isme"))

    def test_accented_words_are_one_token(self):
        self.assertEqual(tokenize("Aktuálně.cz séisme"), ["Aktuálně", "cz", "séisme"])


class Shingles(unittest.TestCase):
    def test_runs_of_four_as_a_multiset(self):
        s = shingles("a b a b a b".split())
        self.assertEqual(s[("a", "b", "a", "b")], 2)
        self.assertEqual(s[("b", "a", "b", "a")], 1)

    def test_short_text_is_one_shingle(self):
        self.assertEqual(shingles(["a", "b"]), {("a", "b"): 1})
        self.assertEqual(shingles([]), {})


class Page(unittest.TestCase):
    def test_perfect_extraction(self):
        p = score_page(TRUTH, TRUTH)
        self.assertEqual((p["precision"], p["recall"], p["f1"]), (1.0, 1.0, 1.0))

    def test_boilerplate_lowers_precision_only(self):
        p = score_page(TRUTH + " Subscribe to our newsletter today please", TRUTH)
        self.assertEqual(p["recall"], 1.0)
        self.assertEqual(p["tp"], 7)
        self.assertEqual(p["fp"], 6)
        self.assertAlmostEqual(p["precision"], 7 / 13)

    def test_missing_paragraph_lowers_recall_only(self):
        p = score_page("one two three four five six.", TRUTH)
        self.assertEqual(p["precision"], 1.0)
        self.assertAlmostEqual(p["recall"], 3 / 7)

    def test_empty_output_has_precision_one_recall_zero(self):
        p = score_page("  \n", TRUTH)
        self.assertEqual((p["precision"], p["recall"], p["f1"]), (1.0, 0.0, 0.0))

    def test_unrelated_output_scores_zero(self):
        p = score_page("cookies and privacy policy and more", TRUTH)
        self.assertEqual((p["precision"], p["recall"], p["f1"]), (0.0, 0.0, 0.0))

    def test_empty_truth_is_an_error(self):
        with self.assertRaises(ValueError):
            score_page("text", "")


class CommandLine(unittest.TestCase):
    def test_table_and_json_average_over_truth_pages(self):
        with tempfile.TemporaryDirectory() as tmp:
            truth, pred = os.path.join(tmp, "truth"), os.path.join(tmp, "tool-a")
            os.mkdir(truth)
            os.mkdir(pred)
            for name, text in [("p1.txt", TRUTH), ("p2.txt", TRUTH)]:
                with open(os.path.join(truth, name), "w") as f:
                    f.write(text)
            with open(os.path.join(pred, "p1.txt"), "w") as f:
                f.write(TRUTH)  # p2 has no output: P 1, R 0
            script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "score.py")
            out = subprocess.run([sys.executable, script, "--truth", truth, "--json", pred], capture_output=True, text=True, check=True).stdout
            import json

            r = json.loads(out)
            self.assertEqual(r["tool"], "tool-a")
            self.assertEqual((r["pages"], r["empty"]), (2, 1))
            self.assertAlmostEqual(r["precision"], 1.0)
            self.assertAlmostEqual(r["recall"], 0.5)
            self.assertAlmostEqual(r["f1"], 0.5)
            table = subprocess.run([sys.executable, script, "--truth", truth, "--per-page", "1", pred], capture_output=True, text=True, check=True).stdout
            self.assertIn("tool-a", table)
            self.assertIn("p2", table.split("worst")[1])


if __name__ == "__main__":
    unittest.main()
