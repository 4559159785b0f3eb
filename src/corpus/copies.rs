//! What a copy is: one article's text reprinted, re-sent or republished as another. The one
//! place the rule lives, as pure functions: an article's [`CopySignature`] (MinHash over word
//! 5-shingles of its body, plus its shingle count and its headline's words), the LSH bands
//! that make two likely copies candidates, and [`is_copy`], which decides a candidate pair.
//!
//! A copy shares most of the *shorter* article's shingles (containment): a reprint trimmed by
//! a few paragraphs keeps a high containment but a low Jaccard with its original. MinHash
//! estimates the Jaccard `J` of two shingle sets; with the two counts `a` and `b` it gives the
//! shared shingles `J (a + b) / (1 + J)`, and so the containment of the shorter. The bands
//! are chosen so that a pair of Jaccard 0.4 (a 0.8 containment of an article 60% the length
//! of the other) is a candidate 99.99% of the time.

use std::borrow::Cow;

use super::fnv::Fnv1a;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// MinHash values per signature (one per hash permutation).
pub const PERMUTATIONS: usize = 128;
/// MinHash values per LSH band: two articles are candidates when one band agrees.
pub const BAND_ROWS: usize = 2;
/// LSH bands per signature.
pub const BANDS: usize = PERMUTATIONS / BAND_ROWS;
/// Least estimated share of the shorter article's shingles found in the longer one.
pub const MIN_CONTAINMENT: f64 = 0.6;
/// Articles dated more than this many days apart are copies only when nearly the whole
/// shorter text is in the other ([`MIN_CONTAINMENT_APART`]): a recurring report's next
/// edition shares its formula, a reprint its text.
pub const MAX_DAYS_APART: i64 = 2;
/// Least containment of articles dated more than [`MAX_DAYS_APART`] apart.
pub const MIN_CONTAINMENT_APART: f64 = 0.9;
/// Articles dated more than [`MAX_DAYS_APART`] apart are copies only when the shorter has
/// this many shingles or more (about a hundred words): a short recurring notice ("policy left
/// unchanged") repeats word for word from one edition to the next without being one story.
pub const MIN_SHINGLES_APART: u32 = 100;
/// Least share of the *longer* body that is text shared with the shorter, once the shorter
/// has [`SHORT_BODY_SHINGLES`] or more: a page or digest that holds another article among
/// mostly text of its own is a different item, not a copy of it (a trimmed or extended reprint
/// keeps most of the longer text). A digest of four or five items holds one of them as 20% to
/// nearly 40% of its text, so a quarter let the longer items through; a flash whose full
/// report is more than three times its length is still grouped under one headline.
pub const MIN_SHARE_OF_LONGER: f64 = 0.3;
/// Least share of the longer body that is shared text when the two headlines have less than
/// [`MIN_HEADLINE_AGREEMENT`] of the shorter headline's words in common: an item of a digest
/// of three to five is a third of it or less and carries a headline of its own, while a
/// flash or a trimmed copy that is a third of its report keeps most of its headline.
pub const MIN_SHARE_OF_LONGER_UNDER_OTHER_HEADLINE: f64 = 0.4;
/// Share of the shorter headline's words found in the other below which two headlines
/// are another's ([`MIN_SHARE_OF_LONGER_UNDER_OTHER_HEADLINE`]).
pub const MIN_HEADLINE_AGREEMENT: f64 = 0.5;
/// Least share of the shorter body's distinct numbers (words with a digit) found in the
/// other: two editions of a formulaic report differ in their figures, a copy keeps them.
pub const MIN_NUMBER_CONTAINMENT: f64 = 0.65;
/// Bodies of fewer shingles (about 14 words) copy nothing: too little text to tell one item
/// from the next edition of a recurring one.
pub const MIN_SHINGLES: u32 = 10;
/// Least ratio of the shorter article's shingles to the longer one's: a short item quoted
/// inside a digest is not a copy of the digest.
pub const MIN_SIZE_RATIO: f64 = 0.2;
/// Bodies of fewer shingles are short notices: a template filled for two subjects names them
/// in the headline, so the headlines must agree too.
pub const SHORT_BODY_SHINGLES: u32 = 40;
/// Least share of the shorter headline's words found in the other headline, for short bodies.
pub const MIN_TITLE_CONTAINMENT: f64 = 0.8;
/// Most headline words kept in a signature.
const MAX_TITLE_WORDS: usize = 32;
/// Most distinct numbers of a body kept in a signature (the least hashes: a sample).
const MAX_NUMBERS: usize = 64;
/// Most distinct words of the names of people and organisations kept in a signature; a body
/// naming more keeps none (and no subject): a text that long is no template notice.
const MAX_NAME_WORDS: usize = 64;
/// Fewest distinct words of a headline that makes two articles one wire item re-sent
/// ([`is_copy`]): a shorter headline ("UPDATE", "CORRECTION") names no story.
pub const MIN_HEADLINE_WORDS: usize = 4;
/// Least estimated containment of the shorter body in the other for two articles whose
/// headlines carry one company ticker, the same (`<ABC>`), within [`MAX_DAYS_APART`]: the
/// ticker names the subject, so a results table or a notice re-sent with other labels, or a
/// short notice re-sent under a reworded headline, is the same story at nearly half its text
/// (a template filled for two companies carries two tickers, an edition another date).
pub const MIN_CONTAINMENT_ONE_TICKER: f64 = 0.45;
/// Least estimated containment of the shorter body in the other for one company's results
/// re-sent: both headlines carry the same one ticker and announce results of the same period
/// ("4TH QTR NET" twice, not "YEAR NET"), within [`MAX_DAYS_APART`]. A results table re-sent with a
/// figure revised, a line added or the labels written otherwise is the same story at under
/// half its shingles (one changed figure breaks five shingles of a short table), which the
/// figures check (most of the shorter table's numbers in the other) still holds.
pub const MIN_CONTAINMENT_RESULTS: f64 = 0.3;
/// Least estimated containment of a flash in its full report under a headline that keeps
/// [`MIN_HEADLINE_AGREEMENT`] of the shorter headline's words, whatever share of the report
/// the flash is (down to [`MIN_SIZE_RATIO`]): nearly all of the flash is in the report, and
/// a digest's item carries a headline of its own.
pub const MIN_CONTAINMENT_FLASH: f64 = 0.8;
/// Headline words that make a results headline on their own ("4TH QTR NET", "1ST QTR").
const QUARTER_WORDS: [&str; 2] = ["qtr", "quarter"];
/// Headline words of results ("YEAR NET", "NINE MONTHS LOSS"), with a span of [`SPAN_WORDS`].
const RESULT_WORDS: [&str; 4] = ["net", "loss", "profit", "earnings"];
/// Headline words of a span of time that results cover.
const SPAN_WORDS: [&str; 4] = ["year", "yr", "months", "mths"];
/// Headline words that name a results period: two results headlines of one company are of
/// the same period when they hold the same of these ("4TH QTR" and "4TH QTR", not "YEAR").
const PERIOD_WORDS: [&str; 13] = [
    "1st", "2nd", "3rd", "4th", "first", "second", "third", "fourth", "six", "nine", "year", "qtr",
    "quarter",
];
/// Bodies of at most this many shingles keep the shingles themselves (16 bits of each hash,
/// sorted), no more bytes than their MinHash values: two such bodies are compared exactly,
/// where the estimate from 128 values moves a short notice's containment by about 0.05 (a
/// results table at 0.3 or a notice at 0.45 fell either side of its line).
pub const EXACT_SHINGLES: u32 = PERMUTATIONS as u32;
/// Version of these rules: a change makes every index regroup its articles.
pub const RULES_VERSION: u32 = 8;

/// A person or organisation an article's body names (in order of first mention), for the
/// subject rule of [`is_copy`]: one notice filled in for two subjects is two stories.
#[derive(Debug, Clone, Copy)]
pub struct Named<'a> {
    /// The name as the actor extractor settled it.
    pub name: &'a str,
    /// A person (named by the last word of the name) or an organisation (by the first).
    pub person: bool,
}

/// Bytes of a stored signature before its word hashes: shingle count, day, three counts, the
/// subject, the headline's ticker and the count of exact shingles.
const HEADER_BYTES: usize = 20;

/// What an article contributes to copy detection; about 400 bytes (up to 256 more for a
/// short body's shingles), stored in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopySignature {
    /// Distinct word shingles of the body.
    pub shingles: u32,
    /// The article's day (days since 1970-01-01), if it is dated to the day.
    pub day: Option<i32>,
    /// Hashes of the headline's distinct words, sorted.
    pub title_words: Vec<u32>,
    /// Hashes of the body's distinct numbers, each whole as written ("1.5", "6-1/16",
    /// "3,200"), sorted.
    pub numbers: Vec<u32>,
    /// Hash of the word that stands for the body's subject, the first person or organisation
    /// it names (a person's last word, an organisation's first); 0 for none.
    pub subject: u32,
    /// Hashes of the distinct words of every person and organisation the body names, sorted.
    pub name_words: Vec<u32>,
    /// Hash of the one company ticker the headline carries (`<ABC>`, `<ABC.O>` as `ABC`); 0
    /// for none or for two or more (a headline about two companies names no one subject).
    pub ticker: u32,
    /// The low 16 bits of the least hash of the body's shingles under each of
    /// [`PERMUTATIONS`] permutations (empty for a body without words). One-permutation
    /// b-bit MinHash: two unrelated values agree once in 65,536, which moves an estimated
    /// Jaccard of `J` by `(1 - J) / 65,536`, far below one agreement in 128 (the estimate's
    /// step), and halves the largest column of the index (the full 32 bits made the fast
    /// fields 12.7 of the 49.5 MB of the Reuters index).
    pub minhash: Vec<u16>,
    /// The body's shingles, 16 bits of each hash, sorted and distinct, for a body of at most
    /// [`EXACT_SHINGLES`] (empty for a longer one): what two short bodies are compared on.
    pub exact: Vec<u16>,
}

/// Lowercased word tokens: runs of letters and digits (borrowed when already lowercase, so
/// most words of a body cost no allocation).
fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
}

/// splitmix64's finaliser: spreads a hash's bits before the permutations multiply it.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The permutations' multipliers (odd) and offsets, fixed for every index.
fn permutations() -> &'static [(u64, u64); PERMUTATIONS] {
    static TABLE: std::sync::OnceLock<[(u64, u64); PERMUTATIONS]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [(0, 0); PERMUTATIONS];
        let mut seed = 0x6e65_7773_6465_7831u64;
        for slot in &mut table {
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let a = mix(seed) | 1;
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            *slot = (a, mix(seed));
        }
        table
    })
}

/// A word's 32-bit hash, never 0 (0 stands for no subject).
fn word_hash(word: &str) -> u32 {
    (Fnv1a::new().write(word.as_bytes()).finish() as u32).max(1)
}

fn word_hashes<'a>(words: impl Iterator<Item = &'a str>, most: usize) -> Vec<u32> {
    let mut hashes: Vec<u32> = words.map(word_hash).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes.truncate(most);
    hashes
}

/// The signature of an article's headline and body, and its day (days since 1970-01-01).
pub fn signature(title: &str, body: &str, day: Option<i32>) -> CopySignature {
    // Lowered once here, so that `words` borrows every ASCII word instead of lowering it alone.
    let original_title = title;
    let (body, title) = (body.to_ascii_lowercase(), title.to_ascii_lowercase());
    let mut body_words: Vec<Cow<str>> = words(&body).collect();
    let title_words: Vec<Cow<str>> = words(&title).collect();
    if body_words == title_words {
        // A body that is only its headline (a video's caption) has no text of its own.
        body_words.clear();
    }
    let mut shingles: Vec<u64> = if body_words.is_empty() {
        Vec::new()
    } else if body_words.len() < SHINGLE_WORDS {
        vec![shingle_hash(&body_words)]
    } else {
        body_words
            .windows(SHINGLE_WORDS)
            .map(shingle_hash)
            .collect()
    };
    shingles.sort_unstable();
    shingles.dedup();
    let minhash = least_hashes(&shingles);
    // The top 16 bits of sorted hashes are sorted already; two hashes may share them.
    let mut exact: Vec<u16> = if shingles.len() <= EXACT_SHINGLES as usize {
        shingles.iter().map(|&h| (h >> 48) as u16).collect()
    } else {
        Vec::new()
    };
    exact.dedup();
    let numbers = if body_words.is_empty() {
        Vec::new()
    } else {
        word_hashes(numbers(&body), MAX_NUMBERS)
    };
    CopySignature {
        shingles: shingles.len() as u32,
        day,
        title_words: word_hashes(title_words.iter().map(|w| &**w), MAX_TITLE_WORDS),
        numbers,
        subject: 0,
        name_words: Vec::new(),
        ticker: headline_ticker(original_title).map_or(0, word_hash),
        minhash,
        exact,
    }
}

/// The one company ticker a headline carries, as wires write it: 1 to 6 capitals in angle
/// brackets, with an exchange suffix dropped (`<ABC>`, `< ABC.O >` give `ABC`); None for
/// none, or for two different ones. A bracketed name (`<Alder Mills Inc>`) is no ticker.
fn headline_ticker(title: &str) -> Option<&str> {
    let mut found = None;
    for (at, _) in title.match_indices('<') {
        let Some(len) = title[at + 1..].find('>') else {
            break;
        };
        let inside = title[at + 1..at + 1 + len].trim();
        let (code, suffix) = inside.split_once('.').unwrap_or((inside, "A"));
        let capitals = |s: &str, most: usize| {
            (1..=most).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
        };
        if !(capitals(code, 6) && capitals(suffix, 2)) {
            continue;
        }
        match found {
            None => found = Some(code),
            Some(one) if one == code => {}
            Some(_) => return None,
        }
    }
    found
}

/// The numbers of a text, each whole as written: a run of digits with the separators between
/// its digits ("1.5", "6-1/16", "3,200", "10:30"). An edition changes them; a copy keeps them.
fn numbers(text: &str) -> impl Iterator<Item = &str> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && !bytes[at].is_ascii_digit() {
            at += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() {
            let joins = matches!(bytes[at], b'.' | b',' | b'/' | b':' | b'-')
                && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
            if bytes[at].is_ascii_digit() || joins {
                at += 1;
            } else {
                break;
            }
        }
        Some(&text[start..at])
    })
}

/// The MinHash values of a set of shingles: per permutation `(a, b)`, bits 32 to 47 of the least
/// `a * shingle + b` (mod 2^64). Taking the high half is monotonic, so the least of the whole
/// values gives the least high half; four permutations at a time over the shingles keep four
/// independent minimums in flight (a third of the time of one permutation after another per
/// shingle, same values).
fn least_hashes(shingles: &[u64]) -> Vec<u16> {
    if shingles.is_empty() {
        return Vec::new();
    }
    let mut minhash = Vec::with_capacity(PERMUTATIONS);
    for group in permutations().chunks_exact(4) {
        let mut least = [u64::MAX; 4];
        for &shingle in shingles {
            for (slot, &(a, b)) in least.iter_mut().zip(group) {
                *slot = (*slot).min(shingle.wrapping_mul(a).wrapping_add(b));
            }
        }
        // The low bits of the high half: its high bits are mostly zeros.
        minhash.extend(least.iter().map(|&h| (h >> 32) as u16));
    }
    minhash
}

fn shingle_hash(words: &[Cow<str>]) -> u64 {
    let mut hash = Fnv1a::new();
    for word in words {
        hash = hash.write(word.as_bytes()).write(b" ");
    }
    mix(hash.finish())
}

impl CopySignature {
    /// The signature with the people and organisations the body names, in order of first
    /// mention: its subject and the words of their names (see [`Named`]).
    pub fn with_named<'a>(mut self, named: impl IntoIterator<Item = Named<'a>>) -> Self {
        let mut subject = None;
        let mut all = Vec::new();
        for one in named {
            let words: Vec<Cow<str>> = words(one.name).filter(|w| w != "the").collect();
            let key = if one.person {
                words.last()
            } else {
                words.first()
            };
            if let (None, Some(key)) = (subject, key) {
                subject = Some(word_hash(key));
            }
            all.extend(words.iter().map(|w| word_hash(w)));
        }
        all.sort_unstable();
        all.dedup();
        if all.len() <= MAX_NAME_WORDS {
            self.subject = subject.unwrap_or(0);
            self.name_words = all;
        }
        self
    }

    /// The signature as stored: shingle count (`u32`), day (`i32`, `i32::MIN` for none),
    /// headline word, number and name word counts (`u8` each), the subject and the ticker
    /// (`u32` each), the count of exact shingles (`u8`), then the headline words, the numbers
    /// and the name words (`u32`s), the exact shingles and the MinHash values (`u16`s), all
    /// little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let words = self.title_words.len() + self.numbers.len() + self.name_words.len();
        let mut bytes = Vec::with_capacity(
            HEADER_BYTES + 4 * words + 2 * (self.exact.len() + self.minhash.len()),
        );
        bytes.extend_from_slice(&self.shingles.to_le_bytes());
        bytes.extend_from_slice(&self.day.unwrap_or(i32::MIN).to_le_bytes());
        bytes.push(self.title_words.len() as u8);
        bytes.push(self.numbers.len() as u8);
        bytes.push(self.name_words.len() as u8);
        bytes.extend_from_slice(&self.subject.to_le_bytes());
        bytes.extend_from_slice(&self.ticker.to_le_bytes());
        bytes.push(self.exact.len() as u8);
        for value in self
            .title_words
            .iter()
            .chain(&self.numbers)
            .chain(&self.name_words)
        {
            bytes.extend_from_slice(&value.to_le_bytes());
        }
        for value in self.exact.iter().chain(&self.minhash) {
            bytes.extend_from_slice(&value.to_le_bytes());
        }
        bytes
    }

    /// A signature read back from [`CopySignature::to_bytes`]; None for bytes of another shape.
    pub fn from_bytes(bytes: &[u8]) -> Option<CopySignature> {
        let shingles = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
        let day = i32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
        let n_title = usize::from(*bytes.get(8)?);
        let n_numbers = usize::from(*bytes.get(9)?);
        let n_names = usize::from(*bytes.get(10)?);
        let subject = u32::from_le_bytes(bytes.get(11..15)?.try_into().ok()?);
        let ticker = u32::from_le_bytes(bytes.get(15..19)?.try_into().ok()?);
        let n_exact = usize::from(*bytes.get(19)?);
        let words_end = HEADER_BYTES + 4 * (n_title + n_numbers + n_names);
        let words: Vec<u32> = bytes
            .get(HEADER_BYTES..words_end)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let (title_words, rest_words) = words.split_at(n_title);
        let (numbers, name_words) = rest_words.split_at(n_numbers);
        let halves = |bytes: &[u8]| -> Vec<u16> {
            bytes
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect()
        };
        let exact = halves(bytes.get(words_end..words_end + 2 * n_exact)?);
        let rest = &bytes[words_end + 2 * n_exact..];
        if !(rest.is_empty() || rest.len() == 2 * PERMUTATIONS) {
            return None;
        }
        let minhash = halves(rest);
        Some(CopySignature {
            shingles,
            day: (day != i32::MIN).then_some(day),
            title_words: title_words.to_vec(),
            numbers: numbers.to_vec(),
            subject,
            name_words: name_words.to_vec(),
            ticker,
            minhash,
            exact,
        })
    }

    /// A key shared by the articles whose headlines have the same distinct words (at least
    /// [`MIN_HEADLINE_WORDS`]): candidates for [`is_copy`] that share no band, such as a flash
    /// and the full report under its headline.
    pub fn headline_key(&self) -> Option<u64> {
        if self.title_words.len() < MIN_HEADLINE_WORDS {
            return None;
        }
        let mut hash = Fnv1a::new().write(b"headline");
        for word in &self.title_words {
            hash = hash.write(&word.to_le_bytes());
        }
        Some(hash.finish())
    }

    /// The LSH bands' keys: two articles sharing one (same band, same rows) are candidates.
    /// Each key is the band's number and its rows' values, packed, so that keys are equal
    /// exactly when the bands are (no hash to compute, none to collide). Empty for a body
    /// without words, which copies nothing.
    pub fn bands(&self) -> Vec<u64> {
        const _: () = assert!(16 * BAND_ROWS + 8 <= 64, "a band's key fits in 64 bits");
        if self.minhash.len() != PERMUTATIONS {
            return Vec::new();
        }
        self.minhash
            .chunks_exact(BAND_ROWS)
            .enumerate()
            .map(|(band, rows)| {
                rows.iter()
                    .fold(band as u64, |key, &row| (key << 16) | u64::from(row))
            })
            .collect()
    }
}

/// The estimated Jaccard similarity of two bodies' shingle sets.
pub fn jaccard(a: &CopySignature, b: &CopySignature) -> f64 {
    if a.minhash.len() != PERMUTATIONS || b.minhash.len() != PERMUTATIONS {
        return 0.0;
    }
    let same = a
        .minhash
        .iter()
        .zip(&b.minhash)
        .filter(|(x, y)| x == y)
        .count();
    same as f64 / PERMUTATIONS as f64
}

/// The number of shingles the two bodies share: counted when both keep their shingles
/// ([`EXACT_SHINGLES`]), else estimated, `J (a + b) / (1 + J)`.
fn shared(a: &CopySignature, b: &CopySignature) -> f64 {
    if !a.exact.is_empty() && !b.exact.is_empty() {
        return sorted_shared(&a.exact, &b.exact) as f64;
    }
    let j = jaccard(a, b);
    let (small, large) = sizes(a, b);
    j * (small + large) / (1.0 + j)
}

/// The estimated share of the shorter body's shingles found in the other.
pub fn containment(a: &CopySignature, b: &CopySignature) -> f64 {
    let (small, _) = sizes(a, b);
    if small == 0.0 {
        return 0.0;
    }
    (shared(a, b) / small).min(1.0)
}

/// The estimated share of the longer body's shingles found in the shorter one.
pub fn share_of_longer(a: &CopySignature, b: &CopySignature) -> f64 {
    let (_, large) = sizes(a, b);
    if large == 0.0 {
        return 0.0;
    }
    (shared(a, b) / large).min(1.0)
}

fn sizes(a: &CopySignature, b: &CopySignature) -> (f64, f64) {
    let (x, y) = (f64::from(a.shingles), f64::from(b.shingles));
    (x.min(y), x.max(y))
}

/// How many values two sorted, distinct lists have in common (one merge of the two).
fn sorted_shared(a: &[u16], b: &[u16]) -> usize {
    let (mut i, mut j, mut both) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both
}

/// The share of the smaller of two sorted sets found in the other (1 when either is empty:
/// nothing to disagree on).
fn set_containment(a: &[u32], b: &[u32]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return 1.0;
    }
    let shared = short
        .iter()
        .filter(|w| long.binary_search(w).is_ok())
        .count();
    shared as f64 / short.len() as f64
}

/// Whether the two bodies are about two subjects: each names a first person or organisation
/// that the other does not name at all (one notice filled in for two companies).
fn different_subjects(a: &CopySignature, b: &CopySignature) -> bool {
    let unnamed_in = |subject: u32, other: &CopySignature| {
        subject != 0 && other.name_words.binary_search(&subject).is_err()
    };
    unnamed_in(a.subject, b) && unnamed_in(b.subject, a)
}

/// Whether two articles are copies of one story: both have text of their own
/// ([`MIN_SHINGLES`]), most of the shorter body is in the other
/// ([`MIN_CONTAINMENT`]; nearly all of it, [`MIN_CONTAINMENT_APART`], for articles dated more
/// than [`MAX_DAYS_APART`] apart, and then only for a text of [`MIN_SHINGLES_APART`]), the
/// shorter is not a small part of the other ([`MIN_SIZE_RATIO`]; [`MIN_SHARE_OF_LONGER`] of
/// the longer is shared text, for bodies of [`SHORT_BODY_SHINGLES`], or
/// [`MIN_SHARE_OF_LONGER_UNDER_OTHER_HEADLINE`] under headlines of other words), the figures agree ([`MIN_NUMBER_CONTAINMENT`]) and, for short
/// notices, the headlines agree ([`MIN_TITLE_CONTAINMENT`]); headlines that differ that much
/// must not name two subjects (the first person or organisation of each body unnamed in the
/// other). A flash nearly whole in its report ([`MIN_CONTAINMENT_FLASH`]), within
/// [`MAX_DAYS_APART`], under a headline keeping [`MIN_HEADLINE_AGREEMENT`] of its words, may be
/// any share of the report down to [`MIN_SIZE_RATIO`]. Two
/// short-lived re-sends are copies on less: under one headline, a flash in its full report;
/// under one company ticker, nearly half the shorter text ([`MIN_CONTAINMENT_ONE_TICKER`]),
/// and under half for results of one period ([`MIN_CONTAINMENT_RESULTS`]). Symmetric.
pub fn is_copy(a: &CopySignature, b: &CopySignature) -> bool {
    let (small, large) = sizes(a, b);
    let apart = match (a.day, b.day) {
        (Some(x), Some(y)) => i64::from(x).abs_diff(i64::from(y)) > MAX_DAYS_APART as u64,
        _ => false,
    };
    if small < f64::from(MIN_SHINGLES) {
        return false;
    }
    if !apart && same_headline(a, b) && resent(a, b) {
        return true;
    }
    if !apart && same_ticker(a, b) && small / large >= MIN_SIZE_RATIO && one_company_resent(a, b) {
        return true;
    }
    if small / large < MIN_SIZE_RATIO {
        return false;
    }
    if apart && small < f64::from(MIN_SHINGLES_APART) {
        return false;
    }
    let least = if apart {
        MIN_CONTAINMENT_APART
    } else {
        MIN_CONTAINMENT
    };
    if containment(a, b) < least {
        return false;
    }
    let headlines = set_containment(&a.title_words, &b.title_words);
    let least_of_longer = if headlines < MIN_HEADLINE_AGREEMENT {
        MIN_SHARE_OF_LONGER_UNDER_OTHER_HEADLINE
    } else {
        MIN_SHARE_OF_LONGER
    };
    let flash =
        !apart && headlines >= MIN_HEADLINE_AGREEMENT && containment(a, b) >= MIN_CONTAINMENT_FLASH;
    if small >= f64::from(SHORT_BODY_SHINGLES) && !flash && share_of_longer(a, b) < least_of_longer
    {
        return false;
    }
    if set_containment(&a.numbers, &b.numbers) < MIN_NUMBER_CONTAINMENT {
        return false;
    }
    if small < f64::from(SHORT_BODY_SHINGLES) {
        return headlines >= MIN_TITLE_CONTAINMENT && !two_subjects(a, b);
    }
    headlines >= MIN_TITLE_CONTAINMENT || !two_subjects(a, b)
}

/// Whether two bodies are about two subjects by their names. A short notice is whole in
/// both, so its copy names the same people and organisations ([`names_substituted`]); a
/// longer text re-sent or extended may name others too, and is about another subject only
/// when each names first someone the other does not name at all ([`different_subjects`]).
fn two_subjects(a: &CopySignature, b: &CopySignature) -> bool {
    if sizes(a, b).0 < f64::from(SHORT_BODY_SHINGLES) {
        names_substituted(a, b)
    } else {
        different_subjects(a, b)
    }
}

/// Whether two articles carry one headline: the same distinct words, at least
/// [`MIN_HEADLINE_WORDS`] of them.
fn same_headline(a: &CopySignature, b: &CopySignature) -> bool {
    a.title_words.len() >= MIN_HEADLINE_WORDS && a.title_words == b.title_words
}

/// Whether two bodies under one headline, days apart at most, are one wire item sent twice: a
/// flash whose text is in the full report that followed it, whatever their lengths, with the
/// same figures and one subject ([`two_subjects`]).
fn resent(a: &CopySignature, b: &CopySignature) -> bool {
    containment(a, b) >= MIN_CONTAINMENT
        && set_containment(&a.numbers, &b.numbers) >= MIN_NUMBER_CONTAINMENT
        && !two_subjects(a, b)
}

/// Whether the two headlines carry one company ticker, the same.
fn same_ticker(a: &CopySignature, b: &CopySignature) -> bool {
    a.ticker != 0 && a.ticker == b.ticker
}

/// Whether two bodies about one company, days apart at most, are one item re-sent: nearly half
/// the shorter text in the other ([`MIN_CONTAINMENT_ONE_TICKER`]; [`MIN_CONTAINMENT_RESULTS`]
/// for results of one period) with the same figures, whatever the headlines' other words (a
/// re-sent notice is often reworded: "SETS QUARTERLY", "DECLARES QTLY DIV").
fn one_company_resent(a: &CopySignature, b: &CopySignature) -> bool {
    let least = match (results_period(a), results_period(b)) {
        (Some(x), Some(y)) if x == y => MIN_CONTAINMENT_RESULTS,
        _ => MIN_CONTAINMENT_ONE_TICKER,
    };
    containment(a, b) >= least && set_containment(&a.numbers, &b.numbers) >= MIN_NUMBER_CONTAINMENT
}

/// The hashes of a list of headline words, as [`CopySignature::title_words`] holds them.
fn hashed<const N: usize>(list: &[&str; N]) -> [u32; N] {
    list.map(word_hash)
}

/// The period words ([`PERIOD_WORDS`]) of a results headline, as a set of bits; None for a
/// headline that announces no results: one with a quarter ([`QUARTER_WORDS`]), or with a
/// result ([`RESULT_WORDS`]) over a span ([`SPAN_WORDS`]).
fn results_period(signature: &CopySignature) -> Option<u16> {
    struct Vocabulary {
        quarter: [u32; 2],
        result: [u32; 4],
        span: [u32; 4],
        period: [u32; 13],
    }
    static VOCABULARY: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
    let words = VOCABULARY.get_or_init(|| Vocabulary {
        quarter: hashed(&QUARTER_WORDS),
        result: hashed(&RESULT_WORDS),
        span: hashed(&SPAN_WORDS),
        period: hashed(&PERIOD_WORDS),
    });
    let holds = |hashes: &[u32]| {
        hashes
            .iter()
            .any(|h| signature.title_words.binary_search(h).is_ok())
    };
    if !(holds(&words.quarter) || (holds(&words.result) && holds(&words.span))) {
        return None;
    }
    Some(
        words
            .period
            .iter()
            .enumerate()
            .filter(|(_, h)| signature.title_words.binary_search(h).is_ok())
            .fold(0, |bits, (at, _)| bits | 1 << at),
    )
}

/// Whether each body names a person or organisation (a word of its name) the other does not:
/// one short notice filled in for two funds or two companies.
fn names_substituted(a: &CopySignature, b: &CopySignature) -> bool {
    let has_own = |x: &CopySignature, y: &CopySignature| {
        x.name_words
            .iter()
            .any(|w| y.name_words.binary_search(w).is_err())
    };
    has_own(a, b) && has_own(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body of `n` distinct sentences about `topic`, numbered from `from`.
    fn sentences(topic: &str, from: usize, n: usize) -> String {
        (from..from + n)
            .map(|i| {
                format!(
                    "The {topic} council heard report number {i} on harbour dredging, \
                     the ferry timetable and the cost of lamp posts in ward {i}."
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_trimmed_reprint_with_a_new_headline_is_a_copy() {
        let original = signature(
            "Harbour council meets",
            &sentences("Kestrel Bay", 0, 30),
            None,
        );
        let reprint = signature(
            "Dredging on the agenda in Kestrel Bay",
            &format!("By Ona Vell. {}", sentences("Kestrel Bay", 0, 20)),
            None,
        );
        assert!(containment(&original, &reprint) > 0.8);
        assert!(jaccard(&original, &reprint) < 0.75);
        assert!(is_copy(&original, &reprint));
        assert!(is_copy(&reprint, &original));
    }

    #[test]
    fn another_report_of_the_same_event_is_no_copy() {
        let one = signature(
            "Council meets",
            "Mayor Tilde Arkwright and councillor Bram Osei met on Tuesday in Kestrel Bay to \
             argue over the dredging budget, which Arkwright called wasteful and Osei overdue.",
            None,
        );
        let other = signature(
            "Dredging row",
            "In Kestrel Bay on Tuesday, councillor Bram Osei told Mayor Tilde Arkwright that \
             the harbour could not wait: the dredging budget, he said, was long overdue.",
            None,
        );
        assert!(!is_copy(&one, &other));
    }

    #[test]
    fn a_template_for_two_subjects_is_no_copy_but_a_resent_notice_is() {
        let body = "Quarterly dividend 12 cts vs 12 cts prior, payable May 4, record April 20.";
        let one = signature("Orrin Mills sets quarterly dividend", body, None);
        let other = signature("Pellby Foods sets quarterly dividend", body, None);
        assert!(!is_copy(&one, &other));
        let resent = signature(
            "Corrected - Orrin Mills sets quarterly dividend",
            body,
            None,
        );
        assert!(is_copy(&one, &resent));
        // A caption (the headline as the body) and a line of a few words copy nothing.
        let caption = signature("Ferry update", "Ferry update", None);
        assert!(!is_copy(&caption, &caption));
        let line = signature("Ferry update", "Ferries sail again today.", None);
        assert!(!is_copy(&line, &line));
    }

    #[test]
    fn a_short_item_inside_a_digest_is_no_copy() {
        let item = sentences("Kestrel Bay", 0, 5);
        // The other items of the digest: text of their own, five times the item's length.
        let others: Vec<String> = (0..700).map(|i| format!("valley{i}")).collect();
        let (before, after) = others.split_at(350);
        let digest = format!("{} {item} {}", before.join(" "), after.join(" "));
        let item = signature("Kestrel Bay", &item, None);
        let digest = signature("Week in the valley", &digest, None);
        // By containment alone the item would be a copy; the size ratio says it is not.
        let c = containment(&item, &digest);
        assert!(c >= MIN_CONTAINMENT, "containment {c}");
        assert!(!is_copy(&item, &digest));
    }

    #[test]
    fn a_long_item_of_a_digest_of_four_is_no_copy_but_a_trimmed_reprint_is() {
        let words = |stem: &str, n: usize| -> String {
            (0..n)
                .map(|i| format!("{stem}{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        // A roundup of four items, the longest (140 words) over a quarter of its text.
        let item = words("boat", 140);
        let digest = format!(
            "{} {item} {} {}",
            words("mere", 130),
            words("weir", 130),
            words("quay", 130)
        );
        let item = signature("Ferry timetable changes on the Corrib", &item, None);
        let roundup = signature("River news this week", &digest, None);
        let share = share_of_longer(&item, &roundup);
        assert!(share > 0.25 && share < MIN_SHARE_OF_LONGER, "share {share}");
        assert!(containment(&item, &roundup) >= MIN_CONTAINMENT);
        assert!(!is_copy(&item, &roundup));
        // A story trimmed to its first 60% by another outlet stays one story (words without
        // digits here: a body's numbers are kept as a sample, which a subset need not share).
        let lettered = |n: usize| -> String {
            (0..n)
                .map(|i| {
                    format!(
                        "ferry{}{}",
                        (b'a' + (i / 26) as u8) as char,
                        (b'a' + (i % 26) as u8) as char
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let story = signature("Corrib ferry to run all winter", &lettered(200), None);
        let trimmed = signature("Winter ferry for the Corrib", &lettered(120), None);
        assert!(share_of_longer(&story, &trimmed) >= MIN_SHARE_OF_LONGER);
        assert!(is_copy(&story, &trimmed));
    }

    #[test]
    fn an_item_a_third_of_a_digest_is_no_copy_but_a_flash_a_third_of_its_report_is() {
        let words = |stem: &str, n: usize| -> String {
            (0..n)
                .map(|i| format!("{stem}{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        // A digest of three items: the item, 140 words, is about a third of its text.
        let item = words("lock", 140);
        let digest = format!("{} {item} {}", words("fair", 130), words("bell", 130));
        let item = signature("Upper lock gates to open an hour earlier", &item, Some(40));
        let roundup = signature("Around the valley this week", &digest, Some(40));
        let share = share_of_longer(&item, &roundup);
        assert!(
            (MIN_SHARE_OF_LONGER..MIN_SHARE_OF_LONGER_UNDER_OTHER_HEADLINE).contains(&share),
            "share {share}"
        );
        assert!(!is_copy(&item, &roundup));
        // The same text as a flash whose report keeps its headline's words is one story.
        let report = signature(
            "Lock gates to open an hour earlier, trust says",
            &digest,
            Some(40),
        );
        assert!(set_containment(&item.title_words, &report.title_words) >= MIN_HEADLINE_AGREEMENT);
        assert!(is_copy(&item, &report));
    }

    #[test]
    fn editions_with_other_figures_or_weeks_apart_are_no_copies() {
        let edition = |figure: u32, gap: u32| {
            format!(
                "Grain barges on the Mallow canal carried {figure} tonnes this week against \
                 {gap} tonnes the week before, the canal board said in its weekly note, adding \
                 that lock repairs at Fenwick would keep the upper reach closed until further \
                 notice and that barge owners should plan their loads with the board's office."
            )
        };
        let title = "Mallow canal weekly grain tonnage";
        let monday = signature(title, &edition(5120, 4870), Some(19_000));
        let next = signature(title, &edition(6340, 5120), Some(19_007));
        assert!(containment(&monday, &next) >= MIN_CONTAINMENT);
        assert!(!is_copy(&monday, &next));
        // The same figures re-sent the next day are a copy; a week later the same short
        // notice word for word is the next edition, not a copy.
        let resent = signature(title, &edition(5120, 4870), Some(19_001));
        assert!(is_copy(&monday, &resent));
        let week_later = signature(title, &edition(5120, 4870), Some(19_007));
        assert!(f64::from(week_later.shingles) < f64::from(MIN_SHINGLES_APART));
        assert!(containment(&monday, &week_later) >= MIN_CONTAINMENT_APART);
        assert!(!is_copy(&monday, &week_later));
        // A long text republished a week later is still a copy.
        let long = sentences("Wrenfield", 0, 12);
        let first = signature("Wrenfield council report", &long, Some(19_000));
        let again = signature("Wrenfield report republished", &long, Some(19_007));
        assert!(first.shingles >= MIN_SHINGLES_APART);
        assert!(is_copy(&first, &again));
    }

    #[test]
    fn a_page_holding_part_of_another_among_its_own_text_is_no_copy() {
        // The page quotes most of a statement, then goes on at length about other things.
        let said: Vec<String> = (0..200).map(|i| format!("vale{i}")).collect();
        let statement = signature("Statement", &said.join(" "), None);
        let own: Vec<String> = (0..600).map(|i| format!("orchard{i}")).collect();
        let page = signature(
            "A day in Ossory Vale",
            &format!("{} {}", said[..160].join(" "), own.join(" ")),
            None,
        );
        let (small, large) = sizes(&statement, &page);
        assert!(small / large >= MIN_SIZE_RATIO);
        assert!(containment(&statement, &page) >= MIN_CONTAINMENT);
        assert!(share_of_longer(&statement, &page) < MIN_SHARE_OF_LONGER);
        assert!(!is_copy(&statement, &page));
        // The statement reprinted with a short note of its own is a copy.
        let reprint = signature(
            "Statement from Ossory Vale",
            &format!("{} {}", said.join(" "), own[..40].join(" ")),
            None,
        );
        assert!(is_copy(&statement, &reprint));
    }

    #[test]
    fn bytes_round_trip_and_an_empty_body_copies_nothing() {
        let s = signature(
            "Harbour council meets",
            &sentences("Kestrel Bay", 0, 3),
            Some(19_000),
        );
        let bytes = s.to_bytes();
        assert_eq!(CopySignature::from_bytes(&bytes), Some(s.clone()));
        // Two bytes per MinHash value and per shingle of a short body.
        let words = s.title_words.len() + s.numbers.len() + s.name_words.len();
        assert!(s.shingles <= EXACT_SHINGLES && s.exact.len() == s.shingles as usize);
        assert_eq!(
            bytes.len(),
            HEADER_BYTES + 4 * words + 2 * (s.exact.len() + PERMUTATIONS)
        );
        // A longer body keeps no shingles.
        let long = signature("Harbour council", &sentences("Kestrel Bay", 0, 12), None);
        assert!(long.shingles > EXACT_SHINGLES && long.exact.is_empty());
        assert_eq!(CopySignature::from_bytes(&long.to_bytes()), Some(long));
        assert_eq!(CopySignature::from_bytes(&bytes[..bytes.len() - 1]), None);
        assert_eq!(s.bands().len(), BANDS);
        let empty = signature("Only a headline", "", None);
        assert_eq!(
            CopySignature::from_bytes(&empty.to_bytes()),
            Some(empty.clone())
        );
        assert!(empty.bands().is_empty());
        assert!(!is_copy(&empty, &empty));
        assert_eq!(CopySignature::from_bytes(&[1, 2]), None);
    }

    /// A notice naming `company` first, then its guarantor and its manager.
    fn notice(company: &str, guarantor: &str) -> String {
        format!(
            "{company} is issuing a 40 mln crown bond due May 3, 1994, paying a coupon of 4-1/2 \
             pct and priced at par, lead manager Harlow Capital said. The issue is guaranteed \
             by {guarantor} and final terms will be set next week. The bond is available in \
             denominations of 5,000 crowns and will be listed in Valletta. The selling \
             concession is 1-1/2 pct while management and underwriting combined pays 3/4 pct."
        )
    }

    fn named<'a>(names: &[&'a str]) -> Vec<Named<'a>> {
        names
            .iter()
            .map(|&name| Named {
                name,
                person: false,
            })
            .collect()
    }

    #[test]
    fn one_notice_for_two_companies_named_in_the_body_is_no_copy() {
        let one = signature(
            "Orsay Optics issues bond",
            &notice("Orsay Optics Ltd", "Tamber Bank"),
            None,
        )
        .with_named(named(&[
            "Orsay Optics Ltd",
            "Harlow Capital",
            "Tamber Bank",
        ]));
        let other = signature(
            "Quell Estates issues crown bond",
            &notice("Quell Estates Ltd", "Vintry Bank"),
            None,
        )
        .with_named(named(&[
            "Quell Estates Ltd",
            "Harlow Capital",
            "Vintry Bank",
        ]));
        assert!(one.shingles >= SHORT_BODY_SHINGLES);
        assert!(containment(&one, &other) >= MIN_CONTAINMENT);
        assert!(!is_copy(&one, &other));
        // The same notice under another headline, its company written a little differently,
        // is a copy: each subject is named in the other.
        let reprint = signature(
            "Crown bond from Orsay Optics",
            &notice("Orsay Optics Ltd", "Tamber Bank"),
            None,
        )
        .with_named(named(&["Orsay Optics", "Harlow Capital", "Tamber Bank"]));
        assert!(is_copy(&one, &reprint));
    }

    #[test]
    fn a_short_notice_for_two_funds_is_no_copy() {
        let body = |fund: &str| {
            format!(
                "Monthly div 4.5 cts vs 4.5 cts prior, pay June 30, record June 15. Note: {fund}."
            )
        };
        let one = signature(
            "Garrow Alder sets monthly payout",
            &body("Garrow Alder Income Fund"),
            None,
        )
        .with_named(named(&["Garrow Alder Income Fund"]));
        let other = signature(
            "Garrow Birch sets monthly payout",
            &body("Garrow Birch Income Fund"),
            None,
        )
        .with_named(named(&["Garrow Birch Income Fund"]));
        assert!(set_containment(&one.title_words, &other.title_words) >= MIN_TITLE_CONTAINMENT);
        assert!(!is_copy(&one, &other));
        let resent = signature(
            "Garrow Alder sets payout",
            &body("Garrow Alder Income Fund"),
            None,
        )
        .with_named(named(&["Garrow Alder Income Fund"]));
        assert!(is_copy(&one, &resent));
    }

    #[test]
    fn a_flash_and_the_full_report_under_its_headline_are_one_story() {
        let flash = sentences("Orlen Vale", 0, 2);
        let report = format!("{flash} {}", sentences("Orlen Vale", 2, 24));
        let headline = "Orlen Vale ferry fares held at 2.40 crowns";
        let flash = signature(headline, &flash, Some(100));
        let full = signature(headline, &report, Some(100));
        assert!(f64::from(flash.shingles) / f64::from(full.shingles) < MIN_SIZE_RATIO);
        assert!(is_copy(&flash, &full) && is_copy(&full, &flash));
        // Under another headline the flash is a small part of a longer text, no copy of it.
        let other = signature("Week in the Orlen valley", &report, Some(100));
        assert!(!is_copy(&flash, &other));
        // A week later, the same headline is a standing one.
        let later = signature(headline, &report, Some(107));
        assert!(!is_copy(&flash, &later));
    }

    #[test]
    fn a_headline_carries_one_ticker_or_none() {
        assert_eq!(
            headline_ticker("CORVALE MILLS <CVM> SETS PAYOUT"),
            Some("CVM")
        );
        assert_eq!(
            headline_ticker("(CORRECTED)-CORVALE <CVM.O> NET"),
            Some("CVM")
        );
        assert_eq!(
            headline_ticker("CORVALE < CVM > AND <CVM.N> NET"),
            Some("CVM")
        );
        assert_eq!(headline_ticker("CORVALE <CVM> BUYS TALLIS <TLS>"), None);
        assert_eq!(headline_ticker("<Corvale Mills Inc> sets payout"), None);
        assert_eq!(
            headline_ticker("NO TICKER <> HERE <TOOLONGX> <A.BCD>"),
            None
        );
        assert_eq!(headline_ticker("UNCLOSED <CVM"), None);
    }

    /// A results table of `rows` lines; `reworded` writes two lines of three otherwise, with
    /// the same figures (a re-send with the labels written another way).
    fn results_table(rows: usize, reworded: bool) -> String {
        (0..rows)
            .map(|i| {
                let (now, before) = (1000 + 37 * i, 900 + 29 * i);
                if reworded && i % 3 != 0 {
                    format!("Item {i} was {now} dlrs, from {before} dlrs.")
                } else {
                    format!(
                        "In the quarter item {i} came to {now} dlrs against {before} dlrs \
                         a year earlier."
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn one_companys_results_of_one_period_resent_with_other_labels_are_a_copy() {
        let table = results_table(20, false);
        let resent = results_table(20, true);
        let first = signature("CORVALE MILLS <CVM> 4TH QTR NET", &table, Some(300));
        let again = signature("CORVALE MILLS INC <CVM> 4TH QTR NET", &resent, Some(300));
        let shared = containment(&first, &again);
        assert!((MIN_CONTAINMENT_RESULTS..MIN_CONTAINMENT_ONE_TICKER).contains(&shared));
        assert!(is_copy(&first, &again) && is_copy(&again, &first));
        // The same company's results of another period are another story.
        let year = signature("CORVALE MILLS INC <CVM> YEAR NET", &resent, Some(300));
        assert!(!is_copy(&first, &year));
        // A notice of the company that announces no results needs half its text.
        let offer = signature("CORVALE MILLS INC <CVM> SETS OFFER", &resent, Some(300));
        assert!(!is_copy(&first, &offer));
        // Without the ticker, or days later, the two tables are editions.
        let bare = |s: CopySignature| CopySignature { ticker: 0, ..s };
        assert!(!is_copy(&bare(first.clone()), &bare(again.clone())));
        let later = signature("CORVALE MILLS INC <CVM> 4TH QTR NET", &resent, Some(303));
        assert!(!is_copy(&first, &later));
    }

    #[test]
    fn a_headline_announces_results_of_a_period() {
        let period = |title: &str| results_period(&signature(title, "Shr 1.10 dlrs", None));
        assert!(period("ALDER FOODS <ALF> 1ST QTR NET").is_some());
        assert!(period("ALDER FOODS <ALF> 1ST QTR MAY 30").is_some());
        assert!(period("ALDER FOODS <ALF> NINE MONTHS LOSS").is_some());
        assert_eq!(
            period("ALDER FOODS <ALF> 4TH QTR NET"),
            period("ALDER FOODS INC <ALF> 4TH QTR OPER NET")
        );
        assert_ne!(
            period("ALDER FOODS <ALF> 4TH QTR NET"),
            period("ALDER FOODS <ALF> YEAR NET")
        );
        assert_eq!(period("ALDER FOODS <ALF> SETS FIVE-YEAR NOTES"), None);
        assert_eq!(period("ALDER FOODS <ALF> DECLARES QTLY DIV"), None);
    }

    #[test]
    fn a_flash_nearly_whole_in_its_report_under_a_like_headline_is_a_copy() {
        let flash = sentences("Orlen Vale", 0, 4);
        let report = format!("{flash} {}", sentences("Orlen Vale", 4, 14));
        let flash = signature("Orlen Vale ferry fares held", &flash, Some(100));
        let full = signature(
            "Orlen Vale ferry fares held, dredging delayed",
            &report,
            Some(100),
        );
        let (small, large) = sizes(&flash, &full);
        assert!(
            small / large >= MIN_SIZE_RATIO && share_of_longer(&flash, &full) < MIN_SHARE_OF_LONGER
        );
        assert!(!same_headline(&flash, &full));
        assert!(containment(&flash, &full) >= MIN_CONTAINMENT_FLASH);
        assert!(is_copy(&flash, &full) && is_copy(&full, &flash));
        // Under a headline of other words it is an item of a longer page.
        let page = signature("Week in the valley: council notes", &report, Some(100));
        assert!(!is_copy(&flash, &page));
        // Days apart, the flash is no copy of a page that holds it among much else.
        let later = signature(
            "Orlen Vale ferry fares held, dredging delayed",
            &report,
            Some(105),
        );
        assert!(!is_copy(&flash, &later));
    }

    #[test]
    fn short_bodies_are_compared_exactly_and_long_ones_by_estimate() {
        let table = results_table(8, false);
        let resent = results_table(8, true);
        let first = signature("ALDER FOODS <ALF> 1ST QTR NET", &table, Some(300));
        let again = signature("ALDER FOODS <ALF> 1ST QTR NET", &resent, Some(300));
        let tokens = |text: &str| -> Vec<String> { words(text).map(|w| w.into_owned()).collect() };
        let runs = |text: &str| -> std::collections::HashSet<Vec<String>> {
            tokens(text)
                .windows(SHINGLE_WORDS)
                .map(<[String]>::to_vec)
                .collect()
        };
        let (x, y) = (runs(&table), runs(&resent));
        let counted = x.intersection(&y).count() as f64 / x.len().min(y.len()) as f64;
        assert!((containment(&first, &again) - counted).abs() < 1e-9);
        // Without the shingles, the same pair is estimated from the MinHash values.
        let estimated = |s: &CopySignature| CopySignature {
            exact: Vec::new(),
            ..s.clone()
        };
        let estimate = containment(&estimated(&first), &estimated(&again));
        assert!((estimate - counted).abs() < 0.2);
    }

    #[test]
    fn a_notice_resent_under_a_reworded_headline_of_one_ticker_is_a_copy() {
        let body = "Qtly div 31 cts vs 31 cts prior. Pay August 14. Record July 28. The miller \
                    also said its board had named Petra Lisle treasurer from the first of the \
                    month, when Anton Grieve retires after nineteen years.";
        let first = signature("CORVALE MILLS <CVM> SETS QUARTERLY", body, Some(200));
        let resent = signature("CORVALE MILLS INC <CVM> DECLARES QTLY DIV", body, Some(200));
        assert!(f64::from(first.shingles) < f64::from(SHORT_BODY_SHINGLES));
        assert!(set_containment(&first.title_words, &resent.title_words) < MIN_TITLE_CONTAINMENT);
        assert!(is_copy(&first, &resent) && is_copy(&resent, &first));
        // Without the ticker, the reworded headline of a short notice keeps them apart.
        let bare = |s: CopySignature| CopySignature { ticker: 0, ..s };
        assert!(!is_copy(&bare(first.clone()), &bare(resent.clone())));
        // The same notice for another company is a template filled twice.
        let other = signature("ALDER FOODS <ALF> DECLARES QTLY DIV", body, Some(200));
        assert!(!is_copy(&first, &other));
        // The next quarter's notice is another story.
        let next = signature("CORVALE MILLS INC <CVM> DECLARES QTLY DIV", body, Some(290));
        assert!(!is_copy(&first, &next));
        // Other figures are another notice.
        let raised = signature(
            "CORVALE MILLS INC <CVM> RAISES QTLY DIV",
            &body
                .replace("31 cts vs 31", "34 cts vs 31")
                .replace("14", "21")
                .replace("28", "4"),
            Some(200),
        );
        assert!(!is_copy(&first, &raised));
    }

    #[test]
    fn words_split_as_the_standard_library_does() {
        let text =
            "Ünïcode café—naïve ΣΟΦΙΑΣ, 3,200 e\u{301}tat; İstanbul's x_y  «Ωmega» 東京 2024.";
        let expected: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let split: Vec<String> = words(text).map(Cow::into_owned).collect();
        assert_eq!(split, expected);
        let lowered: Vec<String> = words(&text.to_ascii_lowercase())
            .map(Cow::into_owned)
            .collect();
        assert_eq!(lowered, expected);
    }

    #[test]
    fn numbers_are_whole_as_written() {
        let found: Vec<&str> =
            numbers("Rates at 6-3/8 pct, 1.5 billion, 3,200 head at 10:30. Up 2.").collect();
        assert_eq!(found, ["6-3/8", "1.5", "3,200", "10:30", "2"]);
        // A changed figure changes the number, not a piece of it.
        let a = signature(
            "Fund rate",
            "Funds traded at 6-3/8 pct and 1.5 billion was added.",
            None,
        );
        let b = signature(
            "Fund rate",
            "Funds traded at 6-1/8 pct and 2.5 billion was added.",
            None,
        );
        assert_eq!(set_containment(&a.numbers, &b.numbers), 0.0);
    }

    #[test]
    fn copies_share_a_band() {
        let a = signature("A", &sentences("Kestrel Bay", 0, 30), None);
        let b = signature("B", &sentences("Kestrel Bay", 5, 20), None);
        let bands_a = a.bands();
        assert!(b.bands().iter().zip(&bands_a).any(|(x, y)| x == y));
    }
}
