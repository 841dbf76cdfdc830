# Những câu mọi phần của bantin dùng: lỗi của hệ thống tệp, và câu bao ngoài một lỗi.

error-io-refused = {$path}: {$reason}
error-io = {$path}: {$what} ({$detail})
error-unsafe-output = không ghi site vào {$path}: {$reason}
error-outside-output = không ghi `{$file}`: {$reason}
io-not-found = tệp hoặc thư mục không tồn tại
io-permission = không có quyền truy cập — hãy kiểm tra quyền sở hữu của tệp, và ổ đĩa có đang ở chế độ chỉ đọc không
io-full = ổ đĩa đã đầy — hãy giải phóng bớt dung lượng rồi chạy lại lệnh
io-exists = đã tồn tại
io-addr-in-use = một chương trình khác đang dùng địa chỉ này
io-bad-name = hệ thống không chấp nhận tên tệp này
io-folder = chỗ cần một tệp lại là thư mục, hoặc ngược lại
io-other = hệ thống từ chối thao tác
error-bug = bantin dừng vì một lỗi của chính nó ({$what}): chưa có gì được ghi, và lần lưu sau sẽ dựng lại toàn bộ site — nếu lỗi lặp lại, xin báo kèm tệp bạn đang sửa
