# Ghi trang ra đĩa: những chỗ bantin không ghi, và vì sao.

output-path-not-plain = đó không phải một đường dẫn bình thường bên trong thư mục kết quả
output-path-leaves = đường dẫn sẽ ra ngoài thư mục kết quả, hoặc không chỉ tới tệp nào
output-path-hidden = tên bắt đầu bằng `.` là tên ẩn, và bantin dùng những tên đó cho tệp riêng của mình
output-path-too-long = một phần của đường dẫn dài hơn {$max} byte, mức tối đa của một tên tệp
output-is-site = đó chính là thư mục của site; hãy dùng một thư mục bên trong, như output/
output-holds-site = thư mục đó chứa thư mục site {$site}; hãy dùng một thư mục bên trong site, như output/
output-holds-sources = thư mục đó chứa các tệp gốc của site (content/ hoặc themes/); hãy dùng một thư mục trống
output-inside-sources = thư mục đó nằm trong {$folder}/, nên các tệp kết quả sẽ bị đăng lại lần nữa
output-holds-folder = thư mục đó chứa thư mục {$folder}/ của site ({$real}); hãy dùng một thư mục trống
output-outside-site = thư mục đó nằm ngoài site; hãy ghi rõ bằng --output để xác nhận
output-is-file = đó là một tệp, không phải thư mục
output-not-ours = thư mục không trống và không do bantin tạo ra (không có tệp {$marker}); hãy làm trống nó hoặc chọn thư mục khác
output-no-parent = {$path} không có thư mục cha
output-nul = {$path}: đường dẫn chứa ký tự NUL
