//! The error type of the library, and `Problem`: one thing wrong at one place in one file.
//!
//! Stages collect every `Problem` they find before failing, so ten broken articles give ten
//! messages in one run. A problem prints as `path:line:column: what is wrong — what to do`,
//! the form editors' tools and CI logs jump to.

use std::fmt;
use std::path::{Path, PathBuf};

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
    pub message: String,
    /// What to do about it, when there is something to say.
    pub hint: Option<String>,
}

impl Problem {
    /// A problem at `line:column` of `path`.
    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Problem { path: path.into(), line: line.max(1), column: column.max(1), message: message.into(), hint: None }
    }

    /// A problem about a whole file, reported at its first line.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem::at(path, 1, 1, message)
    }

    /// Adds what the editor should do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path.display(), self.line, self.column, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " — {hint}")?;
        }
        Ok(())
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the site's files (content, config, templates), sorted by path and line.
    #[error("{}", render_problems(.0))]
    Problems(Vec<Problem>),
    /// The file system refused something bantin needed to do.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// bantin refuses to write the site where it could destroy an editor's work.
    #[error("refusing to write the site to {}: {reason}", path.display())]
    UnsafeOutput {
        /// The output folder asked for.
        path: PathBuf,
        /// Why it is refused, and what to do instead.
        reason: String,
    },
    /// A build was about to write a file outside the output folder, or one the system refuses.
    #[error("refusing to write `{file}`: {reason}")]
    OutsideOutput {
        /// The path, relative to the output folder.
        file: String,
        /// Why.
        reason: String,
    },
    /// A command was used in a way that cannot work (an existing file for `new`, …).
    #[error("{0}")]
    Usage(String),
}

fn render_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&p.to_string());
    }
    out
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
        let p = Problem::at("content/a.md", 3, 7, "bad date").hint("write it like 2023-04-06");
        assert_eq!(p.to_string(), "content/a.md:3:7: bad date — write it like 2023-04-06");
    }

    #[test]
    fn problems_are_sorted_by_path_then_line() {
        let e = Error::problems(vec![
            Problem::at("b.md", 1, 1, "x"),
            Problem::at("a.md", 9, 1, "y"),
            Problem::at("a.md", 2, 1, "z"),
        ]);
        assert_eq!(e.to_string(), "a.md:2:1: z\na.md:9:1: y\nb.md:1:1: x");
    }
}
