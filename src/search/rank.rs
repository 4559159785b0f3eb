//! Ranking: how passage and whole-article evidence combine into the order of hits.
//!
//! The index holds one document per passage, plus the whole article (`article` field) on
//! each article's first passage. Two BM25 queries run over the same words and filters:
//! one over passages, one over whole articles. Then
//!
//! * an **article** scores `article + PASSAGE_IN_ARTICLE × best passage` (what `eval` ranks);
//! * a **passage** scores `passage + ARTICLE_IN_PASSAGE × its article` (what `search` ranks),
//!
//! so a passage that answers the query in an article about the query wins over an equally
//! matching passage in an article that mentions it in passing. The weights were chosen by
//! measurement (README, "Relevance") and are the same for every collection. Two options sit on
//! top: a recency boost ([`Recency`]) and RM3 pseudo-relevance feedback ([`Feedback`]).

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, Occur, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Score, SegmentOrdinal, SegmentReader, Term, TERMINATED};

use crate::error::Result;
use crate::schema::field_name;
use crate::search::page::{self, Candidate, PageSize};
use crate::search::{SearchRequest, Searcher, SegmentColumns};

/// Weight of an article's best passage in the article's score.
pub const PASSAGE_IN_ARTICLE: f32 = 0.3;
/// Weight of the article's score in each of its passages' scores.
pub const ARTICLE_IN_PASSAGE: f32 = 0.3;
/// Candidates re-ranked per passage wanted, by the fast path of `Searcher::rank_passages`.
/// Measured on Reuters-21578 with 398 queries of 1-3 title words, top 10 against re-ranking
/// every match: 4 per wanted gives the same top 10 for 99.5% of queries, 3 for 98.0% (mean
/// overlap 99.8%), 2 for 87.4%; the news passage set scores the same with all three.
pub const POOL_PER_WANTED: usize = 3;
/// Fewest candidates re-ranked.
pub const MIN_POOL: usize = 30;
/// An optional recency boost: `score × (1 + 2^(−age / half_life))`, where `age` is how much
/// older the article is than the newest article in the index. A fresh article scores up to
/// twice as much, one half-life old 1.5 times, an old or undated one unchanged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recency {
    /// Half-life in seconds.
    pub half_life: f64,
}

impl Recency {
    /// Parses a half-life such as `30d`, `12h`, `2w`, `6m` (30 days) or `1y` (365 days).
    pub fn parse(text: &str) -> std::result::Result<Recency, String> {
        let text = text.trim();
        let split = text.find(|c: char| c.is_alphabetic()).unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let unit_seconds = match unit {
            "h" => 3600.0,
            "d" | "" => 86_400.0,
            "w" => 7.0 * 86_400.0,
            "m" => 30.0 * 86_400.0,
            "y" => 365.0 * 86_400.0,
            _ => {
                return Err(format!(
                    "{text:?}: unknown unit {unit:?}; use h, d, w, m or y (30d)"
                ))
            }
        };
        match number.trim().parse::<f64>() {
            Ok(n) if n > 0.0 && n.is_finite() => Ok(Recency {
                half_life: n * unit_seconds,
            }),
            _ => Err(format!(
                "{text:?}: expected a positive half-life such as 30d"
            )),
        }
    }

    /// The score factor of an article `age_seconds` older than the newest one.
    pub fn factor(&self, age_seconds: f64) -> f32 {
        (1.0 + (-age_seconds.max(0.0) / self.half_life).exp2()) as f32
    }
}

/// RM3 pseudo-relevance feedback settings (Lavrenko and Croft's relevance model, mixed with
/// the original query as in Anserini's RM3).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feedback {
    /// Top articles the relevance model is estimated from.
    pub articles: usize,
    /// Expansion terms kept.
    pub terms: usize,
    /// Weight of the original query in the mixture (the rest goes to the expansion terms).
    pub original_weight: f32,
}

impl Default for Feedback {
    /// Anserini's RM3 defaults: 10 articles, 10 terms, half and half.
    fn default() -> Feedback {
        Feedback {
            articles: 10,
            terms: 10,
            original_weight: 0.5,
        }
    }
}

impl Feedback {
    /// The weighted query terms: `original_weight × P(w|query) + (1 − original_weight) ×
    /// P(w|R)`, where `P(w|R) ∝ Σ_D score(D) × tf(w, D) / |D|` over the top articles,
    /// cut to the best `terms` words (of two or more characters, not all digits).
    pub fn mix(
        &self,
        original: &[String],
        top: &[(f32, HashMap<String, f32>)],
    ) -> Vec<(String, f32)> {
        let mut mixed: HashMap<String, f32> = HashMap::new();
        if !original.is_empty() {
            let share = self.original_weight / original.len() as f32;
            for term in original {
                *mixed.entry(term.clone()).or_insert(0.0) += share;
            }
        }
        let total_score: f32 = top.iter().map(|(score, _)| score.max(0.0)).sum();
        let mut model: HashMap<&str, f32> = HashMap::new();
        if total_score > 0.0 {
            for (score, counts) in top {
                let length: f32 = counts.values().sum();
                if length == 0.0 {
                    continue;
                }
                let weight = score.max(0.0) / total_score;
                for (term, count) in counts {
                    if term.len() < 2 || term.chars().all(|c| c.is_ascii_digit()) {
                        continue;
                    }
                    *model.entry(term.as_str()).or_insert(0.0) += weight * count / length;
                }
            }
        }
        let mut expansion: Vec<(&str, f32)> = model.into_iter().collect();
        expansion.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        expansion.truncate(self.terms);
        let sum: f32 = expansion.iter().map(|(_, w)| w).sum();
        if sum > 0.0 {
            for (term, weight) in expansion {
                *mixed.entry(term.to_string()).or_insert(0.0) +=
                    (1.0 - self.original_weight) * weight / sum;
            }
        }
        let mut weights: Vec<(String, f32)> = mixed.into_iter().collect();
        weights.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        weights
    }
}

/// One article's score and its best passage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArticleScore {
    /// The article's key (`article_key` field).
    pub key: u64,
    /// The combined score.
    pub score: Score,
    /// The best passage, if a passage matched.
    pub best: Option<DocAddress>,
}

impl Searcher {
    /// Ranks whole articles for a request's query: at most `n`, best first (ties by key).
    ///
    /// Every match is visited (no top-k pruning), so this suits evaluation and `search`'s
    /// result sizes on news archives, not web-scale collections.
    pub fn rank_articles(&self, request: &SearchRequest, n: usize) -> Result<Vec<ArticleScore>> {
        let article_query = self.plan_on(request, self.fields.article)?.query;
        let passage_query = self.plan_on(request, self.fields.body)?.query;
        self.combine_articles(request, &*article_query, &*passage_query, n)
    }

    /// [`Searcher::rank_articles`] with RM3 pseudo-relevance feedback: the query is run once,
    /// its words are mixed with the words most typical of the top articles, and the mixture
    /// (a weighted bag of words; phrases and operators are not kept) is run again.
    pub fn rank_articles_with_feedback(
        &self,
        request: &SearchRequest,
        n: usize,
        feedback: &Feedback,
    ) -> Result<Vec<ArticleScore>> {
        let first = self.rank_articles(request, feedback.articles)?;
        let searcher = self.reader.searcher();
        let mut top: Vec<(f32, HashMap<String, f32>)> = Vec::new();
        for article in &first {
            let mut counts: HashMap<String, f32> = HashMap::new();
            let documents = self.article_passages(&searcher, article.key)?;
            let title = documents
                .first()
                .and_then(|d| d.get_first(self.fields.title))
                .and_then(|v| tantivy::schema::Value::as_str(&v))
                .unwrap_or("")
                .to_string();
            let mut text = title;
            for document in &documents {
                if let Some(passage) = document
                    .get_first(self.fields.text)
                    .and_then(|v| tantivy::schema::Value::as_str(&v))
                {
                    text.push_str("\n\n");
                    text.push_str(passage);
                }
            }
            for token in crate::schema::analyze(&text) {
                *counts.entry(token.term).or_insert(0.0) += 1.0;
            }
            top.push((article.score, counts));
        }
        let original: Vec<String> = crate::schema::analyze(&request.query)
            .into_iter()
            .map(|t| t.term)
            .collect();
        let weights = feedback.mix(&original, &top);
        if weights.is_empty() {
            return Ok(first.into_iter().take(n).collect());
        }
        let build = |field: Field| -> Result<Box<dyn Query>> {
            let words: Vec<(Occur, Box<dyn Query>)> = weights
                .iter()
                .map(|(term, weight)| {
                    let query: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(field, term),
                        IndexRecordOption::WithFreqs,
                    ));
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(query, *weight)) as Box<dyn Query>,
                    )
                })
                .collect();
            let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                vec![(Occur::Must, Box::new(BooleanQuery::new(words)))];
            for filter in self.filters(request)? {
                clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
            }
            Ok(Box::new(BooleanQuery::new(clauses)))
        };
        let article_query = build(self.fields.article)?;
        let passage_query = build(self.fields.body)?;
        self.combine_articles(request, &*article_query, &*passage_query, n)
    }

    /// Article scores from an article-field query and a passage query.
    fn combine_articles(
        &self,
        request: &SearchRequest,
        article_query: &dyn Query,
        passage_query: &dyn Query,
        n: usize,
    ) -> Result<Vec<ArticleScore>> {
        let searcher = self.reader.searcher();
        let boost = RecencyBoost::new(&searcher, request.recency)?;
        let articles = search_articles(
            &searcher,
            self.article_count(&searcher)?,
            article_query,
            boost,
        )?;
        let passage_weight = PASSAGE_IN_ARTICLE;
        let mut scores: HashMap<u64, ArticleScore> = articles
            .iter()
            .map(|(key, hits)| {
                (
                    *key,
                    ArticleScore {
                        key: *key,
                        score: hits[0].0,
                        best: None,
                    },
                )
            })
            .collect();
        let passages = searcher.search(
            passage_query,
            &TopPerArticle {
                per_article: 1,
                boost,
            },
        )?;
        for (key, hits) in passages {
            let (score, address) = hits[0];
            let entry = scores.entry(key).or_insert(ArticleScore {
                key,
                score: 0.0,
                best: None,
            });
            entry.score += passage_weight * score;
            entry.best = Some(address);
        }
        Ok(top_articles(scores.into_values().collect(), n))
    }

    /// The best passages for a request's query, at most `per_article` of one article, best
    /// first: `wanted` of them, fewer when fewer match.
    ///
    /// `passage_query` is the request's query as [`Searcher::plan`] made it.
    pub(crate) fn rank_passages(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
        passage_query: &dyn Query,
        size: PageSize,
    ) -> Result<Vec<(Score, DocAddress)>> {
        let boost = RecencyBoost::new(searcher, request.recency)?;
        if boost.is_none() {
            return self.rerank_passages(searcher, passage_query, request, size);
        }
        let per_article = size.per_article;
        let passages = searcher.search(passage_query, &TopPerArticle { per_article, boost })?;
        let article_weight = ARTICLE_IN_PASSAGE;
        let article_scores: HashMap<u64, Score> = if article_weight > 0.0 {
            let article_query = self.plan_on(request, self.fields.article)?.query;
            search_articles(
                searcher,
                self.article_count(searcher)?,
                &*article_query,
                boost,
            )?
            .into_iter()
            .map(|(key, hits)| (key, hits[0].0))
            .collect()
        } else {
            HashMap::new()
        };
        // Every match was seen (each article's best `per_article`), so the pool is complete.
        let mut ranked: Vec<Candidate> = passages
            .into_iter()
            .flat_map(|(key, hits)| {
                let article = article_scores.get(&key).copied().unwrap_or(0.0);
                hits.into_iter()
                    .map(move |(score, address)| (score + article_weight * article, address, key))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(page::cap_per_article(ranked, size))
    }
}

impl Searcher {
    /// The fast path of [`Searcher::rank_passages`] (no recency): the top passages by passage
    /// BM25 come from tantivy's block-WAND top-k, then only their articles are scored on the
    /// `article` field, exactly, and the combined scores re-rank them. A passage outside the
    /// candidate pool would need an article score above the pool's to overtake; the pool is
    /// wide enough ([`POOL_PER_WANTED`], [`MIN_POOL`]) to make that rare. When the
    /// per-article cap leaves the page short, the pool is widened (`search::page`).
    fn rerank_passages(
        &self,
        searcher: &tantivy::Searcher,
        passage_query: &dyn Query,
        request: &SearchRequest,
        size: PageSize,
    ) -> Result<Vec<(Score, DocAddress)>> {
        let first_pool = (size.wanted * size.per_article * POOL_PER_WANTED).max(MIN_POOL);
        let documents = searcher.num_docs() as usize;
        page::top_per_article(size, first_pool, documents, |pool| {
            self.rerank_pool(searcher, passage_query, request, pool)
        })
    }

    /// The best `pool` passages by passage BM25, re-ranked by passage and article evidence
    /// together, best first, each with its article's key.
    fn rerank_pool(
        &self,
        searcher: &tantivy::Searcher,
        passage_query: &dyn Query,
        request: &SearchRequest,
        pool: usize,
    ) -> Result<Vec<Candidate>> {
        let columns = self.columns(searcher)?;
        let mut ranked: Vec<Candidate> = searcher
            .search(passage_query, &TopDocs::with_limit(pool).order_by_score())?
            .into_iter()
            .map(|(score, address)| (score, address, columns.get(address)))
            .collect();
        if ranked.is_empty() || ARTICLE_IN_PASSAGE == 0.0 {
            return Ok(ranked);
        }
        let article_scores = self.candidate_article_scores(searcher, request, &columns, &ranked)?;
        for (score, _, key) in &mut ranked {
            *score += ARTICLE_IN_PASSAGE * article_scores.get(key).copied().unwrap_or(0.0);
        }
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(ranked)
    }

    /// The article scores of the candidates' articles, exactly, without scoring any other
    /// article: each one's first passage (which holds the `article` field) is found and the
    /// article scorer seeks to it.
    fn candidate_article_scores(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
        columns: &SegmentColumns,
        candidates: &[Candidate],
    ) -> Result<HashMap<u64, Score>> {
        // The candidates passed the filters, and so do their articles' first passages: only
        // the words are scored.
        let article_query = self
            .text_query_on(request, self.fields.article)
            .unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery));
        let statistics = ArticleStatistics {
            searcher,
            articles: self.article_count(searcher)?,
        };
        let weight = article_query.weight(EnableScoring::enabled_from_statistics_provider(
            &statistics,
            searcher,
        ))?;
        let (mut firsts, lookup) = contiguous_first_passages(searcher, columns, candidates);
        let mut article_scores = HashMap::new();
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            let firsts = &mut firsts[ordinal];
            if !lookup.is_empty() {
                first_passages(segment, self.fields.article_key, &lookup, firsts)?;
            }
            if firsts.is_empty() {
                continue;
            }
            firsts.sort_unstable();
            firsts.dedup();
            let mut scorer = weight.scorer(segment, 1.0)?;
            for &(doc, key) in firsts.iter() {
                if scorer.doc() == TERMINATED {
                    break;
                }
                if scorer.doc() <= doc && scorer.seek(doc) == doc {
                    article_scores.insert(key, scorer.score());
                }
            }
        }
        Ok(article_scores)
    }
}

/// The first passage of each candidate's article, per segment, where it is found by counting
/// back: an article's passages are usually added as one batch, so its first passage is
/// `ordinal` documents before the candidate. The keys of the other articles, sorted, are
/// returned to be looked up by their postings ([`first_passages`]).
fn contiguous_first_passages(
    searcher: &tantivy::Searcher,
    columns: &SegmentColumns,
    candidates: &[Candidate],
) -> (Vec<Vec<(DocId, u64)>>, Vec<u64>) {
    let mut firsts: Vec<Vec<(DocId, u64)>> = vec![Vec::new(); searcher.segment_readers().len()];
    let mut lookup: Vec<u64> = Vec::new();
    for &(_, address, key) in candidates {
        let first = columns.passage(address).and_then(|ordinal| {
            let doc = address.doc_id.checked_sub(u32::try_from(ordinal).ok()?)?;
            let first = DocAddress::new(address.segment_ord, doc);
            let alive = searcher
                .segment_reader(address.segment_ord)
                .alive_bitset()
                .is_none_or(|alive| alive.is_alive(doc));
            (alive && columns.passage(first) == Some(0) && columns.get(first) == key).then_some(doc)
        });
        match first {
            Some(doc) => firsts[address.segment_ord as usize].push((doc, key)),
            None => lookup.push(key),
        }
    }
    lookup.sort_unstable();
    lookup.dedup();
    (firsts, lookup)
}

/// Runs a query on the `article` field, with BM25 statistics of articles rather than passages.
fn search_articles(
    searcher: &tantivy::Searcher,
    articles: u64,
    query: &dyn Query,
    boost: Option<RecencyBoost>,
) -> Result<HashMap<u64, Best>> {
    let statistics = ArticleStatistics { searcher, articles };
    Ok(searcher.search_with_statistics_provider(
        query,
        &TopPerArticle {
            per_article: 1,
            boost,
        },
        &statistics,
    )?)
}

/// Appends the first passage of each article in `keys` found in `segment`, by their
/// `article_key` postings (for indexes whose articles' passages are not contiguous).
fn first_passages(
    segment: &SegmentReader,
    article_key: Field,
    keys: &[u64],
    firsts: &mut Vec<(DocId, u64)>,
) -> Result<()> {
    let inverted = segment.inverted_index(article_key)?;
    let ordinals = segment.fast_fields().u64(field_name::PASSAGE)?;
    let alive = segment.alive_bitset();
    for &key in keys {
        let term = Term::from_field_u64(article_key, key);
        let Some(mut postings) = inverted
            .read_postings(&term, IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if ordinals.first(doc) == Some(0) && alive.is_none_or(|a| a.is_alive(doc)) {
                firsts.push((doc, key));
                break;
            }
            doc = postings.advance();
        }
    }
    Ok(())
}

impl Searcher {
    /// The number of live articles, counted once per searcher (its reader never reloads).
    fn article_count(&self, searcher: &tantivy::Searcher) -> Result<u64> {
        if let Some(count) = self.article_count.get() {
            return Ok(*count);
        }
        let count = count_articles(searcher, self.fields.article_key)?;
        Ok(*self.article_count.get_or_init(|| count))
    }
}

/// The number of articles, for BM25 statistics: the distinct `article_key` terms of each
/// segment. Like tantivy's own document counts it is approximate: an article counts again for
/// each further segment holding some of its passages (long articles are indexed passage by
/// passage), and deleted articles count until a merge drops them. It costs one
/// term-dictionary header read per segment instead of a scan of every passage.
fn count_articles(searcher: &tantivy::Searcher, article_key: Field) -> Result<u64> {
    let mut articles = 0;
    for segment in searcher.segment_readers() {
        articles += segment.inverted_index(article_key)?.terms().num_terms() as u64;
    }
    Ok(articles.max(1))
}

/// BM25 statistics for the `article` field: it is on one document per article, so the
/// document count (idf, average length) is the number of articles, not of passages.
struct ArticleStatistics<'a> {
    searcher: &'a tantivy::Searcher,
    articles: u64,
}

impl Bm25StatisticsProvider for ArticleStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.searcher.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.articles)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        // Deleted documents still count in doc_freq until their segment is merged: never let
        // it exceed the live article count (tantivy's idf asserts on that).
        Ok(self.searcher.doc_freq(term)?.min(self.articles))
    }
}

/// The best `n` of `scores`, by score then key.
fn top_articles(mut scores: Vec<ArticleScore>, n: usize) -> Vec<ArticleScore> {
    scores.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.key.cmp(&b.key)));
    scores.truncate(n);
    scores
}

/// A recency setting with the date it measures age from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecencyBoost {
    recency: Recency,
    /// The newest article date in the index, in seconds.
    newest: i64,
}

impl RecencyBoost {
    /// The boost of `recency`, measured from the newest dated article (None: no boost).
    fn new(searcher: &tantivy::Searcher, recency: Option<Recency>) -> Result<Option<Self>> {
        let Some(recency) = recency else {
            return Ok(None);
        };
        let mut newest: Option<i64> = None;
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().date(field_name::DATE)?;
            if column.values.num_vals() > 0 {
                let max = column.max_value().into_timestamp_secs();
                newest = Some(newest.map_or(max, |n| n.max(max)));
            }
        }
        Ok(newest.map(|newest| RecencyBoost { recency, newest }))
    }

    fn factor(&self, date: Option<tantivy::DateTime>) -> f32 {
        match date {
            Some(date) => self
                .recency
                .factor((self.newest - date.into_timestamp_secs()) as f64),
            None => 1.0,
        }
    }
}

/// The best `per_article` matches of every matching article, by article key, with an
/// optional recency boost on their scores.
pub(crate) struct TopPerArticle {
    pub(crate) per_article: usize,
    pub(crate) boost: Option<RecencyBoost>,
}

/// Scored matches of one article, best first.
type Best = Vec<(Score, DocAddress)>;

pub(crate) struct TopPerArticleSegment {
    segment: SegmentOrdinal,
    per_article: usize,
    column: Column<u64>,
    dates: Option<(RecencyBoost, Column<tantivy::DateTime>)>,
    best: HashMap<u64, Best>,
}

/// Inserts a match into a best-first list capped at `cap`.
fn keep_best(list: &mut Best, cap: usize, score: Score, address: DocAddress) {
    if list.len() == cap && list.last().is_some_and(|last| last.0 >= score) {
        return;
    }
    let at = list.partition_point(|x| x.0 >= score);
    list.insert(at, (score, address));
    list.truncate(cap);
}

impl Collector for TopPerArticle {
    type Fruit = HashMap<u64, Best>;
    type Child = TopPerArticleSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TopPerArticleSegment> {
        Ok(TopPerArticleSegment {
            segment,
            per_article: self.per_article.max(1),
            column: reader.fast_fields().u64(field_name::ARTICLE_KEY)?,
            dates: match self.boost {
                Some(boost) => Some((boost, reader.fast_fields().date(field_name::DATE)?)),
                None => None,
            },
            best: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<HashMap<u64, Best>>) -> tantivy::Result<HashMap<u64, Best>> {
        // An article's passages may sit in several segments.
        let mut merged: HashMap<u64, Best> = HashMap::new();
        for fruit in fruits {
            for (key, hits) in fruit {
                let list = merged.entry(key).or_default();
                for (score, address) in hits {
                    keep_best(list, self.per_article.max(1), score, address);
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for TopPerArticleSegment {
    type Fruit = HashMap<u64, Best>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let key = self.column.first(doc).unwrap_or(0);
        let address = DocAddress::new(self.segment, doc);
        let score = match &self.dates {
            Some((boost, dates)) => score * boost.factor(dates.first(doc)),
            None => score,
        };
        keep_best(
            self.best.entry(key).or_default(),
            self.per_article,
            score,
            address,
        );
    }

    fn harvest(self) -> Self::Fruit {
        self.best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_articles_orders_by_score_then_key() {
        let at = |key, score| ArticleScore {
            key,
            score,
            best: None,
        };
        let ranked = top_articles(vec![at(3, 1.0), at(1, 2.0), at(2, 1.0)], 2);
        assert_eq!(ranked.iter().map(|a| a.key).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn recency_half_lives() {
        let day = 86_400.0;
        assert_eq!(Recency::parse("30d").unwrap().half_life, 30.0 * day);
        assert_eq!(Recency::parse("2w").unwrap().half_life, 14.0 * day);
        assert_eq!(Recency::parse("12h").unwrap().half_life, 0.5 * day);
        assert!(Recency::parse("0d").is_err());
        assert!(Recency::parse("30x").is_err());
        assert!(Recency::parse("d").is_err());
        let recency = Recency::parse("30d").unwrap();
        assert_eq!(recency.factor(0.0), 2.0);
        assert_eq!(recency.factor(30.0 * day), 1.5);
        assert!((recency.factor(3000.0 * day) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn rm3_mixes_the_query_with_the_top_articles_words() {
        let counts = |words: &[(&str, f32)]| -> HashMap<String, f32> {
            words.iter().map(|(w, c)| (w.to_string(), *c)).collect()
        };
        let top = vec![
            (
                3.0,
                counts(&[("flutter", 2.0), ("wing", 1.0), ("1957", 1.0)]),
            ),
            (1.0, counts(&[("flutter", 1.0), ("panel", 2.0)])),
        ];
        let feedback = Feedback {
            articles: 2,
            terms: 2,
            original_weight: 0.5,
        };
        let weights = feedback.mix(&["flutter".to_string()], &top);
        let terms: Vec<&str> = weights.iter().map(|(t, _)| t.as_str()).collect();
        // Numbers are not expansion terms; two terms are kept: flutter and wing.
        assert_eq!(terms, ["flutter", "wing"]);
        let total: f32 = weights.iter().map(|(_, w)| w).sum();
        assert!((total - 1.0).abs() < 1e-6);
        assert!(weights[0].1 > 0.5);
    }

    #[test]
    fn keep_best_keeps_the_top_in_order() {
        let mut list = Vec::new();
        for (score, doc) in [(1.0, 1), (3.0, 2), (2.0, 3), (0.5, 4)] {
            keep_best(&mut list, 2, score, DocAddress::new(0, doc));
        }
        let docs: Vec<u32> = list.iter().map(|x| x.1.doc_id).collect();
        assert_eq!(docs, [2, 3]);
    }
}
