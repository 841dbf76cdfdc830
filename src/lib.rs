//! bantin: a static site generator for Vietnamese news bulletins.
//!
//! A run, as [`build::Session::rebuild`] makes it: stages that each take values and return
//! values (`src/build/`, one file per stage), with what a session keeps for the next run.
//!
//! ```text
//! changed paths ─ build::plan ───────► Plan       what this run redoes (a pure function)
//! site.yaml     ─ build::load ───────► Config     config::load, only when it changed
//! content/      ─                    ► Sources    content::discover::scan (one sorted walk)
//!               ─                    ► Document   content::read: NFC text, typed front matter
//! themes/       ─                    ► Theme      render::theme::load + render::Renderer
//!   (only article text changed: build::patch puts new bodies into the last Site instead)
//! Documents     ─ build::model ──────► Site       images::prepare (photos, cached), then
//!                                                 site::assemble: sections, pages at their
//!                                                 URLs, taxonomies, lists, bodies through
//!                                                 markdown::render, Routes; every problem of
//!                                                 the run is decided here. Not changed after.
//! Site          ─ build::write ──────► files      render::Views once, assets::collect and
//!                                                 check_claims, then the routes whose context
//!                                                 changed through Tera, in parallel
//!               ─ build::index ──────► index      search::build, when what it indexes changed
//!               ─ Session::commit ───► output::Sink   new or changed bytes only: Staging
//!                                                 (build), Folder (serve, watch), Nowhere (check)
//! ```
//!
//! The folders of `src/` are layers, each naming only itself and those below it (the test
//! `tests/it/layers.rs` fails otherwise), from the bottom up:
//!
//! ```text
//! base/       error, messages (vi, en), paths (SourcePath, Slug, UrlPath), text, yaml
//! config.rs   site.yaml → Config
//! content/    discover (the walk), Document, front matter (YAML, TOML, JSON), dates, and
//!             write: the one safe writer of content/ and static/ (bantin new, the editor)
//! output.rs   the sinks: atomic staging folder, folder with a journal, nowhere
//! images/     photos: sizes, WebP, the cache, crops
//! markdown/   body → HTML, a module per concern; raw HTML (html5gum); shortcodes, whose
//!             templates it asks for through the trait markdown::Templates
//! site/       the site graph: pages, sections, taxonomies, routes
//! render/     Tera: the theme, the views templates get, shortcode templates (implementing
//!             markdown::Templates), structured data
//! search.rs   the search index
//! build/      the stages in order, and the Session that keeps what rebuilds reuse
//! commands/   serve, watch, new; deploy (output → a host) and the editor (a browser →
//!             content/write) come here, on top of a build
//! ```
//!
//! The binary in `main.rs` only parses arguments and prints.

pub mod base;
pub mod build;
pub mod commands;
pub mod config;
pub mod content;
pub mod images;
pub mod markdown;
pub mod output;
pub mod publish;
pub mod render;
pub mod search;
pub mod site;

pub use base::error::{Error, Problem};
