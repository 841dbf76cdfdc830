//! Text files: read safely (regular files only, within a size), then as editors' tools save
//! them → one form: UTF-8, no BOM, `\n` line ends, NFC.
//!
//! Vietnamese letters can be stored composed (`ế` as one code point) or decomposed (`e` plus
//! two combining marks); macOS and some IMEs save the second. Everything after this module
//! sees NFC only, so slugs, tags, search and links agree whatever the editor saved.

use std::borrow::Cow;
use std::path::Path;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::base::messages::{Arg, Message};
use crate::msg;

/// Why a file's bytes are not text bantin can read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadText {
    /// 1-based line of the first bad byte.
    pub(crate) line: usize,
    /// 1-based column (in characters) of the first bad byte.
    pub(crate) column: usize,
    /// What is wrong.
    pub(crate) message: Message,
    /// What to do.
    pub(crate) hint: Message,
}

impl BadText {
    /// The problem this is, in the file at `path`.
    pub(crate) fn at(self, path: impl Into<std::path::PathBuf>) -> crate::base::error::Problem {
        crate::base::error::Problem::at(path, self.line, self.column, self.message).hint(self.hint)
    }
}

/// Decodes a file's bytes: strips a UTF-8 BOM, refuses other encodings with the place of the
/// first bad byte, turns CRLF and lone CR into LF, and composes to NFC. Refuses invisible
/// characters no XML parser accepts (see [`is_unpublishable`]), each at its place (the first
/// [`MAX_BAD_CHARACTERS`] of a file).
pub(crate) fn decode(bytes: &[u8]) -> Result<String, Vec<BadText>> {
    let text = decode_utf8(bytes).map_err(|bad| vec![bad])?;
    let bad = unpublishable_in(&text);
    if bad.is_empty() { Ok(text) } else { Err(bad) }
}

/// The most invisible characters reported in one file: a file full of them (a binary file
/// renamed `.md`) gives a screenful, not thousands of lines.
pub(crate) const MAX_BAD_CHARACTERS: usize = 10;

/// Whether a character can never be published: C0 control characters other than tab and line
/// ends (XML 1.0 forbids them: one makes a feed or sitemap that no reader opens), DEL and C1
/// control characters (HTML's "control characters", signs of text decoded in the wrong code
/// page), and Unicode noncharacters (U+FDD0–U+FDEF, U+FFFE and U+FFFF of every plane).
/// None of them shows on screen, and none means anything in a news article: they come in with
/// text copied out of Word (U+000B for a line break, U+000C for a page break) or out of a PDF
/// whose fonts map letters to control codes, where a letter may be missing.
pub(crate) fn is_unpublishable(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\x7f'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}')
        || (c as u32 & 0xFFFE) == 0xFFFE
}

/// How a character is named in messages: `U+000B`.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Every unpublishable character of `text` (up to [`MAX_BAD_CHARACTERS`]), at its line and
/// column (in characters, as editors count).
fn unpublishable_in(text: &str) -> Vec<BadText> {
    if !has_unpublishable(text.as_bytes()) {
        return Vec::new();
    }
    let mut bad = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        for (column, c) in line.chars().enumerate() {
            if is_unpublishable(c) {
                bad.push(BadText {
                    line: i + 1,
                    column: column + 1,
                    message: msg!("file-invisible-character", code = code_point(c)),
                    hint: msg!("file-invisible-character-hint"),
                });
                if bad.len() == MAX_BAD_CHARACTERS {
                    return bad;
                }
            }
        }
    }
    bad
}

/// Whether `bytes` (UTF-8) hold an unpublishable character, read as bytes: every page, feed
/// and sitemap is checked, so this runs over all the site's output. Two passes look for the
/// bytes such a character can start with but `C2` (each of which the compiler makes vector
/// instructions; one pass testing all at once does not, measured 1.7 times as slow); `C2`
/// starts common characters too (`·`, a no-break space), so its places are found with
/// `memchr` and only the byte after each is looked at.
fn has_unpublishable(bytes: &[u8]) -> bool {
    let control = bytes.iter().fold(0u8, |m, &b| m | ((b < 0x20) & (b != b'\n') & (b != b'\t') & (b != b'\r')) as u8);
    let high = || bytes.iter().fold(0u8, |m, &b| m | (b.wrapping_sub(0xEF) < 0x11) as u8 | (b == 0x7F) as u8);
    if control != 0 || high() != 0 {
        return (0..bytes.len()).any(|i| unpublishable_at(bytes, i));
    }
    memchr::memchr_iter(0xC2, bytes).any(|i| unpublishable_at(bytes, i))
}

/// Whether the character at byte `i` of `bytes` (UTF-8) is unpublishable: a C0 control
/// character other than tab and line ends, DEL, a C1 control character (`C2 80`–`C2 9F`),
/// U+FDD0–U+FDEF (`EF B7 90`–`EF B7 AF`), or U+xFFFE/U+xFFFF (`EF BF BE`, and four-byte
/// characters whose last 16 bits are all ones but one). No continuation byte (`80`–`BF`) is
/// one of these first bytes, so `i` in the middle of a character gives `false`.
fn unpublishable_at(bytes: &[u8], i: usize) -> bool {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b'\t' | b'\n' | b'\r' => false,
        0..0x20 | 0x7F => true,
        0xC2 => (0x80..0xA0).contains(&at(1)),
        0xEF => (at(1) == 0xB7 && (0x90..=0xAF).contains(&at(2))) || (at(1) == 0xBF && matches!(at(2), 0xBE | 0xBF)),
        0xF0..=0xF4 => at(1) & 0x0F == 0x0F && at(2) == 0xBF && matches!(at(3), 0xBE | 0xBF),
        _ => false,
    }
}

/// A rendered file without its unpublishable characters: what every page, feed and sitemap
/// is passed through before it is written, so that whatever a template or a Markdown entity
/// (`&#1;`) puts there, the file stays XML any parser reads. Bytes that have none (all but
/// broken sites) are given back as they are.
pub(crate) fn publishable(bytes: Vec<u8>) -> Vec<u8> {
    if !has_unpublishable(&bytes) {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(text) => text.chars().filter(|&c| !is_unpublishable(c)).collect::<String>().into_bytes(),
        // Not text (templates make text): nothing to say about its characters.
        Err(e) => e.into_bytes(),
    }
}

/// Decodes UTF-8 as [`decode`] does, without looking for invisible characters.
fn decode_utf8(bytes: &[u8]) -> Result<String, BadText> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(BadText { line: 1, column: 1, message: msg!("file-utf16"), hint: msg!("file-save-as-utf8") });
    }
    // SIMD validation first (the common case); the standard library's finds where it fails.
    let checked = simdutf8::basic::from_utf8(bytes).map_err(|_| std::str::from_utf8(bytes).err());
    let text = match checked {
        Ok(text) => text,
        Err(None) => unreachable!("simdutf8 and the standard library disagree on UTF-8"),
        Err(Some(e)) => {
            let good = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction of `valid_up_to`.
            let good = std::str::from_utf8(good).unwrap_or_default();
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(BadText { line, column, message: msg!("file-not-utf8"), hint: msg!("file-save-as-utf8") });
        }
    };
    Ok(normalize(text))
}

/// Line ends to `\n` and text to NFC, copying only when something changes.
pub(crate) fn normalize(text: &str) -> String {
    let text: std::borrow::Cow<'_, str> =
        if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n").into() } else { text.into() };
    if surely_nfc(&text) {
        return text.into_owned();
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.into_owned(),
        _ => text.nfc().collect(),
    }
}

/// A quick pass for the common case: every character is below U+0300 (where nothing
/// combines), a precomposed Vietnamese letter (U+1E00–U+1EFF), or general punctuation
/// (U+2000–U+206F), all of which are NFC as they stand. Anything else takes the full check.
fn surely_nfc(text: &str) -> bool {
    // A byte at a time: lead bytes below 0xCC start characters below U+0300.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (0x00..=0xCB, _, _) => i += 1,
            (0xE1, Some(0xB8..=0xBB), _) | (0xE2, Some(0x80), _) | (0xE2, Some(0x81), Some(0x80..=0xAF)) => i += 3,
            _ => return false,
        }
    }
    true
}

/// The largest text file bantin reads (an article, `site.yaml`, a template): far above any
/// real one, and small enough that a mistake (a log file renamed `.md`) cannot eat the memory.
pub(crate) const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// What a file that is not a regular file is, for messages.
pub(crate) fn special_kind(file_type: std::fs::FileType) -> Message {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return msg!("file-kind-pipe");
        }
        if file_type.is_socket() {
            return msg!("file-kind-socket");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return msg!("file-kind-device");
        }
    }
    let _ = file_type;
    msg!("file-kind-other")
}

/// Why [`read_text_file`] refused a file, carried inside the `std::io::Error` it returns
/// (English when printed as an error; [`read_error`] gets the message back).
#[derive(Debug)]
pub(crate) struct Refusal(pub(crate) Message);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    fn io(kind: std::io::ErrorKind, message: Message) -> std::io::Error {
        std::io::Error::new(kind, Refusal(message))
    }
}

/// What an error of [`read_text_file`] says, for a message argument: bantin's own reason in
/// the reader's language when it refused the file, else the system's text.
pub(crate) fn read_error(e: &std::io::Error) -> Arg {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<Refusal>()) {
        Some(Refusal(message)) => Arg::from(message.clone()),
        None => Arg::from(e.to_string()),
    }
}

/// Reads a text file bantin needs: only a regular file (a named pipe would wait forever, a
/// link to `/dev/zero` never end), and at most [`MAX_TEXT_BYTES`].
pub(crate) fn read_text_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    // Asked before opening: opening a named pipe waits for a writer.
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Refusal::io(
            std::io::ErrorKind::InvalidInput,
            msg!("file-not-readable-kind", kind = special_kind(meta.file_type())),
        ));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        // Should it have become a pipe since: no wait either.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Refusal::io(
            std::io::ErrorKind::InvalidInput,
            msg!("file-not-readable-kind", kind = special_kind(meta.file_type())),
        ));
    }
    let too_large =
        || Refusal::io(std::io::ErrorKind::InvalidData, msg!("file-too-large", mb = MAX_TEXT_BYTES / 1024 / 1024));
    if meta.len() > MAX_TEXT_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Vietnamese news typography: a range of numbers written `2021 - 2025` never breaks at the
/// end of a line (`2021 – 2025`, with no-break spaces and an en dash). Used on body text,
/// titles and summaries; code is left as written.
pub(crate) fn typeset(text: &str) -> Cow<'_, str> {
    if !text.contains(" - ") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(" - ") {
        let before = &rest[..at];
        let after = &rest[at + 3..];
        out.push_str(before);
        if before.ends_with(|c: char| c.is_ascii_digit()) && after.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str("\u{a0}–\u{a0}");
        } else {
            out.push_str(" - ");
        }
        rest = after;
    }
    out.push_str(rest);
    if out == text { Cow::Borrowed(text) } else { Cow::Owned(out) }
}

/// A text cut for a description (`<meta name="description">`, `og:description`): at most
/// `max` characters, at the end of a word, with "…" when something was cut. Search engines
/// and Facebook show about 160 characters.
pub(crate) fn clip(text: &str, max: usize) -> Cow<'_, str> {
    let text = text.trim();
    if text.chars().count() <= max {
        return Cow::Borrowed(text);
    }
    // The byte where character `max` starts: the text is cut before it, at a space.
    let end = text.char_indices().nth(max.saturating_sub(1)).map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let cut = match head.rfind(char::is_whitespace) {
        // A word longer than half the room is cut inside rather than leave a stub.
        Some(at) if at >= end / 2 => &head[..at],
        _ => head,
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '–' | '-' | '('));
    Cow::Owned(format!("{cut}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_nfd_come_out_plain_nfc() {
        let nfd: String = "Ký kết\r\nđồng thuận".nfd().collect();
        let bytes = [b"\xEF\xBB\xBF".as_slice(), nfd.as_bytes()].concat();
        assert_eq!(decode(&bytes).unwrap(), "Ký kết\nđồng thuận");
    }

    #[test]
    fn latin1_bytes_are_refused_with_their_place() {
        let bad = decode(b"title: a\nb\xE0c").unwrap_err();
        assert_eq!((bad[0].line, bad[0].column), (2, 2));
    }

    #[test]
    fn quick_pass_sends_combining_marks_to_the_full_check() {
        assert!(surely_nfc("Ký kết chương trình – “đồng thuận”"));
        let nfd: String = "Ký kết".nfd().collect();
        assert!(!surely_nfc(&nfd));
        assert_eq!(normalize(&nfd), "Ký kết");
    }

    proptest::proptest! {
        #[test]
        fn quick_pass_is_exactly_the_ranges_it_names(
            text in "\\PC{0,40}|[a-zđ\u{2c0}-\u{310}\u{1dff}-\u{1f00}\u{1fff}-\u{2080}]{0,40}"
        ) {
            let by_chars = text.chars().all(|c| {
                let c = c as u32;
                c < 0x300 || (0x1E00..=0x1EFF).contains(&c) || (0x2000..=0x206F).contains(&c)
            });
            proptest::prop_assert_eq!(surely_nfc(&text), by_chars);
        }
    }

    #[test]
    fn refusals_keep_their_message_for_the_reader() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text_file(dir.path()).unwrap_err();
        assert_eq!(e.to_string(), "it is a special file, not a file bantin can read");
        let m = msg!("config-cannot-read", reason = read_error(&e));
        assert_eq!(
            m.text(crate::base::messages::Lang::Vi),
            "không đọc được tệp: đây là một thư mục hoặc mục đặc biệt, không phải tệp bantin đọc được"
        );
        let other = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(read_error(&other), Arg::from(other.to_string()));
    }

    #[test]
    fn invisible_characters_are_refused_each_at_its_place() {
        let bad = decode("title: Ký\x01 kết\nxã\x0b\x1b và\u{fffe}\tok\u{9f}\n\u{1fffe}".as_bytes()).unwrap_err();
        let places: Vec<(usize, usize, String)> =
            bad.iter().map(|b| (b.line, b.column, b.message.text(crate::base::messages::Lang::En))).collect();
        let code = |c: &str| {
            format!("the invisible character {c} cannot be published (no feed reader or XML parser accepts it)")
        };
        assert_eq!(
            places,
            vec![
                (1, 10, code("U+0001")),
                (2, 3, code("U+000B")),
                (2, 4, code("U+001B")),
                (2, 8, code("U+FFFE")),
                (2, 12, code("U+009F")),
                (3, 1, code("U+1FFFE")),
            ]
        );
        assert!(decode("tab\tand\r\nline ends, nbsp\u{a0}, \u{fdcf}\u{fff0} 😀".as_bytes()).is_ok());
        let many = "\x0c".repeat(50);
        assert_eq!(decode(many.as_bytes()).unwrap_err().len(), MAX_BAD_CHARACTERS);
    }

    #[test]
    fn the_byte_test_agrees_with_the_character_test_on_every_character() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("{:width$}{}", "", c.encode_utf8(&mut buf), width = c as usize % 40);
            assert_eq!(has_unpublishable(text.as_bytes()), is_unpublishable(c), "U+{:04X}", c as u32);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_byte_test_finds_exactly_the_invisible_characters(text in "\\PC{0,80}|[a-z\x00-\x7f\u{80}-\u{a0}\u{fdc0}-\u{fdf0}\u{fff0}-\u{ffff}\u{1fffd}-\u{1ffff}\u{10fffe}-\u{10ffff}]{0,80}") {
            let any = text.chars().any(is_unpublishable);
            proptest::prop_assert_eq!(has_unpublishable(text.as_bytes()), any);
            let clean = String::from_utf8(publishable(text.clone().into_bytes())).unwrap();
            proptest::prop_assert!(!clean.chars().any(is_unpublishable));
            proptest::prop_assert_eq!(any, clean != text);
            // What is left is text any XML parser reads.
            let xml = format!("<a>{}</a>", clean.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"));
            proptest::prop_assert!(roxmltree::Document::parse(&xml).is_ok(), "{:?}", xml);
        }
    }

    #[test]
    fn utf16_is_refused() {
        assert!(decode(b"\xFF\xFEt\x00").is_err());
    }

    #[test]
    fn number_ranges_keep_together_and_other_dashes_stay() {
        assert_eq!(typeset("Giai đoạn 2021 - 2025"), "Giai đoạn 2021\u{a0}–\u{a0}2025");
        assert!(matches!(typeset("Lao động - Thương binh"), Cow::Borrowed(_)));
        assert_eq!(typeset("1 - 2 - 3, a - b"), "1\u{a0}–\u{a0}2\u{a0}–\u{a0}3, a - b");
    }

    #[test]
    fn descriptions_are_cut_at_a_word_near_160_characters() {
        let short = "Kế hoạch số 93/KH-UBND.";
        assert!(matches!(clip(short, 160), Cow::Borrowed(_)));
        let long = "Ủy ban nhân dân thành phố ban hành Kế hoạch số 93/KH-UBND về truyền thông giảm nghèo đa chiều, bao trùm, bền vững giai đoạn 2021–2025, với nhiều hoạt động, trên nhiều kênh, cho mọi người dân.";
        let cut = clip(long, 160);
        assert!(cut.ends_with('…') && cut.chars().count() <= 160, "{cut}");
        assert!(long.starts_with(cut.trim_end_matches('…')), "{cut}");
        let next = long[cut.len() - '…'.len_utf8()..].chars().next();
        assert!(next.is_some_and(|c| c == ' ' || c == ','), "cut inside a word: {cut}");
    }
}
