# The site model: sections, addresses, taxonomies, the build (site/, build.rs, search.rs).
