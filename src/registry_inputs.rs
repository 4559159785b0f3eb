//! What the registry of an index was last settled from, so that a run which changed none of
//! it leaves the registry, its lookup table and the actor ordinals as they are.
//!
//! The registry is a pure function of the index's live documents, the articles' sampling
//! identities, the gazetteer and the rules of the program that settles it; the lookup table
//! adds the user's corrections, and the actor ordinals the segments. [`Inputs`] is a hash of
//! all of these: the program (its version and its executable's size and modification time,
//! so another build settles again), the extractor's provenance (the gazetteer and the user's
//! actors file), every segment by id with its count of deleted documents (deletions only
//! accumulate in a segment, so the count names the set; tantivy gives a merged segment a new
//! id), the identities and the corrections file. `INDEX/actors-registry.stamp` keeps it with
//! the stamps (size, modification time) of the three files written from it; when both match,
//! the files are what settling again would write, byte for byte.

use std::path::{Path, PathBuf};

use tantivy::Index;

use crate::actor_ords::{self, TableStamp};
use crate::actors::user::Provenance;
use crate::corpus::fnv::Fnv1a;
use crate::error::{Error, Result};

use crate::registry::phrases::ArticleIdentities;
use crate::registry::table::Fingerprint;
use crate::registry::Registry;

/// The stamp file in the index directory.
pub const STAMP_FILE: &str = "actors-registry.stamp";

/// The first word of the stamp file; the version after it changes with its layout.
const MAGIC: &str = "newsdex-registry-inputs 1";

/// A hash of everything the registry, its table and the actor ordinals are made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inputs(u64);

impl Inputs {
    /// The inputs of the registry of `index` (its last commit) in `index_dir`, settled with
    /// the gazetteer of `provenance` (`None`: the built-in one) and `identities`; `None` when
    /// the running program cannot be identified (then the registry is always settled).
    pub fn of(
        index: &Index,
        index_dir: &Path,
        identities: &ArticleIdentities,
        provenance: Option<&Provenance>,
    ) -> Result<Option<Inputs>> {
        let Some(program) = program_identity() else {
            return Ok(None);
        };
        let mut hash = Fnv1a::new()
            .write(env!("CARGO_PKG_VERSION").as_bytes())
            .write(&[0])
            .write(&program.to_le_bytes());
        let provenance = provenance.map_or_else(String::new, |p| {
            serde_json::to_string(p).unwrap_or_default()
        });
        hash = hash.write(provenance.as_bytes()).write(&[0]);
        let mut segments: Vec<(String, u32)> = index
            .searchable_segment_metas()?
            .iter()
            .map(|meta| (meta.id().uuid_string(), meta.num_deleted_docs()))
            .collect();
        segments.sort();
        hash = hash.write(&(segments.len() as u64).to_le_bytes());
        for (id, deleted) in &segments {
            hash = hash.write(id.as_bytes()).write(&deleted.to_le_bytes());
        }
        hash = hash.write(&identities.digest().to_le_bytes());
        let corrections = Fingerprint::of_corrections(index_dir)?;
        hash = hash
            .write(&corrections.size.to_le_bytes())
            .write(&corrections.hash.to_le_bytes());
        Ok(Some(Inputs(hash.finish())))
    }

    /// True when the registry, the table and the ordinals of `index_dir` were written from
    /// these inputs and are as they were written.
    pub fn are_settled(self, index_dir: &Path) -> Result<bool> {
        let path = path(index_dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            // A damaged file (not text) only means settling again.
            Err(err) if err.kind() == std::io::ErrorKind::InvalidData => return Ok(false),
            Err(err) => return Err(Error::io(&path, err)),
        };
        Ok(text == stamp_text(self, &outputs(index_dir)?))
    }

    /// Records that the registry, the table and the ordinals of `index_dir`, as they are now,
    /// were written from these inputs.
    pub fn record(self, index_dir: &Path) -> Result<()> {
        let text = stamp_text(self, &outputs(index_dir)?);
        crate::store::write_atomically(&path(index_dir), text.as_bytes())
    }
}

/// The stamp file of `index_dir`.
pub fn path(index_dir: &Path) -> PathBuf {
    index_dir.join(STAMP_FILE)
}

/// The stamp file's text: the inputs, then the files written from them.
fn stamp_text(inputs: Inputs, outputs: &str) -> String {
    format!("{MAGIC}\ninputs {:016x}\n{outputs}", inputs.0)
}

/// The stamps of the registry, the table and the ordinals, one line each ("none" for a file
/// that is missing: a table removed for a bad corrections file is an output too).
fn outputs(index_dir: &Path) -> Result<String> {
    let table = TableStamp::of_table(index_dir)?.map_or_else(|| "none".to_string(), |s| s.to_hex());
    Ok(format!(
        "registry {}\ntable {table}\nords {}\n",
        file_stamp(&Registry::path(index_dir))?,
        file_stamp(&actor_ords::path(index_dir))?,
    ))
}

/// A file's size and modification time, as text; "none" when it is missing.
fn file_stamp(path: &Path) -> Result<String> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok("none".to_string()),
        Err(err) => return Err(Error::io(path, err)),
    };
    let modified = meta
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    Ok(format!(
        "{} {}.{:09}",
        meta.len(),
        modified.as_secs(),
        modified.subsec_nanos()
    ))
}

/// The running program's executable, by size and modification time: a program built again
/// (its rules changed) settles again.
fn program_identity() -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(
        Fnv1a::new()
            .write(&meta.len().to_le_bytes())
            .write(&modified.as_secs().to_le_bytes())
            .write(&modified.subsec_nanos().to_le_bytes())
            .finish(),
    )
}
