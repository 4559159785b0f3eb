//! The actor extractor as a value: a gazetteer and a tagger model, built once by the caller and
//! passed to whatever extracts actors, so that what an article yields never depends on what
//! ran earlier in the process.
//!
//! Only immutable embedded data is cached process-wide: the built-in gazetteer (built from the
//! embedded tables) and the embedded tagger model, each parsed once. A user's actors file or
//! model file goes into the `Extractor` that loaded it and nowhere else.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::user::{fingerprint, validate, Provenance, EXTRACTION_VERSION};
use super::{tagger, ActorMatch, Gazetteer, DATA, EMBEDDED_MODEL};
use crate::error::{Error, Result};

/// Finds the actors of articles with one gazetteer and one tagger model.
#[derive(Debug, Clone)]
pub struct Extractor {
    gazetteer: Arc<Gazetteer>,
    /// `None` when the model could not be parsed: extraction is then gazetteer-only.
    model: Option<Arc<tagger::Model>>,
    /// The user's actors file (absolute) and the fingerprint of its contents.
    user_file: Option<(PathBuf, String)>,
}

/// The gazetteer of the embedded tables only, built on first use.
fn builtin_gazetteer() -> &'static Arc<Gazetteer> {
    static BUILTIN: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    BUILTIN.get_or_init(|| Arc::new(Gazetteer::from_tsv(DATA)))
}

/// The embedded tagger model, parsed on first use.
fn embedded_model() -> Option<Arc<tagger::Model>> {
    static EMBEDDED: OnceLock<Option<Arc<tagger::Model>>> = OnceLock::new();
    EMBEDDED
        .get_or_init(|| tagger::Model::from_gz(EMBEDDED_MODEL).ok().map(Arc::new))
        .clone()
}

impl Gazetteer {
    /// The gazetteer of the embedded tables (never a user's file), built once.
    pub fn builtin() -> &'static Gazetteer {
        builtin_gazetteer()
    }

    /// The embedded tables with the actors file at `path` on top (its rows win an alias).
    pub fn with_user_file(path: &Path) -> Result<Gazetteer> {
        let text = std::fs::read_to_string(path).map_err(|err| Error::io(path, err))?;
        validate(path, &text)?;
        Ok(Gazetteer::with_user_text(&text))
    }

    /// The embedded tables with a user file's text on top.
    fn with_user_text(text: &str) -> Gazetteer {
        let mut files: Vec<&str> = vec![text];
        files.extend_from_slice(DATA);
        Gazetteer::from_tsv(&files)
    }
}

impl Extractor {
    /// The embedded gazetteer and tagger model.
    pub fn builtin() -> Extractor {
        Extractor {
            gazetteer: Arc::clone(builtin_gazetteer()),
            model: embedded_model(),
            user_file: None,
        }
    }

    /// The embedded data with the user's actors file at `path` on top; an unreadable file or
    /// a bad line is an error naming it.
    pub fn with_user_file(path: &Path) -> Result<Extractor> {
        let text = std::fs::read_to_string(path).map_err(|err| Error::io(path, err))?;
        validate(path, &text)?;
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        Ok(Extractor {
            gazetteer: Arc::new(Gazetteer::with_user_text(&text)),
            model: embedded_model(),
            user_file: Some((absolute, fingerprint(&[text.as_bytes()]))),
        })
    }

    /// This extractor with the tagger model in `path` (gzip, as `newsdex train-ner` writes
    /// it) instead of the embedded one.
    pub fn with_model_file(mut self, path: &Path) -> Result<Extractor> {
        let bytes = std::fs::read(path).map_err(|err| Error::io(path, err))?;
        let model = tagger::Model::from_gz(&bytes).map_err(|reason| Error::ModelFile {
            path: path.to_path_buf(),
            reason,
        })?;
        self.model = Some(Arc::new(model));
        Ok(self)
    }

    /// The actors of an article, one entry per actor sorted by name, with the byte ranges of
    /// their mentions in the title and in the body.
    pub fn extract(&self, title: &str, body: &str) -> Vec<ActorMatch> {
        self.gazetteer
            .extract_with(self.model.as_deref(), title, body)
    }

    /// The gazetteer: canonical names and aliases.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The user's actors file, if one was loaded.
    pub fn user_file(&self) -> Option<&Path> {
        self.user_file.as_ref().map(|(path, _)| path.as_path())
    }

    /// Where this extractor's actors come from: the fingerprints an index records so that a
    /// change makes the next run redo every article.
    pub fn provenance(&self) -> Provenance {
        let data: Vec<&[u8]> = DATA.iter().map(|d| d.as_bytes()).collect();
        Provenance {
            gazetteer: fingerprint(&data),
            model: fingerprint(&[EMBEDDED_MODEL]),
            user_file: self.user_file.as_ref().map(|(path, _)| path.clone()),
            user_hash: self.user_file.as_ref().map(|(_, hash)| hash.clone()),
            rules: EXTRACTION_VERSION,
        }
    }
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::builtin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Officials at Acme met Vladimir Putin in Moscow.";

    fn has_user_alias(gazetteer: &Gazetteer) -> bool {
        gazetteer
            .resolve("Zyxwidget")
            .is_some_and(|(name, _)| name == "Zyx Widgets")
    }

    #[test]
    fn a_user_file_never_leaks_into_the_builtin_extractor() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("actors.tsv");
        std::fs::write(&path, "Zyx Widgets\torg\tZyxwidget|Acme\n").unwrap();
        let user = Extractor::with_user_file(&path).unwrap();
        assert!(has_user_alias(user.gazetteer()));
        let names = |e: &Extractor| -> Vec<String> {
            e.extract("", ARTICLE).into_iter().map(|m| m.name).collect()
        };
        assert!(names(&user).contains(&"Zyx Widgets".to_string()));

        let builtin = Extractor::builtin();
        assert!(!has_user_alias(builtin.gazetteer()));
        assert!(!has_user_alias(Gazetteer::builtin()));
        assert!(!names(&builtin).contains(&"Zyx Widgets".to_string()));
        assert_eq!(builtin.provenance().user_file, None);
        assert_eq!(
            user.provenance().user_file.as_deref(),
            Some(std::path::absolute(&path).unwrap().as_path())
        );
    }
}
