//! Word-level helpers for actor extraction: tokenising, stop words, titles.

/// A word as a byte range into its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits `text` into words: runs of alphanumeric characters, joined across an
/// internal hyphen or apostrophe ("Ki-moon", "O'Brien") but not across a
/// possessive ("Biden's" gives "Biden" and "s"). Reuses `out`.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Word>) {
    out.clear();
    let mut it = text.char_indices().peekable();
    let mut start: Option<usize> = None;
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let joiner = c == '-' || is_apostrophe(c);
            let next_alnum = it.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if joiner && next_alnum {
                let possessive = is_apostrophe(c) && {
                    let rest = &text[i + c.len_utf8()..];
                    let mut r = rest.chars();
                    matches!(r.next(), Some('s' | 'S'))
                        && !r.next().is_some_and(char::is_alphanumeric)
                };
                if !possessive {
                    continue;
                }
            }
            out.push(Word { start: s, end: i });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
        });
    }
}

/// True if the word starts with an upper-case letter and has a lower-case one
/// ("Putin", "McCarthy"), i.e. looks like a proper noun in normal-case text.
pub(crate) fn is_capitalized(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

/// True for run-together words like "MikhailPrime" (a lower-case letter followed by an
/// upper-case one), except name prefixes such as "McFaul", "MacArthur", "DiCaprio".
pub(crate) fn is_camel_junk(w: &str) -> bool {
    let mut prev_lower = false;
    for (i, c) in w.char_indices() {
        if c.is_uppercase()
            && prev_lower
            && !matches!(&w[..i], "Mc" | "Mac" | "Di" | "De" | "La" | "Le")
        {
            return true;
        }
        prev_lower = c.is_lowercase();
    }
    false
}

/// True if `s` has at least one letter and no lower-case letter.
pub(crate) fn is_all_caps(s: &str) -> bool {
    let mut letter = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        letter |= c.is_alphabetic();
    }
    letter
}

/// Capitalised words that are never actor names (sentence starters, dates, ...).
/// Lower-case, sorted for binary search.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "additionally",
    "after",
    "afterwards",
    "again",
    "against",
    "ahead",
    "all",
    "also",
    "although",
    "amid",
    "among",
    "an",
    "and",
    "another",
    "any",
    "apr",
    "april",
    "are",
    "as",
    "at",
    "aug",
    "august",
    "because",
    "before",
    "being",
    "besides",
    "between",
    "both",
    "but",
    "by",
    "can",
    "celsius",
    "christmas",
    "could",
    "currently",
    "daily",
    "dear",
    "dec",
    "december",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "easter",
    "either",
    "even",
    "every",
    "everyone",
    "except",
    "feb",
    "february",
    "few",
    "finally",
    "first",
    "following",
    "for",
    "former",
    "fri",
    "friday",
    "from",
    "further",
    "furthermore",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "including",
    "indeed",
    "instead",
    "is",
    "it",
    "its",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "just",
    "last",
    "later",
    "like",
    "many",
    "mar",
    "march",
    "may",
    "meanwhile",
    "mon",
    "monday",
    "more",
    "moreover",
    "most",
    "much",
    "my",
    "neither",
    "never",
    "nevertheless",
    "new",
    "news",
    "next",
    "no",
    "nor",
    "not",
    "nov",
    "november",
    "now",
    "oct",
    "october",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "per",
    "please",
    "prior",
    "read",
    "recently",
    "regarding",
    "sat",
    "saturday",
    "sep",
    "sept",
    "september",
    "several",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "sun",
    "sunday",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thu",
    "thursday",
    "thus",
    "to",
    "today",
    "tomorrow",
    "tue",
    "tuesday",
    "under",
    "unlike",
    "until",
    "upon",
    "we",
    "wed",
    "wednesday",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yes",
    "yesterday",
    "yet",
    "you",
    "your",
];

/// Titles and roles that introduce a person's name ("President Joe Biden").
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "archbishop",
    "attorney",
    "ayatollah",
    "bishop",
    "capt",
    "captain",
    "cardinal",
    "ceo",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chancellor",
    "chief",
    "coach",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "counsellor",
    "dame",
    "deputy",
    "designer",
    "director",
    "dr",
    "editor",
    "emir",
    "envoy",
    "executive",
    "founder",
    "gen",
    "general",
    "gov",
    "governor",
    "head",
    "imam",
    "inspector",
    "judge",
    "justice",
    "king",
    "lady",
    "leader",
    "lieutenant",
    "lord",
    "lt",
    "major",
    "manager",
    "marshal",
    "mayor",
    "metropolitan",
    "minister",
    "minister-counsellor",
    "mr",
    "mrs",
    "ms",
    "officer",
    "patriarch",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "prof",
    "professor",
    "prosecutor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "saint",
    "secretary",
    "secretary-general",
    "sen",
    "senator",
    "sergeant",
    "sheikh",
    "sir",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "staff",
    "sultan",
    "vice",
    "vice-premier",
    "vice-president",
];

/// Words that make a capitalised run an organisation or place rather than a person.
const NON_PERSON: &[&str] = &[
    "academy",
    "act",
    "administration",
    "ag",
    "agency",
    "airlines",
    "airport",
    "airways",
    "army",
    "assembly",
    "associates",
    "association",
    "authority",
    "avenue",
    "award",
    "bancorp",
    "bancorporation",
    "bancshares",
    "bank",
    "banque",
    "barney",
    "battalion",
    "bay",
    "board",
    "bridge",
    "brigade",
    "brothers",
    "bureau",
    "capital",
    "cathedral",
    "center",
    "centre",
    "channel",
    "charter",
    "chemical",
    "chemicals",
    "church",
    "city",
    "club",
    "co",
    "code",
    "command",
    "commission",
    "committee",
    "communications",
    "company",
    "computer",
    "congress",
    "corp",
    "corporation",
    "corps",
    "cos",
    "council",
    "court",
    "credit",
    "declaration",
    "department",
    "directorate",
    "district",
    "division",
    "electric",
    "electronics",
    "embassy",
    "energy",
    "enterprises",
    "equities",
    "exchange",
    "factory",
    "fargo",
    "federation",
    "financial",
    "fleet",
    "foods",
    "force",
    "forces",
    "forum",
    "foundation",
    "front",
    "fund",
    "funds",
    "gas",
    "gazette",
    "gmbh",
    "government",
    "group",
    "guaranty",
    "guard",
    "hall",
    "headquarters",
    "holding",
    "holdings",
    "hospital",
    "house",
    "inc",
    "index",
    "industries",
    "initiative",
    "institute",
    "insurance",
    "international",
    "investments",
    "island",
    "journal",
    "lake",
    "league",
    "lehman",
    "limited",
    "llc",
    "lp",
    "ltd",
    "magazine",
    "market",
    "markets",
    "media",
    "mining",
    "ministry",
    "monastery",
    "motors",
    "mountains",
    "museum",
    "navy",
    "network",
    "nv",
    "office",
    "oil",
    "organisation",
    "organization",
    "palace",
    "park",
    "parliament",
    "partners",
    "partnership",
    "party",
    "petroleum",
    "pharmaceuticals",
    "plant",
    "plc",
    "police",
    "port",
    "post",
    "press",
    "prize",
    "productions",
    "products",
    "program",
    "programme",
    "project",
    "province",
    "public",
    "radio",
    "railways",
    "realty",
    "regiment",
    "region",
    "republic",
    "reserve",
    "resources",
    "river",
    "road",
    "sa",
    "savings",
    "school",
    "sea",
    "securities",
    "senate",
    "service",
    "societe",
    "sons",
    "square",
    "stadium",
    "state",
    "station",
    "steel",
    "stores",
    "street",
    "summit",
    "systems",
    "technologies",
    "telecom",
    "television",
    "times",
    "treaty",
    "trust",
    "tv",
    "union",
    "university",
    "utilities",
];

fn in_list(list: &[&str], w: &str) -> bool {
    if w.len() > 24 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 24];
    let b = &mut buf[..w.len()];
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    // ASCII-only input, so the lower-cased bytes are valid UTF-8.
    let lw = std::str::from_utf8(b).unwrap_or("");
    list.binary_search(&lw).is_ok()
}

/// Is `w` (any case) a stop word that can never be (part of) an actor name?
pub(crate) fn is_stop(w: &str) -> bool {
    in_list(STOP, w)
}

/// Is `w` (any case) a title that introduces a person's name?
pub(crate) fn is_title(w: &str) -> bool {
    in_list(TITLES, w)
}

/// Is `w` (any case) a word that marks an organisation/place name?
pub(crate) fn is_non_person(w: &str) -> bool {
    in_list(NON_PERSON, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        for list in [STOP, TITLES, NON_PERSON] {
            assert!(list.windows(2).all(|p| p[0] < p[1]), "{:?}", list);
        }
    }

    #[test]
    fn tokenizer_splits_possessives_keeps_hyphens() {
        let t = "Biden’s aide O'Brien met Ki-moon's team, “Erdoğan” said.";
        let mut v = Vec::new();
        tokenize(t, &mut v);
        let ws: Vec<&str> = v.iter().map(|w| &t[w.start..w.end]).collect();
        assert_eq!(
            ws,
            ["Biden", "s", "aide", "O'Brien", "met", "Ki-moon", "s", "team", "Erdoğan", "said"]
        );
    }
}
