//! The index directory, as both sides see it: where the manifest is, how to read it, and how
//! to open an index for reading with its schema version checked. The read side (search,
//! explore, stats) opens indexes through here and never through the indexer.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::Index;

use crate::error::{Error, Result};
use crate::schema::{self, Fields};

/// Name of the file beside tantivy's own that records what newsdex wrote.
pub const MANIFEST: &str = "newsdex.json";

/// What newsdex records beside the index: schema version and the last run's counts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// [`schema::SCHEMA_VERSION`] of the writer.
    pub schema_version: u32,
    /// newsdex version that wrote the index.
    pub newsdex_version: String,
    /// Articles in the index.
    pub articles: u64,
    /// Passages in the index.
    pub passages: u64,
    /// Articles without a date.
    pub undated: u64,
    /// Bytes of article text parsed by the last run (only new and changed articles).
    pub bytes: u64,
    /// When the last run committed (RFC 3339).
    pub indexed_at: String,
    /// The inputs of the last run.
    pub inputs: Vec<String>,
}

impl Manifest {
    /// The manifest of a new, empty index.
    pub(crate) fn empty() -> Manifest {
        Manifest {
            schema_version: schema::SCHEMA_VERSION,
            newsdex_version: env!("CARGO_PKG_VERSION").to_string(),
            articles: 0,
            passages: 0,
            undated: 0,
            bytes: 0,
            indexed_at: String::new(),
            inputs: Vec::new(),
        }
    }

    /// Reads the manifest of an index directory.
    pub fn read(index_dir: &Path) -> Result<Manifest> {
        let path = index_dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path).map_err(|err| {
            if err.kind() == std::io::ErrorKind::NotFound {
                Error::NoIndex(index_dir.to_path_buf())
            } else {
                Error::io(&path, err)
            }
        })?;
        serde_json::from_str(&text).map_err(|err| Error::CorruptManifest {
            path,
            reason: err.to_string(),
        })
    }

    /// Writes the manifest atomically (a temporary file renamed over the old one).
    pub(crate) fn write(&self, index_dir: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self).expect("manifest serializes");
        write_atomically(&index_dir.join(MANIFEST), text.as_bytes())
    }
}

/// Writes `bytes` to a temporary file beside `path` (its name and `.tmp`), then renames it
/// over `path`: a reader sees the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|err| Error::io(&tmp, err))?;
    std::fs::rename(&tmp, path).map_err(|err| Error::io(path, err))
}

/// Removes the file at `path`; one that is not there is no error.
pub fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, err)),
        _ => Ok(()),
    }
}

/// Opens an existing newsdex index for reading, checking its schema version.
pub fn open_index(index_dir: &Path) -> Result<(Index, Fields)> {
    if !index_dir.join("meta.json").exists() {
        return Err(Error::NoIndex(index_dir.to_path_buf()));
    }
    let manifest = Manifest::read(index_dir)?;
    if manifest.schema_version != schema::SCHEMA_VERSION {
        return Err(Error::SchemaVersion {
            path: index_dir.to_path_buf(),
            found: manifest.schema_version,
            expected: schema::SCHEMA_VERSION,
        });
    }
    let index = Index::open_in_dir(index_dir)?;
    schema::register_analyzer(&index);
    let fields = Fields::from_schema(&index.schema())?;
    Ok((index, fields))
}
