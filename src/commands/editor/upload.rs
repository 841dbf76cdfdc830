//! Photos and documents an editor adds: read for what their bytes are (not their name),
//! refused with the build's own messages when a browser could not show them (HEIC) or they
//! are damaged, and saved beside the article under a clean name that never replaces a file.

use std::path::Path;

use crate::base::messages::Message;
use crate::base::paths::Slug;
use crate::content::write::{self, Place, WriteError};
use crate::msg;

/// The largest file the editor takes: a phone's photo is 3 to 12 MB, a scanned PDF more.
pub(crate) const LIMIT: usize = 40 * 1024 * 1024;

/// What the bytes of an added file are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Jpeg,
    Png,
    Webp,
    Gif,
    Pdf,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Webp => "webp",
            Kind::Gif => "gif",
            Kind::Pdf => "pdf",
        }
    }
}

/// Why an added file was refused.
#[derive(Debug)]
pub(crate) enum Refused {
    TooLarge,
    /// Not a file the site can show, or damaged: the message and what to do.
    Unusable(Message, Option<Message>),
    Write(WriteError),
}

/// What the bytes say they are: a photo browsers show, a PDF, HEIC, or something else.
pub(crate) fn sniff(bytes: &[u8]) -> Result<Kind, Refused> {
    let heic_brands: [&[u8]; 6] = [b"heic", b"heix", b"hevc", b"heim", b"mif1", b"msf1"];
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" && heic_brands.contains(&&bytes[8..12]) {
        return Err(Refused::Unusable(msg!("photo-heic"), Some(msg!("photo-heic-hint"))));
    }
    let kind = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Kind::Jpeg
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Kind::Png
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Kind::Webp
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Kind::Gif
    } else if bytes.starts_with(b"%PDF-") {
        Kind::Pdf
    } else {
        return Err(Refused::Unusable(msg!("editor-upload-unknown"), Some(msg!("editor-upload-unknown-hint"))));
    };
    Ok(kind)
}

/// A photo's width and height upright, after reading it whole as the build does (one cut
/// short, damaged or too large is refused with the build's own words).
fn decoded_size(bytes: &[u8], settings: &crate::config::PhotoSettings) -> Result<(u32, u32), Refused> {
    crate::images::check(bytes, settings).map_err(|(message, hint)| Refused::Unusable(message, Some(hint)))
}

/// A clean file name for `name` with the extension of `kind`: `IMG_0042.JPG` → `img-0042.jpg`.
pub(crate) fn clean_name(name: &str, kind: Kind) -> String {
    let stem = Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let slug = Slug::from_text(stem).map(|s| s.as_str().to_string()).unwrap_or_else(|| "anh".to_string());
    format!("{slug}.{}", kind.extension())
}

/// What was saved: the file's name beside the article, and a photo's size.
#[derive(Debug, serde::Serialize)]
pub(crate) struct Stored {
    pub(crate) file: String,
    pub(crate) width: Option<u32>,
    pub(crate) height: Option<u32>,
}

/// Saves `bytes` (named `name` by the editor's computer) beside the article at `article`
/// (`content/…/a.md`, relative to `root`), under a clean name no file has.
pub(crate) fn store(
    root: &Path,
    article: &str,
    name: &str,
    bytes: &[u8],
    settings: &crate::config::PhotoSettings,
) -> Result<Stored, Refused> {
    if bytes.len() > LIMIT {
        return Err(Refused::TooLarge);
    }
    let kind = sniff(bytes)?;
    let size = if kind == Kind::Pdf { None } else { Some(decoded_size(bytes, settings)?) };
    let dir = article.rsplit_once('/').map_or("", |(dir, _)| dir);
    let clean = clean_name(name, kind);
    let (stem, extension) = clean.rsplit_once('.').unwrap_or((&clean, ""));
    for n in 1..1000 {
        let file = if n == 1 { clean.clone() } else { format!("{stem}-{n}.{extension}") };
        let place = Place::new(root, &format!("{dir}/{file}")).map_err(Refused::Write)?;
        match write::create_bytes(&place, bytes) {
            Ok(()) => return Ok(Stored { file, width: size.map(|s| s.0), height: size.map(|s| s.1) }),
            Err(WriteError::Exists { .. }) => continue,
            Err(e) => return Err(Refused::Write(e)),
        }
    }
    Err(Refused::Write(WriteError::Exists { path: root.join(dir).join(clean) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_known_by_their_bytes() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest").unwrap(), Kind::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest").unwrap(), Kind::Png);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 ").unwrap(), Kind::Webp);
        assert_eq!(sniff(b"%PDF-1.7").unwrap(), Kind::Pdf);
        assert!(matches!(sniff(b"\0\0\0\x18ftypheic\0\0"), Err(Refused::Unusable(..))), "HEIC");
        assert!(matches!(sniff(b"<script>alert(1)</script>"), Err(Refused::Unusable(..))));
    }

    #[test]
    fn names_are_cleaned_and_take_the_extension_of_the_bytes() {
        assert_eq!(clean_name("IMG_0042.JPG", Kind::Jpeg), "img-0042.jpg");
        assert_eq!(clean_name("Ảnh hội nghị.jpeg", Kind::Jpeg), "anh-hoi-nghi.jpg");
        assert_eq!(clean_name("photo.png", Kind::Jpeg), "photo.jpg", "a JPEG named .png");
        assert_eq!(clean_name("../../etc/passwd", Kind::Png), "passwd.png");
        assert_eq!(clean_name("", Kind::Png), "anh.png");
    }
}
