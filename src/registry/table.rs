//! The registry as a lookup table that needs no parsing: every search that shows or filters
//! actors answers its questions from sorted lines binary-searched over the file's bytes (a
//! block index in the header says which block of about 4 KB to read),
//! instead of parsing the registry's JSON and building its maps (most of a search's time).
//!
//! `actors-table.txt` is written beside `actors-registry.json` after every `index` run and
//! every `newsdex correct`, with the user's corrections applied, and records the
//! fingerprint (size and hash) of the corrections file it applied. A reader whose corrections
//! file no longer matches (the user edited it by hand) does not use the table: the full
//! registry, corrections on top, answers instead. The layout, after a header of two lines and
//! the block index (section, offset and first key of each block),
//! is five sections of lines, each sorted by its key (names escaped: `\\`, `\t`, `\n`):
//!
//! ```text
//! forms     KIND<TAB>NAME<TAB>AT            raw form -> its actor, or "-" when not an actor
//! names     LOWERCASE NAME<TAB>AT,AT...     canonical names and forms as typed -> actors
//! folded    FOLDED NAME<TAB>AT,AT...        names with accents, folded to ASCII -> actors
//! surnames  FOLDED SURNAME<TAB>AT,AT...     last word of people named in full -> people
//! actors    KIND<TAB>NAME<TAB>ARTICLES(<TAB>KIND<TAB>FORM)...   in registry order
//! ```
//!
//! `AT` is the byte offset of an actor's line in the actors section, so offsets order actors
//! as the registry does (most articles first).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, TokenStream};

use super::{corrections, Registry};
use crate::actors::ActorKind;
use crate::corpus::fnv::Fnv1a;
use crate::error::{Error, Result};
use crate::store::remove_if_present;

/// The table's file in the index directory.
pub const TABLE_FILE: &str = "actors-table.txt";

/// The first word of the header; the version after it changes with the layout.
const MAGIC: &str = "newsdex-actor-table";
/// The layout's version.
const VERSION: u32 = 2;
/// The bytes of a block of a searched section, about: a lookup reads one.
const BLOCK: usize = 4096;
/// The bytes read for an actor's line at first (a longer line is read again, whole).
const ACTOR_LINE: usize = 512;
/// The most actors a table remembers the lines of (see [`ActorTable::actor`]).
const NAMED_MAX: usize = 100_000;

/// An actor of the table: the byte offset of its line in the actors section. Offsets order
/// actors as the registry does, most articles first.
pub type ActorAt = u32;

/// What the table says about a corrections file: its size and FNV-1a hash (a missing file is
/// empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// Size in bytes.
    pub size: u64,
    /// Hash of the content.
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of the corrections file of `index_dir`.
    pub fn of_corrections(index_dir: &Path) -> Result<Fingerprint> {
        let path = corrections::path(index_dir);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => return Err(Error::io(&path, err)),
        };
        Ok(Fingerprint {
            size: bytes.len() as u64,
            hash: Fnv1a::new().write(&bytes).finish(),
        })
    }
}

/// The registry's lookup table: its header in memory, the block index read on the first
/// lookup by key, the rest read from the open file a block or a line at a time. The file is
/// held open, so a table written meanwhile (renamed over it) never mixes with this one.
#[derive(Debug)]
pub struct ActorTable {
    file: std::fs::File,
    /// Where the searched sections are in the file: forms, names, folded, surnames.
    searched: [Range<u64>; 4],
    /// Where the block index is in the file.
    block_index_at: Range<u64>,
    /// The block index, read and split on the first lookup by key (`None` inside when it
    /// cannot be read: lookups by key then find nothing, as for an unreadable block).
    /// Naming actors by offset, what a page of hits does, never reads it.
    block_index: std::sync::OnceLock<Option<BlockIndex>>,
    /// Where the actors section starts and ends in the file.
    actors: Range<u64>,
    /// The buffer lookups read blocks and actor lines into, kept between them: a fresh
    /// buffer per read is allocated and zeroed first, which cost more than the read.
    scratch: std::sync::Mutex<Vec<u8>>,
    /// The actors already named, by offset: a page of hits names most of its actors twice
    /// (as its articles' and as its passages'), and a line read costs a read of the file.
    named: std::sync::Mutex<rustc_hash::FxHashMap<ActorAt, TableActor>>,
}

/// The block index as read: per searched section, the first key (where it is in `bytes`, not
/// copied out of it) and offset (from the section's start) of each of its blocks.
#[derive(Debug, Default)]
struct BlockIndex {
    bytes: Vec<u8>,
    sections: [Vec<((usize, usize), u64)>; 4],
}

impl BlockIndex {
    /// The block index in `bytes`; `None` when a line is not a block of a searched section.
    fn parse(bytes: Vec<u8>) -> Option<BlockIndex> {
        let mut sections: [Vec<((usize, usize), u64)>; 4] = Default::default();
        let mut line_start = 0;
        for line in bytes.split(|&b| b == b'\n') {
            let at = line_start;
            line_start += line.len() + 1;
            if line.is_empty() {
                continue;
            }
            let mut fields = line.splitn(3, |&b| b == b'\t');
            let number = std::str::from_utf8(fields.next()?).ok()?;
            let start = std::str::from_utf8(fields.next()?).ok()?;
            let key_start = at + number.len() + start.len() + 2;
            let key = (key_start.min(at + line.len()), at + line.len());
            fields.next()?;
            let number: usize = number.parse().ok()?;
            let start: u64 = start.parse().ok()?;
            sections.get_mut(number)?.push((key, start));
        }
        Some(BlockIndex { bytes, sections })
    }
}

/// One actor as the table holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableActor {
    /// The canonical name.
    pub name: String,
    /// The canonical kind.
    pub kind: ActorKind,
    /// Articles that hold any of its forms.
    pub articles: u64,
}

/// The table file of `index_dir`.
pub fn path(index_dir: &Path) -> PathBuf {
    index_dir.join(TABLE_FILE)
}

/// The table file of `index_dir`, open for reading; `None` when there is none.
pub fn open_file(index_dir: &Path) -> Result<Option<std::fs::File>> {
    let path = path(index_dir);
    match std::fs::File::open(&path) {
        Ok(file) => Ok(Some(file)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(Error::io(&path, err)),
    }
}

/// `name` lowercased and with accents folded to ASCII ("Erdoğan" -> "erdogan"), as people
/// type names on an English keyboard.
pub fn fold(name: &str) -> String {
    if name.is_ascii() {
        return name.to_lowercase();
    }
    let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut stream = analyzer.token_stream(name);
    let mut text = String::new();
    while let Some(token) = stream.next() {
        text.push_str(&token.text);
    }
    text
}

/// Writes the table of `index_dir` from the registry file and the corrections file as they
/// are now (temporary file, then renamed), and returns it as written (the corrected registry
/// it holds among it). When
/// the corrections file changes meanwhile or cannot be read, the table is removed instead
/// (`None`): readers then use the full registry.
pub fn write_current(index_dir: &Path) -> Result<Option<WrittenTable<'static>>> {
    let before = Fingerprint::of_corrections(index_dir)?;
    match Registry::open_file(index_dir) {
        Ok(Some(registry)) => write_checked(index_dir, Cow::Owned(registry), before),
        Ok(None) | Err(Error::BadCorrection { .. }) => {
            remove_if_present(&path(index_dir)).map(|()| None)
        }
        Err(err) => Err(err),
    }
}

/// Writes the table of `index_dir` for a registry just settled (not read back from its
/// file), with the corrections file as it is now; as [`write_current`] otherwise.
pub fn write_settled<'r>(
    index_dir: &Path,
    settled: &'r Registry,
) -> Result<Option<WrittenTable<'r>>> {
    let before = Fingerprint::of_corrections(index_dir)?;
    // Without corrections (the usual case) the settled registry is the table's as it is: a
    // copy of every actor and form to apply none would cost as much as the layout.
    let corrected = match super::corrections::read(index_dir) {
        Ok(corrections) if corrections.is_empty() => Cow::Borrowed(settled),
        Ok(corrections) => Cow::Owned(settled.clone().corrected(&corrections)),
        Err(Error::BadCorrection { .. }) => {
            return remove_if_present(&path(index_dir)).map(|()| None)
        }
        Err(err) => return Err(err),
    };
    write_checked(index_dir, corrected, before)
}

/// Writes the table of `registry` unless the corrections file changed since `before` (then
/// the table is removed: `None`).
fn write_checked<'r>(
    index_dir: &Path,
    registry: Cow<'r, Registry>,
    before: Fingerprint,
) -> Result<Option<WrittenTable<'r>>> {
    let table = path(index_dir);
    if Fingerprint::of_corrections(index_dir)? != before {
        return remove_if_present(&table).map(|()| None);
    }
    let (bytes, at_of) = layout(&registry, before);
    crate::store::write_atomically(&table, &bytes)?;
    Ok(Some(WrittenTable {
        at_of,
        size: bytes.len() as u64,
        head: bytes[..STAMPED_HEAD.min(bytes.len())].to_vec(),
        registry,
    }))
}

/// The bytes of the table's head that a stamp of the table hashes (with its size and
/// modification time, it tells one table file from another).
pub const STAMPED_HEAD: usize = 4096;

/// A table as the process that wrote it holds it: the registry laid out and each actor's
/// offset, so that what maps forms to the table's actors (the actor ordinals) looks forms up
/// by hash instead of reading the file back and searching its lines.
#[derive(Debug)]
pub struct WrittenTable<'r> {
    /// The registry the table holds (the user's corrections applied).
    registry: Cow<'r, Registry>,
    /// Per actor id: the offset of its line.
    at_of: Vec<ActorAt>,
    /// The file's size and its first [`STAMPED_HEAD`] bytes.
    size: u64,
    head: Vec<u8>,
}

impl WrittenTable<'_> {
    /// The actor of a raw form and its canonical kind, as [`WholeForms::canonical`] and
    /// [`WholeForms::actor`] of the file read back say.
    pub fn canonical(
        &self,
        kind: ActorKind,
        name: &str,
    ) -> std::result::Result<(ActorAt, ActorKind), super::Unlisted> {
        let id = self.registry.canonical(kind, name)?;
        Ok((self.at_of[id as usize], self.registry.actor(id).kind))
    }

    /// The size of the file written, in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The first bytes of the file written, at most [`STAMPED_HEAD`].
    pub fn head(&self) -> &[u8] {
        &self.head
    }

    /// The registry the table holds, the user's corrections applied.
    pub fn into_registry(self) -> Registry {
        self.registry.into_owned()
    }
}

/// `name` with the characters that separate fields and lines escaped.
fn escape(name: &str) -> String {
    // Nearly every name has none of them: copied whole.
    if !name.bytes().any(|b| matches!(b, b'\\' | b'\t' | b'\n')) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Appends `lines` (key, value), in the order given (sorted by key), to `out`.
fn push_sorted(out: &mut Vec<u8>, lines: impl IntoIterator<Item = (String, String)>) {
    for (key, value) in lines {
        out.extend_from_slice(key.as_bytes());
        out.push(b'\t');
        out.extend_from_slice(value.as_bytes());
        out.push(b'\n');
    }
}

fn joined(ats: &[ActorAt]) -> String {
    let texts: Vec<String> = ats.iter().map(|at| at.to_string()).collect();
    texts.join(",")
}

/// The table's bytes for `registry`, which applied the corrections of `fingerprint`, and the
/// offset of each actor's line (by actor id).
fn layout(registry: &Registry, fingerprint: Fingerprint) -> (Vec<u8>, Vec<ActorAt>) {
    let mut actors = Vec::new();
    let mut at_of = Vec::with_capacity(registry.actors.len());
    for actor in &registry.actors {
        at_of.push(actors.len() as ActorAt);
        let mut line = format!(
            "{}\t{}\t{}",
            actor.kind.as_str(),
            escape(&actor.name),
            actor.articles
        );
        for form in &actor.forms {
            line.push_str(&format!("\t{}\t{}", form.kind.as_str(), escape(&form.name)));
        }
        line.push('\n');
        actors.extend_from_slice(line.as_bytes());
    }
    // Keys are unique (a form once per kind, a name once; escaping keeps them apart), so a
    // vector sorted once orders them as a map would, without a search per insert.
    let mut forms = Vec::new();
    let by_form = ActorKind::ALL.iter().flat_map(|&kind| {
        registry.by_form[kind as usize]
            .iter()
            .map(move |(name, id)| (kind, name, id))
    });
    for (kind, name, id) in by_form {
        let at = id.map_or_else(|| "-".to_string(), |id| at_of[id as usize].to_string());
        forms.push((format!("{}\t{}", kind.as_str(), escape(name)), at));
    }
    forms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut names: Vec<(String, String)> = registry
        .by_lower
        .iter()
        .map(|(name, ids)| {
            let ats: Vec<ActorAt> = ids.iter().map(|&id| at_of[id as usize]).collect();
            (escape(name), joined(&ats))
        })
        .collect();
    names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut folded: BTreeMap<String, Vec<ActorAt>> = BTreeMap::new();
    let mut surnames: BTreeMap<String, Vec<ActorAt>> = BTreeMap::new();
    for (id, actor) in registry.actors.iter().enumerate() {
        let at = at_of[id];
        let mut names: Vec<String> = std::iter::once(&actor.name)
            .chain(actor.forms.iter().map(|form| &form.name))
            .filter(|name| !name.is_ascii())
            .map(|name| fold(name))
            .filter(|name| !name.is_empty())
            .collect();
        names.sort();
        names.dedup();
        for name in names {
            folded.entry(escape(&name)).or_default().push(at);
        }
        if actor.kind == ActorKind::Person && actor.name.contains(' ') {
            if let Some(last) = actor.name.rsplit(' ').next() {
                let last = fold(last);
                if !last.is_empty() {
                    surnames.entry(escape(&last)).or_default().push(at);
                }
            }
        }
    }
    let to_lines = |map: BTreeMap<String, Vec<ActorAt>>| {
        map.into_iter()
            .map(|(key, ats)| (key, joined(&ats)))
            .collect::<BTreeMap<_, _>>()
    };
    let mut sections: Vec<Vec<u8>> = vec![Vec::new(); 4];
    push_sorted(&mut sections[0], forms);
    push_sorted(&mut sections[1], names);
    push_sorted(&mut sections[2], to_lines(folded));
    push_sorted(&mut sections[3], to_lines(surnames));
    sections.push(actors);
    // The block index: the first key and offset of every block of about BLOCK bytes of each
    // searched section, so that a lookup reads one block of the file.
    let mut blocks = String::new();
    for (number, section) in sections[..4].iter().enumerate() {
        let mut start = 0;
        while start < section.len() {
            let line_end = section[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(section.len(), |p| start + p);
            let line = &section[start..line_end];
            let tab = line.iter().rposition(|&b| b == b'\t').unwrap_or(line.len());
            blocks.push_str(&format!(
                "{number}\t{start}\t{}\n",
                String::from_utf8_lossy(&line[..tab])
            ));
            let wanted = start + BLOCK;
            start = if wanted >= section.len() {
                section.len()
            } else {
                section[wanted..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(section.len(), |p| wanted + p + 1)
            };
        }
    }
    let mut offsets = vec![0usize];
    for section in &sections {
        offsets.push(offsets.last().copied().unwrap_or(0) + section.len());
    }
    let offsets: Vec<String> = offsets.iter().map(|o| o.to_string()).collect();
    let mut out = format!(
        "{MAGIC} {VERSION} corrections {} {}\nsections {} blocks {}\n",
        fingerprint.size,
        fingerprint.hash,
        offsets.join(" "),
        blocks.len()
    )
    .into_bytes();
    out.extend_from_slice(blocks.as_bytes());
    for section in sections {
        out.extend_from_slice(&section);
    }
    (out, at_of)
}

/// The value of the line whose key (all before its last tab) is `key` among sorted `lines`,
/// by binary search over the bytes.
fn find_line<'a>(lines: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    // `low` and `high` are always at the start of a line (or the end).
    let (mut low, mut high) = (0, lines.len());
    while low < high {
        let middle = low + (high - low) / 2;
        let start = lines[low..middle]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(low, |p| low + p + 1);
        let end = lines[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(lines.len(), |p| start + p);
        let line = &lines[start..end];
        let tab = line.iter().rposition(|&b| b == b'\t')?;
        match line[..tab].cmp(key) {
            std::cmp::Ordering::Equal => return Some(&line[tab + 1..]),
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    None
}

/// The key of a raw form's line in the forms section.
fn form_key(kind: ActorKind, name: &str) -> String {
    format!("{}\t{}", kind.as_str(), escape(name))
}

/// The actor a form's line value names: `-` is no actor, a missing line a form never seen.
fn form_actor(value: Option<&[u8]>) -> std::result::Result<ActorAt, super::Unlisted> {
    match value {
        Some(b"-") => Err(super::Unlisted::NotAnActor),
        Some(value) => std::str::from_utf8(value)
            .ok()
            .and_then(|at| at.parse().ok())
            .ok_or(super::Unlisted::Unknown),
        None => Err(super::Unlisted::Unknown),
    }
}

/// The actor of an actor line's first fields: kind, name, articles.
fn table_actor<'a>(mut fields: impl Iterator<Item = &'a str>) -> TableActor {
    let kind = fields
        .next()
        .and_then(ActorKind::parse)
        .unwrap_or(ActorKind::Person);
    let name = unescape(fields.next().unwrap_or(""));
    let articles = fields.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    TableActor {
        name,
        kind,
        articles,
    }
}

/// The table's forms and actors sections in memory: what maps every form of a facet
/// dictionary at once (exploration reads them all) in two reads of the file, where looking
/// each form up in place reads a block per form. The actors section is read at once; the
/// forms section, and the index of its lines, on the first form looked up, since naming
/// actors by their offsets (a timeline's shown passages) needs only the actors.
#[derive(Debug)]
pub struct WholeForms {
    /// The table file (the same open file as the table's) and where its forms section is.
    file: std::fs::File,
    forms_range: Range<u64>,
    forms: std::sync::OnceLock<FormLines>,
    actors: Vec<u8>,
}

/// The forms section read whole, its lines indexed.
#[derive(Debug, Default)]
struct FormLines {
    forms: Vec<u8>,
    /// Each line of `forms` that has a value, in order: where it starts, where its key ends
    /// (its last tab) and where it ends.
    lines: Vec<(u32, u32, u32)>,
}

impl FormLines {
    /// The lines of `forms` indexed (a line without a value, which the writer never makes,
    /// is left out: it has nothing to find).
    fn new(forms: Vec<u8>) -> FormLines {
        let mut lines = Vec::new();
        let mut start = 0;
        while start < forms.len() {
            let end = forms[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(forms.len(), |p| start + p);
            if let Some(tab) = forms[start..end].iter().rposition(|&b| b == b'\t') {
                lines.push((start as u32, (start + tab) as u32, end as u32));
            }
            start = end + 1;
        }
        FormLines { forms, lines }
    }
}

impl WholeForms {
    /// The actor of a raw form, as [`ActorTable::canonical`].
    pub fn canonical(
        &self,
        kind: ActorKind,
        name: &str,
    ) -> std::result::Result<ActorAt, super::Unlisted> {
        let FormLines { forms, lines } = self.forms.get_or_init(|| {
            let len = usize::try_from(self.forms_range.end - self.forms_range.start);
            len.ok()
                .and_then(|len| read_at(&self.file, self.forms_range.start, len))
                .map(FormLines::new)
                .unwrap_or_default()
        });
        let key = form_key(kind, name);
        let found = lines
            .binary_search_by(|&(start, tab, _)| {
                forms[start as usize..tab as usize].cmp(key.as_bytes())
            })
            .ok()
            .map(|at| {
                let (_, tab, end) = lines[at];
                &forms[tab as usize + 1..end as usize]
            });
        form_actor(found)
    }

    /// The actor at `at`, as [`ActorTable::actor`].
    pub fn actor(&self, at: ActorAt) -> TableActor {
        let line = self.actors.get(at as usize..).unwrap_or(&[]);
        let line = &line[..line.iter().position(|&b| b == b'\n').unwrap_or(line.len())];
        table_actor(String::from_utf8_lossy(line).split('\t'))
    }
}

/// `len` bytes of `file` from `offset`, without moving a shared cursor.
fn read_at(file: &std::fs::File, offset: u64, len: usize) -> Option<Vec<u8>> {
    let mut bytes = vec![0; len];
    read_exact_at(file, offset, &mut bytes)?;
    Some(bytes)
}

/// Fills `bytes` from `file` at `offset`, without moving a shared cursor.
#[cfg(unix)]
fn read_exact_at(file: &std::fs::File, offset: u64, bytes: &mut [u8]) -> Option<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(bytes, offset).ok()
}

/// Fills `bytes` from `file` at `offset`.
#[cfg(not(unix))]
fn read_exact_at(file: &std::fs::File, offset: u64, bytes: &mut [u8]) -> Option<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = file.try_clone().ok()?;
    file.seek(SeekFrom::Start(offset)).ok()?;
    file.read_exact(bytes).ok()
}

impl ActorTable {
    /// The table of `index_dir` when it holds the corrections the user has now; `None` when
    /// there is none, it is of another layout or unreadable, or the corrections file changed
    /// since it was written (the full registry answers then).
    pub fn open(index_dir: &Path) -> Result<Option<ActorTable>> {
        match open_file(index_dir)? {
            Some(file) => ActorTable::from_file(index_dir, file),
            None => Ok(None),
        }
    }

    /// [`ActorTable::open`] for the table file of `index_dir` already open.
    pub fn from_file(index_dir: &Path, file: std::fs::File) -> Result<Option<ActorTable>> {
        let Some((table, written_with)) = ActorTable::read_header(file) else {
            return Ok(None);
        };
        if Fingerprint::of_corrections(index_dir)? != written_with {
            return Ok(None);
        }
        Ok(Some(table))
    }

    /// The table in `file` and the corrections it applied; `None` when the header is not
    /// this layout's or does not fit the file.
    fn read_header(file: std::fs::File) -> Option<(ActorTable, Fingerprint)> {
        let file_len = file.metadata().ok()?.len();
        let head = read_at(&file, 0, 1024.min(file_len as usize))?;
        let first_end = head.iter().position(|&b| b == b'\n')?;
        let second_end = first_end + 1 + head[first_end + 1..].iter().position(|&b| b == b'\n')?;
        let first = std::str::from_utf8(&head[..first_end]).ok()?;
        let second = std::str::from_utf8(&head[first_end + 1..second_end]).ok()?;
        let words: Vec<&str> = first.split(' ').collect();
        let [magic, version, "corrections", size, hash] = words[..] else {
            return None;
        };
        if magic != MAGIC || version.parse::<u32>().ok()? != VERSION {
            return None;
        }
        let fingerprint = Fingerprint {
            size: size.parse().ok()?,
            hash: hash.parse().ok()?,
        };
        let words: Vec<&str> = second.split(' ').collect();
        let ["sections", offsets @ .., "blocks", blocks_len] = &words[..] else {
            return None;
        };
        let blocks_start = (second_end + 1) as u64;
        let blocks_len: u64 = blocks_len.parse().ok()?;
        let base = blocks_start + blocks_len;
        let offsets: Vec<u64> = offsets
            .iter()
            .map(|w| w.parse::<u64>().ok().map(|o| o + base))
            .collect::<Option<_>>()?;
        if offsets.len() != 6 || offsets[5] != file_len || offsets.windows(2).any(|w| w[0] > w[1]) {
            return None;
        }
        let searched: [Range<u64>; 4] =
            std::array::from_fn(|number| offsets[number]..offsets[number + 1]);
        Some((
            ActorTable {
                file,
                searched,
                block_index_at: blocks_start..base,
                block_index: std::sync::OnceLock::new(),
                actors: offsets[4]..offsets[5],
                scratch: std::sync::Mutex::default(),
                named: std::sync::Mutex::default(),
            },
            fingerprint,
        ))
    }

    /// The block index, read on first need.
    fn block_index(&self) -> Option<&BlockIndex> {
        self.block_index
            .get_or_init(|| {
                let at = &self.block_index_at;
                let bytes = read_at(
                    &self.file,
                    at.start,
                    usize::try_from(at.end - at.start).ok()?,
                )?;
                BlockIndex::parse(bytes)
            })
            .as_ref()
    }

    /// The value of the line whose key is `key` in the searched section `number`: the block
    /// that may hold it is read, then binary-searched.
    fn find(&self, number: usize, key: &[u8]) -> Option<Vec<u8>> {
        let index = self.block_index()?;
        let range = &self.searched[number];
        let blocks = &index.sections[number];
        let block = blocks
            .partition_point(|&((from, to), _)| &index.bytes[from..to] <= key)
            .checked_sub(1)?;
        let start = blocks[block].1;
        let end = blocks
            .get(block + 1)
            .map_or(range.end - range.start, |next| next.1);
        self.with_read(range.start + start, end.checked_sub(start)?, |lines| {
            find_line(lines, key).map(<[u8]>::to_vec)
        })?
    }

    /// `f` of `len` bytes of the file from `offset`, read into the table's scratch buffer;
    /// `None` when they cannot be read (as [`Self::read`]).
    fn with_read<R>(&self, offset: u64, len: u64, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
        let len = usize::try_from(len).ok()?;
        let mut scratch = self
            .scratch
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if scratch.len() < len {
            scratch.resize(len, 0);
        }
        let bytes = &mut scratch[..len];
        read_exact_at(&self.file, offset, bytes)?;
        Some(f(bytes))
    }

    /// `len` bytes of the file from `offset`; `None` when they cannot be read (the file is
    /// held open, so only a failing disk does that: the lookup then finds nothing).
    fn read(&self, offset: u64, len: u64) -> Option<Vec<u8>> {
        read_at(&self.file, offset, usize::try_from(len).ok()?)
    }

    fn actors_of(&self, number: usize, key: &str) -> Vec<ActorAt> {
        self.find(number, escape(key).as_bytes())
            .and_then(|value| String::from_utf8(value).ok())
            .map(|value| value.split(',').filter_map(|at| at.parse().ok()).collect())
            .unwrap_or_default()
    }

    /// The actor of a raw form, as [`Registry::canonical`]: why it has none when the form is
    /// not an actor or the table has never seen it.
    pub fn canonical(
        &self,
        kind: ActorKind,
        name: &str,
    ) -> std::result::Result<ActorAt, super::Unlisted> {
        form_actor(self.find(0, form_key(kind, name).as_bytes()).as_deref())
    }

    /// The actors a typed name means (canonical names and forms, any case), as
    /// [`Registry::lookup`]: most articles first, empty when nothing matches.
    pub fn lookup(&self, typed: &str) -> Vec<ActorAt> {
        self.actors_of(1, &typed.trim().to_lowercase())
    }

    /// The actors with a name or form that is not ASCII and folds ([`fold`]) to `folded`.
    pub fn with_folded_name(&self, folded: &str) -> Vec<ActorAt> {
        self.actors_of(2, folded)
    }

    /// The people named in more than one word whose last word folds to `surname`.
    pub fn with_surname(&self, surname: &str) -> Vec<ActorAt> {
        self.actors_of(3, surname)
    }

    /// The fields of the actor line at `at`: kind, name, articles, then kind and name of
    /// each form; only the first `wanted` fields are split out.
    fn actor_fields(&self, at: ActorAt, wanted: usize) -> Vec<String> {
        let start = self.actors.start + u64::from(at);
        let mut len = ACTOR_LINE as u64;
        loop {
            let len_here = len.min(self.actors.end.saturating_sub(start));
            let fields = self.with_read(start, len_here, |bytes| {
                let end = bytes.iter().position(|&b| b == b'\n');
                let fields_end = bytes
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == b'\t')
                    .nth(wanted.saturating_sub(1))
                    .map(|(at, _)| at);
                if end.is_none() && fields_end.is_none() && len_here == len {
                    return None;
                }
                let line = &bytes[..end.unwrap_or(bytes.len())];
                let line = &line[..fields_end.unwrap_or(line.len()).min(line.len())];
                Some(
                    String::from_utf8_lossy(line)
                        .split('\t')
                        .take(wanted)
                        .map(str::to_string)
                        .collect(),
                )
            });
            match fields {
                // The line goes on past what was read: read more of it.
                Some(None) => len *= 4,
                Some(Some(fields)) => return fields,
                None => return Vec::new(),
            }
        }
    }

    /// The actor at `at` (its line read once for the table's life).
    pub fn actor(&self, at: ActorAt) -> TableActor {
        let lock = || {
            self.named
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        if let Some(known) = lock().get(&at) {
            return known.clone();
        }
        let fields = self.actor_fields(at, 3);
        let actor = table_actor(fields.iter().map(String::as_str));
        let mut named = lock();
        if named.len() >= NAMED_MAX {
            named.clear();
        }
        named.insert(at, actor.clone());
        actor
    }

    /// How many actors the table lists: the lines of its actors section (names are escaped,
    /// so a line is an actor); `None` when the section cannot be read.
    pub fn actor_count(&self) -> Option<u64> {
        let actors = self.read(self.actors.start, self.actors.end - self.actors.start)?;
        Some(actors.iter().filter(|&&b| b == b'\n').count() as u64)
    }

    /// The forms and actors sections read whole (see [`WholeForms`]; the forms on first
    /// need); `None` when the actors cannot be read or the forms section does not fit 32-bit
    /// offsets.
    pub fn whole_forms(&self) -> Option<WholeForms> {
        let forms_range = self.searched[0].clone();
        u32::try_from(forms_range.end - forms_range.start).ok()?;
        Some(WholeForms {
            file: self.file.try_clone().ok()?,
            forms_range,
            forms: std::sync::OnceLock::new(),
            actors: self.read(self.actors.start, self.actors.end - self.actors.start)?,
        })
    }

    /// The raw forms merged into the actor at `at`, its own name among them.
    pub fn forms(&self, at: ActorAt) -> Vec<(ActorKind, String)> {
        let fields = self.actor_fields(at, usize::MAX);
        fields
            .get(3..)
            .unwrap_or(&[])
            .chunks(2)
            .filter_map(|pair| match pair {
                [kind, name] => Some((ActorKind::parse(kind)?, unescape(name))),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{RawActors, Unlisted};

    fn registry(forms: &[(&str, ActorKind, u64)]) -> Registry {
        Registry::settle(&RawActors::of_forms(forms))
    }

    /// The table of `registry`, written and read back through a temp dir.
    fn table_of(registry: &Registry) -> (tempfile::TempDir, ActorTable) {
        let dir = tempfile::tempdir().unwrap();
        registry.write(dir.path()).unwrap();
        let table = ActorTable::open(dir.path()).unwrap().expect("just written");
        (dir, table)
    }

    #[test]
    fn whole_forms_name_actors_by_offset_before_reading_the_forms() {
        let registry = registry(&[
            ("Orla Penhallow", ActorKind::Person, 6),
            ("Penhallow", ActorKind::Person, 2),
            ("Tamsin Orrery", ActorKind::Person, 4),
        ]);
        let (_dir, table) = table_of(&registry);
        let at = table
            .canonical(ActorKind::Person, "Orla Penhallow")
            .expect("listed");
        let whole = table.whole_forms().expect("sections readable");
        assert_eq!(whole.actor(at), table.actor(at));
        assert!(
            whole.forms.get().is_none(),
            "naming by offset reads no form"
        );
        assert_eq!(whole.canonical(ActorKind::Person, "Orla Penhallow"), Ok(at));
        assert!(whole.forms.get().is_some());
        assert_eq!(
            whole.canonical(ActorKind::Org, "Penhallow Quarry"),
            Err(Unlisted::Unknown)
        );
    }

    /// Every form's actor and kind as the table just written holds them and as its file,
    /// read back, says.
    fn assert_written_answers_as_read_back(
        dir: &Path,
        written: &WrittenTable,
        forms: &[(&str, ActorKind, u64)],
    ) {
        let bytes = std::fs::read(path(dir)).unwrap();
        assert_eq!(written.size(), bytes.len() as u64);
        assert_eq!(written.head(), &bytes[..STAMPED_HEAD.min(bytes.len())]);
        let table = ActorTable::open(dir).unwrap().expect("just written");
        let whole = table.whole_forms().expect("sections readable");
        for &(name, kind, _) in forms {
            let read_back = whole
                .canonical(kind, name)
                .map(|at| (at, whole.actor(at).kind));
            assert_eq!(written.canonical(kind, name), read_back, "{name}");
        }
        assert_eq!(
            written.canonical(ActorKind::Place, "Brackwater Lane"),
            Err(Unlisted::Unknown)
        );
    }

    #[test]
    fn the_table_as_written_answers_as_its_file_with_or_without_corrections() {
        let forms = [
            ("Halvard Brisco", ActorKind::Person, 9),
            ("Brisco", ActorKind::Person, 4),
            ("Quennel Dockyards", ActorKind::Org, 7),
            ("Quennel", ActorKind::Place, 3),
            ("Tarrow Vale", ActorKind::Place, 5),
            ("Ostmark Tin", ActorKind::Org, 2),
        ];
        let settled = registry(&forms);
        let dir = tempfile::tempdir().unwrap();
        let written = settled.write(dir.path()).unwrap().expect("written");
        assert!(matches!(written.registry, Cow::Borrowed(_)));
        assert_written_answers_as_read_back(dir.path(), &written, &forms);
        for correction in [
            corrections::Correction::NotActor {
                name: "Ostmark Tin".to_string(),
            },
            corrections::Correction::Kind {
                name: "Tarrow Vale".to_string(),
                kind: ActorKind::Org,
            },
            corrections::Correction::Merge {
                into: "Quennel Dockyards".to_string(),
                alias: "Quennel".to_string(),
            },
        ] {
            corrections::append(dir.path(), &correction).unwrap();
        }
        let written = settled.write(dir.path()).unwrap().expect("written");
        assert!(matches!(written.registry, Cow::Owned(_)));
        assert_written_answers_as_read_back(dir.path(), &written, &forms);
        assert_eq!(
            written.canonical(ActorKind::Org, "Ostmark Tin"),
            Err(Unlisted::NotAnActor)
        );
        let (_, kind) = written.canonical(ActorKind::Place, "Tarrow Vale").unwrap();
        assert_eq!(kind, ActorKind::Org);
        assert_eq!(
            written
                .canonical(ActorKind::Place, "Quennel")
                .map(|(at, _)| at),
            written
                .canonical(ActorKind::Org, "Quennel Dockyards")
                .map(|(at, _)| at)
        );
        let current = write_current(dir.path()).unwrap().expect("written");
        assert_written_answers_as_read_back(dir.path(), &current, &forms);
    }

    #[test]
    fn a_long_actor_line_read_first_leaves_nothing_in_later_lookups() {
        let long = format!(
            "Varnholt {} Cooperative",
            "Amberline ".repeat(80).trim_end()
        );
        let registry = registry(&[
            (long.as_str(), ActorKind::Org, 6),
            ("Zebediah Voss", ActorKind::Person, 9),
            ("Quillon Harbour 004", ActorKind::Org, 5),
        ]);
        let (_dir, table) = table_of(&registry);
        let long_at = table.canonical(ActorKind::Org, &long).unwrap();
        assert!(long.len() > ACTOR_LINE, "the line is read more than once");
        assert_eq!(table.actor(long_at).name, long);
        // The buffer now holds the long line: shorter reads must see only their own bytes.
        for (name, kind, articles) in [
            ("Zebediah Voss", ActorKind::Person, 9),
            ("Quillon Harbour 004", ActorKind::Org, 5),
        ] {
            let at = table.canonical(kind, name).unwrap();
            let actor = table.actor(at);
            assert_eq!((actor.name.as_str(), actor.kind), (name, kind));
            assert_eq!(actor.articles, articles);
        }
        assert_eq!(table.actor(long_at).name, long);
        assert_eq!(
            table.canonical(ActorKind::Org, "Varnholt"),
            Err(Unlisted::Unknown)
        );
    }

    #[test]
    fn the_table_answers_as_the_registry_for_every_form_and_name() {
        let mut forms: Vec<(String, ActorKind, u64)> = (0..300)
            .map(|n| (format!("Quillon Harbour {n:03}"), ActorKind::Org, 1 + n % 7))
            .collect();
        forms.extend([
            ("Tilde\tTab Works".to_string(), ActorKind::Org, 4),
            ("Back\\slash Guild".to_string(), ActorKind::Org, 3),
            ("Søren Ågård".to_string(), ActorKind::Person, 5),
            ("Marta Ågård".to_string(), ActorKind::Person, 2),
            ("Zebediah Voss".to_string(), ActorKind::Person, 9),
        ]);
        let borrowed: Vec<(&str, ActorKind, u64)> =
            forms.iter().map(|(n, k, a)| (n.as_str(), *k, *a)).collect();
        let registry = registry(&borrowed);
        let (_dir, table) = table_of(&registry);
        assert!(
            table.block_index().expect("readable").sections[0].len() > 1,
            "forms span several blocks"
        );
        assert!(
            table.block_index().expect("readable").sections[1].len() > 1,
            "names span several blocks"
        );
        let whole = table.whole_forms().expect("sections readable");
        for (name, kind, _) in &forms {
            let from_table = table.canonical(*kind, name).map(|at| table.actor(at));
            let from_registry = registry.canonical(*kind, name).map(|id| {
                let actor = registry.actor(id);
                TableActor {
                    name: actor.name.clone(),
                    kind: actor.kind,
                    articles: actor.articles,
                }
            });
            assert_eq!(from_table, from_registry, "{name}");
            let from_memory = whole.canonical(*kind, name).map(|at| whole.actor(at));
            assert_eq!(from_memory, from_registry, "{name} read whole");
            let names = |ats: Vec<ActorAt>| -> Vec<String> {
                ats.into_iter().map(|at| table.actor(at).name).collect()
            };
            let expected: Vec<String> = registry
                .lookup(&name.to_uppercase())
                .into_iter()
                .map(|id| registry.actor(id).name.clone())
                .collect();
            assert_eq!(
                names(table.lookup(&name.to_uppercase())),
                expected,
                "{name}"
            );
        }
        assert_eq!(
            table.canonical(ActorKind::Place, "Quillon Harbour 001"),
            Err(Unlisted::Unknown)
        );
        assert_eq!(
            whole.canonical(ActorKind::Place, "Quillon Harbour 001"),
            Err(Unlisted::Unknown)
        );
        assert_eq!(table.actor_count(), Some(registry.actors().len() as u64));
        let voss = table.canonical(ActorKind::Person, "Zebediah Voss").unwrap();
        assert_eq!(
            table.forms(voss),
            [(ActorKind::Person, "Zebediah Voss".to_string())]
        );
        let folded: Vec<String> = table
            .with_folded_name("soren agard")
            .into_iter()
            .map(|at| table.actor(at).name)
            .collect();
        assert_eq!(folded, ["Søren Ågård"]);
        let surnamed: Vec<String> = table
            .with_surname("agard")
            .into_iter()
            .map(|at| table.actor(at).name)
            .collect();
        assert_eq!(surnamed, ["Søren Ågård", "Marta Ågård"]);
    }

    #[test]
    fn escaping_copies_plain_names_and_round_trips_separators() {
        for name in [
            "Wrenfield Cooperage",
            "Ørsted Kiln",
            "",
            "a\tb",
            "c\nd",
            "e\\f\\",
        ] {
            assert_eq!(unescape(&escape(name)), name, "{name:?}");
            let escaped = escape(name);
            assert!(!escaped.contains(['\t', '\n']), "{name:?}");
        }
        assert_eq!(escape("Wrenfield Cooperage"), "Wrenfield Cooperage");
        assert_eq!(escape("x\\y\tz"), "x\\\\y\\tz");
    }

    #[test]
    fn every_searched_section_lists_its_keys_in_ascending_byte_order() {
        let names = [
            "Zorrel Mining",
            "zorrel",
            "Ábaco Trust",
            "Abaco Trust",
            "Brisk\tLine",
            "Brisk Line",
            "Cobb\\Hale",
            "Cobb Hale",
            "Idris Quell",
            "Marit Quell",
            "Quell",
        ];
        let forms: Vec<(&str, ActorKind, u64)> = names
            .iter()
            .enumerate()
            .flat_map(|(n, &name)| {
                [
                    (name, ActorKind::Org, 1 + n as u64),
                    (name, ActorKind::Person, 2 + n as u64),
                ]
            })
            .collect();
        let registry = registry(&forms);
        let fingerprint = Fingerprint { size: 0, hash: 0 };
        let (bytes, _) = layout(&registry, fingerprint);
        let text = String::from_utf8(bytes).unwrap();
        let mut lines = text.lines();
        lines.next();
        let offsets: Vec<usize> = lines
            .next()
            .unwrap()
            .split(' ')
            .skip(1)
            .take_while(|field| *field != "blocks")
            .map(|o| o.parse().unwrap())
            .collect();
        let start = text.len() - offsets.last().unwrap();
        for section in 0..4 {
            let body = &text[start + offsets[section]..start + offsets[section + 1]];
            let keys: Vec<&str> = body
                .lines()
                .map(|line| &line[..line.rfind('\t').unwrap()])
                .collect();
            assert!(!keys.is_empty() || section == 3, "section {section}");
            assert!(
                keys.windows(2).all(|pair| pair[0] < pair[1]),
                "section {section}: {keys:?}"
            );
        }
    }

    #[test]
    fn naming_actors_by_offset_reads_no_block_index_and_each_line_once() {
        let registry = registry(&[
            ("Tarrow Ferries", ActorKind::Org, 7),
            ("Zebediah Voss", ActorKind::Person, 9),
        ]);
        let at = table_of(&registry)
            .1
            .canonical(ActorKind::Person, "Zebediah Voss")
            .expect("listed");
        // A table just opened, from a registry written the same way (the same offsets).
        let (_dir, table) = table_of(&registry);
        assert!(table.block_index.get().is_none(), "not read at open");
        let first = table.actor(at);
        assert_eq!(
            (first.name.as_str(), first.kind),
            ("Zebediah Voss", ActorKind::Person)
        );
        assert!(
            table.block_index.get().is_none(),
            "not read to name an actor"
        );
        assert_eq!(table.named.lock().unwrap().len(), 1);
        assert_eq!(table.actor(at), first);
        assert_eq!(table.named.lock().unwrap().len(), 1, "named once");
        assert_eq!(table.canonical(ActorKind::Person, "Zebediah Voss"), Ok(at));
        assert!(table.block_index.get().is_some(), "read by a lookup by key");
    }

    #[test]
    fn a_table_older_than_the_corrections_file_is_not_used() {
        let registry = registry(&[("Orla Fenwick", ActorKind::Person, 3)]);
        let (dir, _) = table_of(&registry);
        std::fs::write(corrections::path(dir.path()), "not-actor Orla Fenwick\n").unwrap();
        assert!(ActorTable::open(dir.path()).unwrap().is_none());
        write_current(dir.path()).unwrap();
        let table = ActorTable::open(dir.path()).unwrap().expect("rewritten");
        assert_eq!(
            table.canonical(ActorKind::Person, "Orla Fenwick"),
            Err(Unlisted::NotAnActor)
        );
    }

    #[test]
    fn a_table_of_another_layout_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            path(dir.path()),
            "newsdex-actor-table 999 corrections 0 0\n",
        )
        .unwrap();
        assert!(ActorTable::open(dir.path()).unwrap().is_none());
    }
}
