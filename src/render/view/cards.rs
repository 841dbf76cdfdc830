//! Cards: one value per page (title, path, dates, summary, photo, section, terms) that every
//! list, feed and neighbour link shows, and the full view of a page built on its card.
//!
//! A card is made from a [`CardInput`] alone, and its key in the card cache is the hash of that
//! same input, so nothing can reach a card without also reaching its key: a `serve` session
//! reuses a card only when everything it shows is as it was.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tera::{Map, Value};
use xxhash_rust::xxh3::Xxh3;

use crate::content::DocKind;
use crate::site::{Page, PageId, Site};

use super::{Part, Views, date_view, obj};

/// Everything a page's card shows, borrowed from the site.
#[derive(Hash)]
pub(super) struct CardInput<'a> {
    language: &'a str,
    title: &'a str,
    path: &'a str,
    /// An article (dated, in a section) or a page.
    is_article: bool,
    date: Option<Moment<'a>>,
    updated: Option<Moment<'a>>,
    author: Option<&'a str>,
    summary: &'a str,
    image: Option<&'a str>,
    /// The photo at `image`, when the site resized it.
    photo: Option<&'a crate::images::Photo>,
    image_caption: Option<&'a str>,
    /// An article's section.
    section: Option<&'a Part>,
    /// Per taxonomy of the site, in its order: its name and the page's terms in it.
    terms: Vec<(&'a str, Vec<&'a Part>)>,
    /// Which of them is `tags`, listed again on its own.
    tags: Option<usize>,
    pinned: bool,
    draft: bool,
    expires: Option<Moment<'a>>,
    expired: bool,
}

/// A time as a card shows it: the instant and its offset (everything a date's forms are
/// made of).
pub(super) struct Moment<'a>(&'a jiff::Zoned);

impl Hash for Moment<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        (self.0.timestamp(), self.0.offset().seconds()).hash(h);
    }
}

impl<'a> CardInput<'a> {
    /// What the card of `p` is made of; `terms` and `sections` are the site's term and section
    /// values.
    pub(super) fn of(site: &'a Site, p: &'a Page, terms: &'a [Vec<Part>], sections: &'a [Part]) -> CardInput<'a> {
        let is_article = p.kind == DocKind::Article;
        let moment = |d: &'a Option<jiff::Zoned>| d.as_ref().map(Moment);
        CardInput {
            language: site.config.language.code(),
            title: &p.title,
            path: p.path.as_str(),
            is_article,
            date: moment(&p.date),
            updated: moment(&p.updated),
            author: p.author.as_deref(),
            summary: &p.summary,
            image: p.image.as_deref(),
            photo: p.image.as_ref().and_then(|i| site.photos().at(i)),
            image_caption: p.image_caption.as_deref(),
            section: is_article.then(|| &sections[p.section]),
            terms: p
                .terms
                .iter()
                .enumerate()
                .map(|(tax, ids)| (site.taxonomies[tax].name.as_str(), ids.iter().map(|&t| &terms[tax][t]).collect()))
                .collect(),
            tags: site.taxonomy("tags").map(|(t, _)| t),
            pinned: p.pinned,
            draft: p.draft,
            expires: moment(&p.expires),
            expired: p.expired,
        }
    }

    /// The card's key in the card cache.
    pub(super) fn key(&self) -> u64 {
        let mut h = Xxh3::new();
        self.hash(&mut h);
        h.finish()
    }

    /// The card.
    pub(super) fn card(&self) -> Value {
        let lang = self.language;
        let date = |d: &Option<Moment>| d.as_ref().map_or_else(Value::none, |d| date_view(lang, d.0));
        let opt = |s: Option<&str>| s.map_or_else(Value::none, Value::from);
        // Each taxonomy's terms of the page, made once (`tags` shares the list).
        let lists: Vec<Value> = self
            .terms
            .iter()
            .map(|(_, terms)| Value::from(terms.iter().map(|t| t.value.clone()).collect::<Vec<_>>()))
            .collect();
        let tags = self.tags.map_or_else(|| Value::from(Vec::<Value>::new()), |t| lists[t].clone());
        let mut taxonomies = Map::new();
        for ((name, _), list) in self.terms.iter().zip(lists) {
            taxonomies.insert(name.to_string().into(), list);
        }
        obj([
            ("title", Value::from(self.title)),
            ("path", Value::from(self.path)),
            ("kind", Value::from(if self.is_article { "article" } else { "page" })),
            ("date", date(&self.date)),
            ("updated", date(&self.updated)),
            ("author", opt(self.author)),
            ("summary", Value::from(self.summary)),
            ("image", opt(self.image)),
            ("photo", self.photo.map_or_else(Value::none, photo_view)),
            ("image_caption", opt(self.image_caption)),
            ("section", self.section.map_or_else(Value::none, |s| s.value.clone())),
            ("tags", tags),
            ("taxonomies", Value::from(taxonomies)),
            ("pinned", Value::from(self.pinned)),
            ("draft", Value::from(self.draft)),
            ("expires", date(&self.expires)),
            ("expired", Value::from(self.expired)),
        ])
    }
}

/// One card per page, and the cache of them by key for the next build; a card whose key is in
/// `previous` is taken from it rather than made again.
pub(super) fn make(
    site: &Site,
    terms: &[Vec<Part>],
    sections: &[Part],
    previous: Option<&FxHashMap<u64, Part>>,
) -> (Vec<Part>, FxHashMap<u64, Part>) {
    let keyed: Vec<(u64, Part)> = site
        .pages
        .par_iter()
        .map(|p| {
            let input = CardInput::of(site, p, terms, sections);
            let key = input.key();
            match previous.and_then(|cache| cache.get(&key)) {
                Some(card) => (key, card.clone()),
                None => (key, Part::new(input.card())),
            }
        })
        .collect();
    let cache = keyed.iter().map(|(k, c)| (*k, c.clone())).collect();
    (keyed.into_iter().map(|(_, c)| c).collect(), cache)
}

/// A photo for templates: its size (of the file at its own path) and its WebP variants as a
/// `srcset` of site paths (the `srcset` filter puts the way to the root in front of each).
fn photo_view(photo: &crate::images::Photo) -> Value {
    obj([
        ("width", Value::from(photo.width)),
        ("height", Value::from(photo.height)),
        ("srcset", Value::from(photo.srcset(""))),
        ("bytes", Value::from(photo.bytes)),
        ("media_type", Value::from(photo.media_type)),
    ])
}

impl Views {
    /// The cards of these pages, as a list.
    pub(super) fn cards_of(&self, ids: &[PageId]) -> Value {
        Value::from(ids.iter().map(|&id| self.cards[id].value.clone()).collect::<Vec<_>>())
    }

    /// Adds the digests of these pages' cards to `h`.
    pub(super) fn hash_cards(&self, ids: &[PageId], h: &mut Xxh3) {
        h.write_usize(ids.len());
        for &id in ids {
            h.write_u64(self.cards[id].digest);
        }
    }

    /// A page's full view: its card, with its body, neighbours and related articles.
    pub(super) fn page_view(&self, site: &Site, id: PageId) -> Value {
        let p = &site.pages[id];
        let mut map = self.cards[id].value.clone().into_map().unwrap_or_default();
        let words = p.body.words;
        map.insert("content".into(), p.body.html.with(|html| Value::from(html)));
        map.insert("toc".into(), Value::from_serializable(&p.body.toc));
        map.insert("extra".into(), Value::from_serializable(&*p.extra));
        map.insert("word_count".into(), Value::from(words));
        map.insert("image_in_body".into(), Value::from(p.image_in_body));
        map.insert("summary_written".into(), Value::from(p.summary_written));
        // Vietnamese is read at about 200 words a minute.
        map.insert("reading_minutes".into(), Value::from(words.div_ceil(200).max(1)));
        map.insert("previous".into(), p.previous.map_or_else(Value::none, |i| self.cards[i].value.clone()));
        map.insert("next".into(), p.next.map_or_else(Value::none, |i| self.cards[i].value.clone()));
        map.insert("related".into(), self.cards_of(&p.related));
        Value::from(map)
    }

    /// A digest of a page's full view, made of the digests of what it is built of.
    pub(super) fn hash_page_view(&self, site: &Site, id: PageId, h: &mut Xxh3) {
        let p = &site.pages[id];
        self.cards[id].digest.hash(h);
        p.body.digest.hash(h);
        p.image_in_body.hash(h);
        p.summary_written.hash(h);
        [p.previous, p.next].hash(h);
        for n in [p.previous, p.next].into_iter().flatten() {
            self.cards[n].digest.hash(h);
        }
        self.hash_cards(&p.related, h);
    }
}
