# Articles: front matter, dates, Markdown (content/, markdown.rs).

## Reading an article's file.
content-cannot-read = cannot read the file: {$error}
content-no-title = the title is missing
content-no-title-hint = add a line `title: …` to the front matter
content-no-date = the date is missing
content-no-date-hint = add a line such as `date: 2023-04-06` (articles need a date; `publishDate:` or a file name such as 2023-04-06-ky-ket.md also work); if content/{$folder} holds pages rather than news (an introduction, documentation), add `pages: [{$folder}]` to site.yaml: its pages need no date

## Front matter.
fm-not-closed = the front matter is not closed
fm-not-closed-hint = end it with a line `---` before the article text
fm-missing = the file has no front matter
fm-missing-hint = start it with a line `---`, then `title: …` and `date: …`, then a line `---`
fm-misspelled = `{$written}:` on line {$line} looks like a misspelled `{$key}:`; correct it
fm-wrong-type = a value of the front matter has the wrong type
fm-wrong-type-hint = check that lists are written like [a, b], and that true, false and numbers are not in quotes
fm-not-names = {$key}: expected a name or a list of names
fm-not-names-hint = write `{$key}: [Giảm nghèo, MTTQ]`, or one name
fm-invisible-character = {$key}: the value holds the invisible character {$code}, written as an escape such as `\x01` or `\u0001`
fm-invisible-character-hint = delete the escape: such a character cannot be published (no feed reader or XML parser accepts it)
# {$reason} is one of the date- messages below.
fm-bad-date = {$key}: {$reason}
fm-bad-sitemap = sitemap: expected `true` or `false`
fm-bad-sitemap-hint = write `sitemap: false` to leave this page out of the sitemaps

## Dates.
date-hint = write a date like 2023-04-06, 06/04/2023 or 2023-04-06T08:30:00+07:00
date-empty = the date is empty
date-not-a-date = `{$text}` is not a date
date-not-a-day = `{$text}` is not a day of the calendar (day {$day}, month {$month})
date-bad-offset = `{$offset}` in `{$text}` is not a time zone offset (write it like +0700 or +07:00)
date-bad-time = `{$time}` in `{$text}` is not a time of day
# {$detail} is what the date library says, in English.
date-not-in-zone = `{$text}` does not exist in the site's time zone: {$detail}

## Links and images in the Markdown text.
md-script-address = `{$address}` is a {$scheme}: address, which runs a program in the reader's browser
md-local-path = `{$address}` is a path on your computer, which readers cannot open
md-refused-scheme = `{$address}` is a {$scheme}: address, which cannot be used here
md-outside-content = `{$dest}` points outside content/
md-link-unpublished = `{$dest}` links to {$target}, which is a draft or dated in the future: the link will not work until it is published
md-link-unpublished-hint = publish it, or link to it later
md-link-missing = `{$dest}` links to {$target}, which does not exist
md-file-missing = `{$dest}` points to {$target}, which does not exist
md-missing-image-hint = put the image next to the article, or fix the file name
md-missing-image-case-hint = there is a file {$file}: write the name with the same capital and small letters as the file
md-missing-image-near-hint = the same folder has {$file}, a name close to it: if that is the photo, write its name exactly so
md-missing-link-hint = fix the path (it is relative to this file), or remove the link
md-refused-image-hint = use an image file next to the article, or an http:// or https:// address
md-refused-link-hint = link with an http:// or https:// address, a path on this site, or mailto:
md-anchor-missing = `{$anchor}` links to a place in this article, but no heading or element of it has that anchor
md-anchor-missing-hint = the headings' anchors are {$anchors}
md-anchor-missing-no-headings-hint = the article has no heading to link to; add one (## …) or remove the `#`
md-curly-quotes = the address `{$dest}` is between curly quotes, which a browser reads as part of it: the link leads nowhere
md-curly-quotes-hint = write it between straight quotes, or none: `{$inner}` (an editor such as Word turns " into “ ”)
md-mathjax = `{$formula}` is a formula written for MathJax or KaTeX, scripts bantin does not load: it is published as text
md-mathjax-hint = write it between `$` and `$` in a line, with no space just inside them (`$x^2$`), or between two `$$` lines on its own: bantin makes it a formula readers see without a script
md-page-anchor-missing = `{$anchor}` links to a place in {$page}, which has no heading or part with that anchor
md-anchor-folded-hint = bantin writes that heading's anchor as {$id}: write that
md-file-in-static-hint = the site's static/ folder has this file, at the site path `{$site_path}`: write that
fm-comment-cut = {$key}: YAML reads what follows ` #` as a comment and leaves it out, so the {$key} is only `{$kept}`
fm-comment-cut-hint = put the whole value in quotes: `{$key}: "{$whole}"`
md-template-code = `{$code}` is template code of another generator (Jekyll's Liquid, Hugo's shortcodes): bantin publishes it as text
md-template-code-more = and {$count} more pieces of template code in this file, published as text
md-template-liquid-hint = replace it with Markdown (a photo: `![caption](anh.jpg)`; a link to an article: `[title](../tin-tuc/bai.md)`), or put it in backticks if readers should see it as code
md-template-shortcode-hint = shortcodes are run once the theme loads: fix the theme's problems above first
md-link-space = `{$link}` is published as text, not as a link: CommonMark allows no space in a link's address (kramdown did)
md-link-space-hint = write `{$fixed}` (the address between < and >), or %20 for each space
md-ial-unread = `{$text}` is a kramdown attribute line bantin cannot read: it is left out of the page
md-ial-unread-hint = write `{"{"}: #anchor .class{"}"}` (an anchor, classes, or name="value") on the line right under the heading or paragraph it is for
md-ial-attribute = `{$name}` cannot be given by a kramdown attribute line (it runs a script, sets a style or is an address): it is left out
md-ial-attribute-hint = keep the anchor (#…) and the classes (.…); a style belongs in the theme's CSS
md-ial-alone = `{$text}` is for no heading, paragraph, list, quote or table: it is left out
md-ial-alone-hint = put it on the line right under the block it is for (or right above it, after a blank line)
md-ial-toc = kramdown's table of contents (a list and `{"{"}:toc{"}"}` under it) is left out: the theme shows the table of contents of articles with three headings or more
md-ial-toc-hint = remove the list and the `{"{"}:toc{"}"}` line
md-ial-span = `{$text}` after a word is a kramdown attribute list, which bantin reads only on a line of its own: it is published as text
md-ial-span-hint = remove it, or give the whole paragraph its attributes on the line under it: `{"{"}: .class{"}"}`
md-kramdown-comment-unclosed = this kramdown comment is never closed: it is published as text
md-kramdown-comment-hint = end it with `{"{"}:/comment{"}"}`
md-math-unread = the formula `{$formula}` cannot be read ({$reason}): it is shown as code
md-math-unread-hint = check the LaTeX (every brace closed, commands spelt right); a dollar sign that is not a formula is written \$
photo-hint = open it in a photo editor and export it again as JPEG (or PNG for a drawing), then save it in place
photo-cannot-read = cannot read the photo: {$reason}
photo-cannot-write = cannot write the photo's sizes into the cache (.bantin-cache/): {$reason}
photo-cannot-resize = cannot resize the photo: {$reason}
photo-too-large = the photo is {$width}×{$height} pixels, more than the {$max} million bantin reads (a panorama, or a broken file)
photo-too-large-alloc = the photo would need more memory than bantin allows for one photo (a broken file, or far larger than a camera makes)
photo-unsupported = bantin cannot read this kind of photo: {$reason}
photo-broken = the photo is damaged or not what its name says: {$reason}
photo-heic = a HEIC photo (as iPhones save them), which most browsers cannot show
photo-heic-hint = export it as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible; on a computer, open it and export as JPEG), and link to the .jpg
photo-cache-hint = check that the disk has space and that the site's folder can be written
photo-unsupported-hint = it is published as it is, without its smaller sizes; export it as JPEG to have them
photo-used-broken = the photo {$file} cannot be published: {$problem}
photo-cut-short = the file ends early: it was not copied whole
photo-cut-short-hint = copy it again from the original (the camera, the phone, the reporter's email) and save it in place of this one
photo-no-end = the end of the PNG file is missing (its IEND marker); the picture is whole, so it is published, and browsers show it
photo-no-end-hint = to end this warning, open the photo in a photo viewer or editor and save it again (over this file)
photo-crashed = bantin could not make this photo's sizes (its decoder or encoder failed: {$reason})
photo-cannot-encode = cannot make the photo's {$format} file: {$reason}
photo-animated = an animated picture: published as it is, without smaller sizes, so that it still moves
photo-animated-hint = every reader downloads the whole file: keep it small; if it need not move, export it as JPEG to have its sizes

## Shortcodes: {"{{"}< youtube … >{"}}"}, {"{{"}< note >{"}}"}…{"{{"}< /note >{"}}"}
sc-close-without-open = `{"{{"}< /{$name} >{"}}"}` closes a `{$name}` that is not open
sc-close-without-open-hint = delete it, or write `{"{{"}< {$name} >{"}}"}` where the box should begin
sc-unclosed = `{"{{"}< {$name} >{"}}"}` opens here and is never closed
sc-unclosed-hint = write `{"{{"}< /{$name} >{"}}"}` on its own line where it ends
sc-tag-unclosed = a shortcode begins here but its `{"{{"}<` is never closed
sc-tag-unclosed-hint = end it with `{$close}` on the same line, e.g. `{"{{"}< youtube dQw4w9WgXcQ >{"}}"}`
sc-no-name = a shortcode without a name
sc-no-name-hint = write the name first: `{"{{"}< youtube dQw4w9WgXcQ >{"}}"}`; to show the braces as text, write `{"{{"}</* … */>{"}}"}`
sc-quote-unclosed = a quotation mark in this shortcode is never closed
sc-quote-unclosed-hint = close each value's quotes: `title="Kế hoạch số 93"`
sc-decl-invalid = the declaration at the top of this shortcode cannot be read: {$reason}
sc-decl-invalid-hint = its keys are required, optional, files, body (none, optional or required), aliases and description, each on its own line between `{"{"}#-` and `-#{"}"}`
sc-render-error = the shortcode's template failed: {$error}
sc-render-error-hint = check the arguments written here against the template of `{$name}` (in shortcodes/ of the site or the theme)
sc-unknown = there is no shortcode `{$name}`
sc-unknown-hint = the shortcodes are: {$names}; a site adds its own as shortcodes/<name>.html (a Tera template)
sc-unknown-did-you-mean = did you mean `{$name}`? The shortcodes are: {$names}
sc-takes-no-args-hint = `{$name}` takes no arguments
sc-args-hint = `{$name}` takes: {$args}
sc-too-many-args = one argument too many for `{$name}`: `{$value}`
sc-unknown-arg = `{$name}` has no argument `{$arg}`
sc-missing-arg = `{$name}` needs the argument `{$arg}`
sc-file-missing-hint = put the file next to the article (or in static/) and write its name, e.g. `src="ke-hoach-93.pdf"`
sc-dir-empty = the folder `{$dir}` has no photos
sc-dir-empty-hint = write the folder's path from the article (`dir="anh-hoi-nghi/"`), or list the photos between `{"{{"}< album >{"}}"}` and `{"{{"}< /album >{"}}"}`
sc-hugo-highlight-hint = `highlight` is Hugo's: write a fenced code block instead, ``` followed by the language (```python), the code, then ```
sc-hugo-embed-hint = `{$name}` is Hugo's, which bantin does not embed (it would load another site's script with the page): write a plain link to the post or video instead
sc-hugo-param-hint = `param` is Hugo's: write the value itself in the text
sc-hugo-inline-hint = Hugo's inline shortcodes (templates written in the content) are not run: write the result in Markdown, or make it a shortcode of the site in shortcodes/
sc-unknown-did-you-mean-short = did you mean `{$name}`?
sc-unknown-again-hint = see the list of shortcodes above; a site adds its own as shortcodes/<name>.html
photo-used-broken-more = {$count} more {$count ->
    [one] place shows
   *[other] places show
} this photo; fixing the photo fixes them all
md-fence-unclosed = this code block (```) is never closed: the rest of the article is shown as code
md-fence-unclosed-hint = end the code with a line of the same fence (```) where it stops
html-script = a <script> in the article: scripts in articles are left out of the page
html-handler = `{$name}=` runs a script when the reader clicks or the page loads: it is left out of the page
html-srcdoc = `<iframe srcdoc>` writes a page that runs its own scripts: it is left out of the page
html-script-hint = embed with an <iframe> whose src is an https:// address (Facebook's, YouTube's and Google Maps' "embed" codes offer one); if every author of the site is trusted, allow scripts with `allow_scripts: true` in site.yaml
html-base = `<base>` would change where every link of the page leads: it is left out
html-base-hint = remove it; write links in full (https://…) or as paths on this site
html-refresh = `<meta http-equiv="refresh">` would send readers to another page: it is left out
html-refresh-hint = remove it; to keep an old address of an article, list it under `aliases:` in the article's front matter
html-link-animation = an SVG animation that changes a link's address: it is left out
html-link-animation-hint = remove the <animate> or <set>; give the link its address with href
html-odd-attribute = `{$name}` is not an attribute: it is left out of the tag
html-odd-attribute-hint = check the tag's quotes (an extra quote, as in alt="a"", makes one)
html-unclosed = this HTML tag is not closed with `>`: a browser would read the article after it as part of the tag
html-unclosed-hint = end the tag with `>` (or `/>`), or remove it
sc-too-deep = shortcodes inside each other more than {$depth} deep: the ones deeper are not shown
sc-too-deep-hint = close each `{"{{"}< {$name} >{"}}"}` with `{"{{"}< /{$name} >{"}}"}` where its content ends; an unclosed one takes in everything after it
sc-bad-time = `{$arg}="{$value}"` is not a time in the video
sc-bad-time-hint = write seconds ({$arg}="90") or minutes and seconds ({$arg}="1:30")
md-not-a-photo = `{$dest}` is not a photo (JPEG, PNG, WebP or GIF), which is what Facebook and Zalo show when the article is shared
sc-in-tag = a shortcode inside an HTML tag or a link's title is not shown: what it makes could not be checked there
sc-in-tag-hint = put it outside the tag; for an address, write the path of the file or of the article's .md file itself
html-file-script-hint = this file is published as it is and runs on the site's own address: remove the script (an SVG drawing or a page needs none to be shown), or, if every author of the site is trusted, allow scripts with `allow_scripts: true` in site.yaml

## Writing the site's files (bantin new, the web editor): content/write.rs.
# {$reason} is one of the write- messages just below.
write-not-in-site = `{$path}` cannot be written: {$reason}
write-absolute = it is an absolute path; give a path inside the site, such as content/tin-tuc/bai.md
write-bad-character = it holds `\` or a NUL character, which no path of the site may hold
write-other-folder = bantin writes only inside content/ and static/
write-dots = it has an empty part, `.` or `..`; give a plain path such as content/tin-tuc/bai.md
write-no-file = it names the folder itself, not a file inside it
write-outside = {$path} leads outside the site's folder (a symbolic link?); choose another folder
write-link = {$path} is a symbolic link; bantin does not write through links: edit the file it points to
write-exists = {$path} already exists; bantin does not overwrite it
write-not-text = {$path} is not a UTF-8 text file
write-no-front-matter = {$path} has no front matter, or it is not closed with a line `---`
write-not-yaml = {$path}: the front matter is written in {$format}; bantin changes only YAML front matter (between lines `---`) key by key, so edit the file as a whole
# {$reason} is what is wrong with the front matter, as bantin says it when building.
write-unreadable = {$path}:{$line}: the front matter cannot be read as it is ({$reason}); correct it before changing a key
write-key = `{$key}` cannot be changed: {$reason}
write-key-not-name = it is not a plain key name (letters, digits, `_`, `-` and `.`)
write-key-form = it is written in a form bantin does not change (in quotes, or inside a `{"{"}…{"}"}` mapping); edit it by hand
write-key-other-keys = changing it would change other keys or the text too (an anchor `&` or alias `*`?); edit it by hand
write-invisible = {$key}: the value holds the invisible character {$code}, which cannot be published; delete it
write-io = cannot write {$path}: {$reason}
md-link-other-edition = `{$dest}` links to {$target}, a page of another edition of the site
md-link-other-edition-hint = a page leads to its translations through the language switcher; to link to that page anyway, write its address from the site's root (`/en/…`)
