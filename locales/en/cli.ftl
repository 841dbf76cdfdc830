# What the `bantin` command prints around a run: summaries, warnings, and what happened after a failure.

cli-problems-found = {$count} {$count ->
    [one] problem
   *[other] problems
} found; {$then}
cli-then-build = the site was not written, and the previous output is unchanged.
cli-then-fix = fix them and run the command again.
cli-then-serve = the preview server stopped.
cli-then-watch = watching stopped.
cli-then-new = nothing was created.
cli-warning = warning: {$problem}
cli-built = Built {$articles} articles and {$pages} standalone pages into {$output}: {$files} files, {$written} written, in {$ms} ms
cli-checked = No problems: {$articles} articles and {$pages} standalone pages, {$files} files ({$ms} ms)
cli-left-out = Left out: {$parts}.
cli-left-drafts = {$count} {$count ->
    [one] draft
   *[other] drafts
}: {$files} (--drafts publishes them)
cli-left-future = {$count} {$count ->
    [one] article
   *[other] articles
} dated in the future (--future publishes them now)
cli-left-future-next = {$count} {$count ->
    [one] article
   *[other] articles
} dated in the future; the next on {$date} (--future publishes them now)
cli-unread-keys = Front matter keys that nothing uses: {$keys} — rename them to keys bantin reads (see the README), or show them in a template as page.extra.<key>.
cli-unread-key = `{$key}` ({$count} {$count ->
    [one] file
   *[other] files
})
cli-unread-more = and {$count} more
cli-created = Created {$path}. It is a draft: bantin serve shows it (marked "Draft"); bantin build leaves it out until you set `draft: false`.
cli-peak-memory = {$mib} MiB peak memory
new-bad-section = `{$section}` is not a section folder; give one such as tin-tuc
new-no-letters = the title `{$title}` has no letters or digits to make a file name of
new-exists = {$path} already exists; choose another title or edit that file
new-outside-content = {$path} leads outside content/ (a symbolic link?); choose another section
cli-unread-grouping = `{$key}` groups articles: to give each group its page, declare it in site.yaml, such as `taxonomies: [{"{"} name: tags, path: tu-khoa {"}"}, {"{"} name: {$key}, path: chuyen-de {"}"}]` (see the README, "Taxonomies").
cli-left-translations = {$count} {$count ->
    [one] translation
   *[other] translations
} (files such as `ky-ket.en.md`: bantin builds the site in one language, `{$lang}`)
new-not-a-site = {$root} is not a site folder (it has no content/ nor site.yaml); run the command in the site folder, or add --root <site folder>
cli-created-section = Created a new section "{$name}": {$path}
cli-left-more = and {$count} {$count ->
    [one] other file
   *[other] other files
}
