//! The one `<picture>` of bantin: a photo it resized, as every page shows it. The theme's
//! templates call it as the Tera function `picture(…)` (cards, the lead, articles, pages, the
//! `figure` shortcode) and Markdown figures call it directly, so the markup has one home.
//!
//! The WebP sizes go first, for the browser to choose from by `sizes`, then the photo at its
//! own path (JPEG or PNG) for browsers without WebP; its size is written so the page does not
//! jump while it loads.

/// When the browser fetches the photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Loading {
    /// At once, before other images: the first photo a reader sees (`fetchpriority="high"`).
    Priority,
    /// As the browser decides (the first photo of an article's text).
    Default,
    /// When the reader scrolls near it (`loading="lazy"`).
    Lazy,
}

/// A photo's `<picture>`: each text is as it goes into its attribute, escaped by the caller
/// (a template escapes as Tera does, Markdown as it escapes the rest of the body).
pub(crate) struct Picture<'a> {
    pub(crate) srcset: &'a str,
    pub(crate) src: &'a str,
    pub(crate) sizes: &'a str,
    pub(crate) alt: &'a str,
    pub(crate) width: u64,
    pub(crate) height: u64,
    pub(crate) loading: Loading,
}

impl Picture<'_> {
    /// The markup.
    pub(crate) fn html(&self) -> String {
        let loading = match self.loading {
            Loading::Priority => " fetchpriority=\"high\"",
            Loading::Default => "",
            Loading::Lazy => " loading=\"lazy\"",
        };
        let Picture { srcset, src, sizes, alt, width, height, .. } = self;
        format!(
            "<picture><source type=\"image/webp\" srcset=\"{srcset}\" sizes=\"{sizes}\"><img src=\"{src}\" alt=\"{alt}\" width=\"{width}\" height=\"{height}\"{loading} decoding=\"async\"></picture>"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_way_of_loading_is_one_attribute() {
        let p = |loading| {
            Picture {
                srcset: "a-480w.webp 480w",
                src: "a.jpg",
                sizes: "100vw",
                alt: "Ảnh",
                width: 4,
                height: 3,
                loading,
            }
            .html()
        };
        let base = "<picture><source type=\"image/webp\" srcset=\"a-480w.webp 480w\" sizes=\"100vw\"><img src=\"a.jpg\" alt=\"Ảnh\" width=\"4\" height=\"3\"";
        assert_eq!(p(Loading::Default), format!("{base} decoding=\"async\"></picture>"));
        assert_eq!(p(Loading::Lazy), format!("{base} loading=\"lazy\" decoding=\"async\"></picture>"));
        assert_eq!(p(Loading::Priority), format!("{base} fetchpriority=\"high\" decoding=\"async\"></picture>"));
    }
}
