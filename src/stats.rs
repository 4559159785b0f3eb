//! Stats: what an index holds (articles, passages, actors, dates, segments, size), read from
//! fast fields and facet columns of the live documents, never from the doc store.
//!
//! Measuring them reads every live document's columns and every segment's actor forms, which
//! grows with the archive; so `index` (and `correct`) measure them once after writing and keep
//! the figures in `INDEX/stats-summary.json` (written to a temporary file, then renamed),
//! stamped with the commit they describe (its payload, and each segment with its deletions)
//! and, for the actor count, the lookup table's stamp. `stats` reads the figures when the
//! stamps are those of the index as it is now, and measures otherwise; the size on disk is
//! always measured.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::{Index, ReloadPolicy};

use crate::error::{Error, Result};
use crate::schema::field_name;
use crate::store::{open_index, remove_if_present, write_atomically};

/// Articles, passages and undated articles among the live documents of an index.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentCounts {
    /// Articles (documents of passage 0: every article has exactly one).
    pub articles: u64,
    /// Passages (documents).
    pub passages: u64,
    /// Articles without a date.
    pub undated: u64,
}

/// What `newsdex stats` reports.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexStats {
    /// Articles in the index.
    pub articles: u64,
    /// Passages in the index.
    pub passages: u64,
    /// Distinct canonical actors (person, country, org, place) mentioned: the actor registry's,
    /// the user's corrections applied.
    pub actors: u64,
    /// Distinct raw actor forms the articles wrote (several may be one actor, some none).
    pub actor_forms: u64,
    /// Articles without a date.
    pub undated: u64,
    /// Articles per language (ISO 639-1 code, see [`crate::lang`]).
    pub languages: BTreeMap<String, u64>,
    /// Start of the earliest article date (RFC 3339), if any article is dated.
    pub date_from: Option<String>,
    /// Start of the latest article date (RFC 3339), if any article is dated.
    pub date_to: Option<String>,
    /// Source files the index holds articles of.
    pub files: u64,
    /// tantivy segments.
    pub segments: u64,
    /// Size of the index directory on disk, in bytes.
    pub bytes: u64,
    /// When the last indexing commit was made (RFC 3339), if recorded.
    pub indexed_at: Option<String>,
    /// Schema version of the index.
    pub schema_version: u32,
}

fn manual_searcher(index: &Index) -> Result<tantivy::Searcher> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(reader.searcher())
}

/// Counts articles, passages and undated articles among the live documents.
pub fn count_documents(index: &Index) -> Result<DocumentCounts> {
    let searcher = manual_searcher(index)?;
    let mut counts = DocumentCounts::default();
    for segment in searcher.segment_readers() {
        let passage = segment.fast_fields().u64(field_name::PASSAGE)?;
        let date = segment.fast_fields().date(field_name::DATE)?;
        for doc in segment.doc_ids_alive() {
            counts.passages += 1;
            if passage.first(doc) == Some(0) {
                counts.articles += 1;
                if date.first(doc).is_none() {
                    counts.undated += 1;
                }
            }
        }
    }
    Ok(counts)
}

/// The canonical actors of the index: counted in the registry's lookup table when it holds the
/// user's corrections as they are now, else in the registry read whole.
fn actor_count(index_dir: &Path, index: &Index) -> Result<u64> {
    let table = crate::registry::table::ActorTable::open(index_dir)?;
    if let Some(count) = table.and_then(|table| table.actor_count()) {
        return Ok(count);
    }
    Ok(crate::registry::Registry::open(index_dir, index)?
        .actors()
        .len() as u64)
}

/// The file of the kept figures in the index directory.
pub const SUMMARY_FILE: &str = "stats-summary.json";

/// The figures `index` keeps, with what they describe.
#[derive(Debug, Serialize, Deserialize)]
struct KeptStats {
    /// The commit: see [`commit_stamp`].
    commit: String,
    /// The lookup table `stats.actors` was counted with (see [`crate::actor_ords::TableStamp::to_hex`]).
    table: Option<String>,
    stats: IndexStats,
}

/// What tells one commit's documents from another's: its payload (which names its state
/// file) and each segment with its deletions.
fn commit_stamp(index: &Index) -> Result<String> {
    let metas = index.load_metas()?;
    let mut segments: Vec<String> = metas
        .segments
        .iter()
        .map(|segment| {
            format!(
                "{}:{}",
                segment.id().uuid_string(),
                segment.num_deleted_docs()
            )
        })
        .collect();
    segments.sort_unstable();
    Ok(format!(
        "{} {}",
        metas.payload.unwrap_or_default(),
        segments.join(",")
    ))
}

/// The stamp of the lookup table of `index_dir` when it holds the user's corrections.
fn table_stamp(index_dir: &Path) -> Result<Option<String>> {
    Ok(crate::actor_ords::open_stamped_table(index_dir)?.map(|(_, stamp)| stamp.to_hex()))
}

/// Measures the stats of the index in `index_dir` and keeps them for `stats` (see the module
/// documentation). Called after every write of the index or the lookup table.
pub fn keep_stats(index_dir: &Path) -> Result<()> {
    let (index, _fields) = open_index(index_dir)?;
    let commit = commit_stamp(&index)?;
    let table = table_stamp(index_dir)?;
    let stats = measure(index_dir, &index)?;
    let path = index_dir.join(SUMMARY_FILE);
    // Written while the index or table changed: not kept, `stats` measures.
    if commit_stamp(&index)? != commit || table_stamp(index_dir)? != table {
        return remove_if_present(&path);
    }
    let kept = KeptStats {
        commit,
        table,
        stats,
    };
    let text = serde_json::to_vec(&kept).map_err(|err| Error::io(&path, err.into()))?;
    write_atomically(&path, &text)
}

/// The kept figures when they describe the index as it is now (the actor count left to the
/// caller when the table is another); `None` when there are none or they are stale.
fn kept_stats(index_dir: &Path, index: &Index) -> Result<Option<(IndexStats, bool)>> {
    let path = index_dir.join(SUMMARY_FILE);
    let text = match std::fs::read(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(Error::io(&path, err)),
    };
    let Ok(kept) = serde_json::from_slice::<KeptStats>(&text) else {
        return Ok(None);
    };
    if kept.commit != commit_stamp(index)?
        || kept.stats.schema_version != crate::schema::SCHEMA_VERSION
    {
        return Ok(None);
    }
    let actors_current = kept.table.is_some() && kept.table == table_stamp(index_dir)?;
    Ok(Some((kept.stats, actors_current)))
}

/// Reads the stats of the index in `index_dir`: the figures kept at its last write when they
/// describe it, else measured.
pub fn index_stats(index_dir: &Path) -> Result<IndexStats> {
    let (index, _fields) = open_index(index_dir)?;
    let mut stats = match kept_stats(index_dir, &index)? {
        Some((mut stats, actors_current)) => {
            if !actors_current {
                stats.actors = actor_count(index_dir, &index)?;
            }
            stats
        }
        None => measure(index_dir, &index)?,
    };
    stats.bytes = bytes_on_disk(index_dir)?;
    Ok(stats)
}

/// The size of the files of `index_dir`, in bytes.
fn bytes_on_disk(index_dir: &Path) -> Result<u64> {
    let mut bytes = 0;
    let entries = std::fs::read_dir(index_dir).map_err(|err| Error::io(index_dir, err))?;
    for entry in entries.flatten() {
        bytes += entry
            .metadata()
            .map_or(0, |m| if m.is_file() { m.len() } else { 0 });
    }
    Ok(bytes)
}

/// Measures the stats of `index` from its live documents (all but the size on disk).
fn measure(index_dir: &Path, index: &Index) -> Result<IndexStats> {
    let searcher = manual_searcher(index)?;
    let counts = count_documents(index)?;
    let mut actors: HashSet<String> = HashSet::new();
    let mut languages: BTreeMap<String, u64> = BTreeMap::new();
    let (mut earliest, mut latest): (Option<i64>, Option<i64>) = (None, None);
    for segment in searcher.segment_readers() {
        let date = segment.fast_fields().date(field_name::DATE)?;
        let passage = segment.fast_fields().u64(field_name::PASSAGE)?;
        let facets = segment.facet_reader(field_name::ACTOR)?;
        let lang_facets = segment.facet_reader(field_name::LANG)?;
        let lang_names = crate::schema::segment_languages(segment)?;
        // Without deletions, every value of a column is some live document's: its
        // dictionary is the segment's forms and its statistics its date range.
        let whole = !segment.has_deletes();
        let mut used = vec![whole; facets.num_facets()];
        if whole && date.values.num_vals() > 0 {
            let (first, last) = (
                date.min_value().into_timestamp_secs(),
                date.max_value().into_timestamp_secs(),
            );
            earliest = Some(earliest.map_or(first, |e| e.min(first)));
            latest = Some(latest.map_or(last, |l| l.max(last)));
        }
        for doc in segment.doc_ids_alive() {
            if passage.first(doc) == Some(0) {
                for ord in lang_facets.facet_ords(doc) {
                    if let Some(Some(code)) = lang_names.get(ord as usize) {
                        *languages.entry(code.clone()).or_default() += 1;
                    }
                }
            }
            if whole {
                continue;
            }
            if let Some(at) = date.first(doc) {
                let secs = at.into_timestamp_secs();
                earliest = Some(earliest.map_or(secs, |e| e.min(secs)));
                latest = Some(latest.map_or(secs, |l| l.max(secs)));
            }
            for ord in facets.facet_ords(doc) {
                if let Some(slot) = used.get_mut(ord as usize) {
                    *slot = true;
                }
            }
        }
        // One pass over the dictionary: looking ordinals up one by one decompresses a
        // dictionary block each time.
        let mut stream = facets
            .facet_dict()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            if used.get(stream.term_ord() as usize) == Some(&true) {
                actors.insert(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
    }
    let rfc3339 = |secs: i64| {
        chrono::DateTime::from_timestamp(secs, 0)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    let state = crate::state::load_summary(index, index_dir)?;
    Ok(IndexStats {
        articles: counts.articles,
        passages: counts.passages,
        actors: actor_count(index_dir, index)?,
        actor_forms: actors.len() as u64,
        undated: counts.undated,
        languages,
        date_from: earliest.and_then(rfc3339),
        date_to: latest.and_then(rfc3339),
        files: state.as_ref().map_or(0, |s| s.files_with_articles.0),
        segments: searcher.segment_readers().len() as u64,
        bytes: 0,
        indexed_at: state.map(|s| s.committed_at),
        schema_version: crate::schema::SCHEMA_VERSION,
    })
}
