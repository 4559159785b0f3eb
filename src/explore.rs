//! Exploration over the facets: top actors, timelines and co-occurrence for any query.
//!
//! One collector pass gathers, for every matching article (counted once however many of its
//! passages match), its date, its actors and its best passage, from fast fields and facet
//! columns only; the stored documents are fetched just for the passages that are shown.
//!
//! Which of two equally good passages is shown is decided by `shown_first` alone, never by
//! where the passages are stored: storage order changes with the number of indexing threads.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Mutex;

use chrono::{Datelike, Duration, NaiveDate};
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::fastfield::FacetReader;
use tantivy::schema::Value;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument};

use crate::actor_ords::{ActorOrds, OrdActor, OrdField};
use crate::actors::ActorKind;
use crate::copies::{CopyGroup, CopyGroups, StoryId};
use crate::corpus::DatePrecision;
use crate::error::Result;
use crate::schema::field_name;
use crate::search::{
    ActorKey, ActorNames, ActorRef, CanonicalNames, Hit, SearchError, SearchPlan, SearchRequest,
    Searcher,
};

/// An actor and the number of matching articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorCount {
    /// Canonical name.
    pub name: String,
    /// person, org, country or place.
    pub kind: ActorKind,
    /// Matching articles that mention it.
    pub articles: u64,
    /// With `actors --aliases`: the other forms merged into it, most articles first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<AliasCount>>,
}

/// A raw form merged into an actor, and the articles of the whole index that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AliasCount {
    /// The form as extraction wrote it.
    pub name: String,
    /// Articles of the index whose actors hold this form (under any kind).
    pub articles: u64,
}

/// Calendar unit of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BucketUnit {
    /// Calendar days.
    Day,
    /// ISO weeks (Monday to Sunday).
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// One bucket of a timeline or date histogram.
#[derive(Debug, Clone, Serialize)]
pub struct Bucket {
    /// Label: `2022`, `2022-01`, `2022-W03` or `2022-01-03`.
    pub bucket: String,
    /// First day of the bucket.
    pub start: String,
    /// First day after the bucket.
    pub end: String,
    /// Matching articles dated in the bucket.
    pub count: u64,
    /// The best passage in the bucket.
    pub best: Option<Hit>,
    /// Whether the bucket is one of the peaks.
    pub peak: bool,
}

/// A timeline and the articles it could not place.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Buckets from the first to the last non-empty one, empty ones included.
    pub buckets: Vec<Bucket>,
    /// Matching articles without a date.
    pub undated: u64,
    /// Matching articles dated less precisely than the unit (a year-only date in a monthly
    /// timeline): counted here rather than piled into the period's first bucket.
    pub imprecise: u64,
}

/// An actor seen with another, and how strongly.
#[derive(Debug, Clone, Serialize)]
pub struct Cooccurrence {
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Passages that mention both.
    pub passages: u64,
    /// Articles that mention both.
    pub articles: u64,
    /// P(other | actor) / P(other), over articles: above 1 means seen together more than chance.
    pub lift: f64,
    /// Normalised PMI over articles, in [-1, 1]: the ranking measure. Unlike lift it does not
    /// crown an actor seen once, and unlike raw counts it does not crown the most frequent.
    pub npmi: f64,
    /// A passage that mentions both (or, failing that, from an article that does).
    pub evidence: Option<Hit>,
}

/// Top actors and date histogram of a whole match set (`search --facets`).
#[derive(Debug, Clone, Serialize)]
pub struct Facets {
    /// Top actors per kind.
    pub actors: Vec<ActorCount>,
    /// Articles per month (per year when the match set spans more than 20 years).
    pub dates: Vec<DateCount>,
}

/// A date bucket and its count, for facet summaries.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DateCount {
    /// Bucket label.
    pub bucket: String,
    /// Matching articles.
    pub count: u64,
}

/// What one collector pass knows about one matching article.
#[derive(Debug, Clone)]
struct ArticleFact {
    start: Option<i64>,
    precision: DatePrecision,
    /// Where its actor ids (sorted, each once) are in the set's pool.
    actors: Range<u32>,
    best: BestPassage,
}

/// An article's best-scoring matching passage.
#[derive(Debug, Clone, Copy)]
struct BestPassage {
    score: Score,
    /// Ordinal within the article.
    passage: u64,
    address: DocAddress,
}

impl BestPassage {
    /// Whether `self` goes before `other`, another passage of the same article.
    fn beats(&self, other: &BestPassage) -> bool {
        let rank = |best: &BestPassage| PassageRank {
            score: best.score,
            date: None,
            path: "",
            article_id: "",
            passage: best.passage,
        };
        shown_first(&rank(self), &rank(other)) == Ordering::Less
    }
}

/// What orders the passages shown when several are equally good.
#[derive(Debug, Clone, Copy)]
struct PassageRank<'a> {
    score: Score,
    /// Start of the article's date, in seconds.
    date: Option<i64>,
    path: &'a str,
    article_id: &'a str,
    passage: u64,
}

/// The one order of shown passages (a timeline's best, co-occurrence evidence): best score
/// first, then the newest article (undated last), then article path and id, then passage
/// ordinal. `Less` means `a` is shown first.
fn shown_first(a: &PassageRank, b: &PassageRank) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| b.date.cmp(&a.date))
        .then_with(|| a.path.cmp(b.path))
        .then_with(|| a.article_id.cmp(b.article_id))
        .then(a.passage.cmp(&b.passage))
}

/// The first of `candidates` (articles' best passages, with their dates) in [`shown_first`]
/// order, as a hit with its actors named by `shown`. Only the candidates that tie on score
/// and date, which need path and id, are read from the store, and only the first of them is
/// made a hit.
fn first_shown<'a>(
    searcher: &'a Searcher,
    highlighter: &crate::search::Highlighter,
    candidates: &[(Option<i64>, BestPassage)],
    shown: Option<&CanonicalNames<'a>>,
) -> Result<Option<Hit>> {
    let Some(leader) = candidates
        .iter()
        .min_by(|a, b| shown_first(&standing(a), &standing(b)))
    else {
        return Ok(None);
    };
    let tantivy_searcher = searcher.tantivy_searcher();
    let fields = searcher.fields();
    let stored = |document: &TantivyDocument, field| {
        document
            .get_first(field)
            .and_then(|value| value.as_str())
            .unwrap_or("")
            .to_string()
    };
    let mut first: Option<(PassageKey, TantivyDocument, BestPassage)> = None;
    for candidate in candidates {
        if shown_first(&standing(candidate), &standing(leader)) != Ordering::Equal {
            continue;
        }
        let (date, best) = candidate;
        let document: TantivyDocument = tantivy_searcher.doc(best.address)?;
        let key = PassageKey {
            date: *date,
            path: stored(&document, fields.path),
            article_id: stored(&document, fields.article_id),
            passage: best.passage,
        };
        let better = match &first {
            None => true,
            Some((first_key, _, first_best)) => {
                shown_first(&key.rank(best.score), &first_key.rank(first_best.score))
                    == Ordering::Less
            }
        };
        if better {
            first = Some((key, document, *best));
        }
    }
    let Some((_, document, best)) = first else {
        return Ok(None);
    };
    let Some(shown) = shown else {
        let unnamed = (Vec::new(), Vec::new());
        return Ok(Some(searcher.hit_with_actors(
            &document,
            1,
            best.score,
            highlighter,
            unnamed,
        )));
    };
    Ok(Some(searcher.hit_from_document(
        &tantivy_searcher,
        &document,
        best.address,
        1,
        best.score,
        highlighter,
        Some(shown),
    )?))
}

/// The names of the actors of `shown` passages: many are named from the lookup table read
/// whole, a few by reading its lines one by one.
fn shown_names(searcher: &Searcher, shown: usize) -> Result<CanonicalNames<'_>> {
    if shown > SHOWN_ONE_BY_ONE {
        searcher.canonical_names_in_bulk()
    } else {
        searcher.canonical_names()
    }
}

/// What tells apart candidates that tie on score and date: read from the stored document.
struct PassageKey {
    date: Option<i64>,
    path: String,
    article_id: String,
    passage: u64,
}

impl PassageKey {
    /// The candidate's place in the [`shown_first`] order.
    fn rank(&self, score: Score) -> PassageRank<'_> {
        PassageRank {
            score,
            date: self.date,
            path: &self.path,
            article_id: &self.article_id,
            passage: self.passage,
        }
    }
}

/// A candidate's place in the [`shown_first`] order as far as score and date go: two candidates
/// that compare equal here are told apart by path, id and ordinal.
fn standing((date, best): &(Option<i64>, BestPassage)) -> PassageRank<'static> {
    PassageRank {
        score: best.score,
        date: *date,
        path: "",
        article_id: "",
        passage: 0,
    }
}

/// The actors one exploration meets, numbered densely: what facts and counts refer to. The
/// actors of the ordinals file keep its numbers (no hashing); others (forms the table never
/// saw, segments the file does not list) are numbered after them by their keys. Names are
/// read only for the actors shown.
#[derive(Debug, Default)]
struct ActorIds<'a> {
    /// The ordinals file: ids `0..listed.actors()` are its actors.
    listed: Option<&'a ActorOrds>,
    /// The keys and kinds of the actors numbered after the file's.
    keys: Vec<ActorKey>,
    kinds: Vec<ActorKind>,
    index: FxHashMap<ActorKey, u32>,
}

/// An ordinal that names no actor.
const NO_ACTOR: u32 = u32::MAX;

impl<'a> ActorIds<'a> {
    fn new(listed: Option<&'a ActorOrds>) -> ActorIds<'a> {
        ActorIds {
            listed,
            ..ActorIds::default()
        }
    }

    /// How many actors the ordinals file lists.
    fn base(&self) -> usize {
        self.listed.map_or(0, ActorOrds::actors)
    }

    /// The id of `key` when it has one.
    fn find(&self, key: &ActorKey) -> Option<u32> {
        if let (Some(listed), ActorKey::Table(at)) = (self.listed, key) {
            if let Some(number) = listed.number_of(*at) {
                return Some(number);
            }
        }
        self.index.get(key).copied()
    }

    /// The id of `key`, an actor of `kind`, numbered now when first met.
    fn id(&mut self, key: ActorKey, kind: ActorKind) -> u32 {
        if let Some(id) = self.find(&key) {
            return id;
        }
        let id = (self.base() + self.keys.len()) as u32;
        self.keys.push(key.clone());
        self.kinds.push(kind);
        self.index.insert(key, id);
        id
    }

    /// The key of an id.
    fn key(&self, id: u32) -> ActorKey {
        match self.listed.and_then(|listed| listed.actor(id)) {
            Some((at, _)) => ActorKey::Table(at),
            None => self.keys[id as usize - self.base()].clone(),
        }
    }

    /// The canonical kind of an id.
    fn kind(&self, id: u32) -> ActorKind {
        match self.listed.and_then(|listed| listed.actor(id)) {
            Some((_, kind)) => kind,
            None => self.kinds[id as usize - self.base()],
        }
    }

    fn len(&self) -> usize {
        self.base() + self.keys.len()
    }
}

/// The ids, whatever a panic elsewhere left them as.
fn lock<'m, 'a>(ids: &'m Mutex<ActorIds<'a>>) -> std::sync::MutexGuard<'m, ActorIds<'a>> {
    ids.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The most actors named by reading their lines one by one; more are named from the table
/// read whole.
const NAMED_ONE_BY_ONE: usize = 2_000;

/// The canonical actors of `chosen` ids, in order.
fn actors_named(searcher: &Searcher, ids: &ActorIds<'_>, chosen: &[u32]) -> Result<Vec<ActorRef>> {
    let one_by_one = searcher.actor_names()?;
    let names = if chosen.len() > NAMED_ONE_BY_ONE {
        searcher.every_form_names()?
    } else {
        one_by_one
    };
    Ok(chosen
        .iter()
        .map(|&id| {
            let key = ids.key(id);
            names
                .actor(&key)
                .or_else(|| one_by_one.actor(&key))
                .unwrap_or_else(|| ActorRef::new(String::new(), ids.kind(id)))
        })
        .collect())
}

/// Every matching article's facts, actors by their ids.
#[derive(Debug, Default)]
struct MatchSet {
    articles: FxHashMap<u64, ArticleFact>,
    /// The articles' actor ids, one run per article: one allocation, not one per article.
    pool: Vec<u32>,
    /// For co-occurrence: per actor id, passages that mention it together with the target.
    passage_pairs: FxHashMap<u32, u64>,
}

/// Matching articles per actor id.
fn actor_counts(set: &MatchSet, actors: usize) -> Vec<u64> {
    let mut counts = vec![0u64; actors];
    for fact in set.articles.values() {
        for &id in &set.pool[fact.actors.start as usize..fact.actors.end as usize] {
            counts[id as usize] += 1;
        }
    }
    counts
}

/// The collector behind every exploration command.
struct FactsCollector<'c, 'a> {
    /// Whether to gather each article's actors (a timeline and evidence need only dates and
    /// best passages, and reading actors is most of a pass's cost).
    actors: bool,
    /// Each segment's facet ordinals mapped to the table's actors (when the file is current).
    ords: Option<&'a ActorOrds>,
    /// The registry's answers, for forms the table never saw (when actors are gathered).
    names: Option<ActorNames<'a>>,
    /// Maps every raw form of a segment the ordinals file does not list to its canonical
    /// actor, so that the forms of one actor count as one and forms that are not actors are
    /// dropped.
    every_form: Option<ActorNames<'a>>,
    /// The actors met so far.
    ids: &'c Mutex<ActorIds<'a>>,
    /// Facets (encoded) whose co-mentions in the same passage are counted.
    target: Option<HashSet<String>>,
}

impl FactsCollector<'_, '_> {
    /// The actor id of every ordinal of a segment's facet field (`NO_ACTOR`: not an actor):
    /// from the ordinals file when it lists the segment, else by mapping every form.
    fn ord_ids(&self, segment: &SegmentReader, facets: &FacetReader, field: OrdField) -> Vec<u32> {
        let mut ids = lock(self.ids);
        let listed = self
            .ords
            .and_then(|ords| ords.segment(segment, field))
            .filter(|ords| ords.len() == facets.num_facets());
        if let Some(listed) = listed {
            let mut term = Vec::new();
            return (0..listed.len())
                .map(|ord| match listed.get(ord) {
                    OrdActor::Listed(number) => number,
                    OrdActor::NotActor => NO_ACTOR,
                    OrdActor::Unseen => {
                        let found = facets.facet_dict().ord_to_term(ord as u64, &mut term);
                        match found
                            .ok()
                            .filter(|&found| found)
                            .and_then(|_| crate::schema::decode_actor_facet(&term))
                        {
                            Some((kind, name)) => {
                                self.unseen_id(&mut ids, ActorRef::new(name, kind))
                            }
                            None => NO_ACTOR,
                        }
                    }
                })
                .collect();
        }
        let every_form = self.every_form.or(self.names);
        facet_keys(facets, every_form.as_ref())
            .into_iter()
            .map(|key| match key {
                None => NO_ACTOR,
                Some(ActorKey::Unseen(raw)) => self.unseen_id(&mut ids, raw),
                Some(key) => {
                    if let Some(id) = ids.find(&key) {
                        return id;
                    }
                    match every_form.as_ref().and_then(|names| names.actor(&key)) {
                        Some(actor) => ids.id(key, actor.kind),
                        None => NO_ACTOR,
                    }
                }
            })
            .collect()
    }

    /// The id of a raw form the registry never saw: the listed actor spelled so, else itself.
    fn unseen_id(&self, ids: &mut ActorIds, raw: ActorRef) -> u32 {
        let kind = raw.kind;
        let key = match &self.names {
            Some(names) => names.actor_key(&raw),
            None => ActorKey::Unseen(raw),
        };
        ids.id(key, kind)
    }
}

struct SegmentFacts {
    segment: SegmentOrdinal,
    keys: Column<u64>,
    dates: Column<tantivy::DateTime>,
    precisions: Column<u64>,
    passages: Column<u64>,
    actors: Option<FacetReader>,
    /// Per actor facet ordinal, its actor id (when actors are gathered).
    actor_ids: Vec<u32>,
    /// Passage co-mentions of the target (when counted).
    co_mentions: Option<PassagePairs>,
    facts: FxHashMap<u64, ArticleFact>,
    /// The article of the documents collected last, not yet in `facts`: an article's passages
    /// are mostly next to each other, so most documents need no hash lookup.
    open: Option<(u64, ArticleFact)>,
    /// The facts' actor ids.
    pool: Vec<u32>,
}

/// One segment's passages that mention the target, counted per other actor they mention.
struct PassagePairs {
    facets: FacetReader,
    /// Per passage-actor facet ordinal, its actor id (`TARGET` for the target's forms).
    ids: Vec<u32>,
    /// The actor ids of the document collected last.
    scratch: Vec<u32>,
    /// Per actor id: passages that mention it together with the target.
    pairs: FxHashMap<u32, u64>,
}

/// A passage-actor ordinal of the target's.
const TARGET: u32 = u32::MAX - 1;

impl PassagePairs {
    /// Counts the actors `doc` mentions with the target, each once.
    fn collect(&mut self, doc: DocId) {
        self.scratch.clear();
        let mut with_target = false;
        for ord in self.facets.facet_ords(doc) {
            match self.ids.get(ord as usize).copied() {
                Some(TARGET) => with_target = true,
                Some(NO_ACTOR) | None => {}
                Some(id) => self.scratch.push(id),
            }
        }
        if !with_target {
            return;
        }
        self.scratch.sort_unstable();
        self.scratch.dedup();
        for &id in &self.scratch {
            *self.pairs.entry(id).or_insert(0) += 1;
        }
    }
}

impl FactsCollector<'_, '_> {
    /// The segment's counter of passage co-mentions of the target, when there is one.
    fn passage_pairs(&self, reader: &SegmentReader) -> tantivy::Result<Option<PassagePairs>> {
        let Some(target) = &self.target else {
            return Ok(None);
        };
        let facets = reader.facet_reader(field_name::PASSAGE_ACTOR)?;
        let mut ids = self.ord_ids(reader, &facets, OrdField::PassageActor);
        for encoded in target {
            if let Some(ord) = facets.facet_dict().term_ord(encoded.as_bytes())? {
                if let Some(id) = ids.get_mut(ord as usize) {
                    *id = TARGET;
                }
            }
        }
        Ok(Some(PassagePairs {
            facets,
            ids,
            scratch: Vec::new(),
            pairs: FxHashMap::default(),
        }))
    }
}

impl Collector for FactsCollector<'_, '_> {
    type Fruit = MatchSet;
    type Child = SegmentFacts;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacts> {
        let fast = reader.fast_fields();
        let co_mentions = self.passage_pairs(reader)?;
        let actors = if self.actors {
            Some(reader.facet_reader(field_name::ACTOR)?)
        } else {
            None
        };
        let actor_ids = actors.as_ref().map_or_else(Vec::new, |facets| {
            self.ord_ids(reader, facets, OrdField::Actor)
        });
        Ok(SegmentFacts {
            segment,
            keys: fast.u64(field_name::ARTICLE_KEY)?,
            dates: fast.date(field_name::DATE)?,
            precisions: fast.u64(field_name::DATE_PRECISION)?,
            passages: fast.u64(field_name::PASSAGE)?,
            actors,
            actor_ids,
            co_mentions,
            facts: FxHashMap::default(),
            open: None,
            pool: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<MatchSet> {
        let mut set = MatchSet::default();
        for fruit in fruits {
            if set.articles.is_empty() {
                set.articles = fruit.facts;
                set.pool = fruit.pool;
            } else {
                let offset = set.pool.len() as u32;
                set.pool.extend_from_slice(&fruit.pool);
                for (key, mut fact) in fruit.facts {
                    match set.articles.get_mut(&key) {
                        // An article's passages may sit in several segments.
                        Some(existing) => {
                            if fact.best.beats(&existing.best) {
                                existing.best = fact.best;
                            }
                        }
                        None => {
                            fact.actors = fact.actors.start + offset..fact.actors.end + offset;
                            set.articles.insert(key, fact);
                        }
                    }
                }
            }
            for (id, count) in fruit.pairs {
                *set.passage_pairs.entry(id).or_insert(0) += count;
            }
        }
        Ok(set)
    }
}

/// What one segment hands back: its articles' facts (their actor ids in `pool`) and passage
/// co-mentions per actor id.
struct SegmentFruit {
    facts: FxHashMap<u64, ArticleFact>,
    pool: Vec<u32>,
    pairs: FxHashMap<u32, u64>,
}

/// Appends to `out` the actor ids of `doc`'s facets (`ids` per facet ordinal), each once: two
/// forms of one actor in an article count once. What `out` held before is left as it was.
fn push_distinct_actor_ids(facets: &FacetReader, ids: &[u32], doc: DocId, out: &mut Vec<u32>) {
    let first = out.len();
    out.extend(
        facets
            .facet_ords(doc)
            .filter_map(|ord| ids.get(ord as usize).copied())
            .filter(|&id| id != NO_ACTOR),
    );
    let added = &mut out[first..];
    added.sort_unstable();
    let mut kept = 0;
    for at in 0..added.len() {
        if at == 0 || added[at] != added[kept - 1] {
            added[kept] = added[at];
            kept += 1;
        }
    }
    out.truncate(first + kept);
}

impl SegmentFacts {
    /// The facts of the article of `doc`, met first with `best`: its date, and its actors
    /// (when gathered) added to the pool.
    fn new_fact(&mut self, doc: DocId, best: BestPassage) -> ArticleFact {
        let start = self.dates.first(doc).map(|d| d.into_timestamp_secs());
        let precision = self
            .precisions
            .first(doc)
            .and_then(DatePrecision::from_code)
            .unwrap_or(DatePrecision::Time);
        let first = self.pool.len();
        if let Some(facets) = &self.actors {
            push_distinct_actor_ids(facets, &self.actor_ids, doc, &mut self.pool);
        }
        ArticleFact {
            start,
            precision,
            actors: first as u32..self.pool.len() as u32,
            best,
        }
    }
}

impl SegmentCollector for SegmentFacts {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let key = self.keys.first(doc).unwrap_or(0);
        let best = BestPassage {
            score,
            passage: self.passages.first(doc).unwrap_or(0),
            address: DocAddress::new(self.segment, doc),
        };
        match &mut self.open {
            Some((open, fact)) if *open == key => {
                if best.beats(&fact.best) {
                    fact.best = best;
                }
            }
            _ => {
                if let Some((open, fact)) = self.open.take() {
                    self.facts.insert(open, fact);
                }
                let fact = match self.facts.remove(&key) {
                    Some(mut fact) => {
                        if best.beats(&fact.best) {
                            fact.best = best;
                        }
                        fact
                    }
                    None => self.new_fact(doc, best),
                };
                self.open = Some((key, fact));
            }
        }
        if let Some(co_mentions) = &mut self.co_mentions {
            co_mentions.collect(doc);
        }
    }

    fn harvest(mut self) -> SegmentFruit {
        if let Some((open, fact)) = self.open.take() {
            self.facts.insert(open, fact);
        }
        SegmentFruit {
            facts: self.facts,
            pool: self.pool,
            pairs: self.co_mentions.map(|c| c.pairs).unwrap_or_default(),
        }
    }
}

/// The canonical actor of every facet ordinal of a segment (`None`: not an actor), by
/// streaming its dictionary once (looking ordinals up one by one decompresses a dictionary
/// block each time, and dominated the cost); each raw form as it is without `names`.
fn facet_keys(reader: &FacetReader, names: Option<&ActorNames>) -> Vec<Option<ActorKey>> {
    let mut actors = vec![None; reader.num_facets()];
    let Ok(mut stream) = reader.facet_dict().stream() else {
        return actors;
    };
    while stream.advance() {
        let ord = stream.term_ord() as usize;
        let Some((kind, name)) = crate::schema::decode_actor_facet(stream.key()) else {
            continue;
        };
        if let Some(slot) = actors.get_mut(ord) {
            *slot = match names {
                Some(names) => names.key(kind, name),
                None => Some(ActorKey::Unseen(ActorRef::new(name, kind))),
            };
        }
    }
    actors
}

/// The collector that gathers facts (their actors too when `actors` is set) and passage
/// co-mentions of `target`, numbering the actors it meets in `ids`.
fn facts_collector<'c, 'a>(
    searcher: &'a Searcher,
    actors: bool,
    target: Option<&[ActorRef]>,
    ids: &'c Mutex<ActorIds<'a>>,
) -> Result<FactsCollector<'c, 'a>> {
    let tantivy_searcher = searcher.tantivy_searcher();
    let wanted = actors || target.is_some();
    let ords = if wanted { lock(ids).listed } else { None };
    let fields = [OrdField::Actor, OrdField::PassageActor];
    let all_listed = ords.is_some_and(|ords| {
        tantivy_searcher.segment_readers().iter().all(|segment| {
            fields
                .iter()
                .all(|&field| ords.segment(segment, field).is_some())
        })
    });
    // A segment the ordinals file does not list has every facet ordinal mapped: the table
    // read whole does that quicker than looking forms up in place, which reads a block per
    // form.
    let every_form = if wanted && !all_listed {
        Some(searcher.every_form_names()?)
    } else {
        None
    };
    Ok(FactsCollector {
        actors,
        ords,
        names: if wanted {
            Some(searcher.actor_names()?)
        } else {
            None
        },
        every_form,
        ids,
        target: target.map(|actors| {
            actors
                .iter()
                .map(|a| a.facet().encoded_str().to_string())
                .collect()
        }),
    })
}

/// Runs the request and gathers the facts of every matching article: its actors too when
/// `actors` is set, and passage co-mentions of `target`; the actors met are numbered in `ids`.
fn match_set<'a>(
    searcher: &'a Searcher,
    request: &SearchRequest,
    actors: bool,
    target: Option<&[ActorRef]>,
    ids: &Mutex<ActorIds<'a>>,
) -> Result<(MatchSet, SearchPlan)> {
    let mut request = request.clone();
    request.match_all = true;
    let built = searcher.plan(&request)?;
    let collector = facts_collector(searcher, actors, target, ids)?;
    let tantivy_searcher = searcher.tantivy_searcher();
    let mut set = tantivy_searcher.search(&*built.query, &collector)?;
    if request.stories {
        one_article_per_story(&mut set, searcher.copies()?)?;
    }
    Ok((set, built))
}

/// Articles in all and per actor id of a match set, and passage co-mentions of a target:
/// what co-occurrence scores need.
#[derive(Debug, Default)]
struct Tally {
    articles: u64,
    /// Per actor id: matching articles that mention it.
    counts: Vec<u64>,
    /// Per actor id: matching passages that mention it together with the target.
    passage_pairs: FxHashMap<u32, u64>,
}

impl Tally {
    /// The tally of a gathered match set.
    fn of_set(set: MatchSet, actors: usize) -> Tally {
        Tally {
            articles: set.articles.len() as u64,
            counts: actor_counts(&set, actors),
            passage_pairs: set.passage_pairs,
        }
    }

    /// Articles that mention actor `id`.
    fn count(&self, id: u32) -> u64 {
        self.counts.get(id as usize).copied().unwrap_or(0)
    }

    /// Adds `other` in.
    fn add(&mut self, other: Tally) {
        self.articles += other.articles;
        if self.counts.len() < other.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (id, count) in other.counts.into_iter().enumerate() {
            self.counts[id] += count;
        }
        for (id, count) in other.passage_pairs {
            *self.passage_pairs.entry(id).or_insert(0) += count;
        }
    }
}

/// Whether every filter of `request` holds for whole articles (no query words, no filter on
/// passages, every copy counted), so that an article matches exactly when its first passage
/// does: its matches are then tallied on first passages, without gathering facts.
fn article_level(request: &SearchRequest) -> bool {
    request.query.trim().is_empty()
        && request.in_passage.is_empty()
        && request.said_by.is_empty()
        && !request.stories
}

/// The tally of an [`article_level`] request: each matching first passage counts its
/// article's actors (every form of one actor once), each matching passage its co-mentions of
/// `target`; nothing is scored.
fn tally<'a>(
    searcher: &'a Searcher,
    request: &SearchRequest,
    target: Option<&[ActorRef]>,
    ids: &Mutex<ActorIds<'a>>,
) -> Result<Tally> {
    let mut request = request.clone();
    request.match_all = true;
    let built = searcher.plan(&request)?;
    let facts = facts_collector(searcher, true, target, ids)?;
    Ok(searcher
        .tantivy_searcher()
        .search(&*built.query, &TallyCollector { facts })?)
}

/// The tally of every live article, from the counts the ordinals file keeps per segment;
/// `None` when it does not hold them for every segment as it is now.
fn stored_tally(searcher: &Searcher, ords: &ActorOrds) -> Option<Tally> {
    let mut tally = Tally {
        counts: vec![0; ords.actors()],
        ..Tally::default()
    };
    for segment in searcher.tantivy_searcher().segment_readers() {
        let counts = ords.article_counts(segment)?;
        tally.articles += counts.articles;
        for (number, articles) in counts.actors() {
            *tally.counts.get_mut(number as usize)? += articles;
        }
    }
    Some(tally)
}

/// Tallies matches (see [`tally`]), actors numbered as [`FactsCollector`] numbers them.
struct TallyCollector<'c, 'a> {
    facts: FactsCollector<'c, 'a>,
}

/// One segment's tally.
struct SegmentTally {
    passages: Column<u64>,
    actors: FacetReader,
    /// Per actor facet ordinal, its actor id.
    actor_ids: Vec<u32>,
    co_mentions: Option<PassagePairs>,
    tally: Tally,
    /// The actor ids of the document collected last.
    scratch: Vec<u32>,
}

impl Collector for TallyCollector<'_, '_> {
    type Fruit = Tally;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let actors = reader.facet_reader(field_name::ACTOR)?;
        let actor_ids = self.facts.ord_ids(reader, &actors, OrdField::Actor);
        Ok(SegmentTally {
            passages: reader.fast_fields().u64(field_name::PASSAGE)?,
            actors,
            actor_ids,
            co_mentions: self.facts.passage_pairs(reader)?,
            tally: Tally::default(),
            scratch: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut tally = Tally::default();
        for fruit in fruits {
            tally.add(fruit);
        }
        Ok(tally)
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(co_mentions) = &mut self.co_mentions {
            co_mentions.collect(doc);
        }
        if self.passages.first(doc).unwrap_or(0) != 0 {
            return;
        }
        self.tally.articles += 1;
        self.scratch.clear();
        push_distinct_actor_ids(&self.actors, &self.actor_ids, doc, &mut self.scratch);
        for &id in &self.scratch {
            let id = id as usize;
            if id >= self.tally.counts.len() {
                self.tally.counts.resize(id + 1, 0);
            }
            self.tally.counts[id] += 1;
        }
    }

    fn harvest(mut self) -> Tally {
        if let Some(co_mentions) = self.co_mentions {
            self.tally.passage_pairs = co_mentions.pairs;
        }
        self.tally
    }
}

/// Keeps one article of each group of copies in the set: the group's first member (the
/// oldest) among those that match, so that a story counts once.
fn one_article_per_story(set: &mut MatchSet, groups: &CopyGroups) -> Result<()> {
    let mut kept: HashMap<usize, (usize, u64)> = HashMap::new();
    for &key in set.articles.keys() {
        let Some(group) = groups.group_of(key)? else {
            continue;
        };
        let StoryId::Group(at) = groups.story_of(key) else {
            continue;
        };
        let place = group
            .members
            .iter()
            .position(|m| m.key == key)
            .unwrap_or(usize::MAX);
        let entry = kept.entry(at).or_insert((place, key));
        if place < entry.0 {
            *entry = (place, key);
        }
    }
    set.articles.retain(|&key, _| match groups.story_of(key) {
        StoryId::Group(at) => kept.get(&at).is_some_and(|&(_, kept)| kept == key),
        StoryId::Alone(_) => true,
    });
    Ok(())
}

/// The groups of copies with a member that matches `request`; every group when the request
/// asks for nothing (no query words, no filter). Largest first.
pub fn copy_groups(searcher: &Searcher, request: &SearchRequest) -> Result<Vec<CopyGroup>> {
    let groups = searcher.copies()?;
    if request.is_empty() {
        return Ok(groups.groups()?.to_vec());
    }
    let matching = searcher.matching_articles(request)?;
    Ok(groups
        .groups()?
        .iter()
        .filter(|group| group.members.iter().any(|m| matching.contains(&m.key)))
        .cloned()
        .collect())
}

/// Actors of the matching articles, most articles first (ties by name), optionally of one kind.
pub fn top_actors(
    searcher: &Searcher,
    request: &SearchRequest,
    kind: Option<ActorKind>,
    top: usize,
) -> Result<Vec<ActorCount>> {
    let (_, ids, counts) = counted_actors(searcher, request)?;
    rank_actors(searcher, &ids, &counts, kind, top)
}

/// The match set of `request` with its actors numbered, and the articles counted per actor
/// number.
fn counted_actors<'a>(
    searcher: &'a Searcher,
    request: &SearchRequest,
) -> Result<(MatchSet, ActorIds<'a>, Vec<u64>)> {
    let ids = Mutex::new(ActorIds::new(searcher.actor_ords()?));
    let (set, _) = match_set(searcher, request, true, None, &ids)?;
    let ids = ids
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let counts = actor_counts(&set, ids.len());
    Ok((set, ids, counts))
}

/// The `top` actors (of `kind`) by their `counts`: most articles first, then by name, then
/// by kind. Only the actors that can make the top are named: those counted at least as often
/// as the last one that does.
fn rank_actors(
    searcher: &Searcher,
    ids: &ActorIds<'_>,
    counts: &[u64],
    kind: Option<ActorKind>,
    top: usize,
) -> Result<Vec<ActorCount>> {
    if top == 0 {
        return Ok(Vec::new());
    }
    let mut ranked: Vec<(u64, u32)> = counts
        .iter()
        .enumerate()
        .filter(|&(id, &count)| count > 0 && kind.is_none_or(|k| ids.kind(id as u32) == k))
        .map(|(id, &count)| (count, id as u32))
        .collect();
    if ranked.len() > top {
        ranked.select_nth_unstable_by(top - 1, |a, b| b.0.cmp(&a.0));
        let last = ranked[top - 1].0;
        ranked.retain(|&(count, _)| count >= last);
    }
    let chosen: Vec<u32> = ranked.iter().map(|&(_, id)| id).collect();
    let mut named: Vec<(u64, ActorRef)> = ranked
        .iter()
        .map(|&(count, _)| count)
        .zip(actors_named(searcher, ids, &chosen)?)
        .collect();
    named.sort_unstable_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.name.cmp(&b.1.name))
            .then_with(|| a.1.kind.as_str().cmp(b.1.kind.as_str()))
    });
    named.truncate(top);
    Ok(named
        .into_iter()
        .map(|(articles, actor)| ActorCount {
            name: actor.name,
            kind: actor.kind,
            articles,
            aliases: None,
        })
        .collect())
}

/// Fills in each actor's aliases: the registry's forms merged into it other than its own
/// name, forms of one name under several kinds added up, most articles first.
pub fn attach_aliases(searcher: &Searcher, actors: &mut [ActorCount]) -> Result<()> {
    let registry = searcher.registry()?;
    for actor in actors {
        let canonical = ActorRef::new(actor.name.clone(), actor.kind);
        let mut aliases: Vec<AliasCount> = Vec::new();
        if let Some(id) = registry.lookup(&actor.name).into_iter().find(|&id| {
            registry.actor(id).name == actor.name && registry.actor(id).kind == actor.kind
        }) {
            for form in &registry.actor(id).forms {
                if form.name == canonical.name {
                    continue;
                }
                match aliases.iter_mut().find(|alias| alias.name == form.name) {
                    Some(alias) => alias.articles += form.articles,
                    None => aliases.push(AliasCount {
                        name: form.name.clone(),
                        articles: form.articles,
                    }),
                }
            }
        }
        aliases.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.name.cmp(&b.name))
        });
        actor.aliases = Some(aliases);
    }
    Ok(())
}

/// Top actors of each kind and the date histogram of the whole match set.
pub fn facets(searcher: &Searcher, request: &SearchRequest, top: usize) -> Result<Facets> {
    let (set, ids, counts) = counted_actors(searcher, request)?;
    let mut actors = Vec::new();
    for kind in [
        ActorKind::Person,
        ActorKind::Org,
        ActorKind::Country,
        ActorKind::Place,
    ] {
        actors.extend(rank_actors(searcher, &ids, &counts, Some(kind), top)?);
    }
    let years: HashSet<i32> = set
        .articles
        .values()
        .filter_map(|f| f.start.and_then(to_date).map(|d| d.year()))
        .collect();
    let span = years
        .iter()
        .max()
        .zip(years.iter().min())
        .map(|(a, b)| a - b);
    let unit = if span.unwrap_or(0) > 20 {
        BucketUnit::Year
    } else {
        BucketUnit::Month
    };
    let (buckets, _, _) = bucket_counts(&set, unit);
    let dates = buckets
        .into_iter()
        .map(|(start, (count, _))| DateCount {
            bucket: bucket_label(start, unit),
            count,
        })
        .collect();
    Ok(Facets { actors, dates })
}

fn to_date(seconds: i64) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(seconds, 0).map(|d| d.date_naive())
}

/// The first day of the bucket that holds `date`.
pub fn bucket_start(date: NaiveDate, unit: BucketUnit) -> NaiveDate {
    match unit {
        BucketUnit::Day => date,
        BucketUnit::Week => date - Duration::days(i64::from(date.weekday().num_days_from_monday())),
        BucketUnit::Month => date.with_day(1).unwrap_or(date),
        BucketUnit::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
    }
}

/// The first day of the bucket after the one starting at `start`.
pub fn next_bucket(start: NaiveDate, unit: BucketUnit) -> NaiveDate {
    match unit {
        BucketUnit::Day => start + Duration::days(1),
        BucketUnit::Week => start + Duration::days(7),
        BucketUnit::Month => start
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX),
        BucketUnit::Year => start
            .checked_add_months(chrono::Months::new(12))
            .unwrap_or(NaiveDate::MAX),
    }
}

/// A bucket's label: `2022`, `2022-01`, `2022-W03` (ISO week) or `2022-01-03`.
pub fn bucket_label(start: NaiveDate, unit: BucketUnit) -> String {
    match unit {
        BucketUnit::Day => start.format("%Y-%m-%d").to_string(),
        BucketUnit::Week => {
            let week = start.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }
        BucketUnit::Month => start.format("%Y-%m").to_string(),
        BucketUnit::Year => start.format("%Y").to_string(),
    }
}

/// Whether a date of `precision` can be placed in a bucket of `unit`.
fn placeable(precision: DatePrecision, unit: BucketUnit) -> bool {
    match unit {
        BucketUnit::Year => true,
        BucketUnit::Month => precision != DatePrecision::Year,
        BucketUnit::Week | BucketUnit::Day => {
            matches!(precision, DatePrecision::Day | DatePrecision::Time)
        }
    }
}

/// Per bucket start: matching articles, and the best passages of those articles that tie for
/// the bucket's best (on score and date; [`first_shown`] picks one).
type BucketMap = std::collections::BTreeMap<NaiveDate, (u64, Vec<(Option<i64>, BestPassage)>)>;

/// Articles per bucket (with the best passages of each), undated and imprecise counts.
fn bucket_counts(set: &MatchSet, unit: BucketUnit) -> (BucketMap, u64, u64) {
    let mut buckets = BucketMap::new();
    let (mut undated, mut imprecise) = (0, 0);
    for fact in set.articles.values() {
        let Some(date) = fact.start.and_then(to_date) else {
            undated += 1;
            continue;
        };
        if !placeable(fact.precision, unit) {
            imprecise += 1;
            continue;
        }
        let (count, leaders) = buckets
            .entry(bucket_start(date, unit))
            .or_insert((0, Vec::new()));
        *count += 1;
        let candidate = (fact.start, fact.best);
        let standing = match leaders.first() {
            Some(leader) => shown_first(&standing(&candidate), &standing(leader)),
            None => Ordering::Less,
        };
        match standing {
            Ordering::Less => *leaders = vec![candidate],
            Ordering::Equal => leaders.push(candidate),
            Ordering::Greater => {}
        }
    }
    (buckets, undated, imprecise)
}

/// What a timeline counts: the articles that mention a known actor, or that match a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineTarget {
    /// A known actor, by its canonical name.
    Actor(String),
    /// Query text.
    Query(String),
}

/// Aims `request` at a timeline's target: a known actor (name or alias) means that actor; a
/// name several actors share is an error that lists them; anything else is a query.
pub fn aim_timeline(
    searcher: &Searcher,
    request: &mut SearchRequest,
    target: &str,
) -> Result<TimelineTarget> {
    match searcher.resolve_actor(target) {
        Ok(resolved) => {
            request.actor_forms.push(resolved.forms);
            Ok(TimelineTarget::Actor(resolved.actor.name))
        }
        Err(crate::Error::Search(SearchError::UnknownActor { .. })) => {
            request.query = target.to_string();
            Ok(TimelineTarget::Query(target.to_string()))
        }
        Err(err) => Err(err),
    }
}

/// What a caller shows of each bucket's best passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BestShown {
    /// The whole hit, its actors named (`timeline --json`, the server).
    Hit,
    /// Its headline alone (the text timeline): the hit's actors are left empty, since
    /// naming them is most of the work of showing a long timeline.
    Headline,
}

/// Matching articles per calendar bucket, each with its best passage, peaks marked.
pub fn timeline(
    searcher: &Searcher,
    request: &SearchRequest,
    unit: BucketUnit,
    best_shown: BestShown,
) -> Result<Timeline> {
    let (set, built) = match_set(searcher, request, false, None, &Mutex::default())?;
    let (counts, undated, imprecise) = bucket_counts(&set, unit);
    let shown = match best_shown {
        BestShown::Hit => Some(shown_names(searcher, counts.len())?),
        BestShown::Headline => None,
    };
    let mut buckets = Vec::new();
    if let (Some(first), Some(last)) = (counts.keys().next(), counts.keys().last()) {
        let (first, last) = (*first, *last);
        let mut start = first;
        while start <= last {
            let end = next_bucket(start, unit);
            let (count, best) = match counts.get(&start) {
                Some((count, leaders)) => (
                    *count,
                    first_shown(searcher, &built.highlighter, leaders, shown.as_ref())?,
                ),
                None => (0, None),
            };
            buckets.push(Bucket {
                bucket: bucket_label(start, unit),
                start: start.format("%Y-%m-%d").to_string(),
                end: end.format("%Y-%m-%d").to_string(),
                count,
                best,
                peak: false,
            });
            start = end;
        }
    }
    mark_peaks(&mut buckets);
    Ok(Timeline {
        buckets,
        undated,
        imprecise,
    })
}

/// The most passages shown at once whose actors are named by reading the table's lines one
/// by one; more are named from the table read whole.
const SHOWN_ONE_BY_ONE: usize = 24;

/// Marks as peaks the (at most three) highest buckets that stand out: above the mean plus one
/// standard deviation of all buckets, empty ones included.
fn mark_peaks(buckets: &mut [Bucket]) {
    if buckets.len() < 3 {
        return;
    }
    let n = buckets.len() as f64;
    let mean = buckets.iter().map(|b| b.count as f64).sum::<f64>() / n;
    let variance = buckets
        .iter()
        .map(|b| (b.count as f64 - mean).powi(2))
        .sum::<f64>()
        / n;
    let threshold = mean + variance.sqrt();
    let mut order: Vec<usize> = (0..buckets.len()).collect();
    order.sort_by(|&a, &b| buckets[b].count.cmp(&buckets[a].count).then(a.cmp(&b)));
    for index in order.into_iter().take(3) {
        if buckets[index].count as f64 > threshold {
            buckets[index].peak = true;
        }
    }
}

/// Actors seen with `actor` in the same passage and the same article, ranked by normalised PMI
/// over the articles in scope (those with at least `min_articles` shared articles), each with
/// one evidence passage.
pub fn cooccur(
    searcher: &Searcher,
    actor: &str,
    request: &SearchRequest,
    top: usize,
    min_articles: u64,
) -> Result<Vec<Cooccurrence>> {
    let target = searcher.resolve_actor(actor)?;
    let mut scoped = request.clone();
    scoped.actor_forms.push(target.forms.clone());
    let ords = searcher.actor_ords()?;
    let ids = Mutex::new(ActorIds::new(ords));
    // The base rates come from the same date range, without the actor or the query words.
    let base_request = SearchRequest {
        from: request.from,
        to: request.to,
        actors: request.actors.clone(),
        stories: request.stories,
        ..SearchRequest::default()
    };
    let (with_actor, base) = if article_level(request) {
        let with_actor = tally(searcher, &scoped, Some(&target.forms), &ids)?;
        let stored = ords
            .filter(|_| base_request.is_empty())
            .and_then(|ords| stored_tally(searcher, ords));
        let base = match stored {
            Some(base) => base,
            None => tally(searcher, &base_request, None, &ids)?,
        };
        (with_actor, base)
    } else {
        let (with_actor, _) = match_set(searcher, &scoped, true, Some(&target.forms), &ids)?;
        let (base, _) = match_set(searcher, &base_request, true, None, &ids)?;
        let actors = lock(&ids).len();
        (
            Tally::of_set(with_actor, actors),
            Tally::of_set(base, actors),
        )
    };
    let ids = ids
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let total = base.articles as f64;
    let n_actor = with_actor.articles as f64;
    if n_actor == 0.0 {
        return Ok(Vec::new());
    }
    let target_id = ids.find(&searcher.actor_names()?.actor_key(&target.actor));
    /// An actor seen with the target: its id, articles together, passages together, lift
    /// and NPMI.
    type Scored = (u32, u64, u64, f64, f64);
    let mut scored: Vec<Scored> = Vec::new();
    for (id, &articles) in with_actor.counts.iter().enumerate() {
        let id = id as u32;
        if articles < min_articles.max(1) || Some(id) == target_id {
            continue;
        }
        let n_other = base.count(id).max(articles) as f64;
        let total = total.max(1.0);
        let lift = (articles as f64 / n_actor) / (n_other / total);
        let p_both = articles as f64 / total;
        let npmi = if p_both >= 1.0 {
            1.0
        } else {
            lift.ln() / -p_both.ln()
        };
        let passages = with_actor.passage_pairs.get(&id).copied().unwrap_or(0);
        scored.push((id, articles, passages, lift, npmi));
    }
    // Highest NPMI first, then most passages, then most articles, then by name: only the
    // actors that can make the top are named.
    let order =
        |a: &Scored, b: &Scored| b.4.total_cmp(&a.4).then(b.2.cmp(&a.2)).then(b.1.cmp(&a.1));
    if top == 0 {
        return Ok(Vec::new());
    }
    if scored.len() > top {
        scored.select_nth_unstable_by(top - 1, order);
        let last = scored[top - 1];
        scored.retain(|candidate| order(candidate, &last) != Ordering::Greater);
    }
    let chosen: Vec<u32> = scored.iter().map(|candidate| candidate.0).collect();
    let named = actors_named(searcher, &ids, &chosen)?;
    let mut ranked: Vec<Cooccurrence> = scored
        .iter()
        .zip(named)
        .map(
            |(&(_, articles, passages, lift, npmi), other)| Cooccurrence {
                name: other.name,
                kind: other.kind,
                passages,
                articles,
                lift,
                npmi,
                evidence: None,
            },
        )
        .collect();
    ranked.sort_by(|a, b| {
        b.npmi
            .total_cmp(&a.npmi)
            .then(b.passages.cmp(&a.passages))
            .then(b.articles.cmp(&a.articles))
            .then(a.name.cmp(&b.name))
    });
    ranked.truncate(top);
    let names = searcher.actor_names()?;
    for co in &mut ranked {
        let other = names.forms_of(&ActorRef::new(co.name.clone(), co.kind));
        co.evidence = evidence(searcher, request, &target.forms, &other)?;
    }
    Ok(ranked)
}

/// The best passage that mentions both actors (each given as its raw facet forms), else the
/// best passage of an article that does, scored as a timeline's best passage is and chosen by
/// [`shown_first`].
fn evidence(
    searcher: &Searcher,
    request: &SearchRequest,
    actor: &[ActorRef],
    other: &[ActorRef],
) -> Result<Option<Hit>> {
    let mut both = request.clone();
    both.actor_forms.extend([actor.to_vec(), other.to_vec()]);
    let mut in_passage = both.clone();
    in_passage.in_passage = vec![actor.to_vec(), other.to_vec()];
    let shown = shown_names(searcher, 1)?;
    for attempt in [in_passage, both] {
        let (set, built) = match_set(searcher, &attempt, false, None, &Mutex::default())?;
        let candidates: Vec<(Option<i64>, BestPassage)> = set
            .articles
            .values()
            .map(|fact| (fact.start, fact.best))
            .collect();
        if let Some(hit) = first_shown(searcher, &built.highlighter, &candidates, Some(&shown))? {
            return Ok(Some(hit));
        }
    }
    Ok(None)
}

/// A source with the number of matching articles that come from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCount {
    /// The source, normalised (see [`crate::corpus::source_of`]).
    pub source: String,
    /// Matching articles from it.
    pub articles: u64,
}

/// Sources of the matching articles, most articles first (ties by name); `top` of them.
pub fn top_sources(
    searcher: &Searcher,
    request: &SearchRequest,
    top: usize,
) -> Result<Vec<SourceCount>> {
    let mut request = request.clone();
    request.match_all = true;
    let built = searcher.plan(&request)?;
    let per_segment = searcher
        .tantivy_searcher()
        .search(&*built.query, &SourcesCollector)?;
    let mut articles: HashMap<String, HashSet<u64>> = HashMap::new();
    for (sources, seen) in per_segment {
        for (ord, key) in seen {
            if let Some(source) = sources.get(ord as usize).and_then(Option::as_ref) {
                articles.entry(source.clone()).or_default().insert(key);
            }
        }
    }
    let mut ranked: Vec<SourceCount> = articles
        .into_iter()
        .map(|(source, keys)| SourceCount {
            source,
            articles: keys.len() as u64,
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.source.cmp(&b.source))
    });
    ranked.truncate(top);
    Ok(ranked)
}

/// Gathers, per segment, the (source ordinal, article key) of every matching passage, with
/// the segment's source names by ordinal.
struct SourcesCollector;

/// One segment's source names by facet ordinal (`None` for other facets), and the matching
/// (source ordinal, article key) pairs.
type SegmentSources = (Vec<Option<String>>, HashSet<(u64, u64)>);

struct SourcesSegment {
    facets: FacetReader,
    keys: Column<u64>,
    names: Vec<Option<String>>,
    seen: HashSet<(u64, u64)>,
}

impl Collector for SourcesCollector {
    type Fruit = Vec<SegmentSources>;
    type Child = SourcesSegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SourcesSegment> {
        let names = crate::search::segment_sources(reader)?;
        let facets = reader.facet_reader(field_name::SOURCE)?;
        Ok(SourcesSegment {
            facets,
            keys: reader.fast_fields().u64(field_name::ARTICLE_KEY)?,
            names,
            seen: HashSet::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentSources>) -> tantivy::Result<Vec<SegmentSources>> {
        Ok(fruits)
    }
}

impl SegmentCollector for SourcesSegment {
    type Fruit = SegmentSources;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(key) = self.keys.first(doc) else {
            return;
        };
        for ord in self.facets.facet_ords(doc) {
            self.seen.insert((ord, key));
        }
    }

    fn harvest(self) -> SegmentSources {
        (self.names, self.seen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn calendar_buckets() {
        let cases = [
            (
                "2022-01-05",
                BucketUnit::Week,
                "2022-01-03",
                "2022-W01",
                "2022-01-10",
            ),
            (
                "2022-01-02",
                BucketUnit::Week,
                "2021-12-27",
                "2021-W52",
                "2022-01-03",
            ),
            (
                "2022-02-28",
                BucketUnit::Month,
                "2022-02-01",
                "2022-02",
                "2022-03-01",
            ),
            (
                "2024-02-29",
                BucketUnit::Year,
                "2024-01-01",
                "2024",
                "2025-01-01",
            ),
            (
                "2022-01-31",
                BucketUnit::Day,
                "2022-01-31",
                "2022-01-31",
                "2022-02-01",
            ),
        ];
        for (date, unit, start, label, next) in cases {
            let s = bucket_start(day(date), unit);
            assert_eq!(s, day(start), "{date} {unit:?}");
            assert_eq!(bucket_label(s, unit), label);
            assert_eq!(next_bucket(s, unit), day(next));
        }
    }

    #[test]
    fn precision_decides_placement() {
        assert!(placeable(DatePrecision::Year, BucketUnit::Year));
        assert!(!placeable(DatePrecision::Year, BucketUnit::Month));
        assert!(!placeable(DatePrecision::Month, BucketUnit::Week));
        assert!(placeable(DatePrecision::Time, BucketUnit::Day));
    }

    #[test]
    fn equally_good_passages_are_shown_newest_then_by_path_id_and_ordinal() {
        let rank = |score, date, path, article_id, passage| PassageRank {
            score,
            date,
            path,
            article_id,
            passage,
        };
        let mut ranks = [
            rank(1.0, None, "a", "x", 0),
            rank(1.0, Some(5), "b", "x", 0),
            rank(1.0, Some(9), "b", "x", 2),
            rank(1.0, Some(9), "b", "x", 1),
            rank(1.0, Some(9), "a", "y", 0),
            rank(1.0, Some(9), "a", "x", 3),
            rank(2.0, Some(1), "z", "z", 7),
        ];
        ranks.sort_by(shown_first);
        let order: Vec<(Option<i64>, &str, &str, u64)> = ranks
            .iter()
            .map(|r| (r.date, r.path, r.article_id, r.passage))
            .collect();
        assert_eq!(
            order,
            [
                (Some(1), "z", "z", 7),
                (Some(9), "a", "x", 3),
                (Some(9), "a", "y", 0),
                (Some(9), "b", "x", 1),
                (Some(9), "b", "x", 2),
                (Some(5), "b", "x", 0),
                (None, "a", "x", 0),
            ]
        );
    }

    #[test]
    fn peaks_stand_out() {
        let mut buckets: Vec<Bucket> = [1, 1, 9, 1, 1, 1]
            .iter()
            .map(|&count| Bucket {
                bucket: String::new(),
                start: String::new(),
                end: String::new(),
                count,
                best: None,
                peak: false,
            })
            .collect();
        mark_peaks(&mut buckets);
        let peaks: Vec<bool> = buckets.iter().map(|b| b.peak).collect();
        assert_eq!(peaks, [false, false, true, false, false, false]);
    }
}
