# Bài viết: front matter, ngày tháng, Markdown.

## Đọc tệp của một bài viết.
content-cannot-read = không đọc được tệp: {$error}
content-no-title = thiếu tiêu đề
content-no-title-hint = hãy thêm một dòng `title: …` vào front matter
content-no-date = thiếu ngày
content-no-date-hint = hãy thêm một dòng như `date: 2023-04-06` (bài viết cần có ngày; cũng có thể dùng `publishDate:` hoặc đặt tên tệp như 2023-04-06-ky-ket.md); nếu content/{$folder} chứa trang riêng chứ không phải tin (giới thiệu, tài liệu), hãy thêm `pages: [{$folder}]` vào site.yaml: trang riêng không cần ngày

## Front matter.
fm-not-closed = front matter chưa được đóng lại
fm-not-closed-hint = hãy kết thúc front matter bằng một dòng `---` trước phần văn bản của bài viết
fm-missing = tệp không có front matter
fm-missing-hint = hãy bắt đầu tệp bằng một dòng `---`, rồi `title: …` và `date: …`, rồi một dòng `---`
fm-misspelled = `{$written}:` ở dòng {$line} có vẻ là `{$key}:` bị viết sai; hãy sửa lại
fm-wrong-type = một giá trị trong front matter bị sai kiểu
fm-wrong-type-hint = hãy kiểm tra: danh sách viết dạng [a, b], còn true, false và số thì không nằm trong dấu ngoặc kép
fm-not-names = {$key}: cần một tên hoặc một danh sách tên
fm-not-names-hint = hãy viết `{$key}: [Giảm nghèo, MTTQ]`, hoặc một tên
fm-invisible-character = {$key}: giá trị chứa ký tự vô hình {$code}, được viết bằng mã thoát như `\x01` hoặc `\u0001`
fm-invisible-character-hint = hãy xoá mã thoát đó: ký tự này không thể đăng lên trang (trình đọc RSS và các trình đọc XML đều không chấp nhận nó)
# {$reason} là một trong các câu date- bên dưới.
fm-bad-date = {$key}: {$reason}
fm-bad-sitemap = sitemap: chỉ nhận `true` hoặc `false`
fm-bad-sitemap-hint = viết `sitemap: false` để bỏ trang này khỏi sơ đồ trang (sitemap)

## Ngày giờ.
date-hint = hãy viết ngày như 2023-04-06, 06/04/2023 hoặc 2023-04-06T08:30:00+07:00
date-empty = ngày đang để trống
date-not-a-date = `{$text}` không phải một ngày
date-not-a-day = `{$text}` không phải một ngày có trên lịch (ngày {$day}, tháng {$month})
date-bad-offset = `{$offset}` trong `{$text}` không phải độ lệch múi giờ (hãy viết như +0700 hoặc +07:00)
date-bad-time = `{$time}` trong `{$text}` không phải giờ hợp lệ
# {$detail} là lời của thư viện xử lý ngày giờ, bằng tiếng Anh.
date-not-in-zone = `{$text}` không tồn tại ở múi giờ của site: {$detail}

## Liên kết và ảnh trong văn bản Markdown.
md-script-address = `{$address}` là địa chỉ {$scheme}:, loại địa chỉ chạy chương trình trong trình duyệt của người đọc
md-local-path = `{$address}` là đường dẫn trên một máy tính riêng, người đọc không mở được
md-refused-scheme = `{$address}` là địa chỉ {$scheme}:, không dùng được ở đây
md-outside-content = `{$dest}` trỏ ra ngoài content/
md-link-unpublished = `{$dest}` liên kết tới {$target}, một bản nháp hoặc bài hẹn giờ đăng: liên kết chưa dùng được cho tới khi bài đó được đăng
md-link-unpublished-hint = hãy đăng bài đó, hoặc để sau này mới thêm liên kết
md-link-missing = `{$dest}` liên kết tới {$target}, tệp này không tồn tại
md-file-missing = `{$dest}` trỏ tới {$target}, tệp này không tồn tại
md-missing-image-hint = hãy đặt ảnh cạnh bài viết (cùng thư mục), hoặc sửa lại tên tệp
md-missing-image-case-hint = có tệp {$file}: hãy viết đúng chữ hoa/thường như tên tệp
md-missing-image-near-hint = cùng thư mục có tệp {$file}, tên gần giống: nếu là ảnh đó, hãy viết đúng tên tệp như vậy
md-missing-link-hint = hãy sửa đường dẫn (tính từ tệp này), hoặc bỏ liên kết
md-refused-image-hint = hãy dùng một tệp ảnh cạnh bài viết, hoặc một địa chỉ http:// hay https://
md-refused-link-hint = hãy liên kết bằng địa chỉ http:// hoặc https://, một đường dẫn trong site này, hoặc mailto:
md-anchor-missing = `{$anchor}` liên kết tới một chỗ trong bài này, nhưng trong bài không có đề mục hay phần nào mang neo đó
md-anchor-missing-hint = hãy dùng một trong các neo của đề mục: {$anchors}
md-anchor-missing-no-headings-hint = bài không có đề mục nào để liên kết tới; hãy thêm một đề mục (## …) hoặc bỏ dấu `#`
md-curly-quotes = địa chỉ `{$dest}` nằm giữa hai dấu ngoặc kép cong, trình duyệt coi chúng là một phần của địa chỉ nên liên kết không dẫn tới đâu
md-curly-quotes-hint = hãy dùng dấu ngoặc kép thẳng, hoặc bỏ hẳn: `{$inner}` (Word thường tự đổi " thành “ ”)
md-mathjax = `{$formula}` là công thức viết cho MathJax hay KaTeX, những script mà bantin không dùng: nó sẽ hiện nguyên dạng chữ
md-mathjax-hint = hãy viết công thức giữa hai dấu `$` trong dòng, không có dấu cách ngay sát bên trong (`$x^2$`), hoặc giữa hai dòng `$$` nếu đứng riêng: bantin sẽ dựng thành công thức hiện được mà không cần script
md-page-anchor-missing = `{$anchor}` liên kết tới một chỗ trong {$page}, nhưng bài đó không có đề mục hay phần nào mang neo này
md-anchor-folded-hint = bantin viết neo của đề mục đó là {$id}: hãy viết như vậy
md-file-in-static-hint = thư mục static/ của site có tệp này, ở đường dẫn `{$site_path}` trên site: hãy viết như vậy
fm-comment-cut = {$key}: phần sau ` #` bị coi là chú thích và bỏ đi, nên {$key} chỉ còn `{$kept}`
fm-comment-cut-hint = hãy đặt cả giá trị trong dấu ngoặc kép: `{$key}: "{$whole}"`
md-template-code = `{$code}` là mã mẫu của một trình tạo site khác (Liquid của Jekyll, shortcode của Hugo): bantin sẽ đăng nó nguyên dạng văn bản
md-template-code-more = và còn {$count} đoạn mã mẫu khác trong tệp này, cũng bị đăng nguyên dạng văn bản
md-template-liquid-hint = hãy thay bằng Markdown (ảnh: `![chú thích](anh.jpg)`; liên kết tới bài: `[tiêu đề](../tin-tuc/bai.md)`), hoặc đặt trong dấu backtick nếu muốn người đọc thấy nó như mã
md-template-shortcode-hint = shortcode chỉ được chạy khi giao diện (theme) nạp được: hãy sửa các lỗi của giao diện ở trên trước
md-link-space = `{$link}` bị đăng thành chữ chứ không thành liên kết: CommonMark không cho phép dấu cách trong địa chỉ liên kết (kramdown thì cho)
md-link-space-hint = hãy viết `{$fixed}` (đặt địa chỉ giữa < và >), hoặc thay mỗi dấu cách bằng %20
md-ial-unread = `{$text}` là một dòng thuộc tính của kramdown mà bantin không đọc được: dòng này được bỏ khỏi trang
md-ial-unread-hint = hãy viết `{"{"}: #neo .lop{"}"}` (một neo, các lớp, hoặc ten="giá trị") ngay dòng dưới đề mục hay đoạn văn cần gắn
md-ial-attribute = không thể đặt `{$name}` bằng dòng thuộc tính của kramdown (nó chạy mã, đặt kiểu trình bày hoặc là một địa chỉ): thuộc tính này được bỏ đi
md-ial-attribute-hint = hãy giữ neo (#…) và các lớp (.…); kiểu trình bày thuộc về CSS của giao diện
md-ial-alone = `{$text}` không gắn với đề mục, đoạn văn, danh sách, trích dẫn hay bảng nào: dòng này được bỏ đi
md-ial-alone-hint = hãy đặt nó ngay dòng dưới khối cần gắn (hoặc ngay dòng trên, sau một dòng trống)
md-ial-toc = mục lục của kramdown (một danh sách và dòng `{"{"}:toc{"}"}` bên dưới) được bỏ đi: giao diện tự hiện mục lục cho bài có từ ba đề mục trở lên
md-ial-toc-hint = hãy xoá danh sách đó và dòng `{"{"}:toc{"}"}`
md-ial-span = `{$text}` sau một chữ là danh sách thuộc tính của kramdown, bantin chỉ đọc khi nó nằm riêng một dòng: nó bị đăng nguyên dạng văn bản
md-ial-span-hint = hãy xoá nó, hoặc gắn thuộc tính cho cả đoạn bằng một dòng ngay bên dưới: `{"{"}: .lop{"}"}`
md-kramdown-comment-unclosed = ghi chú kramdown này không bao giờ được đóng: nó bị đăng nguyên dạng văn bản
md-kramdown-comment-hint = hãy kết thúc nó bằng `{"{"}:/comment{"}"}`
md-math-unread = không đọc được công thức `{$formula}` ({$reason}): nó được hiện dưới dạng mã
md-math-unread-hint = hãy kiểm tra LaTeX (mọi dấu ngoặc nhọn đều đóng, lệnh viết đúng); dấu đô la không phải công thức thì viết \$
photo-hint = hãy mở ảnh bằng một chương trình sửa ảnh và xuất lại dạng JPEG (hoặc PNG nếu là hình vẽ), rồi lưu đè lên tệp này
photo-cannot-read = không đọc được ảnh: {$reason}
photo-cannot-write = không ghi được các cỡ ảnh vào thư mục tạm (.bantin-cache/): {$reason}
photo-cannot-resize = không đổi được cỡ ảnh: {$reason}
photo-too-large = ảnh có {$width}×{$height} điểm ảnh, quá {$max} triệu điểm mà bantin đọc (ảnh toàn cảnh quá lớn, hoặc tệp hỏng)
photo-too-large-alloc = ảnh cần nhiều bộ nhớ hơn mức bantin cho phép với một ảnh (tệp hỏng, hoặc lớn hơn nhiều so với ảnh máy chụp)
photo-unsupported = bantin không đọc được loại ảnh này: {$reason}
photo-broken = ảnh bị hỏng hoặc không đúng loại như tên tệp: {$reason}
photo-heic = ảnh HEIC (dạng iPhone lưu), phần lớn trình duyệt không hiển thị được
photo-heic-hint = hãy xuất ảnh dạng JPEG (trên iPhone: Cài đặt → Camera → Định dạng → Tương thích nhất; trên máy tính: mở ảnh rồi xuất dạng JPEG), và liên kết tới tệp .jpg
photo-cache-hint = hãy kiểm tra ổ đĩa còn chỗ trống và thư mục site ghi được
photo-unsupported-hint = ảnh được đăng nguyên như cũ, không có các cỡ nhỏ hơn; hãy xuất lại dạng JPEG để có chúng
photo-used-broken = không đăng được ảnh {$file}: {$problem}
photo-cut-short = ảnh bị hỏng: tệp bị cụt, kết thúc giữa chừng — tệp chưa được chép trọn vẹn
photo-cut-short-hint = hãy chép lại ảnh từ bản gốc (máy ảnh, điện thoại, thư của phóng viên) rồi lưu đè lên tệp này
photo-no-end = tệp PNG thiếu phần kết thúc của tệp (dấu IEND); ảnh vẫn đủ nên vẫn được đăng, trình duyệt hiển thị được
photo-no-end-hint = để hết cảnh báo này, hãy mở ảnh bằng một chương trình xem hay sửa ảnh rồi lưu lại (lưu đè lên tệp này)
photo-crashed = bantin không làm được các cỡ của ảnh này (bộ giải mã hoặc mã hoá ảnh bị lỗi: {$reason})
photo-cannot-encode = không tạo được tệp {$format} của ảnh: {$reason}
photo-animated = ảnh động: được đăng nguyên như cũ, không có các cỡ nhỏ hơn, để ảnh vẫn chuyển động
photo-animated-hint = mọi người đọc đều phải tải cả tệp: hãy giữ tệp nhỏ; nếu ảnh không cần chuyển động, hãy xuất lại dạng JPEG để có các cỡ

## Shortcodes: {"{{"}< youtube … >{"}}"}, {"{{"}< note >{"}}"}…{"{{"}< /note >{"}}"}
sc-close-without-open = `{"{{"}< /{$name} >{"}}"}` đóng một khối `{$name}` chưa được mở
sc-close-without-open-hint = hãy xoá nó, hoặc viết `{"{{"}< {$name} >{"}}"}` ở chỗ khối bắt đầu
sc-unclosed = `{"{{"}< {$name} >{"}}"}` được mở ở đây nhưng không bao giờ được đóng
sc-unclosed-hint = hãy viết `{"{{"}< /{$name} >{"}}"}` trên một dòng riêng ở chỗ khối kết thúc
sc-tag-unclosed = một shortcode bắt đầu ở đây nhưng `{"{{"}<` của nó không được đóng
sc-tag-unclosed-hint = hãy kết thúc bằng `{$close}` trên cùng dòng, ví dụ `{"{{"}< youtube dQw4w9WgXcQ >{"}}"}`
sc-no-name = shortcode không có tên
sc-no-name-hint = hãy viết tên trước: `{"{{"}< youtube dQw4w9WgXcQ >{"}}"}`; muốn hiện dấu ngoặc như văn bản thì viết `{"{{"}</* … */>{"}}"}`
sc-quote-unclosed = một dấu ngoặc kép trong shortcode này không được đóng
sc-quote-unclosed-hint = hãy đóng ngoặc kép cho từng giá trị: `title="Kế hoạch số 93"`
sc-decl-invalid = không đọc được phần khai báo ở đầu shortcode này: {$reason}
sc-decl-invalid-hint = các khoá là required, optional, files, body (none, optional hoặc required), aliases và description, mỗi khoá một dòng giữa `{"{"}#-` và `-#{"}"}`
sc-render-error = mẫu của shortcode bị lỗi: {$error}
sc-render-error-hint = hãy đối chiếu các tham số viết ở đây với mẫu của `{$name}` (trong thư mục shortcodes/ của site hoặc của giao diện)
sc-unknown = không có shortcode `{$name}`
sc-unknown-hint = các shortcode hiện có: {$names}; site có thể thêm shortcode riêng tại shortcodes/<tên>.html (một mẫu Tera)
sc-unknown-did-you-mean = có phải bạn muốn viết `{$name}`? Các shortcode hiện có: {$names}
sc-takes-no-args-hint = `{$name}` không nhận tham số nào
sc-args-hint = `{$name}` nhận các tham số: {$args}
sc-too-many-args = thừa một tham số cho `{$name}`: `{$value}`
sc-unknown-arg = `{$name}` không có tham số `{$arg}`
sc-missing-arg = `{$name}` cần tham số `{$arg}`
sc-file-missing-hint = hãy đặt tệp cạnh bài viết (hoặc trong static/) và viết tên tệp, ví dụ `src="ke-hoach-93.pdf"`
sc-dir-empty = thư mục `{$dir}` không có ảnh nào
sc-dir-empty-hint = hãy viết đường dẫn thư mục tính từ bài viết (`dir="anh-hoi-nghi/"`), hoặc liệt kê các ảnh giữa `{"{{"}< album >{"}}"}` và `{"{{"}< /album >{"}}"}`
sc-hugo-highlight-hint = `highlight` là shortcode của Hugo: hãy viết khối mã có rào thay thế, ``` kèm tên ngôn ngữ (```python), rồi mã, rồi ```
sc-hugo-embed-hint = `{$name}` là shortcode của Hugo, bantin không nhúng (nó sẽ tải mã của trang khác cùng trang của bạn): hãy viết một liên kết thường tới bài hay video đó
sc-hugo-param-hint = `param` là shortcode của Hugo: hãy viết thẳng giá trị vào bài
sc-hugo-inline-hint = shortcode nội tuyến của Hugo (mẫu viết ngay trong bài) không được chạy: hãy viết kết quả bằng Markdown, hoặc tạo một shortcode của site trong shortcodes/
sc-unknown-did-you-mean-short = có phải bạn muốn viết `{$name}`?
sc-unknown-again-hint = xem danh sách shortcode ở trên; site có thể thêm shortcode riêng tại shortcodes/<tên>.html
photo-used-broken-more = còn {$count} chỗ khác cũng dùng ảnh này; sửa ảnh là sửa được tất cả
md-fence-unclosed = khối mã (```) này không được đóng: phần còn lại của bài sẽ hiện như mã
md-fence-unclosed-hint = hãy kết thúc khối mã bằng một dòng rào giống lúc mở (```) ở chỗ mã dừng
html-script = thẻ <script> trong bài: mã chạy (script) trong bài viết bị bỏ khỏi trang
html-handler = `{$name}=` chạy mã khi người đọc bấm hoặc khi trang mở: thuộc tính này bị bỏ khỏi trang
html-srcdoc = `<iframe srcdoc>` viết một trang có mã chạy riêng: thuộc tính này bị bỏ khỏi trang
html-script-hint = hãy nhúng bằng <iframe> có src là địa chỉ https:// (mã "nhúng" của Facebook, YouTube, Google Maps đều có); nếu mọi người viết bài của site đều tin cậy được, cho phép mã chạy bằng `allow_scripts: true` trong site.yaml
html-base = `<base>` sẽ đổi nơi mọi liên kết của trang dẫn tới: thẻ này bị bỏ
html-base-hint = hãy xoá thẻ này; viết liên kết đầy đủ (https://…) hoặc đường dẫn trong site
html-refresh = `<meta http-equiv="refresh">` sẽ chuyển người đọc sang trang khác: thẻ này bị bỏ
html-refresh-hint = hãy xoá thẻ này; để giữ địa chỉ cũ của một bài, ghi nó dưới `aliases:` trong phần đầu bài
html-link-animation = hiệu ứng SVG đổi địa chỉ của liên kết: bị bỏ
html-link-animation-hint = hãy xoá <animate> hoặc <set>; ghi địa chỉ của liên kết bằng href
html-odd-attribute = `{$name}` không phải thuộc tính: bị bỏ khỏi thẻ
html-odd-attribute-hint = hãy kiểm tra dấu nháy của thẻ (thừa một dấu nháy, như alt="a"", sẽ sinh ra nó)
html-unclosed = thẻ HTML này không đóng bằng `>`: trình duyệt sẽ đọc phần bài sau nó như một phần của thẻ
html-unclosed-hint = hãy kết thúc thẻ bằng `>` (hoặc `/>`), hoặc xoá thẻ
sc-too-deep = các shortcode lồng vào nhau sâu hơn {$depth} tầng: phần sâu hơn không được hiển thị
sc-too-deep-hint = hãy đóng mỗi `{"{{"}< {$name} >{"}}"}` bằng `{"{{"}< /{$name} >{"}}"}` ở chỗ nội dung của nó kết thúc; một shortcode không được đóng sẽ ôm mọi thứ sau nó
sc-bad-time = `{$arg}="{$value}"` không phải một thời điểm trong video
sc-bad-time-hint = hãy ghi số giây ({$arg}="90") hoặc phút:giây ({$arg}="1:30")
md-not-a-photo = `{$dest}` không phải ảnh (JPEG, PNG, WebP hoặc GIF), loại mà Facebook và Zalo hiển thị khi bài được chia sẻ
sc-in-tag = shortcode nằm trong một thẻ HTML hoặc trong tiêu đề của liên kết không được hiển thị: ở đó không kiểm tra được thứ nó tạo ra
sc-in-tag-hint = hãy đặt nó ra ngoài thẻ; nếu cần một địa chỉ, hãy viết thẳng đường dẫn tới tệp hoặc tới tệp .md của bài
html-file-script-hint = tệp này được đăng nguyên như cũ và chạy trên chính địa chỉ của site: hãy xoá phần mã chạy (ảnh SVG hay trang HTML không cần nó để hiển thị), hoặc, nếu mọi người viết bài của site đều tin cậy được, cho phép mã chạy bằng `allow_scripts: true` trong site.yaml

## Ghi tệp của site (bantin new, trình soạn bài trên web): content/write.rs.
# {$reason} là một trong các thông báo write- ngay dưới đây.
write-not-in-site = không ghi được `{$path}`: {$reason}
write-absolute = đó là đường dẫn tuyệt đối; hãy ghi một đường dẫn trong site, như content/tin-tuc/bai.md
write-bad-character = nó có dấu `\` hoặc ký tự NUL, không đường dẫn nào của site được có
write-other-folder = bantin chỉ ghi vào trong content/ và static/
write-dots = nó có một phần trống, `.` hoặc `..`; hãy ghi một đường dẫn thường, như content/tin-tuc/bai.md
write-no-file = nó là chính thư mục, không phải một tệp trong thư mục
write-outside = {$path} dẫn ra ngoài thư mục của site (một symlink?); hãy chọn thư mục khác
write-link = {$path} là một symlink; bantin không ghi qua symlink: hãy sửa tệp mà nó trỏ tới
write-exists = {$path} đã có; bantin không ghi đè lên
write-not-text = {$path} không phải tệp văn bản UTF-8
write-no-front-matter = {$path} không có front matter, hoặc front matter chưa được đóng bằng một dòng `---`
write-not-yaml = {$path}: front matter được viết bằng {$format}; bantin chỉ sửa từng khóa khi front matter nằm giữa hai dòng `---`, nên hãy sửa cả tệp
# {$reason} là chỗ sai của front matter, như bantin báo khi dựng site.
write-unreadable = {$path}:{$line}: không đọc được front matter như hiện có ({$reason}); hãy sửa nó trước khi đổi một khóa
write-key = không đổi được `{$key}`: {$reason}
write-key-not-name = đó không phải tên khóa thường (chữ cái, chữ số, `_`, `-` và `.`)
write-key-form = nó được viết theo cách bantin không sửa (trong ngoặc kép, hoặc trong một mapping `{"{"}…{"}"}`); hãy sửa bằng tay
write-key-other-keys = đổi nó sẽ làm đổi cả khóa khác hoặc phần bài (một anchor `&` hay alias `*`?); hãy sửa bằng tay
write-invisible = {$key}: giá trị có ký tự vô hình {$code}, không đăng được; hãy xoá nó
write-io = không ghi được {$path}: {$reason}
md-link-other-edition = `{$dest}` liên kết tới {$target}, một trang của ấn bản khác của site
md-link-other-edition-hint = một trang dẫn tới bản dịch của nó bằng nút chọn ngôn ngữ; nếu vẫn muốn liên kết tới trang đó, hãy ghi địa chỉ của nó tính từ gốc site (`/en/…`)
