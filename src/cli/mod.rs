//! Command line: flags as given (clap derive, [`args`]), then one function per command group
//! that validates them into what the library takes and prints the result.
//!
//! Exit codes follow grep and ripgrep: 0 when something was found or done, 1 when a search
//! found nothing, 2 on error (bad query, bad option, no index, index locked or from another
//! schema version). Errors are printed once, on one line, prefixed `newsdex:`.
//!
//! Where each rule lives: [`args`] holds every flag and its help; [`search`] turns `search`'s
//! flags into one [`search::SearchConfig`] (the request and the output mode, decided once) and
//! prints it; `explore.rs` runs `actors`, `timeline` and `cooccur`; `correct.rs` runs
//! `correct`; `index.rs` runs `index`,
//! `stats` and `extract`; `eval.rs` runs `bench`, `eval`, `eval-ner` and `train-ner`.

pub mod args;
mod correct;
mod eval;
mod explore;
mod export;
mod index;
pub mod search;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::error::{Error, Result};
use crate::output::table::{TableFormat, TableWriter};
use crate::search::{FilterText, SearchRequest, Searcher};

pub use args::{Cli, ColorChoice, Command, FilterArgs, ListFormat, ListOutputArgs};

/// How a command ended, as grep and ripgrep report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found or done (exit 0).
    Found,
    /// A search found nothing (exit 1).
    NothingFound,
}

/// Exit code for an error (2).
pub const EXIT_ERROR: u8 = 2;

/// Parses the command line, runs the command and maps the result to an exit code.
pub fn main() -> ExitCode {
    // A bug must still read as one line, not a stack trace; where the indexer can recover
    // from one (a single article), it does and warns.
    std::panic::set_hook(Box::new(|info| {
        if crate::guard::is_recovering() {
            return;
        }
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let message: String = message.chars().take(200).collect();
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("newsdex: internal error{location}: {message}");
    }));
    let cli = Cli::parse_from(quote_hyphen_queries(std::env::args_os()));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli)));
    let Ok(outcome) = outcome else {
        // The hook above has printed the one line; exit as for any other error.
        return ExitCode::from(EXIT_ERROR);
    };
    match outcome {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsdex: {}", error_line(&err));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Marks as text, not options, the arguments that start with one `-` and hold a space:
/// `search '-Turkey NATO'` is a query, while no option or cluster of short options has a space.
/// A leading space keeps clap from reading them as options; the query parser ignores it.
/// Arguments after `--` are left alone (they are words already).
pub fn quote_hyphen_queries(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    let mut after_double_dash = false;
    args.into_iter()
        .map(|arg| {
            let Some(text) = arg.to_str() else {
                return arg;
            };
            if text == "--" {
                after_double_dash = true;
            }
            let looks_like_words = text.starts_with('-')
                && !text.starts_with("--")
                && text.contains(char::is_whitespace);
            if looks_like_words && !after_double_dash {
                format!(" {text}").into()
            } else {
                arg
            }
        })
        .collect()
}

/// The error and its causes on one line, `: `-separated, leaving out a cause whose text the
/// line already holds: the library's messages include their cause (`path: No such file ...`)
/// and also return it as `source()`, for callers that walk the chain.
fn error_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || matches!(cause.downcast_ref::<Error>(), Some(Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Standard output, as it is or through the writer that flattens JSON lines into CSV or TSV:
/// a command writes JSON lines either way, and the table comes from them.
pub(crate) enum Stdout {
    /// Text, JSON lines or TREC lines, as written.
    Plain(BufWriter<io::StdoutLock<'static>>),
    /// CSV or TSV made of the JSON lines written.
    Table(Box<TableWriter<BufWriter<io::StdoutLock<'static>>>>),
}

impl Stdout {
    /// Standard output for `table` (none: as written); `streaming` writes each row as it
    /// comes (see [`TableWriter::streaming`]).
    pub(crate) fn new(table: Option<TableFormat>, streaming: bool) -> Stdout {
        let out = BufWriter::new(io::stdout().lock());
        match table {
            None => Stdout::Plain(out),
            Some(format) if streaming => {
                Stdout::Table(Box::new(TableWriter::streaming(out, format)))
            }
            Some(format) => Stdout::Table(Box::new(TableWriter::buffered(out, format))),
        }
    }

    /// Writes what is held back and flushes.
    pub(crate) fn finish(self) -> io::Result<()> {
        match self {
            Stdout::Plain(mut out) => out.flush(),
            Stdout::Table(table) => table.finish()?.flush(),
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stdout::Plain(out) => out.write(buf),
            Stdout::Table(table) => table.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stdout::Plain(out) => out.flush(),
            Stdout::Table(table) => table.flush(),
        }
    }
}

/// The output of a list command: its format (`--json` is `--format json`) and, for CSV and
/// TSV, the table writer.
pub(crate) fn list_output(output: &ListOutputArgs) -> (bool, Stdout) {
    let format = output.format();
    let table = match format {
        ListFormat::Csv => Some(TableFormat::Csv),
        ListFormat::Tsv => Some(TableFormat::Tsv),
        ListFormat::Text | ListFormat::Json => None,
    };
    (format != ListFormat::Text, Stdout::new(table, false))
}

/// The index opened for the one command this process runs, kept until the process exits:
/// the system takes back its maps, caches and memos at once, where dropping them freed them
/// piece by piece (a fortieth of a one-shot search's instructions).
pub(crate) fn open_searcher(index_dir: &std::path::Path) -> Result<&'static Searcher> {
    Ok(Box::leak(Box::new(Searcher::open(index_dir)?)))
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let actors_file = cli.actors_file.as_deref();
    match cli.command {
        Command::Index(args) => index::run_index(&cli.index, args, actors_file),
        Command::Search(args) => search::run_search(&cli.index, args),
        Command::Show(args) => search::run_show(&cli.index, args),
        Command::Extract(args) => index::run_extract(args, actors_file),
        Command::Actors(args) => explore::run_actors(&cli.index, args),
        Command::Quotes(args) => explore::run_quotes(&cli.index, args),
        Command::Timeline(args) => explore::run_timeline(&cli.index, args),
        Command::Sources(args) => explore::run_sources(&cli.index, args),
        Command::Copies(args) => explore::run_copies(&cli.index, args),
        Command::Cooccur(args) => explore::run_cooccur(&cli.index, args),
        Command::Correct(command) => correct::run_correct(&cli.index, command),
        Command::Bench(args) => eval::run_bench(&cli.index, args),
        Command::Stats(args) => index::run_stats(&cli.index, args),
        Command::Serve(args) => run_serve(&cli.index, args),
        Command::Export(args) => export::run_export(&cli.index, args),
        Command::Eval(args) => eval::run_eval(args),
        Command::EvalNer(args) => eval::run_eval_ner(args),
        Command::TrainNer(args) => eval::run_train_ner(args),
    }
}

/// `serve`: the page's address is the first line of stdout, flushed at once so that a script
/// (or a test) can read it and connect.
fn run_serve(index_dir: &std::path::Path, args: args::ServeArgs) -> anyhow::Result<Outcome> {
    let options = crate::serve::ServeOptions {
        index_dir: index_dir.to_path_buf(),
        bind: args.bind,
        port: args.port,
        time_limit: std::time::Duration::from_millis(args.time_limit_ms),
    };
    crate::serve::serve(&options, |url| {
        use std::io::Write;
        let mut out = io::stdout().lock();
        let _ = writeln!(out, "{url}");
        let _ = out.flush();
    })?;
    Ok(Outcome::Found)
}

/// Whether to colour stdout for this `--color` choice.
fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// Turns `--from`/`--to`/`--actor`/`--source`/`--lang` into the request's filters.
fn apply_filters(request: &mut SearchRequest, filters: &FilterArgs) -> Result<()> {
    request.set_filters(&FilterText {
        from: filters.from.clone(),
        to: filters.to.clone(),
        actors: filters.actors.clone(),
        sources: filters.sources.clone(),
        languages: filters.languages.clone(),
        said_by: filters.said_by.clone(),
    })?;
    Ok(())
}

/// The actor kind a `--kind` or `correct kind` argument names.
fn kind_of(kind: args::KindArg) -> crate::actors::ActorKind {
    use crate::actors::ActorKind;
    match kind {
        args::KindArg::Person => ActorKind::Person,
        args::KindArg::Org => ActorKind::Org,
        args::KindArg::Country => ActorKind::Country,
        args::KindArg::Place => ActorKind::Place,
    }
}

/// Exit 0 when something was found, 1 when nothing was.
fn found(any: bool) -> Outcome {
    if any {
        Outcome::Found
    } else {
        Outcome::NothingFound
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn an_error_line_holds_each_cause_once() {
        let not_found = || io::Error::new(io::ErrorKind::NotFound, "no such file");
        let cases: Vec<(anyhow::Error, &str)> = vec![
            (
                Error::io("a.tsv", not_found()).into(),
                "a.tsv: no such file",
            ),
            (
                anyhow::Error::from(Error::io("a.tsv", not_found())).context("reading actors"),
                "reading actors: a.tsv: no such file",
            ),
            (
                anyhow::Error::from(not_found()).context("writing"),
                "writing: no such file",
            ),
            (
                Error::NothingIndexed.into(),
                "no article could be read from the inputs; index left unchanged",
            ),
        ];
        for (err, expected) in cases {
            assert_eq!(error_line(&err), expected, "{err:?}");
        }
    }

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_subcommand_built_when_run_keeps_its_help_text() {
        // Flags are built only for the subcommand run (`defer`): building them must not
        // replace the help text the listing shows with a flag struct's doc comment.
        let listed: Vec<(String, Option<String>)> = Cli::command()
            .get_subcommands()
            .map(|sub| {
                let about = sub.get_about().map(ToString::to_string);
                (sub.get_name().to_string(), about)
            })
            .collect();
        let mut built = Cli::command();
        built.build();
        for (name, about) in listed {
            let sub = built.find_subcommand(&name).expect("listed");
            assert!(sub.get_arguments().next().is_some(), "{name}: flags built");
            assert_eq!(sub.get_about().map(ToString::to_string), about, "{name}");
            assert!(about.is_some_and(|text| !text.starts_with('`')), "{name}");
        }
    }

    #[test]
    fn an_argument_with_a_leading_minus_and_a_space_is_text() {
        let args = ["newsdex", "search", "-Turkey NATO", "-n", "--", "-x y"];
        let quoted: Vec<String> = quote_hyphen_queries(args.map(std::ffi::OsString::from))
            .into_iter()
            .map(|arg| arg.into_string().unwrap())
            .collect();
        assert_eq!(
            quoted,
            ["newsdex", "search", " -Turkey NATO", "-n", "--", "-x y"]
        );
    }
}
