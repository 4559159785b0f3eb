//! Copies: which articles of an index are one story. The groups are the connected components
//! of the copy relation ([`crate::corpus::copies::is_copy`]) over the live articles.
//!
//! Settled at the end of every `index` run ([`update`]), from the index alone: the signatures
//! are read from the `copy_signature` column of each article's first passage and bucketed by
//! their LSH bands in memory; only pairs with a new or changed article are verified, the
//! verified edges of the others are kept (`INDEX/copies-edges.json`, with each article's
//! signature fingerprint). The groups, with what is shown of each member, go to
//! `INDEX/copies.json`; beside it `INDEX/copies-keys.bin` says which group each grouped
//! article is in and where that group's bytes are in `copies.json`, so that the read side
//! ([`CopyGroups::open`]) reads the keys and parses only the groups of the hits it shows (a
//! one-shot search spent a quarter of its time parsing every group). Since the relation is
//! decided pair by pair, an incremental run gives the groups of a fresh build.

use std::collections::HashMap;
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
/// The verified edges and signature fingerprints, in the index directory (write side only).
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

#[derive(Debug, Default, Serialize, Deserialize)]
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
    /// Group `at`, which holds the article `key`, parsed from its bytes on first need.
    fn group(&self, at: usize, key: u64) -> Result<&CopyGroup> {
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
        if !group.members.iter().any(|m| m.key == key) {
            return Err(corrupt(format!(
                "group {at} does not hold article {key:016x}"
            )));
        }
        Ok(self.parsed[at].get_or_init(|| group))
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
    (sorted && known && ranges.iter().all(in_file)).then_some(KeysFile { keys, ranges })
}

/// How the groups file starts: the fields before the groups, as `serde_json` writes them.
fn groups_prefix(stamp: u64) -> Vec<u8> {
    format!("{{\"rules\":{RULES_VERSION},\"stamp\":{stamp},\"groups\":[").into_bytes()
}

/// Writes the groups file and its keys file (each a temporary file renamed over the old one;
/// the groups file first, so that a keys file always names groups that were written).
fn write_groups(index_dir: &Path, groups: &[CopyGroup]) -> Result<()> {
    let path = index_dir.join(GROUPS_FILE);
    let corrupt = |err: serde_json::Error| Error::CorruptCopies {
        path: path.clone(),
        reason: err.to_string(),
    };
    let mut body = Vec::new();
    let mut ranges = Vec::with_capacity(groups.len());
    for (at, group) in groups.iter().enumerate() {
        if at > 0 {
            body.push(b',');
        }
        let start = body.len();
        serde_json::to_writer(&mut body, group).map_err(corrupt)?;
        ranges.push((start, body.len() - start));
    }
    let stamp = Fnv1a::new().write(&body).finish();
    let mut json = groups_prefix(stamp);
    let base = json.len() as u64;
    json.extend_from_slice(&body);
    json.extend_from_slice(b"]}");
    write_atomically(&path, &json)?;

    let keys = member_keys(groups);
    let mut out = Vec::with_capacity(KEYS_HEADER + 12 * (keys.len() + ranges.len()));
    out.extend_from_slice(KEYS_MAGIC);
    out.extend_from_slice(&(groups.len() as u32).to_le_bytes());
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
    write_atomically(&index_dir.join(KEYS_FILE), &out)
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

/// Brings the copy groups of `index` up to date and writes them beside it in `index_dir`:
/// pairs with an article that is new or changed since the last run (by its signature's
/// fingerprint) are verified, edges of deleted or changed articles dropped, the others kept.
pub fn update(index: &Index, index_dir: &Path) -> Result<CopyUpdate> {
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let articles = read_signatures(&searcher)?;
    let edges_path = index_dir.join(EDGES_FILE);
    let previous = read_edges(&edges_path)?.filter(|file| file.rules == RULES_VERSION);
    let recorded: HashMap<u64, u64> = previous
        .as_ref()
        .map(|file| file.articles.iter().copied().collect())
        .unwrap_or_default();
    let at_of: HashMap<u64, usize> = articles
        .iter()
        .enumerate()
        .map(|(at, a)| (a.key, at))
        .collect();
    let changed: Vec<bool> = articles
        .iter()
        .map(|a| recorded.get(&a.key) != Some(&a.fingerprint))
        .collect();
    let mut edges: Vec<(u64, u64)> = previous
        .map(|file| file.edges)
        .unwrap_or_default()
        .into_iter()
        .filter(|(a, b)| {
            let unchanged = |key| at_of.get(key).is_some_and(|&at| !changed[at]);
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

    let groups = components(&articles, &at_of, &edges);
    let mut shown = Vec::with_capacity(groups.len());
    let fields = Fields::from_schema(&index.schema())?;
    for group in groups {
        let mut members = Vec::with_capacity(group.len());
        for at in group {
            let document: TantivyDocument = searcher.doc(articles[at].address)?;
            members.push(member_of(articles[at].key, &document, &fields));
        }
        members.sort_by(|a, b| member_order(a).cmp(&member_order(b)));
        shown.push(CopyGroup { members });
    }
    // Largest first; equal sizes by their first member, so that the order is the content's.
    shown.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then_with(|| member_order(&a.members[0]).cmp(&member_order(&b.members[0])))
    });
    summary.groups = shown.len() as u64;
    summary.grouped_articles = shown.iter().map(|g| g.members.len() as u64).sum();

    write_groups(index_dir, &shown)?;
    let mut fingerprints: Vec<(u64, u64)> =
        articles.iter().map(|a| (a.key, a.fingerprint)).collect();
    fingerprints.sort_unstable();
    write_compressed_json(
        &edges_path,
        &EdgesFile {
            rules: RULES_VERSION,
            articles: fingerprints,
            edges,
        },
    )?;
    Ok(summary)
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

/// Every live article's signature, by its first passage, in key order.
fn read_signatures(searcher: &tantivy::Searcher) -> Result<Vec<Signed>> {
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
            articles.push(Signed {
                key: key.first(doc).unwrap_or(0),
                fingerprint: Fnv1a::new().write(bytes).finish(),
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
/// The band hashes of all articles go into one flat list sorted by hash (no map of buckets:
/// a hash map of a million small vectors cost more than the rest of the grouping); each run of
/// equal hashes is a bucket, and every pair is verified once. Articles under one headline
/// are paired too. In a bucket larger than [`MOST_PAIRS_IN_A_BUCKET`], an article is paired
/// with that many after it.
fn verify_candidates(
    articles: &[Signed],
    changed: &[bool],
    verified: &mut u64,
) -> Vec<(usize, usize)> {
    if !changed.iter().any(|&c| c) {
        return Vec::new();
    }
    let mut banded: Vec<(u64, u32)> = Vec::with_capacity(articles.len() * copies::BANDS);
    for (at, article) in articles.iter().enumerate() {
        banded.extend(
            article
                .signature
                .bands()
                .into_iter()
                .map(|h| (h, at as u32)),
        );
    }
    banded.sort_unstable();
    let mut headlined: Vec<(u64, u32)> = articles
        .iter()
        .enumerate()
        .filter_map(|(at, article)| Some((article.signature.headline_key()?, at as u32)))
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

/// The connected components of two or more articles (by their place in `articles`).
fn components(
    articles: &[Signed],
    at_of: &HashMap<u64, usize>,
    edges: &[(u64, u64)],
) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (a, b) in edges {
        let (Some(&a), Some(&b)) = (at_of.get(a), at_of.get(b)) else {
            continue;
        };
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for at in 0..articles.len() {
        let r = root(&mut parent, at);
        by_root.entry(r).or_default().push(at);
    }
    let mut groups: Vec<Vec<usize>> = by_root.into_values().filter(|g| g.len() > 1).collect();
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

/// `value` as JSON, compressed (a key and a hash per article: half the bytes of the JSON).
fn write_compressed_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let json = serde_json::to_vec(value).map_err(|err| Error::CorruptCopies {
        path: path.to_path_buf(),
        reason: err.to_string(),
    })?;
    crate::store::write_compressed_atomically(path, &json)
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
        let at_of: HashMap<u64, usize> = articles.iter().map(|a| (a.key, a.key as usize)).collect();
        let edges: Vec<(u64, u64)> = pairs.iter().map(|&(a, b)| (a as u64, b as u64)).collect();
        let groups = components(&articles, &at_of, &edges);
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
