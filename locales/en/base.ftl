# Reading files, YAML and paths: the base layer every stage uses (text.rs, yaml.rs, toml_front.rs, paths.rs, discover.rs, assets.rs).

## Text files (text.rs)
file-utf16 = the file is saved as UTF-16
file-not-utf8 = the file is not valid UTF-8 (it may be saved as Windows-1258 or TCVN3)
file-save-as-utf8 = save it as UTF-8 (in most editors: Save As… → Encoding: UTF-8)
file-not-readable-kind = it is {$kind}, not a file bantin can read
file-too-large = it is larger than {$mb} MB, the most bantin reads
file-invisible-character = the invisible character {$code} cannot be published (no feed reader or XML parser accepts it)
file-invisible-character-hint = delete it (it does not show on screen: go to this line and column and press Delete once); it often comes from copying out of Word or a PDF, so check that no letter is missing there
# What a file that is not a regular file is ({$kind} above and below).
file-kind-pipe = a named pipe
file-kind-socket = a socket
file-kind-device = a device
file-kind-other = a special file

## Walking folders (discover.rs); these follow the path of the file or folder.
file-link-outside = is a symbolic link to {$target}, outside the site folder
file-link-outside-folder-hint = copy the folder into the site instead: bantin reads only what is inside it
file-link-outside-file-hint = copy the file into the site instead: bantin publishes only what is inside it
file-cannot-read = cannot read: {$detail}
file-link-loop-hint = a symbolic link points to a folder that holds it; remove it
file-cannot-read-hint = check that the file exists and can be read (a link whose target is gone?)
file-special = is {$kind}, not a file
file-special-hint = remove it: bantin reads and publishes only regular files and folders
file-name-not-unicode = the file name is not valid Unicode
file-rename = rename the file
file-no-content-folder = there is no content/ folder here
file-no-content-folder-hint = run bantin in the site folder, or give it with --root (looked in {$root})

## Slugs and site paths (paths.rs): why one an editor wrote is refused.
path-slug-is-path = `{$text}` is a path, and would place the page outside its section
path-slug-no-letters = `{$text}` has no letters or digits to make a URL of
path-full-url = `{$text}` is a full URL; write the path on this site, such as /tin-cu/bai-1/
path-goes-up = `{$text}` goes up with `..` and would leave the site
path-hidden-part = `{$text}` has a part that starts with `.`: such files are hidden, and not served
path-bad-characters = `{$text}` has characters a URL path cannot have
path-part-too-long = a part of `{$text}` is longer than {$max} characters
path-home-page = `{$text}` is the home page

## YAML (yaml.rs). {$key} is `key: ` when the parser names the key, else empty.
yaml-too-deep = lists or mappings nested more than {$max} levels deep
yaml-too-deep-hint = check the brackets `[ ]` and braces `{"{"} {"}"}`: each one opened must be closed
yaml-colon-in-value = a value has `: ` in it, which YAML reads as the start of another key
yaml-quote-value-as = put the value in quotes: `{$key}: "{$value}"`
yaml-quote-value = put the value in quotes
yaml-not-bool = {$key}`{$value}` is not true or false
yaml-not-bool-hint = write true or false
yaml-not-number = {$key}`{$value}` is not a number
yaml-not-number-hint = write a number such as 10
yaml-text-not-expected = {$key}`{$value}` is text, where {$expected} is expected
yaml-check-value = check the value
yaml-duplicate-key = the key {$name} is written twice
yaml-keep-one = keep one of them
yaml-reserved-character = a value starts with a character YAML keeps for itself (@, `, %, a tab…)
yaml-reserved-character-hint = put the value in quotes, and indent with spaces, not tabs
yaml-unreadable = {$key}the YAML cannot be read here: {$detail}
yaml-unreadable-hint = check that every quote and bracket opened is closed, and that lists are written [a, b]
# What the parser did not find ({$detail} above).
yaml-no-list-end = a `,` or `]` is missing
yaml-no-map-end = a `,` or `{"}"}` is missing
yaml-no-key = a key is missing
yaml-no-dash = a `-` list item is missing
yaml-no-value = a value is missing
yaml-unexpected-end = the YAML ends in the middle of a value
yaml-unknown-field = {$key}unknown field `{$field}`, expected {$expected}
yaml-unknown-field-hint = check the spelling; see the README for the keys bantin knows
yaml-missing-field = {$key}missing field `{$field}`
yaml-duplicate-field = {$key}duplicate field `{$field}`
yaml-invalid-type = {$key}the value is {$found}, where bantin expects {$expected}
yaml-check-type = check the value's type; quote text that YAML reads as something else
# The YAML parser's own words, when they are none of the above.
yaml-parser-says = {$text}
yaml-syntax-hint = check the YAML syntax: `key: value`, one per line, lists as [a, b]
# The keys a mapping may have ({$expected} above).
yaml-one-of = one of {$names}
yaml-either = {$first} or {$second}
# Kinds of values: expected (a …), then found ({$expected} and {$found} above).
yaml-kind-text = text
yaml-kind-bool = true or false
yaml-kind-list = a list
yaml-kind-map = a group of keys and values
yaml-kind-count = a number
yaml-found-list = a list
yaml-found-map = a group of keys and values
yaml-found-empty = empty

## TOML front matter (toml_front.rs)
# The TOML parser's own words.
toml-parser-says = {$text}
toml-syntax-hint = check the TOML syntax: `key = "value"`, one per line, lists as ["a", "b"]

## Files published as they are (assets.rs): two things at one place of the output folder.
assets-clash = {$what} is produced by both {$first} and {$second}
assets-built-in-file = (built-in) {$file}
assets-file-and-folder = /{$folder} (a file, and a folder holding /{$file})
assets-clash-hint = rename or remove one of them, or give the page another `slug:`, alias or path
assets-static-replaces-built-in = remove it from static/; to write your own, make a theme that changes only that file: themes/rieng/theme.yaml saying `extends: bulletin`, your file as themes/rieng/templates/{$template}, and `theme: rieng` in site.yaml
assets-static-replaces-theme = remove it from static/; to write your own, put it in themes/{$theme}/templates/{$template}
assets-in-search-index = /{$file} lies in the folder of the search index, /{$index}
assets-in-search-index-hint = choose another path: bantin writes the search index there
assets-site-path-missing = `{$address}` is a path on this site, but the site publishes nothing there
assets-site-path-image-missing = {$key}: `{$address}` is a path on this site, but the site publishes nothing there
assets-site-path-link-hint = fix the path, or link to the article's .md file (the link then follows it wherever it goes)
assets-site-path-image-hint = put the file in static/ (static/anh/a.png is published at /anh/a.png) or next to the article, or fix the path
assets-site-path-base-hint = bantin adds the site's base path `{$base}` itself: write `{$address}`
assets-site-path-failed-hint = it may be the page of {$file}, which is not built because of its own problem (said in this list): fix that one first
assets-relative-missing = `{$written}` leads to {$address} on this site, where it publishes nothing
assets-relative-missing-hint = a relative address is read from this file's folder in content/ (as `.md` links and photos are): fix it, link to the article's .md file (the link then always follows the article's address), or write the address from the site's root (`/tin-tuc/`)
assets-site-path-unpublished = `{$address}` leads to a draft or an article dated in the future
json-parser-says = {$text}
json-not-object = JSON front matter must be one object: `{"{"} "title": "…", "date": "…" {"}"}`
json-syntax-hint = check the commas between entries, the double quotes around keys and text, and the closing `{"}"}`
yaml-bool-in-quotes = {$key}: `"{$value}"` in quotes is text, not the value true or false
yaml-bool-in-quotes-hint = remove the quotes: `{$key}: {$value}`
yaml-unknown-field-did-you-mean = did you mean `{$key}`?
json-expected-comma = a `,` between two entries, or the closing `{"}"}`, is missing
json-expected-comma-list = a `,` between two items of a list, or the closing `]`, is missing
json-trailing-comma = a `,` after the last entry, where JSON allows none
json-key-not-quoted = a key without double quotes (JSON writes `"title": …`)
json-unfinished = the JSON ends before its last `{"}"}` or `]`
