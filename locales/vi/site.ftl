# Mô hình site: chuyên mục, địa chỉ, phân loại, quá trình dựng.
