//! `correct`: a user's correction to the actor facet, checked against the registry, appended
//! to the index's corrections file, and reported as what it changed.

use std::path::Path;

use super::args::CorrectCommand;
use super::{kind_of, Outcome};
use crate::actors::ActorKind;
use crate::error::Error;
use crate::registry::corrections::{self, Correction};
use crate::registry::{ActorId, RegisteredActor, Registry};
use crate::search::{resolve_actor, SearchError, Searcher};

pub(super) fn run_correct(index_dir: &Path, command: CorrectCommand) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let before = searcher.registry()?;
    let correction = match command {
        CorrectCommand::Merge { name, alias } => {
            let into = known(before, &name)?;
            let merged = known(before, &alias)?;
            if merged.iter().all(|id| into.contains(id)) {
                println!(
                    "{:?} is already a form of {}; nothing to change",
                    alias,
                    before.actor(into[0]).name
                );
                return Ok(Outcome::Found);
            }
            Correction::Merge { into: name, alias }
        }
        CorrectCommand::NotActor { name } => {
            known(before, &name)?;
            Correction::NotActor { name }
        }
        CorrectCommand::Kind { name, kind } => {
            let kind = kind_of(kind);
            let ids = known(before, &name)?;
            if before.actor(ids[0]).kind == kind {
                println!(
                    "{} is already {}; nothing to change",
                    before.actor(ids[0]).name,
                    with_article(kind)
                );
                return Ok(Outcome::Found);
            }
            Correction::Kind { name, kind }
        }
    };
    corrections::append(index_dir, &correction)?;
    // Searches read the lookup table: it takes the correction at once.
    let table = crate::registry::table::write_current(index_dir)?;
    crate::actor_ords::write(searcher.index(), index_dir, table.as_ref())?;
    let after = match table {
        Some(table) => table.into_registry(),
        None => Registry::open(index_dir, searcher.index())?,
    };
    crate::stats::keep_stats(index_dir)?;
    println!("{}", change_report(before, &after, &correction));
    println!("recorded in {}", corrections::path(index_dir).display());
    Ok(Outcome::Found)
}

/// The actors `name` means (canonical name or form, any case), most articles first; a name
/// the registry does not know is an error with the closest names.
fn known(registry: &Registry, name: &str) -> Result<Vec<ActorId>, Error> {
    let found = registry.lookup(name);
    if !found.is_empty() {
        return Ok(found);
    }
    let suggestions = match resolve_actor(name, registry) {
        Ok(resolved) => vec![resolved.actor.name],
        Err(Error::Search(SearchError::UnknownActor { suggestions, .. })) => suggestions,
        Err(Error::Search(SearchError::AmbiguousActor { candidates, .. })) => candidates,
        Err(err) => return Err(err),
    };
    Err(SearchError::UnknownActor {
        name: name.trim().to_string(),
        suggestions,
    }
    .into())
}

/// One line saying what a correction changed, from the registry before and after it.
fn change_report(before: &Registry, after: &Registry, correction: &Correction) -> String {
    let described = |actor: &RegisteredActor| {
        let articles = if actor.articles == 1 {
            "1 article".to_string()
        } else {
            format!("{} articles", actor.articles)
        };
        format!("{} ({}, {articles})", actor.name, actor.kind)
    };
    match correction {
        Correction::Merge { into, alias } => {
            let merged: Vec<String> = before
                .lookup(alias)
                .into_iter()
                .map(|id| described(before.actor(id)))
                .collect();
            match after.lookup(into).first() {
                Some(&id) => {
                    let actor = after.actor(id);
                    let mut forms: Vec<&str> = Vec::new();
                    for form in &actor.forms {
                        if !forms.contains(&form.name.as_str()) {
                            forms.push(&form.name);
                        }
                    }
                    format!(
                        "merged {} into {}; its forms: {}",
                        merged.join(", "),
                        described(actor),
                        forms.join(", ")
                    )
                }
                None => format!("merged {} into {into}", merged.join(", ")),
            }
        }
        Correction::NotActor { name } => {
            let gone: Vec<String> = before
                .lookup(name)
                .into_iter()
                .map(|id| described(before.actor(id)))
                .collect();
            format!("no longer an actor: {}", gone.join(", "))
        }
        Correction::Kind { name, kind } => {
            let was = before
                .lookup(name)
                .first()
                .map(|&id| with_article(before.actor(id).kind))
                .unwrap_or_default();
            let now = with_article(*kind);
            match after.lookup(name).first() {
                Some(&id) => format!("{} is now {now} (was {was})", described(after.actor(id))),
                None => format!("{name} is now {now} (was {was})"),
            }
        }
    }
}

/// "a person", "an org", "a country", "a place".
fn with_article(kind: ActorKind) -> String {
    match kind {
        ActorKind::Org => format!("an {kind}"),
        _ => format!("a {kind}"),
    }
}
