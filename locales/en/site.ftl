# The site model: sections, addresses, taxonomies, the build (site/, build.rs, search.rs).

## Addresses and the files that make them (site/mod.rs, site/assemble.rs).

site-produced-by-both = {$path} is produced by both {$a} and {$b}
site-produced-by-both-hint = give one of them another `slug:` or file name
# What makes an output file, named in site-produced-by-both.
site-file = {$path}
site-an-alias-in = an alias in {$source}
site-an-alias-of = an alias of “{$term}”
site-the-section = the section content/{$dir}/
site-the-term = the {$taxonomy} “{$term}”
site-the-taxonomy-index = the index of {$taxonomy}
site-the-archive = the archive
site-the-home-page = the home page
site-the-site-feed = the site feed
site-the-sitemap = the sitemap bantin writes (template sitemap.xml)
site-the-robots = the robots.txt bantin writes (template robots.txt)
site-the-404-page = the 404 page bantin writes (template 404.html)
site-the-search-page = the search page
site-folder-no-letters = the folder name has no letters or digits to make a URL of
site-folder-no-letters-hint = rename the folder
site-file-no-letters = the file name has no letters or digits to make a URL of
site-file-no-letters-hint = rename the file, or add `slug: …` to the front matter
site-slug-problem = slug: {$reason}
site-slug-hint = write a slug such as ky-ket-chuong-trinh, without `/` or `..`
site-aliases-problem = aliases: {$reason}
site-aliases-hint = write old addresses as site paths, such as {$example}
site-url-problem = the article's address: {$reason}
site-permalink-needs-date = the pattern needs the article's date, and it has none
site-permalink-hint = check `permalinks:` in site.yaml ({$pattern})
site-image-problem = {$key}: {$reason}
site-image-missing-hint = put the image next to the article, or fix the file name
site-image-refused-hint = use an image file next to the article, a path on this site, or an http:// or https:// address

## Warnings about the site as a whole (site/assemble.rs).

site-front-matter-not-read = this file has front matter, but bantin reads only .md and .markdown files: it is published as it is
site-front-matter-not-read-hint = rename it to .md if it is an article, or remove its front matter
site-no-base-url = base_url is not set: canonical addresses, RSS feeds, the sitemap and shared images need the site's full address
site-no-base-url-hint = add a line such as `base_url: https://example.org/` (or build with --base-url)
site-robots-sub-path = the site is published under {$path}: its robots.txt will be at {$path}robots.txt, where crawlers never look (they read it only at the root of the host), so the sitemaps it names will not be found
site-robots-sub-path-hint = add the line `Sitemap: {$sitemap}` to the robots.txt at the root of the host, or submit that address in Google Search Console
site-unknown-key = `{$key}:` is not a key bantin knows
site-did-you-mean = did you mean `{$key}:`?

## Taxonomies and their terms (site/taxonomy.rs).

tax-not-names = {$taxonomy}: expected a name or a list of names
tax-not-names-hint = write `{$taxonomy}: [Giảm nghèo bền vững, An sinh xã hội]`
tax-file-name-no-letters = the file name has no letters
tax-slug-hint = write a slug such as nguyen-van-a
tax-two-term-files = this file and {$other} are both the page of “{$term}”
tax-two-term-files-hint = keep one of them
tax-same-slug = “{$a}” and “{$b}” would both be at {$path}
tax-same-slug-hint = give one of them another `slug:`

## The build (build.rs).

build-old-site-left = the new site is in place, but the old one could not be deleted: {$detail}
build-old-site-left-hint = delete this folder yourself (bantin tries again at the next build)
build-no-site-to-patch = no site to patch
# The stages, as --timings lists them.
build-stage-read = read content and theme
build-stage-model = model the site (Markdown, tags, lists)
build-stage-views = make template views
build-stage-render = render and write
build-stage-search = search index
build-stage-swap = swap in, remove the old site
site-index-in-bundle = this folder has an `index.md`, which makes it one page with its photos (a page bundle), not a section: its `_index.md` describes nothing
site-index-in-bundle-hint = keep `index.md` for a page, or rename it and keep `_index.md` for a section
site-page-in-bundle = this file is inside the folder of the page {$bundle}, whose `index.md` makes the folder one page with its files: it is not published
site-page-in-bundle-hint = to make that folder a section, rename {$bundle} to `_index.md`; if the folder holds pages rather than news, add `pages: [{$folder}]` to site.yaml: every file there is then a page at its folder's address
site-alias-clash-hint = an old address can lead to one page only: remove it from the old addresses (`aliases:`, `redirect_from:`) of the article that does not live there
site-the-untranslated = the page saying a page is not translated
site-translation-twice = {$first} is already the {$language} version of the same page: both are published, and the language switcher leads to that one
site-translation-twice-hint = keep one translation per page and language: remove one, or give it its own `translation_key:`
site-translation-no-original = this file is marked as the {$language} translation of {$original}, which is not there: it is published in the {$language} edition alone, and the {$default} edition says it has no translation
site-translation-no-original-hint = if it translates a file of another name, give both the same `translation_key:` (as `translation_key: ky-ket-2023`)
site-link-to-other-edition = `{$address}` leads to the {$language} page, which has a translation in this edition: {$translation}
site-link-to-other-edition-hint = link to the translation, or to its .md file (the link then follows it wherever it goes)
language-vi = Vietnamese
language-en = English
site-edition-path-taken = this edition is published under {$path}, where the site already publishes {$other}
site-edition-path-taken-hint = give the edition another `path:` (its language code, `en`, is the usual one), or rename that folder of content/; if that folder holds this edition's own files, write `content: <folder>` under its language
site-edition-no-folder = the folder content/{$folder}/ that `content:` names for this edition is not there
site-edition-no-folder-hint = make the folder and put the edition's files in it, or remove `content:` to mark them by name (`ky-ket.en.md` beside `ky-ket.md`)
site-translation-outside-folder = this edition keeps its files in content/{$folder}/: this translation belongs there, as {$there}
site-translation-outside-folder-hint = move it there, or remove `content:` from the edition in site.yaml to keep translations beside their originals
