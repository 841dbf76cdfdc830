# Site configuration: site.yaml (config.rs).

config-cannot-read = cannot read the file: {$reason}
config-cannot-read-hint = make site.yaml a plain text file
config-unknown-language = unknown language `{$code}`
config-unknown-language-hint = use `vi` or `en`
config-unknown-timezone = unknown time zone `{$zone}`
config-unknown-timezone-hint = use an IANA zone name such as Asia/Ho_Chi_Minh
config-bad-base-url = base_url `{$url}` is neither a URL nor a path
config-bad-base-url-hint = write it like https://example.org/ or https://example.org/bantin/
config-paginate-zero = paginate_by is 0
config-paginate-zero-hint = use a number of articles per page, such as 10
config-path-not-plain = paths.{$name} `{$value}` is not a plain path
config-path-not-plain-hint = use lowercase letters, digits, `-` and `/`, such as tu-khoa
config-feed-not-plain = paths.feed `{$value}` is not a plain file name
config-feed-not-plain-hint = use a name such as rss.xml or feed.xml: lowercase letters, digits, `-`, `_` and `.`, no `/`
config-taxonomy-bad-name = taxonomies: `{$name}` is not a plain name
config-taxonomy-bad-name-hint = use lowercase letters, digits and `_`, such as categories: it is also the front matter key
config-taxonomy-known-key = taxonomies: `{$name}` is a front matter key bantin uses already
config-taxonomy-known-key-hint = choose another name, such as categories or authors (`author:` feeds `authors`)
config-taxonomy-bad-path = taxonomies: the path `{$path}` of `{$name}` is not a plain path
config-taxonomy-bad-path-hint = use lowercase letters, digits, `-` and `/`, such as chuyen-de
config-taxonomy-twice = taxonomies: `{$name}` is declared twice
config-taxonomy-twice-hint = keep one
config-taxonomy-same-path = taxonomies: `{$first}` and `{$second}` both live at `{$path}`
config-taxonomy-same-path-hint = give each its own path
config-menu-bad-url = menu: `{$url}` is not a web address or a path on the site
config-menu-bad-url-hint = write a path such as /tin-tuc/, or an address that starts with https://

# permalinks: a pattern, then what is wrong with it.
config-permalink = permalinks: {$reason}
config-permalink-hint = write a pattern such as /:year/:month/:day/:slug/ or /:section/:slug.html
config-permalink-no-slash = `{$pattern}` does not start with `/`
config-permalink-unknown-token = `:{$token}` in `{$pattern}` is not a token bantin knows (:year, :month, :day, :slug, :filename, :title, :section, :sections)
config-permalink-bad-character = `{$pattern}` has `{$character}`: use lowercase letters, digits, `-`, `_`, `.`, `/` and tokens such as :slug
config-permalink-dots = `{$pattern}` has `..` or `//`
config-permalink-no-slug = `{$pattern}` has no :slug, :filename or :title, so two articles would share a URL
config-images-widths = the widths of photos must be numbers of pixels between 16 and 8192
config-images-widths-hint = write them like `widths: [480, 800, 1200, 1600]`
config-images-quality = the quality of photos is {$quality}, not between 1 and 100
config-images-quality-hint = 80 keeps photos sharp and small; write `quality: 80`
