//! Each segment's actor facet ordinals mapped to their actors in the registry's lookup table,
//! so that exploration counts actors by looking ordinals up in an array instead of mapping
//! every raw form of every facet dictionary through the table (which grew with the archive).
//!
//! `INDEX/actor-ords.bin` is written after every write of the lookup table (the end of every
//! `index` run, every `newsdex correct`), from the index and the table as the process that
//! wrote it holds it in memory (never read back from its file), for every
//! segment of the index's last commit, keyed by segment id. It is stamped with the table it
//! maps to (size, modification time and a hash of its head): a reader whose table is another
//! one ignores the file, and a segment the file does not list (a run killed between its
//! commit and the table's write) is mapped form by form as before. Deletions need nothing:
//! counting follows live documents. Layout, little-endian:
//!
//! ```text
//! MAGIC (8 bytes)  table size u64  mtime seconds i64  mtime nanoseconds u32  head hash u64
//! actors u32, then per actor (in table order): KIND << 30 | AT
//! segments u32, then per segment: its id (32 ASCII hex digits), then for `actor` and
//! `passage_actor`: facet count u32 and one u32 per facet ordinal; then its article counts:
//! deleted documents u32, live articles u32, counted actors u32 (`UNCOUNTED` when a form of
//! the segment is one the table never saw), and per counted actor: its number u32 and its
//! live articles u32
//! ```
//!
//! The actors are those the ordinals name, each once, by ascending offset `AT` in the table
//! (`KIND` is its canonical kind's place in `ActorKind::ALL`); an ordinal's u32 is its actor's
//! place in that list (a dense number: counting needs no hashing), `NOT_ACTOR` for a form
//! that is none, `UNSEEN` for a form the table has never seen (shown as it is).
//!
//! The article counts are what an unfiltered `cooccur` needs for its base rates (the articles
//! that mention each actor, every form of one actor in an article counted once), counted
//! when the file is written; they hold for the segment while its deletions are as counted
//! (deletions only grow), and a reader counts the match set itself otherwise.

use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tantivy::directory::OwnedBytes;
use tantivy::fastfield::FacetReader;
use tantivy::{Index, ReloadPolicy, SegmentReader};

use crate::actors::ActorKind;
use crate::corpus::fnv::Fnv1a;
use crate::error::{Error, Result};
use crate::registry::table::{self, ActorAt, ActorTable, WrittenTable, STAMPED_HEAD};
use crate::registry::Unlisted;
use crate::schema::{decode_actor_facet, field_name};
use crate::store::{remove_if_present, write_atomically};

/// The file in the index directory.
pub const ORDS_FILE: &str = "actor-ords.bin";

/// The first bytes of the file; the digit changes with the layout.
const MAGIC: &[u8; 8] = b"ndxords3";
/// An ordinal whose form is not an actor.
const NOT_ACTOR: u32 = u32::MAX;
/// An ordinal whose form the table has never seen.
const UNSEEN: u32 = u32::MAX - 1;
/// The counted actors of a segment whose counts were not kept.
const UNCOUNTED: u32 = u32::MAX;
/// Offsets at or above this do not fit beside a kind (the file is then not written).
const AT_LIMIT: u32 = (1 << 30) - 2;

/// The file of `index_dir`.
pub fn path(index_dir: &Path) -> PathBuf {
    index_dir.join(ORDS_FILE)
}

/// Which facet field's ordinals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrdField {
    /// `actor`: the article's actors.
    Actor = 0,
    /// `passage_actor`: the passage's actors.
    PassageActor = 1,
}

/// What a facet ordinal names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrdActor {
    /// The actor of this number in the file's list (see [`ActorOrds::actor`]).
    Listed(u32),
    /// A form that is not an actor.
    NotActor,
    /// A form the table has never seen.
    Unseen,
}

impl OrdActor {
    fn encode(self) -> u32 {
        match self {
            OrdActor::Listed(number) => number,
            OrdActor::NotActor => NOT_ACTOR,
            OrdActor::Unseen => UNSEEN,
        }
    }

    fn decode(value: u32) -> OrdActor {
        match value {
            NOT_ACTOR => OrdActor::NotActor,
            UNSEEN => OrdActor::Unseen,
            number => OrdActor::Listed(number),
        }
    }
}

/// An actor of the table packed with its kind.
fn pack(at: ActorAt, kind: ActorKind) -> u32 {
    ((kind as u32) << 30) | at
}

fn unpack(value: u32) -> (ActorAt, ActorKind) {
    (
        value & ((1 << 30) - 1),
        ActorKind::ALL[(value >> 30) as usize],
    )
}

/// Which lookup table a file was made from: its size, modification time and a hash of its
/// head. Tables are replaced by renaming, never rewritten in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableStamp {
    size: u64,
    seconds: i64,
    nanos: u32,
    head: u64,
}

impl TableStamp {
    /// The stamp of the lookup table of `index_dir`; `None` when there is none.
    pub fn of_table(index_dir: &Path) -> Result<Option<TableStamp>> {
        let Some(file) = table::open_file(index_dir)? else {
            return Ok(None);
        };
        TableStamp::of_file(&file)
            .map(Some)
            .map_err(|err| Error::io(table::path(index_dir), err))
    }

    /// The stamp of a table file already open: the one a reader holds, which no later
    /// rename can swap under it.
    fn of_file(file: &std::fs::File) -> std::io::Result<TableStamp> {
        let meta = file.metadata()?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .unwrap_or_default();
        let mut head = vec![0; STAMPED_HEAD.min(meta.len() as usize)];
        read_exact_at(file, &mut head)?;
        Ok(TableStamp {
            size: meta.len(),
            seconds: modified.as_secs() as i64,
            nanos: modified.subsec_nanos(),
            head: head_hash(&head),
        })
    }

    /// The stamp as hexadecimal text, for files that keep it as text.
    pub fn to_hex(self) -> String {
        self.to_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    fn to_bytes(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(28);
        out.extend_from_slice(&self.size.to_le_bytes());
        out.extend_from_slice(&self.seconds.to_le_bytes());
        out.extend_from_slice(&self.nanos.to_le_bytes());
        out.extend_from_slice(&self.head.to_le_bytes());
        out
    }

    fn from_bytes(bytes: &[u8]) -> Option<TableStamp> {
        Some(TableStamp {
            size: u64::from_le_bytes(bytes.get(0..8)?.try_into().ok()?),
            seconds: i64::from_le_bytes(bytes.get(8..16)?.try_into().ok()?),
            nanos: u32::from_le_bytes(bytes.get(16..20)?.try_into().ok()?),
            head: u64::from_le_bytes(bytes.get(20..28)?.try_into().ok()?),
        })
    }
}

/// The hash of a table's head (its first [`STAMPED_HEAD`] bytes) in its stamp.
fn head_hash(head: &[u8]) -> u64 {
    Fnv1a::new().write(head).finish()
}

#[cfg(unix)]
fn read_exact_at(file: &std::fs::File, bytes: &mut [u8]) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.read_exact_at(bytes, 0)
}

#[cfg(not(unix))]
fn read_exact_at(file: &std::fs::File, bytes: &mut [u8]) -> std::io::Result<()> {
    use std::io::Read;
    let mut file = file.try_clone()?;
    file.read_exact(bytes)
}

/// The lookup table of `index_dir` when it holds the user's corrections (see
/// [`ActorTable::open`]), with the stamp of the file it reads: both from one opening of the
/// file, so the stamp is that of the table read even if another is renamed over it meanwhile.
pub fn open_stamped_table(index_dir: &Path) -> Result<Option<(ActorTable, TableStamp)>> {
    let Some(file) = table::open_file(index_dir)? else {
        return Ok(None);
    };
    let stamp = TableStamp::of_file(&file).map_err(|err| Error::io(table::path(index_dir), err))?;
    Ok(ActorTable::from_file(index_dir, file)?.map(|table| (table, stamp)))
}

/// Every segment's ordinals, read whole.
#[derive(Debug)]
pub struct ActorOrds {
    bytes: OwnedBytes,
    /// Where the listed actors are in `bytes` (packed with their kinds, by ascending offset):
    /// read in place, since a search names a few of them.
    actors: Range<usize>,
    /// Whether the listed actors are in ascending order, as [`ActorOrds::number_of`]'s binary
    /// search needs: checked on its first call (a search that names actors by number alone
    /// never reads the whole list).
    ordered: std::sync::OnceLock<bool>,
    /// Per segment id: where each field's ordinals, then its article counts, are in `bytes`.
    segments: FxHashMap<String, [Range<usize>; 3]>,
}

/// One segment's live articles in all and per actor, as counted when the file was written.
#[derive(Debug, Clone, Copy)]
pub struct ArticleCounts<'a> {
    /// Live articles of the segment.
    pub articles: u64,
    /// Per counted actor: its number and its articles, 8 bytes each.
    entries: &'a [u8],
}

impl ArticleCounts<'_> {
    /// Each actor that live articles of the segment mention: its number and their count.
    pub fn actors(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        self.entries.chunks_exact(8).map(|pair| {
            let number = u32::from_le_bytes([pair[0], pair[1], pair[2], pair[3]]);
            let articles = u32::from_le_bytes([pair[4], pair[5], pair[6], pair[7]]);
            (number, u64::from(articles))
        })
    }
}

/// One segment's ordinals of one field.
#[derive(Debug, Clone, Copy)]
pub struct SegmentOrds<'a> {
    entries: &'a [u8],
}

impl SegmentOrds<'_> {
    /// How many ordinals the segment's dictionary holds.
    pub fn len(&self) -> usize {
        self.entries.len() / 4
    }

    /// Whether the dictionary is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// What ordinal `ord` names (`NotActor` past the end).
    pub fn get(&self, ord: usize) -> OrdActor {
        match self.entries.get(ord * 4..ord * 4 + 4) {
            Some(bytes) => {
                OrdActor::decode(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
            }
            None => OrdActor::NotActor,
        }
    }
}

impl ActorOrds {
    /// The file of `index_dir` when it was made from the table of `stamp`; `None` when it is
    /// missing, of another layout or of another table.
    pub fn open(index_dir: &Path, stamp: TableStamp) -> Result<Option<ActorOrds>> {
        // Mapped, not read: a search names a few actors and reads a few pages of the file.
        let path = path(index_dir);
        let directory = match tantivy::directory::MmapDirectory::open(index_dir) {
            Ok(directory) => directory,
            Err(err) => return Err(Error::io(&path, std::io::Error::other(err))),
        };
        let file = match tantivy::Directory::open_read(&directory, Path::new(ORDS_FILE)) {
            Ok(file) => file,
            Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_)) => return Ok(None),
            Err(err) => return Err(Error::io(&path, std::io::Error::other(err))),
        };
        let bytes = file.read_bytes().map_err(|err| Error::io(&path, err))?;
        Ok(ActorOrds::parse(bytes, stamp))
    }

    fn parse(bytes: OwnedBytes, stamp: TableStamp) -> Option<ActorOrds> {
        if bytes.get(..8)? != MAGIC || TableStamp::from_bytes(bytes.get(8..36)?)? != stamp {
            return None;
        }
        let read_u32 = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
        };
        let listed = read_u32(36)? as usize;
        let actors = 40..40usize.checked_add(listed.checked_mul(4)?)?;
        bytes.get(actors.clone())?;
        let mut at = actors.end;
        let count = read_u32(at)?;
        at += 4;
        let mut segments = FxHashMap::default();
        for _ in 0..count {
            let id = std::str::from_utf8(bytes.get(at..at + 32)?)
                .ok()?
                .to_string();
            at += 32;
            let mut ranges: [Range<usize>; 3] = Default::default();
            for range in &mut ranges[..2] {
                let len = read_u32(at)? as usize;
                at += 4;
                let end = at.checked_add(len.checked_mul(4)?)?;
                bytes.get(at..end)?;
                *range = at..end;
                at = end;
            }
            let counted = read_u32(at + 8)?;
            let pairs = if counted == UNCOUNTED {
                0
            } else {
                counted as usize
            };
            let end = (at + 12).checked_add(pairs.checked_mul(8)?)?;
            bytes.get(at..end)?;
            ranges[2] = at..end;
            at = end;
            segments.insert(id, ranges);
        }
        (at == bytes.len()).then_some(ActorOrds {
            bytes,
            actors,
            ordered: std::sync::OnceLock::new(),
            segments,
        })
    }

    /// How many actors the file lists: their numbers are `0..actors()`.
    pub fn actors(&self) -> usize {
        self.actors.len() / 4
    }

    /// The packed actor of number `number`.
    fn packed(&self, number: usize) -> Option<u32> {
        let at = self.actors.start.checked_add(number.checked_mul(4)?)?;
        if at >= self.actors.end {
            return None;
        }
        let bytes = self.bytes.get(at..at + 4)?;
        Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    /// The actor of number `number`: its offset in the table and its canonical kind.
    pub fn actor(&self, number: u32) -> Option<(ActorAt, ActorKind)> {
        self.packed(number as usize).map(unpack)
    }

    /// The number of the actor at offset `at`, when the file lists it (never, in a file whose
    /// actors are out of order).
    pub fn number_of(&self, at: ActorAt) -> Option<u32> {
        let ordered = *self.ordered.get_or_init(|| {
            (1..self.actors()).all(|n| {
                matches!((self.packed(n - 1), self.packed(n)),
                    (Some(a), Some(b)) if unpack(a).0 < unpack(b).0)
            })
        });
        if !ordered {
            return None;
        }
        let (mut low, mut high) = (0, self.actors());
        while low < high {
            let middle = low + (high - low) / 2;
            match unpack(self.packed(middle)?).0.cmp(&at) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return u32::try_from(middle).ok(),
            }
        }
        None
    }

    /// The live articles of `segment`, in all and per actor; `None` when the file does not list
    /// the segment, did not count it, or counted it with other deletions than it has now.
    pub fn article_counts(&self, segment: &SegmentReader) -> Option<ArticleCounts<'_>> {
        let ranges = self.segments.get(&segment.segment_id().uuid_string())?;
        let section = &self.bytes[ranges[2].clone()];
        let read_u32 = |at: usize| {
            u32::from_le_bytes([
                section[at],
                section[at + 1],
                section[at + 2],
                section[at + 3],
            ])
        };
        if read_u32(0) != segment.num_deleted_docs() || read_u32(8) == UNCOUNTED {
            return None;
        }
        Some(ArticleCounts {
            articles: u64::from(read_u32(4)),
            entries: &section[12..],
        })
    }

    /// The ordinals of `field` in `segment`; `None` when the file does not list the segment.
    pub fn segment(&self, segment: &SegmentReader, field: OrdField) -> Option<SegmentOrds<'_>> {
        let ranges = self.segments.get(&segment.segment_id().uuid_string())?;
        Some(SegmentOrds {
            entries: &self.bytes[ranges[field as usize].clone()],
        })
    }
}

/// Writes the file of `index_dir` for the last commit of `index` and the lookup table this
/// process has just written (`table`: forms are looked up in the registry it was laid out
/// from, by hash, not in the file read back). Without a table, or when the file on disk is
/// not that table (replaced meanwhile), the file is removed instead: readers then map forms
/// one by one.
pub fn write(index: &Index, index_dir: &Path, table: Option<&WrittenTable>) -> Result<()> {
    let file = path(index_dir);
    let Some(table) = table else {
        return remove_if_present(&file);
    };
    let Some(stamp) = TableStamp::of_table(index_dir)? else {
        return remove_if_present(&file);
    };
    if stamp.size != table.size() || stamp.head != head_hash(table.head()) {
        return remove_if_present(&file);
    }
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher: tantivy::Searcher = reader.searcher();
    let mut kinds: BTreeMap<ActorAt, ActorKind> = BTreeMap::new();
    let mut segments = Vec::new();
    for segment in searcher.segment_readers() {
        let mut fields = Vec::new();
        for field in [field_name::ACTOR, field_name::PASSAGE_ACTOR] {
            let facets = segment.facet_reader(field)?;
            let Some(entries) = ordinal_actors(&facets, table, &mut kinds)? else {
                return remove_if_present(&file);
            };
            fields.push(entries);
        }
        let counts = count_articles(segment, &fields[0])?;
        segments.push((segment.segment_id().uuid_string(), fields, counts));
    }
    let number_of: FxHashMap<ActorAt, u32> = kinds
        .keys()
        .enumerate()
        .map(|(number, &at)| (at, number as u32))
        .collect();
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&stamp.to_bytes());
    out.extend_from_slice(&(kinds.len() as u32).to_le_bytes());
    for (&at, &kind) in &kinds {
        out.extend_from_slice(&pack(at, kind).to_le_bytes());
    }
    out.extend_from_slice(&(segments.len() as u32).to_le_bytes());
    for (id, fields, counts) in segments {
        out.extend_from_slice(id.as_bytes());
        for entries in fields {
            out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
            for entry in entries {
                let entry = match entry {
                    Mapped::Actor(at) => OrdActor::Listed(number_of[&at]),
                    Mapped::NotActor => OrdActor::NotActor,
                    Mapped::Unseen => OrdActor::Unseen,
                };
                out.extend_from_slice(&entry.encode().to_le_bytes());
            }
        }
        out.extend_from_slice(&counts.deleted.to_le_bytes());
        out.extend_from_slice(&counts.articles.to_le_bytes());
        match counts.actors {
            Some(actors) => {
                out.extend_from_slice(&(actors.len() as u32).to_le_bytes());
                for (at, articles) in actors {
                    out.extend_from_slice(&number_of[&at].to_le_bytes());
                    out.extend_from_slice(&articles.to_le_bytes());
                }
            }
            None => out.extend_from_slice(&UNCOUNTED.to_le_bytes()),
        }
    }
    if TableStamp::of_table(index_dir)? != Some(stamp) {
        return remove_if_present(&file);
    }
    write_atomically(&file, &out)
}

/// A segment's live articles as the writer counts them.
struct Counted {
    deleted: u32,
    articles: u32,
    /// Per actor, by offset: live articles that mention it (`None`: a form the table never
    /// saw, which a reader numbers itself).
    actors: Option<BTreeMap<ActorAt, u32>>,
}

/// Counts the live articles of `segment` (their first passages), in all and per actor of
/// their `actor` ordinals (`entries`), every form of one actor in an article once.
fn count_articles(segment: &SegmentReader, entries: &[Mapped]) -> Result<Counted> {
    let passage = segment.fast_fields().u64(field_name::PASSAGE)?;
    let facets = segment.facet_reader(field_name::ACTOR)?;
    let mut counted = Counted {
        deleted: segment.num_deleted_docs(),
        articles: 0,
        actors: Some(BTreeMap::new()),
    };
    let mut ats = Vec::new();
    for doc in segment.doc_ids_alive() {
        if passage.first(doc) != Some(0) {
            continue;
        }
        counted.articles += 1;
        ats.clear();
        for ord in facets.facet_ords(doc) {
            match entries.get(ord as usize) {
                Some(Mapped::Actor(at)) => ats.push(*at),
                Some(Mapped::Unseen) => counted.actors = None,
                _ => {}
            }
        }
        ats.sort_unstable();
        ats.dedup();
        if let Some(actors) = &mut counted.actors {
            for &at in &ats {
                *actors.entry(at).or_insert(0) += 1;
            }
        }
    }
    Ok(counted)
}

/// What the table says of each ordinal of a facet dictionary, streaming the dictionary once
/// (the kinds of the actors met go to `kinds`); `None` when an offset does not fit the layout.
fn ordinal_actors(
    facets: &FacetReader,
    table: &WrittenTable,
    kinds: &mut BTreeMap<ActorAt, ActorKind>,
) -> Result<Option<Vec<Mapped>>> {
    let mut entries = vec![Mapped::NotActor; facets.num_facets()];
    let mut stream = facets
        .facet_dict()
        .stream()
        .map_err(tantivy::TantivyError::from)?;
    while stream.advance() {
        let Some((kind, name)) = decode_actor_facet(stream.key()) else {
            continue;
        };
        let entry = match table.canonical(kind, name) {
            Ok((at, _)) if at >= AT_LIMIT => return Ok(None),
            Ok((at, canonical)) => {
                kinds.entry(at).or_insert(canonical);
                Mapped::Actor(at)
            }
            Err(Unlisted::NotAnActor) => Mapped::NotActor,
            Err(Unlisted::Unknown) => Mapped::Unseen,
        };
        if let Some(slot) = entries.get_mut(stream.term_ord() as usize) {
            *slot = entry;
        }
    }
    Ok(Some(entries))
}

/// What the table says of a facet ordinal's form, before the actors are numbered.
#[derive(Debug, Clone, Copy)]
enum Mapped {
    Actor(ActorAt),
    NotActor,
    Unseen,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamped_table_carries_the_stamp_of_its_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(open_stamped_table(dir.path()).unwrap().is_none());
        let registry =
            crate::registry::Registry::settle(&crate::registry::RawActors::of_forms(&[(
                "Tarrow Ferries",
                ActorKind::Org,
                3,
            )]));
        registry.write(dir.path()).unwrap();
        let (_, stamp) = open_stamped_table(dir.path()).unwrap().expect("written");
        assert_eq!(Some(stamp), TableStamp::of_table(dir.path()).unwrap());
    }

    #[test]
    fn entries_and_actors_round_trip() {
        for entry in [
            OrdActor::Listed(0),
            OrdActor::Listed(4711),
            OrdActor::NotActor,
            OrdActor::Unseen,
        ] {
            assert_eq!(OrdActor::decode(entry.encode()), entry);
        }
        for (at, kind) in [
            (0, ActorKind::Person),
            (AT_LIMIT - 1, ActorKind::Place),
            (4711, ActorKind::Country),
        ] {
            assert_eq!(unpack(pack(at, kind)), (at, kind));
        }
    }

    fn file(stamp: TableStamp, actors: &[u32], segments: &[&[u32]]) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&stamp.to_bytes());
        bytes.extend_from_slice(&(actors.len() as u32).to_le_bytes());
        for actor in actors {
            bytes.extend_from_slice(&actor.to_le_bytes());
        }
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&[b'a'; 32]);
        for entries in segments {
            bytes.extend_from_slice(&(entries.len() as u32).to_le_bytes());
            for entry in *entries {
                bytes.extend_from_slice(&entry.to_le_bytes());
            }
        }
        // No deletions, two articles, one counted actor (number 1, in both).
        for value in [0u32, 2, 1, 1, 2] {
            bytes.extend_from_slice(&value.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn a_file_of_another_table_cut_short_or_out_of_order_is_not_used() {
        let stamp = TableStamp {
            size: 10,
            seconds: 20,
            nanos: 30,
            head: 40,
        };
        let actors = [pack(12, ActorKind::Org), pack(40, ActorKind::Person)];
        let bytes = file(stamp, &actors, &[&[1, NOT_ACTOR], &[UNSEEN]]);
        let ords = ActorOrds::parse(OwnedBytes::new(bytes.clone()), stamp).expect("well formed");
        let ranges = &ords.segments["a".repeat(32).as_str()];
        assert_eq!(ranges[0].len(), 8);
        assert_eq!(ranges[1].len(), 4);
        assert_eq!(ranges[2].len(), 20);
        assert_eq!(ords.actor(1), Some((40, ActorKind::Person)));
        assert_eq!(ords.number_of(12), Some(0));
        assert_eq!(ords.number_of(13), None);
        let other = TableStamp { nanos: 31, ..stamp };
        assert!(ActorOrds::parse(OwnedBytes::new(bytes.clone()), other).is_none());
        assert!(
            ActorOrds::parse(OwnedBytes::new(bytes[..bytes.len() - 1].to_vec()), stamp).is_none()
        );
        // Out of order, no actor is found by offset (its binary search would be wrong).
        let unordered = file(stamp, &[actors[1], actors[0]], &[&[], &[]]);
        let unordered = ActorOrds::parse(OwnedBytes::new(unordered), stamp).expect("well formed");
        assert_eq!(unordered.number_of(12), None);
        assert_eq!(unordered.number_of(40), None);
    }
}
