//! One shortcode call made: its arguments checked against the declaration, the files and
//! photos it names resolved like the text's, its body rendered as Markdown, its template
//! called, and what the template made judged like raw HTML.

use std::collections::BTreeMap;
use std::ops::Range;

use super::expand::{Found, MAX_DEPTH, Place};
use super::marks::Made;
use super::{BodyRule, Call};
use crate::base::messages::{Lang, Message};
use crate::markdown::templates::human_size;
use crate::markdown::{
    CallData, Declaration, Expect, FileData, PhotoData, ProblemAt, SitePathRef, Target, Templates, percent_decode,
    raw_html, removed_said, render_nested, resolve, scheme_allowed,
};
use crate::msg;

/// A time as editors write it, in whole seconds: `90`, `1:30`, `1:02:03`, `1m30s`, `2h`.
fn seconds(written: &str) -> Option<u64> {
    let w = written.trim();
    if w.contains(':') {
        let parts: Vec<&str> = w.split(':').collect();
        if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        return parts.iter().try_fold(0u64, |total, p| total.checked_mul(60)?.checked_add(p.parse().ok()?));
    }
    if w.bytes().all(|b| b.is_ascii_digit()) {
        return w.parse().ok();
    }
    // 1h2m3s, each part optional but in that order.
    let mut total = 0u64;
    let mut number = String::new();
    let mut last_unit = 0;
    for c in w.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let (rank, unit) = match c.to_ascii_lowercase() {
            'h' => (1, 3600),
            'm' => (2, 60),
            's' => (3, 1),
            _ => return None,
        };
        if number.is_empty() || rank <= last_unit {
            return None;
        }
        total = total.checked_add(number.parse::<u64>().ok()?.checked_mul(unit)?)?;
        number.clear();
        last_unit = rank;
    }
    number.is_empty().then_some(total)
}

/// One call rendered, or `None` after its problems are noted.
pub(super) fn one_call(
    body: &str,
    call: &Call,
    templates: &dyn Templates,
    place: &Place<'_>,
    found: &mut Found,
    problem: ProblemAt<'_>,
) -> Option<Made> {
    place.links.used_shortcode(&call.name);
    let at = call.range.start;
    let Some(decl) = templates.declaration(&call.name) else {
        let hint = unknown_hint(&call.name, templates, &mut found.listed);
        found.problems.push(problem(at, msg!("sc-unknown", name = call.name.as_str()), hint));
        return None;
    };
    let mut making = Making { call, place, found, problem, ok: true };
    let (mut args, pos) = making.arguments(decl);
    making.times(decl, &mut args);
    let files = making.files(decl, &args, templates.lang());
    if call.body.is_some() && place.depth >= MAX_DEPTH {
        let hint = msg!("sc-too-deep-hint", name = call.name.as_str());
        making.say(at, msg!("sc-too-deep", depth = MAX_DEPTH), hint);
        return None;
    }
    let (inner_html, inner_text, mut photos) = match &call.body {
        Some(range) => making.body(body, range),
        None => (None, String::new(), Vec::new()),
    };
    if let Some(dir) = args.get("dir") {
        making.album(dir, &mut photos);
    }
    if !making.ok {
        return None;
    }
    let (line, column) = (place.position)(at);
    let data = CallData {
        name: call.name.clone(),
        args,
        pos,
        body: inner_html,
        inner: call.body.as_ref().map(|r| body[r.clone()].to_string()),
        files,
        photos,
        root: place.root.to_string(),
        id: format!("sc-{line}-{column}"),
    };
    match templates.render(&data) {
        Ok(html) => Some(making.made(&html, &data.args, &inner_text)),
        Err(message) => {
            making.say(at, message, msg!("sc-render-error-hint", name = call.name.as_str()));
            None
        }
    }
}

/// What to do about a name no shortcode has: Hugo's own shortcodes say what to write instead;
/// others the closest name, with the list of names once per file (`listed`).
fn unknown_hint(name: &str, templates: &dyn Templates, listed: &mut bool) -> Message {
    let names = templates.names();
    let close = names
        .iter()
        .filter(|n| strsim::normalized_levenshtein(n, name) > 0.6)
        .max_by(|a, b| strsim::normalized_levenshtein(a, name).total_cmp(&strsim::normalized_levenshtein(b, name)));
    match name {
        "highlight" => msg!("sc-hugo-highlight-hint"),
        "gist" | "tweet" | "x" | "twitter" | "twitter_simple" | "vimeo" | "vimeo_simple" | "instagram" => {
            msg!("sc-hugo-embed-hint", name = name)
        }
        "param" => msg!("sc-hugo-param-hint"),
        _ if name.ends_with(".inline") => msg!("sc-hugo-inline-hint"),
        // The list of names once per file: the next unknown ones say only the guess.
        _ if *listed => match close {
            Some(c) => msg!("sc-unknown-did-you-mean-short", name = *c),
            None => msg!("sc-unknown-again-hint"),
        },
        _ => {
            *listed = true;
            match close {
                Some(c) => msg!("sc-unknown-did-you-mean", name = *c, names = names.join(", ")),
                None => msg!("sc-unknown-hint", names = names.join(", ")),
            }
        }
    }
}

/// A call being checked and made: where it is, and where its problems go.
struct Making<'a, 'p> {
    call: &'a Call,
    place: &'a Place<'p>,
    found: &'a mut Found,
    problem: ProblemAt<'a>,
    /// Whether the call may still be made: false after a problem that stops it.
    ok: bool,
}

impl Making<'_, '_> {
    /// Notes a problem at `at`.
    fn say(&mut self, at: usize, message: Message, hint: Message) {
        self.found.problems.push((self.problem)(at, message, hint));
    }

    /// Notes a problem that stops the call.
    fn refuse(&mut self, at: usize, message: Message, hint: Message) {
        self.say(at, message, hint);
        self.ok = false;
    }

    /// Where the argument `name` was written, or the call when it was not.
    fn arg_at(&self, name: &str) -> usize {
        self.call.args.iter().find(|a| a.name.as_deref() == Some(name)).map_or(self.call.range.start, |a| a.at)
    }

    /// The arguments by name (positional ones under the names the declaration gives them),
    /// and the positional ones in order; each argument the declaration does not take, and
    /// each required one missing, is a problem.
    fn arguments(&mut self, decl: &Declaration) -> (BTreeMap<String, String>, Vec<String>) {
        let call = self.call;
        let mut args: BTreeMap<String, String> = BTreeMap::new();
        let mut pos = Vec::new();
        let params: Vec<&String> = decl.params().collect();
        let accepted = || {
            if params.is_empty() {
                msg!("sc-takes-no-args-hint", name = call.name.as_str())
            } else {
                let list = params.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ");
                msg!("sc-args-hint", name = call.name.as_str(), args = list)
            }
        };
        for arg in &call.args {
            match &arg.name {
                None => {
                    match params.get(pos.len()) {
                        Some(p) => {
                            args.insert((*p).clone(), arg.value.clone());
                        }
                        None if !decl.free => {
                            let message =
                                msg!("sc-too-many-args", name = call.name.as_str(), value = arg.value.as_str());
                            self.refuse(arg.at, message, accepted());
                        }
                        None => {}
                    }
                    pos.push(arg.value.clone());
                }
                Some(name) => {
                    if !decl.free && !params.contains(&name) {
                        let message = msg!("sc-unknown-arg", name = call.name.as_str(), arg = name.as_str());
                        self.refuse(arg.at, message, accepted());
                    }
                    args.insert(name.clone(), arg.value.clone());
                }
            }
        }
        for r in &decl.required {
            if args.get(r).is_none_or(|v| v.trim().is_empty()) {
                let message = msg!("sc-missing-arg", name = call.name.as_str(), arg = r.as_str());
                self.refuse(call.range.start, message, accepted());
            }
        }
        if decl.body == BodyRule::None && call.body.is_some() {
            self.ok = false;
        }
        (args, pos)
    }

    /// Times go into addresses (`&start=90`): only whole seconds may.
    fn times(&mut self, decl: &Declaration, args: &mut BTreeMap<String, String>) {
        for t in &decl.times {
            let Some(value) = args.get_mut(t) else { continue };
            if value.trim().is_empty() {
                continue;
            }
            match seconds(value) {
                Some(s) => *value = s.to_string(),
                None => {
                    let message = msg!("sc-bad-time", arg = t.as_str(), value = value.as_str());
                    self.refuse(self.arg_at(t), message, msg!("sc-bad-time-hint", arg = t.as_str()));
                }
            }
        }
    }

    /// Files the arguments name: checked like the images of the text.
    fn files(&mut self, decl: &Declaration, args: &BTreeMap<String, String>, lang: Lang) -> BTreeMap<String, FileData> {
        let mut files = BTreeMap::new();
        for f in &decl.files {
            let Some(value) = args.get(f) else { continue };
            if let Some(file) = self.file(value.trim(), self.arg_at(f), lang) {
                files.insert(f.clone(), file);
            }
        }
        files
    }

    /// The file `written` at `arg_at`, or `None` when it is missing or refused.
    fn file(&mut self, written: &str, arg_at: usize, lang: Lang) -> Option<FileData> {
        let place = self.place;
        if written.starts_with('/') && !written.starts_with("//") {
            let (line, column) = (place.position)(arg_at);
            self.found.site_paths.push(SitePathRef::new(written, line, column, Expect::Image));
        }
        let name = written.rsplit('/').next().unwrap_or(written).split(['?', '#']).next().unwrap_or_default();
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let (url, site) = match resolve(written, place.source, place.links, Expect::Image) {
            // Images are files: what is not one is missing, never left to be checked.
            Target::AsWritten | Target::Checked(_) => (written.to_string(), None),
            Target::Site(path) | Target::Unpublished(path, _) => (format!("{}{path}", place.root), Some(path)),
            Target::Missing(message, hint) => {
                self.refuse(arg_at, message, hint.unwrap_or_else(|| msg!("sc-file-missing-hint")));
                return None;
            }
            Target::Refused(message) => {
                self.refuse(arg_at, message, msg!("sc-file-missing-hint"));
                return None;
            }
        };
        let decoded = site.as_deref().map(percent_decode);
        let bytes = decoded.as_deref().and_then(|p| place.links.file_size(p));
        let photo = decoded.as_deref().and_then(|p| photo_data(place, p, "", ""));
        if let Some(p) = &decoded
            && photo.is_some()
        {
            self.found.images.push(p.clone());
        }
        let size = bytes.map(|b| human_size(b, lang));
        Some(FileData { url, name: percent_decode(name), ext, bytes, size, photo })
    }

    /// The body (`range` of `body`): Markdown, with its own shortcodes. Its HTML, its text and
    /// its photos.
    fn body(&mut self, body: &str, range: &Range<usize>) -> (Option<String>, String, Vec<PhotoData>) {
        let place = self.place;
        let mut start = range.start;
        let text = &body[range.clone()];
        // A body that starts on the next line starts there.
        let skipped = text.len() - text.trim_start_matches([' ', '\t']).len();
        if text[skipped..].starts_with('\n') {
            start += skipped + 1;
        }
        let (line, _) = (place.position)(start);
        let inner = &body[start..range.end];
        let rendered = render_nested(place.source, inner, line, place.root, place.links, place.depth + 1);
        self.found.problems.extend(rendered.problems);
        self.found.warnings.extend(rendered.warnings);
        self.found.site_paths.extend(rendered.site_paths);
        let mut photos = Vec::new();
        for (src, alt, caption) in &rendered.pictures {
            let site = src.strip_prefix(place.root).map(percent_decode);
            let data = site.as_deref().and_then(|p| photo_data(place, p, alt, caption)).unwrap_or_else(|| PhotoData {
                url: src.clone(),
                alt: alt.clone(),
                caption: caption.clone(),
                width: None,
                height: None,
                srcset: String::new(),
                large: src.clone(),
            });
            photos.push(data);
        }
        self.found.images.extend(rendered.images);
        (Some(rendered.html), rendered.text, photos)
    }

    /// An album of a folder: `dir="anh-hoi-nghi/"`, from the page's folder; its photos join
    /// `photos`.
    fn album(&mut self, dir: &str, photos: &mut Vec<PhotoData>) {
        let place = self.place;
        let arg_at = self.arg_at("dir");
        let folder = match dir.trim().strip_prefix('/') {
            Some(site) => Some(site.trim_end_matches('/').to_string()),
            None => place.source.join_relative(dir.trim().trim_end_matches('/')).map(|p| p.as_str().to_string()),
        };
        let in_folder = folder.as_deref().map(|f| place.links.photos_in(f)).unwrap_or_default();
        if folder.is_none() || folder.as_deref().is_some_and(|f| f.split('/').any(|part| part == "..")) {
            // `../../x/`: above content/, where nothing is published.
            self.refuse(arg_at, msg!("md-outside-content", dest = dir), msg!("sc-dir-empty-hint"));
        } else if in_folder.is_empty() {
            self.refuse(arg_at, msg!("sc-dir-empty", dir = dir), msg!("sc-dir-empty-hint"));
        }
        for p in in_folder {
            if let Some(d) = photo_data(place, &p, "", "") {
                self.found.images.push(p);
                photos.push(d);
            }
        }
    }

    /// What the template made, read like raw HTML of the article: an argument a template
    /// lets through unescaped (`| safe`) cannot carry a script either. Its words are the
    /// title, caption and source, then the body's.
    fn made(&mut self, html: &str, args: &BTreeMap<String, String>, inner_text: &str) -> Made {
        let at = self.call.range.start;
        let mut text = String::new();
        for key in ["title", "caption", "source"] {
            if let Some(v) = args.get(key) {
                text.push_str(v);
                text.push(' ');
            }
        }
        text.push_str(inner_text);
        let (html, findings) =
            raw_html::clean(html.trim(), self.place.links.scripts(), &mut |value, usage, _| match scheme_allowed(
                value, usage,
            ) {
                Err(message) => {
                    self.say(at, message, msg!("md-refused-link-hint"));
                    raw_html::Address::Refused
                }
                Ok(()) => raw_html::Address::AsWritten,
            });
        for f in findings {
            let (message, hint) = removed_said(&f.removed);
            match f.removed {
                raw_html::Removed::OddAttribute(_) => self.found.warnings.push((self.problem)(at, message, hint)),
                _ => self.say(at, message, hint),
            }
        }
        Made::new(html, text.trim().to_string())
    }
}

/// A photo of the site as shortcodes show it, when bantin made its sizes.
fn photo_data(place: &Place<'_>, path: &str, alt: &str, caption: &str) -> Option<crate::markdown::PhotoData> {
    let photo = place.links.photo(path)?;
    let url = format!("{}{}", place.root, crate::markdown::encode_path(path));
    Some(crate::markdown::PhotoData {
        large: photo.variants.last().map_or(url.clone(), |(_, _, p)| format!("{}{p}", place.root)),
        url,
        alt: alt.to_string(),
        caption: caption.to_string(),
        width: Some(photo.width),
        height: Some(photo.height),
        srcset: photo.srcset(place.root),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_whole_seconds() {
        for (written, secs) in [("90", 90), (" 1:30 ", 90), ("1:02:03", 3723), ("1m30s", 90), ("2h", 7200), ("45s", 45)]
        {
            assert_eq!(seconds(written), Some(secs), "{written}");
        }
        for bad in ["30&autoplay=1", "1:", "-5", "1.5", "abc", "30s1m", "1:2:3:4", "m", ""] {
            assert_eq!(seconds(bad), None, "{bad}");
        }
    }
}
