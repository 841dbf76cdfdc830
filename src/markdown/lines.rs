//! Where a byte offset of a body is in its file: line and column.

use std::cell::OnceCell;

/// The lines of a body that starts on line `first` of its file.
pub(crate) struct Lines<'a> {
    text: &'a str,
    first: usize,
    /// Where each line starts, found once (only when there is a problem): a text with
    /// thousands of broken links costs one pass, not one per link.
    starts: OnceCell<Vec<usize>>,
}

impl<'a> Lines<'a> {
    /// The lines of `text`, which starts on line `first` of its file.
    pub(crate) fn new(text: &'a str, first: usize) -> Lines<'a> {
        Lines { text, first, starts: OnceCell::new() }
    }

    /// The line and column (in characters, from 1) in the file of the byte `offset`.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let offset = offset.min(text.len());
        let starts = self
            .starts
            .get_or_init(|| std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect());
        let index = starts.partition_point(|&s| s <= offset) - 1;
        let column = text[starts[index]..offset].chars().count() + 1;
        (self.first + index, column)
    }
}
