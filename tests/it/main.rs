//! Integration tests: one binary, one module per feature, each building small fixture sites
//! in temporary folders.

mod util;

mod broken;
mod browser;
mod build;
mod cli;
mod content;
mod deploy;
mod editions;
mod editor;
mod editor_browser;
mod fault;
mod guide;
mod incremental;
mod layers;
mod markdown;
mod output;
mod photos;
mod raw_html;
mod sample;
mod search;
mod seo;
mod serve;
mod shortcodes;
mod taxonomy;
mod theme;
mod views;
mod writer;
