# Đăng site lên máy chủ (`bantin deploy`) và các đích đăng trong site.yaml (`deploy:`).

deploy-no-target = Chưa có nơi đăng site: hãy thêm vào site.yaml mục `deploy:` với `name` và `url` của nơi đăng (xem HUONG-DAN.md, phần Đăng site lên máy chủ), hoặc chạy `bantin deploy --to file:///thư-mục/của-máy-chủ`
deploy-target-unknown = Không có nơi đăng tên `{$name}` trong `deploy:` của site.yaml (các tên có: {$known})
deploy-file-not-absolute = Địa chỉ `{$url}` phải là đường dẫn đầy đủ, bắt đầu bằng `file:///` (ví dụ `file:///srv/www/bantin`)
deploy-scheme-unknown = Không đăng được tới `{$url}`: bantin không biết cách đăng qua `{$scheme}://`; hãy dùng `ftps://` hoặc `ftp://` (hosting có FTP), `sftp://` (máy chủ có SSH), `s3://` (kho lưu trữ S3) hoặc `file:///` (một thư mục trên máy hay ổ mạng đã gắn vào máy)
config-deploy-secret = Không được ghi `{$key}` của nơi đăng `{$name}` vào site.yaml
config-deploy-secret-in-url = Địa chỉ của nơi đăng `{$name}` có chứa mật khẩu
config-deploy-secret-hint = site.yaml được chia sẻ và lưu trong git: hãy xóa mật khẩu khỏi đây và đặt nó vào biến môi trường BANTIN_DEPLOY_PASSWORD trên máy đăng bài
config-deploy-unknown-key = Nơi đăng `{$name}` có khóa `{$key}` mà bantin không đọc
config-deploy-no-url = Nơi đăng `{$name}` chưa có `url`
config-deploy-keys-hint = mỗi nơi đăng có `name` (tên để chọn) và `url` (ví dụ `file:///srv/www/bantin`)
cli-deployed = Đã đăng lên {$target}: {$sent} tệp đã gửi ({$size}), {$deleted} tệp đã xóa, {$unchanged} tệp giữ nguyên, trong {$ms} ms
cli-deploy-dry-run = Chạy thử, chưa gửi gì lên {$target}: sẽ gửi {$sent} tệp ({$size}), xóa {$deleted} tệp, giữ nguyên {$unchanged} tệp
cli-deploy-send = gửi  {$path}
cli-deploy-delete = xóa  {$path}
cli-deploy-first = {$target} chưa có bản kê của bantin (lần đăng đầu): đã so từng tệp đang có ở đó
cli-deploy-held-back = Không xóa tệp nào: {$count} tệp ở nơi đăng không còn trong site, nhiều hơn giới hạn {$max}. Nếu đúng là phải xóa chừng ấy, chạy lại với --max-deletes {$count}; nếu không, hãy xem lại địa chỉ nơi đăng
cli-then-deploy = chưa đăng gì thêm; tệp nào đã gửi đều nguyên vẹn, và lần chạy `bantin deploy` sau sẽ gửi nốt.
deploy-url-bad = Không đọc được địa chỉ nơi đăng `{$url}`: hãy viết theo mẫu `ftp://tên-đăng-nhập@máy-chủ/thư-mục`, `sftp://tên-đăng-nhập@máy-chủ:cổng/thư-mục`, `s3://tên-bucket/thư-mục?endpoint=https://…` hoặc `file:///thư-mục`
deploy-url-option-unknown = Địa chỉ nơi đăng `{$url}` có tùy chọn `{$key}` mà bantin không đọc (các tùy chọn có: {$known})
deploy-fault-unreachable = Không kết nối được tới {$target} ({$detail}): hãy kiểm tra tên máy chủ, cổng và mạng của máy này; chưa tệp nào bị xóa
deploy-fault-login = {$target} không cho đăng nhập ({$detail}): hãy kiểm tra tên đăng nhập trong địa chỉ và mật khẩu trong biến môi trường BANTIN_DEPLOY_PASSWORD (hoặc khóa SSH, khóa S3); chưa tệp nào bị xóa
deploy-fault-trust = Không chắc {$target} đúng là máy chủ của bạn ({$detail}): chưa gửi gì; hãy hỏi người quản trị máy chủ dấu vân tay hoặc chứng chỉ của nó (xem HUONG-DAN.md, phần Đăng site lên máy chủ)
deploy-fault-denied = {$target} không cho ghi hay xóa ({$detail}): hãy kiểm tra quyền của tài khoản với thư mục này (hoặc bucket); chưa tệp nào bị xóa, và lần chạy sau sẽ gửi nốt
deploy-fault-full = {$target} đã hết chỗ ({$detail}): hãy xóa bớt tệp cũ hoặc nâng dung lượng gói lưu trữ; chưa tệp nào bị xóa, và lần chạy sau sẽ gửi nốt
deploy-fault-dropped = Mất kết nối tới {$target} nhiều lần liền ({$detail}): tệp nào đã gửi đều nguyên vẹn; hãy chạy lại `bantin deploy` khi mạng ổn định để gửi nốt
deploy-fault-refused = {$target} từ chối ({$detail}); chưa tệp nào bị xóa
deploy-ftp-no-user = Địa chỉ `{$url}` thiếu tên đăng nhập: hãy viết `ftp://tên-đăng-nhập@máy-chủ/thư-mục` (tên do nhà cung cấp hosting cấp; mật khẩu đặt trong biến môi trường BANTIN_DEPLOY_PASSWORD)
deploy-ca-file-bad = Không đọc được chứng chỉ `{$file}` ({$detail}): `ca_file` phải là tệp PEM (`-----BEGIN CERTIFICATE-----`) mà nhà cung cấp hosting đưa
cli-deploy-progress = {$sent}/{$total} tệp
cli-deploy-retrying = Mất kết nối ({$detail}): thử lại sau {$ms} ms
cli-schedule-round = [{$now}] Đăng theo lịch
cli-schedule-due = Lần đăng tới: {$at}, khi một bài hẹn giờ đến giờ đăng hoặc một thông báo hết hạn (bấm Ctrl-C để dừng)
cli-schedule-check = Lần kiểm tra tới: {$at} (chưa có bài hẹn giờ nào; bấm Ctrl-C để dừng)
deploy-s3-keys-missing = Chưa có khóa S3 để đăng lên {$target}: hãy đặt các biến môi trường AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY (và AWS_SESSION_TOKEN nếu là khóa tạm) trên máy đăng bài, hoặc ghi tên một hồ sơ của ~/.aws/credentials vào AWS_PROFILE; đừng bao giờ ghi khóa vào site.yaml
deploy-s3-bucket-missing = Không có bucket `{$bucket}` ở {$endpoint}: hãy tạo bucket trong trang quản trị của dịch vụ lưu trữ, hoặc sửa tên bucket trong địa chỉ {$target}; chưa gửi gì
deploy-s3-endpoint-bad = Endpoint `{$endpoint}` của `{$url}` phải bắt đầu bằng https:// (chỉ dùng http:// tới chính máy này: 127.0.0.1 hoặc localhost), như trang quản trị của dịch vụ lưu trữ ghi
deploy-s3-option-bad = Không hiểu tùy chọn `{$key}={$value}` của `{$url}`: hãy viết một trong các giá trị {$expected}
deploy-sftp-no-user = Địa chỉ `{$url}` thiếu tên đăng nhập: hãy viết theo mẫu `sftp://tên-đăng-nhập@máy-chủ/thư-mục`
deploy-sftp-host-unknown = Máy này chưa biết khóa máy chủ (host key) của {$target} (dấu vân tay của nó là {$fingerprint}): chưa gửi gì. Hãy hỏi người quản trị máy chủ, hoặc xem trong trang quản lý gói lưu trữ, xem đó có đúng là dấu vân tay của máy chủ của bạn không; nếu đúng, ghi nhận khóa bằng `ssh-keyscan -p {$port} {$host} >> {$file}` (hoặc đăng nhập một lần bằng `ssh -o UserKnownHostsFile={$file} -p {$port} {$user}@{$host}` và trả lời yes), rồi chạy lại `bantin deploy`
deploy-sftp-host-changed = CẢNH BÁO: khóa máy chủ của {$target} không phải khóa đã ghi trong {$file} ở dòng {$line} (dấu vân tay nay là {$fingerprint}). Có thể có kẻ đứng giữa máy này và máy chủ để đọc trộm mật khẩu và tệp (tấn công xen giữa), hoặc máy chủ vừa được cài lại. Chưa gửi gì. Hãy hỏi người quản trị máy chủ; chỉ khi họ xác nhận đã đổi khóa, mới xóa khóa cũ bằng `ssh-keygen -f {$file} -R '{$entry}'` và ghi nhận khóa mới như với một máy chủ mới
cli-deploy-others = {$count} tệp ở {$target} không do bantin gửi và không có trong site (ví dụ `{$example}`): chưa xóa. Nếu đó là trang cũ của site, chạy lại với --delete-others để xóa chúng (tệp ẩn như .htaccess không bao giờ bị xóa); nếu là của site khác, hãy xem lại địa chỉ nơi đăng
deploy-ftps-not-offered = {$target} không có FTP mã hóa (FTPS) ({$detail}): hãy hỏi nhà cung cấp hosting bật FTPS; chỉ khi không có cách nào khác mới dùng `ftp://` (mật khẩu đi qua mạng không mã hóa). Chưa gửi gì
deploy-s3-clock = Kho lưu trữ từ chối vì đồng hồ của máy này lệch quá xa giờ thật ({$detail}): hãy chỉnh ngày giờ của máy (bật đồng bộ giờ tự động) rồi chạy lại; chưa tệp nào bị xóa
deploy-fault-mid-deletions = {$target} từ chối giữa lúc xóa trang cũ ({$detail}): đã xóa {$done}/{$count} tệp; mọi tệp của site đã gửi đủ. Hãy kiểm tra quyền của tài khoản với tệp đó, rồi chạy lại `bantin deploy` để xóa nốt
