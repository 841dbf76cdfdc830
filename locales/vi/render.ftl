# Dựng trang qua các mẫu (template) của giao diện.

render-also-on-pages = {$problem} (và ở {$count} trang khác)
