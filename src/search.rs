//! Site search that needs no server: a static index, split so a reader downloads only what a
//! query needs, and a small script in the theme that queries it.
//!
//! Readers type Vietnamese without tone marks (`giam ngheo` for "giảm nghèo"), so every word
//! is indexed under its folded form: lowercase, diacritics removed, `đ` → `d`. Under each
//! folded form the index keeps the words as written (`giảm`, `giám`, …), so a query typed
//! with its diacritics ranks exact matches first, and one typed without finds them all.
//!
//! Files, under `<search path>/index/`, a bounded number of them however many distinct words
//! the site has (a site of numbers and codes has 100,000):
//! - `t/<b>.json`: a bucket, the folded words whose [`term_hash`] is `b` modulo the number of
//!   buckets (a power of two, sized from the site, at most [`MAX_BUCKETS`]): `{"<term>":
//!   {"documents": N, "shards": [0, 3, …], "split": false, "w": {"as written": [doc, count,
//!   in_title, n, pos, Δpos…, doc, …]}}, …}` with the first positions of the word (title, tags,
//!   summary, then body), for phrase queries. Documents are numbered newest first, in shards of
//!   [`SHARD_DOCS`] (more on sites of over 32,768 documents, so there are at most 16); `shards`
//!   lists those that have the word.
//! - `p/<g>.<k>.json`: the postings in shard k of the words with many postings (`"split":
//!   true`, whose bucket entry has no `w` but names their group: `"g": 7`), group by group (at
//!   most [`MAX_GROUPS`], filled to about the same size): `{"<term>": {"as written": […]}, …}`.
//!   A common word of a 100,000-article site is read a shard at a time, as far back as the
//!   results need.
//! - `docs/<n>.json`: what a result shows (URL, title, date, section, summary), 500 documents
//!   a file;
//! - `w/<n>.json`: the folded terms whose first letter's code point is n modulo
//!   [`PREFIX_FILES`], sorted (for the prefix match as you type);
//! - `meta.json`: the number of documents, the shard size, the numbers of buckets, groups and
//!   term files.
//!
//! A query downloads `meta.json` once, the term file of the word typed last (while typing),
//! the bucket of each of its words, then for split words
//! the group files of the shards all its words share, newest first, until it has a page of
//! results; then the document files of the results it shows.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::base::packed::Packed;
use crate::content::DocKind;
use crate::site::{PageId, Site};

/// Files of folded terms for the prefix match, `w/<n>.json`, by the first letter's code point
/// modulo this.
const PREFIX_FILES: u32 = 64;

/// Documents per `docs/<n>.json` file.
pub(crate) const DOCS_PER_FILE: usize = 500;

/// Folds a word for matching: lowercase, no diacritics, `đ` → `d`.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if ('\u{300}'..='\u{36f}').contains(&c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether a character is part of a word: letters and digits. Vietnamese letters are checked
/// by range first (the general Unicode lookup is slow, and runs for every character).
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let u = c as u32;
    if (0x1EA0..=0x1EF9).contains(&u) || ((0xC0..=0x24F).contains(&u) && u != 0xD7 && u != 0xF7) {
        return true;
    }
    c.is_alphanumeric()
}

/// The longest word indexed, in letters (characters): longer "words" are data (a base64 blob,
/// a hash, a long number in a code block) that nobody types.
pub(crate) const MAX_WORD_CHARS: usize = 60;

/// Whether a word is longer than [`MAX_WORD_CHARS`] (counting bytes only when that decides).
fn too_long(word: &str) -> bool {
    word.len() > MAX_WORD_CHARS && word.chars().count() > MAX_WORD_CHARS
}

#[cfg(test)]
/// The words of a text, lowercase, as `(as written, folded)`; words longer than
/// [`MAX_WORD_CHARS`] are left out.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty() && !too_long(w)).map(|w| {
        let lower = w.to_lowercase();
        let folded = fold(&lower);
        (lower, folded)
    })
}

/// The documents searched: published articles and pages, in a stable order (articles newest
/// first, then pages).
pub(crate) fn documents(site: &Site) -> Vec<PageId> {
    let mut ids: Vec<PageId> = site.articles.clone();
    ids.extend((0..site.pages.len()).filter(|&i| site.pages[i].kind == DocKind::Page));
    ids
}

/// A digest of everything the index is made of, to skip making it again when nothing changed.
pub(crate) fn digest(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for id in documents(site) {
        let p = &site.pages[id];
        (p.path.as_str(), &p.title, &p.summary, p.body.digest, p.date.as_ref().map(|d| d.timestamp())).hash(&mut h);
        for (tax, ids) in p.terms.iter().enumerate() {
            for &t in ids {
                site.taxonomies[tax].terms[t].name.hash(&mut h);
            }
        }
        if p.kind == DocKind::Article {
            site.sections[p.section].title.hash(&mut h);
        }
    }
    site.config.language.hash(&mut h);
    h.finish()
}

/// Positions kept per word and document: a phrase is found where its words first occur
/// (titles, tags and summaries come first), without making the index as big as the text.
pub(crate) const MAX_POSITIONS: usize = 3;

/// Folded term → written form → postings (`[doc, count, in_title, n, pos, Δpos…]` one after
/// the other, documents in order, as varints: most of these numbers fit in a byte, and the
/// postings of a whole site are held until the files are written), for a run of documents.
type Postings = FxHashMap<String, FxHashMap<String, Vec<u8>>>;

/// Appends `n` in LEB128: seven bits a byte, the high bit set on all bytes but the last.
fn put_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The numbers [`put_varint`] wrote.
fn varints(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut n = 0u32;
        let mut shift = 0;
        while let Some(&b) = bytes.get(at) {
            at += 1;
            n |= u32::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Some(n);
            }
            shift += 7;
        }
        None
    })
}

/// What one document says of one word: how often, whether in the title, its first positions
/// (the first `n` of them).
#[derive(Clone, Copy, Default)]
struct Occurrences {
    count: u32,
    in_title: bool,
    n: usize,
    positions: [u32; MAX_POSITIONS],
}

/// Indexes the words of documents `first..` of `ids` (title, tags, summary, then body).
fn index_chunk(site: &Site, ids: &[PageId], texts: Vec<Packed>, first: usize) -> Postings {
    // Each distinct token is lowercased and folded once per chunk, not once per occurrence.
    let mut vocab: FxHashMap<Box<str>, usize> = FxHashMap::default();
    let mut forms: Vec<(String, String)> = Vec::new();
    // Every document's postings of every word, one after the other in one buffer (`at`: the word
    // and where its bytes start), gathered by word at the end into lists of their exact size:
    // growing a list per word would leave the allocator with a field of freed small blocks.
    let mut bytes: Vec<u8> = Vec::new();
    let mut at: Vec<(u32, u32)> = Vec::new();
    let mut seen: FxHashMap<usize, Occurrences> = FxHashMap::default();
    for (k, (&id, text)) in ids.iter().zip(texts).enumerate() {
        let p = &site.pages[id];
        seen.clear();
        let mut pos: u32 = 0;
        text.with(|text| {
            let tag_names =
                p.terms.iter().enumerate().flat_map(|(tax, ids)| {
                    ids.iter().map(move |&t| (site.taxonomies[tax].terms[t].name.as_str(), false))
                });
            let parts = std::iter::once((p.title.as_str(), true))
                .chain(tag_names)
                .chain([(p.summary.as_str(), false), (text, false)]);
            for (part, in_title) in parts {
                for raw in part.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
                    if too_long(raw) {
                        pos += 1;
                        continue;
                    }
                    let word = match vocab.get(raw) {
                        Some(&w) => w,
                        None => {
                            let lower = raw.to_lowercase();
                            let folded = fold(&lower);
                            forms.push((lower, folded));
                            vocab.insert(raw.into(), forms.len() - 1);
                            forms.len() - 1
                        }
                    };
                    let e = seen.entry(word).or_default();
                    e.count += 1;
                    e.in_title |= in_title;
                    if e.n < MAX_POSITIONS {
                        e.positions[e.n] = pos;
                        e.n += 1;
                    }
                    pos += 1;
                }
                // A gap between parts, so a phrase never spans the title and what follows.
                pos += 1;
            }
        });
        let mut doc_words: Vec<(usize, Occurrences)> = seen.drain().collect();
        doc_words.sort_unstable_by_key(|(w, _)| *w);
        for (word, o) in doc_words {
            at.push((word as u32, bytes.len() as u32));
            for n in [(first + k) as u32, o.count, u32::from(o.in_title), o.n as u32] {
                put_varint(&mut bytes, n);
            }
            let mut last = 0;
            for &p in &o.positions[..o.n] {
                put_varint(&mut bytes, p - last);
                last = p;
            }
        }
    }
    // By word, documents in order (a stable sort of what was written in their order).
    let ends: Vec<usize> = at.iter().skip(1).map(|&(_, start)| start as usize).chain([bytes.len()]).collect();
    let mut runs: Vec<(u32, usize, usize)> =
        at.iter().zip(ends).map(|(&(w, start), end)| (w, start as usize, end)).collect();
    drop(at);
    runs.sort_by_key(|&(w, ..)| w);
    let mut out: Postings = FxHashMap::default();
    for group in runs.chunk_by(|a, b| a.0 == b.0) {
        let (written, folded) = std::mem::take(&mut forms[group[0].0 as usize]);
        // Words written alike but typed differently (`Giảm`, `giảm`) share a list, one after
        // the other.
        let list = out.entry(folded).or_default().entry(written).or_default();
        list.reserve_exact(group.iter().map(|&(_, s, e)| e - s).sum());
        for &(_, start, end) in group {
            list.extend_from_slice(&bytes[start..end]);
        }
    }
    out
}

/// Documents per shard of a term's postings (at least): a query reads the newest shard of its
/// words first, and older ones only while it has fewer results than a page shows.
pub(crate) const SHARD_DOCS: usize = 2048;

/// Postings (as varints) above which a word's list is split into shards: below, one file.
const SPLIT_BYTES: usize = 24 * 1024;

/// Documents indexed together by one thread (a shard is a whole number of chunks).
const CHUNK: usize = 1024;

/// At most this many shards: on a big site each is bigger, rather than there being more files.
const MAX_SHARDS: usize = 16;

/// The shard size for `documents` and the size above which a word is split: [`SHARD_DOCS`]
/// (or more, so there are at most [`MAX_SHARDS`]) and [`SPLIT_BYTES`].
/// `BANTIN_SEARCH_SHARDS=<documents>,<bytes>` sets both, for tests of shards on small sites.
fn sharding(documents: usize) -> (usize, usize) {
    let set: Option<(usize, usize)> = std::env::var("BANTIN_SEARCH_SHARDS").ok().and_then(|v| {
        let (docs, bytes) = v.split_once(',')?;
        Some((docs.trim().parse().ok()?, bytes.trim().parse().ok()?))
    });
    let (n, split) = set.unwrap_or_else(|| (SHARD_DOCS.max(documents.div_ceil(MAX_SHARDS)), SPLIT_BYTES));
    (if n < CHUNK { n.max(1) } else { n.div_ceil(CHUNK) * CHUNK }, split)
}

/// A written form of a word, and its postings in each chunk that has it, with the chunk's shard.
type Variant<'a> = (&'a String, Vec<(usize, &'a Vec<u8>)>);

/// The numbers of postings, each with whether it is a document's number. Records are
/// [doc, count, in_title, n, n positions], and lists hold whole records.
fn with_documents(numbers: impl Iterator<Item = u32>) -> impl Iterator<Item = (u32, bool)> {
    // `at` is the place in the record.
    numbers.scan((0u32, 0u32), |(at, positions), n| {
        let doc = *at == 0;
        if *at == 3 {
            *positions = n;
        }
        *at += 1;
        if *at >= 4 && *at == 4 + *positions {
            *at = 0;
        }
        Some((n, doc))
    })
}

/// The documents the postings of a word name, each once, in order.
fn documents_of(variants: &[Variant<'_>]) -> Vec<u32> {
    let mut docs = Vec::new();
    for list in variants.iter().flat_map(|(_, parts)| parts.iter().map(|(_, l)| l)) {
        docs.extend(with_documents(varints(list)).filter(|(_, doc)| *doc).map(|(n, _)| n));
    }
    docs.sort_unstable();
    docs.dedup();
    docs
}

/// Appends `"written":[numbers…]` pairs, the postings of each variant (those of `shard`, or
/// all), and adds the documents they name to `docs`: one pass over the postings does both.
fn push_variants(json: &mut String, variants: &[Variant<'_>], shard: Option<usize>, docs: &mut Vec<u32>) {
    let mut number = itoa::Buffer::new();
    let mut any = false;
    for (written, parts) in variants {
        let mut lists = parts.iter().filter(|(k, _)| shard.is_none_or(|s| s == *k)).map(|(_, l)| l).peekable();
        if lists.peek().is_none() {
            continue;
        }
        if any {
            json.push(',');
        }
        any = true;
        json.push_str(&serde_json::to_string(written).unwrap_or_default());
        json.push_str(":[");
        let mut first = true;
        // Chunks are in document order, and so are the postings within each.
        for (n, doc) in with_documents(lists.flat_map(|list| varints(list))) {
            if !first {
                json.push(',');
            }
            first = false;
            json.push_str(number.format(n));
            if doc {
                docs.push(n);
            }
        }
        json.push(']');
    }
}

/// Most bucket files (`t/<b>.json`): a site of 100,000 distinct words (numbers, codes) has
/// hundreds of files, not one per word.
const MAX_BUCKETS: usize = 512;

/// Postings (as varints, with a little for each word's name and header) a bucket holds at
/// most, about, below [`MAX_BUCKETS`]: what a query for a rare word downloads.
const BUCKET_BYTES: usize = 16 * 1024;

/// Most groups of split words (`p/<g>.<k>.json`, one file per group and shard).
const MAX_GROUPS: usize = 128;

/// Postings (as varints) of split words a group's file of one shard holds, about, below
/// [`MAX_GROUPS`]: what a query for a common word downloads per shard it reads, its own
/// postings among them. As much as a split word has at least, in all its shards.
const GROUP_BYTES: usize = SPLIT_BYTES;

/// The hash that puts a folded term in its bucket: 32-bit FNV-1a of its UTF-8, which
/// the search script computes the same way.
pub(crate) fn term_hash(term: &str) -> u32 {
    term.bytes().fold(0x811c_9dc5, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// How many buckets: a power of two sized from the bytes of the words that are not split.
fn bucket_count(small_bytes: usize) -> usize {
    small_bytes.div_ceil(BUCKET_BYTES).next_power_of_two().min(MAX_BUCKETS)
}

/// How many groups: sized from the bytes of one shard of the split words, one at least, and
/// never more than there are split words.
fn group_count(split_bytes_per_shard: usize, split_words: usize) -> usize {
    split_bytes_per_shard.div_ceil(GROUP_BYTES).clamp(1, MAX_GROUPS).min(split_words.max(1))
}

/// What the index knows of one folded term before its files are written.
struct Term<'a> {
    term: &'a String,
    hash: u32,
    /// Its written forms, with their postings in each chunk and the chunk's shard.
    variants: Vec<Variant<'a>>,
    /// The shards that have it.
    shards: Vec<usize>,
    /// Whether its postings are read a shard at a time from a group's files.
    split: bool,
}

/// The words of every document searched, run by run of documents: all the index needs of
/// their text, which can then be let go of (see [`write`]).
pub(crate) struct Words {
    ids: Vec<PageId>,
    chunks: Vec<Postings>,
}

/// Reads the words of every document searched (title, tags, summary, body), in parallel;
/// `texts` are their bodies' texts in the order of [`documents`] (from [`texts_copied`], or
/// taken out of the site), each let go of as soon as its words are read.
pub(crate) fn words_of(site: &Site, texts: Vec<Packed>) -> Words {
    let ids = documents(site);
    let (shard, _) = sharding(ids.len());
    let chunk = CHUNK.min(shard);
    let mut texts = texts.into_iter();
    let runs: Vec<(usize, &[PageId], Vec<Packed>)> = ids
        .chunks(chunk)
        .enumerate()
        .map(|(n, ids)| (n * chunk, ids, texts.by_ref().take(ids.len()).collect()))
        .collect();
    let chunks = runs.into_par_iter().map(|(first, ids, texts)| index_chunk(site, ids, texts, first)).collect();
    Words { ids, chunks }
}

/// The bodies' texts of the documents searched, in the order of [`documents`], copied (the
/// site keeps its own).
pub(crate) fn texts_copied(site: &Site) -> Vec<Packed> {
    documents(site).into_iter().map(|id| site.pages[id].body.text.clone()).collect()
}

/// Makes the index of `words` (read from `site` by [`words_of`]; the bodies' text is no longer
/// needed), handing each file (path under the index folder, bytes) to `emit` as soon as it is
/// made, from several threads: only a group's files are in memory at once.
pub(crate) fn write<E: Send>(
    site: &Site,
    words: Words,
    short_date: impl Fn(&jiff::Zoned) -> String + Sync,
    emit: impl Fn(&str, &[u8]) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let Words { ids, chunks } = words;
    let (shard, split_bytes) = sharding(ids.len());
    let chunk = CHUNK.min(shard);
    let mut terms: Vec<&String> = chunks.iter().flat_map(|c| c.keys()).collect();
    terms.sort_unstable();
    terms.dedup();
    let gathered: Vec<(Term<'_>, usize)> =
        terms.par_iter().map(|&term| gather(term, &chunks, (chunk, shard), split_bytes)).collect();
    // A word's name and header count too: a site of rare words has many of them.
    let small_bytes: usize = gathered.iter().map(|(t, size)| if t.split { 0 } else { *size } + t.term.len() + 40).sum();
    let split_bytes: usize = gathered.iter().filter(|(t, _)| t.split).map(|(_, size)| size).sum();
    let split_words = gathered.iter().filter(|(t, _)| t.split).count();
    let buckets = bucket_count(small_bytes);
    let groups = group_count(split_bytes / ids.len().div_ceil(shard).max(1), split_words);
    let (group_of, mut by_group) = place_split_words(&gathered, groups);
    let mut by_bucket: Vec<Vec<usize>> = vec![Vec::new(); buckets];
    for (i, (t, _)) in gathered.iter().enumerate() {
        by_bucket[t.hash as usize % buckets].push(i);
    }
    by_bucket
        .par_iter()
        .enumerate()
        .try_for_each(|(b, members)| write_bucket(b, members, &gathered, &group_of, &emit))?;
    by_group.par_iter_mut().enumerate().try_for_each(|(g, members)| write_group(g, members, &gathered, &emit))?;
    write_documents(site, &ids, &short_date, &emit)?;
    write_prefixes(&terms, &emit)?;
    let meta = serde_json::json!({
        "version": 2,
        "documents": ids.len(),
        "per_file": DOCS_PER_FILE,
        "shard": shard,
        "buckets": buckets,
        "groups": groups,
        "prefixes": PREFIX_FILES,
    });
    emit("meta.json", &serde_json::to_vec(&meta).unwrap_or_default())
}

/// One word's postings from every chunk, by the way it is written, with their size.
fn gather<'a>(
    term: &'a String,
    chunks: &'a [Postings],
    (chunk, shard): (usize, usize),
    split_bytes: usize,
) -> (Term<'a>, usize) {
    let mut variants: Vec<Variant<'_>> = Vec::new();
    for (n, c) in chunks.iter().enumerate() {
        let Some(forms) = c.get(term) else { continue };
        for (written, list) in forms {
            let part = (n * chunk / shard, list);
            match variants.iter_mut().find(|(w, _)| *w == written) {
                Some((_, parts)) => parts.push(part),
                None => variants.push((written, vec![part])),
            }
        }
    }
    variants.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut shards: Vec<usize> = variants.iter().flat_map(|(_, parts)| parts.iter().map(|(k, _)| *k)).collect();
    shards.sort_unstable();
    shards.dedup();
    // Words with few postings are read whole from their bucket (most words); the others a
    // shard at a time.
    let size: usize = variants.iter().flat_map(|(_, parts)| parts.iter().map(|(_, l)| l.len())).sum();
    let split = size > split_bytes && shards.len() > 1;
    (Term { term, hash: term_hash(term), variants, shards, split }, size)
}

/// Split words go to groups largest first, each to the group with the fewest bytes so far:
/// the files a common word is read from are about the same size, and no two big words share
/// one (hashing them would, by chance, put several in some files). Each word's group, and
/// each group's words.
fn place_split_words(gathered: &[(Term<'_>, usize)], groups: usize) -> (Vec<Option<usize>>, Vec<Vec<usize>>) {
    let mut split: Vec<(usize, usize)> =
        gathered.iter().enumerate().filter(|(_, (t, _))| t.split).map(|(i, (_, size))| (*size, i)).collect();
    split.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut lightest: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>> =
        (0..groups).map(|g| std::cmp::Reverse((0, g))).collect();
    let mut group_of: Vec<Option<usize>> = vec![None; gathered.len()];
    let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for (size, i) in split {
        let Some(std::cmp::Reverse((load, g))) = lightest.pop() else { break };
        group_of[i] = Some(g);
        by_group[g].push(i);
        lightest.push(std::cmp::Reverse((load + size, g)));
    }
    (group_of, by_group)
}

/// A bucket: every word's entry, with the postings of those that are not split.
fn write_bucket<E>(
    b: usize,
    members: &[usize],
    gathered: &[(Term<'_>, usize)],
    group_of: &[Option<usize>],
    emit: &(impl Fn(&str, &[u8]) -> Result<(), E> + Sync),
) -> Result<(), E> {
    if members.is_empty() {
        return Ok(());
    }
    let mut json = String::from("{");
    for (n, &i) in members.iter().enumerate() {
        let t = &gathered[i].0;
        let mut docs: Vec<u32> = Vec::new();
        let mut all = String::new();
        if t.split {
            docs = documents_of(&t.variants);
        } else {
            push_variants(&mut all, &t.variants, None, &mut docs);
            docs.sort_unstable();
            docs.dedup();
        }
        let shard_list: Vec<String> = t.shards.iter().map(ToString::to_string).collect();
        if n > 0 {
            json.push(',');
        }
        json.push_str(&format!(
            "{}:{{\"documents\":{},\"shards\":[{}],\"split\":{}",
            serde_json::to_string(t.term).unwrap_or_default(),
            docs.len(),
            shard_list.join(","),
            t.split
        ));
        match group_of[i] {
            Some(g) => json.push_str(&format!(",\"g\":{g}}}")),
            None => {
                json.push_str(",\"w\":{");
                json.push_str(&all);
                json.push_str("}}");
            }
        }
    }
    json.push('}');
    emit(&format!("t/{b}.json"), json.as_bytes())
}

/// A group: the postings of its split words, a file per shard.
fn write_group<E>(
    g: usize,
    members: &mut [usize],
    gathered: &[(Term<'_>, usize)],
    emit: &(impl Fn(&str, &[u8]) -> Result<(), E> + Sync),
) -> Result<(), E> {
    members.sort_unstable();
    let mut files: std::collections::BTreeMap<usize, String> = Default::default();
    for &i in members.iter() {
        let t = &gathered[i].0;
        for &k in &t.shards {
            let file = files.entry(k).or_default();
            file.push(if file.is_empty() { '{' } else { ',' });
            file.push_str(&serde_json::to_string(t.term).unwrap_or_default());
            file.push_str(":{");
            push_variants(file, &t.variants, Some(k), &mut Vec::new());
            file.push('}');
        }
    }
    for (k, mut json) in files {
        json.push('}');
        emit(&format!("p/{g}.{k}.json"), json.as_bytes())?;
    }
    Ok(())
}

/// What results show, DOCS_PER_FILE a file.
fn write_documents<E>(
    site: &Site,
    ids: &[PageId],
    short_date: &impl Fn(&jiff::Zoned) -> String,
    emit: &impl Fn(&str, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    for (n, chunk) in ids.chunks(DOCS_PER_FILE).enumerate() {
        let docs: Vec<serde_json::Value> = chunk
            .iter()
            .map(|&id| {
                let p = &site.pages[id];
                let section = if p.kind == DocKind::Article { site.sections[p.section].title.as_str() } else { "" };
                serde_json::json!([
                    p.path.as_str(),
                    p.title,
                    p.date.as_ref().map(short_date).unwrap_or_default(),
                    section,
                    p.summary
                ])
            })
            .collect();
        emit(&format!("docs/{n}.json"), &serde_json::to_vec(&docs).unwrap_or_default())?;
    }
    Ok(())
}

/// The folded terms for the prefix match while typing, by their first letter: a reader
/// typing `gi` reads the terms that start with `g` (and the few that share their file).
fn write_prefixes<E>(terms: &[&String], emit: &impl Fn(&str, &[u8]) -> Result<(), E>) -> Result<(), E> {
    let mut by_first: Vec<Vec<&str>> = vec![Vec::new(); PREFIX_FILES as usize];
    for t in terms {
        if let Some(c) = t.chars().next() {
            by_first[(u32::from(c) % PREFIX_FILES) as usize].push(t.as_str());
        }
    }
    for (n, list) in by_first.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
        emit(&format!("w/{n}.json"), &serde_json::to_vec(list).unwrap_or_default())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_tones_and_letter_marks() {
        assert_eq!(fold("Giảm"), "giam");
        assert_eq!(fold("nghèo"), "ngheo");
        assert_eq!(fold("Đồng"), "dong");
        assert_eq!(fold("thuận"), "thuan");
        assert_eq!(fold("Ninh Bình"), "ninh binh");
        let nfd: String = "đồng thuận".nfd().collect();
        assert_eq!(fold(&nfd), "dong thuan");
    }

    #[test]
    fn words_split_on_punctuation_and_keep_both_forms() {
        let w: Vec<(String, String)> = words("Giảm nghèo, bền-vững (2023)!").collect();
        assert_eq!(
            w,
            vec![
                ("giảm".into(), "giam".into()),
                ("nghèo".into(), "ngheo".into()),
                ("bền".into(), "ben".into()),
                ("vững".into(), "vung".into()),
                ("2023".into(), "2023".into()),
            ]
        );
    }

    #[test]
    fn word_characters_agree_with_unicode() {
        for c in ('\u{0}'..='\u{2000}').chain('\u{1E00}'..='\u{1F00}') {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?} U+{:04X}", c as u32);
        }
    }

    proptest::proptest! {
        #[test]
        fn varints_give_back_what_was_put(numbers in proptest::collection::vec(proptest::prelude::any::<u32>(), 0..50)) {
            let mut bytes = Vec::new();
            for &n in &numbers {
                put_varint(&mut bytes, n);
            }
            proptest::prop_assert_eq!(varints(&bytes).collect::<Vec<u32>>(), numbers);
        }
    }

    #[test]
    fn terms_hash_as_the_script_hashes_them() {
        // FNV-1a of the UTF-8; the same numbers are in tests/it/search.rs for the script.
        assert_eq!(term_hash(""), 0x811c_9dc5);
        assert_eq!(term_hash("a"), 0xe40c_292c);
        assert_eq!(term_hash("giam"), term_hash(&fold("Giảm")));
    }

    #[test]
    fn buckets_and_groups_are_bounded_and_sized_from_the_site() {
        assert_eq!(bucket_count(0), 1);
        assert_eq!(bucket_count(100 * BUCKET_BYTES), 128);
        assert_eq!(bucket_count(usize::MAX / 2), MAX_BUCKETS);
        assert_eq!(group_count(0, 0), 1);
        assert_eq!(group_count(50 * GROUP_BYTES, 1000), 50);
        assert_eq!(group_count(50 * GROUP_BYTES, 3), 3, "no empty group");
        assert_eq!(group_count(usize::MAX / 2, usize::MAX), MAX_GROUPS);
    }

    #[test]
    fn the_word_limit_counts_letters_not_bytes() {
        let d59 = "đ".repeat(59);
        let x59 = "x".repeat(59);
        let d61 = "đ".repeat(61);
        let text = format!("{d59} {x59} {d61}");
        let w: Vec<String> = words(&text).map(|(written, _)| written).collect();
        assert_eq!(w, vec![d59, x59]);
    }
}
