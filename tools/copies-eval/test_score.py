"""Tests of score.py: the pairwise measure, the file formats and their errors.

    python3 -m unittest discover -s tools/copies-eval -p 'test_*.py'
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402

SCORE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "score.py")


def gold_tsv(rows):
    return "group\tarticle_id\tfile\tline\tkind\n" + "".join("\t".join(map(str, r)) + "\n" for r in rows)


def copies_json(groups):
    return "".join(
        json.dumps({"size": len(g), "articles": [{"article_id": a, "path": f"/x/{p}", "line": None, "title": f"title {a}", "date": None, "source": None} for p, a in g]}) + "\n"
        for g in groups
    )


class Pairs(unittest.TestCase):
    def test_a_group_of_n_stands_for_all_its_pairs(self):
        self.assertEqual(score.pairs([["c", "a", "b"], ["d"]]), {("a", "b"), ("a", "c"), ("b", "c")})

    def test_perfect_prediction(self):
        r = score.score([["a", "b", "c"], ["d", "e"]], [["e", "d"], ["c", "b", "a"]])
        self.assertEqual((r["precision"], r["recall"], r["f1"]), (1.0, 1.0, 1.0))
        self.assertEqual((r["gold_pairs"], r["predicted_pairs"]), (4, 4))

    def test_a_wrong_merge_costs_precision_and_is_listed(self):
        # Gold {a,b} and {c,d}; predicted {a,b,c}: pairs ab (right), ac and bc (wrong); cd missed.
        r = score.score([["a", "b"], ["c", "d"]], [["a", "b", "c"]])
        self.assertAlmostEqual(r["precision"], 1 / 3)
        self.assertAlmostEqual(r["recall"], 1 / 2)
        self.assertAlmostEqual(r["f1"], 2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
        self.assertEqual(r["false_positives"], [("a", "c"), ("b", "c")])
        self.assertEqual(r["false_negatives"], [("c", "d")])

    def test_nothing_predicted_is_precision_one_recall_zero(self):
        r = score.score([["a", "b"]], [])
        self.assertEqual((r["precision"], r["recall"], r["f1"]), (1.0, 0.0, 0.0))

    def test_no_gold_pair_and_nothing_predicted_is_perfect(self):
        r = score.score([["a"], ["b"]], [])
        self.assertEqual((r["precision"], r["recall"], r["f1"]), (1.0, 1.0, 1.0))

    def test_restricting_to_a_universe_drops_outside_articles(self):
        groups = score.restrict([["a", "x"], ["b", "c", "y"]], {"a", "b", "c"}, "id")
        self.assertEqual(score.pairs(groups), {("b", "c")})

    def test_kinds_count_gold_pairs_misses_and_wrong_merges(self):
        gold = [["a", "b"], ["c", "d"], ["n"]]
        kinds = {"a": "reprint", "b": "reprint", "c": "resend", "d": "resend", "n": "negative"}
        r = score.score(gold, [["a", "b", "n"]])
        table = score.by_kind(r, gold, kinds)
        self.assertEqual(table["reprint"], {"gold_pairs": 1})
        self.assertEqual(table["resend"], {"gold_pairs": 1, "false_negatives": 1})
        self.assertEqual(table["negative+reprint"], {"false_positives": 2})


class Files(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def write(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def run_score(self, *args):
        return subprocess.run([sys.executable, SCORE, *args], capture_output=True, text=True)

    def test_end_to_end_json(self):
        gold = self.write("gold.tsv", gold_tsv([(1, "m1", "a.txt", "", "reprint"), (1, "m2", "b.txt", "", "reprint"), (2, "m3", "c.txt", "", "negative")]))
        pred = self.write("p.jsonl", copies_json([[("a.txt", "m1"), ("b.txt", "m2"), ("c.txt", "m3")]]))
        run = self.run_score("--gold", gold, "--predicted", pred, "--json")
        self.assertEqual(run.returncode, 0, run.stderr)
        out = json.loads(run.stdout)
        self.assertAlmostEqual(out["precision"], 1 / 3)
        self.assertEqual(out["recall"], 1.0)
        self.assertEqual(out["false_positives"], [["m1", "m3"], ["m2", "m3"]])

    def test_table_lists_false_pairs_with_titles(self):
        gold = self.write("gold.tsv", gold_tsv([(1, "m1", "a.txt", "", ""), (1, "m2", "b.txt", "", ""), (2, "m3", "c.txt", "", "")]))
        pred = self.write("p.jsonl", copies_json([[("a.txt", "m1"), ("c.txt", "m3")]]))
        run = self.run_score("--gold", gold, "--predicted", pred)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("m1  m3  | title m1 | title m3", run.stdout)
        self.assertIn("false negatives (1, first 1):", run.stdout)

    def test_file_and_id_key_tells_repeated_ids_apart(self):
        gold = self.write("gold.tsv", gold_tsv([(1, "7", "a.jsonl", 7, ""), (1, "7", "b.jsonl", 7, "")]))
        pred = self.write("p.jsonl", copies_json([[("a.jsonl", "7"), ("b.jsonl", "7")]]))
        run = self.run_score("--gold", gold, "--predicted", pred, "--key", "file+id", "--json")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(json.loads(run.stdout)["f1"], 1.0)
        # Matched by id alone, the gold lists one article twice: one clear line, no traceback.
        run = self.run_score("--gold", gold, "--predicted", pred)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("gold.tsv: line 3: article 7 is listed twice", run.stderr)
        self.assertNotIn("Traceback", run.stderr)

    def test_universe_file_of_extracted_articles(self):
        gold = self.write("gold.tsv", gold_tsv([(1, "m1", "a.txt", "", ""), (1, "m2", "b.txt", "", "")]))
        pred = self.write("p.jsonl", copies_json([[("a.txt", "m1"), ("b.txt", "m2"), ("z.txt", "outside")]]))
        uni = self.write("u.jsonl", '{"id": "m1"}\n{"id": "m2"}\n')
        run = self.run_score("--gold", gold, "--predicted", pred, "--universe", uni, "--json")
        self.assertEqual(json.loads(run.stdout)["precision"], 1.0)

    def test_bad_predicted_line_names_file_and_line(self):
        gold = self.write("gold.tsv", gold_tsv([(1, "m1", "a.txt", "", "")]))
        pred = self.write("p.jsonl", copies_json([[("a.txt", "m1"), ("b.txt", "m2")]]) + "{not json\n")
        run = self.run_score("--gold", gold, "--predicted", pred)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("p.jsonl: line 2: not a copies group", run.stderr)
        self.assertNotIn("Traceback", run.stderr)

    def test_an_article_in_two_predicted_groups_is_an_error(self):
        gold = self.write("gold.tsv", gold_tsv([(1, "m1", "a.txt", "", "")]))
        pred = self.write("p.jsonl", copies_json([[("a.txt", "m1"), ("b.txt", "m2")], [("a.txt", "m1"), ("c.txt", "m3")]]))
        run = self.run_score("--gold", gold, "--predicted", pred)
        self.assertIn("line 2: article m1 is also in the group of line 1", run.stderr)

    def test_missing_file(self):
        run = self.run_score("--gold", os.path.join(self.dir.name, "none.tsv"), "--predicted", SCORE)
        self.assertIn("none.tsv: no such file", run.stderr)


if __name__ == "__main__":
    unittest.main()
