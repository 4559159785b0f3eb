"""Tests of the quotation set's scorer, its label reader and the naive baseline (unittest)."""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import baseline  # noqa: E402
import gold as goldfile  # noqa: E402
import score  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

BODY = (
    '"The harvest will be late this year," said Orla Penhallow of Vantrell Farms.\n\n'
    'Penhallow added that "rain in the valley kept the pickers away," and stopped.\n\n'
    "\u201cWe expect a good autumn,\u201d the cooperative said."
)


def span(body, text, speaker=None, occurrence=1):
    """A labelled span of `text` in `body` (byte offsets), with its five-word anchor."""
    at = -1
    for _ in range(occurrence):
        at = body.index(text, at + 1)
    start = len(body[:at].encode())
    return {"start": start, "end": start + len(text.encode()), "speaker": speaker,
            "anchor": " ".join(text.split()[:5])}


def labelled_article(key="farm.txt", body=BODY, quotes=(), turns=(), source="wires"):
    return {"key": key, "source": source, "path": "data:news/farm.txt",
            "body_sha1": hashlib.sha1(body.encode()).hexdigest(), "body_bytes": len(body.encode()),
            "quotes": list(quotes), "turns": list(turns)}


class SpeakerNames(unittest.TestCase):
    def test_case_punctuation_and_suffixes_are_ignored(self):
        self.assertTrue(score.same_speaker("Vantrell Farms Co", "vantrell farms"))
        self.assertTrue(score.same_speaker("Orla Penhallow", "ORLA PENHALLOW."))
        self.assertTrue(score.same_speaker("the Brinmoor Council", "Brinmoor Council"))
        self.assertTrue(score.same_speaker("Quist & Dorne Inc", "Quist Dorne"))

    def test_a_run_of_the_full_name_is_right(self):
        self.assertTrue(score.same_speaker("Orla Penhallow", "Penhallow"))
        self.assertTrue(score.same_speaker("Dr Orla M. Penhallow", "Orla M Penhallow"))

    def test_other_names_and_scattered_words_are_wrong(self):
        self.assertFalse(score.same_speaker("Orla Penhallow", "Ansel Penhallow"))
        self.assertFalse(score.same_speaker("Orla Penhallow", "Penhallow Orla"))
        self.assertFalse(score.same_speaker("Orla Penhallow", "Orla Ansel Penhallow"))
        self.assertFalse(score.same_speaker("Orla Penhallow", "..."))

    def test_spellings_of_one_name_are_right_unless_strict(self):
        for labelled, predicted in [
            ("Gerda Kühnel", "Gerda Kuehnel"),
            ("Renée Obrist", "Renee Obrist"),
            ("T-9 Forum", "T9 Forum"),
            ("Orla Penhallow", "Sister Orla Penhallow"),
            ("Lowland Grain Marketing Board", "LGMB"),
            ("Orla Penhallow", "Orla M. Penhallow"),
            ("Orla Ansel Penhallow", "Orla Penhallow"),
        ]:
            self.assertTrue(score.same_speaker(labelled, predicted), predicted)
            self.assertFalse(score.same_speaker(labelled, predicted, strict=True), predicted)

    def test_initials_must_be_an_acronym_of_the_whole_name(self):
        self.assertFalse(score.same_speaker("Lowland Grain Marketing Board", "LGM"))
        self.assertFalse(score.same_speaker("Lowland Grain Marketing Board", "lgmb"))
        self.assertFalse(score.same_speaker("Orla Penhallow", "Sister Ansel Penhallow"))

    def test_no_speaker_is_right_only_against_no_speaker(self):
        self.assertTrue(score.same_speaker(None, None))
        self.assertFalse(score.same_speaker("Orla Penhallow", None))
        self.assertFalse(score.same_speaker(None, "Orla Penhallow"))


class Matching(unittest.TestCase):
    def test_overlap_is_measured_against_the_longer_span(self):
        self.assertEqual(score.overlap_ratio({"start": 0, "end": 10}, {"start": 0, "end": 10}), 1.0)
        self.assertEqual(score.overlap_ratio({"start": 0, "end": 10}, {"start": 5, "end": 25}), 0.25)
        self.assertEqual(score.overlap_ratio({"start": 0, "end": 10}, {"start": 10, "end": 20}), 0.0)
        self.assertEqual(score.overlap_ratio({"start": 3, "end": 3}, {"start": 0, "end": 9}), 0.0)

    def test_half_the_longer_span_is_enough_and_less_is_not(self):
        gold = [{"start": 0, "end": 10}]
        self.assertEqual(score.match(gold, [{"start": 0, "end": 20}]), [(0, 0)])
        self.assertEqual(score.match(gold, [{"start": 0, "end": 21}]), [])

    def test_matching_is_one_to_one_and_prefers_the_larger_overlap(self):
        gold = [{"start": 0, "end": 10}, {"start": 12, "end": 22}]
        pred = [{"start": 1, "end": 11}, {"start": 0, "end": 10}, {"start": 12, "end": 21}]
        self.assertEqual(score.match(gold, pred), [(0, 1), (1, 2)])
        self.assertEqual(score.match(gold[:1], [{"start": 0, "end": 22}]), [])

    def test_scores_of_a_tally(self):
        t = score.Tally()
        gold = [{"start": 0, "end": 10, "speaker": "A"}, {"start": 20, "end": 30, "speaker": "B"},
                {"start": 40, "end": 50, "speaker": None}, {"start": 60, "end": 70, "speaker": "C"}]
        pred = [{"start": 0, "end": 10, "speaker": "A"}, {"start": 20, "end": 30, "speaker": "C"},
                {"start": 40, "end": 50, "speaker": None}, {"start": 80, "end": 90, "speaker": "D"}]
        t.add(gold, pred)
        s = t.scores()
        self.assertEqual((s["labelled"], s["predicted"], s["matched"]), (4, 4, 3))
        self.assertAlmostEqual(s["precision"], 0.75)
        self.assertAlmostEqual(s["recall"], 0.75)
        self.assertAlmostEqual(s["f1"], 0.75)
        self.assertAlmostEqual(s["speaker_accuracy"], 2 / 3)
        self.assertAlmostEqual(s["e2e_f1"], 0.5)

    def test_nothing_to_measure_is_not_a_zero(self):
        s = score.Tally().scores()
        self.assertIsNone(s["precision"])
        self.assertIsNone(s["speaker_accuracy"])
        t = score.Tally()
        t.add([{"start": 0, "end": 5, "speaker": None}], [])
        self.assertEqual(t.scores()["recall"], 0.0)
        self.assertIsNone(t.scores()["f1"])


class Evaluation(unittest.TestCase):
    def setUp(self):
        self.quotes = [
            span(BODY, "The harvest will be late this year,", "Orla Penhallow"),
            span(BODY, "rain in the valley kept the pickers away,", "Orla Penhallow"),
            span(BODY, "We expect a good autumn,", None),
        ]
        self.gold = [labelled_article(quotes=self.quotes)]
        self.warnings = []

    def run_eval(self, predicted):
        return score.evaluate(self.gold, predicted, "/nonexistent", HERE, self.warnings.append)

    def test_a_perfect_prediction(self):
        pred = {"farm.txt": {"body": BODY, "quotes": [dict(q) for q in self.quotes], "turns": []}}
        totals, per_source, misses = self.run_eval(pred)
        s = totals["quotes"].scores()
        self.assertEqual((s["f1"], s["speaker_accuracy"], s["e2e_f1"]), (1.0, 1.0, 1.0))
        self.assertEqual(per_source["wires"]["quotes"].matched, 3)
        self.assertEqual(misses, [])
        self.assertEqual(self.warnings, [])

    def test_misses_false_alarms_and_wrong_speakers_are_listed_with_their_text(self):
        found = [dict(self.quotes[0], speaker="Vantrell Farms"), span(BODY, "stopped", "Orla Penhallow")]
        totals, _, misses = self.run_eval({"farm.txt": {"body": BODY, "quotes": found}})
        kinds = sorted(m[0] for m in misses)
        self.assertEqual(kinds, ["false alarm", "missed", "missed", "wrong speaker"])
        wrong = [m for m in misses if m[0] == "wrong speaker"][0]
        self.assertEqual((wrong[5], wrong[6]), ("Orla Penhallow", "Vantrell Farms"))
        self.assertTrue(wrong[7].startswith("The harvest will be late"))
        self.assertEqual(totals["quotes"].right, 0)

    def test_a_missing_article_counts_as_nothing_found(self):
        totals, _, _ = self.run_eval({})
        self.assertEqual(totals["quotes"].scores()["recall"], 0.0)
        self.assertTrue(any("not in the predictions" in w for w in self.warnings))

    def test_an_article_whose_body_changed_is_left_out_with_a_warning(self):
        totals, _, _ = self.run_eval({"farm.txt": {"body": BODY + " More.", "quotes": []}})
        self.assertEqual(totals["quotes"].labelled, 0)
        self.assertTrue(any("body differs" in w for w in self.warnings))

    def test_labels_that_do_not_fit_the_body_are_left_out(self):
        self.gold[0]["quotes"][0]["anchor"] = "Something else entirely"
        totals, _, _ = self.run_eval({"farm.txt": {"body": BODY, "quotes": []}})
        self.assertEqual(totals["quotes"].labelled, 0)
        self.assertTrue(any("do not fit" in w for w in self.warnings))

    def test_without_any_body_the_offsets_are_still_scored(self):
        totals, _, misses = self.run_eval({"farm.txt": {"quotes": [dict(self.quotes[2])]}})
        self.assertEqual(totals["quotes"].matched, 1)
        self.assertEqual({m[7] for m in misses}, {""})
        self.assertTrue(any("without a body" in w for w in self.warnings))

    def test_turns_are_measured_apart(self):
        turn = {"start": 0, "end": 40, "speaker": "Orla Penhallow",
                "anchor": " ".join(BODY.encode()[:40].decode().split()[:5])}
        self.gold[0]["turns"] = [turn]
        totals, _, _ = self.run_eval({"farm.txt": {"body": BODY, "quotes": [], "turns": [dict(turn, speaker="Penhallow")]}})
        self.assertEqual(totals["turns"].scores()["e2e_f1"], 1.0)
        self.assertEqual(totals["quotes"].scores()["recall"], 0.0)

    def test_ill_formed_spans_are_one_clear_error(self):
        with self.assertRaises(SystemExit) as e:
            self.run_eval({"farm.txt": {"body": BODY, "quotes": [{"start": "0", "end": 4}]}})
        self.assertIn("integer start and end", str(e.exception))

    def test_keys_of_predicted_articles(self):
        self.assertEqual(score.article_key({"key": "k"}), "k")
        self.assertEqual(score.article_key({"path": "/x/wires.jsonl.gz", "line": 7}), "wires.jsonl#7")
        self.assertEqual(score.article_key({"path": "/tmp/p/site-1.html"}), "site-1.html")


class SharedBodies(unittest.TestCase):
    def test_bodies_are_read_as_extract_prints_them(self):
        with tempfile.TemporaryDirectory() as data:
            os.makedirs(os.path.join(data, "news"))
            with open(os.path.join(data, "news", "a.txt"), "w") as f:
                f.write(" date 2020-01-02 A title\n\nFirst line.\nSecond line.\n\n")
            with open(os.path.join(data, "news", "b.jsonl"), "w") as f:
                f.write(json.dumps({"body": "one"}) + "\n" + json.dumps({"body": "two"}) + "\n")
            txt = {"path": "data:news/a.txt"}
            line = {"path": "data:news/b.jsonl", "line": 2}
            self.assertEqual(score.shared_body(txt, data, HERE), "First line.\nSecond line.")
            self.assertEqual(score.shared_body(line, data, HERE), "two")
            self.assertIsNone(score.shared_body({"path": "data:news/none.txt"}, data, HERE))
            self.assertIsNone(score.shared_body({"path": "repo:tools/x.html.gz"}, data, HERE))


class LabelFile(unittest.TestCase):
    def test_bad_lines_are_one_clear_error(self):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            f.write('{"key": "a", "source": "s", "path": "data:x"}\n{"key": "b"}\n')
        try:
            with self.assertRaises(SystemExit) as e:
                goldfile.load(f.name)
            self.assertIn("line 2: no 'source'", str(e.exception))
        finally:
            os.unlink(f.name)

    def test_paths_resolve_under_the_data_folder_or_the_repository(self):
        self.assertEqual(goldfile.resolve("data:news/a.txt", "/d", "/r"), "/d/news/a.txt")
        self.assertEqual(goldfile.resolve("repo:tools/p.html.gz", "/d", "/r"), "/r/tools/p.html.gz")
        with self.assertRaises(ValueError):
            goldfile.resolve("news/a.txt", "/d", "/r")

    def test_the_committed_labels_are_well_formed(self):
        articles = goldfile.load(os.path.join(HERE, "gold.jsonl"))
        self.assertGreaterEqual(len(articles), 60)
        self.assertGreaterEqual(sum(len(a["quotes"]) for a in articles), 300)
        keys = [a["key"] for a in articles]
        self.assertEqual(len(keys), len(set(keys)))
        for a in articles:
            for field in ("quotes", "turns"):
                ends = [(s["start"], s["end"]) for s in a[field]]
                self.assertTrue(all(0 <= s < e <= a["body_bytes"] for s, e in ends), a["key"])
                self.assertEqual(ends, sorted(ends), a["key"])
                self.assertTrue(all(len(s["anchor"].split()) <= 5 for s in a[field]), a["key"])


class Baseline(unittest.TestCase):
    def test_spans_of_three_words_or_more_inside_double_marks(self):
        body = 'A "short term" here. "Three whole words" there.\n\n\u201cCurly ones count too\u201d, he said.'
        found = [body[s:e] for s, e in baseline.quotations(body)]
        self.assertEqual(found, ["Three whole words", "Curly ones count too"])

    def test_speaker_is_the_capitalised_name_nearest_before_said(self):
        body = 'In Tarrow, "we will open the mill soon," Ansel Brisk said on Monday. "Not now," said Ida.'
        spans = baseline.quotations(body)
        masked = list(body)
        for s, e in spans:
            masked[s:e] = " " * (e - s)
        masked = "".join(masked)
        self.assertEqual(baseline.speaker(body, masked, *spans[0]), ("Ansel Brisk", "said"))
        self.assertEqual(len(spans), 1)

    def test_the_whole_run_writes_quotes_with_byte_offsets(self):
        body = 'Caf\u00e9 owner Lise Marrow says "the rent went up twice," she said.'
        with tempfile.TemporaryDirectory() as tmp:
            src, out = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
            with open(src, "w", encoding="utf-8") as f:
                f.write(json.dumps({"path": "x.txt", "body": body}) + "\n")
            subprocess.run([sys.executable, os.path.join(HERE, "baseline.py"), src, out], check=True)
            with open(out, encoding="utf-8") as f:
                article = json.loads(f.readline())
        (q,) = article["quotes"]
        self.assertEqual(body.encode()[q["start"] : q["end"]].decode(), "the rent went up twice,")
        self.assertEqual(q["speaker"], "Lise Marrow")
        self.assertEqual(article["turns"], [])


if __name__ == "__main__":
    unittest.main()
