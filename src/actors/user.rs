//! The user's own actors file (`--actors FILE`): its layout and validation, and the record of
//! which gazetteer, model and user file an index's actors came from.
//!
//! The user file uses the gazetteer's TSV layout, one actor a line:
//! `canonical name<TAB>kind<TAB>alias|alias|...` (`#` starts a comment). Its rows win over the
//! built-in ones. The file is loaded into an [`super::Extractor`] or a [`super::Gazetteer`],
//! never into process-wide state. The record (`actors.json` in the index directory) lets
//! `index` say when the actors will differ from the last run, and lets `search` load the same
//! user file so that `--actor` resolves its aliases, edits included, without re-indexing.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ActorKind;
use crate::corpus::fnv::Fnv1a;
use crate::error::{Error, Result};

/// Name of the record file in the index directory.
const RECORD: &str = "actors.json";

/// 64-bit FNV-1a, as hex: a fingerprint of data, not a security hash.
pub(super) fn fingerprint(parts: &[&[u8]]) -> String {
    let hash = parts
        .iter()
        .fold(Fnv1a::new(), |hash, part| hash.write(part).write(&[0xff]))
        .finish();
    format!("{hash:016x}")
}

/// Checks a user actors file: every line `name<TAB>kind[<TAB>aliases]` with a known kind.
pub(super) fn validate(path: &Path, text: &str) -> Result<()> {
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let name = cols.next().unwrap_or("").trim();
        let kind = cols.next().unwrap_or("").trim();
        let bad = |message: String| Error::BadLine {
            path: path.to_path_buf(),
            line: n + 1,
            message,
        };
        if name.is_empty() {
            return Err(bad("expected `name<TAB>kind<TAB>alias|alias`".to_string()));
        }
        if ActorKind::parse(kind).is_none() {
            return Err(bad(format!(
                "unknown kind {kind:?} (person, org, country or place)"
            )));
        }
    }
    Ok(())
}

/// Where an index's actors came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Fingerprint of the embedded gazetteer data.
    pub gazetteer: String,
    /// Fingerprint of the embedded tagger model.
    pub model: String,
    /// The user's actors file, if any.
    pub user_file: Option<PathBuf>,
    /// Fingerprint of the user's file.
    pub user_hash: Option<String>,
    /// Version of the rules that split passages and find actors ([`EXTRACTION_VERSION`]);
    /// 0 in records written before it existed.
    #[serde(default)]
    pub rules: u32,
}

/// Bumped whenever passage splitting or actor extraction changes what an article yields, so
/// that the next `newsdex index` redoes every article instead of keeping the old results.
pub const EXTRACTION_VERSION: u32 = 17;

/// Reads the provenance recorded in an index directory, if any.
pub fn read_record(index_dir: &Path) -> Option<Provenance> {
    let text = std::fs::read_to_string(index_dir.join(RECORD)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Records where an index's actors came from in its directory.
pub fn write_record(index_dir: &Path, provenance: &Provenance) -> Result<()> {
    let path = index_dir.join(RECORD);
    let text = serde_json::to_string_pretty(provenance).unwrap_or_default();
    std::fs::write(&path, text + "\n").map_err(|source| Error::Io { path, source })
}

/// What changed between the recorded provenance and the new one, in words; `None` when
/// nothing did (or nothing was recorded).
pub fn describe_change(old: &Provenance, new: &Provenance) -> Option<String> {
    let mut what = Vec::new();
    if old.gazetteer != new.gazetteer {
        what.push("the built-in gazetteer".to_string());
    }
    if old.model != new.model {
        what.push("the tagger model".to_string());
    }
    if old.rules != new.rules {
        what.push("the passage and actor rules".to_string());
    }
    if old.user_file != new.user_file || old.user_hash != new.user_hash {
        what.push(match &new.user_file {
            Some(p) => format!("the actors file {}", p.display()),
            None => "the actors file (none now)".to_string(),
        });
    }
    (!what.is_empty()).then(|| what.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_lines() {
        let p = Path::new("a.tsv");
        assert!(validate(p, "# c\nAcme Corp\torg\tAcme|ACME\n\nJane Roe\tperson\n").is_ok());
        let err = validate(p, "Acme\tcompany\n").unwrap_err().to_string();
        assert!(err.contains("a.tsv: line 1: unknown kind"), "{err}");
        assert!(validate(p, "\tperson\n").is_err());
    }

    #[test]
    fn describes_changes() {
        let a = super::super::Extractor::builtin().provenance();
        assert_eq!(describe_change(&a, &a), None);
        let mut b = a.clone();
        b.user_file = Some(PathBuf::from("/x/actors.tsv"));
        b.user_hash = Some("1".into());
        let msg = describe_change(&a, &b).unwrap();
        assert!(msg.contains("/x/actors.tsv"), "{msg}");
    }
}
