# Publishing the site to a host (`bantin deploy`) and the targets of site.yaml (`deploy:`).

deploy-no-target = Nowhere to publish the site yet: add to site.yaml a `deploy:` entry with the `name` and `url` of the target (see the README, Publishing), or run `bantin deploy --to file:///folder/of/the/host`
deploy-target-unknown = No target named `{$name}` in site.yaml's `deploy:` (the names are: {$known})
deploy-file-not-absolute = The address `{$url}` must be a whole path, starting with `file:///` (such as `file:///srv/www/bantin`)
deploy-scheme-unknown = Cannot publish to `{$url}`: bantin does not publish over `{$scheme}://`; use `ftps://` or `ftp://` (FTP hosting), `sftp://` (a server with SSH), `s3://` (S3 storage) or `file:///` (a folder on this machine or a mounted share)
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
deploy-url-bad = Cannot read the deploy address `{$url}`: write it as `ftp://user@host/folder`, `sftp://user@host:port/folder`, `s3://bucket/folder?endpoint=https://…` or `file:///folder`
deploy-url-option-unknown = The deploy address `{$url}` has the option `{$key}`, which bantin does not read (the options are: {$known})
deploy-fault-unreachable = Cannot connect to {$target} ({$detail}): check the host name, the port and this machine's network; nothing was deleted
deploy-fault-login = {$target} refused the login ({$detail}): check the user name in the address and the password in the environment variable BANTIN_DEPLOY_PASSWORD (or the SSH key, the S3 keys); nothing was deleted
deploy-fault-trust = Cannot be sure that {$target} is your host ({$detail}): nothing was sent; ask the host's administrator for its fingerprint or certificate (see README.md, Publishing)
deploy-fault-denied = {$target} refused to write or delete ({$detail}): check the account's rights on this folder (or bucket); nothing was deleted, and the next run sends the rest
deploy-fault-full = {$target} has no room left ({$detail}): delete old files or raise the hosting plan's quota; nothing was deleted, and the next run sends the rest
deploy-fault-dropped = The connection to {$target} was lost again and again ({$detail}): every file sent is whole; run `bantin deploy` again when the network is steady to send the rest
deploy-fault-refused = {$target} refused ({$detail}); nothing was deleted
deploy-ftp-no-user = The address `{$url}` has no user name: write `ftp://user@host/folder` (the user your hosting gave you; the password goes in the environment variable BANTIN_DEPLOY_PASSWORD)
deploy-ca-file-bad = Cannot read the certificate `{$file}` ({$detail}): `ca_file` must be a PEM file (`-----BEGIN CERTIFICATE-----`) from your hosting
cli-deploy-progress = {$sent}/{$total} files
cli-deploy-retrying = Connection lost ({$detail}): trying again in {$ms} ms
cli-schedule-round = [{$now}] Scheduled deploy
cli-schedule-due = Next deploy: {$at}, when a scheduled article is due or a notice expires (Ctrl-C to stop)
cli-schedule-check = Next check: {$at} (no scheduled article yet; Ctrl-C to stop)
deploy-s3-keys-missing = No S3 keys to publish to {$target}: set the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys) on the machine that publishes, or name a profile of ~/.aws/credentials in AWS_PROFILE; never write them in site.yaml
deploy-s3-bucket-missing = The bucket `{$bucket}` does not exist at {$endpoint}: create it in the storage's console, or correct the bucket's name in the address {$target}; nothing was sent
deploy-s3-endpoint-bad = The endpoint `{$endpoint}` of `{$url}` must start with https:// (http:// only to this machine: 127.0.0.1 or localhost), as the storage's console gives it
deploy-s3-option-bad = The option `{$key}={$value}` of `{$url}` is not understood: write one of {$expected}
deploy-sftp-no-user = The address `{$url}` has no user name: write it as `sftp://user@host/folder`
deploy-sftp-host-unknown = This machine does not know the host key of {$target} yet (its fingerprint is {$fingerprint}): nothing was sent. Ask the host's administrator, or look in the hosting control panel, whether this is the fingerprint of your server; if it is, record the key with `ssh-keyscan -p {$port} {$host} >> {$file}` (or log in once with `ssh -o UserKnownHostsFile={$file} -p {$port} {$user}@{$host}` and answer yes), then run `bantin deploy` again
deploy-sftp-host-changed = WARNING: the host key of {$target} is not the one recorded in {$file} at line {$line} (its fingerprint is now {$fingerprint}). Someone may be standing between this machine and the host to read passwords and files (a man-in-the-middle attack), or the host was reinstalled. Nothing was sent. Ask the host's administrator; only if they confirm that the key changed, remove the old one with `ssh-keygen -f {$file} -R '{$entry}'` and record the new one as for a new host
cli-deploy-others = {$count} files on {$target} were not sent by bantin and are not in the site (such as `{$example}`): not deleted. If they are the site's old pages, run again with --delete-others to delete them (hidden files such as .htaccess are never deleted); if they belong to another site, check the deploy address
deploy-ftps-not-offered = {$target} offers no encrypted FTP (FTPS) ({$detail}): ask your hosting to turn FTPS on; use `ftp://` only if there is no other way (the password then travels unencrypted). Nothing was sent
deploy-s3-clock = The store refused the request because this machine's clock is far from the right time ({$detail}): set the machine's date and time (turn on automatic time) and run again; nothing was deleted
deploy-fault-mid-deletions = {$target} refused while old files were being deleted ({$detail}): {$done}/{$count} deleted; every file of the site was sent. Check the account's rights on that file, then run `bantin deploy` again to delete the rest
