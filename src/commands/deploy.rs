//! `bantin deploy`: builds the site as `bantin build` does, then publishes `output/` to a
//! target of `site.yaml`'s `deploy:` (the first, or the one named) or to `--to URL`.

use crate::base::error::Error;
use crate::build::{self, Options};
use crate::msg;
use crate::publish::{self, Progress, Settings};

/// Which target to publish to.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    /// A target of `deploy:` by its name.
    pub name: Option<String>,
    /// An address given on the command line, instead of `deploy:`.
    pub to: Option<String>,
}

/// Builds the site in `options` and deploys it; what the build and the deploy did.
pub fn deploy(
    options: &Options,
    choice: &Choice,
    settings: &Settings,
    progress: &dyn Progress,
) -> Result<(build::Report, publish::Report), Error> {
    let config = crate::config::load(&options.root)?;
    let url = match (&choice.to, &choice.name) {
        (Some(url), _) => url.clone(),
        (None, Some(name)) => match config.deploy.iter().find(|t| &t.name == name) {
            Some(t) => t.url.clone(),
            None => {
                let known: Vec<&str> = config.deploy.iter().map(|t| t.name.as_str()).collect();
                return Err(Error::Usage(msg!(
                    "deploy-target-unknown",
                    name = name.as_str(),
                    known = known.join(", ")
                )));
            }
        },
        (None, None) => match config.deploy.first() {
            Some(t) => t.url.clone(),
            None => return Err(Error::Usage(msg!("deploy-no-target"))),
        },
    };
    let built = build::build(options)?;
    let output = built.output.clone().unwrap_or_else(|| options.output_dir().0);
    let published = publish::deploy(&output, &url, settings, progress)?;
    Ok((built, published))
}
