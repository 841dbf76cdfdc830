//! A quick look at the photos before they are made: their kind and size from their first
//! bytes, in milliseconds where making them takes minutes (a first build of a site that
//! moved in with 1,228 photos). The build models the site with what this finds when photos
//! must be made, so the problems of the content are all said before any photo is decoded;
//! photos are made only for a run that can succeed.

use std::path::Path;

use rayon::prelude::*;

use super::{
    Broken, Candidate, Photo, Photos, Settings, height_at, is_unshowable, kind_of, variant_path, variant_widths,
};
use crate::msg;

/// A photo's size as its header says, or what is wrong with it.
type Looked = Result<(u32, u32), Broken>;

/// How many of `candidates`' photos the cache does not hold: those a build would decode.
pub(crate) fn to_make(root: &Path, candidates: &[Candidate], settings: &Settings) -> usize {
    let index = super::read_index(&root.join(super::CACHE_DIR));
    let key = super::settings_key(settings);
    candidates
        .par_iter()
        .filter(|c| kind_of(&c.output).is_some() && !index.contains_key(&super::stamp(&c.disk, key)))
        .count()
}

/// The photos of `candidates` as their headers describe them: their size and the sizes a
/// build would publish, no file made and nothing written to the cache. A photo whose header
/// cannot be read (not a photo, HEIC) is broken as the build would say; damage further in
/// is found when the photo is made.
pub(crate) fn survey(candidates: &[Candidate], settings: &Settings) -> Photos {
    let looked: Vec<(&Candidate, Looked)> =
        candidates.par_iter().filter(|c| kind_of(&c.output).is_some()).map(|c| (c, header(c, settings))).collect();
    let mut out = Photos::default();
    for c in candidates.iter().filter(|c| is_unshowable(&c.output)) {
        let broken = Broken { shown: c.shown.clone(), message: msg!("photo-heic"), hint: msg!("photo-heic-hint") };
        out.broken.insert(c.output.clone(), broken);
    }
    for (c, size) in looked {
        match size {
            Ok((width, height)) => {
                let variants = variant_widths(width, height, settings)
                    .into_iter()
                    .map(|w| (w, height_at(width, height, w), variant_path(&c.output, w)))
                    .collect();
                let photo = Photo {
                    width,
                    height,
                    variants,
                    bytes: std::fs::metadata(&c.disk).map_or(0, |m| m.len()),
                    media_type: "image/jpeg",
                    folder: Default::default(),
                    crops: Vec::new(),
                };
                out.by_path.insert(c.output.clone(), photo);
            }
            Err(broken) => {
                out.broken.insert(c.output.clone(), broken);
            }
        }
    }
    out
}

/// A photo's size from its header, or why it cannot be read or is too large to make.
fn header(c: &Candidate, settings: &Settings) -> Looked {
    let read = image::ImageReader::open(&c.disk)
        .map_err(|e| super::Unmade::Damaged(msg!("photo-broken", reason = e.to_string())))
        .and_then(|r| {
            r.with_guessed_format().map_err(|e| super::Unmade::Damaged(msg!("photo-broken", reason = e.to_string())))
        })
        .and_then(|r| r.into_dimensions().map_err(|e| super::decode_error(&e)))
        .and_then(|(w, h)| {
            if u64::from(w) * u64::from(h) > settings.max_pixels {
                let max = settings.max_pixels / 1_000_000;
                return Err(super::Unmade::Damaged(msg!("photo-too-large", width = w, height = h, max = max)));
            }
            Ok((w, h))
        });
    read.map_err(|unmade| unmade.said(&c.shown))
}
