# Messages every part of bantin uses: the file system's refusals, and the outer sentence of an error.

error-io-refused = {$path}: {$reason}
error-io = {$path}: {$what} ({$detail})
error-unsafe-output = refusing to write the site to {$path}: {$reason}
error-outside-output = refusing to write `{$file}`: {$reason}
io-not-found = the file or folder does not exist
io-permission = permission denied — check who owns it, and that the disk is not read-only
io-full = the disk is full — free some space and run the command again
io-exists = it already exists
io-addr-in-use = another program uses this address
io-bad-name = the system refuses this file name
io-folder = a folder is where a file should be, or the other way round
io-other = the system refused
error-bug = bantin stopped on a fault of its own ({$what}): nothing was written, and the next save builds the whole site again — if it happens again, please report it with the file you were editing
