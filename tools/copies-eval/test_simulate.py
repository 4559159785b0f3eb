"""Tests of the aligned-text measure (articles.covered_share) and the rule simulation (simulate.py).

    python3 -m unittest discover -s tools/copies-eval -p 'test_*.py'
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import articles  # noqa: E402
import simulate  # noqa: E402

HARBOUR = (
    "The harbour board of Kelvin Sound voted on Monday to dredge the northern channel before the "
    "autumn storms, after two grain barges ran aground there in August, the board's chair told "
    "reporters at the pier."
)


class CoveredShare(unittest.TestCase):
    def test_one_changed_word_uncovers_one_word_but_breaks_five_shingles(self):
        words = articles.tokenize(HARBOUR)
        edited = articles.tokenize(HARBOUR.replace("dredge", "deepen"))
        self.assertAlmostEqual(articles.covered_share(edited, words), (len(words) - 1) / len(words))
        shingle_share = articles.containment(articles.shingles(HARBOUR), articles.shingles(" ".join(edited)))
        self.assertLess(shingle_share, articles.covered_share(edited, words) - 0.1)

    def test_text_of_its_own_is_not_covered(self):
        other = articles.tokenize("Wheat futures closed lower in Winnipeg on thin trade and a firmer currency.")
        self.assertEqual(articles.covered_share(articles.tokenize(HARBOUR), other), 0.0)
        self.assertEqual(articles.covered_share(["too", "short"], articles.tokenize(HARBOUR)), 0.0)

    def test_a_trimmed_copy_is_covered_whole_and_covers_part_of_its_original(self):
        long_ = articles.tokenize(HARBOUR + " Work is to start in September and last six weeks.")
        short = articles.tokenize(HARBOUR)
        self.assertEqual(articles.covered_share(short, long_), 1.0)
        self.assertAlmostEqual(articles.covered_share(long_, short), len(short) / len(long_))


class AlignedSentences(unittest.TestCase):
    def test_sentences_kept_nearly_verbatim_in_order_count_and_moved_ones_do_not(self):
        a = "The ferry to Orla Rock sailed late on Friday after a storm. Its crew of nine were all safe and well."
        b = "Gulls nested on the old pier at Tamber Head all through the long summer."
        resent = a.replace("late", "two hours late") + " Harbour staff said the rock was cut off."
        share = articles.aligned_sentence_share(a, resent)
        self.assertGreater(share, 0.9)
        # The second sentence moved before the first: only the longer chain in order counts.
        moved = articles.aligned_sentence_share(a, "Its crew of nine were all safe and well. " + b + " " + a.split(". ")[0] + ".")
        self.assertLess(moved, 0.6)
        self.assertEqual(articles.aligned_sentence_share(b, a), 0.0)
        self.assertEqual(articles.aligned_sentence_share("", a), 0.0)


class Simulation(unittest.TestCase):
    def test_added_pairs_chain_through_the_binary_groups_and_are_counted_right_or_wrong(self):
        predicted = [["a", "b"]]
        gold = [["a", "b", "c"], ["d"]]
        accept = {("b", "c"), ("c", "d")}
        pairs = [(p, {"accept": p in accept}) for p in [("a", "b"), ("b", "c"), ("c", "d")]]
        result, right, wrong, added = simulate.simulate(predicted, gold, pairs, lambda f: f["accept"])
        self.assertEqual((right, wrong), (1, 1))
        self.assertEqual(sorted(added), [("b", "c"), ("c", "d")])
        # One group of four: 6 pairs predicted, the 3 gold pairs among them.
        self.assertEqual((result["predicted_pairs"], result["true_positives"]), (6, 3))

    def test_no_rule_scores_the_binary_alone(self):
        result, right, wrong, _ = simulate.simulate([["a", "b"]], [["a", "b"]], [(("a", "b"), {})], lambda f: True)
        self.assertEqual((right, wrong, result["f1"]), (0, 0, 1.0))

    def test_numbers_are_compared_whole(self):
        self.assertEqual(simulate.number_share("rose 6-1/16 to 3,200", "rose 6-1/16 to 3,200 tonnes"), 1.0)
        self.assertEqual(simulate.number_share("rose 6-1/16", "rose 6-3/16 and 1"), 0.0)


class ResultsHeadlines(unittest.TestCase):
    def test_a_results_headline_names_its_period(self):
        self.assertEqual(simulate.results_period("ALDER <ALF> 4TH QTR NET"), simulate.results_period("ALDER INC <ALF> 4TH QTR OPER NET"))
        self.assertNotEqual(simulate.results_period("ALDER <ALF> 4TH QTR NET"), simulate.results_period("ALDER <ALF> YEAR NET"))
        self.assertIsNotNone(simulate.results_period("ALDER <ALF> NINE MONTHS LOSS"))
        self.assertIsNone(simulate.results_period("ALDER <ALF> SETS FIVE-YEAR NOTES"))
        self.assertIsNone(simulate.results_period("ALDER <ALF> DECLARES QTLY DIV"))


if __name__ == "__main__":
    unittest.main()
