# Articles: front matter, dates, Markdown (content/, markdown.rs).
