//! The base layer: what every stage may use and what names no stage. Errors and problems,
//! the messages in both languages, the path and address types with their one set of rules,
//! reading text files safely (NFC), and all YAML with problems at the file's own lines.
//! A test (`tests/it/layers.rs`) fails when a module here names anything above it.

pub mod error;
pub mod messages;
pub(crate) mod packed;
pub mod paths;
pub mod text;
pub mod yaml;
