//! The README's examples are true: every `$ newsdex ...` line of its `text` blocks is run on
//! the bundled corpus and its output compared with the lines under it. This is the one test
//! that reads `corpus/` as it is, on purpose: when the corpus changes, so must the README.
//! A line `...` stands for any number of lines; elapsed time and throughput are not compared.

use std::path::Path;

use crate::{bundled_corpus, newsdex};

/// One example: the command's words and the lines the README shows under it.
struct Example {
    line_number: usize,
    words: Vec<String>,
    expected: Vec<String>,
}

/// Splits a shell line into words: spaces separate, single and double quotes group.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

fn examples(readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut in_text_block = false;
    // Output lines belong to the last command of the same block.
    let mut block_has_command = false;
    for (number, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            in_text_block = line == "```text";
            block_has_command = false;
            continue;
        }
        if !in_text_block {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ newsdex ") {
            examples.push(Example {
                line_number: number + 1,
                words: shell_words(command),
                expected: Vec::new(),
            });
            block_has_command = true;
        } else if let Some(example) = examples.last_mut().filter(|_| block_has_command) {
            example.expected.push(line.to_string());
        }
    }
    for example in &mut examples {
        while example.expected.last().is_some_and(|l| l.is_empty()) {
            example.expected.pop();
        }
    }
    examples
}

/// Whether `actual` matches `expected`, where `...` matches any run of lines and lines that
/// start with a label whose value varies match on the label alone.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    const VARYING: [&str; 2] = ["  elapsed ", "  throughput "];
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual.split_first().is_some_and(|(line, tail)| {
            let same = match VARYING.iter().find(|label| first.starts_with(*label)) {
                Some(label) => line.starts_with(label),
                None => first == line,
            };
            same && matches(rest, tail)
        }),
    }
}

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 4, "no examples found in README.md");
    assert!(bundled_corpus().is_dir());
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let mut failures = Vec::new();
    // `index` first: the other examples need the index.
    let (index_examples, others): (Vec<_>, Vec<_>) =
        examples.iter().partition(|e| e.words[0] == "index");
    assert_eq!(index_examples.len(), 1, "one `$ newsdex index` example");
    for example in index_examples.into_iter().chain(others) {
        let mut command = newsdex();
        command
            .current_dir(root)
            .args(&example.words)
            .arg("--index")
            .arg(&index);
        let output = command.output().unwrap();
        let stdout = String::from_utf8(output.stdout)
            .unwrap()
            .replace(&index.display().to_string(), "index");
        let mut actual: Vec<&str> = stdout.lines().collect();
        while actual.last().is_some_and(|l| l.is_empty()) {
            actual.pop();
        }
        if !output.status.success() || !matches(&example.expected, &actual) {
            failures.push(format!(
                "README.md:{}: $ newsdex {}\n--- README shows\n{}\n--- newsdex prints\n{stdout}{}",
                example.line_number,
                example.words.join(" "),
                example.expected.join("\n"),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn ellipsis_and_varying_lines_match_and_nothing_else_does() {
    let expected: Vec<String> = ["a", "...", "  elapsed         0.18 s", "z"]
        .map(String::from)
        .to_vec();
    assert!(matches(
        &expected,
        &["a", "b", "c", "  elapsed         9.99 s", "z"]
    ));
    assert!(matches(&expected, &["a", "  elapsed         1 s", "z"]));
    assert!(!matches(&expected, &["a", "  elapsed         1 s", "y"]));
    assert!(!matches(&expected, &["b", "  elapsed         1 s", "z"]));
    assert_eq!(
        shell_words(r#"search "security guarantees" --actor 'Joe Biden' -n 2"#),
        [
            "search",
            "security guarantees",
            "--actor",
            "Joe Biden",
            "-n",
            "2"
        ]
    );
}
