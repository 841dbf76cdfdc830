# Writing the site: where bantin refuses to write, and why.

output-path-not-plain = it is not a plain path inside the output folder
output-path-leaves = it would leave the output folder or name no file
output-path-hidden = names that start with `.` are hidden, and bantin keeps its own files under such names
output-path-too-long = a part of it is longer than the {$max} bytes a file name may have
output-is-site = it is the site folder itself; use a folder inside it such as output/
output-holds-site = it holds the site folder {$site}; use a folder inside it such as output/
output-holds-sources = it holds the site's sources (content/ or themes/); use an empty folder
output-inside-sources = it lies inside {$folder}/, whose files would be published again
output-holds-folder = it holds the site's {$folder}/ folder ({$real}); use an empty folder
output-outside-site = it lies outside the site; name it with --output to confirm
output-is-file = it is a file
output-not-ours = it is not empty and bantin did not write it (no {$marker} file); empty it or choose another folder
output-no-parent = {$path} has no parent folder
output-nul = {$path}: the path has a NUL byte
