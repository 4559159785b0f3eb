//! Search: from a query and filters to ranked, highlighted passages.
//!
//! The index holds one document per passage, so tantivy's BM25 top-k is already a passage
//! ranking; this module adds the filters (dates, actors), the per-article cap, highlighting,
//! neighbouring passages and whole-article reading. It never writes to the index.
//!
//! Where each rule lives: the request and the query plan here; the ranking in [`rank`]; the
//! page with its per-article cap in `page`; actor names in `actors`; fast-field columns in
//! `columns`; stored documents back to hits and articles in `article`; the query language in
//! [`query`]; highlighting in [`highlight`].

mod actors;
mod all;
mod article;
mod columns;

pub mod highlight;
mod page;
pub mod query;
mod quotations;
pub mod rank;

pub use crate::error::SearchError;
pub(crate) use actors::column_actors;
pub use actors::{
    canonical_actor, forms_of, resolve_actor, ActorKey, ActorNames, ActorRef, CanonicalNames,
    ResolvedActor,
};
pub(crate) use columns::SegmentColumns;
pub use quotations::{quotations, top_quoted, Quotation, QuotedCount};

use std::path::Path;

use serde::Serialize;
use tantivy::collector::sort_key::SortByStaticFastValue;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DateTime, DocAddress, DocSet, Index, IndexReader, Order, ReloadPolicy, Score, TantivyDocument,
    Term,
};

use std::collections::HashSet;

use crate::copies::{CopyGroups, CopyMember};
use crate::corpus::ArticleDate;
use crate::error::Result;
use crate::schema::{self, field_name, to_tantivy_date, Fields};
use crate::store::open_index;

/// Longest query accepted: far above any natural-language question (the longest IR test
/// collection queries are ~2 KB), low enough that a pasted document is refused, not run.
pub const MAX_QUERY_BYTES: usize = 10_000;
/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best score first when the query has words, newest first when it is filters only.
    #[default]
    Auto,
    /// Best score first, always (with filters only, passages that mention an `--actor` first).
    Relevance,
    /// Newest article first.
    DateNewest,
    /// Oldest article first.
    DateOldest,
}

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query as typed (may be empty when a filter is given).
    pub query: String,
    /// Articles whose date period ends after this instant (inclusive bound of `--from`).
    pub from: Option<ArticleDate>,
    /// Articles whose date period starts before the end of this period (`--to`).
    pub to: Option<ArticleDate>,
    /// Actors that must all appear in the article (names or aliases, resolved through the
    /// registry).
    pub actors: Vec<String>,
    /// Sources the article must come from, any of them (any case or spelling that
    /// [`crate::corpus::normalise_source`] makes the same).
    pub sources: Vec<String>,
    /// Languages the article must be in, any of them (ISO 639-1 codes, any case; see
    /// [`crate::lang`]).
    pub languages: Vec<String>,
    /// Actors already resolved, each as its raw facet forms: each must appear in the article.
    pub actor_forms: Vec<Vec<ActorRef>>,
    /// Speakers (names or aliases, resolved like `actors`): the passage must hold a quotation
    /// or turn by any of them (`--said-by`).
    pub said_by: Vec<String>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// At most this many passages of one article.
    pub per_article: usize,
    /// Neighbouring passages to attach on each side of a hit.
    pub context: usize,
    /// Ordering.
    pub sort: SortOrder,
    /// Actors (each as its raw facet forms) that must be mentioned in the passage itself.
    pub in_passage: Vec<Vec<ActorRef>>,
    /// Match every passage when there is neither query text nor a filter (exploration).
    pub match_all: bool,
    /// Boost recent articles (`--recency`; see [`rank::Recency`]).
    pub recency: Option<rank::Recency>,
    /// Hits carry no actors (neither the registry nor the actor columns are read): for outputs
    /// that show none (file lists, TREC runs).
    pub without_actors: bool,
    /// One hit per story: of a group of copies, the best-ranked member only, with the others
    /// in its [`Hit::copies`] (`search` folds unless `--all-copies`; eval and TREC runs never).
    pub fold_copies: bool,
    /// Exploration (actors, timeline, co-occurrence, facets) counts each story once: of a
    /// group of copies, only its first matching member (`--stories`).
    pub stories: bool,
}

impl SearchRequest {
    /// Whether the request asks for anything: query words or a filter.
    pub fn is_empty(&self) -> bool {
        self.query.trim().is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.actors.is_empty()
            && self.sources.is_empty()
            && self.languages.is_empty()
            && self.actor_forms.is_empty()
            && self.in_passage.is_empty()
            && self.said_by.is_empty()
    }
}

/// The filters as typed: `--from`, `--to`, `--actor`, `--source`, `--lang` on the command line,
/// the same names as parameters of the server's API. [`SearchRequest::set_filters`] is the one
/// place they are checked and turned into a request's filters.
#[derive(Debug, Clone, Default)]
pub struct FilterText {
    /// Earliest date (`2022`, `2022-01`, `2022-01-03`, or `30d` / `2w` / `6m` / `1y` ago).
    pub from: Option<String>,
    /// Latest date, the whole period included (`2022-01` runs to the end of January).
    pub to: Option<String>,
    /// Actors that must all be mentioned.
    pub actors: Vec<String>,
    /// Sources, any of them.
    pub sources: Vec<String>,
    /// Languages (ISO 639-1 codes), any of them.
    pub languages: Vec<String>,
    /// Speakers, any of them, quoted in the passage (`--said-by`).
    pub said_by: Vec<String>,
}

impl SearchRequest {
    /// Sets the request's date, actor, source, language and speaker filters from their typed form;
    /// a date that cannot be read is [`crate::Error::BadDateFilter`] naming its flag.
    pub fn set_filters(&mut self, filters: &FilterText) -> Result<()> {
        let today = chrono::Utc::now().date_naive();
        let bound = |flag: &'static str, text: &str| -> Result<ArticleDate> {
            crate::corpus::parse_date_bound(text, today)
                .map_err(|reason| crate::Error::BadDateFilter { flag, reason })
        };
        self.from = filters
            .from
            .as_deref()
            .map(|t| bound("from", t))
            .transpose()?;
        self.to = filters.to.as_deref().map(|t| bound("to", t)).transpose()?;
        self.actors = filters.actors.clone();
        self.sources = filters.sources.clone();
        self.languages = filters.languages.clone();
        self.said_by = filters.said_by.clone();
        Ok(())
    }
}

/// Score added to a passage that mentions an `--actor` itself.
pub const ACTOR_PASSAGE_BONUS: f32 = 1.0;

/// A passage of an article, with its place in the article.
#[derive(Debug, Clone, Serialize)]
pub struct PassageText {
    /// Ordinal within the article.
    pub passage: u64,
    /// The passage as in the source.
    pub text: String,
    /// Byte ranges of query terms in `text`.
    pub highlights: Vec<(usize, usize)>,
}

/// One ranked passage and its article.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based rank, counting from the first hit of the whole result (offset included).
    pub rank: usize,
    /// BM25 score (0 when sorted by date without query text).
    pub score: f32,
    /// The article's id within its file.
    pub article_id: String,
    /// The passage ordinal.
    pub passage: u64,
    /// Passages in the article.
    pub passages: u64,
    /// The article's date, RFC 3339 (UTC), or null.
    pub date: Option<String>,
    /// The date as precise as the source gave it (`1990`, `2022-01`, `2022-01-03`).
    pub date_display: Option<String>,
    /// Headline.
    pub title: String,
    /// Source file.
    pub path: String,
    /// The outlet (normalised; see [`crate::corpus::source_of`]).
    pub source: String,
    /// The article's language (ISO 639-1 code; see [`crate::lang`]).
    pub lang: String,
    /// JSONL line of the article, if it came from one.
    pub line: Option<u64>,
    /// Actors of the article.
    pub actors: Vec<ActorRef>,
    /// Actors mentioned in this passage.
    pub passage_actors: Vec<ActorRef>,
    /// The passage text.
    pub text: String,
    /// Byte ranges of query terms in `text`.
    pub highlights: Vec<(usize, usize)>,
    /// Byte range of the passage in the article body.
    pub span: (u64, u64),
    /// Neighbouring passages before the hit (`--context`).
    pub before: Vec<PassageText>,
    /// Neighbouring passages after the hit (`--context`).
    pub after: Vec<PassageText>,
    /// The other articles of the hit's story, folded under it (empty unless folding).
    pub copies: Vec<CopyMember>,
    /// The passage's quotations by a `--said-by` speaker (empty without one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub said: Vec<SaidQuote>,
}

/// A quotation of a hit's passage by a `--said-by` speaker.
#[derive(Debug, Clone, Serialize)]
pub struct SaidQuote {
    /// The speaker, by canonical name.
    pub speaker: String,
    /// The quoted words.
    pub text: String,
    /// The reporting verb or phrase, if any.
    pub cue: Option<String>,
    /// Byte range of the quotation in the article body.
    pub span: (usize, usize),
}

/// The hits of one search and how many passages and articles matched in all.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// Hits after offset and limit.
    pub hits: Vec<Hit>,
}

/// Match counts for `--count`.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct MatchCounts {
    /// Matching articles.
    pub articles: u64,
    /// Matching stories: articles, each group of copies counted once.
    pub stories: u64,
    /// Matching passages.
    pub passages: u64,
}

/// A whole article reassembled from its passages (for `show`).
#[derive(Debug, Clone, Serialize)]
pub struct FullArticle {
    /// Id within its file.
    pub article_id: String,
    /// Source file.
    pub path: String,
    /// The outlet (normalised; see [`crate::corpus::source_of`]).
    pub source: String,
    /// Date, RFC 3339, or null.
    pub date: Option<String>,
    /// Date as precise as the source gave it.
    pub date_display: Option<String>,
    /// Headline.
    pub title: String,
    /// Actors.
    pub actors: Vec<ActorRef>,
    /// The article's language (ISO 639-1 code; see [`crate::lang`]).
    pub lang: String,
    /// Passages in order.
    pub passages: Vec<PassageText>,
}

/// A request turned into a tantivy query, and what to highlight in its hits.
pub struct SearchPlan {
    /// The query with its filters.
    pub query: Box<dyn Query>,
    /// Whether the query has words (else hits are sorted by date).
    pub has_text: bool,
    /// Finds the query's terms in passage text.
    pub highlighter: Highlighter,
    /// The `--said-by` speakers: each canonical actor with its raw forms.
    pub said_by: Vec<ResolvedActor>,
}

/// An open index, ready to answer queries.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The index's actor registry, read once on first need (every `--actor` resolves through
    /// it, and shown actors take their canonical names from it).
    registry: std::sync::OnceLock<crate::registry::Registry>,
    /// The registry's lookup table, read once on first need; `None` when it is missing or
    /// older than the user's corrections.
    actor_table: std::sync::OnceLock<Option<actors::StampedTable>>,
    /// Each segment's actor facet ordinals mapped to the lookup table's actors, read once on
    /// first need; `None` when missing or made from another table.
    actor_ords: std::sync::OnceLock<Option<crate::actor_ords::ActorOrds>>,
    /// The lookup table's forms and actors read whole, read once on first need (see
    /// [`Searcher::every_form_names`]); `None` when the table is not current or unreadable.
    whole_forms: std::sync::OnceLock<Option<crate::registry::table::WholeForms>>,
    /// Canonical names of raw actor forms already looked up (see [`CanonicalNames`]).
    canonical_seen: actors::SeenForms,
    /// Live articles, for article-level BM25 statistics, counted once on first need.
    article_count: std::sync::OnceLock<u64>,
    /// Fast-field columns of the reader's segments, opened once on first need.
    columns: std::sync::OnceLock<std::sync::Arc<SegmentColumns>>,
    /// The languages of the index's articles, read once on first need.
    languages: std::sync::OnceLock<Vec<String>>,
    /// The index's groups of copies, read once on first need.
    copies: std::sync::OnceLock<CopyGroups>,
    /// Every passage's article and article's group of copies by number, made once on first
    /// count.
    article_numbers: std::sync::OnceLock<std::sync::Arc<columns::ArticleNumbers>>,
    /// The index directory, where the registry and the user's corrections are read from.
    index_dir: std::path::PathBuf,
}

impl Searcher {
    /// Opens the index in `index_dir` for searching.
    pub fn open(index_dir: &Path) -> Result<Searcher> {
        let (index, fields) = open_index(index_dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Searcher {
            index,
            reader,
            fields,
            registry: std::sync::OnceLock::new(),
            actor_table: std::sync::OnceLock::new(),
            actor_ords: std::sync::OnceLock::new(),
            whole_forms: std::sync::OnceLock::new(),
            canonical_seen: Default::default(),
            article_count: std::sync::OnceLock::new(),
            columns: std::sync::OnceLock::new(),
            languages: std::sync::OnceLock::new(),
            copies: std::sync::OnceLock::new(),
            article_numbers: std::sync::OnceLock::new(),
            index_dir: index_dir.to_path_buf(),
        })
    }

    /// The index's groups of copies (read on first need; none in an index without them).
    pub fn copies(&self) -> Result<&CopyGroups> {
        if let Some(groups) = self.copies.get() {
            return Ok(groups);
        }
        let groups = CopyGroups::open(&self.index_dir)?;
        Ok(self.copies.get_or_init(|| groups))
    }

    /// The keys of the articles matching a request.
    pub fn matching_articles(&self, request: &SearchRequest) -> Result<HashSet<u64>> {
        let built = self.plan(request)?;
        Ok(self
            .reader
            .searcher()
            .search(&*built.query, &columns::ArticleKeys)?)
    }

    /// The schema's fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The underlying tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// A tantivy searcher on the index's current commit.
    pub fn tantivy_searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// Phase 1, parse: the query and filters of a request, and the terms to highlight.
    pub fn plan(&self, request: &SearchRequest) -> Result<SearchPlan> {
        self.plan_on(request, self.fields.body)
    }

    /// [`Searcher::plan`] with plain words searched in `body` (passages or whole articles).
    pub(crate) fn plan_on(
        &self,
        request: &SearchRequest,
        body: tantivy::schema::Field,
    ) -> Result<SearchPlan> {
        if request.query.len() > MAX_QUERY_BYTES {
            return Err(SearchError::QueryTooLong {
                bytes: request.query.len(),
                limit: MAX_QUERY_BYTES,
            }
            .into());
        }
        query::check_fields(&request.query)?;
        let clauses = query::parse_query(&request.query);
        let mut compiled = query::compile_in(
            &clauses,
            &self.fields,
            body,
            &self.query_languages(request)?,
        );
        let text_query = compiled.query.take();
        let has_text = text_query.is_some();
        let highlighter = Highlighter::for_query(compiled);
        let has_filter = !request.actors.is_empty()
            || !request.actor_forms.is_empty()
            || !request.said_by.is_empty()
            || !request.in_passage.is_empty()
            || request.from.is_some()
            || request.to.is_some();
        if !has_text && !clauses.is_empty() && !has_filter && !request.match_all {
            return Err(SearchError::OnlyStopWords {
                query: request.query.clone(),
            }
            .into());
        }
        let mut subqueries: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(text_query) = text_query {
            subqueries.push((Occur::Must, text_query));
        }
        for filter in self.filters(request)? {
            subqueries.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        if subqueries.is_empty() {
            if !request.match_all {
                return Err(SearchError::NothingToSearch.into());
            }
            subqueries.push((Occur::Must, Box::new(AllQuery)));
        }
        // A required actor that the passage must mention too gives every match its bonus:
        // those bonuses go into one clause that every document matches (the same sum, of
        // whole numbers), not a pass over the actor's passages each.
        let mut always = 0.0;
        for forms in self.required_actors(request)? {
            if request.in_passage.contains(&forms) {
                always += ACTOR_PASSAGE_BONUS;
                continue;
            }
            let mentioned = self.actor_query(self.fields.passage_actor, &forms);
            subqueries.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(mentioned, ACTOR_PASSAGE_BONUS)),
            ));
        }
        if always > 0.0 {
            subqueries.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(AllQuery), always)),
            ));
        }
        let query: Box<dyn Query> = if subqueries.len() == 1 {
            subqueries.pop().expect("one clause").1
        } else {
            Box::new(BooleanQuery::new(subqueries))
        };
        Ok(SearchPlan {
            query,
            has_text,
            highlighter,
            said_by: self.said_by(request)?,
        })
    }

    /// Just the words of a request's query, searched in `body`: no filters, no actor bonus
    /// (None when the query has no searchable words).
    pub(crate) fn text_query_on(
        &self,
        request: &SearchRequest,
        body: tantivy::schema::Field,
    ) -> Option<Box<dyn Query>> {
        let clauses = query::parse_query(&request.query);
        let languages = self.query_languages(request).unwrap_or_default();
        query::compile_in(&clauses, &self.fields, body, &languages).query
    }

    /// The date and actor filters of a request, as tantivy queries (also used by the bench's
    /// bare-tantivy baseline).
    pub(crate) fn filters(&self, request: &SearchRequest) -> Result<Vec<Box<dyn Query>>> {
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let (Some(from), Some(to)) = (request.from, request.to) {
            if from.start >= to.end() {
                return Err(SearchError::EmptyDateRange {
                    from: from.display(),
                    to: to.display(),
                }
                .into());
            }
        }
        if let Some(from) = request.from {
            // The article's period overlaps the range: it ends after `from` starts.
            filters.push(Box::new(RangeQuery::new(
                std::ops::Bound::Excluded(Term::from_field_date(
                    self.fields.date_end,
                    to_tantivy_date(from.start),
                )),
                std::ops::Bound::Unbounded,
            )));
        }
        if let Some(to) = request.to {
            filters.push(Box::new(RangeQuery::new(
                std::ops::Bound::Unbounded,
                std::ops::Bound::Excluded(Term::from_field_date(
                    self.fields.date,
                    to_tantivy_date(to.end()),
                )),
            )));
        }
        for forms in self.required_actors(request)? {
            // A passage's actors are among its article's (the indexer adds each to both
            // fields), so an article filter that a passage filter repeats matches nothing
            // more: left out, it spares a pass over every passage of the actor's articles.
            if request.in_passage.contains(&forms) {
                continue;
            }
            filters.push(self.actor_query(self.fields.actor, &forms));
        }
        for forms in &request.in_passage {
            filters.push(self.actor_query(self.fields.passage_actor, forms));
        }
        let said_by = self.said_by(request)?;
        if !said_by.is_empty() {
            let forms: Vec<ActorRef> = said_by.into_iter().flat_map(|s| s.forms).collect();
            filters.push(self.actor_query(self.fields.said_by, &forms));
        }
        if !request.sources.is_empty() {
            filters.push(self.source_query(&request.sources)?);
        }
        if !request.languages.is_empty() {
            filters.push(self.language_query(&request.languages)?);
        }
        Ok(filters)
    }

    /// Every language the index's articles are in (ISO 639-1 codes), sorted.
    pub fn languages(&self) -> Result<&[String]> {
        if let Some(languages) = self.languages.get() {
            return Ok(languages);
        }
        let mut languages = std::collections::BTreeSet::new();
        for segment in self.tantivy_searcher().segment_readers() {
            languages.extend(schema::segment_languages(segment)?.into_iter().flatten());
        }
        Ok(self
            .languages
            .get_or_init(|| languages.into_iter().collect()))
    }

    /// The languages other than English a request's words are analysed in: those of the
    /// index's articles (of `--lang`'s, when given). None in an English-only index, whose
    /// queries are exactly the English ones.
    fn query_languages(&self, request: &SearchRequest) -> Result<Vec<String>> {
        let wanted: Vec<String> = request
            .languages
            .iter()
            .map(|typed| crate::lang::normalise_code(typed))
            .collect();
        Ok(self
            .languages()?
            .iter()
            .filter(|code| code.as_str() != crate::lang::ENGLISH)
            .filter(|code| wanted.is_empty() || wanted.contains(code))
            .cloned()
            .collect())
    }

    /// Articles in any of `languages`; a code no article is in is an error listing the
    /// index's languages.
    fn language_query(&self, languages: &[String]) -> Result<Box<dyn Query>> {
        let known = self.languages()?;
        let mut any_language: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for typed in languages {
            let wanted = crate::lang::normalise_code(typed);
            if !known.contains(&wanted) {
                return Err(SearchError::UnknownLanguage {
                    code: typed.clone(),
                    known: known.to_vec(),
                }
                .into());
            }
            let term = Term::from_facet(self.fields.lang, &schema::lang_facet(&wanted));
            any_language.push((
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        Ok(Box::new(BooleanQuery::new(any_language)))
    }

    /// Every source the index's articles come from, sorted.
    pub fn sources(&self) -> Result<Vec<String>> {
        let mut sources = std::collections::BTreeSet::new();
        for segment in self.tantivy_searcher().segment_readers() {
            sources.extend(segment_sources(segment)?.into_iter().flatten());
        }
        Ok(sources.into_iter().collect())
    }

    /// Articles from any of `sources`; a name no article comes from is an error suggesting
    /// the closest sources.
    fn source_query(&self, sources: &[String]) -> Result<Box<dyn Query>> {
        let known = self.sources()?;
        let mut any_source: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for typed in sources {
            let wanted = crate::corpus::normalise_source(typed).unwrap_or_default();
            if !known.contains(&wanted) {
                return Err(SearchError::UnknownSource {
                    name: typed.clone(),
                    suggestions: close_sources(&wanted, &known),
                }
                .into());
            }
            let term = Term::from_facet(self.fields.source, &schema::source_facet(&wanted));
            any_source.push((
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        Ok(Box::new(BooleanQuery::new(any_source)))
    }

    /// The actors an article must mention, each as its raw facet forms: the typed names
    /// resolved through the registry (read only when there are some), then those already
    /// resolved.
    fn required_actors(&self, request: &SearchRequest) -> Result<Vec<Vec<ActorRef>>> {
        let mut required = Vec::with_capacity(request.actors.len() + request.actor_forms.len());
        for name in &request.actors {
            required.push(self.resolve_actor(name)?.forms);
        }
        required.extend(request.actor_forms.iter().cloned());
        Ok(required)
    }

    /// The `--said-by` speakers, resolved as `--actor` resolves (the same errors).
    fn said_by(&self, request: &SearchRequest) -> Result<Vec<ResolvedActor>> {
        request
            .said_by
            .iter()
            .map(|name| self.resolve_actor(name))
            .collect()
    }

    /// Counts the matching articles, stories and passages: one pass over every match.
    pub fn count(&self, request: &SearchRequest) -> Result<MatchCounts> {
        let built = self.plan(request)?;
        self.count_matches(&self.reader.searcher(), &*built.query)
    }

    /// Runs a search: ranked passages, at most `per_article` from one article.
    ///
    /// The phases are public so that `newsdex bench` times this very path, phase by phase.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let plan = self.plan(request)?;
        self.search_planned(&self.tantivy_searcher(), &plan, request)
    }

    /// A page of hits and the counts of the whole match set (what `/api/search` answers): the
    /// request is planned once and both are taken from the same commit, so the total always
    /// counts the hits shown.
    pub fn search_and_count(
        &self,
        request: &SearchRequest,
    ) -> Result<(SearchResults, MatchCounts)> {
        let plan = self.plan(request)?;
        self.search_and_count_planned(&plan, request)
    }

    /// [`Self::search_and_count`] for a request already planned by [`Self::plan`].
    pub fn search_and_count_planned(
        &self,
        plan: &SearchPlan,
        request: &SearchRequest,
    ) -> Result<(SearchResults, MatchCounts)> {
        let searcher = self.tantivy_searcher();
        let results = self.search_planned(&searcher, plan, request)?;
        let counts = self.count_matches(&searcher, &*plan.query)?;
        Ok((results, counts))
    }

    /// What walking every match of a plan costs, as tantivy estimates it before walking
    /// (`DocSet::cost`): about one unit per posting of each word, more for a phrase, the
    /// whole index for a query that matches everything. Opening the postings is all it does.
    pub fn match_cost(&self, plan: &SearchPlan) -> Result<u64> {
        let searcher = self.tantivy_searcher();
        let weight = plan
            .query
            .weight(EnableScoring::disabled_from_searcher(&searcher))?;
        let mut cost = 0u64;
        for segment in searcher.segment_readers() {
            cost = cost.saturating_add(weight.scorer(segment, 1.0)?.cost());
        }
        Ok(cost)
    }

    /// The phases after [`Self::plan`]: choose, fetch, highlight.
    fn search_planned(
        &self,
        searcher: &tantivy::Searcher,
        plan: &SearchPlan,
        request: &SearchRequest,
    ) -> Result<SearchResults> {
        let chosen = self.choose(searcher, plan, request)?;
        let documents = self.fetch(searcher, &chosen, request)?;
        let hits = self.hits(searcher, plan, request, &chosen, documents)?;
        Ok(SearchResults { hits })
    }

    /// Phase 2, search: the ranked passages to show (after offset is applied by [`Self::hits`]),
    /// at most `per_article` of one article.
    pub fn choose(
        &self,
        searcher: &tantivy::Searcher,
        plan: &SearchPlan,
        request: &SearchRequest,
    ) -> Result<Vec<(Score, DocAddress)>> {
        let wanted = request.offset + request.limit;
        if wanted == 0 {
            return Ok(Vec::new());
        }
        let per_article = request.per_article.max(1);
        let sort = match request.sort {
            SortOrder::Auto if plan.has_text => SortOrder::Relevance,
            SortOrder::Auto => SortOrder::DateNewest,
            other => other,
        };
        let fold = if request.fold_copies {
            Some(self.copies()?)
        } else {
            None
        };
        let size = page::PageSize {
            wanted,
            per_article,
            fold,
        };
        let chosen = if sort == SortOrder::Relevance {
            // Passage and article evidence combined (search::rank).
            self.rank_passages(searcher, request, &*plan.query, size)?
        } else {
            let keys = self.columns(searcher)?;
            let first_pool = wanted * per_article * 2 + 5;
            page::top_per_article(size, first_pool, searcher.num_docs() as usize, |pool| {
                let candidates = self.candidates(searcher, &*plan.query, pool, sort)?;
                Ok(candidates
                    .into_iter()
                    .map(|(score, address)| (score, address, keys.get(address)))
                    .collect())
            })?
        };
        Ok(chosen)
    }

    /// Phase 3, fetch: the stored documents of the chosen passages shown (after `offset`).
    pub fn fetch(
        &self,
        searcher: &tantivy::Searcher,
        chosen: &[(Score, DocAddress)],
        request: &SearchRequest,
    ) -> Result<Vec<TantivyDocument>> {
        let shown = chosen.get(request.offset..).unwrap_or(&[]);
        let mut documents = Vec::with_capacity(shown.len());
        for (_, address) in shown {
            documents.push(searcher.doc(*address)?);
        }
        Ok(documents)
    }

    /// Phase 4, highlight: hits built from the documents [`Self::fetch`] returned for `chosen`,
    /// highlighted, with their context passages.
    pub fn hits(
        &self,
        searcher: &tantivy::Searcher,
        plan: &SearchPlan,
        request: &SearchRequest,
        chosen: &[(Score, DocAddress)],
        documents: Vec<TantivyDocument>,
    ) -> Result<Vec<Hit>> {
        let keys = if request.context > 0 || request.fold_copies {
            Some(self.columns(searcher)?)
        } else {
            None
        };
        let shown = chosen.get(request.offset..).unwrap_or(&[]);
        let names = if request.without_actors || shown.is_empty() {
            None
        } else {
            Some(self.canonical_names()?)
        };
        let mut hits = Vec::with_capacity(shown.len());
        for (index, ((score, address), document)) in shown.iter().zip(documents).enumerate() {
            let rank = request.offset + index + 1;
            let mut hit = if request.without_actors {
                self.hit_with_actors(
                    &document,
                    rank,
                    *score,
                    &plan.highlighter,
                    article::NO_ACTORS,
                )
            } else {
                self.hit_from_document(
                    searcher,
                    &document,
                    *address,
                    rank,
                    *score,
                    &plan.highlighter,
                    names.as_ref(),
                )?
            };
            if !plan.said_by.is_empty() {
                article::attach_said(&mut hit, &document, &self.fields, &plan.said_by);
            }
            if let Some(keys) = &keys {
                let key = keys.get(*address);
                if request.context > 0 {
                    self.attach_context(
                        searcher,
                        &mut hit,
                        key,
                        request.context,
                        &plan.highlighter,
                    )?;
                }
                if request.fold_copies {
                    if let Some(group) = self.copies()?.group_of(key)? {
                        hit.copies = group
                            .members
                            .iter()
                            .filter(|m| m.key != key)
                            .cloned()
                            .collect();
                    }
                }
            }
            hits.push(hit);
        }
        Ok(hits)
    }

    fn candidates(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        n: usize,
        sort: SortOrder,
    ) -> Result<Vec<(Score, DocAddress)>> {
        let n = n.max(1);
        Ok(match sort {
            SortOrder::Relevance | SortOrder::Auto => {
                searcher.search(query, &TopDocs::with_limit(n).order_by_score())?
            }
            SortOrder::DateNewest | SortOrder::DateOldest => {
                let order = if sort == SortOrder::DateNewest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                // Equal dates (every article of a day) are ordered by article key, then
                // passage: never by document id, which differs between two builds of the
                // same files, so the same index content always shows the same page.
                let key = (
                    (
                        SortByStaticFastValue::<DateTime>::for_field(field_name::DATE),
                        order,
                    ),
                    (
                        SortByStaticFastValue::<u64>::for_field(field_name::ARTICLE_KEY),
                        Order::Asc,
                    ),
                    (
                        SortByStaticFastValue::<u64>::for_field(field_name::PASSAGE),
                        Order::Asc,
                    ),
                );
                let by_date = searcher.search(query, &TopDocs::with_limit(n).order_by(key))?;
                by_date.into_iter().map(|(_, a)| (0.0, a)).collect()
            }
        })
    }
}

/// A segment's source names by facet ordinal (`None` for an ordinal that is no source).
pub(crate) fn segment_sources(
    segment: &tantivy::SegmentReader,
) -> tantivy::Result<Vec<Option<String>>> {
    let facets = segment.facet_reader(field_name::SOURCE)?;
    let mut names = Vec::with_capacity(facets.num_facets());
    let mut facet = tantivy::schema::Facet::root();
    for ord in 0..facets.num_facets() as u64 {
        facets.facet_from_ord(ord, &mut facet)?;
        names.push(schema::decode_source_facet(facet.encoded_str().as_bytes()).map(str::to_string));
    }
    Ok(names)
}

/// The sources closest to an unknown one (contained in it or containing it, else similar
/// spelling), at most three.
fn close_sources(wanted: &str, known: &[String]) -> Vec<String> {
    let mut scored: Vec<(f64, &String)> = known
        .iter()
        .map(|source| {
            let contains =
                !wanted.is_empty() && (source.contains(wanted) || wanted.contains(source.as_str()));
            let similarity = if contains {
                1.0
            } else {
                strsim::jaro_winkler(wanted, source)
            };
            (similarity, source)
        })
        .filter(|(similarity, _)| *similarity > 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, s)| s.clone()).collect()
}

/// Highlights query terms (and phrases) in passage text.
pub use highlight::Highlighter;
