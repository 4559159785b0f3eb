//! The page of hits: the best passages, at most `per_article` of one article, in any order.
//!
//! Both orders (relevance and date) rank a pool of candidates and then cap each article; when
//! one article owns most of the pool the cap empties it, so the pool is widened until the page
//! is full or every match has been seen. This is the one place that rule lives.

use std::collections::HashMap;

use tantivy::{DocAddress, Score};

use crate::copies::{CopyGroups, StoryId};
use crate::error::Result;

/// A ranked candidate: its score, its address and its article's key.
pub(crate) type Candidate = (Score, DocAddress, u64);

/// How much a pool grows when the per-article cap left the page short.
const WIDEN_BY: usize = 4;

/// What a page asks for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageSize<'a> {
    /// Passages wanted (offset and limit together).
    pub wanted: usize,
    /// At most this many passages of one article (at least 1).
    pub per_article: usize,
    /// One article per story: of a group of copies, only the best-ranked member's passages.
    pub fold: Option<&'a CopyGroups>,
}

/// The first `wanted` candidates of `ranked` (best first), at most `per_article` of one article.
pub(crate) fn cap_per_article(
    ranked: impl IntoIterator<Item = Candidate>,
    size: PageSize,
) -> Vec<(Score, DocAddress)> {
    let per_article = size.per_article.max(1);
    let mut per_key: HashMap<u64, usize> = HashMap::new();
    let mut shown_of_story: HashMap<StoryId, u64> = HashMap::new();
    let mut chosen = Vec::with_capacity(size.wanted);
    if size.wanted == 0 {
        return chosen;
    }
    for (score, address, key) in ranked {
        if let Some(groups) = size.fold {
            let shown = *shown_of_story.entry(groups.story_of(key)).or_insert(key);
            if shown != key {
                continue;
            }
        }
        let seen = per_key.entry(key).or_insert(0);
        if *seen < per_article {
            *seen += 1;
            chosen.push((score, address));
            if chosen.len() == size.wanted {
                break;
            }
        }
    }
    chosen
}

/// The page of `size` from pools of candidates: `rank(pool)` returns the best `pool`
/// candidates, best first (fewer when fewer match). It is called with `first_pool`, then with
/// wider pools while the per-article cap leaves the page short, until the page is full, the
/// matches are exhausted or the pool covers all `documents`.
pub(crate) fn top_per_article(
    size: PageSize,
    first_pool: usize,
    documents: usize,
    mut rank: impl FnMut(usize) -> Result<Vec<Candidate>>,
) -> Result<Vec<(Score, DocAddress)>> {
    if size.wanted == 0 {
        return Ok(Vec::new());
    }
    let documents = documents.max(1);
    let mut pool = first_pool.clamp(1, documents);
    loop {
        let ranked = rank(pool)?;
        let exhausted = ranked.len() < pool;
        let chosen = cap_per_article(ranked, size);
        if chosen.len() == size.wanted || exhausted || pool >= documents {
            return Ok(chosen);
        }
        pool = pool.saturating_mul(WIDEN_BY).min(documents);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Candidates best first: article `key` for each of `keys`, scores descending.
    fn ranked(keys: &[u64]) -> Vec<Candidate> {
        keys.iter()
            .enumerate()
            .map(|(n, &key)| (100.0 - n as f32, DocAddress::new(0, n as u32), key))
            .collect()
    }

    #[test]
    fn cap_keeps_at_most_per_article_in_order() {
        let size = PageSize {
            wanted: 3,
            per_article: 1,
            fold: None,
        };
        let chosen = cap_per_article(ranked(&[7, 7, 8, 7, 9, 10]), size);
        let docs: Vec<u32> = chosen.iter().map(|(_, a)| a.doc_id).collect();
        assert_eq!(docs, [0, 2, 4]);
    }

    fn member(key: u64) -> crate::copies::CopyMember {
        crate::copies::CopyMember {
            key,
            article_id: key.to_string(),
            path: "p".to_string(),
            line: None,
            title: String::new(),
            date: None,
            date_display: None,
            source: String::new(),
        }
    }

    #[test]
    fn folding_keeps_the_best_ranked_member_of_a_story_and_fills_the_page() {
        let groups = CopyGroups::from_groups(vec![crate::copies::CopyGroup {
            members: vec![member(8), member(7), member(9)],
        }]);
        let size = PageSize {
            wanted: 3,
            per_article: 2,
            fold: Some(&groups),
        };
        let chosen = cap_per_article(ranked(&[7, 8, 7, 9, 7, 10, 11]), size);
        let docs: Vec<u32> = chosen.iter().map(|(_, a)| a.doc_id).collect();
        assert_eq!(docs, [0, 2, 5]);
    }

    #[test]
    fn the_pool_widens_until_the_page_is_full() {
        // One article owns the first 50 matches, then 20 articles have one each.
        let mut keys = vec![1; 50];
        keys.extend(2..22);
        let all = ranked(&keys);
        let mut pools = Vec::new();
        let size = PageSize {
            wanted: 10,
            per_article: 1,
            fold: None,
        };
        let chosen = top_per_article(size, 30, all.len(), |pool| {
            pools.push(pool);
            Ok(all.iter().copied().take(pool).collect())
        })
        .unwrap();
        assert_eq!(chosen.len(), 10);
        assert_eq!(pools, [30, 70]);
    }

    #[test]
    fn the_pool_stops_widening_when_the_matches_are_exhausted() {
        let all = ranked(&[1, 1, 1, 2]);
        let mut calls = 0;
        let size = PageSize {
            wanted: 10,
            per_article: 1,
            fold: None,
        };
        let chosen = top_per_article(size, 3, 1000, |pool| {
            calls += 1;
            Ok(all.iter().copied().take(pool).collect())
        })
        .unwrap();
        assert_eq!(chosen.len(), 2);
        assert_eq!(calls, 2);
    }
}
