# Publishing the site to a host (`bantin deploy`) and the targets of site.yaml (`deploy:`).

deploy-no-target = Nowhere to publish the site yet: add to site.yaml a `deploy:` entry with the `name` and `url` of the target (see the README, Publishing), or run `bantin deploy --to file:///folder/of/the/host`
deploy-target-unknown = No target named `{$name}` in site.yaml's `deploy:` (the names are: {$known})
deploy-file-not-absolute = The address `{$url}` must be a whole path, starting with `file:///` (such as `file:///srv/www/bantin`)
deploy-scheme-unknown = Cannot publish to `{$url}` yet: this bantin publishes to a folder on this machine or a mounted network share (`file:///…`); FTP, SFTP and S3 come in a later version
deploy-bad-path = Not publishing `{$path}`: that path leaves the target folder
config-deploy-secret = The `{$key}` of target `{$name}` must not be written in site.yaml
config-deploy-secret-in-url = The address of target `{$name}` holds a password
config-deploy-secret-hint = site.yaml is shared and kept in git: remove the password from it and set it in the BANTIN_DEPLOY_PASSWORD environment variable of the machine that publishes
config-deploy-unknown-key = Target `{$name}` has a key bantin does not read, `{$key}`
config-deploy-no-url = Target `{$name}` has no `url`
config-deploy-keys-hint = each target has a `name` (to choose it by) and a `url` (such as `file:///srv/www/bantin`)
cli-deployed = Published to {$target}: {$sent} files sent ({$size}), {$deleted} deleted, {$unchanged} unchanged, in {$ms} ms
cli-deploy-dry-run = Dry run, nothing sent to {$target}: would send {$sent} files ({$size}), delete {$deleted}, keep {$unchanged}
cli-deploy-send = send    {$path}
cli-deploy-delete = delete  {$path}
cli-deploy-first = {$target} has no bantin manifest (a first deploy): every file there was compared
cli-deploy-held-back = Nothing deleted: {$count} files on the target are no longer in the site, more than the limit of {$max}. If that many must go, run again with --max-deletes {$count}; if not, check the target's address
cli-then-deploy = nothing more was published; any file already sent is whole, and the next `bantin deploy` sends the rest.
