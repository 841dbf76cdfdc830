# Site configuration: site.yaml (config.rs).
