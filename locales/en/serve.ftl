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
