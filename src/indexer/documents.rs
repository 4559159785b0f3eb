//! One article in, its passage documents out: the passages, the article-level fields repeated
//! on each, the actors of the article and of each passage.
//!
//! An article's language decides how its text is analysed: English text goes to the fields as
//! text (their analyzer is English); text in another language goes as tokens its own analyzer
//! made (`schema::analyzer_for`), and has no actors (the extractor knows English only).

use tantivy::TantivyDocument;

use crate::actors::{ActorKind, Extractor};
use crate::corpus::{self, Article, Warning};
use crate::guard::recover;
use crate::lang;
use crate::quotes;
use crate::schema::{self, to_tantivy_date, Fields};

/// Articles of up to this many bytes of text are handed to the writer as one batch.
pub const CONTIGUOUS_BYTES: usize = 8 * 1024;

/// [`article_documents_with`], with a bug in actor extraction or passage splitting turned
/// into a warning about that one article instead of the end of the run: the article is then
/// indexed without actors (or, failing that too, skipped).
pub(super) fn guarded_documents(
    article: &Article,
    fields: &Fields,
    extractor: Option<&Extractor>,
) -> (Vec<TantivyDocument>, Option<Warning>) {
    let warn = |message: &str| Warning {
        path: article.path.clone(),
        line: article.line,
        message: message.to_string(),
    };
    if let Ok(documents) = recover(|| article_documents_with(article, fields, extractor)) {
        return (documents, None);
    }
    match recover(|| article_documents_with(article, fields, None)) {
        Ok(documents) => (
            documents,
            Some(warn(
                "internal error in actor extraction; indexed without actors",
            )),
        ),
        Err(_) => (
            Vec::new(),
            Some(warn("internal error while splitting the article; skipped")),
        ),
    }
}

/// Builds the tantivy documents of one article, one per passage, with the actors `extractor`
/// finds (none without one, and none in an article that is not in English).
pub fn article_documents_with(
    article: &Article,
    fields: &Fields,
    extractor: Option<&Extractor>,
) -> Vec<TantivyDocument> {
    let language = lang::detect(&article.title, &article.body);
    let mut analyzed = (language != lang::ENGLISH).then(|| schema::analyzer_for(language));
    let mut add_analysed = |document: &mut TantivyDocument, field, text: &str| match &mut analyzed {
        Some(analyzer) => {
            document.add_pre_tokenized_text(field, schema::pre_tokenized(analyzer, text))
        }
        None => document.add_text(field, text),
    };
    let extractor = extractor.filter(|_| language == lang::ENGLISH);
    let mut passages = corpus::split_passages(&article.body);
    let body_is_title = passages.is_empty();
    if body_is_title {
        // A headline-only article is still findable: its one passage is the title.
        passages.push(corpus::Passage {
            ordinal: 0,
            start: 0,
            end: 0,
        });
    }
    let actors = extractor.map_or_else(Vec::new, |extractor| {
        extractor.extract(&article.title, &article.body)
    });
    let quotations = if extractor.is_some() {
        quotes::find_quotations(&article.title, &article.body, &actors)
    } else {
        quotes::Quotations::default()
    };
    // A speaker is one of the article's actors: its kind and name make the same facet as
    // `actor`'s, so the registry settles it the same way.
    let speaker_of = |name: &Option<String>| {
        let name = name.as_deref()?;
        actors.iter().find(|actor| actor.name == name)
    };
    let key = article.key();
    let source = schema::source_facet(&corpus::source_of(article));
    let language_facet = schema::lang_facet(language);
    let n_passages = passages.len() as u64;
    // Each actor's facet, made once for the article rather than once per passage.
    let actor_facets: Vec<_> = actors
        .iter()
        .map(|actor| schema::actor_facet(actor.kind, &actor.name))
        .collect();
    let mut documents = Vec::with_capacity(passages.len());
    for passage in &passages {
        let text = if body_is_title {
            article.title.as_str()
        } else {
            &article.body[passage.start..passage.end]
        };
        let mut document = TantivyDocument::default();
        document.add_text(fields.article_id, &article.id);
        document.add_text(fields.path, &article.path);
        document.add_u64(fields.article_key, key);
        document.add_u64(fields.line, article.line.unwrap_or(0) as u64);
        document.add_u64(fields.passage, u64::from(passage.ordinal));
        document.add_u64(fields.passages, n_passages);
        document.add_u64(fields.start, passage.start as u64);
        document.add_u64(fields.end, passage.end as u64);
        add_analysed(&mut document, fields.title, &article.title);
        document.add_facet(fields.source, source.clone());
        document.add_facet(fields.lang, language_facet.clone());
        let mut searchable = String::with_capacity(article.title.len() + text.len() + 2);
        searchable.push_str(&article.title);
        searchable.push_str("\n\n");
        if !body_is_title {
            searchable.push_str(text);
        }
        add_analysed(&mut document, fields.body, &searchable);
        document.add_text(fields.text, text);
        if passage.ordinal == 0 {
            // The whole article once, for article-level ranking (search::rank).
            add_analysed(&mut document, fields.article, &article_text(article));
        }
        if passage.ordinal == 0 && crate::copies::detection_enabled() {
            let signature =
                corpus::copies::signature(&article.title, &article.body, copies_day(article))
                    .with_named(copy_subjects(&actors));
            document.add_bytes(fields.copy_signature, &signature.to_bytes());
        }
        if let Some(date) = article.date {
            document.add_date(fields.date, to_tantivy_date(date.start));
            document.add_date(fields.date_end, to_tantivy_date(date.end()));
            document.add_u64(fields.date_precision, date.precision.code());
        }
        for (actor, facet) in actors.iter().zip(&actor_facets) {
            let in_passage = actor
                .mentions
                .iter()
                .any(|&(start, end)| start >= passage.start && end <= passage.end);
            if in_passage {
                document.add_facet(fields.passage_actor, facet.clone());
            }
            document.add_facet(fields.actor, facet.clone());
            if passage.ordinal == 0 {
                for form in &actor.aliases {
                    let alias = schema::alias_facet(actor.kind, &actor.name, form);
                    document.add_facet(fields.actor_alias, alias);
                }
            }
        }
        let in_passage =
            |start: usize| !body_is_title && (passage.start..passage.end).contains(&start);
        let mut stored = Vec::new();
        for quote in &quotations.quotes {
            let Some(actor) = speaker_of(&quote.speaker).filter(|_| in_passage(quote.start)) else {
                continue;
            };
            document.add_facet(fields.said_by, schema::actor_facet(actor.kind, &actor.name));
            stored.push(schema::StoredQuote {
                kind: actor.kind.as_str().to_string(),
                speaker: actor.name.clone(),
                start: quote.start,
                end: quote.end,
                cue: quote.cue.clone(),
            });
        }
        for turn in &quotations.turns {
            // A turn marks every passage it runs through.
            let overlaps = !body_is_title && turn.start < passage.end && turn.end > passage.start;
            if let Some(actor) = speaker_of(&turn.speaker).filter(|_| overlaps) {
                document.add_facet(fields.said_by, schema::actor_facet(actor.kind, &actor.name));
            }
        }
        if !stored.is_empty() {
            document.add_text(fields.quotes, schema::encode_quotes(&stored));
        }
        documents.push(document);
    }
    documents
}

/// The article's day for copy detection (days since 1970-01-01), when its date gives one.
/// The people and organisations an article's body names, in order of first mention: what the
/// copy rule compares to tell one subject's notice from another's.
fn copy_subjects(actors: &[crate::actors::ActorMatch]) -> Vec<corpus::copies::Named<'_>> {
    let mut named: Vec<(usize, corpus::copies::Named)> = actors
        .iter()
        .filter(|actor| matches!(actor.kind, ActorKind::Person | ActorKind::Org))
        .filter_map(|actor| {
            let first = actor.mentions.iter().map(|&(start, _)| start).min()?;
            let person = actor.kind == ActorKind::Person;
            Some((
                first,
                corpus::copies::Named {
                    name: &actor.name,
                    person,
                },
            ))
        })
        .collect();
    named.sort_by_key(|&(first, _)| first);
    named.into_iter().map(|(_, one)| one).collect()
}

fn copies_day(article: &Article) -> Option<i32> {
    let date = article.date?;
    matches!(
        date.precision,
        corpus::DatePrecision::Day | corpus::DatePrecision::Time
    )
    .then(|| {
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid day");
        (date.start.date() - epoch).num_days() as i32
    })
}

/// The text an article is ranked on as a whole: the title twice, then the body.
///
/// Repeating the title in the one field is BM25F with title weight 2: title words count double
/// but share the body's length normalisation and statistics (measured in README, "Relevance").
fn article_text(article: &Article) -> String {
    format!("{0}\n\n{0}\n\n{1}", article.title, article.body)
}
