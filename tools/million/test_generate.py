"""Tests of generate.py at small scale, on an input corpus of invented sentences made here.

When `../shared/data/news` (or `$NEWSDEX_DATA/news`) is present, the same checks also run on
a small archive generated from it; without it that test is skipped with a message.
"""

import gzip
import json
import os
import random
import re
import sys
import tempfile
import unittest
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("NEWSDEX_DATA", os.path.join(HERE, "..", "..", "..", "shared", "data"))
LONG = 12  # words: a run this long shared by two articles is shared text


def invented_corpus(folder, articles=1500, seed=3):
    """A JSONL file of articles made of unique sentences of invented words."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "ul", "spe", "dri", "nor", "quo", "bel"]
    words = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(3000)})
    path = os.path.join(folder, "invented.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for n in range(articles):
            sentences = []
            for _ in range(rng.randint(8, 20)):
                body = " ".join(rng.choice(words) for _ in range(rng.randint(12, 30)))
                name = rng.choice(["Orvella", "Tamsin", "Quarrie", "Belloc"])
                sentences.append(f"The {body}, {name} said {rng.randint(2, 900)} times.")
            f.write(json.dumps({"id": f"inv-{n}", "body": " ".join(sentences)}) + "\n")
    return path


def read_archive(out):
    """The articles written ({id: record}), each with its file and line, and the gold groups."""
    articles = {}
    for name in sorted(os.listdir(os.path.join(out, "corpus"))):
        with gzip.open(os.path.join(out, "corpus", name), "rt", encoding="utf-8") as f:
            for line, text in enumerate(f, 1):
                record = json.loads(text)
                record["where"] = (name, line)
                articles[record["id"]] = record
    groups = defaultdict(list)
    with open(os.path.join(out, "gold.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for text in f:
            row = dict(zip(header, text.rstrip("\n").split("\t")))
            groups[row["group"]].append(row)
    return articles, list(groups.values())


def shingles(text, n):
    """The set of runs of `n` lower-cased words of a text."""
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


class GeneratorTest(unittest.TestCase):
    def generate(self, inputs, articles, **options):
        out = tempfile.mkdtemp(dir=self.dir.name)
        options.setdefault("per_shard", 250)
        summary = generate.generate(inputs, out, articles, options.get("seed", 5), 0.3, "t",
                                    options["per_shard"], options.get("jobs", 1))
        return out, summary

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def check_archive(self, out, summary, articles, shared_run=LONG):
        found, groups = read_archive(out)
        self.assertEqual(len(found), articles)
        self.assertEqual(summary["articles"], articles)
        # Exactly 30% of the articles are copies, each in the gold group of its original.
        copies = [row for g in groups for row in g if row["kind"].startswith("copy:")]
        self.assertEqual(len(copies), round(0.3 * articles))
        self.assertEqual(summary["copies"], len(copies))
        group_of = {}
        for number, group in enumerate(groups):
            self.assertEqual([row["kind"] for row in group][0], "original")
            self.assertGreaterEqual(len(group), 2)
            for row in group:
                record = found[row["article_id"]]
                self.assertEqual(record["where"], (row["file"], int(row["line"])))
                group_of[row["article_id"]] = number
        # A copy keeps most of its original's text, from another outlet, 0 to 2 days later.
        for group in groups:
            original = found[group[0]["article_id"]]
            for row in group[1:]:
                copy = found[row["article_id"]]
                self.assertNotEqual(copy["source"], original["source"])
                days = (date(copy["date"]) - date(original["date"])).days
                self.assertIn(days, (0, 1, 2))
                mine = shingles(copy["body"], 5)
                theirs = shingles(original["body"], 5)
                shorter = min(mine, theirs, key=len)
                self.assertGreater(len(mine & theirs) / len(shorter), 0.4, row)
        # Dates spread over 40 years.
        dates = sorted(date(a["date"]) for a in found.values())
        self.assertGreaterEqual((dates[-1] - dates[0]).days, 365 * 36)
        self.assertEqual(len({d.year for d in dates}) >= min(40, articles // 20), True)
        # No two articles of different groups (or of none) share a long run of words.
        owner = {}
        for article_id, record in sorted(found.items()):
            mine = group_of.get(article_id, article_id)
            for run in shingles(record["title"] + " . " + record["body"], shared_run):
                other = owner.setdefault(run, (mine, article_id))
                self.assertTrue(other[0] == mine, f"{article_id} and {other[1]} share: {run}")
        return found, groups

    def test_invented_corpus_at_small_scale(self):
        inputs = [invented_corpus(self.dir.name)]
        out, summary = self.generate(inputs, 1000)
        self.check_archive(out, summary, 1000)
        self.assertEqual(sorted(os.listdir(os.path.join(out, "corpus"))),
                         [f"t-{k:04d}.jsonl.gz" for k in range(4)])

    def test_same_seed_same_bytes_whatever_the_jobs(self):
        inputs = [invented_corpus(self.dir.name)]
        one, _ = self.generate(inputs, 600, jobs=1)
        two, _ = self.generate(inputs, 600, jobs=2)
        other, _ = self.generate(inputs, 600, seed=6)
        for name in sorted(os.listdir(os.path.join(one, "corpus"))) + ["../gold.tsv"]:
            with open(os.path.join(one, "corpus", name), "rb") as a, \
                    open(os.path.join(two, "corpus", name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)
        with open(os.path.join(one, "gold.tsv")) as a, open(os.path.join(other, "gold.tsv")) as b:
            self.assertNotEqual(a.read(), b.read())

    def test_sentences_used_again_come_back_with_other_neighbours(self):
        # An archive larger than its pool goes over the pool several times: if every pass
        # kept one order, articles of two passes would be made of the same runs of sentences.
        pool = [f"Sentence number {n} of the invented pool." for n in range(1000)]
        gen = generate.Generator(pool, 0, 9)
        drawn = [gen.sentence() for _ in range(3 * len(pool))]
        passes = [drawn[i * len(pool):(i + 1) * len(pool)] for i in range(3)]
        for sentences in passes:
            self.assertEqual(sorted(sentences), sorted(pool))
        neighbours = [set(zip(p, p[1:])) for p in passes]
        again = len(neighbours[0] & neighbours[1]) + len(neighbours[1] & neighbours[2])
        self.assertLess(again, 20)
        # Two shards whose places fall in different passes do not draw the same sequence.
        late = generate.Generator(pool, 2 * len(pool), 9)
        self.assertNotEqual([late.sentence() for _ in range(50)], passes[0][:50])

    def test_unreadable_input_names_the_file(self):
        bad = os.path.join(self.dir.name, "bad.jsonl")
        with open(bad, "w") as f:
            f.write('{"body": "fine"}\nnot json\n')
        with self.assertRaisesRegex(generate.InputError, r"bad\.jsonl: line 2"):
            self.generate([bad], 10)

    def test_real_news_at_small_scale(self):
        news = os.path.join(DATA, "news")
        if not os.path.isdir(news):
            self.skipTest(f"{news} is absent: the shared data is not on this machine")
        out, summary = self.generate([news], 1500, per_shard=500, jobs=2)
        self.assertEqual(summary["copies"], 450)
        # Real speeches repeat their formulas; a shared run is one of 20 words here.
        self.check_archive(out, summary, 1500, shared_run=20)
        self.assertGreater(summary["text_bytes"] / 1500, 1200)


def date(text):
    """A `YYYY-MM-DD` date."""
    import datetime

    return datetime.date.fromisoformat(text)


if __name__ == "__main__":
    unittest.main()
