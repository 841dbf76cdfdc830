# Những gì lệnh `bantin` in ra quanh một lần chạy: tóm tắt, cảnh báo, và điều đã xảy ra sau khi lỗi.

cli-problems-found = Có {$count} lỗi; {$then}
cli-then-build = site chưa được ghi, thư mục kết quả cũ vẫn giữ nguyên.
cli-then-fix = hãy sửa rồi chạy lại lệnh.
cli-then-serve = máy chủ xem trước đã dừng.
cli-then-watch = đã dừng theo dõi thay đổi.
cli-then-new = chưa tạo tệp nào.
cli-warning = cảnh báo: {$problem}
cli-built = Đã dựng {$articles} bài viết và {$pages} trang riêng vào {$output}: {$files} tệp, {$written} tệp được ghi, trong {$ms} ms
cli-checked = Không có lỗi: {$articles} bài viết và {$pages} trang riêng, {$files} tệp ({$ms} ms)
cli-left-out = Chưa đăng: {$parts}.
cli-left-drafts = {$count} bản nháp (thêm --drafts để đăng cả bản nháp)
cli-left-future = {$count} bài hẹn giờ đăng (thêm --future để đăng ngay)
cli-left-future-next = {$count} bài hẹn giờ đăng, bài sớm nhất hẹn lúc {$date} (thêm --future để đăng ngay)
cli-unread-keys = Các khóa front matter không nơi nào dùng đến: {$keys} — hãy đổi thành khóa bantin đọc được (xem HUONG-DAN.md), hoặc hiển thị chúng trong mẫu bằng page.extra.<khóa>.
cli-unread-key = `{$key}` ({$count} tệp)
cli-unread-more = và {$count} khóa khác
cli-created = Đã tạo {$path} (bản nháp: đặt `draft: false` để đăng)
cli-peak-memory = bộ nhớ dùng tối đa {$mib} MiB
new-bad-section = `{$section}` không phải thư mục chuyên mục; hãy ghi tên thư mục của một chuyên mục, như tin-tuc
new-no-letters = tiêu đề `{$title}` không có chữ cái hay chữ số nào để đặt tên tệp
new-exists = {$path} đã có; hãy chọn tiêu đề khác hoặc sửa tệp đó
new-outside-content = {$path} dẫn ra ngoài content/ (một symlink?); hãy chọn chuyên mục khác
cli-unread-grouping = `{$key}` dùng để nhóm bài: muốn mỗi nhóm có một trang liệt kê bài, hãy khai báo nó là một cách phân loại trong site.yaml, ví dụ `taxonomies: [{"{"} name: tags, path: tu-khoa {"}"}, {"{"} name: {$key}, path: chuyen-de {"}"}]` (xem README, mục "Taxonomies").
cli-left-translations = {$count} bản dịch (các tệp như `ky-ket.en.md`: bantin chỉ dựng site bằng một ngôn ngữ, `{$lang}`)
