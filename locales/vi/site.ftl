# Mô hình site: chuyên mục, địa chỉ, phân loại, quá trình dựng.

## Địa chỉ, và những tệp tạo ra chúng (site/mod.rs, site/assemble.rs).

site-produced-by-both = {$path} được tạo ra từ hai nơi: {$a} và {$b}
site-produced-by-both-hint = hãy đặt `slug:` khác hoặc đổi tên tệp cho một trong hai
# Cái tạo ra một tệp kết quả, nêu tên trong site-produced-by-both.
site-file = {$path}
site-an-alias-in = một địa chỉ cũ (`aliases:`) trong {$source}
site-an-alias-of = một địa chỉ cũ (`aliases:`) của “{$term}”
site-the-section = chuyên mục content/{$dir}/
site-the-term = mục “{$term}” của {$taxonomy}
site-the-taxonomy-index = trang liệt kê các mục của {$taxonomy}
site-the-archive = trang lưu trữ
site-the-home-page = trang chủ
site-the-site-feed = RSS của site
site-the-sitemap = sơ đồ site (sitemap) do bantin tạo (mẫu sitemap.xml)
site-the-robots = tệp robots.txt do bantin tạo (mẫu robots.txt)
site-the-404-page = trang 404 do bantin tạo (mẫu 404.html)
site-the-search-page = trang tìm kiếm
site-folder-no-letters = tên thư mục không có chữ cái hay chữ số nào để làm địa chỉ
site-folder-no-letters-hint = hãy đổi tên thư mục
site-file-no-letters = tên tệp không có chữ cái hay chữ số nào để làm địa chỉ
site-file-no-letters-hint = hãy đổi tên tệp, hoặc thêm `slug: …` vào front matter
site-slug-problem = slug: {$reason}
site-slug-hint = hãy viết slug như ky-ket-chuong-trinh, không có `/` hay `..`
site-aliases-problem = aliases: {$reason}
site-aliases-hint = hãy viết địa chỉ cũ dưới dạng đường dẫn trên site, như {$example}
site-url-problem = địa chỉ của bài viết: {$reason}
site-permalink-needs-date = cách đặt địa chỉ trong `permalinks:` cần ngày của bài viết, mà bài này không có ngày
site-permalink-hint = hãy kiểm tra `permalinks:` trong site.yaml ({$pattern})
site-image-problem = {$key}: {$reason}
site-image-missing-hint = hãy đặt ảnh cạnh bài viết, hoặc sửa lại tên tệp
site-image-refused-hint = hãy dùng một tệp ảnh cạnh bài viết, một đường dẫn trên site này, hoặc một địa chỉ http:// hay https://

## Cảnh báo về cả site (site/assemble.rs).

site-front-matter-not-read = tệp này có front matter, nhưng bantin chỉ đọc tệp .md và .markdown: tệp sẽ được đăng nguyên như vậy
site-front-matter-not-read-hint = nếu đây là bài viết, hãy đổi đuôi tên tệp thành .md; nếu không, hãy bỏ phần front matter
site-no-base-url = chưa có base_url: địa chỉ chính thức (canonical), RSS, sơ đồ site (sitemap) và ảnh khi chia sẻ đều cần địa chỉ đầy đủ của site
site-no-base-url-hint = hãy thêm một dòng như `base_url: https://example.org/` (hoặc dựng với --base-url)
site-robots-sub-path = site được đăng dưới đường dẫn {$path}: tệp robots.txt sẽ nằm ở {$path}robots.txt, nơi máy tìm kiếm không bao giờ đọc (chúng chỉ đọc robots.txt ở gốc tên miền), nên sơ đồ site (sitemap) trong đó sẽ không được tìm thấy
site-robots-sub-path-hint = hãy thêm dòng `Sitemap: {$sitemap}` vào robots.txt ở gốc tên miền, hoặc khai báo địa chỉ đó trong Google Search Console
site-unknown-key = `{$key}:` không phải khóa mà bantin biết
site-did-you-mean = có phải bạn định viết `{$key}:`?

## Cách phân loại và các mục của chúng (site/taxonomy.rs).

tax-not-names = {$taxonomy}: cần một tên hoặc một danh sách tên
tax-not-names-hint = hãy viết `{$taxonomy}: [Giảm nghèo bền vững, An sinh xã hội]`
tax-file-name-no-letters = tên tệp không có chữ cái nào
tax-slug-hint = hãy viết slug như nguyen-van-a
tax-two-term-files = tệp này và {$other} đều là trang của “{$term}”
tax-two-term-files-hint = hãy chỉ giữ lại một trong hai tệp
tax-same-slug = “{$a}” và “{$b}” sẽ cùng nằm ở {$path}
tax-same-slug-hint = hãy đặt `slug:` khác cho một trong hai

## Quá trình dựng (build.rs).

build-old-site-left = site mới đã được thay vào, nhưng không xóa được site cũ: {$detail}
build-old-site-left-hint = hãy tự xóa thư mục này (bantin sẽ thử lại ở lần dựng sau)
build-no-site-to-patch = không có site nào để cập nhật
# Các bước, như --timings liệt kê.
build-stage-read = đọc nội dung và giao diện
build-stage-model = dựng mô hình site (Markdown, thẻ, danh sách)
build-stage-views = chuẩn bị dữ liệu cho mẫu
build-stage-render = dựng và ghi trang
build-stage-search = dữ liệu tìm kiếm
build-stage-swap = thay site mới vào, xóa site cũ
site-index-in-bundle = thư mục này có `index.md`, nên cả thư mục là một trang kèm ảnh của nó (page bundle), không phải chuyên mục: tệp `_index.md` ở đây không có tác dụng
site-index-in-bundle-hint = hãy giữ `index.md` nếu đây là một trang; nếu là chuyên mục, hãy đổi tên `index.md` và giữ `_index.md`
site-page-in-bundle = tệp này nằm trong thư mục của trang {$bundle}; tệp `index.md` đó biến cả thư mục thành một trang kèm các tệp của nó, nên tệp này không được đăng
site-page-in-bundle-hint = muốn thư mục đó là chuyên mục, hãy đổi tên {$bundle} thành `_index.md`; nếu thư mục chứa trang riêng chứ không phải tin, hãy thêm `pages: [{$folder}]` vào site.yaml: mọi tệp trong đó thành trang riêng ở địa chỉ theo thư mục
site-alias-clash-hint = một địa chỉ cũ chỉ dẫn được tới một trang: hãy bỏ nó khỏi các địa chỉ cũ (`aliases:`, `redirect_from:`) của bài không nằm ở đó
site-the-untranslated = trang báo một bài chưa được dịch
site-translation-twice = {$first} đã là bản {$language} của cùng trang này: cả hai đều được đăng, và nút chọn ngôn ngữ dẫn tới bản đó
site-translation-twice-hint = mỗi trang chỉ giữ một bản dịch cho mỗi ngôn ngữ: bỏ một bản, hoặc cho nó `translation_key:` riêng
site-translation-no-original = tệp này được đánh dấu là bản {$language} của {$original}, nhưng tệp đó không có: bài chỉ được đăng trong ấn bản {$language}, còn ấn bản {$default} báo là chưa có bản dịch
site-translation-no-original-hint = nếu đây là bản dịch của một tệp có tên khác, hãy cho cả hai cùng một `translation_key:` (ví dụ `translation_key: ky-ket-2023`)
site-link-to-other-edition = `{$address}` dẫn tới trang {$language}, trong khi ấn bản này đã có bản dịch của trang đó: {$translation}
site-link-to-other-edition-hint = hãy dẫn tới bản dịch, hoặc tới tệp .md của nó (liên kết sẽ luôn theo địa chỉ của bài)
language-vi = tiếng Việt
language-en = tiếng Anh
site-edition-path-taken = ấn bản này được đăng ở {$path}, nơi site đã đăng {$other}
site-edition-path-taken-hint = hãy đặt `path:` khác cho ấn bản (thường là mã ngôn ngữ, `en`), hoặc đổi tên thư mục đó trong content/; nếu thư mục đó chứa chính các tệp của ấn bản này, hãy ghi `content: <thư mục>` dưới ngôn ngữ đó
site-edition-no-folder = không có thư mục content/{$folder}/ mà `content:` của ấn bản này chỉ tới
site-edition-no-folder-hint = hãy tạo thư mục đó và đặt các tệp của ấn bản vào, hoặc bỏ `content:` để đánh dấu bản dịch bằng tên tệp (`ky-ket.en.md` cạnh `ky-ket.md`)
site-translation-outside-folder = ấn bản này để các tệp của nó trong content/{$folder}/: bản dịch này phải nằm ở đó, là {$there}
site-translation-outside-folder-hint = hãy chuyển tệp vào đó, hoặc bỏ `content:` của ấn bản trong site.yaml để giữ bản dịch cạnh bài gốc
