//! Opening an index directory for writing: recognising newsdex's own files, creating a new
//! index, and clearing an old one for a rebuild under the writer lock.

use std::path::Path;

use tantivy::Index;

use crate::error::{Error, Result};
use crate::schema;
use crate::state::STATE_PREFIX;
use crate::store::{Manifest, MANIFEST};

/// Whether a directory entry belongs to newsdex rather than to tantivy or to someone else.
fn is_newsdex_file(name: &str) -> bool {
    name == MANIFEST || name.starts_with(&format!("{MANIFEST}.")) || name.starts_with(STATE_PREFIX)
}

/// Opens the index for writing, creating it when the directory holds none.
///
/// An index from another schema version is an error unless `rebuild` is set; then it is
/// cleared (under tantivy's writer lock, so that a running `index` is never pulled from under).
pub(super) fn open_or_create(index_dir: &Path, rebuild: bool) -> Result<Index> {
    if index_dir.join("meta.json").exists() {
        match Manifest::read(index_dir) {
            Ok(manifest) if manifest.schema_version == schema::SCHEMA_VERSION => {
                let index = Index::open_in_dir(index_dir)?;
                schema::register_analyzer(&index);
                return Ok(index);
            }
            Ok(manifest) if !rebuild => {
                return Err(Error::SchemaVersion {
                    path: index_dir.to_path_buf(),
                    found: manifest.schema_version,
                    expected: schema::SCHEMA_VERSION,
                })
            }
            Err(Error::NoIndex(_)) if !rebuild => {
                return Err(Error::ForeignIndex {
                    path: index_dir.to_path_buf(),
                })
            }
            Err(err) if !rebuild => return Err(err),
            _ => {
                let directory =
                    tantivy::directory::MmapDirectory::open(index_dir).map_err(|err| {
                        Error::OpenDirectory {
                            path: index_dir.to_path_buf(),
                            reason: err.to_string(),
                        }
                    })?;
                let lock = tantivy::Directory::acquire_lock(
                    &directory,
                    &tantivy::directory::INDEX_WRITER_LOCK,
                )
                .map_err(|_| Error::Locked(index_dir.to_path_buf()))?;
                clear_dir(index_dir)?;
                drop(lock);
            }
        }
    } else if index_dir.exists() {
        let foreign = std::fs::read_dir(index_dir)
            .map_err(|err| Error::io(index_dir, err))?
            .filter_map(|e| e.ok())
            .any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                !name.starts_with('.') && !is_newsdex_file(&name)
            });
        if foreign {
            return Err(Error::NotEmpty {
                path: index_dir.to_path_buf(),
            });
        }
    }
    std::fs::create_dir_all(index_dir).map_err(|err| Error::io(index_dir, err))?;
    // The manifest goes first: a run killed between the two leaves a directory that the next
    // run recognises as its own and completes.
    Manifest::empty().write(index_dir)?;
    let index = Index::create_in_dir(index_dir, schema::build_schema())?;
    schema::register_analyzer(&index);
    Ok(index)
}

fn clear_dir(index_dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(index_dir).map_err(|err| Error::io(index_dir, err))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|err| Error::io(&path, err))?;
    }
    Ok(())
}
