//! bantin: a static site generator for Vietnamese news bulletins.
//!
//! The pipeline, as [`build::Session::rebuild`] runs it (load → model → render → write):
//!
//! ```text
//! site.yaml ─ config::load ────────► Config        checked once, defaults filled
//!           ─ build::plan ─────────► Plan          what a rebuild redoes, from what changed
//! content/  ─ discover::scan ──────► Sources       one walk (discover::walk): documents, assets
//! Sources   ─ content::read ───────► Document      NFC text, typed front matter, Markdown body
//! themes/, shortcodes/ ─ render::shortcode_templates ► markdown::Templates   Tera templates bodies call ({{< … >}})
//!           ─ site::assemble ──────► Site          sections, pages at URLs (permalinks),
//!                                                  taxonomies (site::taxonomy), archive,
//!                                                  related, rendered bodies, and the Routes
//!             (or Site::patch_bodies when only article text changed)
//! themes/   ─ render::theme::load ─► Theme         templates, strings, static files
//! Site      ─ render::Views ───────► shared values cards, lists, site values, with digests
//! static/   ─ assets::collect ─────► FileCopy      theme static, static/, content assets
//!           ─ assets::check_claims ► one owner per output file (pages, copies, index)
//!           ─ render::Renderer ────► pages         Tera, in parallel, for the routes whose
//!                                                  context fingerprint changed
//!           ─ search::build ───────► search index  buckets of words, groups of shards, results
//!           ─ build::deliver ──────► output::Sink  new or changed bytes only; a Staging
//!                                                  folder swapped in atomically (build), a
//!                                                  Folder renamed in place with a journal
//!                                                  (serve, watch), or Nowhere (check)
//! ```
//!
//! Beneath every stage is a base layer that uses none of them: [`paths`] (`SourcePath`,
//! `Slug`, `UrlPath`, and the one rule for external addresses), [`text`] (reading files safely,
//! NFC), [`yaml`] (all YAML, with problems at the file's own lines) and [`error`].
//! [`build`] knows the order of the stages; `serve` and `watch` keep a session and feed it the
//! changes [`watch`] reports; the binary in `main.rs` only parses arguments.

pub mod base;
pub mod build;
pub mod commands;
pub mod config;
pub mod content;
pub mod images;
pub mod markdown;
pub mod output;
pub mod render;
pub mod search;
pub mod site;

pub use base::error::{Error, Problem};
