//! Word lists for actor extraction: stop words, titles, organisation words, English common
//! words (SCOWL, embedded), word shapes.

use std::io::Read;
use std::sync::OnceLock;

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

/// True if `w` starts with a capital followed by at least one lower-case letter ("May").
pub(crate) fn is_title_case(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
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
pub(crate) const TITLES: &[&str] = &[
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
    "excellencies",
    "excellency",
    "executive",
    "founder",
    "gen",
    "general",
    "gov",
    "governor",
    "head",
    "highness",
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
    "madam",
    "madame",
    "majesty",
    "major",
    "manager",
    "marshal",
    "mayor",
    "metropolitan",
    "minister",
    "minister-counsellor",
    "mme",
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
    "rev",
    "reverend",
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
pub(crate) const NON_PERSON: &[&str] = &[
    "academy",
    "act",
    "administration",
    "ag",
    "agency",
    "airlines",
    "airport",
    "airways",
    "analytics",
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
    "biosciences",
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
    "entertainment",
    "equities",
    "exchange",
    "factory",
    "fargo",
    "federation",
    "finance",
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
    "images",
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
    "labs",
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
    "publishing",
    "radio",
    "railways",
    "realty",
    "regiment",
    "region",
    "republic",
    "research",
    "reserve",
    "resources",
    "river",
    "road",
    "robotics",
    "sa",
    "savings",
    "school",
    "sea",
    "securities",
    "senate",
    "service",
    "societe",
    "software",
    "solutions",
    "sons",
    "square",
    "stadium",
    "state",
    "station",
    "steel",
    "stores",
    "street",
    "studios",
    "summit",
    "systems",
    "tech",
    "technologies",
    "telecom",
    "television",
    "therapeutics",
    "times",
    "treaty",
    "trust",
    "tv",
    "union",
    "university",
    "utilities",
    "ventures",
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

/// Is `name` a person's name built with a patronymic particle between capitalised names
/// ("Tariq bin Hamad", "Layla bint Omar Farouk", "Yusuf ibn Rashid")? The particle ("son of",
/// "daughter of") names a parent, so the whole is a person whatever else suggests: every word
/// but the particle is capitalised, the first is no common word, and none is a title, an
/// organisation's word (singular or plural) or a legal suffix ("Omar bin Khattab Brigades" is
/// a group).
pub(crate) fn is_patronymic_name(name: &str) -> bool {
    let is_particle = |w: &str| matches!(w, "bin" | "bint" | "ibn" | "ben");
    // Most names have no particle: answered without collecting their words (the gazetteer
    // asks this of every organisation at every start).
    if !name.split(' ').any(is_particle) {
        return false;
    }
    let ws: Vec<&str> = name.split(' ').collect();
    let Some(p) = ws.iter().position(|w| is_particle(w)) else {
        return false;
    };
    p >= 1
        && p + 1 < ws.len()
        && ws.len() <= 5
        && !is_common_word(ws[0])
        && ws.iter().enumerate().all(|(i, w)| {
            i == p
                || (is_title_case(w)
                    && !is_title(w)
                    && !is_non_person(w.trim_end_matches('.'))
                    && !is_non_person(w.strip_suffix('s').unwrap_or(w))
                    && !is_legal_suffix(w))
        })
}

/// Is `w` (any case) a word that marks an organisation/place name?
pub(crate) fn is_non_person(w: &str) -> bool {
    in_list(NON_PERSON, w)
}

/// The English words SCOWL writes only in lower case (`data/common-words.txt.gz`, from
/// Debian's `wamerican`; see `data/README.md`): one a line, sorted bytewise.
const COMMON_WORDS_GZ: &[u8] = include_bytes!("data/common-words.txt.gz");

/// The decompressed common-word list and where each word starts, for binary search.
struct CommonWords {
    text: String,
    starts: Vec<u32>,
}

impl CommonWords {
    fn load() -> CommonWords {
        let mut text = String::new();
        // The embedded list is checked by a test; a failure here leaves the list empty.
        let _ = flate2::read::GzDecoder::new(COMMON_WORDS_GZ).read_to_string(&mut text);
        let mut starts = Vec::with_capacity(text.len() / 8);
        let mut at = 0u32;
        for line in text.split_inclusive('\n') {
            starts.push(at);
            at += line.len() as u32;
        }
        CommonWords { text, starts }
    }

    fn word(&self, k: usize) -> &str {
        let s = self.starts[k] as usize;
        let e = self
            .starts
            .get(k + 1)
            .map_or(self.text.len(), |&e| e as usize);
        self.text[s..e].trim_end_matches('\n')
    }

    fn contains(&self, lower: &str) -> bool {
        let (mut lo, mut hi) = (0, self.starts.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.word(mid).cmp(lower) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

fn common_words() -> &'static CommonWords {
    static WORDS: OnceLock<CommonWords> = OnceLock::new();
    WORDS.get_or_init(CommonWords::load)
}

/// Administrative head nouns that open a place's name before "of" ("District of Tarrow").
const PLACE_HEADS: &[&str] = &[
    "City",
    "County",
    "District",
    "Isle",
    "Province",
    "Region",
    "Territory",
];

/// True when `w` (as written, capitalised) is an administrative head noun of a place's name.
pub(crate) fn is_place_head(w: &str) -> bool {
    PLACE_HEADS.contains(&w)
}

/// Is `w` (any case) an English common word, one the word list writes in lower case ("bank",
/// "may", "bush"), as opposed to a word it only knows capitalised ("Paris")?
pub(crate) fn is_common_word(w: &str) -> bool {
    if w.is_empty() || w.len() > 40 {
        return false;
    }
    // Most words are ASCII: lower-cased on the stack, without an allocation per lookup.
    if w.is_ascii() {
        let mut buf = [0u8; 40];
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|lower| common_words().contains(lower));
    }
    common_words().contains(&w.to_lowercase())
}

/// Is every word of `name` an English common word ([`is_common_word`])? Hyphenated words
/// count part by part; a word with a digit or an inner dot ("U.S.") is never common.
pub(crate) fn all_common_words(name: &str) -> bool {
    let mut any = false;
    for w in name.split_whitespace() {
        for part in w.split('-') {
            let part = part
                .trim_end_matches(['.', ',', '\''])
                .trim_end_matches("'s");
            if part.is_empty() {
                continue;
            }
            if !is_common_word(part) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Legal-form suffixes of company names, lower case without dots, sorted.
const LEGAL_SUFFIXES: &[&str] = &[
    "ag", "co", "corp", "cos", "gmbh", "inc", "llc", "ltd", "nv", "plc", "sa",
];

/// Is `w` (any case, dots ignored: "Inc.", "N.V.") a company's legal-form suffix?
pub(crate) fn is_legal_suffix(w: &str) -> bool {
    let bare: String = w.chars().filter(|&c| c != '.').collect();
    in_list(LEGAL_SUFFIXES, &bare)
}

/// The states and provinces that follow a town's name after a comma ("Fenwick, Ohio"): the
/// first-level divisions of the United States, Canada and Australia.
const DIVISIONS: &[&str] = &[
    "Alabama",
    "Alaska",
    "Alberta",
    "Arizona",
    "Arkansas",
    "British Columbia",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Manitoba",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Brunswick",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New South Wales",
    "New York",
    "Newfoundland",
    "North Carolina",
    "North Dakota",
    "Northern Territory",
    "Nova Scotia",
    "Nunavut",
    "Ohio",
    "Oklahoma",
    "Ontario",
    "Oregon",
    "Pennsylvania",
    "Prince Edward Island",
    "Quebec",
    "Queensland",
    "Rhode Island",
    "Saskatchewan",
    "South Australia",
    "South Carolina",
    "South Dakota",
    "Tasmania",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Victoria",
    "Virginia",
    "Washington",
    "West Virginia",
    "Western Australia",
    "Wisconsin",
    "Wyoming",
    "Yukon",
];

/// The state or province named at the start of `text` ("Ohio, where..." gives "Ohio"), when it
/// ends there (a word boundary follows).
pub(crate) fn division_at(text: &str) -> Option<&'static str> {
    DIVISIONS.iter().copied().find(|d| {
        text.starts_with(d)
            && !text[d.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
    })
}

/// Is `name` a state or province, whole ("Ohio", not "Ohio River")?
pub(crate) fn is_division(name: &str) -> bool {
    DIVISIONS.contains(&name)
}

/// Number words, which begin table rows and sentences ("Nine months") but name nothing.
const NUMBER_WORDS: &[&str] = &[
    "billion",
    "eight",
    "eighteen",
    "eighty",
    "eleven",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "fourteen",
    "hundred",
    "million",
    "nine",
    "nineteen",
    "ninety",
    "one",
    "seven",
    "seventeen",
    "seventy",
    "six",
    "sixteen",
    "sixty",
    "ten",
    "thirteen",
    "thirty",
    "thousand",
    "three",
    "trillion",
    "twelve",
    "twenty",
    "two",
];

/// Is `w` (any case) a cardinal number word ("Nine", "TWELVE")?
pub(crate) fn is_number_word(w: &str) -> bool {
    in_list(NUMBER_WORDS, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_the_lower_case_words_of_the_list() {
        let list = common_words();
        assert!(list.starts.len() > 50_000, "{} words", list.starts.len());
        assert!((1..list.starts.len()).all(|k| list.word(k - 1) < list.word(k)));
        for w in ["harbor", "Ledger", "WILLOW", "march"] {
            assert!(is_common_word(w), "{w}");
        }
        // names the list writes only capitalised are not common words
        for w in ["Zanzibar", "Thessaloniki", "Quixote", ""] {
            assert!(!is_common_word(w), "{w}");
        }
        assert!(all_common_words("Silver Harbor"));
        assert!(!all_common_words("Silver Zanzibar"));
        assert!(!all_common_words("U.S. Harbor"));
    }

    #[test]
    fn lists_are_sorted() {
        for list in [STOP, TITLES, NON_PERSON, NUMBER_WORDS, LEGAL_SUFFIXES] {
            assert!(list.windows(2).all(|p| p[0] < p[1]), "{:?}", list);
        }
    }
}
