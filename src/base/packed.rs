//! Texts kept compressed in memory, behind one module (LZ4, by `lz4_flex`).
//!
//! Every body's HTML and plain text are held from the model stage until its page and feeds are
//! written and the search index has read it: at 50,000 articles, 400 MB of a build's 950. Each
//! is read once or twice in a build, and LZ4 takes Vietnamese HTML and text to about half (the
//! CPU of a 10,000-article build grows by about 3%), so they are held packed and unpacked where
//! they are read.

/// Texts shorter than this are kept as they are: packing them saves nothing worth the time.
const SMALL: usize = 256;

/// A text, compressed when that makes it smaller.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Packed(Inner);

#[derive(Clone, PartialEq, Eq)]
enum Inner {
    Plain(Box<str>),
    /// LZ4 block, the text's length in bytes before it.
    Lz4(Box<[u8]>),
}

impl Packed {
    /// Packs `text`.
    pub(crate) fn new(text: &str) -> Packed {
        if text.len() >= SMALL {
            let packed = lz4_flex::block::compress_prepend_size(text.as_bytes());
            // Random-looking text (a data URI) does not shrink.
            if packed.len() < text.len() - text.len() / 8 {
                return Packed(Inner::Lz4(packed.into_boxed_slice()));
            }
        }
        Packed(Inner::Plain(text.into()))
    }

    /// `f` of the text.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        match &self.0 {
            Inner::Plain(s) => f(s),
            Inner::Lz4(bytes) => {
                // Only `new` makes these, from UTF-8: a failure is a bug, said rather than hidden.
                let raw = lz4_flex::block::decompress_size_prepended(bytes).expect("a packed text unpacks");
                f(simdutf8::basic::from_utf8(&raw).expect("a packed text is UTF-8"))
            }
        }
    }

    /// The text, as a string of its own.
    pub(crate) fn unpack(&self) -> String {
        self.with(str::to_owned)
    }

    /// The bytes it takes in memory.
    #[cfg(test)]
    fn held(&self) -> usize {
        match &self.0 {
            Inner::Plain(s) => s.len(),
            Inner::Lz4(b) => b.len(),
        }
    }
}

impl Default for Packed {
    fn default() -> Packed {
        Packed(Inner::Plain(Box::default()))
    }
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.with(|s| write!(f, "Packed({s:?})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_they_went_in_packed_or_not() {
        let html = "<p>Kế hoạch số 93 về truyền thông giảm nghèo đa chiều.</p>\n".repeat(40);
        let noise: String = (0..600u32).map(|i| char::from_u32(0x4E00 + (i * 7919) % 20000).unwrap()).collect();
        for text in ["", "ngắn", html.as_str(), noise.as_str()] {
            let p = Packed::new(text);
            assert_eq!(p.unpack(), text);
        }
        assert!(Packed::new(&html).held() < html.len() / 4, "repeated HTML packs small");
        assert_eq!(Packed::new("ngắn").held(), "ngắn".len(), "short texts are kept as they are");
    }
}
