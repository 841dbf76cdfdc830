# Cấu hình site: site.yaml.

config-cannot-read = không đọc được tệp: {$reason}
config-cannot-read-hint = hãy để site.yaml là một tệp văn bản thường
config-unknown-language = bantin không hỗ trợ ngôn ngữ `{$code}`
config-unknown-language-hint = hãy dùng `vi` hoặc `en`
config-unknown-timezone = bantin không biết múi giờ `{$zone}`
config-unknown-timezone-hint = hãy dùng tên múi giờ IANA, như Asia/Ho_Chi_Minh
config-bad-base-url = base_url `{$url}` không phải địa chỉ web, cũng không phải đường dẫn
config-bad-base-url-hint = hãy viết như https://example.org/ hoặc https://example.org/bantin/
config-paginate-zero = paginate_by bằng 0
config-paginate-zero-hint = hãy ghi số bài viết trên mỗi trang, như 10
config-path-not-plain = paths.{$name} `{$value}` không phải đường dẫn đơn giản
config-path-not-plain-hint = hãy chỉ dùng chữ thường không dấu, chữ số, `-` và `/`, như tu-khoa
config-feed-not-plain = paths.feed `{$value}` không phải tên tệp đơn giản
config-feed-not-plain-hint = hãy dùng tên như rss.xml hoặc feed.xml: chữ thường không dấu, chữ số, `-`, `_` và `.`, không có `/`
config-taxonomy-bad-name = taxonomies: `{$name}` không phải tên đơn giản
config-taxonomy-bad-name-hint = hãy chỉ dùng chữ thường không dấu, chữ số và `_`, như categories: tên này cũng là khóa trong front matter
config-taxonomy-known-key = taxonomies: `{$name}` là khóa front matter bantin đã dùng vào việc khác
config-taxonomy-known-key-hint = hãy chọn tên khác, như categories hoặc authors (`author:` được tính vào `authors`)
config-taxonomy-bad-path = taxonomies: đường dẫn `{$path}` của `{$name}` không phải đường dẫn đơn giản
config-taxonomy-bad-path-hint = hãy chỉ dùng chữ thường không dấu, chữ số, `-` và `/`, như chuyen-de
config-taxonomy-twice = taxonomies: `{$name}` được khai báo hai lần
config-taxonomy-twice-hint = hãy chỉ giữ lại một khai báo
config-taxonomy-same-path = taxonomies: `{$first}` và `{$second}` cùng nằm ở `{$path}`
config-taxonomy-same-path-hint = hãy cho mỗi cách phân loại một đường dẫn riêng
config-menu-bad-url = menu: `{$url}` không phải địa chỉ web, cũng không phải đường dẫn trên site
config-menu-bad-url-hint = hãy viết đường dẫn như /tin-tuc/, hoặc địa chỉ bắt đầu bằng https://

# permalinks: một dạng địa chỉ, rồi điều sai trong đó.
config-permalink = permalinks: {$reason}
config-permalink-hint = hãy viết dạng địa chỉ như /:year/:month/:day/:slug/ hoặc /:section/:slug.html
config-permalink-no-slash = `{$pattern}` không bắt đầu bằng `/`
config-permalink-unknown-token = bantin không biết `:{$token}` trong `{$pattern}` (chỉ dùng được :year, :month, :day, :slug, :filename, :title, :section, :sections)
config-permalink-bad-character = `{$pattern}` có ký tự `{$character}`: hãy chỉ dùng chữ thường không dấu, chữ số, `-`, `_`, `.`, `/` và các phần như :slug
config-permalink-dots = `{$pattern}` có `..` hoặc `//`
config-permalink-no-slug = `{$pattern}` không có :slug, :filename hay :title, nên hai bài viết sẽ trùng một địa chỉ
config-images-widths = chiều rộng ảnh phải là số điểm ảnh từ 16 đến 8192
config-images-widths-hint = hãy viết như `widths: [480, 800, 1200, 1600]`
config-images-quality = chất lượng ảnh là {$quality}, không nằm trong khoảng 1 đến 100
config-images-quality-hint = 80 giữ ảnh rõ nét mà nhẹ; hãy viết `quality: 80`
