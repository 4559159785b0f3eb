//! Highlighting: where the query's terms and phrases occur in a passage, as byte ranges.
//!
//! The passage is run through the index's own analyzer, so stemmed and folded forms match
//! exactly what the search matched (`sanctions` highlights `sanctioned`, `Erdogan` `Erdoğan`).

use std::collections::HashSet;

use crate::schema::{analyze, AnalyzedToken};

/// Finds the query's terms and phrases in passage text.
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    terms: HashSet<String>,
    phrases: Vec<Vec<String>>,
}

impl Highlighter {
    /// A highlighter for analyzed `terms` and `phrases` (each phrase's terms are in `terms`).
    pub fn new(terms: Vec<String>, phrases: Vec<Vec<String>>) -> Highlighter {
        Highlighter {
            terms: terms.into_iter().collect(),
            phrases,
        }
    }

    /// Byte ranges of matches in `text`, sorted and disjoint; a phrase match is one range.
    pub fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let tokens = analyze(text);
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

#[cfg(test)]
mod tests {
    use super::*;

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
