//! Copies: which articles of an index are one story. The groups are the connected components
//! of the copy relation ([`crate::corpus::copies::is_copy`]) over the live articles.
//!
//! Settled at the end of every `index` run ([`update`]), from the index alone, in proportion
//! to what changed: the signatures are read from the `copy_signature` column of each
//! article's first passage; only the LSH buckets that hold a new or changed article's band
//! are formed, and only their pairs with such an article verified; the verified pairs of the
//! others are kept (`INDEX/copies-state.bin`, with each article's signature fingerprint and
//! first passage's address). The groups, with what is shown of each member, go to
//! `INDEX/copies.json`; a group whose members are the articles it had, none indexed again, is
//! copied as the bytes the last run wrote, and the members of the others are taken from it
//! unless indexed again (only those are read from the stored documents). Beside it
//! `INDEX/copies-keys.bin` says which group each grouped article is in and where that group's
//! bytes are in `copies.json`, so that the read side ([`CopyGroups::open`]) reads the keys and
//! parses only the groups of the hits it shows (a one-shot search spent a quarter of its time
//! parsing every group). Since the relation is decided pair by pair, an incremental run gives
//! the groups of a fresh build.

use rustc_hash::FxHashSet;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, TantivyDocument};

use crate::corpus::copies::{self, CopySignature, RULES_VERSION};
use crate::corpus::fnv::Fnv1a;
use crate::error::{Error, Result};
use crate::schema::{self, field_name, Fields};
use crate::store::write_atomically;

/// The groups file the read side reads, in the index directory.
pub const GROUPS_FILE: &str = "copies.json";
/// The verified edges and signature fingerprints as earlier versions kept them (compressed
/// JSON, no addresses), in the index directory: read when there is no [`STATE_FILE`] yet, so
/// that their pairs carry over, and removed once the state file is written.
pub const EDGES_FILE: &str = "copies-edges.json";
/// Which group each grouped article is in and where each group is in [`GROUPS_FILE`], in the
/// index directory: read whole by [`CopyGroups::open`]. Little-endian: the magic
/// `KEYS_MAGIC`, the number of groups (u32), of keys (u64), the stamp of the groups file it
/// belongs to (u64) and that file's length (u64); then `(key u64, group u32)` per grouped
/// article, sorted by key; then `(offset u64, length u32)` per group.
pub const KEYS_FILE: &str = "copies-keys.bin";
/// The first bytes of [`KEYS_FILE`]; the digit is its layout's version.
const KEYS_MAGIC: &[u8; 8] = b"NDXCPK01";
/// Bytes of [`KEYS_FILE`]'s header.
const KEYS_HEADER: usize = 8 + 4 + 8 + 8 + 8;

/// The environment variable that turns copy detection off for an `index` run when set (to
/// anything): no signatures, no grouping. Only for measuring what detection costs; an index
/// built so has no groups.
pub const SKIP_ENV: &str = "NEWSDEX_SKIP_COPIES";

/// Whether `index` runs detect copies ([`SKIP_ENV`] unset).
pub fn detection_enabled() -> bool {
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os(SKIP_ENV).is_none())
}

/// One article of a group, as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyMember {
    /// The article's key (`corpus::Article::key`).
    pub key: u64,
    /// The article's id within its file.
    pub article_id: String,
    /// Source file.
    pub path: String,
    /// Line of the article in its file, if it came from a line-based file.
    pub line: Option<u64>,
    /// Headline.
    pub title: String,
    /// The date, RFC 3339 (UTC), or null.
    pub date: Option<String>,
    /// The date as precise as the source gave it.
    pub date_display: Option<String>,
    /// The outlet (normalised).
    pub source: String,
}

/// A story: two or more articles that are copies of one another, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyGroup {
    /// The articles, oldest first (undated last), then by path and id.
    pub members: Vec<CopyMember>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct GroupsFile {
    rules: u32,
    /// FNV-1a of the groups' bytes, also in [`KEYS_FILE`]: the two files belong together when
    /// their stamps agree (0 in a file written before the keys file).
    #[serde(default)]
    stamp: u64,
    groups: Vec<CopyGroup>,
}

#[derive(Debug, Default, Deserialize)]
struct EdgesFile {
    rules: u32,
    /// `(article key, fingerprint of its signature)` of every live article last run.
    articles: Vec<(u64, u64)>,
    /// Verified copy pairs, `(smaller key, larger key)`, sorted.
    edges: Vec<(u64, u64)>,
}

/// What [`update`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyUpdate {
    /// Articles whose pairs were verified in this run (new or changed).
    pub verified_articles: u64,
    /// Candidate pairs verified.
    pub candidate_pairs: u64,
    /// Copy pairs in the index after the run.
    pub edges: u64,
    /// Groups of two or more articles.
    pub groups: u64,
    /// Articles in those groups.
    pub grouped_articles: u64,
}

impl CopyUpdate {
    /// Stories among `articles`: each group counts once.
    pub fn stories(&self, articles: u64) -> u64 {
        articles.saturating_sub(self.grouped_articles) + self.groups
    }
}

/// The copy groups of an index, as the read side sees them: which group each grouped
/// article is in, in memory; each group's members parsed from the groups file when first
/// asked for.
#[derive(Debug, Clone, Default)]
pub struct CopyGroups {
    /// `(article key, group number)`, sorted by key.
    keys: Vec<(u64, u32)>,
    /// Every group, once parsed whole (groups built in memory, an index without a keys file,
    /// or [`CopyGroups::groups`]).
    all: OnceLock<Vec<CopyGroup>>,
    /// Where each group's bytes are in the groups file, and the groups parsed so far.
    file: Option<Arc<GroupsOnDisk>>,
}

/// The groups file held open, with where each group is in it.
#[derive(Debug)]
struct GroupsOnDisk {
    path: std::path::PathBuf,
    file: std::fs::File,
    /// `(offset, length)` of each group's JSON.
    ranges: Vec<(u64, u32)>,
    parsed: Vec<OnceLock<CopyGroup>>,
    /// The groups file's stamp, as its keys file gives it.
    stamp: u64,
}

impl CopyGroups {
    /// Reads which article is in which group from the files beside the index in `index_dir`;
    /// none when there are no groups (an index written before copies, or a run killed before
    /// writing them). Without a keys file that belongs to the groups file (an index written
    /// before it), every group is parsed here.
    pub fn open(index_dir: &Path) -> Result<CopyGroups> {
        let path = index_dir.join(GROUPS_FILE);
        let file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(CopyGroups::default())
            }
            Err(err) => return Err(Error::io(&path, err)),
        };
        if let Some(groups) = read_keys(index_dir, &file) {
            return Ok(CopyGroups {
                keys: groups.keys,
                all: OnceLock::new(),
                file: Some(Arc::new(GroupsOnDisk {
                    path,
                    file,
                    parsed: (0..groups.ranges.len()).map(|_| OnceLock::new()).collect(),
                    ranges: groups.ranges,
                    stamp: groups.stamp,
                })),
            });
        }
        let groups = read_groups_file(&path, &file)?;
        Ok(CopyGroups::from_groups(groups))
    }

    /// Groups as given (largest first is the caller's order to keep).
    pub fn from_groups(groups: Vec<CopyGroup>) -> CopyGroups {
        let keys = member_keys(&groups);
        CopyGroups {
            keys,
            all: OnceLock::from(groups),
            file: None,
        }
    }

    /// Every group, largest first (all parsed, on first call).
    pub fn groups(&self) -> Result<&[CopyGroup]> {
        if let Some(all) = self.all.get() {
            return Ok(all);
        }
        let Some(on_disk) = &self.file else {
            return Ok(&[]);
        };
        let groups = read_groups_file(&on_disk.path, &on_disk.file)?;
        Ok(self.all.get_or_init(|| groups))
    }

    /// The group an article belongs to, if it has copies (its members read on first need).
    pub fn group_of(&self, key: u64) -> Result<Option<&CopyGroup>> {
        let Some(at) = self.group_number(key) else {
            return Ok(None);
        };
        if let Some(all) = self.all.get() {
            return Ok(all.get(at as usize));
        }
        let Some(on_disk) = &self.file else {
            return Ok(None);
        };
        on_disk.group(at as usize, key).map(Some)
    }

    /// The number of the group an article is in.
    fn group_number(&self, key: u64) -> Option<u32> {
        self.keys
            .binary_search_by_key(&key, |&(k, _)| k)
            .ok()
            .map(|at| self.keys[at].1)
    }

    /// The story an article belongs to: its group's number, or a number of its own.
    pub fn story_of(&self, key: u64) -> StoryId {
        match self.group_number(key) {
            Some(at) => StoryId::Group(at as usize),
            None => StoryId::Alone(key),
        }
    }

    /// How many groups there are (none parsed to count them).
    pub fn group_count(&self) -> usize {
        match (self.all.get(), &self.file) {
            (Some(all), _) => all.len(),
            (None, Some(on_disk)) => on_disk.ranges.len(),
            (None, None) => 0,
        }
    }

    /// Whether no article has a copy.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// Each grouped article's key with its group's number, sorted by key (an article in two
/// groups keeps the first).
fn member_keys(groups: &[CopyGroup]) -> Vec<(u64, u32)> {
    let mut keys: Vec<(u64, u32)> = groups
        .iter()
        .enumerate()
        .flat_map(|(at, group)| group.members.iter().map(move |m| (m.key, at as u32)))
        .collect();
    keys.sort_unstable();
    keys.dedup_by_key(|(key, _)| *key);
    keys
}

impl GroupsOnDisk {
    /// Group `at`, parsed from its bytes on first need.
    fn group_at(&self, at: usize) -> Result<&CopyGroup> {
        if let Some(group) = self.parsed.get(at).and_then(OnceLock::get) {
            return Ok(group);
        }
        let corrupt = |reason: String| Error::CorruptCopies {
            path: self.path.clone(),
            reason,
        };
        let &(offset, len) = self
            .ranges
            .get(at)
            .ok_or_else(|| corrupt(format!("no group {at}")))?;
        let mut bytes = vec![0; len as usize];
        self.file
            .read_exact_at(&mut bytes, offset)
            .map_err(|err| Error::io(&self.path, err))?;
        let group: CopyGroup =
            serde_json::from_slice(&bytes).map_err(|err| corrupt(err.to_string()))?;
        Ok(self.parsed[at].get_or_init(|| group))
    }

    /// Group `at`, which holds the article `key`, parsed from its bytes on first need.
    fn group(&self, at: usize, key: u64) -> Result<&CopyGroup> {
        let group = self.group_at(at)?;
        if !group.members.iter().any(|m| m.key == key) {
            return Err(Error::CorruptCopies {
                path: self.path.clone(),
                reason: format!("group {at} does not hold article {key:016x}"),
            });
        }
        Ok(group)
    }
}

/// The whole groups file, parsed.
fn read_groups_file(path: &Path, mut file: &std::fs::File) -> Result<Vec<CopyGroup>> {
    use std::io::{Read, Seek};
    let mut bytes = Vec::new();
    file.seek(std::io::SeekFrom::Start(0))
        .and_then(|_| file.read_to_end(&mut bytes))
        .map_err(|err| Error::io(path, err))?;
    let parsed: GroupsFile =
        serde_json::from_slice(&bytes).map_err(|err| Error::CorruptCopies {
            path: path.to_path_buf(),
            reason: err.to_string(),
        })?;
    Ok(parsed.groups)
}

/// What [`KEYS_FILE`] holds.
struct KeysFile {
    keys: Vec<(u64, u32)>,
    ranges: Vec<(u64, u32)>,
    stamp: u64,
}

/// The keys file of `index_dir` when it belongs to the open groups file `groups` (same stamp
/// and length); `None` when it is missing, of another layout, cut short or another run's
/// (a run killed between writing the two files): the groups file is then parsed whole.
fn read_keys(index_dir: &Path, groups: &std::fs::File) -> Option<KeysFile> {
    let bytes = std::fs::read(index_dir.join(KEYS_FILE)).ok()?;
    let header = bytes.get(..KEYS_HEADER)?;
    if &header[..8] != KEYS_MAGIC {
        return None;
    }
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let group_count = u32_at(8) as usize;
    let key_count = usize::try_from(u64_at(12)).ok()?;
    let (stamp, json_len) = (u64_at(20), u64_at(28));
    let keys_end = KEYS_HEADER.checked_add(key_count.checked_mul(12)?)?;
    if bytes.len() != keys_end.checked_add(group_count.checked_mul(12)?)? {
        return None;
    }
    if groups.metadata().ok()?.len() != json_len {
        return None;
    }
    let prefix = groups_prefix(stamp);
    let mut head = vec![0; prefix.len()];
    groups.read_exact_at(&mut head, 0).ok()?;
    if head != prefix {
        return None;
    }
    let keys = bytes[KEYS_HEADER..keys_end]
        .chunks_exact(12)
        .map(|c| {
            let key = u64::from_le_bytes(c[..8].try_into().expect("8 bytes"));
            (key, u32::from_le_bytes(c[8..].try_into().expect("4 bytes")))
        })
        .collect::<Vec<_>>();
    let ranges = bytes[keys_end..]
        .chunks_exact(12)
        .map(|c| {
            let offset = u64::from_le_bytes(c[..8].try_into().expect("8 bytes"));
            (
                offset,
                u32::from_le_bytes(c[8..].try_into().expect("4 bytes")),
            )
        })
        .collect::<Vec<_>>();
    let in_file = |&(offset, len): &(u64, u32)| offset.saturating_add(u64::from(len)) <= json_len;
    let sorted = keys.windows(2).all(|w| w[0].0 < w[1].0);
    let known = keys.iter().all(|&(_, at)| (at as usize) < group_count);
    (sorted && known && ranges.iter().all(in_file)).then_some(KeysFile {
        keys,
        ranges,
        stamp,
    })
}

/// How the groups file starts: the fields before the groups, as `serde_json` writes them.
fn groups_prefix(stamp: u64) -> Vec<u8> {
    format!("{{\"rules\":{RULES_VERSION},\"stamp\":{stamp},\"groups\":[").into_bytes()
}

/// Writes the groups file and its keys file (each a temporary file renamed over the old one;
/// the groups file first, so that a keys file always names groups that were written).
#[cfg(test)]
fn write_groups(index_dir: &Path, groups: &[CopyGroup]) -> Result<()> {
    let path = index_dir.join(GROUPS_FILE);
    let mut parts = Vec::with_capacity(groups.len());
    for group in groups {
        let bytes = serde_json::to_vec(group).map_err(|err| Error::CorruptCopies {
            path: path.clone(),
            reason: err.to_string(),
        })?;
        let keys = group.members.iter().map(|m| m.key).collect();
        parts.push((std::borrow::Cow::Owned(bytes), keys));
    }
    write_group_parts(index_dir, &parts).map(|_| ())
}

/// Writes the groups file and its keys file from each group's JSON and its members' keys, in
/// the file's order (each a temporary file renamed over the old one; the groups file first,
/// so that a keys file always names groups that were written). A group kept from the last
/// run is its bytes as they were: the file costs a copy of the old bytes, not a
/// serialisation of every group. Returns the stamp and the groups file's length.
fn write_group_parts(
    index_dir: &Path,
    parts: &[(std::borrow::Cow<'_, [u8]>, Vec<u64>)],
) -> Result<(u64, u64)> {
    let path = index_dir.join(GROUPS_FILE);
    let mut body = Vec::with_capacity(parts.iter().map(|(bytes, _)| bytes.len() + 1).sum());
    let mut ranges = Vec::with_capacity(parts.len());
    for (at, (bytes, _)) in parts.iter().enumerate() {
        if at > 0 {
            body.push(b',');
        }
        ranges.push((body.len(), bytes.len()));
        body.extend_from_slice(bytes);
    }
    let stamp = Fnv1a::new().write(&body).finish();
    let mut json = groups_prefix(stamp);
    let base = json.len() as u64;
    json.extend_from_slice(&body);
    json.extend_from_slice(b"]}");
    write_atomically(&path, &json)?;

    let mut keys: Vec<(u64, u32)> = parts
        .iter()
        .enumerate()
        .flat_map(|(at, (_, keys))| keys.iter().map(move |&key| (key, at as u32)))
        .collect();
    keys.sort_unstable();
    keys.dedup_by_key(|(key, _)| *key);
    let mut out = Vec::with_capacity(KEYS_HEADER + 12 * (keys.len() + ranges.len()));
    out.extend_from_slice(KEYS_MAGIC);
    out.extend_from_slice(&(parts.len() as u32).to_le_bytes());
    out.extend_from_slice(&(keys.len() as u64).to_le_bytes());
    out.extend_from_slice(&stamp.to_le_bytes());
    out.extend_from_slice(&(json.len() as u64).to_le_bytes());
    for (key, at) in keys {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&at.to_le_bytes());
    }
    for (start, len) in ranges {
        out.extend_from_slice(&(base + start as u64).to_le_bytes());
        out.extend_from_slice(&(len as u32).to_le_bytes());
    }
    write_atomically(&index_dir.join(KEYS_FILE), &out)?;
    Ok((stamp, json.len() as u64))
}

/// Which story an article is: a group of copies, or the article alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StoryId {
    /// The group at this place in [`CopyGroups::groups`].
    Group(usize),
    /// An article without copies, by its key.
    Alone(u64),
}

/// A live article's signature and where its first passage is.
struct Signed {
    key: u64,
    fingerprint: u64,
    signature: CopySignature,
    address: DocAddress,
}

/// The write side's record of the last run, beside the index (`INDEX/copies-state.bin`):
/// each live article's key, signature fingerprint and first passage's address, the verified
/// pairs, and the groups file they were settled into. Little-endian: the magic `STATE_MAGIC`,
/// the rules version (u32), the groups file's stamp and length (u64 each), the number of
/// articles and of pairs (u64 each); then `(key, fingerprint, segment, doc)` per article
/// (u64, u64, u64, u32; the segment as the hash of its id), sorted by key; then `(a, b)` per
/// verified pair (u64 each), sorted.
pub const STATE_FILE: &str = "copies-state.bin";
/// The first bytes of [`STATE_FILE`]; the digit is its layout's version.
const STATE_MAGIC: &[u8; 8] = b"NDXCPS01";
/// Bytes of [`STATE_FILE`]'s header.
const STATE_HEADER: usize = 8 + 4 + 8 + 8 + 8 + 8;
/// Bytes of one article in [`STATE_FILE`].
const STATE_ARTICLE: usize = 8 + 8 + 8 + 4;

/// One article as the last run saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Recorded {
    key: u64,
    fingerprint: u64,
    /// Where its first passage was (segment id's hash, doc), when known.
    address: Option<(u64, u32)>,
}

/// What the last run left: its articles (sorted by key), its verified pairs, and the groups
/// file it wrote, by stamp (none from the edges file of an older version, which has no
/// addresses: then the groups file on disk is taken as that run's).
#[derive(Debug, Default)]
struct Previous {
    articles: Vec<Recorded>,
    edges: Vec<(u64, u64)>,
    groups_stamp: Option<u64>,
}

impl Previous {
    /// The state file, else the edges file an older version wrote, else nothing (every pair
    /// verified); either of another rules version counts as nothing.
    fn read(index_dir: &Path) -> Result<Previous> {
        if let Some(previous) = read_state(&index_dir.join(STATE_FILE))? {
            return Ok(previous);
        }
        let Some(file) =
            read_edges(&index_dir.join(EDGES_FILE))?.filter(|file| file.rules == RULES_VERSION)
        else {
            return Ok(Previous::default());
        };
        let mut articles: Vec<Recorded> = file
            .articles
            .iter()
            .map(|&(key, fingerprint)| Recorded {
                key,
                fingerprint,
                address: None,
            })
            .collect();
        articles.sort_unstable_by_key(|a| a.key);
        Ok(Previous {
            articles,
            edges: file.edges,
            groups_stamp: None,
        })
    }

    fn find(&self, key: u64) -> Option<&Recorded> {
        self.articles
            .binary_search_by_key(&key, |a| a.key)
            .ok()
            .map(|at| &self.articles[at])
    }
}

/// The state file, when it is whole and of these rules.
fn read_state(path: &Path) -> Result<Option<Previous>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(Error::io(path, err)),
    };
    // An unreadable state only costs verifying every pair again.
    Ok(parse_state(&bytes))
}

fn parse_state(bytes: &[u8]) -> Option<Previous> {
    let header = bytes.get(..STATE_HEADER)?;
    if &header[..8] != STATE_MAGIC {
        return None;
    }
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    if u32_at(8) != RULES_VERSION {
        return None;
    }
    let stamp = u64_at(12);
    let articles = usize::try_from(u64_at(28)).ok()?;
    let edges = usize::try_from(u64_at(36)).ok()?;
    let articles_end = STATE_HEADER.checked_add(articles.checked_mul(STATE_ARTICLE)?)?;
    if bytes.len() != articles_end.checked_add(edges.checked_mul(16)?)? {
        return None;
    }
    let articles: Vec<Recorded> = (0..articles)
        .map(|n| {
            let at = STATE_HEADER + n * STATE_ARTICLE;
            Recorded {
                key: u64_at(at),
                fingerprint: u64_at(at + 8),
                address: Some((u64_at(at + 16), u32_at(at + 24))),
            }
        })
        .collect();
    let edges: Vec<(u64, u64)> = (0..edges)
        .map(|n| {
            let at = articles_end + n * 16;
            (u64_at(at), u64_at(at + 8))
        })
        .collect();
    let sorted = articles.windows(2).all(|w| w[0].key < w[1].key);
    sorted.then_some(Previous {
        articles,
        edges,
        groups_stamp: Some(stamp),
    })
}

/// Writes the state file: `articles` (sorted by key) with their segments' hashes, the pairs
/// (sorted), and the groups file written with them.
fn write_state(
    index_dir: &Path,
    articles: &[Signed],
    segments: &[u64],
    edges: &[(u64, u64)],
    (stamp, len): (u64, u64),
) -> Result<()> {
    let mut out =
        Vec::with_capacity(STATE_HEADER + STATE_ARTICLE * articles.len() + 16 * edges.len());
    out.extend_from_slice(STATE_MAGIC);
    out.extend_from_slice(&RULES_VERSION.to_le_bytes());
    out.extend_from_slice(&stamp.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(articles.len() as u64).to_le_bytes());
    out.extend_from_slice(&(edges.len() as u64).to_le_bytes());
    for article in articles {
        out.extend_from_slice(&article.key.to_le_bytes());
        out.extend_from_slice(&article.fingerprint.to_le_bytes());
        out.extend_from_slice(&segments[article.address.segment_ord as usize].to_le_bytes());
        out.extend_from_slice(&article.address.doc_id.to_le_bytes());
    }
    for (a, b) in edges {
        out.extend_from_slice(&a.to_le_bytes());
        out.extend_from_slice(&b.to_le_bytes());
    }
    write_atomically(&index_dir.join(STATE_FILE), &out)
}

/// The order of groups in the groups file: largest first, equal sizes by their first member,
/// so that the order is the content's.
fn group_order(a: &CopyGroup, b: &CopyGroup) -> std::cmp::Ordering {
    b.members
        .len()
        .cmp(&a.members.len())
        .then_with(|| member_order(&a.members[0]).cmp(&member_order(&b.members[0])))
}

/// Brings the copy groups of `index` up to date and writes them beside it in `index_dir`:
/// pairs with an article that is new or changed since the last run (by its signature's
/// fingerprint) are verified, edges of deleted or changed articles dropped, the others kept.
///
/// Only what changed is rebuilt: the candidates are the pairs of buckets that hold a changed
/// article's band; a group whose members are the same articles as last run, none of them
/// indexed again (same first passage), is copied as the bytes the last run wrote; a group
/// that changed takes its unchanged members from the last groups file and reads the stored
/// documents of the others only.
pub fn update(index: &Index, index_dir: &Path) -> Result<CopyUpdate> {
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let segments: Vec<u64> = searcher
        .segment_readers()
        .iter()
        .map(|segment| {
            Fnv1a::new()
                .write(segment.segment_id().uuid_string().as_bytes())
                .finish()
        })
        .collect();
    let previous = Previous::read(index_dir)?;
    let articles = read_signatures(&searcher, &segments, &previous)?;
    // The last run's groups, when they are the ones it settled (an unreadable file: none).
    let old = CopyGroups::open(index_dir).unwrap_or_default();
    let old_file = old.file.as_ref().filter(|on_disk| {
        previous
            .groups_stamp
            .is_none_or(|stamp| stamp == on_disk.stamp)
    });
    // Without addresses (an older version's edges file), the articles of a segment written
    // after the groups file were indexed (or merged) since.
    let newer_segments: Vec<bool> = match (&previous.groups_stamp, old_file) {
        (None, Some(on_disk)) => {
            let groups_time = std::fs::metadata(&on_disk.path).and_then(|m| m.modified());
            searcher
                .segment_readers()
                .iter()
                .map(|segment| {
                    let store =
                        index_dir.join(format!("{}.store", segment.segment_id().uuid_string()));
                    let time = std::fs::metadata(store).and_then(|m| m.modified());
                    match (&groups_time, time) {
                        (Ok(groups), Ok(segment)) => segment >= *groups,
                        _ => true,
                    }
                })
                .collect()
        }
        _ => vec![true; segments.len()],
    };
    let mut changed = Vec::with_capacity(articles.len());
    // Changed, or indexed again with the same signature (its title, date or line may differ).
    let mut reread = Vec::with_capacity(articles.len());
    for article in &articles {
        let recorded = previous.find(article.key);
        let is_changed = recorded.map(|r| r.fingerprint) != Some(article.fingerprint);
        let segment = article.address.segment_ord as usize;
        let moved = match recorded.and_then(|r| r.address) {
            Some(address) => address != (segments[segment], article.address.doc_id),
            None => newer_segments[segment],
        };
        changed.push(is_changed);
        reread.push(is_changed || moved);
    }
    let at_of = |key: u64| articles.binary_search_by_key(&key, |a| a.key).ok();
    let mut edges: Vec<(u64, u64)> = previous
        .edges
        .iter()
        .copied()
        .filter(|&(a, b)| {
            let unchanged = |key| at_of(key).is_some_and(|at| !changed[at]);
            unchanged(a) && unchanged(b)
        })
        .collect();
    let mut summary = CopyUpdate {
        verified_articles: changed.iter().filter(|&&c| c).count() as u64,
        ..CopyUpdate::default()
    };
    for (a, b) in verify_candidates(&articles, &changed, &mut summary.candidate_pairs) {
        let (x, y) = (articles[a].key, articles[b].key);
        edges.push((x.min(y), x.max(y)));
    }
    edges.sort_unstable();
    edges.dedup();
    summary.edges = edges.len() as u64;

    let positions: Vec<(usize, usize)> = edges
        .iter()
        .filter_map(|&(a, b)| Some((at_of(a)?, at_of(b)?)))
        .collect();
    let groups = components(articles.len(), &positions);
    let old_sizes: Vec<usize> = match old_file {
        Some(on_disk) => {
            let mut sizes = vec![0; on_disk.ranges.len()];
            for &(_, at) in &old.keys {
                sizes[at as usize] += 1;
            }
            sizes
        }
        None => Vec::new(),
    };
    let old_number = |at: usize| {
        old_file?;
        old.group_number(articles[at].key)
    };
    let fields = Fields::from_schema(&index.schema())?;
    // Each group with its members' keys: kept as the last run wrote it (its number there),
    // or made now.
    let mut kept: Vec<(u32, Vec<u64>)> = Vec::new();
    let mut made: Vec<(CopyGroup, Vec<u64>)> = Vec::new();
    for group in groups {
        let keys: Vec<u64> = group.iter().map(|&at| articles[at].key).collect();
        let first = old_number(group[0]);
        let unchanged = first.filter(|&number| {
            old_sizes[number as usize] == group.len()
                && group
                    .iter()
                    .all(|&at| !reread[at] && old_number(at) == Some(number))
        });
        if let Some(number) = unchanged {
            kept.push((number, keys));
            continue;
        }
        let mut members = Vec::with_capacity(group.len());
        for at in group {
            let key = articles[at].key;
            let known = match (old_file, old_number(at)) {
                (Some(on_disk), Some(number)) if !reread[at] => on_disk
                    .group_at(number as usize)?
                    .members
                    .iter()
                    .find(|m| m.key == key)
                    .cloned(),
                _ => None,
            };
            let member = match known {
                Some(member) => member,
                None => {
                    let document: TantivyDocument = searcher.doc(articles[at].address)?;
                    member_of(key, &document, &fields)
                }
            };
            members.push(member);
        }
        members.sort_by(|a, b| member_order(a).cmp(&member_order(b)));
        made.push((CopyGroup { members }, keys));
    }
    summary.groups = (kept.len() + made.len()) as u64;
    summary.grouped_articles = kept
        .iter()
        .map(|(_, keys)| keys)
        .chain(made.iter().map(|(_, keys)| keys))
        .map(|keys| keys.len() as u64)
        .sum();

    // The kept groups are in the last file's order already; each made one goes where its
    // order puts it among them (a few kept groups parsed to find the place).
    kept.sort_unstable_by_key(|&(number, _)| number);
    made.sort_by(|a, b| group_order(&a.0, &b.0));
    let kept_file = || old_file.expect("kept groups come from the old file");
    let old_bytes = match old_file {
        Some(on_disk) if !kept.is_empty() => {
            std::fs::read(&on_disk.path).map_err(|err| Error::io(&on_disk.path, err))?
        }
        _ => Vec::new(),
    };
    let mut ordered: Vec<(std::borrow::Cow<'_, [u8]>, Vec<u64>)> =
        Vec::with_capacity(kept.len() + made.len());
    let path = index_dir.join(GROUPS_FILE);
    let mut from = 0;
    for (group, keys) in made {
        // The kept groups that come before this one: found by halving, so that only a few
        // of them are parsed.
        let mut failed = None;
        let before = from
            + kept[from..].partition_point(|&(number, _)| {
                match kept_file().group_at(number as usize) {
                    Ok(old) => group_order(old, &group) == std::cmp::Ordering::Less,
                    Err(err) => {
                        failed.get_or_insert(err);
                        false
                    }
                }
            });
        if let Some(err) = failed {
            return Err(err);
        }
        for (number, keys) in kept[from..before].iter_mut() {
            let bytes = old_group_bytes(kept_file(), &old_bytes, *number)?;
            ordered.push((bytes, std::mem::take(keys)));
        }
        from = before;
        let bytes = serde_json::to_vec(&group).map_err(|err| Error::CorruptCopies {
            path: path.clone(),
            reason: err.to_string(),
        })?;
        ordered.push((std::borrow::Cow::Owned(bytes), keys));
    }
    for (number, keys) in kept[from..].iter_mut() {
        let bytes = old_group_bytes(kept_file(), &old_bytes, *number)?;
        ordered.push((bytes, std::mem::take(keys)));
    }
    let written = write_group_parts(index_dir, &ordered)?;
    write_state(index_dir, &articles, &segments, &edges, written)?;
    // The older version's edges file, superseded by the state file.
    match std::fs::remove_file(index_dir.join(EDGES_FILE)) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            return Err(Error::io(index_dir.join(EDGES_FILE), err))
        }
        _ => {}
    }
    Ok(summary)
}

/// The bytes the last run wrote for its group `number`, from the whole old file `bytes`.
fn old_group_bytes<'a>(
    on_disk: &GroupsOnDisk,
    bytes: &'a [u8],
    number: u32,
) -> Result<std::borrow::Cow<'a, [u8]>> {
    let range = on_disk
        .ranges
        .get(number as usize)
        .and_then(|&(offset, len)| {
            let start = usize::try_from(offset).ok()?;
            bytes.get(start..start.checked_add(len as usize)?)
        });
    range
        .map(std::borrow::Cow::Borrowed)
        .ok_or_else(|| Error::CorruptCopies {
            path: on_disk.path.clone(),
            reason: format!("no group {number}"),
        })
}

/// The order of a group's members: oldest first, undated last, then path, line and id.
fn member_order(member: &CopyMember) -> (bool, &Option<String>, &str, Option<u64>, &str) {
    (
        member.date.is_none(),
        &member.date,
        &member.path,
        member.line,
        &member.article_id,
    )
}

/// Every live article's signature, by its first passage, in key order; its fingerprint is the
/// one recorded when its first passage is where the last run saw it (`segments`: the hash of
/// each segment's id), else computed.
fn read_signatures(
    searcher: &tantivy::Searcher,
    segments: &[u64],
    previous: &Previous,
) -> Result<Vec<Signed>> {
    let mut articles = Vec::new();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let passage = segment.fast_fields().u64(field_name::PASSAGE)?;
        let key = segment.fast_fields().u64(field_name::ARTICLE_KEY)?;
        let Some(signatures) = segment.fast_fields().bytes(field_name::COPY_SIGNATURE)? else {
            continue;
        };
        let signed_docs: Vec<(u32, u64)> = segment
            .doc_ids_alive()
            .filter(|&doc| passage.first(doc) == Some(0))
            .filter_map(|doc| Some((doc, signatures.term_ords(doc).next()?)))
            .collect();
        // The dictionary read once, in order: looking each ordinal up on its own decodes its
        // block from the start every time (a tenth of the time of `update` on Reuters).
        let mut ords: Vec<u64> = signed_docs.iter().map(|&(_, ord)| ord).collect();
        ords.sort_unstable();
        ords.dedup();
        let mut by_ord: Vec<Vec<u8>> = Vec::with_capacity(ords.len());
        signatures
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |term| by_ord.push(term.to_vec()))
            .map_err(tantivy::TantivyError::from)?;
        for (doc, ord) in signed_docs {
            let Ok(at) = ords.binary_search(&ord) else {
                continue;
            };
            let Some(bytes) = by_ord.get(at) else {
                continue;
            };
            let Some(signature) = CopySignature::from_bytes(bytes) else {
                continue;
            };
            let key = key.first(doc).unwrap_or(0);
            let here = (segments[segment_ord], doc);
            let fingerprint = match previous.find(key) {
                Some(recorded) if recorded.address == Some(here) => recorded.fingerprint,
                _ => Fnv1a::new().write(bytes).finish(),
            };
            articles.push(Signed {
                key,
                fingerprint,
                signature,
                address: DocAddress::new(segment_ord as u32, doc),
            });
        }
    }
    articles.sort_by_key(|a| a.key);
    articles.dedup_by_key(|a| a.key);
    Ok(articles)
}

/// Most articles under one headline that are paired by it ([`CopySignature::headline_key`]).
const MOST_UNDER_ONE_HEADLINE: usize = 16;

/// Most articles after it in one band's bucket that an article is paired with. A bucket of a
/// few dozen is paired whole; a larger one is the same text many times over (a boilerplate
/// page, a notice sent a thousand times), whose pairs grow with the square of its size: each
/// article paired with the next ones still joins all the copies into one group, through a
/// chain, at a cost that grows with the bucket.
const MOST_PAIRS_IN_A_BUCKET: usize = 32;

/// How many candidate pairs are gathered before their repeats (a pair shares many bands) are
/// folded, at the least.
const FOLD_CANDIDATES_AT: usize = 1 << 20;

/// The copy pairs `(a, b)` among `articles` with at least one changed article: the pairs
/// sharing an LSH band, verified by [`copies::is_copy`]. Counts the pairs verified.
///
/// Only the buckets that hold a changed article can give a pair to verify: the band hashes
/// of the changed articles go into a set, and each article's bands that are in it into one
/// flat list sorted by hash (no map of buckets, and no sort of every article's 64 bands when
/// few changed); each run of equal hashes is a whole bucket, and every pair is verified once.
/// Articles under one headline are paired too. In a bucket larger than
/// [`MOST_PAIRS_IN_A_BUCKET`], an article is paired with that many after it.
fn verify_candidates(
    articles: &[Signed],
    changed: &[bool],
    verified: &mut u64,
) -> Vec<(usize, usize)> {
    if !changed.iter().any(|&c| c) {
        return Vec::new();
    }
    let changed_articles = || {
        articles
            .iter()
            .zip(changed)
            .filter(|(_, &changed)| changed)
            .map(|(article, _)| article)
    };
    // When most articles changed (a first build), every bucket holds one: no set to ask.
    let few = changed.iter().filter(|&&c| c).count() < articles.len() / 2;
    let wanted: FxHashSet<u64> = changed_articles()
        .filter(|_| few)
        .flat_map(|article| article.signature.bands())
        .collect();
    let wanted_headlines: FxHashSet<u64> = changed_articles()
        .filter(|_| few)
        .filter_map(|article| article.signature.headline_key())
        .collect();
    let mut banded: Vec<(u64, u32)> = Vec::new();
    for (at, article) in articles.iter().enumerate() {
        banded.extend(
            article
                .signature
                .bands()
                .into_iter()
                .filter(|h| !few || wanted.contains(h))
                .map(|h| (h, at as u32)),
        );
    }
    banded.sort_unstable();
    let mut headlined: Vec<(u64, u32)> = articles
        .iter()
        .enumerate()
        .filter_map(|(at, article)| Some((article.signature.headline_key()?, at as u32)))
        .filter(|(key, _)| !few || wanted_headlines.contains(key))
        .collect();
    headlined.sort_unstable();
    // A headline many articles carry is a standing one ("weekly review"), no story.
    let headline_buckets = headlined
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|bucket| bucket.len() <= MOST_UNDER_ONE_HEADLINE);
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    let mut fold_at = FOLD_CANDIDATES_AT;
    for bucket in banded.chunk_by(|x, y| x.0 == y.0).chain(headline_buckets) {
        if bucket.len() < 2 || !bucket.iter().any(|&(_, at)| changed[at as usize]) {
            continue;
        }
        for (i, &(_, a)) in bucket.iter().enumerate() {
            for &(_, b) in bucket[i + 1..].iter().take(MOST_PAIRS_IN_A_BUCKET) {
                if a != b && (changed[a as usize] || changed[b as usize]) {
                    candidates.push((a.min(b), a.max(b)));
                }
            }
        }
        if candidates.len() >= fold_at {
            candidates.sort_unstable();
            candidates.dedup();
            fold_at = (2 * candidates.len()).max(FOLD_CANDIDATES_AT);
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    *verified += candidates.len() as u64;
    candidates
        .into_iter()
        .map(|(a, b)| (a as usize, b as usize))
        .filter(|&(a, b)| copies::is_copy(&articles[a].signature, &articles[b].signature))
        .collect()
}

/// The connected components of two or more of `count` articles joined by `edges` (their
/// places), each sorted, in the order of their first member.
fn components(count: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..count).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b) in edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    // Only the articles of some pair can be in a group.
    let mut joined: Vec<usize> = edges.iter().flat_map(|&(a, b)| [a, b]).collect();
    joined.sort_unstable();
    joined.dedup();
    let mut by_root: Vec<(usize, usize)> = joined
        .into_iter()
        .map(|at| (root(&mut parent, at), at))
        .collect();
    by_root.sort_unstable();
    let mut groups: Vec<Vec<usize>> = by_root
        .chunk_by(|x, y| x.0 == y.0)
        .map(|group| group.iter().map(|&(_, at)| at).collect::<Vec<_>>())
        .filter(|group| group.len() > 1)
        .collect();
    groups.sort();
    groups
}

/// What is shown of an article, from its first passage's stored document.
fn member_of(key: u64, document: &TantivyDocument, fields: &Fields) -> CopyMember {
    let text = |field| {
        document
            .get_first(field)
            .and_then(|v| {
                v.as_str()
                    .map(str::to_string)
                    .or_else(|| v.as_pre_tokenized_text().map(|p| p.text))
            })
            .unwrap_or_default()
    };
    let source = document
        .get_all(fields.source)
        .find_map(|v| {
            v.as_facet()
                .and_then(|f| schema::decode_source_facet(f.as_bytes()))
        })
        .unwrap_or_default()
        .to_string();
    let date = schema::stored_date(document, fields);
    CopyMember {
        key,
        article_id: text(fields.article_id),
        path: text(fields.path),
        line: document
            .get_first(fields.line)
            .and_then(|v| v.as_u64())
            .filter(|&l| l > 0),
        title: text(fields.title),
        date: date.map(|d| d.to_rfc3339()),
        date_display: date.map(|d| d.display()),
        source,
    }
}

fn read_edges(path: &Path) -> Result<Option<EdgesFile>> {
    // Compressed (or plain, as older versions wrote it).
    match crate::store::read_side_file(path) {
        // An unreadable edges file only costs verifying every pair again.
        Ok(bytes) => Ok(serde_json::from_slice(&bytes).ok()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        // A damaged compressed file likewise.
        Err(err) if err.kind() == std::io::ErrorKind::InvalidData => Ok(None),
        Err(err) => Err(Error::io(path, err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_copies_of_one_text_make_one_group_from_a_bounded_number_of_pairs() {
        let body = "The harbour board of Tallow Bay voted on Tuesday to close the old grain pier \
                    for repairs through the winter, and ships will load at the new quay instead, \
                    its chairman told the quarterly meeting of the port's users."
            .repeat(3);
        let copies = 600;
        let articles: Vec<Signed> = (0..copies)
            .map(|at| Signed {
                key: at as u64,
                fingerprint: at as u64,
                signature: crate::corpus::copies::signature(
                    "Tallow Bay pier closes",
                    &body,
                    Some(9),
                ),
                address: DocAddress::new(0, at as u32),
            })
            .collect();
        let mut verified = 0;
        let pairs = verify_candidates(&articles, &vec![true; copies], &mut verified);
        // All pairs would be 179,700; each article is paired with at most the next 32.
        assert!(
            verified <= (copies * MOST_PAIRS_IN_A_BUCKET) as u64,
            "{verified}"
        );
        assert!(pairs.len() as u64 == verified, "identical texts are copies");
        let groups = components(articles.len(), &pairs);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), copies);
    }

    fn member(key: u64, title: &str) -> CopyMember {
        CopyMember {
            key,
            article_id: format!("m{key}"),
            path: format!("wire/{key}.txt"),
            line: None,
            title: title.to_string(),
            date: None,
            date_display: None,
            source: "harbour gazette".to_string(),
        }
    }

    fn sample() -> Vec<CopyGroup> {
        vec![
            CopyGroup {
                members: vec![
                    member(40, "Ferry fares rise"),
                    member(7, "Ferry fares rise \"again\""),
                    member(93, "Fares rise"),
                ],
            },
            CopyGroup {
                members: vec![
                    member(12, "Lighthouse keeper retires"),
                    member(5, "Keeper retires"),
                ],
            },
        ]
    }

    /// What every question the read side asks answers, for comparing two views.
    fn answers(groups: &CopyGroups) -> Vec<(u64, StoryId, Option<CopyGroup>)> {
        [5, 7, 12, 40, 41, 93, 0]
            .into_iter()
            .map(|key| {
                let group = groups.group_of(key).expect("readable").cloned();
                (key, groups.story_of(key), group)
            })
            .collect()
    }

    #[test]
    fn groups_read_through_the_keys_file_are_the_groups_written() {
        let dir = tempfile::tempdir().unwrap();
        write_groups(dir.path(), &sample()).unwrap();
        let on_disk = CopyGroups::open(dir.path()).unwrap();
        assert!(on_disk.file.is_some(), "the keys file is used");
        let in_memory = CopyGroups::from_groups(sample());
        assert_eq!(answers(&on_disk), answers(&in_memory));
        assert_eq!(on_disk.groups().unwrap(), sample().as_slice());
        assert!(!on_disk.is_empty());
        // The groups file is plain JSON still, read whole by older readers.
        let whole: GroupsFile =
            serde_json::from_slice(&std::fs::read(dir.path().join(GROUPS_FILE)).unwrap()).unwrap();
        assert_eq!(whole.groups, sample());
    }

    #[test]
    fn a_keys_file_of_other_groups_or_none_means_reading_the_groups_whole() {
        let dir = tempfile::tempdir().unwrap();
        write_groups(dir.path(), &sample()).unwrap();
        let stale = std::fs::read(dir.path().join(KEYS_FILE)).unwrap();
        // A run killed after writing new groups and before their keys file.
        let mut other = sample();
        other[1]
            .members
            .push(member(61, "Keeper retires, says harbour"));
        write_groups(dir.path(), &other).unwrap();
        std::fs::write(dir.path().join(KEYS_FILE), stale).unwrap();
        let groups = CopyGroups::open(dir.path()).unwrap();
        assert!(groups.file.is_none(), "the stale keys file is not used");
        assert_eq!(
            answers(&groups),
            answers(&CopyGroups::from_groups(other.clone()))
        );

        std::fs::remove_file(dir.path().join(KEYS_FILE)).unwrap();
        let groups = CopyGroups::open(dir.path()).unwrap();
        assert_eq!(answers(&groups), answers(&CopyGroups::from_groups(other)));

        let empty = tempfile::tempdir().unwrap();
        assert!(CopyGroups::open(empty.path()).unwrap().is_empty());
    }

    #[test]
    fn a_groups_file_that_does_not_hold_the_article_is_an_error_not_a_wrong_group() {
        let dir = tempfile::tempdir().unwrap();
        write_groups(dir.path(), &sample()).unwrap();
        // Same length, same stamp, other keys inside: the group read must hold the article.
        let path = dir.path().join(GROUPS_FILE);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("\"key\":12,", "\"key\":19,")).unwrap();
        let groups = CopyGroups::open(dir.path()).unwrap();
        assert!(matches!(
            groups.group_of(12),
            Err(Error::CorruptCopies { .. })
        ));
        assert_eq!(groups.group_of(40).unwrap().unwrap().members.len(), 3);
    }
}
