# Máy chủ xem trước và chế độ theo dõi.
