//! The bench's other scenarios: the exploration commands in process, whole processes one
//! shot at a time, and indexing against bare tantivy.
//!
//! Each times commands side by side in one run, interleaved (every pass runs every command
//! once), and reports medians and ratios: figures from one machine compare only with figures
//! of the same run.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::{sample_queries, BenchError, BenchOptions};
use crate::corpus;
use crate::error::{Error, Result};
use crate::explore::{self, BestShown, BucketUnit, TimelineTarget};
use crate::indexer::{index_corpus, IndexOptions};
use crate::output::{self, TextStyle};
use crate::search::{SearchRequest, Searcher};

/// Hits per search in every scenario, as `newsdex search` shows by default.
const SHOWN: usize = 10;

/// One timed command of a scenario.
#[derive(Debug, Clone, Serialize)]
pub struct CommandTiming {
    /// What was run, as a user types it.
    pub command: String,
    /// Median over the timed runs (over queries too: the median of each query's median).
    pub median_ms: f64,
    /// Fastest run.
    pub min_ms: f64,
    /// Timed runs.
    pub runs: usize,
    /// Median over the median of the scenario's reference command (`search`; in `oneshot`
    /// also the process floor).
    pub ratio: f64,
    /// In `oneshot`: median over the process floor's median.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor_ratio: Option<f64>,
}

/// What `--scenario explore` and `--scenario oneshot` print.
#[derive(Debug, Clone, Serialize)]
pub struct CommandReport {
    /// `explore` or `oneshot`.
    pub scenario: String,
    /// The index measured.
    pub index: String,
    /// The actor `timeline` and `cooccur` were given.
    pub actor: String,
    /// The query `search` and `search --facets` were given.
    pub query: String,
    /// The command ratios are taken against.
    pub reference: String,
    /// Every command, the reference first.
    pub commands: Vec<CommandTiming>,
}

/// What `--scenario indexing` prints.
#[derive(Debug, Clone, Serialize)]
pub struct IndexingReport {
    /// Articles indexed (by each side).
    pub articles: u64,
    /// Bytes of article text (title and body).
    pub text_bytes: u64,
    /// Bare tantivy: CPU seconds (user + system, every thread), wall seconds, index bytes.
    pub tantivy: IndexingRun,
    /// `newsdex index` with actors, copies, quotes, passages and the article field.
    pub newsdex: IndexingRun,
    /// `newsdex index` without actor extraction.
    pub newsdex_without_actors: IndexingRun,
    /// newsdex CPU over bare tantivy CPU.
    pub cpu_ratio: f64,
    /// Share of newsdex's CPU that actor extraction takes (with minus without, over with).
    pub extraction_share: f64,
}

/// One indexing run's cost.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct IndexingRun {
    /// User + system CPU seconds of the process over the run (all its threads).
    pub cpu_s: f64,
    /// Wall seconds.
    pub wall_s: f64,
    /// Size of the index directory.
    pub index_bytes: u64,
}

/// The actor and query the exploration commands are given: `--actor` and the first query of
/// `--queries`, else the most mentioned actor and the first sampled query.
fn aims(searcher: &Searcher, args: &BenchOptions) -> Result<(String, String)> {
    let actor = match &args.actor {
        Some(actor) => actor.clone(),
        None => explore::top_actors(searcher, &SearchRequest::default(), None, 1)?
            .into_iter()
            .next()
            .map(|a| a.name)
            .ok_or(BenchError::NoActors)?,
    };
    let query = match &args.queries {
        Some(file) => super::read_query_file(file)?.into_iter().next(),
        None => sample_queries(searcher, 1, args.seed)?.into_iter().next(),
    }
    .map(|q| q.text)
    .ok_or(BenchError::NoQueries {
        file: args.queries.clone(),
    })?;
    Ok((actor, query))
}

/// `--scenario explore`: `stats`, `actors`, `timeline`, `cooccur` and `search --facets` in
/// process, each opening the index and rendering its text into a buffer as the command does,
/// against a plain `search` of the same query.
pub fn explore_commands(index_dir: &Path, args: &BenchOptions) -> Result<CommandReport> {
    let (actor, query) = aims(&Searcher::open(index_dir)?, args)?;
    let style = TextStyle { color: false };
    let search = |facets: bool| -> Result<()> {
        let searcher = Searcher::open(index_dir)?;
        let request = SearchRequest {
            query: query.clone(),
            limit: SHOWN,
            ..SearchRequest::default()
        };
        let mut out = Vec::new();
        for hit in &searcher.search(&request)?.hits {
            rendered(output::write_hit_text(&mut out, hit, style))?;
        }
        if facets {
            let facets = explore::facets(&searcher, &request, 5)?;
            rendered(output::write_facets_text(&mut out, &facets))?;
        }
        std::hint::black_box(out);
        Ok(())
    };
    let stats = || -> Result<()> {
        let stats = crate::stats::index_stats(index_dir)?;
        let mut out = Vec::new();
        rendered(output::write_stats_text(&mut out, &stats))?;
        std::hint::black_box(out);
        Ok(())
    };
    let actors = || -> Result<()> {
        let searcher = Searcher::open(index_dir)?;
        let top = explore::top_actors(&searcher, &SearchRequest::default(), None, 20)?;
        let mut out = Vec::new();
        rendered(output::write_actor_counts(&mut out, &top))?;
        std::hint::black_box(out);
        Ok(())
    };
    let timeline = || -> Result<()> {
        let searcher = Searcher::open(index_dir)?;
        let mut request = SearchRequest::default();
        let label = match explore::aim_timeline(&searcher, &mut request, &actor)? {
            TimelineTarget::Actor(name) => format!("mentioning {name}"),
            TimelineTarget::Query(text) => format!("matching \"{text}\""),
        };
        let timeline =
            explore::timeline(&searcher, &request, BucketUnit::Year, BestShown::Headline)?;
        let mut out = Vec::new();
        rendered(output::write_timeline_text(
            &mut out, &timeline, &label, style,
        ))?;
        std::hint::black_box(out);
        Ok(())
    };
    let cooccur = || -> Result<()> {
        let searcher = Searcher::open(index_dir)?;
        let rows = explore::cooccur(&searcher, &actor, &SearchRequest::default(), 10, 2)?;
        let mut out = Vec::new();
        rendered(output::write_cooccurrence_text(
            &mut out, &actor, &rows, style,
        ))?;
        std::hint::black_box(out);
        Ok(())
    };
    let plain = || search(false);
    let with_facets = || search(true);
    let steps: Vec<(String, &dyn Fn() -> Result<()>)> = vec![
        (format!("search {query:?}"), &plain),
        ("stats".to_string(), &stats),
        ("actors --top 20".to_string(), &actors),
        (format!("timeline {actor:?} --by year"), &timeline),
        (format!("cooccur {actor:?} --top 10"), &cooccur),
        (format!("search --facets {query:?}"), &with_facets),
    ];
    let mut samples = vec![Vec::new(); steps.len()];
    for pass in 0..args.warmup + args.runs as usize {
        for (index, (_, step)) in steps.iter().enumerate() {
            let started = Instant::now();
            step()?;
            if pass >= args.warmup {
                samples[index].push(started.elapsed());
            }
        }
    }
    let reference = median(&samples[0]);
    let commands = steps
        .iter()
        .zip(&samples)
        .map(|((command, _), times)| timing(command.clone(), times, reference, None))
        .collect();
    Ok(CommandReport {
        scenario: "explore".to_string(),
        index: index_dir.display().to_string(),
        actor,
        query,
        reference: "search (in process, index opened each time)".to_string(),
        commands,
    })
}

/// `--scenario oneshot`: whole processes, one command at a time, stdout to nowhere: the
/// process floor (`--floor`, a hello-world binary of the same profile), `newsdex --version`,
/// `newsdex search` on each query, Xapian's `quest` on the same queries (with `--quest-db`),
/// and the exploration commands.
pub fn oneshot_commands(index_dir: &Path, args: &BenchOptions) -> Result<CommandReport> {
    let searcher = Searcher::open(index_dir)?;
    let (actor, _) = aims(&searcher, args)?;
    let queries: Vec<String> = match &args.queries {
        Some(file) => super::read_query_file(file)?,
        None => sample_queries(&searcher, args.sample.unwrap_or(10) as usize, args.seed)?,
    }
    .into_iter()
    .map(|q| q.text)
    .collect();
    drop(searcher);
    let query = queries.first().cloned().ok_or(BenchError::NoQueries {
        file: args.queries.clone(),
    })?;
    let exe = std::env::current_exe().map_err(|err| Error::io("newsdex", err))?;
    let floor = args.floor.clone().unwrap_or_else(|| default_floor(&exe));
    let newsdex = |words: &[&str]| -> Vec<String> {
        let mut argv = vec![
            exe.display().to_string(),
            "--index".to_string(),
            index_dir.display().to_string(),
        ];
        argv.extend(words.iter().map(|w| w.to_string()));
        argv
    };
    let limit = SHOWN.to_string();
    // Rows: a label and the command lines it runs (several: one per query, median of medians).
    let mut rows: Vec<(String, Vec<Vec<String>>)> = vec![
        (
            format!(
                "floor ({})",
                floor
                    .file_name()
                    .map_or(floor.as_os_str(), |n| n)
                    .to_string_lossy()
            ),
            vec![vec![floor.display().to_string()]],
        ),
        (
            format!("newsdex search ({} queries)", queries.len()),
            queries
                .iter()
                .map(|q| newsdex(&["search", "--limit", &limit, "--", q]))
                .collect(),
        ),
        (
            "newsdex --version".to_string(),
            vec![newsdex(&["--version"])],
        ),
    ];
    if let Some(db) = &args.quest_db {
        rows.push((
            format!("quest ({} queries)", queries.len()),
            queries
                .iter()
                .map(|q| {
                    let db = db.display().to_string();
                    vec!["quest".to_string(), "-d".to_string(), db, q.clone()]
                })
                .collect(),
        ));
    }
    let explore_rows: [(&str, Vec<&str>); 5] = [
        ("stats", vec!["stats"]),
        ("actors --top 20", vec!["actors", "--top", "20"]),
        (
            "timeline ACTOR --by year",
            vec!["timeline", &actor, "--by", "year"],
        ),
        (
            "cooccur ACTOR --top 10",
            vec!["cooccur", &actor, "--top", "10"],
        ),
        (
            "search --facets QUERY",
            vec!["search", "--facets", "--limit", &limit, "--", &query],
        ),
    ];
    for (label, words) in explore_rows {
        let label = label.replace("ACTOR", &format!("{actor:?}"));
        let label = label.replace("QUERY", &format!("{query:?}"));
        rows.push((format!("newsdex {label}"), vec![newsdex(&words)]));
    }
    // samples[row][command line] = durations
    let mut samples: Vec<Vec<Vec<Duration>>> = rows
        .iter()
        .map(|(_, lines)| vec![Vec::new(); lines.len()])
        .collect();
    for pass in 0..args.warmup + args.runs as usize {
        for (row, (_, lines)) in rows.iter().enumerate() {
            for (index, argv) in lines.iter().enumerate() {
                let elapsed = run_process(argv)?;
                if pass >= args.warmup {
                    samples[row][index].push(elapsed);
                }
            }
        }
    }
    let medians: Vec<Duration> = samples
        .iter()
        .map(|lines| median(&lines.iter().map(|t| median(t)).collect::<Vec<_>>()))
        .collect();
    let (floor_median, search_median) = (medians[0], medians[1]);
    let commands = rows
        .iter()
        .zip(&samples)
        .zip(&medians)
        .map(|(((label, _), lines), row_median)| {
            let all: Vec<Duration> = lines.iter().flatten().copied().collect();
            let mut timing = timing(label.clone(), &all, search_median, Some(floor_median));
            timing.median_ms = ms(*row_median);
            timing.ratio = ratio(*row_median, search_median);
            timing
        })
        .collect();
    Ok(CommandReport {
        scenario: "oneshot".to_string(),
        index: index_dir.display().to_string(),
        actor,
        query,
        reference: "newsdex search (one process per query)".to_string(),
        commands,
    })
}

/// `target/release/examples/floor` beside the running binary (`cargo build --release
/// --examples` builds it), else `/bin/true`.
fn default_floor(exe: &Path) -> PathBuf {
    let built = exe
        .parent()
        .map(|dir| dir.join("examples").join("floor"))
        .filter(|path| path.is_file());
    built.unwrap_or_else(|| PathBuf::from("/bin/true"))
}

/// Runs a command line to its end with stdout and stderr discarded; its wall time. A command
/// that cannot start or exits with an error (`search`'s "no hits", 1, is an answer) is an error.
fn run_process(argv: &[String]) -> Result<Duration> {
    let line = argv.join(" ");
    let started = Instant::now();
    let output = Command::new(&argv[0])
        .args(&argv[1..])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|err| BenchError::Command {
            command: line.clone(),
            problem: corpus::io_message(&err),
        })?;
    let elapsed = started.elapsed();
    if !matches!(output.status.code(), Some(0 | 1)) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(BenchError::Command {
            command: line,
            problem: format!(
                "{}: {}",
                output.status,
                stderr.lines().next().unwrap_or("(nothing on stderr)")
            ),
        }
        .into());
    }
    Ok(elapsed)
}

/// `--scenario indexing`: the same articles indexed by bare tantivy (title and body with
/// positions, stored, English stemming, one writer thread) and by `newsdex index`, with and
/// without actor extraction, into temporary directories, one after the other in this process.
/// Each side reads the files itself with the same reader.
pub fn indexing(inputs: &[PathBuf], args: &BenchOptions) -> Result<IndexingReport> {
    if inputs.is_empty() {
        return Err(BenchError::NoInputs.into());
    }
    let scratch = tempfile::tempdir().map_err(|err| Error::io(std::env::temp_dir(), err))?;
    let mut tantivy_runs = Vec::new();
    let mut newsdex_runs = Vec::new();
    let mut bare_runs = Vec::new();
    let (mut articles, mut text_bytes) = (0, 0);
    for pass in 0..args.runs.max(1) {
        let dir = scratch.path().join(format!("tantivy-{pass}"));
        let (run, counted) = measured(&dir, || bare_tantivy(inputs, &dir))?;
        (articles, text_bytes) = counted;
        tantivy_runs.push(run);
        for (extract, runs) in [(true, &mut newsdex_runs), (false, &mut bare_runs)] {
            let dir = scratch.path().join(format!("newsdex-{pass}-{extract}"));
            let mut options = IndexOptions::new(dir.clone());
            options.rebuild = true;
            if !extract {
                options.extractor = None;
            }
            let (run, _) = measured(&dir, || index_corpus(inputs, &options).map(|_| ()))?;
            runs.push(run);
        }
    }
    let (tantivy, newsdex, without) = (
        median_run(tantivy_runs),
        median_run(newsdex_runs),
        median_run(bare_runs),
    );
    Ok(IndexingReport {
        articles,
        text_bytes,
        tantivy,
        newsdex,
        newsdex_without_actors: without,
        cpu_ratio: newsdex.cpu_s / tantivy.cpu_s.max(1e-9),
        extraction_share: ((newsdex.cpu_s - without.cpu_s) / newsdex.cpu_s.max(1e-9)).max(0.0),
    })
}

/// Runs `work`, which writes an index into `dir`; its CPU, wall time and index size.
fn measured<T>(dir: &Path, work: impl FnOnce() -> Result<T>) -> Result<(IndexingRun, T)> {
    let (cpu, wall) = (process_cpu(), Instant::now());
    let value = work()?;
    let run = IndexingRun {
        cpu_s: (process_cpu() - cpu).as_secs_f64(),
        wall_s: wall.elapsed().as_secs_f64(),
        index_bytes: directory_bytes(dir),
    };
    Ok((run, value))
}

/// The run of median CPU among `runs`.
fn median_run(mut runs: Vec<IndexingRun>) -> IndexingRun {
    runs.sort_by(|a, b| a.cpu_s.total_cmp(&b.cpu_s));
    runs[runs.len() / 2]
}

/// Bare tantivy ([`crate::baseline::index_bare`]): returns the articles and bytes of text it
/// indexed.
fn bare_tantivy(inputs: &[PathBuf], dir: &Path) -> Result<(u64, u64)> {
    let summary = crate::baseline::index_bare(inputs, dir)?;
    Ok((summary.articles, summary.bytes))
}

/// User + system CPU time of this process so far, every thread included (also those that
/// have ended), from `/proc/self/stat` in clock ticks of 1/100 s (Linux's fixed `USER_HZ`);
/// zero where there is no such file.
fn process_cpu() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
        .sum();
    Duration::from_millis(ticks * 10)
}

/// A command's text rendered into a buffer (which cannot fail) as an [`Error`].
fn rendered(result: io::Result<()>) -> Result<()> {
    result.map_err(|err| Error::io("rendered output", err))
}

/// Bytes of the files under `dir`.
fn directory_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.metadata().ok())
        .filter(|meta| meta.is_file())
        .map(|meta| meta.len())
        .sum()
}

fn median(samples: &[Duration]) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn ratio(a: Duration, b: Duration) -> f64 {
    if b.is_zero() {
        0.0
    } else {
        a.as_secs_f64() / b.as_secs_f64()
    }
}

fn timing(
    command: String,
    times: &[Duration],
    reference: Duration,
    floor: Option<Duration>,
) -> CommandTiming {
    let row_median = median(times);
    CommandTiming {
        command,
        median_ms: ms(row_median),
        min_ms: times.iter().min().map_or(0.0, |d| ms(*d)),
        runs: times.len(),
        ratio: ratio(row_median, reference),
        floor_ratio: floor.map(|f| ratio(row_median, f)),
    }
}

/// Writes a command report as a table.
pub fn write_command_report(out: &mut dyn Write, report: &CommandReport) -> io::Result<()> {
    writeln!(
        out,
        "{}: scenario {}, actor {:?}, query {:?}",
        report.index, report.scenario, report.actor, report.query
    )?;
    let floor = report.commands.iter().any(|c| c.floor_ratio.is_some());
    write!(
        out,
        "{:<52} {:>10} {:>10} {:>5} {:>9}",
        "command", "median ms", "min ms", "runs", "x search"
    )?;
    writeln!(out, "{}", if floor { "   x floor" } else { "" })?;
    for row in &report.commands {
        write!(
            out,
            "{:<52} {:>10.2} {:>10.2} {:>5} {:>9.2}",
            row.command, row.median_ms, row.min_ms, row.runs, row.ratio
        )?;
        match row.floor_ratio {
            Some(f) => writeln!(out, " {f:>9.2}")?,
            None => writeln!(out)?,
        }
    }
    writeln!(out, "x search: over {}", report.reference)
}

/// Writes an indexing report as a table.
pub fn write_indexing_report(out: &mut dyn Write, report: &IndexingReport) -> io::Result<()> {
    writeln!(
        out,
        "{} articles, {:.1} MB of text",
        report.articles,
        report.text_bytes as f64 / 1e6
    )?;
    writeln!(
        out,
        "{:<28} {:>8} {:>8} {:>10}",
        "indexer", "CPU s", "wall s", "index MB"
    )?;
    for (name, run) in [
        ("bare tantivy (1 thread)", &report.tantivy),
        ("newsdex index", &report.newsdex),
        ("newsdex index, no actors", &report.newsdex_without_actors),
    ] {
        writeln!(
            out,
            "{name:<28} {:>8.2} {:>8.2} {:>10.1}",
            run.cpu_s,
            run.wall_s,
            run.index_bytes as f64 / 1e6
        )?;
    }
    writeln!(
        out,
        "newsdex / bare tantivy CPU: {:.2}x; actor extraction {:.0}% of newsdex's CPU",
        report.cpu_ratio,
        report.extraction_share * 100.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_ratios() {
        let times: Vec<Duration> = [5, 1, 3]
            .iter()
            .map(|&n| Duration::from_millis(n))
            .collect();
        assert_eq!(median(&times), Duration::from_millis(3));
        assert_eq!(median(&[]), Duration::ZERO);
        let row = timing("x".into(), &times, Duration::from_millis(6), None);
        assert_eq!((row.median_ms, row.min_ms, row.runs), (3.0, 1.0, 3));
        assert!((row.ratio - 0.5).abs() < 1e-9);
        assert_eq!(ratio(Duration::from_millis(1), Duration::ZERO), 0.0);
    }

    #[test]
    fn process_cpu_grows_with_work() {
        // Work until the clock ticks: on a loaded machine a fixed spell of wall time may get
        // no tick of CPU, so the spell is bounded only to keep a broken clock from hanging.
        let before = process_cpu();
        let mut x = 0u64;
        let started = Instant::now();
        while process_cpu() == before && started.elapsed() < Duration::from_secs(60) {
            for _ in 0..100_000 {
                x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
            }
        }
        assert!(process_cpu() > before);
    }

    #[test]
    fn failing_command_is_an_error_naming_it() {
        let argv = vec![
            "/bin/sh".to_string(),
            "-c".to_string(),
            "exit 3".to_string(),
        ];
        let err = run_process(&argv).unwrap_err().to_string();
        assert!(err.starts_with("/bin/sh -c exit 3: "), "{err}");
        let ok = vec![
            "/bin/sh".to_string(),
            "-c".to_string(),
            "exit 1".to_string(),
        ];
        assert!(run_process(&ok).is_ok());
    }
}
