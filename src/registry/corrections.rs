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

/// The registry with `corrections` applied in order, so a later line wins over an earlier one
/// ("not-actor X" then "merge Y = X" makes X a form of Y). A name the registry does not know
/// (yet) changes nothing; the line stays in the file and takes effect once an index run
/// registers the name. A name the registry settled as not an actor, or as ambiguous, comes
/// back as an actor when a correction names it.
pub fn apply(registry: Registry, corrections: &[Correction]) -> Registry {
    let mut state = Corrected {
        actors: registry.actors.into_iter().map(Some).collect(),
        rejected: registry.rejected,
        ambiguous: registry.ambiguous,
    };
    for correction in corrections {
        match correction {
            Correction::Merge { into, alias } => {
                let Some(target) = state.find_or_revive(into) else {
                    continue;
                };
                for id in state.find_or_revive_all(alias) {
                    state.merge(id, target);
                }
            }
            Correction::NotActor { name } => {
                for id in state.find(name) {
                    if let Some(gone) = state.actors[id as usize].take() {
                        state.rejected.extend(gone.forms);
                    }
                }
            }
            Correction::Kind { name, kind } => {
                let named = state.find_or_revive_all(name);
                let mut keys = Vec::new();
                for &id in &named {
                    if let Some(actor) = state.actors[id as usize].as_mut() {
                        actor.kind = *kind;
                        keys.push(super::key(&actor.name));
                    }
                }
                // Actors of that kind under the same name are one actor now.
                for key in keys {
                    let mut same: Vec<ActorId> = state
                        .live()
                        .filter(|(_, a)| a.kind == *kind && super::key(&a.name) == key)
                        .map(|(id, _)| id)
                        .collect();
                    same.sort_by_key(|&id| std::cmp::Reverse(state.articles(id)));
                    if let Some((&first, rest)) = same.split_first() {
                        for &other in rest {
                            state.merge(other, first);
                        }
                    }
                }
            }
        }
    }
    let actors = state.actors.into_iter().flatten().collect();
    Registry::from_parts(actors, state.rejected, state.ambiguous)
}

/// The registry's parts while corrections are applied: a merged or rejected actor leaves a
/// hole, so ids stay stable until the end.
struct Corrected {
    actors: Vec<Option<RegisteredActor>>,
    rejected: Vec<Form>,
    ambiguous: Vec<super::AmbiguousForm>,
}

impl Corrected {
    fn live(&self) -> impl Iterator<Item = (ActorId, &RegisteredActor)> {
        self.actors
            .iter()
            .enumerate()
            .filter_map(|(id, actor)| Some((id as ActorId, actor.as_ref()?)))
    }

    fn articles(&self, id: ActorId) -> u64 {
        self.actors[id as usize].as_ref().map_or(0, |a| a.articles)
    }

    /// Live actors named `name` (canonical name or form, any case), most articles first.
    fn find(&self, name: &str) -> Vec<ActorId> {
        let lower = name.trim().to_lowercase();
        let mut found: Vec<ActorId> = self
            .live()
            .filter(|(_, actor)| {
                actor.name.to_lowercase() == lower
                    || actor.forms.iter().any(|f| f.name.to_lowercase() == lower)
            })
            .map(|(id, _)| id)
            .collect();
        found.sort_by_key(|&id| std::cmp::Reverse(self.articles(id)));
        found
    }

    /// The live actors named `name`; when there are none, the forms of that name that were
    /// not actors (rejected or ambiguous) come back as one actor.
    fn find_or_revive_all(&mut self, name: &str) -> Vec<ActorId> {
        let found = self.find(name);
        if !found.is_empty() {
            return found;
        }
        let lower = name.trim().to_lowercase();
        let mut forms: Vec<Form> = Vec::new();
        self.rejected.retain(|form| {
            let named = form.name.to_lowercase() == lower;
            if named {
                forms.push(form.clone());
            }
            !named
        });
        self.ambiguous.retain(|entry| {
            let named = entry.form.name.to_lowercase() == lower;
            if named {
                forms.push(entry.form.clone());
            }
            !named
        });
        let Some(first) = forms.iter().max_by_key(|f| f.articles).cloned() else {
            return Vec::new();
        };
        forms.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.name.cmp(&b.name))
        });
        self.actors.push(Some(RegisteredActor {
            name: first.name,
            kind: first.kind,
            articles: forms.iter().map(|f| f.articles).sum(),
            forms,
        }));
        vec![(self.actors.len() - 1) as ActorId]
    }

    fn find_or_revive(&mut self, name: &str) -> Option<ActorId> {
        self.find_or_revive_all(name).first().copied()
    }

    /// Makes every form of `id` a form of `target`.
    fn merge(&mut self, id: ActorId, target: ActorId) {
        if id == target || self.actors[target as usize].is_none() {
            return;
        }
        let Some(merged) = self.actors[id as usize].take() else {
            return;
        };
        let target = self.actors[target as usize].as_mut().expect("checked live");
        target.articles += merged.articles;
        target.forms.extend(merged.forms);
        target.forms.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.name.cmp(&b.name))
        });
    }
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

    fn form(name: &str, kind: ActorKind, articles: u64) -> Form {
        Form {
            name: name.to_string(),
            kind,
            articles,
        }
    }

    fn single(name: &str, kind: ActorKind, articles: u64) -> RegisteredActor {
        RegisteredActor {
            name: name.to_string(),
            kind,
            articles,
            forms: vec![form(name, kind, articles)],
        }
    }

    #[test]
    fn a_correction_for_a_name_not_registered_yet_waits_for_it() {
        let later = [Correction::Merge {
            into: "Grace Hopper".into(),
            alias: "Amazing Grace".into(),
        }];
        let corrected = registry().corrected(&later);
        assert_eq!(corrected.actors().len(), 3);
        assert!(corrected.lookup("amazing grace").is_empty());
        let registered = Registry::from_parts(
            vec![
                single("Grace Hopper", ActorKind::Person, 7),
                single("Amazing Grace", ActorKind::Person, 2),
            ],
            Vec::new(),
            Vec::new(),
        );
        let corrected = registered.corrected(&later);
        let id = corrected
            .canonical(ActorKind::Person, "Amazing Grace")
            .unwrap();
        assert_eq!(corrected.actor(id).name, "Grace Hopper");
    }

    #[test]
    fn a_merge_across_kinds_keeps_the_target_kind_and_maps_every_form() {
        let corrected = registry().corrected(&[Correction::Merge {
            into: "Grace Hopper".into(),
            alias: "Univac".into(),
        }]);
        let id = corrected.canonical(ActorKind::Person, "Univac").unwrap();
        assert_eq!(corrected.actor(id).name, "Grace Hopper");
        assert_eq!(corrected.actor(id).kind, ActorKind::Person);
        assert_eq!(corrected.lookup("univac"), vec![id]);
    }

    #[test]
    fn a_kind_change_that_gives_two_actors_one_name_and_kind_makes_them_one() {
        let registry = Registry::from_parts(
            vec![
                single("Selby Reach", ActorKind::Person, 5),
                single("Selby Reach", ActorKind::Place, 9),
            ],
            Vec::new(),
            Vec::new(),
        );
        let corrected = registry.corrected(&[Correction::Kind {
            name: "selby reach".into(),
            kind: ActorKind::Place,
        }]);
        assert_eq!(corrected.actors().len(), 1);
        assert_eq!(corrected.actors()[0].kind, ActorKind::Place);
        assert_eq!(corrected.actors()[0].articles, 14);
        let person = corrected.canonical(ActorKind::Person, "Selby Reach");
        assert_eq!(person, corrected.canonical(ActorKind::Place, "Selby Reach"));
    }

    #[test]
    fn later_lines_win_and_bring_back_a_rejected_name() {
        let corrected = registry().corrected(&[
            Correction::NotActor {
                name: "Hopper".into(),
            },
            Correction::Merge {
                into: "Univac".into(),
                alias: "Hopper".into(),
            },
        ]);
        let id = corrected.canonical(ActorKind::Person, "Hopper").unwrap();
        assert_eq!(corrected.actor(id).name, "Univac");
    }

    #[test]
    fn a_bad_line_is_an_error_naming_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            path(dir.path()),
            "# corrections\nnot-actor Fine Weather\nkind Univac = machine\n",
        )
        .unwrap();
        let message = read(dir.path()).unwrap_err().to_string();
        assert!(message.contains("corrections.txt: line 3: "), "{message}");
        assert!(message.contains("machine"), "{message}");
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
