//! Reading stored passages back: a hit from its document, the passages around it, and a whole
//! article reassembled for `show`.

use std::collections::HashMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, TantivyDocument, Term};

use crate::actor_ords::OrdField;
use crate::error::Result;
use crate::schema::Fields;
use crate::search::actors::{column_actors, ActorRef};
use crate::search::{
    query, CanonicalNames, FullArticle, Highlighter, Hit, PassageText, SearchError, Searcher,
};

/// The article's and the passage's actors of a hit whose output shows none
/// ([`crate::search::SearchRequest::without_actors`]).
pub(crate) const NO_ACTORS: (Vec<ActorRef>, Vec<ActorRef>) = (Vec::new(), Vec::new());

impl Searcher {
    /// A hit from the stored document of the passage at `address` in `searcher`, its actors
    /// read from their facet columns under their canonical names (as indexed when no `names`
    /// are given).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn hit_from_document(
        &self,
        searcher: &tantivy::Searcher,
        document: &TantivyDocument,
        address: DocAddress,
        rank: usize,
        score: f32,
        highlighter: &Highlighter,
        names: Option<&CanonicalNames<'_>>,
    ) -> Result<Hit> {
        let actors = (
            column_actors(self, searcher, address, OrdField::Actor, names)?,
            column_actors(self, searcher, address, OrdField::PassageActor, names)?,
        );
        Ok(self.hit_with_actors(document, rank, score, highlighter, actors))
    }

    /// A hit from a passage's stored document with its article's and its passage's actors
    /// given (none, where a caller does not show them).
    pub(crate) fn hit_with_actors(
        &self,
        document: &TantivyDocument,
        rank: usize,
        score: f32,
        highlighter: &Highlighter,
        (actors, passage_actors): (Vec<ActorRef>, Vec<ActorRef>),
    ) -> Hit {
        let f = &self.fields;
        let text = get_str(document, f.text).to_string();
        let (source, lang) = stored_source_and_lang(document, f);
        let highlights = highlighter.ranges_in(&lang, &text);
        let (date, date_display) = match crate::schema::stored_date(document, f) {
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
            source,
            lang,
            line,
            actors,
            passage_actors,
            text,
            highlights,
            span: (
                get_u64(document, f.start).unwrap_or(0),
                get_u64(document, f.end).unwrap_or(0),
            ),
            before: Vec::new(),
            after: Vec::new(),
            copies: Vec::new(),
            said: Vec::new(),
        }
    }

    /// All passages of one article, in order.
    pub(super) fn article_passages(
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

    /// Adds the passages within `context` of the hit's passage, before and after it.
    pub(super) fn attach_context(
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
                highlights: highlighter.ranges_in(&hit.lang, &text),
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
                return Err(SearchError::NoSuchArticle {
                    article_id: article_id.to_string(),
                    path: path.map(str::to_string),
                }
                .into())
            }
            1 => *by_key.keys().next().expect("one key"),
            _ => {
                let mut paths: Vec<String> = Vec::new();
                for address in by_key.values() {
                    let document: TantivyDocument = searcher.doc(*address)?;
                    paths.push(get_str(&document, self.fields.path).to_string());
                }
                paths.sort();
                return Err(SearchError::ArticleInSeveralFiles {
                    article_id: article_id.to_string(),
                    paths,
                }
                .into());
            }
        };
        let documents = self.article_passages(&searcher, key)?;
        let first = documents.first().expect("an article has a passage");
        let (source, lang) = stored_source_and_lang(first, &self.fields);
        let languages: Vec<String> = (lang != crate::lang::ENGLISH)
            .then(|| lang.clone())
            .into_iter()
            .collect();
        let compiled = query::compile_in(
            &query::parse_query(query),
            &self.fields,
            self.fields.body,
            &languages,
        );
        let highlighter = Highlighter::for_query(compiled);
        let (date, date_display) = match crate::schema::stored_date(first, &self.fields) {
            Some(date) => (Some(date.to_rfc3339()), Some(date.display())),
            None => (None, None),
        };
        Ok(FullArticle {
            article_id: get_str(first, self.fields.article_id).to_string(),
            path: get_str(first, self.fields.path).to_string(),
            source,
            date,
            date_display,
            title: get_str(first, self.fields.title).to_string(),
            // An article's actors are on each of its passages: any one of them tells.
            actors: column_actors(
                self,
                &searcher,
                by_key[&key],
                OrdField::Actor,
                Some(&self.canonical_names()?),
            )?,
            lang: lang.clone(),
            passages: documents
                .iter()
                .map(|d| {
                    let text = get_str(d, self.fields.text).to_string();
                    PassageText {
                        passage: get_u64(d, self.fields.passage).unwrap_or(0),
                        highlights: highlighter.ranges_in(&lang, &text),
                        text,
                    }
                })
                .collect(),
        })
    }
}

/// A stored text field: as given, or the text of tokens given for a language other than
/// English (see `indexer::documents`).
pub(super) fn get_str(
    document: &TantivyDocument,
    field: tantivy::schema::Field,
) -> std::borrow::Cow<'_, str> {
    let Some(value) = document.get_first(field) else {
        return "".into();
    };
    match value.as_str() {
        Some(text) => text.into(),
        None => value
            .as_pre_tokenized_text()
            .map_or_else(String::new, |pre| pre.text)
            .into(),
    }
}

fn get_u64(document: &TantivyDocument, field: tantivy::schema::Field) -> Option<u64> {
    document.get_first(field).and_then(|v| v.as_u64())
}

/// The source (empty for none) and the language (English for none) stored with a passage, in
/// one pass over its values.
fn stored_source_and_lang(document: &TantivyDocument, fields: &Fields) -> (String, String) {
    let (mut source, mut lang) = (None, None);
    for (field, value) in document.field_values() {
        if field == fields.source && source.is_none() {
            source = value
                .as_facet()
                .and_then(|encoded| crate::schema::decode_source_facet(encoded.as_bytes()));
        } else if field == fields.lang && lang.is_none() {
            lang = value
                .as_facet()
                .and_then(|encoded| crate::schema::decode_lang_facet(encoded.as_bytes()));
        }
    }
    (
        source.unwrap_or_default().to_string(),
        lang.unwrap_or(crate::lang::ENGLISH).to_string(),
    )
}

/// Adds to a hit the quotations of its passage by any of `speakers` (stored at index time),
/// and highlights them in its text.
pub(super) fn attach_said(
    hit: &mut Hit,
    document: &TantivyDocument,
    fields: &crate::schema::Fields,
    speakers: &[super::ResolvedActor],
) {
    let offset = hit.span.0 as usize;
    for quote in crate::schema::decode_quotes(&get_str(document, fields.quotes)) {
        let Some(kind) = crate::actors::ActorKind::parse(&quote.kind) else {
            continue;
        };
        let raw = crate::search::ActorRef::new(quote.speaker.as_str(), kind);
        let Some(speaker) = speakers.iter().find(|s| s.forms.contains(&raw)) else {
            continue;
        };
        let start = quote.start.saturating_sub(offset).min(hit.text.len());
        let end = quote.end.saturating_sub(offset).min(hit.text.len());
        let Some(text) = hit.text.get(start..end) else {
            continue;
        };
        hit.said.push(super::SaidQuote {
            speaker: speaker.actor.name.clone(),
            text: text.to_string(),
            cue: quote.cue.clone(),
            span: (quote.start, quote.end),
        });
        hit.highlights.push((start, end));
    }
    hit.highlights.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(hit.highlights.len());
    for (start, end) in hit.highlights.drain(..) {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    hit.highlights = merged;
}
