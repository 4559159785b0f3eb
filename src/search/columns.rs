//! Fast-field columns on the search side: grouping matches by article without fetching
//! documents.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::FxHashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::fastfield::FacetReader;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::actor_ords::OrdField;
use crate::copies::{CopyGroups, StoryId};
use crate::error::Result;
use crate::schema::field_name;
use crate::search::{ActorRef, Searcher};

/// Per-segment `article_key` and `passage` columns, to group hits by article and find an
/// article's first passage without fetching documents, and the actor facet columns a hit's
/// actors are read from. Opened once per searcher.
pub(crate) struct SegmentColumns {
    segments: Vec<tantivy::index::SegmentId>,
    article_key: Vec<Column<u64>>,
    passage: Vec<Column<u64>>,
    /// `actor` and `passage_actor` facet readers, by `OrdField`.
    facets: Vec<[FacetReader; 2]>,
    /// The canonical actor of each facet ordinal named so far, per segment and `OrdField`
    /// (`None`: not an actor): hits share many actors.
    facet_names: Vec<[Mutex<FacetNames>; 2]>,
}

/// Facet ordinals with the actors they are shown as.
pub(crate) type FacetNames = FxHashMap<u64, Option<ActorRef>>;

/// The most facet ordinals of one segment and field whose actors are remembered.
const FACET_NAMES_MAX: usize = 100_000;

impl SegmentColumns {
    fn new(searcher: &tantivy::Searcher) -> Result<SegmentColumns> {
        let mut columns = SegmentColumns {
            segments: Vec::new(),
            article_key: Vec::new(),
            passage: Vec::new(),
            facets: Vec::new(),
            facet_names: Vec::new(),
        };
        for segment in searcher.segment_readers() {
            columns.segments.push(segment.segment_id());
            columns
                .article_key
                .push(segment.fast_fields().u64(field_name::ARTICLE_KEY)?);
            columns
                .passage
                .push(segment.fast_fields().u64(field_name::PASSAGE)?);
            columns.facets.push([
                segment.facet_reader(field_name::ACTOR)?,
                segment.facet_reader(field_name::PASSAGE_ACTOR)?,
            ]);
            columns.facet_names.push(Default::default());
        }
        Ok(columns)
    }

    /// Whether these columns were opened on `searcher`'s segments.
    fn matches(&self, searcher: &tantivy::Searcher) -> bool {
        same_segments(searcher, &self.segments)
    }

    /// The article key of a passage.
    pub(crate) fn get(&self, address: DocAddress) -> u64 {
        self.article_key[address.segment_ord as usize]
            .first(address.doc_id)
            .unwrap_or(0)
    }

    /// The facet reader of `field` in segment `segment`.
    pub(crate) fn facets(&self, segment: SegmentOrdinal, field: OrdField) -> &FacetReader {
        &self.facets[segment as usize][field as usize]
    }

    /// The actors named so far of `field`'s facet ordinals in segment `segment` (emptied when
    /// it holds [`FACET_NAMES_MAX`]; a panic elsewhere while holding it leaves it usable).
    pub(crate) fn facet_names(
        &self,
        segment: SegmentOrdinal,
        field: OrdField,
    ) -> MutexGuard<'_, FacetNames> {
        let mut names = self.facet_names[segment as usize][field as usize]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if names.len() >= FACET_NAMES_MAX {
            names.clear();
        }
        names
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
pub(super) struct ArticleKeys;

pub(super) struct ArticleKeysSegment {
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
            column: reader.fast_fields().u64(field_name::ARTICLE_KEY)?,
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

/// Every passage's article and every article's group of copies as dense numbers, made once
/// per searcher (on first count): counting the articles and stories of a match set, which
/// `/api/search` does for every answer, is then setting bits, not hashing keys (it was most of
/// the answer's time). An article's passages are usually next to each other, so most are
/// numbered without a hash lookup.
pub(crate) struct ArticleNumbers {
    segments: Vec<tantivy::index::SegmentId>,
    /// Per segment, per document: its article's number (`NO_ARTICLE` without a key).
    article_of: Vec<Arc<[u32]>>,
    /// Per article number: the number of its group of copies (its place in
    /// [`CopyGroups::groups`]), or `ALONE`.
    group_of: Vec<u32>,
    /// Groups of copies.
    groups: usize,
}

/// Whether `segments` are `searcher`'s segments, in order: what a cache made for one
/// searcher checks before it serves another.
fn same_segments(searcher: &tantivy::Searcher, segments: &[tantivy::index::SegmentId]) -> bool {
    let readers = searcher.segment_readers();
    readers.len() == segments.len()
        && readers
            .iter()
            .zip(segments)
            .all(|(reader, id)| reader.segment_id() == *id)
}

/// Each article's group of copies by number, for the articles `keys` in order (`ALONE` for
/// an article without copies).
fn group_numbers(keys: &[u64], copies: &CopyGroups) -> Vec<u32> {
    keys.iter()
        .map(|&key| match copies.story_of(key) {
            StoryId::Group(at) => at as u32,
            StoryId::Alone(_) => ALONE,
        })
        .collect()
}

const NO_ARTICLE: u32 = u32::MAX;
const ALONE: u32 = u32::MAX;

impl ArticleNumbers {
    fn new(searcher: &tantivy::Searcher, copies: &CopyGroups) -> Result<ArticleNumbers> {
        let mut number_of: FxHashMap<u64, u32> = FxHashMap::default();
        let mut keys: Vec<u64> = Vec::new();
        let mut numbers = ArticleNumbers {
            segments: Vec::new(),
            article_of: Vec::new(),
            group_of: Vec::new(),
            groups: copies.group_count(),
        };
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64(field_name::ARTICLE_KEY)?;
            let mut article_of = Vec::with_capacity(segment.max_doc() as usize);
            let mut previous: Option<(u64, u32)> = None;
            for doc in 0..segment.max_doc() {
                let Some(key) = column.first(doc) else {
                    article_of.push(NO_ARTICLE);
                    continue;
                };
                let number = match previous {
                    Some((last, number)) if last == key => number,
                    _ => *number_of.entry(key).or_insert_with(|| {
                        keys.push(key);
                        (keys.len() - 1) as u32
                    }),
                };
                previous = Some((key, number));
                article_of.push(number);
            }
            numbers.segments.push(segment.segment_id());
            numbers.article_of.push(article_of.into());
        }
        numbers.group_of = group_numbers(&keys, copies);
        Ok(numbers)
    }

    /// Whether these numbers were made for `searcher`'s segments.
    fn matches(&self, searcher: &tantivy::Searcher) -> bool {
        same_segments(searcher, &self.segments)
    }

    /// The articles and the stories (as [`CopyGroups::story_of`] tells them apart: each group
    /// of copies once, each other article once) among the articles set in `articles`.
    fn counts(&self, articles: &[u64]) -> (u64, u64) {
        let mut groups_seen = vec![0u64; self.groups.div_ceil(64)];
        let (mut count, mut stories) = (0, 0);
        for (word_at, &word) in articles.iter().enumerate() {
            count += u64::from(word.count_ones());
            let mut bits = word;
            while bits != 0 {
                let article = word_at * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                match self.group_of[article] {
                    ALONE => stories += 1,
                    group => {
                        let (at, bit) = (group as usize / 64, 1u64 << (group % 64));
                        if groups_seen[at] & bit == 0 {
                            groups_seen[at] |= bit;
                            stories += 1;
                        }
                    }
                }
            }
        }
        (count, stories)
    }
}

/// Counts the matching passages and marks their articles, by [`ArticleNumbers`].
pub(super) struct MatchedArticles(pub Arc<ArticleNumbers>);

pub(super) struct MatchedArticlesSegment {
    article_of: Arc<[u32]>,
    passages: u64,
    articles: Vec<u64>,
}

impl Collector for MatchedArticles {
    /// Matching passages, and a bit per article number.
    type Fruit = (u64, Vec<u64>);
    type Child = MatchedArticlesSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<MatchedArticlesSegment> {
        Ok(MatchedArticlesSegment {
            article_of: self.0.article_of[segment as usize].clone(),
            passages: 0,
            articles: vec![0; self.0.group_of.len().div_ceil(64)],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(u64, Vec<u64>)>) -> tantivy::Result<(u64, Vec<u64>)> {
        let mut all = (0, vec![0; self.0.group_of.len().div_ceil(64)]);
        for (passages, articles) in fruits {
            all.0 += passages;
            for (into, word) in all.1.iter_mut().zip(articles) {
                *into |= word;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for MatchedArticlesSegment {
    type Fruit = (u64, Vec<u64>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.passages += 1;
        if let Some(&article) = self.article_of.get(doc as usize) {
            if article != NO_ARTICLE {
                self.articles[article as usize / 64] |= 1u64 << (article % 64);
            }
        }
    }

    fn harvest(self) -> (u64, Vec<u64>) {
        (self.passages, self.articles)
    }
}

impl Searcher {
    /// The matching articles, stories and passages of `query` on `searcher`: one pass over
    /// every match.
    pub(crate) fn count_matches(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn tantivy::query::Query,
    ) -> Result<crate::search::MatchCounts> {
        let numbers = self.article_numbers(searcher)?;
        let (passages, articles) = searcher.search(query, &MatchedArticles(numbers.clone()))?;
        let (articles, stories) = numbers.counts(&articles);
        Ok(crate::search::MatchCounts {
            articles,
            stories,
            passages,
        })
    }

    /// The [`ArticleNumbers`] of `searcher`'s segments: cached for the searcher this index was
    /// opened with (its reader never reloads), made afresh for any other.
    fn article_numbers(&self, searcher: &tantivy::Searcher) -> Result<Arc<ArticleNumbers>> {
        if let Some(cached) = self.article_numbers.get() {
            if cached.matches(searcher) {
                return Ok(cached.clone());
            }
        }
        let numbers = Arc::new(ArticleNumbers::new(searcher, self.copies()?)?);
        if self.article_numbers.get().is_none() {
            let _ = self.article_numbers.set(numbers.clone());
        }
        Ok(numbers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::{CopyGroup, CopyMember, StoryId};

    fn group(keys: &[u64]) -> CopyGroup {
        CopyGroup {
            members: keys
                .iter()
                .map(|&key| CopyMember {
                    key,
                    article_id: format!("a{key}"),
                    path: "wire.jsonl".to_string(),
                    line: None,
                    title: String::new(),
                    date: None,
                    date_display: None,
                    source: "wire".to_string(),
                })
                .collect(),
        }
    }

    /// Numbers for articles `keys` (article number = place in `keys`) and `copies`.
    fn numbers(keys: &[u64], copies: &CopyGroups) -> ArticleNumbers {
        ArticleNumbers {
            segments: Vec::new(),
            article_of: Vec::new(),
            group_of: group_numbers(keys, copies),
            groups: copies.group_count(),
        }
    }

    #[test]
    fn stories_count_each_group_once_and_every_other_article() {
        // 70 groups of three, so that group numbers run past one 64-bit word, and 100 articles
        // of their own.
        let groups: Vec<CopyGroup> = (0..70u64)
            .map(|g| group(&[1000 + 3 * g, 1001 + 3 * g, 1002 + 3 * g]))
            .collect();
        let copies = CopyGroups::from_groups(groups);
        let keys: Vec<u64> = (1000..1210).chain(1..101).collect();
        let numbers = numbers(&keys, &copies);
        let sets: Vec<Vec<u64>> = vec![
            vec![],
            vec![1, 2, 3],
            vec![1000, 1001, 1002],
            vec![1000, 1003, 1, 1001],
            (1000..1210).collect(),
            (1190..1210).chain([5, 6, 100]).collect(),
        ];
        for set in sets {
            let mut bits = vec![0u64; keys.len().div_ceil(64)];
            for key in &set {
                let at = keys.iter().position(|k| k == key).unwrap();
                bits[at / 64] |= 1 << (at % 64);
            }
            let stories: std::collections::HashSet<StoryId> =
                set.iter().map(|&key| copies.story_of(key)).collect();
            assert_eq!(
                numbers.counts(&bits),
                (set.len() as u64, stories.len() as u64),
                "{set:?}"
            );
        }
        let without_copies = super::tests::numbers(&keys, &CopyGroups::default());
        let mut bits = vec![0u64; keys.len().div_ceil(64)];
        bits[0] = 0b1011;
        assert_eq!(without_copies.counts(&bits), (3, 3));
    }
}
