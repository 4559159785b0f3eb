//! Schema: the tantivy fields of a passage document and the text analyzer they share.
//!
//! One tantivy document is one passage. Article-level fields (title, date, path, id) are
//! stored on each of its passages so that a hit needs a single stored-document fetch; its
//! actors are indexed on each passage but read from their facet columns, not stored.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Facet, FacetOptions, Field, IndexRecordOption, NumericOptions,
    Schema, TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, PreTokenizedString, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{DateTime, Index};

use crate::actors::ActorKind;
use crate::corpus::{ArticleDate, DatePrecision};

/// Bumped whenever the schema, the analyzer or the stored quotations change in a way old
/// indexes cannot serve (18: the copy signature of a short body carries its shingles).
pub const SCHEMA_VERSION: u32 = 18;

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

/// The analyzer of text in the language `code` (see [`crate::lang`]): English text goes
/// through [`analyzer`]; any other language is split the same way, lowercased, stemmed with
/// its Snowball stemmer when tantivy has one, then folded to ASCII (after stemming, since the
/// stemmers know their own accents: German `Häuser` and `Hauser` both give `haus`). No stop
/// words: a word of one language is a stop word of another.
pub fn analyzer_for(code: &str) -> TextAnalyzer {
    if code == crate::lang::ENGLISH {
        return analyzer();
    }
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser);
    match crate::lang::stemmer_language(code) {
        Some(language) => builder
            .filter(Stemmer::new(language))
            .filter(AsciiFoldingFilter)
            .build(),
        None => builder.filter(AsciiFoldingFilter).build(),
    }
}

/// `text` analysed by `analyzer` into the tokens a text field indexes as they are: how a
/// document in a language other than English is indexed (the fields' own analyzer is
/// English).
pub fn pre_tokenized(analyzer: &mut TextAnalyzer, text: &str) -> PreTokenizedString {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token().clone());
    }
    PreTokenizedString {
        text: text.to_string(),
        tokens,
    }
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
    /// Each word's stem, or None for a word that is its own stem (no comparison then when the
    /// word comes again).
    stems: rustc_hash::FxHashMap<String, Option<String>>,
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
            if let Some(stem) = stem {
                word.clear();
                word.push_str(stem);
            }
            return;
        }
        let stem = self.stemmer.stem(word).into_owned();
        if self.stems.len() >= MemoStemmer::CAPACITY {
            self.stems.clear();
        }
        if stem == *word {
            self.stems.insert(stem, None);
        } else {
            self.stems
                .insert(std::mem::replace(word, stem.clone()), Some(stem));
        }
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

/// The name of every field: the one place a field name is written (fast columns and facet
/// readers are opened by name).
pub mod field_name {
    /// `article_id` (see [`Fields::article_id`](super::Fields::article_id)).
    pub const ARTICLE_ID: &str = "article_id";
    /// `path` (see [`Fields::path`](super::Fields::path)).
    pub const PATH: &str = "path";
    /// `article_key` (see [`Fields::article_key`](super::Fields::article_key)).
    pub const ARTICLE_KEY: &str = "article_key";
    /// `line` (see [`Fields::line`](super::Fields::line)).
    pub const LINE: &str = "line";
    /// `passage` (see [`Fields::passage`](super::Fields::passage)).
    pub const PASSAGE: &str = "passage";
    /// `passages` (see [`Fields::passages`](super::Fields::passages)).
    pub const PASSAGES: &str = "passages";
    /// `start` (see [`Fields::start`](super::Fields::start)).
    pub const START: &str = "start";
    /// `end` (see [`Fields::end`](super::Fields::end)).
    pub const END: &str = "end";
    /// `title` (see [`Fields::title`](super::Fields::title)).
    pub const TITLE: &str = "title";
    /// `body` (see [`Fields::body`](super::Fields::body)).
    pub const BODY: &str = "body";
    /// `text` (see [`Fields::text`](super::Fields::text)).
    pub const TEXT: &str = "text";
    /// `article` (see [`Fields::article`](super::Fields::article)).
    pub const ARTICLE: &str = "article";
    /// `date` (see [`Fields::date`](super::Fields::date)).
    pub const DATE: &str = "date";
    /// `date_end` (see [`Fields::date_end`](super::Fields::date_end)).
    pub const DATE_END: &str = "date_end";
    /// `date_precision` (see [`Fields::date_precision`](super::Fields::date_precision)).
    pub const DATE_PRECISION: &str = "date_precision";
    /// `actor` (see [`Fields::actor`](super::Fields::actor)).
    pub const ACTOR: &str = "actor";
    /// `passage_actor` (see [`Fields::passage_actor`](super::Fields::passage_actor)).
    pub const PASSAGE_ACTOR: &str = "passage_actor";
    /// `actor_alias` (see [`Fields::actor_alias`](super::Fields::actor_alias)).
    pub const ACTOR_ALIAS: &str = "actor_alias";
    /// `source` (see [`Fields::source`](super::Fields::source)).
    pub const SOURCE: &str = "source";
    /// `lang` (see [`Fields::lang`](super::Fields::lang)).
    pub const LANG: &str = "lang";
    /// `copy_signature` (see [`Fields::copy_signature`](super::Fields::copy_signature)).
    pub const COPY_SIGNATURE: &str = "copy_signature";
    /// `said_by` (see [`Fields::said_by`](super::Fields::said_by)).
    pub const SAID_BY: &str = "said_by";
    /// `quotes` (see [`Fields::quotes`](super::Fields::quotes)).
    pub const QUOTES: &str = "quotes";
}

/// Root of the actor facets, `/actor/KIND/Name`.
const ACTOR_FACET_ROOT: &str = "actor";

/// The facet of an actor, `/actor/KIND/Name`: how the index spells one.
pub fn actor_facet(kind: ActorKind, name: &str) -> Facet {
    Facet::from_path([ACTOR_FACET_ROOT, kind.as_str(), name])
}

/// The kind and name of an actor facet as tantivy encodes it (its path steps separated by
/// `\0`: `actor\0person\0Joe Biden`); None for any other facet.
pub fn decode_actor_facet(encoded: &[u8]) -> Option<(ActorKind, &str)> {
    let encoded = std::str::from_utf8(encoded).ok()?;
    let mut steps = encoded.split('\0');
    match (steps.next(), steps.next(), steps.next(), steps.next()) {
        (Some(ACTOR_FACET_ROOT), Some(kind), Some(name), None) => {
            Some((ActorKind::parse(kind)?, name))
        }
        _ => None,
    }
}

/// One attributed quotation as the index stores it (field `quotes`, a JSON array per passage):
/// the speaker's raw actor name and kind, byte offsets into the article body, and the cue.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredQuote {
    /// The speaker's kind (`ActorKind::as_str`).
    #[serde(rename = "k")]
    pub kind: String,
    /// The speaker's name as the extractor gave it (the registry settles it when read).
    #[serde(rename = "s")]
    pub speaker: String,
    /// Byte offset of the first quoted byte in the body.
    #[serde(rename = "a")]
    pub start: usize,
    /// Byte offset just past the last quoted byte.
    #[serde(rename = "b")]
    pub end: usize,
    /// The reporting verb or phrase, if any.
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
}

/// The stored form of a passage's quotations (see [`StoredQuote`]).
pub fn encode_quotes(quotes: &[StoredQuote]) -> String {
    serde_json::to_string(quotes).unwrap_or_default()
}

/// A passage's quotations from their stored form (none when it does not parse).
pub fn decode_quotes(stored: &str) -> Vec<StoredQuote> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// Root of the source facets, `/source/name`.
const SOURCE_FACET_ROOT: &str = "source";

/// The facet of a source (normalised, see [`crate::corpus::normalise_source`]), `/source/name`.
pub fn source_facet(source: &str) -> Facet {
    Facet::from_path([SOURCE_FACET_ROOT, source])
}

/// The source of a source facet as tantivy encodes it (`source\0name`); None for any other.
pub fn decode_source_facet(encoded: &[u8]) -> Option<&str> {
    let encoded = std::str::from_utf8(encoded).ok()?;
    let mut steps = encoded.split('\0');
    match (steps.next(), steps.next(), steps.next()) {
        (Some(SOURCE_FACET_ROOT), Some(source), None) => Some(source),
        _ => None,
    }
}

/// Root of the language facets, `/lang/code`.
const LANG_FACET_ROOT: &str = "lang";

/// The facet of a language (an ISO 639-1 code, see [`crate::lang`]), `/lang/code`.
pub fn lang_facet(code: &str) -> Facet {
    Facet::from_path([LANG_FACET_ROOT, code])
}

/// The language code of a language facet as tantivy encodes it (`lang\0code`); None for any
/// other.
pub fn decode_lang_facet(encoded: &[u8]) -> Option<&str> {
    let encoded = std::str::from_utf8(encoded).ok()?;
    let mut steps = encoded.split('\0');
    match (steps.next(), steps.next(), steps.next()) {
        (Some(LANG_FACET_ROOT), Some(code), None) => Some(code),
        _ => None,
    }
}

/// A segment's language codes by facet ordinal of its `lang` field (`None` for an ordinal
/// that is no language).
pub fn segment_languages(segment: &tantivy::SegmentReader) -> tantivy::Result<Vec<Option<String>>> {
    let facets = segment.facet_reader(field_name::LANG)?;
    let mut codes = Vec::with_capacity(facets.num_facets());
    let mut facet = Facet::root();
    for ord in 0..facets.num_facets() as u64 {
        facets.facet_from_ord(ord, &mut facet)?;
        codes.push(decode_lang_facet(facet.encoded_str().as_bytes()).map(str::to_string));
    }
    Ok(codes)
}

/// Root of the alias facets, `/alias/KIND/Name/Form`.
const ALIAS_FACET_ROOT: &str = "alias";

/// The facet that records that an article wrote `form` for the actor `name` of `kind`
/// (`/alias/KIND/Name/Form`): the evidence the registry merges forms on.
pub fn alias_facet(kind: ActorKind, name: &str, form: &str) -> Facet {
    Facet::from_path([ALIAS_FACET_ROOT, kind.as_str(), name, form])
}

/// The kind, name and form of an alias facet as tantivy encodes it; None for any other facet.
pub fn decode_alias_facet(encoded: &[u8]) -> Option<(ActorKind, &str, &str)> {
    let encoded = std::str::from_utf8(encoded).ok()?;
    let mut steps = encoded.split('\0');
    match (
        steps.next(),
        steps.next(),
        steps.next(),
        steps.next(),
        steps.next(),
    ) {
        (Some(ALIAS_FACET_ROOT), Some(kind), Some(name), Some(form), None) => {
            Some((ActorKind::parse(kind)?, name, form))
        }
        _ => None,
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
    /// `/actor/KIND/Name` facets of every actor in the article (indexed and in a facet
    /// column, not stored).
    pub actor: Field,
    /// `/actor/KIND/Name` facets of the actors mentioned in this passage (indexed and in a
    /// facet column, not stored).
    pub passage_actor: Field,
    /// `/alias/KIND/Name/Form` facets, on the article's first passage only: the other forms
    /// the article wrote for its actors (the registry's evidence for merging them).
    pub actor_alias: Field,
    /// `/source/name` facet of the article's outlet (every passage).
    pub source: Field,
    /// `/lang/code` facet of the article's language (every passage).
    pub lang: Field,
    /// The article's copy signature (`corpus::copies::CopySignature::to_bytes`), a fast
    /// bytes column on its first passage only: what copy groups are computed from.
    pub copy_signature: Field,
    /// `/actor/KIND/Name` facets of the speakers of the quotations and turns in this passage
    /// (the same raw names as `actor`, settled by the registry when read).
    pub said_by: Field,
    /// The attributed quotations that start in this passage, stored only, in the compact form
    /// of [`StoredQuote`]: what `quotes` prints without finding them again.
    pub quotes: Field,
}

impl Fields {
    /// Looks the fields up in a schema (an index's own, when opening it).
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        Ok(Fields {
            article_id: get(field_name::ARTICLE_ID)?,
            path: get(field_name::PATH)?,
            article_key: get(field_name::ARTICLE_KEY)?,
            line: get(field_name::LINE)?,
            passage: get(field_name::PASSAGE)?,
            passages: get(field_name::PASSAGES)?,
            start: get(field_name::START)?,
            end: get(field_name::END)?,
            title: get(field_name::TITLE)?,
            body: get(field_name::BODY)?,
            text: get(field_name::TEXT)?,
            article: get(field_name::ARTICLE)?,
            date: get(field_name::DATE)?,
            date_end: get(field_name::DATE_END)?,
            date_precision: get(field_name::DATE_PRECISION)?,
            actor: get(field_name::ACTOR)?,
            passage_actor: get(field_name::PASSAGE_ACTOR)?,
            actor_alias: get(field_name::ACTOR_ALIAS)?,
            source: get(field_name::SOURCE)?,
            lang: get(field_name::LANG)?,
            copy_signature: get(field_name::COPY_SIGNATURE)?,
            said_by: get(field_name::SAID_BY)?,
            quotes: get(field_name::QUOTES)?,
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
    builder.add_text_field(field_name::ARTICLE_ID, exact.clone());
    builder.add_text_field(field_name::PATH, exact);
    builder.add_u64_field(
        field_name::ARTICLE_KEY,
        NumericOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored(),
    );
    builder.add_u64_field(field_name::LINE, STORED);
    builder.add_u64_field(
        field_name::PASSAGE,
        NumericOptions::default().set_fast().set_stored(),
    );
    builder.add_u64_field(field_name::PASSAGES, STORED);
    builder.add_u64_field(field_name::START, STORED);
    builder.add_u64_field(field_name::END, STORED);
    builder.add_text_field(field_name::TITLE, analyzed(true));
    builder.add_text_field(field_name::BODY, analyzed(false));
    builder.add_text_field(field_name::TEXT, TextOptions::default().set_stored());
    builder.add_text_field(
        field_name::ARTICLE,
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        ),
    );
    builder.add_date_field(field_name::DATE, date_options(true));
    builder.add_date_field(field_name::DATE_END, date_options(false));
    builder.add_u64_field(field_name::DATE_PRECISION, STORED | FAST);
    // Actors are read from their facet columns, not stored: every passage would store its
    // article's actors again (about a third of the store's bytes before compression).
    builder.add_facet_field(field_name::ACTOR, FacetOptions::default());
    builder.add_facet_field(field_name::PASSAGE_ACTOR, FacetOptions::default());
    builder.add_facet_field(field_name::ACTOR_ALIAS, FacetOptions::default());
    builder.add_facet_field(field_name::SOURCE, FacetOptions::default().set_stored());
    builder.add_facet_field(field_name::LANG, FacetOptions::default().set_stored());
    builder.add_bytes_field(
        field_name::COPY_SIGNATURE,
        tantivy::schema::BytesOptions::default().set_fast(),
    );
    builder.add_facet_field(field_name::SAID_BY, FacetOptions::default());
    builder.add_text_field(field_name::QUOTES, TextOptions::default().set_stored());
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

/// The date stored with a passage, at the precision the source gave.
pub fn stored_date(document: &tantivy::TantivyDocument, fields: &Fields) -> Option<ArticleDate> {
    use tantivy::schema::Value;
    let at = document.get_first(fields.date)?.as_datetime()?;
    let start = chrono::DateTime::from_timestamp(at.into_timestamp_secs(), 0)?.naive_utc();
    let precision = document
        .get_first(fields.date_precision)
        .and_then(|v| v.as_u64())
        .and_then(DatePrecision::from_code)
        .unwrap_or(DatePrecision::Time);
    Some(ArticleDate { start, precision })
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
    fn each_language_has_its_stemmer() {
        let terms_in = |code: &str, text: &str| -> Vec<String> {
            analyze_with(&mut analyzer_for(code), text)
                .into_iter()
                .map(|t| t.term)
                .collect()
        };
        assert_eq!(terms_in("de", "Sanktionen"), terms_in("de", "Sanktion"));
        assert_eq!(terms_in("de", "Häuser"), ["haus"]);
        assert_eq!(terms_in("en", "The Sanctions"), ["sanction"]);
        // No stemmer: lowercased and folded only, and no English stop words.
        assert_eq!(terms_in("uk", "Санкції"), ["санкції"]);
        assert_eq!(terms_in("pl", "Łódź the"), ["lodz", "the"]);
    }

    #[test]
    fn lang_facets_round_trip() {
        let facet = lang_facet("de");
        assert_eq!(
            decode_lang_facet(facet.encoded_str().as_bytes()),
            Some("de")
        );
        let source = source_facet("de");
        assert_eq!(decode_lang_facet(source.encoded_str().as_bytes()), None);
    }

    #[test]
    fn schema_fields_resolve() {
        Fields::from_schema(&build_schema()).unwrap();
    }
}
