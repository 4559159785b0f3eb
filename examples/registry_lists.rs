//! Prints the top actors of each kind that the registry settles for an index, and the
//! common-word evidence of the top one-word forms: the lists judged for the actor facet.
//!
//! `cargo run --release --example registry_lists -- INDEX_DIR [TOP]`

use std::path::PathBuf;

use newsdex::actors::ActorKind;
use newsdex::registry::{key_words, RawActors, Registry};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    if let Ok(words) = std::env::var("RESOLVE") {
        let gazetteer = newsdex::actors::Gazetteer::builtin();
        for word in words.split(',') {
            println!("{word} -> {:?}", gazetteer.resolve(word));
        }
        return Ok(());
    }
    let dir = PathBuf::from(args.next().ok_or("usage: registry_lists INDEX_DIR [TOP]")?);
    let top: usize = args.next().map_or(Ok(50), |t| t.parse())?;
    let index = tantivy::Index::open_in_dir(&dir)?;
    newsdex::schema::register_analyzer(&index);
    if let Ok(name) = std::env::var("LOOKUP") {
        // What `search --actor NAME` pays: open the written registry, look the name up.
        for _ in 0..3 {
            let started = std::time::Instant::now();
            let registry = Registry::open(&dir, &index)?;
            let found = registry.lookup(&name);
            eprintln!(
                "open + lookup {:.1} ms: {:?}",
                started.elapsed().as_secs_f64() * 1e3,
                found
                    .iter()
                    .map(|&id| &registry.actor(id).name)
                    .collect::<Vec<_>>()
            );
        }
        return Ok(());
    }
    let started = std::time::Instant::now();
    let raw = RawActors::read(&index, &dir)?;
    let read = started.elapsed();
    if std::env::var("PHRASES").is_ok() {
        // How the corpus writes each phrase measured: the evidence of the generic-phrase rule.
        for (key, evidence) in &raw.phrases {
            println!("{key}\t{evidence:?}");
        }
        for (key, evidence) in &raw.determiners {
            println!("det {key}\t{evidence:?}");
        }
        return Ok(());
    }
    let registry = Registry::settle(&raw);
    eprintln!(
        "read {:.2} s, settled {:.2} s: {} forms, {} aliases, {} actors",
        read.as_secs_f64(),
        (started.elapsed() - read).as_secs_f64(),
        raw.forms.len(),
        raw.aliases.len(),
        registry.actors().len()
    );
    for kind in ActorKind::ALL {
        println!("== {kind}");
        for actor in registry
            .actors()
            .iter()
            .filter(|a| a.kind == kind)
            .take(top)
        {
            let others: Vec<String> = actor
                .forms
                .iter()
                .filter(|f| f.name != actor.name || f.kind != actor.kind)
                .take(4)
                .map(|f| format!("{} ({}, {})", f.name, f.kind, f.articles))
                .collect();
            println!(
                "{:7}  {:40} {}",
                actor.articles,
                actor.name,
                others.join("; ")
            );
        }
    }
    println!("== one-word forms: articles naming / articles containing the word");
    for form in raw.forms.iter().take(300) {
        let words = key_words(&form.name);
        if let [word] = &words[..] {
            let term = raw.word_terms.get(word);
            if let Some(&containing) = term.and_then(|t| raw.term_articles.get(t)) {
                let named: u64 = raw
                    .forms
                    .iter()
                    .filter(|f| {
                        let k = key_words(&f.name);
                        k.len() == 1 && k[0] == *word
                            || f.kind == ActorKind::Person && k.last() == Some(word)
                    })
                    .map(|f| f.articles)
                    .sum();
                let longer: u64 = raw
                    .forms
                    .iter()
                    .filter(|f| {
                        let k = key_words(&f.name);
                        k.len() > 1 && k.contains(word)
                    })
                    .map(|f| f.articles)
                    .sum();
                let inside = longer as f64 / containing.max(1) as f64;
                let share = named as f64 / containing.max(1) as f64;
                println!(
                    "{share:5.2} {inside:5.2}  {:6} {:6}  {} ({})",
                    form.articles, containing, form.name, form.kind
                );
            }
        }
    }
    Ok(())
}
