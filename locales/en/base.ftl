# Reading files, YAML and paths: the base layer every stage uses (text.rs, yaml.rs, toml_front.rs, paths.rs, discover.rs, assets.rs).
