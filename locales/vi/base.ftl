# Đọc tệp, YAML và đường dẫn: tầng nền mọi bước đều dùng.
