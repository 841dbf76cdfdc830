# The preview server and watch mode (serve.rs, watch.rs).

serve-foreign-host = bantin serve answers only requests for localhost or an IP address of this machine, not for `{$host}`: open {$url}
serve-only-get = only GET and HEAD
serve-unreadable-page = cannot read the page
serve-not-found = not found
serve-port-taken = port {$port} is taken, trying the next one
serve-open-to-network = open to the network at {$addr}: other machines can read the preview, drafts included
serve-nothing-changed = nothing changed
serve-files-changed = {$count} {$count ->
    [one] file
   *[other] files
}: {$names}
serve-rebuilt = {$what}: rebuilt in {$ms} ms, {$files}
serve-overlay-failed = bantin: the last rebuild failed; the page shows the last good site.
serve-first-build = first build
serve-first-build-failed = the first build failed; fix the problems above and save: the page will update.
serve-serving = Serving {$root} on {$url} (Ctrl-C to stop)
serve-rebuild-failed = {$what}: rebuild failed after {$ms} ms
serve-stopped = Stopped; the preview folder is removed, output/ is as it was.
serve-search-index = search index: {$count} {$count ->
    [one] file
   *[other] files
} in {$ms} ms
serve-search-index-failed = search index: not updated
serve-no-browser = could not open a browser; open {$url} yourself
watch-build-failed = the build failed; output/ is unchanged. Fix the problems and save.
watch-watching = Watching {$root} for changes; output in {$output} (Ctrl-C to stop)
watch-rebuild-failed = {$what}: rebuild failed; output/ is unchanged
watch-stopped = Stopped.
watch-cannot-watch = {$root}: cannot watch for changes: {$detail}
watch-watcher-stopped = {$root}: the watcher of changes stopped; start the command again
watch-everything = everything
watch-paths = {$names}
watch-paths-more = {$names} and {$count} more
serve-editor = Soạn bài (the editor in the browser, only this machine can open it): {$url}
serve-mark-draft = Draft: not published, shown in the preview only
serve-mark-scheduled = Scheduled: not due yet, shown in the preview only
editor-not-found = There is no such page in Soạn bài.
editor-foreign-host = Soạn bài opens only at the address bantin serve printed (127.0.0.1 or localhost, at its port).
editor-no-token = Open Soạn bài at the exact address bantin serve printed in the terminal (with its #ma=… code); each run of bantin serve has a new code.
editor-foreign-origin = Only the Soạn bài page may change articles; a request from another page is refused.
editor-bad-path = {$path}: not an article (.md) in the content/ folder
editor-discarded = unsaved text of {$path} dropped
editor-previewed = preview of {$path}
editor-bad-time = not a valid date and time: {$value}; write it as day/month/year and hour:minute
editor-bad-edit = {$key}: the page sent a value that cannot be read
editor-history-failed = not saved: the old version could not be kept ({$reason}); the file on disk is as it was
editor-history-git = The old version can be brought back with "Saved versions" (each save is a git commit).
editor-history-git-failed = Saved, but git could not make a commit ({$reason}); the old version is in the commit before.
editor-history-local = The old version can be brought back with "Saved versions".
editor-no-section = Choose the article's section, or name a new one.
editor-created = new article {$path}
editor-upload-too-large = The file is larger than {$limit} MB; make the photo or file smaller and send it again.
editor-upload-unknown = this file is not a JPEG, PNG, WebP or GIF photo, nor a PDF document
editor-upload-unknown-hint = save the photo as JPEG, or the document as PDF, and send it again
editor-no-version = This saved version was not found.
editor-restored-title = old version restored
editor-deploy-running = A publish is running; wait for it to finish.
editor-deployed = Published to {$target}: {$sent} files sent, {$deleted} deleted, {$unchanged} unchanged.
serve-warnings-count = {$count} {$count ->
    [one] warning
   *[other] warnings
}
serve-warnings-close = Hide the warnings (they come back when they change)
editor-no-edition = The site has no edition in `{$language}`: list it under `languages:` in site.yaml.
