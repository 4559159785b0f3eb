//! Highlighting: where the query's terms and phrases occur in a passage, as byte ranges.
//!
//! Words get the index's own analysis, so stemmed and folded forms match exactly what the
//! search matched (`sanctions` highlights `sanctioned`, `Erdogan` `Erdoğan`). Analysing every
//! word of every hit was the largest part of highlighting (measured with `newsdex bench` and
//! perf), so words that cannot match are ruled out first by their first letter
//! ([`Highlighter`]); a test checks that the result is exactly what analysing every word gives.
//! A passage in another language is analysed whole with its language's analyzer, as it was
//! indexed (`Highlighter::ranges_in`).

use std::collections::HashSet;
use std::sync::Mutex;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// Finds the query's terms and phrases in passage text.
#[derive(Default)]
pub struct Highlighter {
    terms: HashSet<String>,
    phrases: Vec<Vec<String>>,
    /// What an ASCII word must start with to possibly stem to a query term ([`Prefixes`]).
    prefixes: Prefixes,
    /// The index's own analyzer, run on the words that pass the [`Prefixes`] test; kept
    /// across the hits of a query, so that its stem memo serves them all.
    analyzer: Option<Mutex<TextAnalyzer>>,
    /// The language whose passages this highlighter reads (None: English).
    language: Option<String>,
    /// Highlighters of the passages in other languages, by language code.
    others: Vec<Highlighter>,
}

impl Clone for Highlighter {
    fn clone(&self) -> Highlighter {
        let code = self.language.as_deref().unwrap_or(crate::lang::ENGLISH);
        Highlighter {
            terms: self.terms.clone(),
            phrases: self.phrases.clone(),
            prefixes: self.prefixes.clone(),
            analyzer: self
                .analyzer
                .as_ref()
                .map(|_| Mutex::new(crate::schema::analyzer_for(code))),
            language: self.language.clone(),
            others: self.others.clone(),
        }
    }
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Highlighter")
            .field("terms", &self.terms)
            .field("phrases", &self.phrases)
            .finish()
    }
}

/// A word of the passage that analyzed to a query term.
struct Found {
    /// Its place among the words the analyzer keeps (stop words and overlong words do not
    /// count), so that a phrase is a run of consecutive ordinals.
    ordinal: usize,
    start: usize,
    end: usize,
    term: String,
}

impl Highlighter {
    /// A highlighter for analyzed `terms` and `phrases` (each phrase's terms are in `terms`).
    pub fn new(terms: Vec<String>, phrases: Vec<Vec<String>>) -> Highlighter {
        let analyzer = (!terms.is_empty()).then(|| Mutex::new(crate::schema::analyzer()));
        Highlighter {
            prefixes: Prefixes::new(&terms),
            terms: terms.into_iter().collect(),
            phrases,
            analyzer,
            language: None,
            others: Vec::new(),
        }
    }

    /// A highlighter for a compiled query: its English terms and phrases, and those of each
    /// other language it was compiled for.
    pub fn for_query(compiled: super::query::CompiledQuery) -> Highlighter {
        let mut highlighter =
            Highlighter::new(compiled.highlight_terms, compiled.highlight_phrases);
        for other in &compiled.language_highlights {
            highlighter.others.push(Highlighter {
                analyzer: (!other.terms.is_empty())
                    .then(|| Mutex::new(crate::schema::analyzer_for(&other.code))),
                terms: other.terms.iter().cloned().collect(),
                phrases: other.phrases.clone(),
                prefixes: Prefixes::default(),
                language: Some(other.code.clone()),
                others: Vec::new(),
            });
        }
        highlighter
    }

    /// Byte ranges of matches in `text`, a passage in the language `code`.
    pub fn ranges_in(&self, code: &str, text: &str) -> Vec<(usize, usize)> {
        match self
            .others
            .iter()
            .find(|other| other.language.as_deref() == Some(code))
        {
            Some(other) => other.ranges(text),
            None => self.ranges(text),
        }
    }

    /// Byte ranges of matches in `text`, sorted and disjoint; a phrase match is one range.
    pub fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let Some(analyzer) = &self.analyzer else {
            return Vec::new();
        };
        let found = match analyzer.lock() {
            Ok(mut analyzer) => self.find(&mut analyzer, text),
            // A panic while another thread held it leaves the analyzer as good as new.
            Err(poisoned) => self.find(&mut poisoned.into_inner(), text),
        };
        let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        let mut index = 0;
        while index < found.len() {
            if let Some(length) = self.phrase_at(&found, index) {
                ranges.push((found[index].start, found[index + length - 1].end));
                index += length;
                continue;
            }
            ranges.push((found[index].start, found[index].end));
            index += 1;
        }
        ranges
    }

    /// The words of `text` that analyze to a query term, in order.
    ///
    /// Words are split exactly as the index's tokenizer splits them (runs of alphanumeric
    /// characters). Analysing every word was most of the cost of a query's highlighting, so a
    /// cheap test comes first: an ASCII word that cannot stem to a query term ([`Prefixes`])
    /// is only counted (unless it is a stop word or too long, which the analyzer drops). Every
    /// other word goes through the index's analyzer on its own, which gives its term exactly.
    fn find(&self, analyzer: &mut TextAnalyzer, text: &str) -> Vec<Found> {
        if self.language.is_some() {
            return self.find_analysing_all(analyzer, text);
        }
        let mut found = Vec::new();
        let mut ordinal = 0;
        for (start, end) in words(text) {
            let word = &text[start..end];
            if word.len() >= crate::schema::MAX_TOKEN_BYTES {
                continue;
            }
            if word.is_ascii() && !self.prefixes.may_match(word.as_bytes()) {
                if self.phrases.is_empty() || !is_stop_word(word) {
                    ordinal += 1;
                }
                continue;
            }
            let mut stream = analyzer.token_stream(word);
            if !stream.advance() {
                continue; // a stop word
            }
            let term = &stream.token().text;
            if self.terms.contains(term) {
                found.push(Found {
                    ordinal,
                    start,
                    end,
                    term: term.clone(),
                });
            }
            ordinal += 1;
        }
        found
    }

    /// [`Self::find`] for a passage in another language: the whole text through the
    /// language's analyzer, which keeps every word (no stop words), so positions are ordinals.
    fn find_analysing_all(&self, analyzer: &mut TextAnalyzer, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            if self.terms.contains(&token.text) {
                found.push(Found {
                    ordinal: token.position,
                    start: token.offset_from,
                    end: token.offset_to,
                    term: token.text.clone(),
                });
            }
        }
        found
    }

    /// The length of the longest query phrase starting at `found[index]`, if any.
    fn phrase_at(&self, found: &[Found], index: usize) -> Option<usize> {
        let base = found[index].ordinal;
        self.phrases
            .iter()
            .filter(|phrase| {
                phrase.len() > 1
                    && found.len() >= index + phrase.len()
                    && phrase
                        .iter()
                        .zip(&found[index..])
                        .enumerate()
                        .all(|(at, (term, word))| *term == word.term && word.ordinal == base + at)
            })
            .map(|phrase| phrase.len())
            .max()
    }
}

/// The beginnings of the query terms, to rule words out before analysing them.
///
/// The English stemmer only rewrites the end of a word: on the 104,667 distinct words of the
/// news corpora a stem's first two letters are the word's, except in `dying`, `lying`,
/// `tying` and `vying` (a `y` second becomes `i`: `die`). So an ASCII word can stem to a term
/// only if its lowercase first two letters are the term's, or are `?y` for a term `?i...`.
#[derive(Clone, Default)]
struct Prefixes {
    /// First two bytes of the terms of two or more bytes.
    pairs: Vec<[u8; 2]>,
    /// First bytes of the one-byte terms.
    singles: Vec<u8>,
}

impl Prefixes {
    fn new(terms: &[String]) -> Prefixes {
        let mut prefixes = Prefixes::default();
        for term in terms {
            match term.as_bytes() {
                [] => {}
                [single] => prefixes.singles.push(*single),
                [first, second, ..] => prefixes.pairs.push([*first, *second]),
            }
        }
        prefixes
    }

    /// Whether the ASCII `word` may analyse to one of the terms.
    fn may_match(&self, word: &[u8]) -> bool {
        let first = word[0].to_ascii_lowercase();
        let Some(second) = word.get(1).map(u8::to_ascii_lowercase) else {
            // One letter: the analyzer leaves it as it is.
            return self.singles.contains(&first);
        };
        self.pairs
            .iter()
            .any(|&[a, b]| a == first && (b == second || (second == b'y' && b == b'i')))
            || self.singles.contains(&first)
    }
}

/// The words of `text` as the index's tokenizer (tantivy's `SimpleTokenizer`) splits them:
/// maximal runs of alphanumeric characters, as byte ranges.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = at;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// Whether an ASCII word is one of the analyzer's stop words, in any case.
fn is_stop_word(word: &str) -> bool {
    word.len() <= 5
        && crate::schema::STOP_WORDS
            .iter()
            .any(|stop| stop.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::analyze;

    /// What the highlighter must find: every token of the full analysis whose term is a query
    /// term, with phrases as runs of adjacent analysed tokens.
    fn reference(text: &str, terms: &[&str], phrases: &[Vec<&str>]) -> Vec<(usize, usize)> {
        let tokens = analyze(text);
        let mut ranges = Vec::new();
        let mut index = 0;
        while index < tokens.len() {
            let phrase = phrases
                .iter()
                .filter(|p| {
                    tokens.len() >= index + p.len()
                        && p.iter().zip(&tokens[index..]).all(|(t, k)| *t == k.term)
                })
                .map(|p| p.len())
                .max();
            if let Some(length) = phrase {
                ranges.push((tokens[index].start, tokens[index + length - 1].end));
                index += length;
                continue;
            }
            if terms.contains(&tokens[index].term.as_str()) {
                ranges.push((tokens[index].start, tokens[index].end));
            }
            index += 1;
        }
        ranges
    }

    /// The first-letter shortcut is only an optimisation: on every file of the bundled corpus,
    /// for query terms drawn from the text itself, the highlighter finds exactly what the full
    /// analysis finds.
    #[test]
    fn highlighter_agrees_with_the_full_analysis() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts = Vec::new();
        for entry in walkdir::WalkDir::new(&corpus).into_iter().flatten() {
            if entry.file_type().is_file() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    texts.push(text);
                }
            }
        }
        assert!(!texts.is_empty());
        let mut checked = 0;
        for text in &texts {
            let tokens = analyze(text);
            for step in [7, 13, 29] {
                let terms: Vec<&str> = tokens
                    .iter()
                    .step_by(step)
                    .take(6)
                    .map(|t| t.term.as_str())
                    .collect();
                let phrases: Vec<Vec<&str>> = tokens
                    .windows(2)
                    .step_by(step * 3)
                    .take(2)
                    .map(|w| vec![w[0].term.as_str(), w[1].term.as_str()])
                    .collect();
                let mut all_terms = terms.clone();
                all_terms.extend(phrases.iter().flatten());
                let highlighter = Highlighter::new(
                    all_terms.iter().map(|t| t.to_string()).collect(),
                    phrases
                        .iter()
                        .map(|p| p.iter().map(|t| t.to_string()).collect())
                        .collect(),
                );
                let expected = reference(text, &all_terms, &phrases);
                assert_eq!(highlighter.ranges(text), expected);
                checked += expected.len();
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn stop_words_are_short() {
        // `is_stop_word` only looks at words of five bytes or fewer.
        assert!(crate::schema::STOP_WORDS.iter().all(|w| w.len() <= 5));
    }

    #[test]
    fn non_ascii_and_stop_words_between_phrase_words() {
        assert_eq!(
            marked(
                "The Bank of England and ÉCOLE bank england, dying and x",
                &["bank", "england", "ecol", "die", "x"],
                &[&["bank", "england"]]
            ),
            ["Bank of England", "ÉCOLE", "bank england", "dying", "x"]
        );
    }

    fn marked(text: &str, terms: &[&str], phrases: &[&[&str]]) -> Vec<String> {
        let highlighter = Highlighter::new(
            terms.iter().map(|s| s.to_string()).collect(),
            phrases
                .iter()
                .map(|p| p.iter().map(|s| s.to_string()).collect())
                .collect(),
        );
        highlighter
            .ranges(text)
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn stemmed_and_folded_forms_are_highlighted() {
        assert_eq!(
            marked(
                "New sanctions; Erdoğan sanctioned it.",
                &["sanction", "erdogan"],
                &[]
            ),
            ["sanctions", "Erdoğan", "sanctioned"]
        );
    }

    /// A passage in another language is read with that language's analysis of the query.
    #[test]
    fn passages_in_other_languages_use_their_analysis() {
        let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
        let clauses = crate::search::query::parse_query("\"neuen Sanktionen\" Häuser");
        let compiled =
            crate::search::query::compile_in(&clauses, &fields, fields.body, &["de".to_string()]);
        let highlighter = Highlighter::for_query(compiled);
        let text = "Eine neue Sanktion trifft die Hauser am Rhein.";
        let marked: Vec<&str> = highlighter
            .ranges_in("de", text)
            .into_iter()
            .map(|(start, end)| &text[start..end])
            .collect();
        assert_eq!(marked, ["neue Sanktion", "Hauser"]);
        // Read as English, only the word English folds alike matches, and no phrase.
        let english: Vec<&str> = highlighter
            .ranges_in("en", text)
            .into_iter()
            .map(|(start, end)| &text[start..end])
            .collect();
        assert_eq!(english, ["Hauser"]);
        // A clone highlights alike.
        assert_eq!(highlighter.clone().ranges_in("de", text).len(), 2);
    }

    #[test]
    fn phrase_is_one_range() {
        assert_eq!(
            marked(
                "written security guarantees and security",
                &["secur", "guarante"],
                &[&["secur", "guarante"]]
            ),
            ["security guarantees", "security"]
        );
    }

    #[test]
    fn nothing_to_highlight() {
        assert!(marked("text", &[], &[]).is_empty());
    }
}
