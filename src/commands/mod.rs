//! The commands beyond `build`/`check` (which are `build::build` and `build::check`): each
//! keeps or drives a build session and talks to the editor at the terminal or in a browser.
//! `serve` (preview with live reload), `watch` (rebuild `output/` on every save), `new` (start
//! an article), `deploy` (build, then publish through `crate::publish`). The web editor will
//! live here too, beside `serve`.

pub mod deploy;
pub(crate) mod editor;
pub mod new;
pub mod serve;
pub mod watch;
