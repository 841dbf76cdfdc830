# Đọc tệp, YAML và đường dẫn: tầng nền mọi bước đều dùng.

## Tệp văn bản
file-utf16 = tệp được lưu bằng bảng mã UTF-16
file-not-utf8 = tệp không được lưu đúng bảng mã UTF-8 (có thể tệp đã được lưu bằng bảng mã Windows-1258 hoặc TCVN3)
file-save-as-utf8 = hãy lưu lại tệp bằng bảng mã UTF-8 (trong phần lớn trình soạn thảo: Save As… → Encoding: UTF-8)
file-not-readable-kind = đây là {$kind}, không phải tệp bantin đọc được
file-too-large = tệp lớn hơn {$mb} MB, mức tối đa bantin đọc được
file-invisible-character = ký tự vô hình {$code} không thể đăng lên trang (trình đọc RSS và các trình đọc XML đều không chấp nhận nó)
file-invisible-character-hint = hãy xoá ký tự này (nó không hiện trên màn hình: đến đúng dòng và cột này rồi bấm phím Delete một lần); ký tự này thường đi theo văn bản sao chép từ Word hoặc PDF, nên hãy xem chỗ đó có bị mất chữ nào không
# Loại của một mục không phải tệp thường ({$kind} ở trên và dưới).
file-kind-pipe = một ống dẫn (named pipe)
file-kind-socket = một socket
file-kind-device = một thiết bị
file-kind-other = một thư mục hoặc mục đặc biệt

## Duyệt thư mục; các câu này đứng sau đường dẫn của tệp hoặc thư mục.
file-link-outside = là một liên kết tượng trưng (symlink) tới {$target}, nằm ngoài thư mục site
file-link-outside-folder-hint = hãy chép hẳn thư mục đó vào trong site, thay cho symlink: bantin chỉ đọc những gì nằm trong site
file-link-outside-file-hint = hãy chép hẳn tệp đó vào trong site, thay cho symlink: bantin chỉ đăng những gì nằm trong site
file-cannot-read = không đọc được: {$detail}
file-link-loop-hint = một symlink trỏ tới chính thư mục chứa nó; hãy xóa symlink đó
file-cannot-read-hint = hãy kiểm tra xem tệp có tồn tại và đọc được không (có phải một symlink trỏ tới tệp đã bị xóa?)
file-special = là {$kind}, không phải tệp
file-special-hint = hãy xóa mục này: bantin chỉ đọc và đăng tệp thông thường và thư mục
file-name-not-unicode = tên tệp có ký tự không hợp lệ (không phải Unicode)
file-rename = hãy đổi tên tệp
file-no-content-folder = không có thư mục content/ ở đây
file-no-content-folder-hint = hãy chạy bantin trong thư mục site, hoặc chỉ ra thư mục site bằng --root (đã tìm trong {$root})

## Slug và đường dẫn trên site: vì sao một giá trị người viết ghi bị từ chối.
path-slug-is-path = `{$text}` là một đường dẫn, sẽ đưa trang ra ngoài chuyên mục của nó
path-slug-no-letters = `{$text}` không có chữ cái hay chữ số nào để tạo địa chỉ
path-full-url = `{$text}` là một địa chỉ đầy đủ; hãy viết đường dẫn trên site này, như /tin-cu/bai-1/
path-goes-up = `{$text}` có `..` (lên thư mục cha) nên sẽ dẫn ra ngoài site
path-hidden-part = `{$text}` có một phần bắt đầu bằng `.`: những tệp như vậy là tệp ẩn, máy chủ web không cho người đọc truy cập
path-bad-characters = `{$text}` có ký tự không được phép dùng trong địa chỉ
path-part-too-long = một phần của `{$text}` dài hơn {$max} ký tự
path-home-page = `{$text}` là trang chủ

## YAML. {$key} là `khóa: ` khi bộ đọc YAML nêu tên khóa, nếu không thì để trống.
yaml-too-deep = danh sách hoặc nhóm khóa lồng nhau sâu quá {$max} tầng
yaml-too-deep-hint = hãy kiểm tra các dấu ngoặc vuông `[ ]` và ngoặc nhọn `{"{"} {"}"}`: dấu nào đã mở thì phải đóng
yaml-colon-in-value = giá trị có `: ` ở bên trong, nên bị hiểu là chỗ bắt đầu một khóa khác
yaml-quote-value-as = hãy đặt giá trị trong dấu ngoặc kép: `{$key}: "{$value}"`
yaml-quote-value = hãy đặt giá trị trong dấu ngoặc kép
yaml-not-bool = {$key}`{$value}` không phải true hoặc false
yaml-not-bool-hint = hãy viết true hoặc false
yaml-not-number = {$key}`{$value}` không phải số
yaml-not-number-hint = hãy viết một số, như 10
yaml-text-not-expected = {$key}`{$value}` là văn bản, trong khi cần {$expected}
yaml-check-value = hãy kiểm tra lại giá trị
yaml-duplicate-key = khóa {$name} được viết hai lần
yaml-keep-one = hãy giữ lại một
yaml-reserved-character = một giá trị bắt đầu bằng ký tự không được đứng đầu giá trị (@, `, %, dấu tab…)
yaml-reserved-character-hint = hãy đặt giá trị trong dấu ngoặc kép, và thụt lề bằng dấu cách, không dùng tab
yaml-unreadable = {$key}không đọc được phần khai báo ở chỗ này: {$detail}
yaml-unreadable-hint = hãy kiểm tra xem mọi dấu ngoặc kép và dấu ngoặc đã mở đều đã được đóng, và danh sách được viết dạng [a, b]
# Điều bộ đọc YAML không thấy ({$detail} ở trên).
yaml-no-list-end = thiếu dấu `,` hoặc `]`
yaml-no-map-end = thiếu dấu `,` hoặc `{"}"}`
yaml-no-key = không thấy khóa ở chỗ cần có (thụt lề sai?)
yaml-no-dash = không thấy dấu `-` của một mục danh sách (thụt lề sai?)
yaml-no-value = thiếu giá trị ở chỗ cần có
yaml-unexpected-end = phần khai báo kết thúc giữa chừng (còn dấu ngoặc kép chưa đóng?)
yaml-unknown-field = {$key}bantin không biết khóa `{$field}`; cần {$expected}
yaml-unknown-field-hint = hãy kiểm tra chính tả; xem README để biết các khóa bantin đọc được
yaml-missing-field = {$key}thiếu khóa `{$field}`
yaml-duplicate-field = {$key}khóa `{$field}` được viết hai lần
yaml-invalid-type = {$key}giá trị là {$found}, trong khi cần {$expected}
yaml-check-type = hãy kiểm tra kiểu của giá trị; nếu văn bản bị hiểu nhầm thành thứ khác (số, ngày, true/false), hãy đặt văn bản đó trong dấu ngoặc kép
# Lời của chính bộ đọc YAML, khi không thuộc các trường hợp trên.
yaml-parser-says = lỗi cách viết phần khai báo: {$text}
yaml-syntax-hint = hãy kiểm tra cách viết: `khóa: giá trị`, mỗi dòng một khóa, danh sách viết dạng [a, b]
# Các khóa được phép ({$expected} ở trên).
yaml-one-of = một trong {$names}
yaml-either = {$first} hoặc {$second}
# Các kiểu giá trị: kiểu cần, rồi kiểu gặp phải ({$expected} và {$found} ở trên).
yaml-kind-text = văn bản
yaml-kind-bool = true hoặc false
yaml-kind-list = một danh sách
yaml-kind-map = một nhóm khóa và giá trị
yaml-kind-count = một số
yaml-found-list = một danh sách
yaml-found-map = một nhóm khóa và giá trị
yaml-found-empty = một giá trị trống

## Front matter dạng TOML
# Lời của chính bộ đọc TOML.
toml-parser-says = lỗi TOML: {$text}
toml-syntax-hint = hãy kiểm tra cú pháp TOML: `key = "value"`, mỗi dòng một khóa, danh sách viết dạng ["a", "b"]

## Tệp đăng nguyên dạng: hai thứ cùng chiếm một chỗ trong thư mục kết quả.
assets-clash = {$what} được tạo ra bởi cả {$first} và {$second}
assets-built-in-file = (có sẵn trong bantin) {$file}
assets-file-and-folder = /{$folder} (vừa là tệp, vừa là thư mục chứa /{$file})
assets-clash-hint = hãy đổi tên hoặc xóa một trong hai, hoặc cho trang một `slug:`, địa chỉ cũ (aliases) hay đường dẫn khác
assets-static-replaces-built-in = hãy xóa nó khỏi static/; muốn tự viết tệp này, hãy tạo một giao diện chỉ thay tệp đó: themes/rieng/theme.yaml ghi `extends: bulletin`, tệp của bạn đặt ở themes/rieng/templates/{$template}, và `theme: rieng` trong site.yaml
assets-static-replaces-theme = hãy xóa nó khỏi static/; muốn tự viết tệp này, hãy đặt nó ở themes/{$theme}/templates/{$template}
assets-in-search-index = /{$file} nằm trong thư mục bantin dành cho dữ liệu tìm kiếm, /{$index}
assets-in-search-index-hint = hãy chọn đường dẫn khác: bantin ghi dữ liệu tìm kiếm vào đó
assets-site-path-missing = `{$address}` là một đường dẫn trên site này, nhưng site không đăng gì ở đó
assets-site-path-image-missing = {$key}: `{$address}` là một đường dẫn trên site này, nhưng site không đăng gì ở đó
assets-site-path-link-hint = hãy sửa đường dẫn, hoặc liên kết tới tệp .md của bài viết (liên kết sẽ luôn theo đúng địa chỉ của bài)
assets-site-path-image-hint = hãy đặt tệp vào static/ (static/anh/a.png được đăng ở /anh/a.png) hoặc cạnh bài viết, hoặc sửa lại đường dẫn
assets-site-path-base-hint = bantin tự thêm đường dẫn gốc `{$base}` của site: hãy viết `{$address}`
assets-site-path-failed-hint = có thể đây là trang của {$file}, tệp chưa dựng được vì lỗi riêng của nó (có trong danh sách này): hãy sửa lỗi đó trước
assets-relative-missing = `{$written}` dẫn tới {$address} trên site này, nhưng site không đăng gì ở đó
assets-relative-missing-hint = đường dẫn tương đối được tính từ thư mục chứa tệp này trong content/ (như liên kết tới tệp .md và ảnh): hãy sửa lại, liên kết tới tệp .md của bài (liên kết sẽ luôn theo đúng địa chỉ của bài), hoặc viết đường dẫn từ gốc site (`/tin-tuc/`)
assets-site-path-unpublished = `{$address}` dẫn tới một bản nháp hoặc một bài hẹn giờ đăng
json-parser-says = lỗi JSON: {$text}
json-not-object = front matter dạng JSON phải là một đối tượng JSON duy nhất: `{"{"} "title": "…", "date": "…" {"}"}`
json-syntax-hint = hãy kiểm tra dấu phẩy giữa các mục, dấu ngoặc kép quanh khóa và văn bản, và dấu `{"}"}` đóng lại
yaml-bool-in-quotes = {$key}: `"{$value}"` nằm trong dấu ngoặc kép nên là văn bản, không phải giá trị true hay false
yaml-bool-in-quotes-hint = hãy bỏ dấu ngoặc kép: `{$key}: {$value}`
yaml-unknown-field-did-you-mean = có phải ý bạn là `{$key}`?
json-expected-comma = thiếu dấu `,` giữa hai mục, hoặc thiếu dấu `{"}"}` đóng lại
json-expected-comma-list = thiếu dấu `,` giữa hai phần tử của danh sách, hoặc thiếu dấu `]` đóng lại
json-trailing-comma = có dấu `,` sau mục cuối cùng, JSON không cho phép
json-key-not-quoted = khóa không nằm trong dấu ngoặc kép (JSON viết `"title": …`)
json-unfinished = JSON kết thúc trước dấu `{"}"}` hoặc `]` cuối cùng
