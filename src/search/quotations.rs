//! The quotations of one speaker: the passages they are quoted in, searched with the
//! request's query and filters, cut into one record per quotation. `newsdex quotes` and
//! `/api/quotes` both list these.

use serde::Serialize;

use super::{SearchRequest, Searcher, SortOrder};
use crate::Result;

/// Passages read per quotation wanted (a passage may hold none of the speaker's after copies
/// are folded, or several of them).
const PASSAGES_PER_QUOTE: usize = 2;

/// One quotation and the article it was printed in.
#[derive(Debug, Clone, Serialize)]
pub struct Quotation {
    /// The speaker, by canonical name.
    pub speaker: String,
    /// The quoted words.
    pub text: String,
    /// The reporting verb or phrase, if any.
    pub cue: Option<String>,
    /// The article's id.
    pub article_id: String,
    /// The article's file.
    pub path: String,
    /// The article's date as shown, if it has one.
    pub date: Option<String>,
    /// The article's title.
    pub title: String,
    /// The article's source.
    pub source: String,
}

/// Up to `limit` quotations of `speaker` (any name or alias of the actor) in the passages that
/// match `request` (its query and filters; its sort, limit and speaker are set here): best
/// first with a query, newest first without. An unknown speaker is the same error as an
/// unknown `--said-by`.
pub fn quotations(
    searcher: &Searcher,
    mut request: SearchRequest,
    speaker: &str,
    limit: usize,
) -> Result<Vec<Quotation>> {
    request.sort = if request.query.trim().is_empty() {
        SortOrder::DateNewest
    } else {
        SortOrder::Relevance
    };
    request.said_by = vec![speaker.to_string()];
    request.limit = limit.saturating_mul(PASSAGES_PER_QUOTE).max(limit);
    request.per_article = 1000;
    let results = searcher.search(&request)?;
    let quotations = results
        .hits
        .into_iter()
        .flat_map(|hit| {
            let said = hit.said;
            let article_id = hit.article_id;
            let path = hit.path;
            let date = hit.date_display;
            let title = hit.title;
            let source = hit.source;
            said.into_iter().map(move |quote| Quotation {
                speaker: quote.speaker,
                text: quote.text,
                cue: quote.cue,
                article_id: article_id.clone(),
                path: path.clone(),
                date: date.clone(),
                title: title.clone(),
                source: source.clone(),
            })
        })
        .take(limit)
        .collect();
    Ok(quotations)
}
