//! `index`, `stats` and `extract`: the commands that read article files or describe an index.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use super::args::{ExtractArgs, IndexArgs, ReadArgs, StatsArgs};
use super::{found, Outcome};
use crate::actors::Extractor;
use crate::corpus::{self, FieldMap, Item, ReadOptions};
use crate::indexer::{index_corpus, IndexOptions};
use crate::output;

/// The actor extractor: the built-in one, with the user's actors file on top if given.
fn extractor(actors_file: Option<&Path>) -> crate::Result<Extractor> {
    actors_file.map_or_else(|| Ok(Extractor::builtin()), Extractor::with_user_file)
}

pub(super) fn run_index(
    index_dir: &Path,
    args: IndexArgs,
    actors_file: Option<&Path>,
) -> anyhow::Result<Outcome> {
    let mut options = IndexOptions::new(index_dir.to_path_buf());
    options.extractor = Some(extractor(actors_file)?);
    if let Some(threads) = args.threads {
        options.threads = threads.clamp(1, 64);
    }
    options.memory_bytes = (args.memory as usize) * 1024 * 1024 * options.threads;
    options.read = read_options(&args.read)?;
    if !args.read.fields.is_empty() {
        options.fields = Some(options.read.fields.clone());
    }
    options.rebuild = args.rebuild;
    options.commit_bytes = args.commit_mb * 1024 * 1024;
    let progress = !args.quiet && io::stderr().is_terminal();
    options.reporter = Some(std::sync::Arc::new(output::ProgressReporter::new(progress)));
    let summary = index_corpus(&args.read.paths, &options)?;
    if !args.quiet {
        let mut out = io::stdout().lock();
        output::write_index_summary(&mut out, &summary, &index_dir.display().to_string())?;
    }
    Ok(Outcome::Found)
}

/// How `index` and `extract` read their inputs, from the options both take.
fn read_options(args: &ReadArgs) -> anyhow::Result<ReadOptions> {
    Ok(ReadOptions {
        date_formats: args.date_formats.clone(),
        fields: FieldMap::from_specs(&args.fields).map_err(crate::Error::from)?,
        max_file_bytes: args.max_file_mb * 1024 * 1024,
        max_line_bytes: (args.max_line_mb as usize) * 1024 * 1024,
    })
}

pub(super) fn run_stats(index_dir: &Path, args: StatsArgs) -> anyhow::Result<Outcome> {
    let stats = crate::stats::index_stats(index_dir)?;
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &stats)?;
        writeln!(out)?;
    } else {
        output::write_stats_text(&mut out, &stats)?;
    }
    Ok(Outcome::Found)
}

pub(super) fn run_extract(
    args: ExtractArgs,
    actors_file: Option<&Path>,
) -> anyhow::Result<Outcome> {
    let extractor = extractor(actors_file)?;
    let walk = corpus::walk(&args.read.paths);
    for warning in &walk.warnings {
        eprintln!("newsdex: warning: {warning}");
    }
    let options = read_options(&args.read)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut articles = 0u64;
    let mut failure: Option<io::Error> = None;
    for (path, _) in &walk.files {
        corpus::read_file(path, &options, &mut |item| match item {
            Item::Warning(warning) => eprintln!("newsdex: warning: {warning}"),
            Item::Article(article, warning) => {
                if let Some(warning) = warning {
                    eprintln!("newsdex: warning: {warning}");
                }
                if failure.is_some() {
                    return;
                }
                articles += 1;
                let language = crate::lang::detect(&article.title, &article.body);
                // The extractor knows English only: no actors is better than wrong ones.
                let actors = if language == crate::lang::ENGLISH {
                    extractor.extract(&article.title, &article.body)
                } else {
                    Vec::new()
                };
                let quotations =
                    crate::quotes::find_quotations(&article.title, &article.body, &actors);
                let line = serde_json::json!({
                    "id": article.id,
                    "path": article.path,
                    "line": article.line,
                    "date": article.date.map(|d| d.to_rfc3339()),
                    "title": article.title,
                    "source": article.source,
                    "lang": language,
                    "body": article.body,
                    "actors": actors,
                    "quotes": quotations.quotes,
                    "turns": quotations.turns,
                });
                if let Err(err) = serde_json::to_writer(&mut out, &line)
                    .map_err(io::Error::from)
                    .and_then(|_| writeln!(out))
                {
                    failure = Some(err);
                }
            }
        });
        if failure.is_some() {
            break;
        }
    }
    if let Some(err) = failure {
        return Err(err.into());
    }
    out.flush()?;
    Ok(found(articles > 0))
}
