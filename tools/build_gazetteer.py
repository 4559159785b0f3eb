#!/usr/bin/env python3
"""Build the embedded actor gazetteer for newsdex (src/actors/data/*.tsv).

Reads the MIT-licensed Phoenix/TABARI dictionaries and CountryInfo.txt and writes
compact TSV files: canonical<TAB>kind<TAB>alias|alias|...

Usage: python3 tools/build_gazetteer.py [GAZETTEER_DIR] [OUT_DIR]
  defaults: /work/shared/data/gazetteer  src/actors/data
The hand-curated src/actors/data/curated.tsv is read (never written): its aliases
win over generated ones, so generated entries never steal a curated alias.
Standard library only.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/gazetteer"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "src", "actors", "data")

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

    def add(self, canonical, kind, aliases):
        # a curated canonical may still collect the extra (untaken) generated aliases
        if canonical is None or canonical.lower() in self.names:
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

    def write(self, name):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            f.write("# generated by tools/build_gazetteer.py from the Phoenix dictionaries "
                    "(MIT, (c) 2014 Open Event Data Alliance); do not edit\n")
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


def main():
    taken = load_curated()
    ctab, ptab = countries(taken)
    otab = orgs(ptab.taken)
    petab = people(otab.taken)
    ctab.write("countries.tsv")
    ptab.write("places.tsv")
    otab.write("orgs.tsv")
    petab.write("people.tsv")


if __name__ == "__main__":
    main()
