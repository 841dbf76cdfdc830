//! Shortcodes in Markdown, in the syntax Hugo made common: finding them in a body and making
//! each call.
//!
//! `{{< name arg="…" >}}`, `{{% name %}}`, positional arguments (`{{< youtube dQw4w9WgXcQ >}}`),
//! pairs with a body (`{{< note >}}…{{< /note >}}`), self-closing `{{< name />}}`, and the
//! escape `{{</* name */>}}`, which writes `{{< name >}}` as text. Inside code spans and code
//! blocks nothing is a shortcode (the escape is still undone there: Hugo sites write it in
//! code blocks that document a shortcode).
//!
//! What each shortcode becomes is the theme's template, reached through
//! `crate::markdown::Templates`: this module checks each call against its declaration, gives
//! the template what it needs, and leaves a mark where the result goes in the page.
//!
//! [`syntax`] finds and reads the calls, [`expand`] puts a mark where each goes (a call made
//! by [`calls`]), and [`marks`] fills the marks once the Markdown around them is HTML.

mod calls;
mod expand;
mod marks;
mod syntax;

use std::ops::Range;

use crate::base::messages::Message;

pub(crate) use expand::{Found, Place, expand_body};
pub(crate) use marks::{Expanded, only_marks};

/// One argument as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Arg {
    /// `None` for a positional argument.
    pub(crate) name: Option<String>,
    pub(crate) value: String,
    /// Byte offset in the body, for messages.
    pub(crate) at: usize,
}

/// What a body holds, in order: text to keep, escaped shortcodes, shortcode calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text as it is (offsets into the body).
    Text(Range<usize>),
    /// Text to publish as written in place of `range` (an escaped shortcode, undone).
    Literal { text: String, range: Range<usize>, in_code: bool },
    /// A shortcode call, with its body when it is a pair.
    Call(Call),
}

/// A shortcode call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Call {
    pub(crate) name: String,
    pub(crate) args: Vec<Arg>,
    /// The text between the opening and the closing tag, for pairs.
    pub(crate) body: Option<Range<usize>>,
    /// From the opening tag's `{{` to the end of the closing tag.
    pub(crate) range: Range<usize>,
}

/// A mistake in how a shortcode is written, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mistake {
    pub(crate) at: usize,
    pub(crate) message: Message,
    pub(crate) hint: Message,
}

/// Whether a shortcode of this name takes a body: must it be closed, may it be, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum BodyRule {
    Required,
    Optional,
    None,
}

/// Whether `body` may hold a shortcode at all (a cheap test before any parsing).
pub(crate) fn may_have(body: &str) -> bool {
    memchr::memmem::find(body.as_bytes(), b"{{<").is_some() || memchr::memmem::find(body.as_bytes(), b"{{%").is_some()
}
