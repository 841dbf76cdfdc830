# Bài viết: front matter, ngày tháng, Markdown.
