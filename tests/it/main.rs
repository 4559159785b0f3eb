//! Integration tests: run the `newsdex` binary on real files in a temp dir per test.

mod actor_ords;
mod actor_table;
mod actors;
mod architecture;
mod bench;
mod canonical;
mod cli_edges;
mod copies;
mod errors;
mod explore;
mod export;
mod formats;
mod golden;
mod incremental;
mod index;
mod languages;
mod quotes;
mod readme;
mod registry;
mod relevance;
mod search;
mod serve;
mod sources;
mod table;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository's bundled demo corpus. It can change: only the README's examples
/// (`readme.rs`) read it as it is.
pub fn bundled_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The test corpus of `tests/fixtures/golden/corpus`: eight articles written for the tests.
pub fn fixture_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden/corpus")
}

/// Articles in [`fixture_corpus`] (one of them undated).
pub const FIXTURE_ARTICLES: u64 = 8;
/// Files in [`fixture_corpus`].
pub const FIXTURE_FILES: u64 = 5;

/// A `newsdex` command with colour off and no index from the environment.
pub fn newsdex() -> Command {
    let mut command = Command::cargo_bin("newsdex").expect("binary builds");
    command.env_remove("NEWSDEX_INDEX").env("NO_COLOR", "1");
    command
}

/// A temp dir with an index of `inputs` in `dir/index`.
pub struct Indexed {
    /// Keeps the directory alive.
    pub dir: tempfile::TempDir,
}

impl Indexed {
    /// Indexes the given inputs (paths relative to nothing: absolute or in the temp dir).
    pub fn new(inputs: &[&Path]) -> Indexed {
        let dir = tempfile::tempdir().unwrap();
        let mut command = newsdex();
        command
            .arg("index")
            .arg("--index")
            .arg(dir.path().join("index"));
        command.args(inputs);
        command.assert().success();
        Indexed { dir }
    }

    /// An index of the test corpus, [`fixture_corpus`].
    pub fn fixture() -> Indexed {
        Indexed::new(&[&fixture_corpus()])
    }

    /// The index directory.
    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// `newsdex search --index INDEX ARGS...`.
    pub fn search(&self, args: &[&str]) -> Command {
        let mut command = newsdex();
        command
            .arg("search")
            .arg("--index")
            .arg(self.index())
            .args(args);
        command
    }

    /// Runs a search with `--json` and returns the parsed hits (exit 0 or 1).
    pub fn json_hits(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let output = self.search(args).arg("--json").output().unwrap();
        assert!(
            output.status.code() == Some(0) || output.status.code() == Some(1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        json_lines(&output)
    }
}

/// Runs `newsdex ARGS... --index INDEX`.
pub fn run(index: &Indexed, args: &[&str]) -> std::process::Output {
    newsdex()
        .args(args)
        .arg("--index")
        .arg(index.index())
        .output()
        .unwrap()
}

/// The JSON lines of a run's stdout.
pub fn json_lines(output: &std::process::Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// Asserts that a run exited 0, showing its stderr when it did not.
pub fn assert_success(output: &std::process::Output) {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs `newsdex index --index INDEX INPUTS...` and returns what it did.
pub fn run_index(index: &Path, inputs: &[&Path]) -> std::process::Output {
    newsdex()
        .arg("index")
        .arg("--index")
        .arg(index)
        .args(inputs)
        .output()
        .unwrap()
}

/// Writes `files` (relative path, contents) under `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &[u8])]) {
    for (name, contents) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

/// A process's exit code, or 128 plus the signal that ended it (as a shell reports it), so
/// that a run killed by a signal says which one in a failed assertion.
pub fn exit_code(status: &std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0))
}

/// Runs `newsdex index --index INDEX ARGS...` and returns (exit code, stdout, stderr).
pub fn index(index_dir: &Path, args: &[&str], inputs: &[&Path]) -> (i32, String, String) {
    let output = newsdex()
        .arg("index")
        .arg("--index")
        .arg(index_dir)
        .args(args)
        .args(inputs)
        .output()
        .unwrap();
    (
        exit_code(&output.status),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// `newsdex stats --json` of an index, parsed (the run must succeed).
pub fn stats(index_dir: &Path) -> serde_json::Value {
    let output = newsdex()
        .args(["stats", "--json", "--index"])
        .arg(index_dir)
        .output()
        .unwrap();
    assert_success(&output);
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Article ids matching `query` (at most 1000, every copy its own hit), sorted.
pub fn ids(index_dir: &Path, query: &str) -> Vec<String> {
    let output = newsdex()
        .args([
            "search",
            query,
            "--json",
            "--all-copies",
            "-n",
            "1000",
            "--index",
        ])
        .arg(index_dir)
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut ids: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let hit: serde_json::Value = serde_json::from_str(line).unwrap();
            hit["article_id"].as_str().unwrap().to_string()
        })
        .collect();
    ids.sort();
    ids
}

/// Sets a file's mtime to a fixed point, so that a rewrite within the same clock tick is
/// still seen as a change, and a "touch" is one.
pub fn set_mtime(path: &Path, secs: u64) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
        .unwrap();
}
