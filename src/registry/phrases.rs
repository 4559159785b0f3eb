//! Evidence that a name made only of common words ("Central Bank", "Working Group") is a
//! generic body or a phrase rather than one actor: how many articles contain the phrase in
//! any case, and how often a sample of them writes it in lower case.
//!
//! A body that exists once per country or organisation is named without its owner in an
//! article that has said whose it is ("the central bank", "Japan's Finance Ministry"): across
//! the corpus the phrase is then written in lower case, or named as an actor in few of the
//! articles that contain it. One actor's name is capitalised and named wherever it occurs.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tantivy::query::{EnableScoring, PhraseQuery, Query};
use tantivy::schema::Value;
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use super::settle::raw_words;
use super::{key_words, Form};
use crate::error::Result;
use crate::schema::{self, field_name};

/// Names of fewer articles than this are not measured: too rare to reach a list.
pub const MIN_PHRASE_ARTICLES: u64 = 3;

/// Only the most-used candidate phrases are measured (each costs a phrase query): enough to
/// cover every list's top entries, few enough to keep settling fast on a large corpus.
pub const MEASURED_PHRASES: usize = 120;

/// Passages read per phrase to see how it is written.
const SAMPLED_PASSAGES: usize = 30;

/// A phrase is a generic body when the share of the articles containing it that name it,
/// times the share of its sampled occurrences written capitalised, is under this: the single
/// word rule's share ([`super::COMMON_WORD_SHARE`]); measured on news, speeches and wires,
/// generic bodies ("the central bank", "the federal government", "member states") and
/// phrases sit below it, actors' names above.
pub const GENERIC_PHRASE_SHARE: f64 = super::COMMON_WORD_SHARE;

/// Phrases contained in fewer articles than this are not judged.
const MIN_CONTAINING_ARTICLES: u64 = 5;

/// Small words a capitalised name may write in lower case ("Bank of Japan").
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "at", "de", "for", "in", "of", "on", "the", "to",
];

/// How the corpus writes one phrase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhraseEvidence {
    /// Live articles that contain the phrase in any case (title or passage).
    pub articles: u64,
    /// Occurrences found in the sampled passages.
    pub written: u32,
    /// Of those, the occurrences written all in lower case ("the central bank"; the house
    /// style "Conservative party" is capitalised).
    pub lower: u32,
}

impl PhraseEvidence {
    /// The share of the articles containing the phrase that name it (`named` of them, at most
    /// all), times the share of its sampled occurrences written capitalised.
    pub fn named_share(&self, named: u64) -> f64 {
        if self.articles == 0 {
            return 1.0;
        }
        let named = (named as f64 / self.articles as f64).min(1.0);
        let capitalised = if self.written == 0 {
            1.0
        } else {
            1.0 - f64::from(self.lower) / f64::from(self.written)
        };
        named * capitalised
    }

    /// True when the evidence says the phrase is a generic body, not an actor.
    pub fn is_generic(&self, named: u64) -> bool {
        self.articles >= MIN_CONTAINING_ARTICLES && self.named_share(named) < GENERIC_PHRASE_SHARE
    }
}

/// The keys of the forms worth measuring: names of two words or more, every word an English
/// common word (no initials such as "U.S.", no digits) and kept in the key, not written in
/// capitals, used in at
/// least [`MIN_PHRASE_ARTICLES`] articles over all their forms; the [`MEASURED_PHRASES`] most
/// used of them, most used first.
pub fn phrase_candidates(forms: &[Form]) -> Vec<String> {
    let mut articles: BTreeMap<String, u64> = BTreeMap::new();
    for form in forms {
        let words = key_words(&form.name);
        let capitals = !form.name.chars().any(char::is_lowercase);
        // A key that dropped words ("and", a legal suffix) is not the phrase the text has.
        let whole = words.len() == raw_words(&form.name).len();
        if words.len() < 2 || capitals || !whole || !crate::actors::all_common_words(&form.name) {
            continue;
        }
        *articles.entry(words.join(" ")).or_insert(0) += form.articles;
    }
    let mut used: Vec<(String, u64)> = articles
        .into_iter()
        .filter(|&(_, n)| n >= MIN_PHRASE_ARTICLES)
        .collect();
    used.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    used.truncate(MEASURED_PHRASES);
    used.into_iter().map(|(key, _)| key).collect()
}

/// Measures every candidate phrase in the index: articles through a phrase query on the
/// analysed passages, case from a sample of the passages' stored text.
pub fn read_phrase_evidence(
    searcher: &Searcher,
    forms: &[Form],
) -> Result<BTreeMap<String, PhraseEvidence>> {
    let schema = searcher.schema();
    let body = schema.get_field(field_name::BODY)?;
    let text = schema.get_field(field_name::TEXT)?;
    let mut analyzer = schema::analyzer();
    let mut article_keys = Vec::new();
    for segment in searcher.segment_readers() {
        article_keys.push(segment.fast_fields().u64(field_name::ARTICLE_KEY)?);
    }
    let mut evidence = BTreeMap::new();
    for key in phrase_candidates(forms) {
        let mut terms = Vec::new();
        let mut stream = analyzer.token_stream(&key);
        while stream.advance() {
            let token = stream.token();
            terms.push((token.position, Term::from_field_text(body, &token.text)));
        }
        if terms.len() < 2 {
            continue;
        }
        let query = PhraseQuery::new_with_offset(terms);
        let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
        let mut found: Vec<DocAddress> = Vec::new();
        let mut articles: HashSet<u64> = HashSet::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let alive = segment.alive_bitset();
            let mut scorer = weight.scorer(segment, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|alive| alive.is_alive(doc)) {
                    found.push(DocAddress::new(ord as u32, doc));
                    if let Some(article) = article_keys[ord].first(doc) {
                        articles.insert(article);
                    }
                }
                doc = scorer.advance();
            }
        }
        let words: Vec<&str> = key.split(' ').collect();
        let mut measured = PhraseEvidence {
            articles: articles.len() as u64,
            ..PhraseEvidence::default()
        };
        let step = found.len().div_ceil(SAMPLED_PASSAGES).max(1);
        for address in found.iter().step_by(step) {
            let document: TantivyDocument = searcher.doc(*address)?;
            let passage = document
                .get_first(text)
                .and_then(|value| value.as_str())
                .unwrap_or("");
            let (written, lower) = count_written(passage, &words);
            measured.written += written;
            measured.lower += lower;
        }
        evidence.insert(key.clone(), measured);
    }
    Ok(evidence)
}

/// Occurrences of the phrase `words` (folded lower case, as a key has them; the last one
/// also plural) in `text`, and how many of them are written all in lower case (a capital
/// on a small word alone, at the start of a sentence, does not count). The "and" and possessive "s" a key drops are skipped in the text too.
pub fn count_written(text: &str, words: &[&str]) -> (u32, u32) {
    let mut tokens: Vec<(String, bool)> = Vec::new();
    let mut analyzer =
        tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .filter(tantivy::tokenizer::AsciiFoldingFilter)
            .build();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        if token.text == "and" || token.text == "s" {
            continue;
        }
        let capital = text[token.offset_from..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        tokens.push((token.text.clone(), capital));
    }
    let (mut written, mut lower) = (0, 0);
    let Some((last, inner)) = words.split_last() else {
        return (0, 0);
    };
    if tokens.len() < words.len() {
        return (0, 0);
    }
    for start in 0..=tokens.len() - words.len() {
        let window = &tokens[start..start + words.len()];
        let inner_match = inner.iter().zip(window).all(|(w, (t, _))| w == t);
        let (tail, _) = &window[inner.len()];
        let plural = tail
            .strip_prefix(*last)
            .is_some_and(|rest| rest.is_empty() || rest == "s" || rest == "es");
        if !inner_match || !plural {
            continue;
        }
        written += 1;
        if window
            .iter()
            .all(|(t, capital)| !capital || SMALL_WORDS.contains(&t.as_str()))
        {
            lower += 1;
        }
    }
    (written, lower)
}

/// The articles that name each phrase of `evidence`: those of the groups (`words`, articles)
/// whose words are the phrase or end with it ("Japan Finance Ministry" names "Finance
/// Ministry" too).
pub fn naming_articles<'g>(
    groups: impl Iterator<Item = (&'g [String], u64)>,
    evidence: &BTreeMap<String, PhraseEvidence>,
) -> HashMap<String, u64> {
    let mut named: HashMap<String, u64> = HashMap::new();
    for (words, articles) in groups {
        for cut in 0..words.len().saturating_sub(1) {
            let tail = words[cut..].join(" ");
            if evidence.contains_key(&tail) {
                *named.entry(tail).or_insert(0) += articles;
            }
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorKind;

    #[test]
    fn occurrences_are_counted_with_their_case_plurals_and_possessives_included() {
        let text = "The harbour board met. Two harbour boards disagreed with the Harbour Board's \
                    chairman; harbour traffic rose. The Harbour board agreed.";
        assert_eq!(count_written(text, &["harbour", "board"]), (4, 2));
        assert_eq!(
            count_written("Bank of Lilliput", &["bank", "of", "lilliput"]),
            (1, 0)
        );
        assert_eq!(count_written("nothing here", &["harbour", "board"]), (0, 0));
    }

    #[test]
    fn phrases_named_in_few_of_their_articles_or_written_in_lower_case_are_generic() {
        let mostly_named = PhraseEvidence {
            articles: 100,
            written: 40,
            lower: 2,
        };
        assert!(!mostly_named.is_generic(90));
        // Named in a tenth of the articles that contain it.
        assert!(mostly_named.is_generic(10));
        let often_lower = PhraseEvidence {
            articles: 100,
            written: 40,
            lower: 30,
        };
        assert!(often_lower.is_generic(90));
        assert!(!PhraseEvidence::default().is_generic(0));
        let rare = PhraseEvidence {
            articles: 4,
            written: 4,
            lower: 4,
        };
        assert!(!rare.is_generic(0));
    }

    #[test]
    fn only_names_of_common_words_are_candidates() {
        let form = |name: &str, articles| Form {
            name: name.to_string(),
            kind: ActorKind::Org,
            articles,
        };
        let forms = [
            form("River Board", 5),
            form("River Boards", 1),
            form("Zorblax River", 9),
            form("Lighthouse Keepers", 2),
            form("RIVER WATCH", 9),
            form("Rain", 9),
            form("Sun and Moon", 9),
        ];
        assert_eq!(phrase_candidates(&forms), vec!["river board".to_string()]);
    }
}
