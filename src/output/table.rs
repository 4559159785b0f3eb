//! CSV and TSV: any command's JSON lines, flattened into rows by one rule, so that every
//! field a command prints as JSON (and every field it will print) is a column under its
//! JSON name, with no second description of a row per command.
//!
//! The rule, field by field (a row is one JSON object, one line):
//! - a string, number or boolean is its text; `null` is an empty cell;
//! - an object is flattened into its fields, named `field.subfield` (`best.title`);
//! - a list of actors (a field named `actors` or `..._actors`, of `{name, kind}` objects) is
//!   one column per kind, `people`, `orgs`, `countries` and `places` (with the field's prefix:
//!   `passage_people`), the canonical names joined by `; `;
//! - a list of `[start, end]` pairs (highlights) is `start-end` items joined by `; `;
//! - a list of strings or numbers is its items joined by `; `;
//! - any other list (of objects: a hit's `copies`, `before`, `after`) is its compact JSON in
//!   one cell, so that nothing is lost.
//!
//! Cells are quoted by the `csv` crate (RFC 4180: a cell with the delimiter, a quote or a line
//! break is quoted, quotes doubled); TSV is the same with a tab between cells.

use std::io::{self, Write};

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::actors::ActorKind;

/// The two delimited forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Comma-separated values (RFC 4180).
    Csv,
    /// Tab-separated values, quoted as CSV is.
    Tsv,
}

/// A JSON value that keeps its fields in the order they were written (serde_json's `Value`
/// sorts them), so that columns come in the order of the JSON output.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Number(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Number(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Node::Null, Node::Number))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::String(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
                Ok(Node::String(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut fields = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Node>()? {
                    fields.push((key, value));
                }
                Ok(Node::Object(fields))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(v) => serializer.serialize_bool(*v),
            Node::Number(v) => v.serialize(serializer),
            Node::String(v) => serializer.serialize_str(v),
            Node::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Object(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (key, value) in fields {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

/// One row: `(column, cell)` in the order of the JSON fields.
type Row = Vec<(String, String)>;

/// Flattens one JSON object (a line of a command's JSON output) into its cells.
fn flatten(line: &str) -> io::Result<Row> {
    let node: Node = serde_json::from_str(line)
        .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))?;
    let mut row = Vec::new();
    match node {
        Node::Object(fields) => {
            for (key, value) in &fields {
                flatten_field(key, key, value, &mut row);
            }
        }
        other => flatten_field("value", "value", &other, &mut row),
    }
    Ok(row)
}

fn flatten_field(name: &str, key: &str, value: &Node, row: &mut Row) {
    match value {
        Node::Object(fields) => {
            for (sub, value) in fields {
                flatten_field(&format!("{name}.{sub}"), sub, value, row);
            }
        }
        Node::Array(items) if key == "actors" || key.ends_with("_actors") => {
            let stem = &name[..name.len() - "actors".len()];
            for kind in ActorKind::ALL {
                let names: Vec<&str> = items
                    .iter()
                    .filter(|item| field(item, "kind") == Some(kind.as_str()))
                    .filter_map(|item| field(item, "name"))
                    .collect();
                row.push((format!("{stem}{}", kind.plural()), names.join("; ")));
            }
        }
        Node::Array(items) => row.push((name.to_string(), list_cell(items))),
        scalar => row.push((name.to_string(), scalar_cell(scalar))),
    }
}

/// The string field `key` of an object node.
fn field<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    let Node::Object(fields) = node else {
        return None;
    };
    fields.iter().find_map(|(k, v)| match v {
        Node::String(s) if k == key => Some(s.as_str()),
        _ => None,
    })
}

fn scalar_cell(node: &Node) -> String {
    match node {
        Node::Null => String::new(),
        Node::Bool(v) => v.to_string(),
        Node::Number(v) => v.to_string(),
        Node::String(v) => v.clone(),
        Node::Array(_) | Node::Object(_) => serde_json::to_string(node).unwrap_or_default(),
    }
}

fn list_cell(items: &[Node]) -> String {
    let is_scalar = |item: &Node| !matches!(item, Node::Array(_) | Node::Object(_));
    let as_range = |item: &Node| match item {
        Node::Array(pair) => match pair.as_slice() {
            [Node::Number(start), Node::Number(end)] => Some(format!("{start}-{end}")),
            _ => None,
        },
        _ => None,
    };
    if items.iter().all(is_scalar) {
        items.iter().map(scalar_cell).collect::<Vec<_>>().join("; ")
    } else if let Some(ranges) = items.iter().map(as_range).collect::<Option<Vec<_>>>() {
        ranges.join("; ")
    } else {
        serde_json::to_string(items).unwrap_or_default()
    }
}

/// Adds the columns of `row` that `columns` lacks, each after the column that precedes it in
/// the row, so that a field missing from the first rows still takes its place.
fn merge_columns(columns: &mut Vec<String>, row: &Row) {
    let mut at = 0;
    for (name, _) in row {
        match columns.iter().position(|c| c == name) {
            Some(found) => at = found + 1,
            None => {
                columns.insert(at, name.clone());
                at += 1;
            }
        }
    }
}

/// Writes CSV or TSV from the JSON lines written into it: an `io::Write` that a command's
/// JSON output goes through unchanged.
///
/// Buffered (the default), it keeps every row and writes the header of all their columns at
/// [`TableWriter::finish`]: a field absent from some rows (`null` where others have an
/// object, a list printed only when not empty) still gets its column. Streaming
/// ([`TableWriter::streaming`]), the first row's columns are the header and each row is
/// written as it comes, in constant memory; for output whose rows all have one shape
/// (`search --all`).
pub struct TableWriter<W: Write> {
    out: csv::Writer<W>,
    pending: Vec<u8>,
    columns: Vec<String>,
    rows: Option<Vec<Row>>,
}

impl<W: Write> TableWriter<W> {
    /// A writer that writes every row at [`TableWriter::finish`], under the columns of all.
    pub fn buffered(out: W, format: TableFormat) -> TableWriter<W> {
        TableWriter {
            rows: Some(Vec::new()),
            ..TableWriter::streaming(out, format)
        }
    }

    /// A writer that writes each row as it comes, under the first row's columns.
    pub fn streaming(out: W, format: TableFormat) -> TableWriter<W> {
        let delimiter = match format {
            TableFormat::Csv => b',',
            TableFormat::Tsv => b'\t',
        };
        TableWriter {
            out: csv::WriterBuilder::new()
                .delimiter(delimiter)
                .flexible(false)
                .from_writer(out),
            pending: Vec::new(),
            columns: Vec::new(),
            rows: None,
        }
    }

    fn take_line(&mut self, line: &[u8]) -> io::Result<()> {
        let line = std::str::from_utf8(line)
            .map_err(|err| io::Error::new(io::ErrorKind::InvalidData, err))?;
        if line.trim().is_empty() {
            return Ok(());
        }
        let row = flatten(line)?;
        match &mut self.rows {
            Some(rows) => {
                merge_columns(&mut self.columns, &row);
                rows.push(row);
                Ok(())
            }
            None => {
                if self.columns.is_empty() {
                    merge_columns(&mut self.columns, &row);
                    self.out.write_record(&self.columns)?;
                }
                write_row(&mut self.out, &self.columns, &row)
            }
        }
    }

    /// Writes what is left (every row, when buffered), flushes, and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        let rest = std::mem::take(&mut self.pending);
        self.take_line(&rest)?;
        if let Some(rows) = self.rows.take() {
            // A column that is empty where other rows have an object (`best: null`) is the
            // object's placeholder: its sub-columns stand for it.
            let columns = &self.columns;
            let kept: Vec<String> = columns
                .iter()
                .filter(|c| {
                    let prefix = format!("{c}.");
                    !columns.iter().any(|other| other.starts_with(&prefix))
                })
                .cloned()
                .collect();
            if !rows.is_empty() {
                self.out.write_record(&kept)?;
            }
            for row in &rows {
                write_row(&mut self.out, &kept, row)?;
            }
        }
        self.out.flush()?;
        self.out
            .into_inner()
            .map_err(|err| io::Error::other(err.to_string()))
    }
}

fn write_row<W: Write>(out: &mut csv::Writer<W>, columns: &[String], row: &Row) -> io::Result<()> {
    let cells = columns.iter().map(|column| {
        row.iter()
            .find(|(name, _)| name == column)
            .map_or("", |(_, cell)| cell.as_str())
    });
    out.write_record(cells)?;
    Ok(())
}

impl<W: Write> Write for TableWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            self.take_line(&line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(format: TableFormat, lines: &str) -> String {
        let mut writer = TableWriter::buffered(Vec::new(), format);
        writer.write_all(lines.as_bytes()).unwrap();
        String::from_utf8(writer.finish().unwrap()).unwrap()
    }

    #[test]
    fn fields_become_columns_in_json_order() {
        let csv = table(
            TableFormat::Csv,
            "{\"zeta\":1,\"alpha\":\"x\",\"mid\":null,\"flag\":true,\"ratio\":0.25}\n",
        );
        assert_eq!(csv, "zeta,alpha,mid,flag,ratio\n1,x,,true,0.25\n");
    }

    #[test]
    fn actors_are_one_column_per_kind_with_the_field_prefix() {
        let line = r#"{"actors":[{"name":"Mira Okonjo","kind":"person"},{"name":"Tarsk","kind":"country"},{"name":"Ivo Lind","kind":"person"}],"passage_actors":[{"name":"Quill Bank","kind":"org"}]}"#;
        let csv = table(TableFormat::Csv, &format!("{line}\n"));
        assert_eq!(
            csv,
            "people,orgs,countries,places,passage_people,passage_orgs,passage_countries,passage_places\n\
             Mira Okonjo; Ivo Lind,,Tarsk,,,Quill Bank,,\n"
        );
    }

    #[test]
    fn highlights_lists_and_objects() {
        let line = r#"{"highlights":[[3,9],[12,20]],"tags":["a","b"],"best":{"rank":1,"actors":[]},"copies":[{"id":"k1"}]}"#;
        let csv = table(TableFormat::Csv, &format!("{line}\n"));
        assert_eq!(
            csv,
            "highlights,tags,best.rank,best.people,best.orgs,best.countries,best.places,copies\n\
             3-9; 12-20,a; b,1,,,,,\"[{\"\"id\"\":\"\"k1\"\"}]\"\n"
        );
    }

    #[test]
    fn a_null_object_and_a_missing_field_keep_their_columns() {
        let lines = "{\"bucket\":\"b1\",\"best\":null,\"count\":0}\n\
                     {\"bucket\":\"b2\",\"best\":{\"title\":\"T\"},\"extra\":5,\"count\":2}\n";
        assert_eq!(
            table(TableFormat::Csv, lines),
            "bucket,best.title,extra,count\nb1,,,0\nb2,T,5,2\n"
        );
    }

    #[test]
    fn tsv_uses_tabs_and_quotes_what_needs_it() {
        let line = "{\"a\":\"one\\ttwo\",\"b\":\"plain\"}\n";
        assert_eq!(table(TableFormat::Tsv, line), "a\tb\n\"one\ttwo\"\tplain\n");
    }

    #[test]
    fn a_cell_with_comma_quote_and_line_break_reads_back_unchanged() {
        let text = "Harbour, \"north\" quay\nsecond line";
        let line = serde_json::json!({ "title": text, "n": 7 }).to_string() + "\n";
        let csv = table(TableFormat::Csv, &line);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let record = reader.records().next().unwrap().unwrap();
        let title_at = headers.iter().position(|h| h == "title").unwrap();
        assert_eq!(&record[title_at], text);
    }

    #[test]
    fn streaming_writes_rows_as_they_come_under_the_first_header() {
        let mut writer = TableWriter::streaming(Vec::new(), TableFormat::Csv);
        writer.write_all(b"{\"a\":1,\"b\":2}\n{\"a\":3,").unwrap();
        writer.write_all(b"\"b\":4}\n").unwrap();
        let csv = String::from_utf8(writer.finish().unwrap()).unwrap();
        assert_eq!(csv, "a,b\n1,2\n3,4\n");
    }

    #[test]
    fn no_rows_no_header() {
        assert_eq!(table(TableFormat::Csv, ""), "");
    }
}
