//! Fast-field columns on the search side: grouping matches by article without fetching
//! documents.

use std::collections::HashSet;

use rustc_hash::FxHashSet;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::Result;
use crate::schema::field_name;
use crate::search::Searcher;

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
                .push(segment.fast_fields().u64(field_name::ARTICLE_KEY)?);
            columns
                .passage
                .push(segment.fast_fields().u64(field_name::PASSAGE)?);
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

/// Counts the matching passages and collects their distinct articles, for `--count` and the
/// server's `total`: one pass over every match, so the set is hashed with Fx (article keys are
/// FNV hashes already; SipHash's protection buys nothing here and cost most of the pass).
pub(super) struct MatchedArticles;

pub(super) struct MatchedArticlesSegment {
    column: Column<u64>,
    passages: u64,
    keys: FxHashSet<u64>,
}

impl Collector for MatchedArticles {
    type Fruit = (u64, FxHashSet<u64>);
    type Child = MatchedArticlesSegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<MatchedArticlesSegment> {
        Ok(MatchedArticlesSegment {
            column: reader.fast_fields().u64(field_name::ARTICLE_KEY)?,
            passages: 0,
            keys: FxHashSet::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(u64, FxHashSet<u64>)>,
    ) -> tantivy::Result<(u64, FxHashSet<u64>)> {
        let mut fruits = fruits.into_iter();
        let Some((mut passages, mut keys)) = fruits.next() else {
            return Ok((0, FxHashSet::default()));
        };
        for (more, fruit) in fruits {
            passages += more;
            keys.extend(fruit);
        }
        Ok((passages, keys))
    }
}

impl SegmentCollector for MatchedArticlesSegment {
    type Fruit = (u64, FxHashSet<u64>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.passages += 1;
        if let Some(key) = self.column.first(doc) {
            self.keys.insert(key);
        }
    }

    fn harvest(self) -> (u64, FxHashSet<u64>) {
        (self.passages, self.keys)
    }
}
