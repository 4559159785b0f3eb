//! The library's typed errors; the binary prints them once, on one line.

use std::path::PathBuf;

/// Everything that can stop a newsdex command from doing its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index directory holds no newsdex index.
    #[error("{0}: no index here; run `newsdex index CORPUS --index {0}` first")]
    NoIndex(PathBuf),
    /// The index was written by an incompatible version of newsdex.
    #[error("{path}: index was written by schema version {found}, this newsdex reads version {expected}; run `newsdex index --rebuild` to rebuild it")]
    SchemaVersion {
        /// Index directory.
        path: PathBuf,
        /// Version found on disk.
        found: u32,
        /// Version this binary writes.
        expected: u32,
    },
    /// Another process holds the index's writer lock.
    #[error("{0}: index is locked by another newsdex process")]
    Locked(PathBuf),
    /// A query that cannot be run.
    #[error("bad query: {0}")]
    Query(String),
    /// A search that cannot run as asked (unknown actor, empty date range, ...).
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),
    /// A bad command-line value (date, actor, option).
    #[error("{0}")]
    Usage(String),
    /// Nothing could be read from the inputs.
    #[error("{0}")]
    NoInput(String),
    /// An I/O failure on a named path.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// A failure inside tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
