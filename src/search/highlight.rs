//! Highlighting: where the query's terms and phrases occur in a passage, as byte ranges.
//!
//! The passage is run through the index's own analyzer, so stemmed and folded forms match
//! exactly what the search matched (`sanctions` highlights `sanctioned`, `Erdogan` `Erdoğan`).
//!
//! Stemming was two thirds of the highlighting cost, and highlighting the largest phase of a
//! query (measured with `newsdex bench` and callgrind). The English stemmer never changes a
//! word's first letter, so a word whose first letter starts no query term cannot stem to one:
//! such words are blanked before the stemmer (`Gate`) and never stemmed. A test checks that
//! this analyzer finds exactly what [`crate::schema::analyze`] finds.

use std::collections::HashSet;
use std::sync::Arc;

use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

use crate::schema::AnalyzedToken;

/// Finds the query's terms and phrases in passage text.
#[derive(Clone, Default)]
pub struct Highlighter {
    terms: HashSet<String>,
    phrases: Vec<Vec<String>>,
    /// The index's analyzer with [`Gate`] before the stemmer (None when nothing to find).
    analyzer: Option<TextAnalyzer>,
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Highlighter")
            .field("terms", &self.terms)
            .field("phrases", &self.phrases)
            .finish()
    }
}

impl Highlighter {
    /// A highlighter for analyzed `terms` and `phrases` (each phrase's terms are in `terms`).
    pub fn new(terms: Vec<String>, phrases: Vec<Vec<String>>) -> Highlighter {
        let mut initials: Vec<char> = terms.iter().filter_map(|t| t.chars().next()).collect();
        initials.sort_unstable();
        initials.dedup();
        let analyzer = (!terms.is_empty()).then(|| gated_analyzer(initials.into()));
        Highlighter {
            terms: terms.into_iter().collect(),
            phrases,
            analyzer,
        }
    }

    /// Byte ranges of matches in `text`, sorted and disjoint; a phrase match is one range.
    pub fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let Some(analyzer) = &self.analyzer else {
            return Vec::new();
        };
        if self.terms.is_empty() {
            return Vec::new();
        }
        let tokens = crate::schema::analyze_with(&mut analyzer.clone(), text);
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let mut index = 0;
        while index < tokens.len() {
            if let Some(length) = self.phrase_at(&tokens, index) {
                ranges.push((tokens[index].start, tokens[index + length - 1].end));
                index += length;
                continue;
            }
            let token = &tokens[index];
            if self.terms.contains(&token.term) {
                ranges.push((token.start, token.end));
            }
            index += 1;
        }
        ranges
    }

    /// The length of the longest query phrase starting at `tokens[index]`, if any.
    fn phrase_at(&self, tokens: &[AnalyzedToken], index: usize) -> Option<usize> {
        self.phrases
            .iter()
            .filter(|phrase| {
                phrase.len() > 1
                    && tokens.len() >= index + phrase.len()
                    && phrase
                        .iter()
                        .zip(&tokens[index..])
                        .all(|(term, token)| *term == token.term)
            })
            .map(|phrase| phrase.len())
            .max()
    }
}

/// The index's analyzer ([`crate::schema::analyzer`]) with a [`Gate`] before its stemmer.
fn gated_analyzer(initials: Arc<[char]>) -> TextAnalyzer {
    crate::schema::analyzer_chain!(Gate { initials })
}

/// Token filter (initials sorted) that blanks words whose first letter starts no query term, so that the stemmer
/// after it has nothing to do for them; their place in the stream (for phrases) is kept.
#[derive(Clone)]
struct Gate {
    initials: Arc<[char]>,
}

impl TokenFilter for Gate {
    type Tokenizer<T: Tokenizer> = GateFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> GateFilter<T> {
        GateFilter {
            tokenizer,
            initials: self.initials,
        }
    }
}

#[derive(Clone)]
struct GateFilter<T> {
    tokenizer: T,
    initials: Arc<[char]>,
}

impl<T: Tokenizer> Tokenizer for GateFilter<T> {
    type TokenStream<'a> = GateStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GateStream<'a, T::TokenStream<'a>> {
        GateStream {
            tail: self.tokenizer.token_stream(text),
            initials: &self.initials,
        }
    }
}

struct GateStream<'a, S> {
    tail: S,
    initials: &'a [char],
}

impl<S: TokenStream> TokenStream for GateStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        // A word that starts with anything but a letter or digit is left to the stemmer.
        let first = token.text.chars().next();
        if first.is_some_and(|c| c.is_alphanumeric() && self.initials.binary_search(&c).is_err()) {
            token.text.clear();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::analyze;

    /// The gate is only an optimisation: on every passage of the bundled corpus the gated
    /// analyzer yields the index analyzer's terms, or a blank where no query term can match.
    #[test]
    fn gated_analyzer_agrees_with_the_index_analyzer() {
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
            let full = analyze(text);
            for initials in [&['p', 's'][..], &['a', 'e', 'r', 'u', 'y'][..]] {
                let mut gated = gated_analyzer(initials.into());
                let tokens = crate::schema::analyze_with(&mut gated, text);
                assert_eq!(tokens.len(), full.len());
                for (gated, full) in tokens.iter().zip(&full) {
                    assert_eq!((gated.start, gated.end), (full.start, full.end));
                    let first = full.term.chars().next().unwrap();
                    if initials.contains(&first) {
                        assert_eq!(gated.term, full.term, "{:?}", &text[full.start..full.end]);
                        checked += 1;
                    } else {
                        assert!(gated.term.is_empty() || gated.term == full.term);
                    }
                }
            }
        }
        assert!(checked > 1000);
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
