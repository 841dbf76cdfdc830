//! bantin: a static site generator for Vietnamese news bulletins.
//!
//! ```text
//! site.yaml ─ config::load ───────► Config          checked once, defaults filled
//! content/  ─ discover::scan ─────► Sources         walkdir, sorted; documents + assets
//! Sources   ─ content::parse_all ─► Vec<Document>   NFC text, typed front matter, Markdown body
//!           ─ site::assemble ─────► Site            URLs, sections, tags, pagers, feeds,
//!                                                   rendered bodies, and the list of Routes
//! Site      ─ render::render_site ► output files    one per Route, through Tera, in parallel
//!           ─ output::write ──────► output/         atomic: the old site stays until all succeeded
//! ```
//!
//! [`build`] knows the order of the stages; the binary in `main.rs` only parses arguments.

pub mod build;
pub mod config;
pub mod content;
pub mod discover;
pub mod error;
pub mod markdown;
pub mod output;
pub mod paths;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;
pub mod watch;
pub mod yaml;

pub use error::{Error, Problem};
