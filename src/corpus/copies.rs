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
pub const MIN_CONTAINMENT: f64 = 0.7;
/// Least ratio of the shorter article's shingles to the longer one's: a short item quoted
/// inside a digest is not a copy of the digest.
pub const MIN_SIZE_RATIO: f64 = 0.3;
/// Bodies of fewer shingles are short notices: a template filled for two subjects names them
/// in the headline, so the headlines must agree too.
pub const SHORT_BODY_SHINGLES: u32 = 40;
/// Least share of the shorter headline's words found in the other headline, for short bodies.
pub const MIN_TITLE_CONTAINMENT: f64 = 0.8;
/// Most headline words kept in a signature.
const MAX_TITLE_WORDS: usize = 32;
/// Version of these rules: a change makes every index regroup its articles.
pub const RULES_VERSION: u32 = 1;

/// What an article contributes to copy detection; a few hundred bytes, stored in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopySignature {
    /// Distinct word shingles of the body.
    pub shingles: u32,
    /// Hashes of the headline's distinct words, sorted.
    pub title_words: Vec<u32>,
    /// The least hash of the body's shingles under each of [`PERMUTATIONS`] permutations
    /// (empty for a body without words).
    pub minhash: Vec<u32>,
}

/// Lowercased word tokens: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
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

/// The signature of an article's headline and body.
pub fn signature(title: &str, body: &str) -> CopySignature {
    let body_words: Vec<String> = words(body).collect();
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
    let mut minhash = Vec::new();
    if !shingles.is_empty() {
        let mut least = [u32::MAX; PERMUTATIONS];
        let table = permutations();
        for &shingle in &shingles {
            for (slot, &(a, b)) in least.iter_mut().zip(table.iter()) {
                let h = (shingle.wrapping_mul(a).wrapping_add(b) >> 32) as u32;
                *slot = (*slot).min(h);
            }
        }
        minhash = least.to_vec();
    }
    let mut title_words: Vec<u32> = words(title)
        .map(|w| Fnv1a::new().write(w.as_bytes()).finish() as u32)
        .collect();
    title_words.sort_unstable();
    title_words.dedup();
    title_words.truncate(MAX_TITLE_WORDS);
    CopySignature {
        shingles: shingles.len() as u32,
        title_words,
        minhash,
    }
}

fn shingle_hash(words: &[String]) -> u64 {
    let mut hash = Fnv1a::new();
    for word in words {
        hash = hash.write(word.as_bytes()).write(b" ");
    }
    mix(hash.finish())
}

impl CopySignature {
    /// The signature as stored: shingle count, headline word count, headline words, MinHash
    /// values, each little-endian (`u32`, `u8`, `u32`s, `u32`s).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(5 + 4 * (self.title_words.len() + self.minhash.len()));
        bytes.extend_from_slice(&self.shingles.to_le_bytes());
        bytes.push(self.title_words.len() as u8);
        for word in self.title_words.iter().chain(&self.minhash) {
            bytes.extend_from_slice(&word.to_le_bytes());
        }
        bytes
    }

    /// A signature read back from [`CopySignature::to_bytes`]; None for bytes of another shape.
    pub fn from_bytes(bytes: &[u8]) -> Option<CopySignature> {
        let shingles = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
        let n_title = usize::from(*bytes.get(4)?);
        let rest = bytes.get(5..)?;
        if rest.len() % 4 != 0 {
            return None;
        }
        let values: Vec<u32> = rest
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if values.len() < n_title {
            return None;
        }
        let (title_words, minhash) = values.split_at(n_title);
        if !(minhash.is_empty() || minhash.len() == PERMUTATIONS) {
            return None;
        }
        Some(CopySignature {
            shingles,
            title_words: title_words.to_vec(),
            minhash: minhash.to_vec(),
        })
    }

    /// The LSH band hashes: two articles sharing one (same band, same hash) are candidates.
    /// None for a body without words, which copies nothing.
    pub fn bands(&self) -> Vec<u64> {
        if self.minhash.len() != PERMUTATIONS {
            return Vec::new();
        }
        self.minhash
            .chunks_exact(BAND_ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut hash = Fnv1a::new().write(&(band as u32).to_le_bytes());
                for row in rows {
                    hash = hash.write(&row.to_le_bytes());
                }
                hash.finish()
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

/// The estimated share of the shorter body's shingles found in the other.
pub fn containment(a: &CopySignature, b: &CopySignature) -> f64 {
    let j = jaccard(a, b);
    let (small, large) = sizes(a, b);
    if small == 0.0 {
        return 0.0;
    }
    (j * (small + large) / (1.0 + j) / small).min(1.0)
}

fn sizes(a: &CopySignature, b: &CopySignature) -> (f64, f64) {
    let (x, y) = (f64::from(a.shingles), f64::from(b.shingles));
    (x.min(y), x.max(y))
}

/// The share of the shorter headline's words found in the other headline (1 when either
/// has none: nothing to disagree on).
fn title_containment(a: &CopySignature, b: &CopySignature) -> f64 {
    let (short, long) = if a.title_words.len() <= b.title_words.len() {
        (&a.title_words, &b.title_words)
    } else {
        (&b.title_words, &a.title_words)
    };
    if short.is_empty() {
        return 1.0;
    }
    let shared = short
        .iter()
        .filter(|w| long.binary_search(w).is_ok())
        .count();
    shared as f64 / short.len() as f64
}

/// Whether two articles are copies of one story: most of the shorter body is in the other
/// ([`MIN_CONTAINMENT`]), the shorter is not a small part of the other ([`MIN_SIZE_RATIO`]),
/// and, for short notices, the headlines agree ([`MIN_TITLE_CONTAINMENT`]). Symmetric.
pub fn is_copy(a: &CopySignature, b: &CopySignature) -> bool {
    let (small, large) = sizes(a, b);
    if small == 0.0 || small / large < MIN_SIZE_RATIO {
        return false;
    }
    if containment(a, b) < MIN_CONTAINMENT {
        return false;
    }
    small >= f64::from(SHORT_BODY_SHINGLES) || title_containment(a, b) >= MIN_TITLE_CONTAINMENT
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
        let original = signature("Harbour council meets", &sentences("Kestrel Bay", 0, 30));
        let reprint = signature(
            "Dredging on the agenda in Kestrel Bay",
            &format!("By Ona Vell. {}", sentences("Kestrel Bay", 0, 20)),
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
        );
        let other = signature(
            "Dredging row",
            "In Kestrel Bay on Tuesday, councillor Bram Osei told Mayor Tilde Arkwright that \
             the harbour could not wait: the dredging budget, he said, was long overdue.",
        );
        assert!(!is_copy(&one, &other));
    }

    #[test]
    fn a_template_for_two_subjects_is_no_copy_but_a_resent_notice_is() {
        let body = "Quarterly dividend 12 cts vs 12 cts prior, payable May 4, record April 20.";
        let one = signature("Orrin Mills sets quarterly dividend", body);
        let other = signature("Pellby Foods sets quarterly dividend", body);
        assert!(!is_copy(&one, &other));
        let resent = signature("Corrected - Orrin Mills sets quarterly dividend", body);
        assert!(is_copy(&one, &resent));
    }

    #[test]
    fn a_short_item_inside_a_digest_is_no_copy() {
        let item = sentences("Kestrel Bay", 0, 5);
        let digest = format!(
            "{} {item} {}",
            sentences("Moss Ford", 0, 15),
            sentences("Linden Rise", 0, 15)
        );
        let item = signature("Kestrel Bay", &item);
        let digest = signature("Week in the valley", &digest);
        assert!(containment(&item, &digest) > 0.8);
        assert!(!is_copy(&item, &digest));
    }

    #[test]
    fn bytes_round_trip_and_an_empty_body_copies_nothing() {
        let s = signature("Harbour council meets", &sentences("Kestrel Bay", 0, 3));
        assert_eq!(CopySignature::from_bytes(&s.to_bytes()), Some(s.clone()));
        assert_eq!(s.bands().len(), BANDS);
        let empty = signature("Only a headline", "");
        assert_eq!(
            CopySignature::from_bytes(&empty.to_bytes()),
            Some(empty.clone())
        );
        assert!(empty.bands().is_empty());
        assert!(!is_copy(&empty, &empty));
        assert_eq!(CopySignature::from_bytes(&[1, 2]), None);
    }

    #[test]
    fn copies_share_a_band() {
        let a = signature("A", &sentences("Kestrel Bay", 0, 30));
        let b = signature("B", &sentences("Kestrel Bay", 5, 20));
        let bands_a = a.bands();
        assert!(b.bands().iter().zip(&bands_a).any(|(x, y)| x == y));
    }
}
