//! Schema: the tantivy fields of a passage document and the text analyzer they share.
//!
//! One tantivy document is one passage. Article-level fields (title, date, actors, path, id)
//! are repeated on each of its passages so that a hit needs a single stored-document fetch.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{DateTime, Index};

/// Bumped whenever the schema or the analyzer changes in a way old indexes cannot serve.
pub const SCHEMA_VERSION: u32 = 5;

/// Name under which [`analyzer`] is registered in every newsdex index.
pub const ANALYZER: &str = "newsdex_en";

/// Lucene's English stop words, plus the `s` and `t` left over from splitting `Putin's` and
/// `don't` at the apostrophe.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with", "s", "t",
];

/// Words of this many bytes or more are dropped by the analyzer (tantivy's `RemoveLongFilter`).
pub const MAX_TOKEN_BYTES: usize = 40;

/// The analyzer for title and passage text: split on non-alphanumerics, drop words of 40 bytes
/// or more, lowercase, fold accents (Erdoğan = Erdogan), drop stop words, Snowball English
/// stemming.
pub fn analyzer() -> TextAnalyzer {
    // Built once and cloned: a query builds several (query, highlighter, article query), and
    // building one allocates its stop-word set.
    static PROTOTYPE: std::sync::OnceLock<TextAnalyzer> = std::sync::OnceLock::new();
    PROTOTYPE.get_or_init(build_analyzer).clone()
}

fn build_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
        .filter(MemoStemmer)
        .build()
}

/// Snowball English stemming (the same algorithm as tantivy's `Stemmer`) that remembers the
/// stems of the words it has seen: news text repeats a small vocabulary, and stemming was the
/// largest part of analysing it (indexing profile). Each analyzer (one per indexing thread)
/// keeps its own memo, cleared when it reaches [`MemoStemmer::CAPACITY`] words.
#[derive(Clone, Copy, Debug, Default)]
pub struct MemoStemmer;

impl MemoStemmer {
    /// Most words remembered by one analyzer.
    pub const CAPACITY: usize = 200_000;
}

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            memo: StemMemo::default(),
        }
    }
}

/// The tokenizer [`MemoStemmer`] wraps around the rest of the chain.
#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
    inner: T,
    memo: StemMemo,
}

#[derive(Clone)]
struct StemMemo {
    stems: rustc_hash::FxHashMap<String, String>,
    stemmer: frostem::Stemmer,
}

impl Default for StemMemo {
    fn default() -> StemMemo {
        StemMemo {
            stems: rustc_hash::FxHashMap::default(),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

impl StemMemo {
    /// Replaces `word` with its stem.
    fn stem(&mut self, word: &mut String) {
        // The stemmer leaves words of one or two letters and numbers as they are.
        if word.len() <= 2 || word.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        if let Some(stem) = self.stems.get(word.as_str()) {
            if stem != word {
                word.clear();
                word.push_str(stem);
            }
            return;
        }
        let stem = self.stemmer.stem(word).into_owned();
        if self.stems.len() >= MemoStemmer::CAPACITY {
            self.stems.clear();
        }
        self.stems
            .insert(std::mem::replace(word, stem.clone()), stem);
    }
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MemoStemmerStream<'a, T::TokenStream<'a>> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
        }
    }
}

/// The token stream of [`MemoStemmerFilter`].
pub struct MemoStemmerStream<'a, S> {
    tail: S,
    memo: &'a mut StemMemo,
}

impl<S: TokenStream> TokenStream for MemoStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.memo.stem(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Handles to every field of the newsdex schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Article id within its file (exact string).
    pub article_id: Field,
    /// Source file path (exact string).
    pub path: Field,
    /// FNV-1a key of path and id: groups passages by article.
    pub article_key: Field,
    /// JSONL line of the article (0 for `.txt`).
    pub line: Field,
    /// Passage ordinal within the article.
    pub passage: Field,
    /// Number of passages in the article.
    pub passages: Field,
    /// Byte offset of the passage in the article body.
    pub start: Field,
    /// Byte end of the passage in the article body.
    pub end: Field,
    /// Headline: analyzed for `title:` queries and stored.
    pub title: Field,
    /// Title and passage text together: what plain words are ranked on (not stored).
    pub body: Field,
    /// The passage text as in the source (stored only).
    pub text: Field,
    /// The whole article (title twice, then body), on its first passage's document only:
    /// ranks articles (term frequencies only: no positions, not stored).
    pub article: Field,
    /// Start of the article's date period (indexed, fast, stored).
    pub date: Field,
    /// Exclusive end of the article's date period (indexed, fast).
    pub date_end: Field,
    /// Precision of the date: 0 year, 1 month, 2 day, 3 time.
    pub date_precision: Field,
    /// `/actor/KIND/Name` facets of every actor in the article.
    pub actor: Field,
    /// `/actor/KIND/Name` facets of the actors mentioned in this passage.
    pub passage_actor: Field,
}

impl Fields {
    /// Looks the fields up in a schema (an index's own, when opening it).
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        Ok(Fields {
            article_id: get("article_id")?,
            path: get("path")?,
            article_key: get("article_key")?,
            line: get("line")?,
            passage: get("passage")?,
            passages: get("passages")?,
            start: get("start")?,
            end: get("end")?,
            title: get("title")?,
            body: get("body")?,
            text: get("text")?,
            article: get("article")?,
            date: get("date")?,
            date_end: get("date_end")?,
            date_precision: get("date_precision")?,
            actor: get("actor")?,
            passage_actor: get("passage_actor")?,
        })
    }
}

/// Builds the newsdex schema.
pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    let analyzed = |stored: bool| {
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    // Date ranges are answered from the fast columns: the dates need no inverted index.
    let date_options = |stored: bool| {
        let options = DateOptions::default()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    // Exact-match strings and keys: looked up, never scored, so no field norms.
    let exact = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_fieldnorms(false)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_stored();
    builder.add_text_field("article_id", exact.clone());
    builder.add_text_field("path", exact);
    builder.add_u64_field(
        "article_key",
        NumericOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored(),
    );
    builder.add_u64_field("line", STORED);
    builder.add_u64_field("passage", NumericOptions::default().set_fast().set_stored());
    builder.add_u64_field("passages", STORED);
    builder.add_u64_field("start", STORED);
    builder.add_u64_field("end", STORED);
    builder.add_text_field("title", analyzed(true));
    builder.add_text_field("body", analyzed(false));
    builder.add_text_field("text", TextOptions::default().set_stored());
    builder.add_text_field(
        "article",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        ),
    );
    builder.add_date_field("date", date_options(true));
    builder.add_date_field("date_end", date_options(false));
    builder.add_u64_field("date_precision", STORED | FAST);
    builder.add_facet_field("actor", FacetOptions::default().set_stored());
    builder.add_facet_field("passage_actor", FacetOptions::default().set_stored());
    builder.build()
}

/// Registers the newsdex analyzer on an index (needed after every create or open).
pub fn register_analyzer(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
}

/// Runs the analyzer over `text` and returns each token with its byte range and position.
pub fn analyze(text: &str) -> Vec<AnalyzedToken> {
    analyze_with(&mut analyzer(), text)
}

/// Runs `analyzer` (the index's, or a variant of it) over `text`, token by token.
pub fn analyze_with(analyzer: &mut TextAnalyzer, text: &str) -> Vec<AnalyzedToken> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        let token = stream.token();
        tokens.push(AnalyzedToken {
            term: token.text.clone(),
            start: token.offset_from,
            end: token.offset_to,
            position: token.position,
        });
    }
    tokens
}

/// A term as the index sees it, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The analyzed (lowercased, folded, stemmed) term.
    pub term: String,
    /// Byte offset of the source word.
    pub start: usize,
    /// Byte end of the source word.
    pub end: usize,
    /// Token position (stop words leave gaps).
    pub position: usize,
}

/// Converts a UTC timestamp to tantivy's `DateTime` (the date parser keeps it in range).
pub fn to_tantivy_date(at: chrono::NaiveDateTime) -> DateTime {
    DateTime::from_timestamp_secs(at.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn analyzer_stems_folds_and_drops_stop_words() {
        assert_eq!(terms("The Sanctions on Russia"), ["sanction", "russia"]);
        assert_eq!(terms("Putin's speech"), ["putin", "speech"]);
        assert_eq!(terms("Erdoğan"), terms("Erdogan"));
    }

    /// The memo only saves work: on the bundled corpus, read twice (the second time from the
    /// memo), the analyzer gives exactly what tantivy's own stemmer gives.
    #[test]
    fn memo_stemmer_agrees_with_tantivys_stemmer() {
        use tantivy::tokenizer::{Language, Stemmer};
        let mut reference = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(StopWordFilter::remove(
                STOP_WORDS.iter().map(|w| w.to_string()),
            ))
            .filter(Stemmer::new(Language::English))
            .build();
        let mut memo = analyzer();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut compared = 0;
        for entry in walkdir::WalkDir::new(&corpus).into_iter().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let expected = analyze_with(&mut reference, &text);
            for _ in 0..2 {
                assert_eq!(analyze_with(&mut memo, &text), expected);
            }
            compared += expected.len();
        }
        assert!(compared > 10_000, "{compared}");
    }

    #[test]
    fn stop_words_leave_position_gaps() {
        let tokens = analyze("talks in Geneva");
        assert_eq!(tokens[0].position + 2, tokens[1].position);
        assert_eq!(&"talks in Geneva"[tokens[1].start..tokens[1].end], "Geneva");
    }

    #[test]
    fn schema_fields_resolve() {
        Fields::from_schema(&build_schema()).unwrap();
    }
}
