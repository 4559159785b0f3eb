//! Every match in index order, unranked and unfolded, handed over one by one: `search --all`
//! and `export` stream result sets of any size through it.

use std::collections::HashSet;

use tantivy::query::EnableScoring;
use tantivy::{DocAddress, DocSet, TantivyDocument, TERMINATED};

use crate::error::Result;
use crate::search::{Hit, SearchPlan, SearchRequest, Searcher};

impl Searcher {
    /// Hands every passage that matches `request` to `each`, segment by segment in doc-id
    /// order (not ranked, copies not folded), with its passage score and its position as
    /// `rank`; with `per_article`, only the first matching passage of each article. Each
    /// document is read from the store as it is reached, so memory does not grow with the
    /// number of matches (with `per_article`, by a set of the articles seen: 8 bytes each).
    /// Returns the number handed over.
    pub fn for_each_match(
        &self,
        request: &SearchRequest,
        per_article: bool,
        mut each: impl FnMut(Hit) -> Result<()>,
    ) -> Result<u64> {
        let plan = self.plan(request)?;
        let names = if request.without_actors {
            None
        } else {
            Some(self.canonical_names()?)
        };
        let searcher = self.tantivy_searcher();
        self.for_each_document_in(
            &searcher,
            &plan,
            per_article,
            |document, address, _, handed, score| {
                let rank = usize::try_from(handed).unwrap_or(usize::MAX);
                each(match &names {
                    None => self.hit_with_actors(
                        document,
                        rank,
                        score,
                        &plan.highlighter,
                        crate::search::article::NO_ACTORS,
                    ),
                    Some(names) => self.hit_from_document(
                        &searcher,
                        document,
                        address,
                        rank,
                        score,
                        &plan.highlighter,
                        Some(names),
                    )?,
                })
            },
        )
    }

    /// Hands every live passage document that matches `plan` to `each`, in doc-id order, with
    /// its article's key, its position (from 1) and its score; with `per_article`, only the
    /// first of each article. Returns the number handed over.
    pub(crate) fn for_each_document(
        &self,
        plan: &SearchPlan,
        per_article: bool,
        mut each: impl FnMut(&TantivyDocument, u64, u64, f32) -> Result<()>,
    ) -> Result<u64> {
        let searcher = self.tantivy_searcher();
        self.for_each_document_in(
            &searcher,
            plan,
            per_article,
            |document, _, key, n, score| each(document, key, n, score),
        )
    }

    /// [`Self::for_each_document`] over `searcher`, each document with its address.
    fn for_each_document_in(
        &self,
        searcher: &tantivy::Searcher,
        plan: &SearchPlan,
        per_article: bool,
        mut each: impl FnMut(&TantivyDocument, DocAddress, u64, u64, f32) -> Result<()>,
    ) -> Result<u64> {
        let keys = self.columns(searcher)?;
        let weight = plan
            .query
            .weight(EnableScoring::enabled_from_searcher(searcher))?;
        let mut seen: HashSet<u64> = HashSet::new();
        let mut handed = 0u64;
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            let store = segment
                .get_store_reader(1)
                .map_err(tantivy::TantivyError::from)?;
            let alive = segment.alive_bitset();
            let mut scorer = weight.scorer(segment, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                let is_alive = alive.is_none_or(|bits| bits.is_alive(doc));
                let address = DocAddress::new(ordinal as u32, doc);
                let key = keys.get(address);
                if is_alive && (!per_article || seen.insert(key)) {
                    let document: TantivyDocument = store.get(doc)?;
                    handed += 1;
                    each(&document, address, key, handed, scorer.score())?;
                }
                doc = scorer.advance();
            }
        }
        Ok(handed)
    }
}
