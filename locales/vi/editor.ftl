# Soạn bài: the web editor's page (src/commands/editor/page/editor.js). Every id here is
# used there as t("ui-…"), and en/editor.ftl has the same ids with the same variables.

## Chung
ui-app-title = Soạn bài
ui-app-tagline = Soạn và đăng bài cho bản tin
ui-window-title = Soạn bài
ui-window-title-article = { $title } · Soạn bài
ui-close = Đóng
ui-cancel = Hủy
ui-insert = Chèn
ui-create = Tạo bài
ui-clear = Xóa
ui-clear-field = Xóa { $field }
ui-loading = Đang tải…
ui-untitled = (Chưa có tiêu đề)
ui-required = Hãy điền { $label }.
ui-hint = Gợi ý: { $hint }

## Lỗi chung
ui-error-network = Không liên lạc được với máy chủ soạn bài: có thể cửa sổ bantin serve đã bị đóng. Bài đang soạn vẫn được giữ trên máy này; hãy chạy lại bantin serve rồi thử lại.
ui-error-forbidden = Trang soạn bài cần được mở bằng địa chỉ mà bantin serve in ra (có #ma=…), mỗi lần chạy một địa chỉ mới. Hãy mở lại địa chỉ đó.
ui-error-status = Máy chủ trả lời lỗi { $status }.
ui-error-unexpected = Có lỗi không mong đợi trên trang. Bài đang soạn vẫn được giữ; hãy tải lại trang.

## Danh sách bài
ui-list-heading = Bài viết và trang
ui-list-caption = Danh sách bài viết và trang, mới nhất trước
ui-new-article = Bài mới
ui-search-label = Tìm bài
ui-search-hint = Gõ có dấu hay không dấu đều được, ví dụ: giam ngheo
ui-filter-section = Chuyên mục
ui-filter-state = Trạng thái
ui-filter-all-sections = Mọi chuyên mục
ui-filter-all-states = Mọi trạng thái
ui-section-root = Trang chung
ui-col-title = Tiêu đề
ui-col-section = Chuyên mục
ui-col-date = Ngày đăng
ui-col-state = Trạng thái
ui-col-author = Tác giả
ui-kind-page = Trang
ui-list-count-all = Đang hiện { $shown } trên { $total } bài
ui-list-count-found = Tìm thấy { $found } bài (trên { $total }), đang hiện { $shown }
ui-show-more = Hiện thêm { $count } bài (còn { $left })
ui-state-draft = Bản nháp
ui-state-scheduled = Hẹn giờ
ui-state-published = Đã đăng
ui-state-expired = Hết hạn
ui-state-broken = Có lỗi

## Bài mới
ui-new-heading = Bài mới
ui-new-section-option = Chuyên mục mới…
ui-new-section-name = Tên chuyên mục mới
ui-new-section-hint = Viết tên có dấu, ví dụ: Thông báo. bantin tự đặt tên thư mục.

## Ô của bài
ui-back-to-list = Quay lại danh sách
ui-fields-heading = Thông tin bài
ui-field-title = Tiêu đề
ui-field-date = Ngày đăng
ui-field-section = Chuyên mục
ui-field-tags = Từ khóa
ui-field-author = Tác giả
ui-field-image = Ảnh đại diện
ui-field-image-caption = Chú thích ảnh
ui-field-summary = Tóm tắt
ui-field-draft = Bản nháp
ui-field-expires = Hết hạn
ui-date-hint = Ngày/tháng/năm, ví dụ 06/04/2023, và giờ
ui-date-placeholder = ngày/tháng/năm
ui-time-of = Giờ của ô { $field }
ui-time-placeholder = giờ:phút
ui-time-format = Giờ chưa đúng: hãy viết giờ:phút, ví dụ 08:30.
ui-date-format = Ngày chưa đúng cách viết: hãy viết ngày/tháng/năm, ví dụ 06/04/2023.
ui-date-no-such-day = Không có ngày { $date }.
ui-section-fixed = Chuyên mục là thư mục chứa bài, không đổi ở đây.
ui-tags-hint = Gõ từ khóa rồi nhấn Enter hoặc dấu phẩy.
ui-tag-remove = Bỏ từ khóa { $tag }
ui-choose-image = Chọn ảnh
ui-draft-hint = Bản nháp chỉ hiện ở bản xem trước, không được đăng.
ui-unreadable = Không đọc được phần thông tin ở đầu tệp bài, nên các ô dưới đây bị khóa. Hãy sửa lỗi được báo trong tệp; phần nội dung vẫn sửa được.
ui-other-fields = Thông tin khác
ui-other-readonly = Chỉ sửa được trong tệp bài.

## Nội dung bài
ui-body = Nội dung
ui-body-hint = Kéo ảnh thả vào ô này để chèn ảnh.
ui-toolbar = Định dạng nội dung
ui-tool-heading = Tiêu đề nhỏ
ui-tool-heading-long = Tiêu đề nhỏ (dòng bắt đầu bằng ##)
ui-tool-bold = Đậm
ui-tool-italic = Nghiêng
ui-tool-list = Danh sách
ui-tool-numbered = Danh sách số
ui-tool-link = Liên kết
ui-tool-link-long = Liên kết đến bài khác
ui-tool-youtube = YouTube
ui-tool-pdf = Văn bản PDF
ui-tool-album = Album
ui-tool-note = Hộp lưu ý
ui-tool-image = Ảnh
ui-tool-image-long = Chèn ảnh từ máy
ui-problems-count = Nội dung có { $count } lỗi:
ui-problem-line = Dòng { $line }:

## Hộp thoại chèn
ui-youtube-heading = Chèn video YouTube
ui-youtube-url = Địa chỉ video
ui-youtube-hint = Dán địa chỉ video, ví dụ https://www.youtube.com/watch?v=…
ui-pdf-heading = Chèn văn bản PDF
ui-pdf-file = Tên tệp
ui-pdf-file-hint = Tệp đặt cạnh bài. Tải tệp lên, hoặc gõ tên tệp đã có.
ui-pdf-upload = Tải tệp lên…
ui-pdf-title = Tên văn bản
ui-album-heading = Chèn album ảnh
ui-note-heading = Chèn hộp lưu ý
ui-box-title = Tiêu đề hộp
ui-link-heading = Liên kết đến bài khác
ui-link-search = Tìm bài theo tiêu đề
ui-link-found = { $count } bài phù hợp
ui-link-none = Không có bài nào phù hợp.
ui-image-heading = Mô tả ảnh { $file }
ui-image-alt = Mô tả ảnh
ui-image-alt-hint = Ảnh có gì, cho người không xem được ảnh.
ui-image-caption = Chú thích
ui-image-not-inserted = Ảnh { $file } đã tải lên nhưng chưa được chèn vào bài.
ui-not-image = { $name } không phải là ảnh.
ui-uploading = Đang tải { $name } lên… { $percent }%
ui-uploaded = Đã tải lên: { $file }
ui-upload-too-big = { $name } nặng { $size } MB, quá giới hạn { $limit } MB.

## Xem trước
ui-pane-switch = Hiện phần
ui-pane-edit = Soạn bài
ui-pane-preview = Xem trước
ui-preview = Xem trước
ui-preview-open = Mở trong thẻ mới
ui-preview-none = Bài này chưa có trang để xem trước.
ui-preview-frame = Xem trước: { $title }
ui-preview-built = Đã dựng lại trong { $ms } ms

## Lưu
ui-save = Lưu
ui-saving = Đang lưu…
ui-unsaved = Có thay đổi chưa lưu
ui-nothing-to-save = Không có gì thay đổi để lưu.
ui-saved-at = Đã lưu lúc { $time }.
ui-fix-fields-first = Hãy sửa các ô đang báo lỗi rồi lưu lại.
ui-leave-confirm = Bài có thay đổi chưa lưu. Vẫn quay lại danh sách? Thay đổi được giữ trên máy này, mở lại bài để khôi phục.
ui-draft-found = Có bản chưa lưu lúc { $time } { $date }.
ui-draft-restore = Khôi phục
ui-draft-drop = Bỏ

## Trùng sửa
ui-conflict-heading = Tệp bài đã bị thay đổi
ui-conflict-text = Trong lúc bạn soạn, tệp của bài đã bị sửa ở nơi khác. Hãy so hai bản rồi chọn.
ui-conflict-disk = Bản trên đĩa
ui-conflict-mine = Bản của bạn
ui-conflict-keep-mine = Giữ bản của tôi
ui-conflict-use-disk = Dùng bản trên đĩa
ui-conflict-use-disk-confirm = Dùng bản trên đĩa và bỏ mọi thay đổi chưa lưu của bạn?

## Các bản đã lưu
ui-history = Các bản đã lưu
ui-history-heading = Các bản đã lưu
ui-history-count = Có { $count } bản cũ.
ui-history-none = Chưa có bản cũ nào.
ui-history-in-git = Các bản cũ được giữ trong git.
ui-history-in-folder = Các bản cũ được giữ trong thư mục { $where }.
ui-history-restore = Khôi phục
ui-history-restore-at = Khôi phục bản lúc { $time }
ui-history-confirm = Khôi phục bản lúc { $time }? Bản hiện tại vẫn được giữ trong các bản đã lưu; thay đổi chưa lưu sẽ mất.
ui-history-restored = Đã khôi phục bản lúc { $time }.

## Đăng lên
ui-deploy = Đăng lên
ui-deploy-to = Đăng lên { $target }
ui-deploy-target = Nơi đăng
ui-deploy-confirm = Đăng site lên { $target }?
ui-deploy-unsaved = Bài đang mở có thay đổi chưa lưu: bản đăng lên sẽ chưa có các thay đổi này.
ui-deploy-starting = Đang bắt đầu…
ui-deploy-preparing = Đang dựng site và so với máy chủ…
ui-deploy-progress = Đã gửi { $done } trên { $total } tệp
ui-deploy-progress-label = Tiến độ đăng
ui-deploy-done = Đã đăng xong.
ui-deploy-failed = Đăng không thành công.
ui-history-changed = Tệp bài vừa bị sửa ở nơi khác sau khi bạn mở nên chưa khôi phục; hãy mở lại bài rồi thử lại.
ui-key-pinned = Ghim lên đầu trang chủ
ui-key-weight = Thứ tự trong trình đơn
ui-key-slug = Tên trang trong địa chỉ
ui-key-description = Mô tả ngắn
ui-key-updated = Ngày cập nhật
ui-key-noindex = Không cho máy tìm kiếm đưa vào kết quả
ui-key-aliases = Địa chỉ cũ
ui-key-template = Mẫu trang
ui-saved-in-other-tab = Bài này vừa được lưu ở một thẻ khác. Nếu bạn lưu ở đây, bantin sẽ cho bạn so hai bản trước khi ghi; hoặc mở lại bài để có bản mới nhất.
ui-image-removed = Ảnh { $file } không được chèn nên đã được bỏ đi.
ui-translations = Bản dịch:
ui-translation-open = {$name}: mở
ui-translation-create = {$name}: dịch bài này
ui-translation-created = Đã tạo bản sao để dịch, dạng bản nháp: {$path}. Hãy dịch rồi bỏ dấu "Bản nháp" để đăng.
