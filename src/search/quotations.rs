//! The quotations of one speaker: the passages they are quoted in, searched with the
//! request's query and filters, cut into one record per quotation. `newsdex quotes` and
//! `/api/quotes` both list these. And who is quoted most on a query (`actors --quoted`).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{ActorRef, SearchRequest, Searcher, SortOrder};
use crate::actors::ActorKind;
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

/// A speaker and how much the matching passages quote them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuotedCount {
    /// The speaker's canonical name.
    pub name: String,
    /// person or org (or country, for a government's statement).
    pub kind: ActorKind,
    /// Quotations of theirs in the matching passages.
    pub quotes: u64,
    /// Matching articles that quote them.
    pub articles: u64,
}

/// The `top` speakers most quoted in the passages that match `request` (every match, not a
/// ranked page): the attributed quotations stored with each passage, speakers under their
/// canonical names, of `kind` when given; most quotations first, then most articles, then by
/// name.
pub fn top_quoted(
    searcher: &Searcher,
    request: &SearchRequest,
    kind: Option<ActorKind>,
    top: usize,
) -> Result<Vec<QuotedCount>> {
    let mut request = request.clone();
    request.match_all = true;
    let plan = searcher.plan(&request)?;
    let names = searcher.canonical_names()?;
    let field = searcher.fields().quotes;
    let mut counts: HashMap<ActorRef, (u64, HashSet<u64>)> = HashMap::new();
    searcher.for_each_document(&plan, false, |document, key, _, _| {
        let stored = super::article::get_str(document, field);
        for quote in crate::schema::decode_quotes(&stored) {
            let Some(raw_kind) = ActorKind::parse(&quote.kind) else {
                continue;
            };
            let raw = ActorRef::new(quote.speaker, raw_kind);
            let speaker = names.canonical(&raw).unwrap_or(raw);
            if kind.is_some_and(|k| k != speaker.kind) {
                continue;
            }
            let entry = counts.entry(speaker).or_default();
            entry.0 += 1;
            entry.1.insert(key);
        }
        Ok(())
    })?;
    let mut ranked: Vec<QuotedCount> = counts
        .into_iter()
        .map(|(actor, (quotes, articles))| QuotedCount {
            name: actor.name,
            kind: actor.kind,
            quotes,
            articles: articles.len() as u64,
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.quotes
            .cmp(&a.quotes)
            .then(b.articles.cmp(&a.articles))
            .then_with(|| a.name.cmp(&b.name))
    });
    ranked.truncate(top);
    Ok(ranked)
}
