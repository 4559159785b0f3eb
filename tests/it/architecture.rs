//! The module graph of ARCHITECTURE.md is the code's: no module imports one listed below it,
//! so the pipeline order holds and there is no cycle.

use std::collections::BTreeMap;
use std::path::Path;

/// The layers of the "Module graph" block of ARCHITECTURE.md, lowest first.
fn layers(architecture: &str) -> Vec<Vec<String>> {
    let section = architecture
        .split("## Module graph")
        .nth(1)
        .expect("ARCHITECTURE.md has a Module graph section");
    let block = section
        .split("```")
        .nth(1)
        .expect("the section has a code block");
    block
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let names = line.split("  ").next().unwrap_or_default();
            names
                .split(',')
                .map(|name| name.trim().to_string())
                .collect()
        })
        .collect()
}

/// The top-level module a source file belongs to: `src/search/rank.rs` -> `search`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let first = file.strip_prefix(src).ok()?.components().next()?;
    let name = first.as_os_str().to_str()?.trim_end_matches(".rs");
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// The crate modules a file's code (not its comments or tests) names as `crate::x`.
fn crate_imports(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = Vec::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (at, _) in line.match_indices("crate::") {
            let name: String = line[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

/// Every `(module, imported module)` pair of the crate's code.
fn imports() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut pairs = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let Some(module) = module_of(&src, entry.path()) else {
            continue;
        };
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for import in crate_imports(&text) {
            let file = entry.path().display().to_string();
            pairs.push((file, module.clone(), import));
        }
    }
    pairs
}

#[test]
fn the_read_side_never_imports_the_indexer() {
    let offending: Vec<String> = imports()
        .into_iter()
        .filter(|(_, module, import)| {
            ["search", "explore", "stats", "store"].contains(&module.as_str())
                && import == "indexer"
        })
        .map(|(file, ..)| file)
        .collect();
    assert!(
        offending.is_empty(),
        "read side importing the indexer: {offending:?}"
    );
}

#[test]
fn no_module_imports_one_listed_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut layer_of = BTreeMap::new();
    for (depth, names) in layers(&architecture).iter().enumerate() {
        for name in names {
            layer_of.insert(name.clone(), depth);
        }
    }
    let mut upward = Vec::new();
    let mut unlisted = Vec::new();
    for (file, module, import) in imports() {
        let Some(&depth) = layer_of.get(&module) else {
            unlisted.push(module);
            continue;
        };
        if layer_of.get(&import).is_some_and(|&to| to > depth) {
            upward.push(format!("{file} imports {import}"));
        }
    }
    unlisted.sort();
    unlisted.dedup();
    assert!(
        unlisted.is_empty(),
        "modules missing from ARCHITECTURE.md's graph: {unlisted:?}"
    );
    assert!(
        upward.is_empty(),
        "imports against the module graph:\n{}",
        upward.join("\n")
    );
}

#[test]
fn the_graph_parser_reads_layers_and_imports() {
    let doc =
        "## Module graph\n\ntext\n\n```\ncorpus      (date)  files\nerror, guard    leaves\n```\n";
    assert_eq!(
        layers(doc),
        vec![
            vec!["corpus".to_string()],
            vec!["error".into(), "guard".into()]
        ]
    );
    let text = "use crate::search::Hit;\n// crate::indexer in a comment\nfn f() { crate::output::x() }\n#[cfg(test)]\nmod tests { use crate::cli; }";
    assert_eq!(crate_imports(text), vec!["search", "output"]);
}
