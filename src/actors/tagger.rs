//! The statistical name tagger: a greedy averaged-perceptron BIO tagger over hashed features.
//!
//! The gazetteer knows names; the tagger finds name *spans* the gazetteer lacks and tells a
//! person from a place by context ("Washington said" vs "in Washington"). Its features are the
//! usual ones of a feature-rich news tagger: the word and its neighbours, shape, affixes,
//! sentence position, gazetteer membership (from [`super::Gazetteer`]), whether the word also
//! occurs in lower case in the article, and the types the article already gave the word.
//! The model ships in the binary (`data/ner.model.gz`), trained by `newsdex train-ner`.

use crate::error::ModelError;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};

/// Number of BIO tags.
pub(crate) const N_TAGS: usize = 9;

/// Entity types of the tagger (CoNLL's four).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NameType {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A location.
    Loc,
    /// Anything else named (nationalities, events, products).
    Misc,
}

impl NameType {
    /// The type of a tag (`None` for O).
    pub(crate) fn of_tag(tag: usize) -> Option<NameType> {
        match tag {
            1 | 2 => Some(NameType::Per),
            3 | 4 => Some(NameType::Org),
            5 | 6 => Some(NameType::Loc),
            7 | 8 => Some(NameType::Misc),
            _ => None,
        }
    }

    /// Parses a CoNLL type label.
    pub(crate) fn parse(s: &str) -> Option<NameType> {
        match s {
            "PER" => Some(NameType::Per),
            "ORG" => Some(NameType::Org),
            "LOC" => Some(NameType::Loc),
            "MISC" => Some(NameType::Misc),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            NameType::Per => 0,
            NameType::Org => 1,
            NameType::Loc => 2,
            NameType::Misc => 3,
        }
    }

    /// The B- tag of this type.
    pub(crate) fn begin_tag(self) -> usize {
        1 + 2 * self.index()
    }
}

/// Is `tag` an I- tag?
fn is_inside(tag: usize) -> bool {
    tag != 0 && tag % 2 == 0
}

/// A token as a byte range into its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// First token of a sentence.
    pub sentence_start: bool,
}

const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "bros", "capt", "cmdr", "co", "col", "corp", "dec", "dept", "dr", "feb",
    "ft", "gen", "gov", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs",
    "mr", "mrs", "ms", "mt", "no", "nov", "oct", "plc", "prof", "rep", "rev", "sen", "sep", "sept",
    "sgt", "sr", "st", "vs",
];

fn is_abbreviation(core: &str) -> bool {
    if core.contains('.') || (core.chars().count() == 1 && core.chars().all(char::is_alphabetic)) {
        return true;
    }
    core.len() <= 6 && ABBREVIATIONS.contains(&core.to_ascii_lowercase().as_str())
}

fn is_open_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '`')
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '!' | '?' | '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–')
}

/// Splits text into CoNLL-like tokens: punctuation apart, "'s" apart, "U.S." and "Mr." kept
/// whole, hyphenated words kept whole. Marks sentence starts (after . ! ? and blank lines).
pub(crate) fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut pos = 0;
    let mut newline = true;
    let mut newlines = 0;
    while pos < text.len() {
        let c = text[pos..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            // a blank line breaks a sentence; one line break does not (wrapped wire copy)
            if c == '\n' {
                newlines += 1;
                newline |= newlines >= 2;
            }
            pos += c.len_utf8();
            continue;
        }
        newlines = 0;
        let mut end = pos;
        while end < text.len() {
            let d = text[end..].chars().next().unwrap_or(' ');
            if d.is_whitespace() {
                break;
            }
            end += d.len_utf8();
        }
        // dashes split a chunk ("Kyiv—Moscow"), and so does a bracket glued between words
        // ("Minister[Name": an editor's insertion or a link's markup)
        let mut s = pos;
        for (i, d) in text[pos..end].char_indices() {
            let glued_bracket =
                d == '[' && pos + i > s && text[pos + i + 1..end].starts_with(char::is_alphabetic);
            if is_dash(d) || glued_bracket {
                let at = pos + i;
                split_chunk(text, s, at, &mut newline, out);
                push(out, at, at + d.len_utf8(), &mut newline);
                s = at + d.len_utf8();
            }
        }
        split_chunk(text, s, end, &mut newline, out);
        pos = end;
    }
    // sentence starts after terminal punctuation (possibly followed by a closing quote)
    for i in 1..out.len() {
        if out[i].sentence_start {
            continue;
        }
        let prev = &text[out[i - 1].start..out[i - 1].end];
        let terminal = |t: &str| matches!(t, "." | "!" | "?");
        let quote = |t: &str| matches!(t, "\"" | "”" | "'" | "’");
        // a closing quote glued to the stop ("Go.") ends the sentence; the next word starts one
        let glued_quote = quote(&text[out[i].start..out[i].end]) && out[i].start == out[i - 1].end;
        if (terminal(prev) && !glued_quote)
            || (i >= 2
                && quote(prev)
                && out[i - 1].start == out[i - 2].end
                && terminal(&text[out[i - 2].start..out[i - 2].end]))
            || ends_sentence_with_abbreviation(text, out, i)
        {
            out[i].sentence_start = true;
        }
    }
}

/// Does the abbreviation before token `i` also end its sentence? A firm's legal suffix
/// ("Inc.", "Corp.") after a capitalised name, or an era ("A.D.", "B.C.") after a year or a
/// century, keeps its stop; a capitalised word after it (not another legal suffix) begins the
/// next sentence ("... bought Brindle Inc. Analysts said"), where it would otherwise run into
/// the name.
fn ends_sentence_with_abbreviation(text: &str, toks: &[Token], i: usize) -> bool {
    if i < 2 {
        return false;
    }
    let word = |k: usize| &text[toks[k].start..toks[k].end];
    let (before, abbr, next) = (word(i - 2), word(i - 1), word(i));
    let Some(core) = abbr.strip_suffix('.') else {
        return false;
    };
    if !next.starts_with(char::is_uppercase) || super::words::is_legal_suffix(next) {
        return false;
    }
    let legal = ["inc", "corp", "ltd", "co", "plc"]
        .iter()
        .any(|w| core.eq_ignore_ascii_case(w))
        && before.starts_with(char::is_uppercase);
    legal
        || is_era(abbr) && (before.starts_with(|c: char| c.is_ascii_digit()) || before == "century")
}

/// Is `word` an era abbreviation ("A.D.", "B.C.", "BCE")?
pub(crate) fn is_era(word: &str) -> bool {
    let bare: String = word.chars().filter(|&c| c != '.').collect();
    matches!(bare.as_str(), "AD" | "BC" | "BCE" | "CE")
}

fn push(out: &mut Vec<Token>, start: usize, end: usize, newline: &mut bool) {
    if start < end {
        out.push(Token {
            start,
            end,
            sentence_start: std::mem::take(newline),
        });
    }
}

/// The longest a reference mark's label runs ("[12]", "[a]", "[298]").
const REFERENCE_MARK_LABEL: usize = 4;

/// Where a footnote or reference mark glued to the end of a word begins ("Auckland.[12]",
/// "Alamein[a]"): a bracketed label of a few letters or digits, which is markup of the page
/// the text came from, not part of the word.
fn reference_mark_start(chunk: &str) -> Option<usize> {
    let inner = chunk.strip_suffix(']')?;
    let open = inner.rfind('[')?;
    let label = &inner[open + 1..];
    (open > 0
        && (1..=REFERENCE_MARK_LABEL).contains(&label.chars().count())
        && label.chars().all(char::is_alphanumeric))
    .then_some(open)
}

fn split_chunk(text: &str, mut s: usize, mut e: usize, newline: &mut bool, out: &mut Vec<Token>) {
    // leading punctuation, one token each ("'s" alone stays whole)
    while s < e {
        let rest = &text[s..e];
        if matches!(rest, "'s" | "'S" | "’s" | "’S") {
            break;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if is_open_punct(c) || (is_close_punct(c) && rest.chars().count() > 1) {
            push(out, s, s + c.len_utf8(), newline);
            s += c.len_utf8();
        } else {
            break;
        }
    }
    let mut tail: Vec<(usize, usize)> = Vec::new();
    loop {
        if s >= e {
            break;
        }
        let rest = &text[s..e];
        let c = rest.chars().next_back().unwrap_or(' ');
        if rest.chars().count() == 1 {
            break;
        }
        if let Some(open) = reference_mark_start(rest) {
            // "[", the mark, "]": pushed in reverse like the rest of the tail
            let at = s + open;
            tail.push((e - 1, e));
            tail.push((at + 1, e - 1));
            tail.push((at, at + 1));
            e = at;
            continue;
        }
        if is_close_punct(c) {
            // a possessive "'s" stays attached to nothing: handled below
            tail.push((e - c.len_utf8(), e));
            e -= c.len_utf8();
            continue;
        }
        if c == '.' {
            let core = &rest[..rest.len() - 1];
            if is_abbreviation(core) {
                break;
            }
            tail.push((e - 1, e));
            e -= 1;
            continue;
        }
        break;
    }
    // possessive
    if s < e {
        let rest = &text[s..e];
        for p in ["'s", "'S", "’s", "’S"] {
            if rest.len() > p.len() && rest.ends_with(p) {
                tail.push((e - p.len(), e));
                e -= p.len();
                break;
            }
        }
    }
    push(out, s, e, newline);
    for &(a, b) in tail.iter().rev() {
        push(out, a, b, newline);
    }
}

/// Per-token precomputed hashes and flags.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenInfo {
    lower: u64,
    raw: u64,
    shape: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    /// Starts with an upper-case letter.
    pub(crate) cap: bool,
    /// Starts with a lower-case letter.
    pub(crate) low: bool,
    /// Has no letter.
    pub(crate) no_letter: bool,
    /// Gazetteer code: 0 none, else 1 + kind * 4 + position (B, I, E, S).
    pub(crate) gaz: u8,
    sentence_start: bool,
    /// A word that marks an organisation or place ("Corp", "Ministry", "University").
    org_word: bool,
    /// A title that introduces a person ("President", "Mr.").
    title_word: bool,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Hash of a word's lower-case form, as [`TokenInfo`] computes it.
fn lower_hash(word: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for c in word.chars() {
        let lc = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        h = fx(h, lc as u64);
    }
    h
}

/// The title and organisation word lists as sets of lower-case hashes ("mr" and "mr.").
fn word_lists() -> &'static (HashSet<u64, FastBuild>, HashSet<u64, FastBuild>) {
    static LISTS: std::sync::OnceLock<(HashSet<u64, FastBuild>, HashSet<u64, FastBuild>)> =
        std::sync::OnceLock::new();
    LISTS.get_or_init(|| {
        let set = |list: &[&str]| {
            list.iter()
                .flat_map(|w| [lower_hash(w), lower_hash(&format!("{w}."))])
                .collect()
        };
        (set(super::words::TITLES), set(super::words::NON_PERSON))
    })
}

#[inline]
fn fx(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(SEED)
}

#[inline]
fn finish(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

fn shape_class(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else if c.is_alphabetic() {
        b'a'
    } else if c.is_ascii() {
        c as u8
    } else {
        b'*'
    }
}

impl TokenInfo {
    /// Computes a token's hashes and flags.
    pub(crate) fn new(word: &str, sentence_start: bool, gaz: u8) -> TokenInfo {
        let mut info = TokenInfo {
            gaz,
            sentence_start,
            ..TokenInfo::default()
        };
        let mut lower = 0xcbf2_9ce4_8422_2325u64;
        let mut raw = lower;
        let mut shape = lower;
        let mut last_class = 0u8;
        let mut repeat = 0;
        let mut n = 0usize;
        let mut letters = false;
        let mut lows: [u32; 4] = [0; 4];
        let mut ends: [u32; 4] = [0; 4];
        for c in word.chars() {
            let lc = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c.to_lowercase().next().unwrap_or(c)
            };
            lower = fx(lower, lc as u64);
            raw = fx(raw, c as u64);
            let class = shape_class(c);
            if class == last_class {
                repeat += 1;
            } else {
                repeat = 0;
            }
            if repeat < 2 {
                shape = fx(shape, class as u64);
            }
            last_class = class;
            if n < 4 {
                lows[n] = lc as u32;
            }
            // The last four letters, oldest first (a shift by hand: `rotate_left` called
            // memmove for every letter of every word).
            ends = [ends[1], ends[2], ends[3], lc as u32];
            n += 1;
            letters |= c.is_alphabetic();
            if n == 1 {
                info.cap = c.is_uppercase();
                info.low = c.is_lowercase();
            }
        }
        info.no_letter = !letters;
        if letters {
            let (titles, org_words) = word_lists();
            info.org_word = org_words.contains(&lower);
            info.title_word = titles.contains(&lower);
        }
        info.lower = lower;
        info.raw = raw;
        info.shape = shape;
        let mut h = 0u64;
        for (k, &c) in lows.iter().enumerate().take(n.min(4)) {
            h = fx(h, c as u64);
            info.prefix[k] = h;
        }
        let mut h = 0u64;
        for (k, &c) in ends.iter().rev().enumerate().take(n.min(4)) {
            h = fx(h, c as u64);
            info.suffix[k] = h;
        }
        info
    }
}

/// The padding token before a sentence (`id` 1) or after it (`id` 2): every feature of its
/// own, so that "first word" and "last word" are learnt as such.
const fn pad(id: u64) -> TokenInfo {
    TokenInfo {
        lower: id,
        raw: id,
        shape: id,
        prefix: [id; 4],
        suffix: [id; 4],
        cap: false,
        low: false,
        no_letter: true,
        gaz: 0,
        sentence_start: false,
        org_word: false,
        title_word: false,
    }
}
const PAD: TokenInfo = pad(1);
const PAD_END: TokenInfo = pad(2);

/// A hasher for keys that are hashes already (the words' 64-bit hashes): no re-hashing.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PreHashed(u64);

impl std::hash::Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fx(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = finish(n);
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = finish(n as u64);
    }
}

type FastBuild = std::hash::BuildHasherDefault<PreHashed>;

/// What the tagger remembers across the sentences of one article.
#[derive(Debug, Default)]
pub(crate) struct DocState {
    /// Lower-case forms of the words written in lower case in the article.
    lowercase_words: HashSet<u64, FastBuild>,
    /// Per capitalised word: how often each type was given to it so far.
    history: HashMap<u64, [u16; 4], FastBuild>,
}

impl DocState {
    /// Notes the lower-case words of a sentence (call for every sentence before tagging).
    pub(crate) fn observe(&mut self, infos: &[TokenInfo]) {
        for t in infos {
            if t.low {
                self.lowercase_words.insert(t.lower);
            }
        }
    }
}

/// Computes the feature hashes of token `i` given the two previous tags.
fn features(
    infos: &[TokenInfo],
    i: usize,
    prev: usize,
    prev2: usize,
    caps_sentence: bool,
    doc: &DocState,
    out: &mut Vec<u64>,
) {
    out.clear();
    let at = |k: isize| -> &TokenInfo {
        let j = i as isize + k;
        if j < 0 {
            &PAD
        } else if j as usize >= infos.len() {
            &PAD_END
        } else {
            &infos[j as usize]
        }
    };
    let w = &infos[i];
    let mut f = |template: u64, v: u64| out.push(finish(fx(template.wrapping_mul(SEED), v)));
    f(1, 0);
    f(2, w.lower);
    f(3, w.raw);
    f(4, at(-1).lower);
    f(5, at(1).lower);
    f(6, at(-2).lower);
    f(7, at(2).lower);
    f(8, w.shape);
    f(9, at(-1).shape);
    f(10, at(1).shape);
    f(11, fx(fx(at(-1).shape, w.shape), at(1).shape));
    for k in 0..4 {
        if w.prefix[k] != 0 {
            f(12 + k as u64, w.prefix[k]);
        }
        if w.suffix[k] != 0 {
            f(16 + k as u64, w.suffix[k]);
        }
    }
    f(20, prev as u64);
    f(21, (prev * 16 + prev2) as u64);
    f(22, fx(prev as u64, w.lower));
    f(23, fx(prev as u64, w.shape));
    f(24, fx(w.sentence_start as u64, w.shape));
    f(25, fx(caps_sentence as u64, w.lower));
    f(26, fx(w.gaz as u64, w.shape));
    f(
        27,
        fx(w.gaz as u64, at(-1).gaz as u64 * 64 + at(1).gaz as u64),
    );
    f(28, fx(at(-1).lower, w.lower));
    f(29, fx(w.lower, at(1).lower));
    f(30, fx(at(-1).raw, w.shape));
    f(31, fx(w.shape, at(1).raw));
    if w.cap || caps_sentence {
        let seen_lower = doc.lowercase_words.contains(&w.lower);
        f(
            32,
            fx(
                seen_lower as u64,
                w.sentence_start as u64 * 2 + caps_sentence as u64,
            ),
        );
        if let Some(counts) = doc.history.get(&w.lower) {
            let best = (0..4).max_by_key(|&k| counts[k]).unwrap_or(0);
            if counts[best] > 0 {
                f(33, best as u64);
                f(34, fx(best as u64, prev as u64));
            }
        }
    }
    f(35, fx(caps_sentence as u64, w.shape));
    f(36, w.gaz as u64);
    f(37, fx(w.gaz as u64, at(1).gaz as u64));
    f(38, fx(at(1).gaz as u64, w.shape));
    f(39, at(2).shape);
    f(40, fx(at(1).lower, at(2).lower));
    f(41, fx(at(-1).raw, w.raw));
    f(42, fx(at(-1).title_word as u64, w.shape));
    // an organisation word among the next capitalised words ("Sierra Semiconductor Corp")
    let mut org_ahead = 0u64;
    for k in 0..4isize {
        let t = at(k);
        if t.org_word && (t.cap || caps_sentence) {
            org_ahead = k as u64 + 1;
            break;
        }
        if k > 0 && !(t.cap || (t.low && t.lower == LOWER_OF) || caps_sentence) {
            break;
        }
    }
    f(43, org_ahead);
    f(44, fx(org_ahead, prev as u64));
    f(45, fx(w.sentence_start as u64, w.lower));
}

/// Hash of "of" (organisation names continue across it: "Bank of England").
const LOWER_OF: u64 = {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    h = (h.rotate_left(5) ^ b'o' as u64).wrapping_mul(SEED);
    (h.rotate_left(5) ^ b'f' as u64).wrapping_mul(SEED)
};

/// Should token `i` be tagged O without scoring? A lower-case word (outside ALL-CAPS text)
/// or a symbol after an O tag almost never starts a name; skipping them keeps tagging fast.
#[inline]
fn skip(info: &TokenInfo, prev: usize, caps_sentence: bool) -> bool {
    prev == 0 && ((info.low && !caps_sentence) || (info.no_letter && info.gaz == 0))
}

/// Is a sentence ALL-CAPS (a wire headline)?
pub(crate) fn is_caps_sentence(text: &str, tokens: &[Token]) -> bool {
    let mut caps = 0;
    let mut lower = 0;
    for t in tokens {
        let w = &text[t.start..t.end];
        if w.chars().any(char::is_lowercase) {
            lower += 1;
        } else if w.chars().filter(|c| c.is_uppercase()).count() >= 2 {
            caps += 1;
        }
    }
    caps >= 2 && lower * 5 <= caps
}

/// Allowed transitions: I-X only after B-X or I-X.
#[inline]
fn allowed(prev: usize, tag: usize) -> bool {
    !is_inside(tag) || prev == tag || prev + 1 == tag
}

/// A trained model: hashed features to quantised weights per tag.
#[derive(Debug)]
pub(crate) struct Model {
    /// Open-addressing table of feature keys (0 = empty), each beside its row in `weights`:
    /// one cache line read per probe instead of one for the key and another for the row (the
    /// tables are megabytes, and every token's features miss the cache).
    slots: Vec<[u32; 2]>,
    weights: Vec<i16>,
    mask: usize,
}

const MAGIC: &[u8; 8] = b"NDXNER01";

fn key32(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

impl Model {
    /// Builds a model from feature keys and their weight rows.
    fn from_parts(keys: Vec<u32>, weights: Vec<i16>) -> Model {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![[0u32; 2]; cap];
        for (row, &k) in keys.iter().enumerate() {
            let mut s = (k as usize).wrapping_mul(0x9E37_79B9) & mask;
            while slots[s][0] != 0 && slots[s][0] != k {
                s = (s + 1) & mask;
            }
            slots[s] = [k, row as u32];
        }
        Model {
            slots,
            weights,
            mask,
        }
    }

    /// Reads a model from its gzip-compressed bytes.
    pub(crate) fn from_gz(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(ModelError::Gzip)?;
        if raw.len() < 12 || &raw[..8] != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let n = u32::from_le_bytes([raw[8], raw[9], raw[10], raw[11]]) as usize;
        let need = 12 + n * 4 + n * N_TAGS * 2;
        if raw.len() != need {
            return Err(ModelError::WrongSize {
                found: raw.len(),
                expected: need,
            });
        }
        let mut keys = Vec::with_capacity(n);
        let mut off = 12;
        // keys are delta-encoded (sorted)
        let mut last = 0u32;
        for _ in 0..n {
            let d = u32::from_le_bytes([raw[off], raw[off + 1], raw[off + 2], raw[off + 3]]);
            last = last.wrapping_add(d);
            keys.push(last);
            off += 4;
        }
        // weights are stored tag-major (all features' tag 0, then tag 1, ...) to compress well
        let mut weights = vec![0i16; n * N_TAGS];
        for t in 0..N_TAGS {
            for (r, _) in keys.iter().enumerate() {
                weights[r * N_TAGS + t] = i16::from_le_bytes([raw[off], raw[off + 1]]);
                off += 2;
            }
        }
        Ok(Model::from_parts(keys, weights))
    }

    /// Writes the model, gzip-compressed.
    fn write_gz(keys: &[u32], weights: &[i16], out: &mut impl Write) -> std::io::Result<()> {
        let mut raw = Vec::with_capacity(12 + keys.len() * (4 + 2 * N_TAGS));
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        let mut last = 0u32;
        for &k in keys {
            raw.extend_from_slice(&k.wrapping_sub(last).to_le_bytes());
            last = k;
        }
        for t in 0..N_TAGS {
            for r in 0..keys.len() {
                raw.extend_from_slice(&weights[r * N_TAGS + t].to_le_bytes());
            }
        }
        let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::best());
        gz.write_all(&raw)?;
        gz.finish()?;
        Ok(())
    }

    #[inline]
    fn row(&self, h: u64) -> Option<&[i16]> {
        let k = key32(h);
        let mut s = (k as usize).wrapping_mul(0x9E37_79B9) & self.mask;
        loop {
            let [got, row] = self.slots[s];
            if got == k {
                let r = row as usize * N_TAGS;
                return Some(&self.weights[r..r + N_TAGS]);
            }
            if got == 0 {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    fn scores(&self, feats: &[u64]) -> [i32; N_TAGS] {
        let mut sc = [0i32; N_TAGS];
        for &h in feats {
            if let Some(row) = self.row(h) {
                for t in 0..N_TAGS {
                    sc[t] += row[t] as i32;
                }
            }
        }
        sc
    }

    /// Tags one sentence greedily; `tags` receives one tag per token.
    pub(crate) fn tag_sentence(
        &self,
        infos: &[TokenInfo],
        caps_sentence: bool,
        doc: &mut DocState,
        feats: &mut Vec<u64>,
        tags: &mut Vec<usize>,
    ) {
        tags.clear();
        let (mut p1, mut p2) = (0usize, 0usize);
        for i in 0..infos.len() {
            let tag = if skip(&infos[i], p1, caps_sentence) {
                0
            } else {
                features(infos, i, p1, p2, caps_sentence, doc, feats);
                let sc = self.scores(feats);
                best_tag(&sc, p1)
            };
            tags.push(tag);
            remember(doc, &infos[i], tag);
            p2 = p1;
            p1 = tag;
        }
    }
}

fn best_tag<T: PartialOrd + Copy>(sc: &[T; N_TAGS], prev: usize) -> usize {
    let mut best = 0;
    for t in 1..N_TAGS {
        if allowed(prev, t) && sc[t] > sc[best] {
            best = t;
        }
    }
    best
}

fn remember(doc: &mut DocState, info: &TokenInfo, tag: usize) {
    if let Some(ty) = NameType::of_tag(tag) {
        if info.cap || !info.low {
            doc.history.entry(info.lower).or_default()[ty.index()] += 1;
        }
    }
}

/// One training sentence: tokens' infos, gold tags, whether it is ALL-CAPS.
pub(crate) struct TrainSentence {
    /// Token infos.
    pub infos: Vec<TokenInfo>,
    /// Gold tags.
    pub tags: Vec<usize>,
    /// ALL-CAPS sentence.
    pub caps: bool,
}

/// Averaged-perceptron trainer.
pub(crate) struct Trainer {
    index: HashMap<u32, usize, FastBuild>,
    w: Vec<[f32; N_TAGS]>,
    total: Vec<[f64; N_TAGS]>,
    stamp: Vec<[u32; N_TAGS]>,
    count: Vec<u32>,
    step: u32,
}

impl Trainer {
    /// An empty trainer.
    pub(crate) fn new() -> Trainer {
        Trainer {
            index: HashMap::default(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
            count: Vec::new(),
            step: 0,
        }
    }

    fn scores(&self, feats: &[u64]) -> [f32; N_TAGS] {
        let mut sc = [0f32; N_TAGS];
        for &h in feats {
            if let Some(&r) = self.index.get(&key32(h)) {
                for (s, w) in sc.iter_mut().zip(&self.w[r]) {
                    *s += w;
                }
            }
        }
        sc
    }

    fn update(&mut self, feats: &[u64], tag: usize, delta: f32) {
        for &h in feats {
            let k = key32(h);
            let r = match self.index.get(&k) {
                Some(&r) => r,
                None => {
                    self.w.push([0.0; N_TAGS]);
                    self.total.push([0.0; N_TAGS]);
                    self.stamp.push([0; N_TAGS]);
                    self.count.push(0);
                    self.index.insert(k, self.w.len() - 1);
                    self.w.len() - 1
                }
            };
            self.total[r][tag] += (self.step - self.stamp[r][tag]) as f64 * self.w[r][tag] as f64;
            self.stamp[r][tag] = self.step;
            self.w[r][tag] += delta;
            self.count[r] += 1;
        }
    }

    /// One pass over the documents (each a list of sentences); returns token accuracy.
    pub(crate) fn epoch(&mut self, docs: &[Vec<TrainSentence>]) -> f64 {
        let mut feats = Vec::new();
        let (mut right, mut all) = (0usize, 0usize);
        for doc in docs {
            let mut state = DocState::default();
            for s in doc {
                state.observe(&s.infos);
            }
            for s in doc {
                let (mut p1, mut p2) = (0usize, 0usize);
                for i in 0..s.infos.len() {
                    self.step += 1;
                    let gold = s.tags[i];
                    let tag = if skip(&s.infos[i], p1, s.caps) {
                        0
                    } else {
                        features(&s.infos, i, p1, p2, s.caps, &state, &mut feats);
                        let guess = best_tag(&self.scores(&feats), p1);
                        if guess != gold {
                            self.update(&feats, gold, 1.0);
                            self.update(&feats, guess, -1.0);
                        }
                        guess
                    };
                    all += 1;
                    right += (tag == gold) as usize;
                    remember(&mut state, &s.infos[i], tag);
                    p2 = p1;
                    p1 = tag;
                }
            }
        }
        right as f64 / all.max(1) as f64
    }

    /// The averaged, pruned and quantised model.
    pub(crate) fn model(&self, min_count: u32) -> Model {
        let (keys, weights) = self.quantised(min_count);
        Model::from_parts(keys, weights)
    }

    /// Writes the model (gzip) to `out`, as [`Model::from_gz`] reads it, and returns its
    /// number of features.
    pub(crate) fn write(&self, min_count: u32, out: &mut impl Write) -> std::io::Result<usize> {
        let (keys, weights) = self.quantised(min_count);
        Model::write_gz(&keys, &weights, out)?;
        Ok(keys.len())
    }

    /// The averaged weights of the features seen `min_count` times, quantised to i16, with
    /// all-zero rows pruned: sorted keys and their rows of `N_TAGS` weights.
    fn quantised(&self, min_count: u32) -> (Vec<u32>, Vec<i16>) {
        let mut avg: Vec<(u32, [f32; N_TAGS])> = Vec::new();
        let mut max = 0f32;
        for (&k, &r) in &self.index {
            if self.count[r] < min_count {
                continue;
            }
            let mut row = [0f32; N_TAGS];
            for (t, x) in row.iter_mut().enumerate() {
                let total =
                    self.total[r][t] + (self.step - self.stamp[r][t]) as f64 * self.w[r][t] as f64;
                *x = (total / self.step.max(1) as f64) as f32;
                max = max.max(x.abs());
            }
            avg.push((k, row));
        }
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        avg.sort_by_key(|&(k, _)| k);
        let mut keys = Vec::new();
        let mut weights = Vec::new();
        for (k, row) in avg {
            let q: Vec<i16> = row.iter().map(|&x| (x * scale).round() as i16).collect();
            if q.iter().all(|&x| x == 0) {
                continue;
            }
            keys.push(k);
            weights.extend(q);
        }
        (keys, weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn tokenizer_is_conll_like() {
        assert_eq!(
            toks("Mr. Biden's U.S. trip (to Kyiv), “Erdoğan” said."),
            [
                "Mr.", "Biden", "'s", "U.S.", "trip", "(", "to", "Kyiv", ")", ",", "“", "Erdoğan",
                "”", "said", "."
            ]
        );
        assert_eq!(
            toks("Ki-moon's Kyiv—Moscow 'quasi' 's"),
            ["Ki-moon", "'s", "Kyiv", "—", "Moscow", "'", "quasi", "'", "'s"]
        );
        assert_eq!(toks(""), Vec::<&str>::new());
        // a reference mark glued to a word is split off, and the stop before it too
        assert_eq!(
            toks("Tarrowby.[37] Quenmore[b][4], Delft"),
            [
                "Tarrowby", ".", "[", "37", "]", "Quenmore", "[", "b", "]", "[", "4", "]", ",",
                "Delft"
            ]
        );
        // a bracket that opens the chunk stays a token of its own, and so does one glued
        // between words
        assert_eq!(
            toks("[12] Chair[Ada Quill] x[19990]"),
            ["[", "12", "]", "Chair", "[", "Ada", "Quill", "]", "x[19990", "]"]
        );
        assert_eq!(toks("’"), ["’"]);
    }

    #[test]
    fn sentence_starts() {
        let text = "He left. She came\n\nThen \"Go.\" Now\nwrapped";
        let mut v = Vec::new();
        tokenize(text, &mut v);
        let starts: Vec<&str> = v
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(starts, ["He", "She", "Then", "Now"]);
    }

    #[test]
    fn model_round_trips() {
        let keys = vec![3u32, 7, 1000];
        let weights: Vec<i16> = (0..27).map(|x| x as i16 - 13).collect();
        let mut buf = Vec::new();
        Model::write_gz(&keys, &weights, &mut buf).unwrap();
        let m = Model::from_gz(&buf).unwrap();
        let row = m.row((7u64 << 32) | 5).unwrap();
        assert_eq!(row, &weights[9..18]);
        assert!(matches!(Model::from_gz(b"junk"), Err(ModelError::Gzip(_))));
    }

    #[test]
    fn a_file_that_is_no_model_says_why() {
        let gzip = |raw: &[u8]| {
            let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            out.write_all(raw).unwrap();
            out.finish().unwrap()
        };
        let mut buf = Vec::new();
        Model::write_gz(&[3], &[1; N_TAGS], &mut buf).unwrap();
        let mut whole = Vec::new();
        flate2::read::GzDecoder::new(&buf[..])
            .read_to_end(&mut whole)
            .unwrap();
        let cut = &whole[..whole.len() - 1];
        let cases = [
            (
                gzip(b"hello, not a model"),
                "ner model: not a newsdex model file".to_string(),
            ),
            (
                gzip(cut),
                format!(
                    "ner model: {} bytes where its header says {}",
                    whole.len() - 1,
                    whole.len()
                ),
            ),
        ];
        for (bytes, expected) in cases {
            let Err(err) = Model::from_gz(&bytes) else {
                panic!("read as a model: {expected}");
            };
            assert_eq!(err.to_string(), expected);
        }
    }
}
