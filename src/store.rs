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
    replace_file(path, bytes, false)
}

/// [`write_atomically`], with the new file synced to disk before the rename: for a file that a
/// commit names, which must be whole after a power loss as well as after a crash.
pub fn write_durably(path: &Path, bytes: &[u8]) -> Result<()> {
    replace_file(path, bytes, true)
}

/// Writes a temporary file beside `path` and renames it over `path`, syncing it first when
/// `sync` is set.
fn replace_file(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    use std::io::Write;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        if sync {
            file.sync_all()?;
        }
        Ok(())
    };
    write().map_err(|err| Error::io(&tmp, err))?;
    std::fs::rename(&tmp, path).map_err(|err| Error::io(path, err))
}

/// The first bytes of a gzip stream: how a compressed side file is told from a plain one (a
/// JSON file starts with `{` or `[`, never with these).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// `bytes` gzip-compressed: how the larger JSON side files are written (the actor registry,
/// the copies' edges, the commit state). JSON of names, keys and hashes shrinks to a tenth to
/// a half, for about 15 ms a megabyte.
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::default(),
    );
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("writing to memory cannot fail")
}

/// [`compress`]ed, then written with [`write_atomically`].
pub fn write_compressed_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, &compress(bytes))
}

/// The contents of a side file, decompressed when it was written by [`compress`]; a plain file
/// (what an older newsdex wrote) as it is. A truncated or damaged compressed file fails its
/// checksum: an error of kind `InvalidData`, for the caller to treat as a corrupt file.
pub fn read_side_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let bytes = std::fs::read(path)?;
    decompressed(bytes)
}

/// `bytes` decompressed when they start a gzip stream, else as they are.
fn decompressed(bytes: Vec<u8>) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes);
    }
    let mut plain = Vec::with_capacity(bytes.len() * 4);
    flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut plain)?;
    Ok(plain)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_side_files_round_trip_and_plain_ones_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let json =
            br#"{"actors":[{"name":"Tarrow Ferries","kind":"org","articles":3}]}"#.repeat(50);
        let compressed = dir.path().join("compressed.json");
        write_compressed_atomically(&compressed, &json).unwrap();
        let on_disk = std::fs::read(&compressed).unwrap();
        assert!(on_disk.len() < json.len() / 4, "{} bytes", on_disk.len());
        assert_eq!(read_side_file(&compressed).unwrap(), json);
        assert!(!dir.path().join("compressed.json.tmp").exists());

        // A file an older version wrote, plain JSON, reads as it is.
        let plain = dir.path().join("plain.json");
        std::fs::write(&plain, &json).unwrap();
        assert_eq!(read_side_file(&plain).unwrap(), json);
    }

    #[test]
    fn a_truncated_compressed_side_file_is_an_error_not_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.json");
        let whole = compress(&b"[1,2,3,4,5,6,7,8,9]".repeat(100));
        std::fs::write(&path, &whole[..whole.len() - 6]).unwrap();
        let err = read_side_file(&path).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
            ),
            "{err:?}"
        );
    }
}
