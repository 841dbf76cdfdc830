# Dựng trang qua các mẫu (template) của giao diện.

render-also-on-pages = {$problem} (và ở {$count} trang khác)
render-while-rendering = {$problem} (khi dựng trang {$path})
render-while-rendering-from = {$problem} (khi dựng trang {$path} từ {$source})
render-while-cached-partial = {$problem} (khi dựng một mẫu con trong `cached:`, mẫu này chỉ nhận site, t và root)
# Lời của bộ xử lý mẫu (Tera), giữ nguyên tiếng Anh.
render-template-error = mẫu (template) bị lỗi: {$error}
render-template-error-hint = hãy sửa mẫu; README liệt kê các biến mà mỗi mẫu nhận được
render-missing-parent = mẫu này kế thừa (extends) `{$parent}`, nhưng giao diện không có mẫu đó
render-missing-parent-hint = hãy kiểm tra tên trong `{"{"}% extends %{"}"}`
render-no-template = giao diện không có mẫu `{$name}`
render-no-template-hint = hãy thêm mẫu đó vào thư mục templates/ của giao diện
render-unknown-template-hint = hãy dùng một mẫu có trong giao diện, hoặc bỏ dòng `template:`

## Giao diện (render/theme.rs).

theme-extends-itself = giao diện `{$theme}` kế thừa (extends) lại chính nó qua các giao diện cha
theme-extends-itself-hint = hãy bỏ vòng lặp trong các dòng `extends:`
theme-missing = không có giao diện `{$theme}`
theme-missing-hint = hãy tạo thư mục themes/{$theme}/, hoặc bỏ `theme:` để dùng giao diện có sẵn `{$built_in}`
theme-missing-parent-hint = hãy tạo thư mục themes/{$theme}/, hoặc kế thừa (extends) giao diện `{$built_in}`
theme-renamed-template = {$name} không còn được dùng nữa: trang của mọi cách phân loại đều dùng {$now}
theme-renamed-template-hint = hãy đổi tên tệp thành {$now}; các biến của mẫu này là `term` và `taxonomy` (xem README)
theme-no-strings = giao diện `{$theme}` chưa có bản dịch cho ngôn ngữ `{$language}`
theme-no-strings-hint = hãy thêm themes/{$theme}/i18n/{$language}.yaml, hoặc chọn ngôn ngữ khác
