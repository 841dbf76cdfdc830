//! Site search that needs no server: a static index, split so a reader downloads only what a
//! query needs, and a small script in the theme that queries it.
//!
//! Readers type Vietnamese without tone marks (`giam ngheo` for "giảm nghèo"), so every word
//! is indexed under its folded form: lowercase, diacritics removed, `đ` → `d`. Under each
//! folded form the index keeps the words as written (`giảm`, `giám`, …), so a query typed
//! with its diacritics ranks exact matches first, and one typed without finds them all.
//!
//! Files, under `<search path>/index/`:
//! - `t/<term>.json`: one per folded word: `{"documents": N, "shards": [0, 3, …], "w": {"as
//!   written": [doc, count, in_title, n, pos, Δpos…, doc, …]}}` with the first positions of the
//!   word (title, tags, summary, then body), for phrase queries. Documents are numbered newest
//!   first, in shards of [`SHARD_DOCS`] (more on sites of over 32,768 documents, so there are
//!   at most 16); `shards` lists those that have the word. A word with
//!   many postings is `split`: this file holds shard 0 (the newest), `t/<term>.<k>.json` shard k
//!   (`{"w": {…}}`), so a common word of a 100,000-article site is read a shard at a time, as
//!   far back as the results need. Other words keep all their postings here;
//! - `docs/<n>.json`: what a result shows (URL, title, date, section, summary), 500 documents
//!   a file;
//! - `meta.json`: the number of documents, the shard size and all folded terms (for prefix
//!   search as you type).
//!
//! A query downloads `meta.json` once, the first term file of each of its words, then the
//! shards all its words share, newest first, until it has a page of results; then the document
//! files of the results it shows.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::content::DocKind;
use crate::site::{PageId, Site};

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

/// The longest word indexed, in bytes: longer "words" are data (a base64 blob, a hash, a long
/// number in a code block) that nobody types, and would name files the file system refuses.
pub(crate) const MAX_WORD_BYTES: usize = 60;

#[cfg(test)]
/// The words of a text, lowercase, as `(as written, folded)`; words longer than
/// [`MAX_WORD_BYTES`] are left out.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty() && w.len() <= MAX_WORD_BYTES).map(|w| {
        let lower = w.to_lowercase();
        let folded = fold(&lower);
        (lower, folded)
    })
}

/// The file name of a folded term: itself when plain ASCII, else `x` and its UTF-8 in hex.
pub(crate) fn term_file(term: &str) -> String {
    if term.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        term.to_string()
    } else {
        let mut s = String::from("x");
        for b in term.bytes() {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
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

/// What one document says of one word: how often, whether in the title, first positions.
type Occurrences = (u32, bool, Vec<u32>);

/// Indexes the words of documents `first..` of `ids` (title, tags, summary, then body).
fn index_chunk<'a>(site: &'a Site, ids: &[PageId], first: usize) -> Postings {
    // Each distinct token is lowercased and folded once per chunk, not once per occurrence.
    let mut vocab: FxHashMap<&'a str, usize> = FxHashMap::default();
    let mut forms: Vec<(String, String)> = Vec::new();
    let mut postings: Vec<Vec<u8>> = Vec::new();
    let mut seen: FxHashMap<usize, Occurrences> = FxHashMap::default();
    for (k, &id) in ids.iter().enumerate() {
        let p = &site.pages[id];
        seen.clear();
        let mut pos: u32 = 0;
        let tag_names = p
            .terms
            .iter()
            .enumerate()
            .flat_map(|(tax, ids)| ids.iter().map(move |&t| (site.taxonomies[tax].terms[t].name.as_str(), false)));
        let parts = std::iter::once((p.title.as_str(), true))
            .chain(tag_names)
            .chain([(p.summary.as_str(), false), (p.body.text.as_str(), false)]);
        for (part, in_title) in parts {
            for raw in part.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
                if raw.len() > MAX_WORD_BYTES {
                    pos += 1;
                    continue;
                }
                let word = *vocab.entry(raw).or_insert_with(|| {
                    let lower = raw.to_lowercase();
                    let folded = fold(&lower);
                    forms.push((lower, folded));
                    postings.push(Vec::new());
                    forms.len() - 1
                });
                let e = seen.entry(word).or_insert((0, false, Vec::new()));
                e.0 += 1;
                e.1 |= in_title;
                if e.2.len() < MAX_POSITIONS {
                    e.2.push(pos);
                }
                pos += 1;
            }
            // A gap between parts, so a phrase never spans the title and what follows.
            pos += 1;
        }
        let mut doc_words: Vec<(usize, Occurrences)> = seen.drain().collect();
        doc_words.sort_unstable_by_key(|(w, _)| *w);
        for (word, (count, in_title, positions)) in doc_words {
            let list = &mut postings[word];
            for n in [(first + k) as u32, count, u32::from(in_title), positions.len() as u32] {
                put_varint(list, n);
            }
            let mut last = 0;
            for p in positions {
                put_varint(list, p - last);
                last = p;
            }
        }
    }
    let mut out: Postings = FxHashMap::default();
    for ((written, folded), list) in forms.into_iter().zip(postings) {
        if !list.is_empty() {
            out.entry(folded).or_default().entry(written).or_default().extend(list);
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
        // Records are [doc, count, in_title, n, n positions]: `at` is the place in the record.
        let (mut first, mut at, mut positions) = (true, 0u32, 0u32);
        // Chunks are in document order, and so are the postings within each.
        for n in lists.flat_map(|list| varints(list)) {
            if !first {
                json.push(',');
            }
            first = false;
            json.push_str(number.format(n));
            match at {
                0 => docs.push(n),
                3 => positions = n,
                _ => {}
            }
            at += 1;
            if at >= 4 && at == 4 + positions {
                at = 0;
            }
        }
        json.push(']');
    }
}

/// Builds the index, handing each file (path under the index folder, bytes) to `emit` as soon
/// as it is made, from several threads: the whole index is never in memory at once.
pub(crate) fn build<E: Send>(
    site: &Site,
    short_date: impl Fn(&jiff::Zoned) -> String + Sync,
    emit: impl Fn(&str, &[u8]) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let ids = documents(site);
    let (shard, split_bytes) = sharding(ids.len());
    let chunk = CHUNK.min(shard);
    let chunks: Vec<Postings> =
        ids.par_chunks(chunk).enumerate().map(|(n, ids)| index_chunk(site, ids, n * chunk)).collect();
    let mut terms: Vec<&String> = chunks.iter().flat_map(|c| c.keys()).collect();
    terms.sort_unstable();
    terms.dedup();
    terms.par_iter().try_for_each(|term| {
        let mut variants: Vec<Variant<'_>> = Vec::new();
        for (n, c) in chunks.iter().enumerate() {
            let Some(forms) = c.get(*term) else { continue };
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
        let file = term_file(term);
        // Words with few postings stay in one file (most words: files are what a build
        // spends most on); the others are split, shard k in `t/<term>.<k>.json`.
        let size: usize = variants.iter().flat_map(|(_, parts)| parts.iter().map(|(_, l)| l.len())).sum();
        let split = size > split_bytes && shards.len() > 1;
        let mut docs: Vec<u32> = Vec::new();
        let mut first = String::new();
        if split {
            for &k in &shards {
                if k == 0 {
                    push_variants(&mut first, &variants, Some(0), &mut docs);
                } else {
                    let mut json = String::from("{\"w\":{");
                    push_variants(&mut json, &variants, Some(k), &mut docs);
                    json.push_str("}}");
                    emit(&format!("t/{file}.{k}.json"), json.as_bytes())?;
                }
            }
        } else {
            push_variants(&mut first, &variants, None, &mut docs);
        }
        // The first file is always there: how many documents have the word, which shards.
        docs.sort_unstable();
        docs.dedup();
        let shard_list: Vec<String> = shards.iter().map(ToString::to_string).collect();
        let json = format!(
            "{{\"documents\":{},\"shards\":[{}],\"split\":{split},\"w\":{{{first}}}}}",
            docs.len(),
            shard_list.join(",")
        );
        emit(&format!("t/{file}.json"), json.as_bytes())?;
        Ok(())
    })?;

    // What results show, DOCS_PER_FILE a file.
    for (n, chunk) in ids.chunks(DOCS_PER_FILE).enumerate() {
        let docs: Vec<serde_json::Value> = chunk
            .iter()
            .map(|&id| {
                let p = &site.pages[id];
                let section = if p.kind == DocKind::Article { site.sections[p.section].title.as_str() } else { "" };
                serde_json::json!([
                    p.path.as_str(),
                    p.title,
                    p.date.as_ref().map(&short_date).unwrap_or_default(),
                    section,
                    p.summary
                ])
            })
            .collect();
        emit(&format!("docs/{n}.json"), &serde_json::to_vec(&docs).unwrap_or_default())?;
    }
    let words: Vec<&str> = terms.iter().map(|t| t.as_str()).collect();
    let meta = serde_json::json!({
        "version": 1,
        "documents": ids.len(),
        "per_file": DOCS_PER_FILE,
        "shard": shard,
        "terms": words,
    });
    emit("meta.json", &serde_json::to_vec(&meta).unwrap_or_default())
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
    fn term_files_are_safe_names() {
        assert_eq!(term_file("giam"), "giam");
        assert_eq!(term_file("北京"), "xe58c97e4baac");
    }
}
