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
cli-unread-keys = Front matter keys that neither bantin nor the theme uses, so they show nowhere on the site: {$keys} — rename them to keys bantin reads (listed in the README, "Articles: front matter"), or ask whoever makes the theme to show them (in a template: page.extra.<key>).
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
} (files such as `ky-ket.en.md`, in a language the site has no edition in: list it under `languages:` in site.yaml to publish them)
new-not-a-site = {$root} is not a site folder (it has no content/ nor site.yaml); run the command in the site folder, or add --root <site folder>
cli-created-section = Created a new section "{$name}": {$path}
cli-left-more = and {$count} {$count ->
    [one] other file
   *[other] other files
}

## `bantin --help`, and mistakes in a command line.
cli-help-about = bantin: builds a news bulletin (a static site) from articles written in Markdown.
cli-help-usage = Usage:
cli-help-commands = Commands
cli-help-arguments = Arguments
cli-help-options = Options
cli-help-options-placeholder = [OPTIONS]
cli-help-value-command = COMMAND
cli-help-value-section = SECTION
cli-help-value-title = TITLE
cli-help-value-target = TARGET
cli-help-value-folder = FOLDER
cli-help-value-address = ADDRESS
cli-help-value-port = PORT
cli-help-value-number = NUMBER
cli-help-default = (default: {$value})
cli-help-build = Build the site into output/ (replaced only if the whole build succeeds).
cli-help-check = Check the whole site (content, site.yaml, theme) without writing anything.
cli-help-serve = Preview the site: build it, serve it on this machine, rebuild and reload on every save.
cli-help-watch = Rebuild output/ after every change (no preview server), until Ctrl-C.
cli-help-deploy = Build the site, then publish it: only what changed is sent, what is gone is deleted.
cli-help-new = Start a new article: content/<section>/<slug>.md with its front matter.
cli-help-help-command = Print this help, or the help of a command.
cli-help-output = Where to write the site (default: output/ in the site folder).
cli-help-bind = The address to listen on; anything but 127.0.0.1 lets other machines read the preview.
cli-help-port = The port (the next free one is used if it is taken; 0 lets the system choose).
cli-help-open = Open the site in the browser.
cli-help-target = The target of site.yaml's `deploy:` to publish to (default: the first).
cli-help-to = Publish to this address instead (file:///folder).
cli-help-dry-run = Say what would be sent and deleted, and touch nothing.
cli-help-max-deletes = Above this many files to delete, delete none.
cli-help-connections = How many connections to the host at once (default: what suits its protocol).
cli-help-delete-others = On a first deploy, also delete the files the target holds that the site does not have (hidden ones, such as .htaccess, never).
cli-help-schedule = Keep running: deploy again when a scheduled article's time comes or a notice expires, and every --every minutes.
cli-help-every = With --schedule: the regular check, in minutes.
cli-help-section = The section: its folder (tin-tuc) or its name ("Tin tức").
cli-help-title = The article's title.
cli-help-root = The site folder (holds content/ and, optionally, site.yaml, themes/, static/).
cli-help-drafts = Publish drafts too (bantin serve always shows them, marked as drafts).
cli-help-future = Publish articles dated in the future too (bantin serve always shows them, marked).
cli-help-base-url = Use this base URL instead of the one in site.yaml.
cli-help-timings = Print how long each stage took.
cli-help-help = Print help
cli-help-version = Print version
cli-args-unknown-command = There is no command `{$command}`.
cli-args-unknown = `{$arg}` is not understood: this command has no such option.
cli-args-missing = Missing: {$args}.
cli-args-bad-value = The value `{$value}` cannot be used for {$arg}.
cli-args-did-you-mean = Did you mean `{$suggested}`?
cli-args-see-help = Type `{$command} --help` to see how to use it.
cli-unnamed-sections = Sections named after their folder, without tone marks, as they have no _index.md: {$folders} — write the name in each folder's _index.md, such as {$index} with `title: Tin tức` between two `---` lines (`bantin new` does it for a new section).
cli-editions = Editions: {$editions}
cli-edition = {$language} at {$path}, {$articles} {$articles ->
    [one] article
   *[other] articles
}{$untranslated ->
    [0] {""}
   *[other] , {$untranslated} of the other editions' pages not translated (its language switcher says so)
}
