# The preview server and watch mode (serve.rs, watch.rs).
