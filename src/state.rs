//! Index state: which source files (size, mtime, per-article line and content hash) the last
//! commit holds, so that the next `index` run re-reads only what changed.
//!
//! The state of each commit is written to its own file, `newsdex-state-N.json` (JSON,
//! compressed by `store::compress`), *before* the tantivy commit, and the commit's payload
//! names that file. A crash before the commit leaves the
//! previous payload pointing at the previous (still present) state file; a crash after it leaves
//! the new payload pointing at the new one. State and index therefore never disagree.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::error::{Error, Result};

/// Prefix of the state files beside the index.
pub const STATE_PREFIX: &str = "newsdex-state-";

/// What one commit of the index holds, file by file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexState {
    /// Increases by one with every commit; names the state file.
    pub generation: u64,
    /// When the commit was made (RFC 3339, UTC).
    pub committed_at: String,
    /// Source files by path (as walked), with what the index holds of each.
    pub files: BTreeMap<String, FileRecord>,
    /// The field mapping (`--field`: role -> column or key) CSV, JSON and JSONL files were
    /// read with; empty for the default names.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// What the index holds of one source file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Size in bytes when it was last read in full.
    pub size: u64,
    /// Modification time (nanoseconds since 1970) when it was last read in full.
    pub mtime_ns: u64,
    /// False while a run is part-way through the file: the next run compares it line by line.
    pub complete: bool,
    /// The file's articles: id -> (line, content hash of the line; line 0 for `.txt`, the
    /// row's first line for CSV, the element's number from 1 for JSON).
    pub articles: BTreeMap<String, (u64, u64)>,
}

impl FileRecord {
    /// Whether a file with this size and mtime can be skipped without reading it.
    pub fn unchanged(&self, size: u64, mtime_ns: u64) -> bool {
        self.complete && self.size == size && self.mtime_ns == mtime_ns
    }
}

/// A file's modification time in nanoseconds since 1970 (0 when unknown or earlier).
pub fn mtime_ns(metadata: &std::fs::Metadata) -> u64 {
    metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

fn state_file_name(generation: u64) -> String {
    format!("{STATE_PREFIX}{generation}.json")
}

/// Reads the state the index's last commit names; `None` when it names none or the file is
/// missing or unreadable (the caller then rebuilds, which is always correct).
pub fn load_state(index: &Index, index_dir: &Path) -> Result<Option<IndexState>> {
    Ok(state_text(index, index_dir)?.and_then(|text| serde_json::from_str(&text).ok()))
}

/// The text of the state file the index's last commit names; `None` as [`load_state`].
fn state_text(index: &Index, index_dir: &Path) -> Result<Option<String>> {
    let payload = index.load_metas()?.payload;
    let Some(name) = payload else {
        return Ok(None);
    };
    if !name.starts_with(STATE_PREFIX) || name.contains(['/', '\\']) {
        return Ok(None);
    }
    // Compressed (`write_state`); a plain JSON file, as older versions wrote, still reads.
    let bytes = crate::store::read_side_file(&index_dir.join(&name)).ok();
    Ok(bytes.and_then(|bytes| String::from_utf8(bytes).ok()))
}

/// What `stats` reports of the last commit's state, read without building its maps.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct StateSummary {
    /// When the commit was made (RFC 3339, UTC).
    pub committed_at: String,
    /// Source files the commit holds articles of.
    #[serde(rename = "files")]
    pub files_with_articles: FilesWithArticles,
}

/// The number of files of a state that hold at least one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilesWithArticles(pub u64);

impl<'de> Deserialize<'de> for FilesWithArticles {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Files;
        impl<'de> serde::de::Visitor<'de> for Files {
            type Value = FilesWithArticles;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of file records")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> std::result::Result<FilesWithArticles, M::Error> {
                let mut count = 0;
                while let Some((_, record)) = map.next_entry::<IgnoredAny, HasArticles>()? {
                    count += u64::from(record.articles.0);
                }
                Ok(FilesWithArticles(count))
            }
        }
        deserializer.deserialize_map(Files)
    }
}

/// A file record, only whether it holds articles.
#[derive(Deserialize)]
struct HasArticles {
    articles: NotEmpty,
}

/// Whether a map has an entry, its entries skipped unread.
struct NotEmpty(bool);

impl<'de> Deserialize<'de> for NotEmpty {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = NotEmpty;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of articles")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> std::result::Result<NotEmpty, M::Error> {
                let mut any = false;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
                    any = true;
                }
                Ok(NotEmpty(any))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// The summary of the state the index's last commit names; `None` as [`load_state`].
pub fn load_summary(index: &Index, index_dir: &Path) -> Result<Option<StateSummary>> {
    Ok(state_text(index, index_dir)?.and_then(|text| serde_json::from_str(&text).ok()))
}

/// Writes `state` as the next generation's file (synced to disk) and returns the name to put
/// in the commit payload.
pub fn write_state(index_dir: &Path, state: &mut IndexState) -> Result<String> {
    state.generation += 1;
    state.committed_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let name = state_file_name(state.generation);
    let path = index_dir.join(&name);
    let json = serde_json::to_vec(state).map_err(|err| Error::io(&path, err.into()))?;
    // Per article a key and a hash: compressed, it takes a third of the JSON.
    crate::store::write_durably(&path, &crate::store::compress(&json))?;
    Ok(name)
}

/// Deletes state files other than `keep` (older generations, or one written before a crash).
pub fn remove_other_states(index_dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(index_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(STATE_PREFIX) && name != keep {
            // Best effort: a leftover file is never read, since no payload names it.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_is_unchanged_only_when_complete_and_equal() {
        let record = FileRecord {
            size: 10,
            mtime_ns: 5,
            complete: true,
            articles: BTreeMap::new(),
        };
        assert!(record.unchanged(10, 5));
        assert!(!record.unchanged(11, 5));
        assert!(!record.unchanged(10, 6));
        let partial = FileRecord {
            complete: false,
            ..record
        };
        assert!(!partial.unchanged(10, 5));
    }

    #[test]
    fn state_round_trips_through_json() {
        let mut state = IndexState::default();
        state.files.insert(
            "c/a.jsonl".into(),
            FileRecord {
                size: 3,
                mtime_ns: 4,
                complete: true,
                articles: [("x".to_string(), (2, u64::MAX))].into_iter().collect(),
            },
        );
        let text = serde_json::to_string(&state).unwrap();
        let back: IndexState = serde_json::from_str(&text).unwrap();
        assert_eq!(back.files, state.files);
    }

    #[test]
    fn summary_counts_the_files_that_hold_articles() {
        let mut state = IndexState {
            committed_at: "2031-04-05T06:07:08Z".into(),
            ..IndexState::default()
        };
        for (path, articles) in [("k/one.jsonl", 2), ("k/empty.jsonl", 0), ("k/two.txt", 1)] {
            state.files.insert(
                path.into(),
                FileRecord {
                    articles: (0..articles)
                        .map(|n| (format!("item-{n}"), (n, 7)))
                        .collect(),
                    ..FileRecord::default()
                },
            );
        }
        let text = serde_json::to_string(&state).unwrap();
        let summary: StateSummary = serde_json::from_str(&text).unwrap();
        assert_eq!(summary.committed_at, state.committed_at);
        assert_eq!(summary.files_with_articles, FilesWithArticles(2));
    }
}
