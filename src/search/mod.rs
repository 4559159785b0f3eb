//! Search: from a query and filters to ranked, highlighted passages.
//!
//! The index holds one document per passage, so tantivy's BM25 top-k is already a passage
//! ranking; this module adds the filters (dates, actors), the per-article cap, highlighting,
//! neighbouring passages and whole-article reading. It never writes to the index.

pub mod highlight;
pub mod query;
pub mod rank;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Collector, Count, DocSetCollector, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{
    DateTime, DocAddress, DocId, Index, IndexReader, Order, ReloadPolicy, Score, SegmentOrdinal,
    SegmentReader, TantivyDocument, Term,
};

use crate::actors::{ActorKind, Gazetteer};
use crate::corpus::{ArticleDate, DatePrecision};
use crate::error::{Error, Result};
use crate::indexer::{open_index, to_tantivy_date};
use crate::schema::Fields;

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
    /// Actors that must all appear in the article (names or aliases).
    pub actors: Vec<String>,
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
    /// Actors that must be mentioned in the passage itself (not just the article).
    pub in_passage: Vec<String>,
    /// Match every passage when there is neither query text nor a filter (exploration).
    pub match_all: bool,
    /// Boost recent articles (`--recency`; see [`rank::Recency`]).
    pub recency: Option<rank::Recency>,
}

/// Score added to a passage that mentions an `--actor` itself.
pub const ACTOR_PASSAGE_BONUS: f32 = 1.0;

/// A request turned into a tantivy query, and how to highlight its hits.
pub(crate) struct BuiltQuery {
    /// Text query and filters together.
    pub query: Box<dyn Query>,
    /// Whether the request had searchable words (else hits are ordered by date).
    pub has_text: bool,
    /// The query's terms and phrases.
    pub highlighter: Highlighter,
}

/// An actor as shown with a hit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ActorRef {
    /// Canonical name.
    pub name: String,
    /// person, org, country or place.
    pub kind: std::borrow::Cow<'static, str>,
}

impl ActorRef {
    /// An actor of `kind`, which borrows the name of a known kind instead of allocating it.
    pub fn new(name: impl Into<String>, kind: &str) -> ActorRef {
        let kind = match ActorKind::parse(kind) {
            Some(known) => std::borrow::Cow::Borrowed(known.as_str()),
            None => std::borrow::Cow::Owned(kind.to_string()),
        };
        ActorRef {
            name: name.into(),
            kind,
        }
    }

    /// The actor of a facet as tantivy encodes it: its path with `\0` between the steps,
    /// `actor\0person\0Joe Biden` (None for any other facet).
    pub fn from_encoded_facet(encoded: &[u8]) -> Option<ActorRef> {
        let encoded = std::str::from_utf8(encoded).ok()?;
        let mut steps = encoded.split('\0');
        match (steps.next(), steps.next(), steps.next(), steps.next()) {
            (Some("actor"), Some(kind), Some(name), None) => Some(ActorRef::new(name, kind)),
            _ => None,
        }
    }

    /// The actor's facet, `/actor/KIND/Name`.
    pub fn facet(&self) -> Facet {
        Facet::from_path(["actor", &*self.kind, &self.name])
    }
}

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
    /// Date, RFC 3339, or null.
    pub date: Option<String>,
    /// Date as precise as the source gave it.
    pub date_display: Option<String>,
    /// Headline.
    pub title: String,
    /// Actors.
    pub actors: Vec<ActorRef>,
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
}

/// An open index, ready to answer queries.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The actors in the index, read once on first need (every `--actor` resolves against it).
    known_actors: std::sync::OnceLock<KnownActors>,
    /// Live articles, for article-level BM25 statistics, counted once on first need.
    article_count: std::sync::OnceLock<u64>,
    /// Fast-field columns of the reader's segments, opened once on first need.
    columns: std::sync::OnceLock<std::sync::Arc<SegmentColumns>>,
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
            known_actors: std::sync::OnceLock::new(),
            article_count: std::sync::OnceLock::new(),
            columns: std::sync::OnceLock::new(),
        })
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

    /// Builds the query and filters of a request, and the terms to highlight.
    pub(crate) fn build(&self, request: &SearchRequest) -> Result<BuiltQuery> {
        self.build_on(request, self.fields.body, &query::Proximity::default())
    }

    /// [`Searcher::build`] with plain words searched in `body` (passages or whole articles).
    pub(crate) fn build_on(
        &self,
        request: &SearchRequest,
        body: tantivy::schema::Field,
        proximity: &query::Proximity,
    ) -> Result<BuiltQuery> {
        if request.query.len() > MAX_QUERY_BYTES {
            return Err(Error::Query(format!(
                "query is {} bytes, over the {MAX_QUERY_BYTES} byte limit",
                request.query.len()
            )));
        }
        query::check_fields(&request.query).map_err(Error::Query)?;
        let clauses = query::parse_query(&request.query);
        let compiled = query::compile_on(&clauses, &self.fields, body, proximity);
        let has_text = compiled.query.is_some();
        let has_filter = !request.actors.is_empty()
            || !request.in_passage.is_empty()
            || request.from.is_some()
            || request.to.is_some();
        if !has_text && !clauses.is_empty() && !has_filter && !request.match_all {
            return Err(Error::Query(format!(
                "no searchable words, only stop words or punctuation: {}",
                request.query
            )));
        }
        let mut subqueries: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(text_query) = compiled.query {
            subqueries.push((Occur::Must, text_query));
        }
        for filter in self.filters(request)? {
            subqueries.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        if subqueries.is_empty() {
            if !request.match_all {
                return Err(Error::Usage(
                    "nothing to search for: give a query, or a filter such as --actor or --from"
                        .to_string(),
                ));
            }
            subqueries.push((Occur::Must, Box::new(AllQuery)));
        }
        if !request.actors.is_empty() {
            let known = self.known_actors()?;
            for name in &request.actors {
                let actors = resolve_actor(name, known)?;
                let mentioned = self.actor_query(self.fields.passage_actor, &actors);
                subqueries.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(mentioned, ACTOR_PASSAGE_BONUS)),
                ));
            }
        }
        let query: Box<dyn Query> = if subqueries.len() == 1 {
            subqueries.pop().expect("one clause").1
        } else {
            Box::new(BooleanQuery::new(subqueries))
        };
        let highlighter = Highlighter::new(compiled.highlight_terms, compiled.highlight_phrases);
        Ok(BuiltQuery {
            query,
            has_text,
            highlighter,
        })
    }

    /// Just the words of a request's query, searched in `body`: no filters, no actor bonus
    /// (None when the query has no searchable words).
    pub(crate) fn text_query_on(
        &self,
        request: &SearchRequest,
        body: tantivy::schema::Field,
        proximity: &query::Proximity,
    ) -> Option<Box<dyn Query>> {
        let clauses = query::parse_query(&request.query);
        query::compile_on(&clauses, &self.fields, body, proximity).query
    }

    /// A query matching documents whose `field` holds any of `actors` (any kind).
    fn actor_query(&self, field: tantivy::schema::Field, actors: &[ActorRef]) -> Box<dyn Query> {
        let any_kind: Vec<(Occur, Box<dyn Query>)> = actors
            .iter()
            .map(|actor| {
                let term = Term::from_facet(field, &actor.facet());
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
                )
            })
            .collect();
        Box::new(BooleanQuery::new(any_kind))
    }

    /// The date and actor filters of a request, as tantivy queries (also used by the bench's
    /// bare-tantivy baseline).
    pub(crate) fn filters(&self, request: &SearchRequest) -> Result<Vec<Box<dyn Query>>> {
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let (Some(from), Some(to)) = (request.from, request.to) {
            if from.start >= to.end() {
                return Err(Error::Usage(format!(
                    "--from {} is after --to {}: the date range is empty",
                    from.display(),
                    to.display()
                )));
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
        if !request.actors.is_empty() || !request.in_passage.is_empty() {
            let known = self.known_actors()?;
            for name in &request.actors {
                let actors = resolve_actor(name, known)?;
                filters.push(self.actor_query(self.fields.actor, &actors));
            }
            for name in &request.in_passage {
                let actors = resolve_actor(name, known)?;
                filters.push(self.actor_query(self.fields.passage_actor, &actors));
            }
        }
        Ok(filters)
    }

    /// Every actor the index holds, read from the actor facet's term dictionary (once).
    pub fn known_actors(&self) -> Result<&KnownActors> {
        if let Some(known) = self.known_actors.get() {
            return Ok(known);
        }
        let actors = KnownActors::new(self.read_known_actors()?);
        Ok(self.known_actors.get_or_init(|| actors))
    }

    fn read_known_actors(&self) -> Result<BTreeSet<ActorRef>> {
        let searcher = self.reader.searcher();
        let mut actors = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.actor)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                actors.extend(ActorRef::from_encoded_facet(stream.key()));
            }
        }
        Ok(actors)
    }

    /// Counts the matching articles and passages.
    pub fn count(&self, request: &SearchRequest) -> Result<MatchCounts> {
        let built = self.build(request)?;
        let searcher = self.reader.searcher();
        let (passages, keys) = searcher.search(&*built.query, &(Count, ArticleKeys))?;
        Ok(MatchCounts {
            articles: keys.len() as u64,
            passages: passages as u64,
        })
    }

    /// Runs a search: ranked passages, at most `per_article` from one article.
    ///
    /// The phases are public so that `newsdex bench` times this very path, phase by phase.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let plan = self.plan(request)?;
        let searcher = self.tantivy_searcher();
        let chosen = self.choose(&searcher, &plan, request)?;
        let documents = self.fetch(&searcher, &chosen, request)?;
        let hits = self.hits(&searcher, &plan, request, &chosen, documents)?;
        Ok(SearchResults { hits })
    }

    /// Phase 1, parse: the query and filters of a request, and the terms to highlight.
    pub fn plan(&self, request: &SearchRequest) -> Result<SearchPlan> {
        let BuiltQuery {
            query,
            has_text,
            highlighter,
        } = self.build(request)?;
        Ok(SearchPlan {
            query,
            has_text,
            highlighter,
        })
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
        let total_docs = searcher.num_docs() as usize;
        let mut fetch = (wanted * per_article * 2 + 5).min(total_docs.max(1));
        let chosen = if sort == SortOrder::Relevance {
            // Passage and article evidence combined (search::rank).
            self.rank_passages(searcher, request, &*plan.query, wanted, per_article)?
        } else {
            let keys = self.columns(searcher)?;
            loop {
                let candidates = self.candidates(searcher, &*plan.query, fetch, sort)?;
                let exhausted = candidates.len() < fetch;
                let mut per_key: HashMap<u64, usize> = HashMap::new();
                let mut chosen = Vec::new();
                for (score, address) in candidates {
                    let key = keys.get(address);
                    let seen = per_key.entry(key).or_insert(0);
                    if *seen < per_article {
                        *seen += 1;
                        chosen.push((score, address));
                        if chosen.len() == wanted {
                            break;
                        }
                    }
                }
                if chosen.len() == wanted || exhausted || fetch >= total_docs {
                    break chosen;
                }
                fetch = (fetch * 4).min(total_docs);
            }
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
        let keys = if request.context > 0 {
            Some(self.columns(searcher)?)
        } else {
            None
        };
        let shown = chosen.get(request.offset..).unwrap_or(&[]);
        let mut hits = Vec::with_capacity(shown.len());
        for (index, ((score, address), document)) in shown.iter().zip(documents).enumerate() {
            let rank = request.offset + index + 1;
            let mut hit = self.hit_from_document(&document, rank, *score, &plan.highlighter);
            if let Some(keys) = &keys {
                self.attach_context(
                    searcher,
                    &mut hit,
                    keys.get(*address),
                    request.context,
                    &plan.highlighter,
                )?;
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
                let by_date: Vec<(Option<DateTime>, DocAddress)> = searcher.search(
                    query,
                    &TopDocs::with_limit(n).order_by_fast_field::<DateTime>("date", order),
                )?;
                by_date.into_iter().map(|(_, a)| (0.0, a)).collect()
            }
        })
    }

    pub(crate) fn hit_from_document(
        &self,
        document: &TantivyDocument,
        rank: usize,
        score: f32,
        highlighter: &Highlighter,
    ) -> Hit {
        let f = &self.fields;
        let text = get_str(document, f.text).to_string();
        let highlights = highlighter.ranges(&text);
        let (date, date_display) = match stored_date(document, f) {
            Some(date) => (Some(date.to_rfc3339()), Some(date.display())),
            None => (None, None),
        };
        let line = get_u64(document, f.line).filter(|&l| l > 0);
        Hit {
            rank,
            score,
            article_id: get_str(document, f.article_id).to_string(),
            passage: get_u64(document, f.passage).unwrap_or(0),
            passages: get_u64(document, f.passages).unwrap_or(1),
            date,
            date_display,
            title: get_str(document, f.title).to_string(),
            path: get_str(document, f.path).to_string(),
            line,
            actors: stored_actors(document, f.actor),
            passage_actors: stored_actors(document, f.passage_actor),
            text,
            highlights,
            span: (
                get_u64(document, f.start).unwrap_or(0),
                get_u64(document, f.end).unwrap_or(0),
            ),
            before: Vec::new(),
            after: Vec::new(),
        }
    }

    /// All passages of one article, in order.
    fn article_passages(
        &self,
        searcher: &tantivy::Searcher,
        key: u64,
    ) -> Result<Vec<TantivyDocument>> {
        let term = Term::from_field_u64(self.fields.article_key, key);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let addresses = searcher.search(&query, &DocSetCollector)?;
        let mut documents = Vec::with_capacity(addresses.len());
        for address in addresses {
            documents.push(searcher.doc::<TantivyDocument>(address)?);
        }
        documents.sort_by_key(|d| get_u64(d, self.fields.passage).unwrap_or(0));
        Ok(documents)
    }

    fn attach_context(
        &self,
        searcher: &tantivy::Searcher,
        hit: &mut Hit,
        key: u64,
        context: usize,
        highlighter: &Highlighter,
    ) -> Result<()> {
        let context = context as u64;
        for document in self.article_passages(searcher, key)? {
            let ordinal = get_u64(&document, self.fields.passage).unwrap_or(0);
            let text = get_str(&document, self.fields.text).to_string();
            let passage = PassageText {
                passage: ordinal,
                highlights: highlighter.ranges(&text),
                text,
            };
            if ordinal < hit.passage && ordinal + context >= hit.passage {
                hit.before.push(passage);
            } else if ordinal > hit.passage && ordinal <= hit.passage + context {
                hit.after.push(passage);
            }
        }
        Ok(())
    }

    /// Reassembles the article `article_id` (from `path`, when several files use the id),
    /// highlighting the words of `query`.
    pub fn show(&self, article_id: &str, path: Option<&str>, query: &str) -> Result<FullArticle> {
        let searcher = self.reader.searcher();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.article_id, article_id),
                IndexRecordOption::Basic,
            )),
        )];
        if let Some(path) = path {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.path, path),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let addresses = searcher.search(&BooleanQuery::new(clauses), &DocSetCollector)?;
        let keys = self.columns(&searcher)?;
        let mut by_key: HashMap<u64, DocAddress> = HashMap::new();
        for address in addresses {
            by_key.entry(keys.get(address)).or_insert(address);
        }
        let key = match by_key.len() {
            0 => {
                return Err(Error::Usage(match path {
                    Some(path) => format!("no article {article_id:?} from {path} in the index"),
                    None => format!("no article {article_id:?} in the index"),
                }))
            }
            1 => *by_key.keys().next().expect("one key"),
            _ => {
                let mut paths: Vec<String> = Vec::new();
                for address in by_key.values() {
                    let document: TantivyDocument = searcher.doc(*address)?;
                    paths.push(get_str(&document, self.fields.path).to_string());
                }
                paths.sort();
                return Err(Error::Usage(format!(
                    "article id {article_id:?} is in {} files ({}); name one with --path",
                    paths.len(),
                    paths.join(", ")
                )));
            }
        };
        let compiled = query::compile(&query::parse_query(query), &self.fields);
        let highlighter = Highlighter::new(compiled.highlight_terms, compiled.highlight_phrases);
        let documents = self.article_passages(&searcher, key)?;
        let first = documents.first().expect("an article has a passage");
        let (date, date_display) = match stored_date(first, &self.fields) {
            Some(date) => (Some(date.to_rfc3339()), Some(date.display())),
            None => (None, None),
        };
        Ok(FullArticle {
            article_id: get_str(first, self.fields.article_id).to_string(),
            path: get_str(first, self.fields.path).to_string(),
            date,
            date_display,
            title: get_str(first, self.fields.title).to_string(),
            actors: stored_actors(first, self.fields.actor),
            passages: documents
                .iter()
                .map(|d| {
                    let text = get_str(d, self.fields.text).to_string();
                    PassageText {
                        passage: get_u64(d, self.fields.passage).unwrap_or(0),
                        highlights: highlighter.ranges(&text),
                        text,
                    }
                })
                .collect(),
        })
    }
}

/// Highlights query terms (and phrases) in passage text.
pub use highlight::Highlighter;

/// The actors an index holds, with a case-insensitive name lookup (every `--actor` and every
/// co-occurrence evidence search resolves names against it).
#[derive(Debug, Default)]
pub struct KnownActors {
    all: BTreeSet<ActorRef>,
    by_name: HashMap<String, Vec<ActorRef>>,
}

impl KnownActors {
    /// Indexes `all` by lowercase name.
    pub fn new(all: BTreeSet<ActorRef>) -> KnownActors {
        let mut by_name: HashMap<String, Vec<ActorRef>> = HashMap::new();
        for actor in &all {
            by_name
                .entry(actor.name.to_lowercase())
                .or_default()
                .push(actor.clone());
        }
        KnownActors { all, by_name }
    }
}

impl std::ops::Deref for KnownActors {
    type Target = BTreeSet<ActorRef>;

    fn deref(&self) -> &BTreeSet<ActorRef> {
        &self.all
    }
}

/// Resolves a user's actor name to the index's actors: canonical name or alias (through the
/// gazetteer), case-insensitively, or a unique surname. Unknown names are an error that
/// suggests the closest known names.
pub fn resolve_actor(name: &str, known: &KnownActors) -> Result<Vec<ActorRef>> {
    let wanted = name.trim();
    let by_name = |canonical: &str| -> Vec<ActorRef> {
        known
            .by_name
            .get(&canonical.to_lowercase())
            .cloned()
            .unwrap_or_default()
    };
    let exact = by_name(wanted);
    if !exact.is_empty() {
        return Ok(exact);
    }
    // A unique surname is answered from the index alone: the gazetteer's tables are only
    // loaded when an alias is really needed ("U.S.", "Kremlin").
    let lower = wanted.to_lowercase();
    let by_surname: Vec<ActorRef> = known
        .iter()
        .filter(|a| {
            a.name
                .rsplit(' ')
                .next()
                .is_some_and(|last| last.to_lowercase() == lower)
        })
        .cloned()
        .collect();
    let distinct: BTreeSet<&str> = by_surname.iter().map(|a| a.name.as_str()).collect();
    if distinct.len() == 1 {
        return Ok(by_surname);
    }
    if let Some((canonical, _kind)) = Gazetteer::builtin().resolve(wanted) {
        let found = by_name(canonical);
        if !found.is_empty() {
            return Ok(found);
        }
    }
    if distinct.len() > 1 {
        let names: Vec<&str> = distinct.into_iter().collect();
        return Err(Error::Usage(format!(
            "actor {wanted:?} is ambiguous: {}",
            names.join(", ")
        )));
    }
    let mut scored: Vec<(f64, &str)> = known
        .iter()
        .map(|a| {
            // Compare with the whole name and with each of its words ("Putn" ~ "Putin").
            let name = a.name.to_lowercase();
            let best = name
                .split(' ')
                .chain([name.as_str()])
                .map(|part| strsim::jaro_winkler(&lower, part))
                .fold(0.0, f64::max);
            (best, a.name.as_str())
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    let suggestions: Vec<&str> = scored
        .iter()
        .take(3)
        .filter(|(s, _)| *s > 0.8)
        .map(|(_, n)| *n)
        .collect();
    Err(Error::Usage(if suggestions.is_empty() {
        format!("unknown actor {wanted:?}: no article in the index mentions it")
    } else {
        format!(
            "unknown actor {wanted:?}; did you mean {}?",
            suggestions
                .iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }))
}

fn get_str(document: &TantivyDocument, field: tantivy::schema::Field) -> &str {
    document
        .get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or("")
}

fn get_u64(document: &TantivyDocument, field: tantivy::schema::Field) -> Option<u64> {
    document.get_first(field).and_then(|v| v.as_u64())
}

fn stored_date(document: &TantivyDocument, fields: &Fields) -> Option<ArticleDate> {
    let at = document.get_first(fields.date)?.as_datetime()?;
    let start = chrono::DateTime::from_timestamp(at.into_timestamp_secs(), 0)?.naive_utc();
    let precision = match get_u64(document, fields.date_precision) {
        Some(0) => DatePrecision::Year,
        Some(1) => DatePrecision::Month,
        Some(2) => DatePrecision::Day,
        _ => DatePrecision::Time,
    };
    Some(ArticleDate { start, precision })
}

fn stored_actors(document: &TantivyDocument, field: tantivy::schema::Field) -> Vec<ActorRef> {
    let mut ranked: Vec<(u8, ActorRef)> = document
        .get_all(field)
        .filter_map(|v| v.as_facet())
        .filter_map(|encoded| ActorRef::from_encoded_facet(encoded.as_bytes()))
        .map(|actor| (kind_rank(&actor.kind), actor))
        .collect();
    // By kind (people first), then name.
    ranked.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    ranked.into_iter().map(|(_, actor)| actor).collect()
}

fn kind_rank(kind: &str) -> u8 {
    match ActorKind::parse(kind) {
        Some(ActorKind::Person) => 0,
        Some(ActorKind::Org) => 1,
        Some(ActorKind::Country) => 2,
        Some(ActorKind::Place) => 3,
        None => 4,
    }
}

/// Per-segment `article_key` and `passage` columns, to group hits by article and find an
/// article's first passage without fetching documents. Opened once per searcher.
pub(crate) struct SegmentColumns {
    segments: Vec<tantivy::index::SegmentId>,
    article_key: Vec<Column<u64>>,
    passage: Vec<Column<u64>>,
}

impl SegmentColumns {
    fn new(searcher: &tantivy::Searcher) -> Result<SegmentColumns> {
        let mut columns = SegmentColumns {
            segments: Vec::new(),
            article_key: Vec::new(),
            passage: Vec::new(),
        };
        for segment in searcher.segment_readers() {
            columns.segments.push(segment.segment_id());
            columns
                .article_key
                .push(segment.fast_fields().u64("article_key")?);
            columns.passage.push(segment.fast_fields().u64("passage")?);
        }
        Ok(columns)
    }

    /// Whether these columns were opened on `searcher`'s segments.
    fn matches(&self, searcher: &tantivy::Searcher) -> bool {
        let readers = searcher.segment_readers();
        readers.len() == self.segments.len()
            && readers
                .iter()
                .zip(&self.segments)
                .all(|(reader, id)| reader.segment_id() == *id)
    }

    /// The article key of a passage.
    pub(crate) fn get(&self, address: DocAddress) -> u64 {
        self.article_key[address.segment_ord as usize]
            .first(address.doc_id)
            .unwrap_or(0)
    }

    /// The ordinal of a passage within its article.
    pub(crate) fn passage(&self, address: DocAddress) -> Option<u64> {
        self.passage[address.segment_ord as usize].first(address.doc_id)
    }
}

impl Searcher {
    /// The fast-field columns of `searcher`'s segments: cached for the searcher this index was
    /// opened with (its reader never reloads), opened afresh for any other.
    pub(crate) fn columns(
        &self,
        searcher: &tantivy::Searcher,
    ) -> Result<std::sync::Arc<SegmentColumns>> {
        if let Some(cached) = self.columns.get() {
            if cached.matches(searcher) {
                return Ok(cached.clone());
            }
        }
        let columns = std::sync::Arc::new(SegmentColumns::new(searcher)?);
        if self.columns.get().is_none() {
            let _ = self.columns.set(columns.clone());
        }
        Ok(columns)
    }
}

/// Collects the distinct articles among the matching passages.
struct ArticleKeys;

struct ArticleKeysSegment {
    column: Column<u64>,
    keys: HashSet<u64>,
}

impl Collector for ArticleKeys {
    type Fruit = HashSet<u64>;
    type Child = ArticleKeysSegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<ArticleKeysSegment> {
        Ok(ArticleKeysSegment {
            column: reader.fast_fields().u64("article_key")?,
            keys: HashSet::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<HashSet<u64>>) -> tantivy::Result<HashSet<u64>> {
        let mut all = HashSet::new();
        for fruit in fruits {
            all.extend(fruit);
        }
        Ok(all)
    }
}

impl SegmentCollector for ArticleKeysSegment {
    type Fruit = HashSet<u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(key) = self.column.first(doc) {
            self.keys.insert(key);
        }
    }

    fn harvest(self) -> HashSet<u64> {
        self.keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_facets_round_trip() {
        let actor = ActorRef::new("Joe Biden", "person");
        let facet = actor.facet();
        assert_eq!(facet.to_path_string(), "/actor/person/Joe Biden");
        let decoded = ActorRef::from_encoded_facet(facet.encoded_str().as_bytes()).unwrap();
        assert_eq!(decoded, actor);
        assert!(matches!(decoded.kind, std::borrow::Cow::Borrowed(_)));
        let date = Facet::from_path(["date", "2022", "01"]);
        assert!(ActorRef::from_encoded_facet(date.encoded_str().as_bytes()).is_none());
    }
}
