# Cấu hình site: site.yaml.
