//! Query files, read the same way by `search --queries`, `bench` and `eval`: JSONL with an
//! id and a text field, or `id<TAB>text` lines, or one bare query per line.

use std::path::Path;

use crate::error::{Error, Result};

/// Reads a query file: JSONL with `_id`/`id` and `text`/`query`, or `id<TAB>text` lines.
pub fn read_queries(path: &Path) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).map_err(|err| Error::io(path, err))?;
    let mut queries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |message: &str| Error::BadLine {
            path: path.to_path_buf(),
            line: number + 1,
            message: message.to_string(),
        };
        if line.starts_with('{') {
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|err| bad(&format!("not valid JSON ({err})")))?;
            let field = |names: &[&str]| {
                names.iter().find_map(|n| match value.get(*n) {
                    Some(serde_json::Value::String(s)) => Some(s.clone()),
                    Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                    _ => None,
                })
            };
            let id = field(&["_id", "id", "qid"]).unwrap_or_else(|| (number + 1).to_string());
            let text = field(&["text", "query"]).ok_or_else(|| bad("no \"text\" field"))?;
            queries.push((id, text));
        } else if let Some((id, text)) = line.split_once('\t') {
            queries.push((id.trim().to_string(), text.trim().to_string()));
        } else {
            queries.push(((number + 1).to_string(), line.to_string()));
        }
    }
    Ok(queries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_files_in_both_forms() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.txt");
        std::fs::write(
            &path,
            "{\"_id\": \"q1\", \"text\": \"oil prices\"}\nq2\tgrain exports\n\nplain query\n",
        )
        .unwrap();
        let queries = read_queries(&path).unwrap();
        assert_eq!(
            queries,
            vec![
                ("q1".to_string(), "oil prices".to_string()),
                ("q2".to_string(), "grain exports".to_string()),
                ("4".to_string(), "plain query".to_string()),
            ]
        );
    }
}
