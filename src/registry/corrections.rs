//! The user's corrections to the actor facet: a text file in the index directory that
//! `newsdex correct` appends to and the user may edit, applied on top of the registry by every
//! command that shows or filters actors, so a correction takes effect at once, without
//! extracting anything again.
//!
//! The file, `corrections.txt`, holds one correction per line; `#` starts a comment:
//!
//! ```text
//! merge Ada Lovelace = Lovelace      # "Lovelace" becomes a form of Ada Lovelace
//! not-actor Good Morning             # not an actor: never listed, never matched
//! kind Acme Widgets = org            # Acme Widgets is an organisation
//! ```
//!
//! Names match canonical names and raw forms, case-insensitively; later lines win.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{ActorId, Form, RegisteredActor, Registry};
use crate::actors::ActorKind;
use crate::error::{Error, Result};

/// The corrections file in the index directory.
pub const CORRECTIONS_FILE: &str = "corrections.txt";

/// One correction a user made to the actor facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    /// `alias` (and every form of its actor) becomes a form of `into`.
    Merge {
        /// The actor that stays.
        into: String,
        /// The name merged into it.
        alias: String,
    },
    /// `name` is not an actor.
    NotActor {
        /// The name.
        name: String,
    },
    /// `name` is an actor of `kind`.
    Kind {
        /// The name.
        name: String,
        /// Its kind.
        kind: ActorKind,
    },
}

impl std::fmt::Display for Correction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Correction::Merge { into, alias } => write!(f, "merge {into} = {alias}"),
            Correction::NotActor { name } => write!(f, "not-actor {name}"),
            Correction::Kind { name, kind } => write!(f, "kind {name} = {kind}"),
        }
    }
}

/// The corrections file of `index_dir`.
pub fn path(index_dir: &Path) -> PathBuf {
    index_dir.join(CORRECTIONS_FILE)
}

/// Parses one line of the file; `Ok(None)` for a blank or comment line.
pub fn parse_line(line: &str) -> std::result::Result<Option<Correction>, String> {
    let line = line.split('#').next().unwrap_or("").trim();
    if line.is_empty() {
        return Ok(None);
    }
    let (verb, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let pair = || -> std::result::Result<(String, String), String> {
        let (a, b) = rest
            .split_once(" = ")
            .ok_or_else(|| format!("`{verb}` needs two names separated by ` = `"))?;
        let (a, b) = (a.trim(), b.trim());
        if a.is_empty() || b.is_empty() {
            return Err(format!("`{verb}` needs two names separated by ` = `"));
        }
        Ok((a.to_string(), b.to_string()))
    };
    match verb {
        "merge" => {
            let (into, alias) = pair()?;
            Ok(Some(Correction::Merge { into, alias }))
        }
        "not-actor" if !rest.is_empty() => Ok(Some(Correction::NotActor {
            name: rest.to_string(),
        })),
        "not-actor" => Err("`not-actor` needs a name".to_string()),
        "kind" => {
            let (name, kind) = pair()?;
            let kind = ActorKind::parse(&kind)
                .ok_or_else(|| format!("unknown kind `{kind}` (person, org, country or place)"))?;
            Ok(Some(Correction::Kind { name, kind }))
        }
        other => Err(format!(
            "unknown correction `{other}` (merge, not-actor or kind)"
        )),
    }
}

/// Reads the corrections of `index_dir` (none when the file does not exist); a bad line is
/// an error naming the file and line.
pub fn read(index_dir: &Path) -> Result<Vec<Correction>> {
    let path = path(index_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(Error::io(&path, err)),
    };
    let mut corrections = Vec::new();
    for (n, line) in text.lines().enumerate() {
        match parse_line(line) {
            Ok(Some(correction)) => corrections.push(correction),
            Ok(None) => {}
            Err(reason) => {
                return Err(Error::BadCorrection {
                    path,
                    line: n + 1,
                    reason,
                })
            }
        }
    }
    Ok(corrections)
}

/// Appends `correction` to the corrections file of `index_dir` (created with a header that
/// explains the format when new).
pub fn append(index_dir: &Path, correction: &Correction) -> Result<()> {
    let path = path(index_dir);
    let new = !path.exists();
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|err| Error::io(&path, err))?;
    let mut text = String::new();
    if new {
        text.push_str(
            "# newsdex corrections to the actor facet, one per line (later lines win):\n\
             #   merge NAME = ALIAS     ALIAS becomes a form of NAME\n\
             #   not-actor NAME         NAME is not an actor\n\
             #   kind NAME = KIND       NAME is a person, org, country or place\n",
        );
    }
    text.push_str(&correction.to_string());
    text.push('\n');
    file.write_all(text.as_bytes())
        .map_err(|err| Error::io(&path, err))
}

/// The registry with `corrections` applied in order.
pub fn apply(registry: Registry, corrections: &[Correction]) -> Registry {
    let mut actors: Vec<Option<RegisteredActor>> = registry.actors.into_iter().map(Some).collect();
    let mut rejected: Vec<Form> = registry.rejected;
    let ambiguous = registry.ambiguous;
    let find = |actors: &[Option<RegisteredActor>], name: &str| -> Vec<ActorId> {
        let lower = name.trim().to_lowercase();
        let mut found: Vec<ActorId> = actors
            .iter()
            .enumerate()
            .filter_map(|(id, actor)| {
                let actor = actor.as_ref()?;
                let named = actor.name.to_lowercase() == lower
                    || actor.forms.iter().any(|f| f.name.to_lowercase() == lower);
                named.then_some(id as ActorId)
            })
            .collect();
        found.sort_by_key(|&id| {
            std::cmp::Reverse(actors[id as usize].as_ref().map_or(0, |a| a.articles))
        });
        found
    };
    for correction in corrections {
        match correction {
            Correction::Merge { into, alias } => {
                let Some(&target) = find(&actors, into).first() else {
                    continue;
                };
                for id in find(&actors, alias) {
                    if id == target {
                        continue;
                    }
                    if let Some(merged) = actors[id as usize].take() {
                        let target = actors[target as usize].as_mut().expect("target is live");
                        target.articles += merged.articles;
                        target.forms.extend(merged.forms);
                        target.forms.sort_by(|a, b| {
                            b.articles
                                .cmp(&a.articles)
                                .then_with(|| a.name.cmp(&b.name))
                        });
                    }
                }
            }
            Correction::NotActor { name } => {
                for id in find(&actors, name) {
                    if let Some(gone) = actors[id as usize].take() {
                        rejected.extend(gone.forms);
                    }
                }
            }
            Correction::Kind { name, kind } => {
                if let Some(&id) = find(&actors, name).first() {
                    if let Some(actor) = actors[id as usize].as_mut() {
                        actor.kind = *kind;
                    }
                }
            }
        }
    }
    Registry::from_parts(actors.into_iter().flatten().collect(), rejected, ambiguous)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RawActors;

    fn registry() -> Registry {
        let form = |name: &str, kind, articles| Form {
            name: name.to_string(),
            kind,
            articles,
        };
        Registry::settle(&RawActors {
            forms: vec![
                form("Grace Hopper", ActorKind::Person, 7),
                form("Hopper", ActorKind::Person, 3),
                form("Fine Weather", ActorKind::Org, 4),
                form("Univac", ActorKind::Person, 2),
            ],
            ..RawActors::default()
        })
    }

    #[test]
    fn lines_parse_and_bad_lines_say_why() {
        assert_eq!(
            parse_line("merge Grace Hopper = Hopper  # surname").unwrap(),
            Some(Correction::Merge {
                into: "Grace Hopper".into(),
                alias: "Hopper".into()
            })
        );
        assert_eq!(parse_line("  # only a comment").unwrap(), None);
        assert!(parse_line("kind Univac = machine")
            .unwrap_err()
            .contains("machine"));
        assert!(parse_line("merge Grace Hopper").is_err());
        assert!(parse_line("forget Hopper").unwrap_err().contains("forget"));
    }

    #[test]
    fn merge_not_actor_and_kind_take_effect() {
        let corrected = registry().corrected(&[
            Correction::Merge {
                into: "grace hopper".into(),
                alias: "Hopper".into(),
            },
            Correction::NotActor {
                name: "fine weather".into(),
            },
            Correction::Kind {
                name: "Univac".into(),
                kind: ActorKind::Org,
            },
        ]);
        let hopper = corrected.canonical(ActorKind::Person, "Hopper").unwrap();
        assert_eq!(corrected.actor(hopper).name, "Grace Hopper");
        assert_eq!(corrected.actor(hopper).articles, 10);
        assert_eq!(
            corrected.canonical(ActorKind::Org, "Fine Weather"),
            Err(super::super::Unlisted::NotAnActor)
        );
        let univac = corrected.canonical(ActorKind::Person, "Univac").unwrap();
        assert_eq!(corrected.actor(univac).kind, ActorKind::Org);
        assert_eq!(corrected.actors().len(), 2);
    }
}
