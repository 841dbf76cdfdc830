//! The error type of the library, and `Problem`: one thing wrong at one place in one file.
//!
//! Stages collect every `Problem` they find before failing, so ten broken articles give ten
//! messages in one run. A problem prints as `path:line:column: what is wrong — what to do`,
//! the form editors' tools and CI logs jump to.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::base::messages::{Lang, Message};
use crate::msg;

/// One thing wrong in one file, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file, relative to the site root where it lies inside it.
    pub path: PathBuf,
    /// 1-based line in the file itself (not in a YAML block or template fragment).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: Message,
    /// What to do about it, when there is something to say (boxed: problems travel in
    /// `Result`s, and most have a hint or none at small cost either way).
    pub hint: Option<Box<Message>>,
    /// What it is about besides its place, for the stages that count or group problems:
    /// typed, so that no decision reads a message back.
    pub(crate) subject: Option<Box<Subject>>,
}

/// What a problem is about, when a later stage needs to know.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Subject {
    /// A damaged photo, by its file as shown (`content/tin/anh.jpg`), used where the problem is.
    BrokenPhotoUsed(PathBuf),
}

impl Problem {
    /// A problem at `line:column` of `path`.
    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<Message>) -> Self {
        Problem {
            path: path.into(),
            line: line.max(1),
            column: column.max(1),
            message: message.into(),
            hint: None,
            subject: None,
        }
    }

    /// Says what the problem is about, for later stages.
    pub(crate) fn about(mut self, subject: Subject) -> Self {
        self.subject = Some(Box::new(subject));
        self
    }

    /// A problem about a whole file, reported at its first line.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<Message>) -> Self {
        Problem::at(path, 1, 1, message)
    }

    /// Adds what the editor should do.
    pub fn hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(Box::new(hint.into()));
        self
    }

    /// `path:line:column: what is wrong — what to do`, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = format!("{}:{}:{}: {}", self.path.display(), self.line, self.column, self.message.text(lang));
        if let Some(hint) = &self.hint {
            out.push_str(" — ");
            out.push_str(&hint.text(lang));
        }
        out
    }
}

/// In English, for logs and library users; people get [`Problem::text`] in their site's language.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the site's files (content, config, templates), sorted by path and line.
    #[error("{}", self.text(Lang::En))]
    Problems(Vec<Problem>),
    /// The file system refused something bantin needed to do.
    #[error("{}", self.text(Lang::En))]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// bantin refuses to write the site where it could destroy an editor's work.
    #[error("{}", self.text(Lang::En))]
    UnsafeOutput {
        /// The output folder asked for.
        path: PathBuf,
        /// Why it is refused, and what to do instead.
        reason: Message,
    },
    /// A build was about to write a file outside the output folder, or one the system refuses.
    #[error("{}", self.text(Lang::En))]
    OutsideOutput {
        /// The path, relative to the output folder.
        file: String,
        /// Why.
        reason: Message,
    },
    /// A command was used in a way that cannot work (an existing file for `new`, …).
    #[error("{}", self.text(Lang::En))]
    Usage(Message),
    /// bantin itself failed (a panic, caught): nothing was written, and the next run starts
    /// afresh. What the panic said, for a report.
    #[error("{}", self.text(Lang::En))]
    Bug(String),
}

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().to_path_buf(), source }
    }

    /// Builds the error for a non-empty list of problems, sorted so the output is stable.
    pub fn problems(mut problems: Vec<Problem>) -> Self {
        problems.sort();
        problems.dedup();
        Error::Problems(problems)
    }

    /// The problems this error carries (one for I/O and refusals, so callers can count them).
    pub fn problem_count(&self) -> usize {
        match self {
            Error::Problems(p) => p.len(),
            _ => 1,
        }
    }

    /// Each line to print, in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        match self {
            Error::Problems(problems) => problems.iter().map(|p| p.text(lang)).collect(),
            Error::Io { path, source } => {
                let message = match crate::base::text::read_error(source) {
                    // bantin's own refusal to read a file (a pipe, too large): said in full.
                    crate::base::messages::Arg::Message(reason) => {
                        msg!("error-io-refused", path = path.as_path(), reason = *reason)
                    }
                    _ => {
                        msg!("error-io", path = path.as_path(), what = io_message(source), detail = source.to_string())
                    }
                };
                vec![message.text(lang)]
            }
            Error::UnsafeOutput { path, reason } => {
                vec![msg!("error-unsafe-output", path = path.as_path(), reason = reason.clone()).text(lang)]
            }
            Error::OutsideOutput { file, reason } => {
                vec![msg!("error-outside-output", file = file, reason = reason.clone()).text(lang)]
            }
            Error::Usage(m) => vec![m.text(lang)],
            Error::Bug(what) => vec![msg!("error-bug", what = what.as_str()).text(lang)],
        }
    }

    /// The whole error in `lang`, one problem per line.
    pub fn text(&self, lang: Lang) -> String {
        self.lines(lang).join("\n")
    }
}

/// What the system said, in the editor's words where it is one of the common cases.
fn io_message(e: &std::io::Error) -> Message {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => msg!("io-not-found"),
        K::PermissionDenied | K::ReadOnlyFilesystem => msg!("io-permission"),
        K::StorageFull | K::QuotaExceeded => msg!("io-full"),
        K::AlreadyExists => msg!("io-exists"),
        K::AddrInUse => msg!("io-addr-in-use"),
        K::InvalidFilename => msg!("io-bad-name"),
        K::IsADirectory | K::NotADirectory | K::DirectoryNotEmpty => msg!("io-folder"),
        _ => msg!("io-other"),
    }
}

/// Turns a list of problems into `Ok(value)` when it is empty, or the error that lists them.
pub(crate) fn ok_or_problems<T>(value: T, problems: Vec<Problem>) -> Result<T, Error> {
    if problems.is_empty() { Ok(value) } else { Err(Error::problems(problems)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_prints_path_line_column_and_hint() {
        let p = Problem::at("content/a.md", 3, 7, msg!("io-not-found")).hint(msg!("cli-then-fix"));
        assert!(p.to_string().starts_with("content/a.md:3:7: "), "{p}");
        assert!(p.text(Lang::En).contains(" — "), "{p}");
        assert_ne!(p.text(Lang::Vi), p.text(Lang::En));
    }

    #[test]
    fn problems_are_sorted_by_path_then_line() {
        let e = Error::problems(vec![
            Problem::at("b.md", 1, 1, msg!("io-full")),
            Problem::at("a.md", 9, 1, msg!("io-full")),
            Problem::at("a.md", 2, 1, msg!("io-full")),
        ]);
        let lines: Vec<String> = e.lines(Lang::En).iter().map(|l| l[..6].to_string()).collect();
        assert_eq!(lines, ["a.md:2", "a.md:9", "b.md:1"]);
    }
}
