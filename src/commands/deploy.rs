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

/// One round of `bantin deploy --schedule`: what it did, and when the site changes next by
/// itself.
pub struct Round {
    pub result: Result<(build::Report, publish::Report), Error>,
    /// When the next round runs.
    pub next: jiff::Zoned,
    /// Whether that is a moment the site changes (a future article's date, a notice's
    /// expiry), not only the regular check.
    pub due: bool,
}

/// `bantin deploy --schedule`: deploys now, then again at each moment the site changes by
/// itself (the next future article's `date:`, the next `expires:`), and at least every
/// `every` (for articles added meanwhile, and Google News' two-day window); `said` is told
/// each round. Runs until the process is stopped.
pub fn schedule(
    options: &Options,
    choice: &Choice,
    settings: &Settings,
    progress: &dyn Progress,
    every: std::time::Duration,
    mut said: impl FnMut(&Round),
) -> ! {
    loop {
        let result = deploy(options, choice, settings, progress);
        // In the site's time zone, as its articles' dates are written.
        let zone = crate::config::load(&options.root).map(|c| c.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
        // A round that failed (the network, the host) is tried again within a minute: an
        // article due meanwhile must not wait for the regular check.
        let every = if result.is_err() { every.min(std::time::Duration::from_secs(60)) } else { every };
        let later = jiff::SignedDuration::try_from(every)
            .ok()
            .and_then(|d| jiff::Timestamp::now().checked_add(d).ok())
            .unwrap_or(jiff::Timestamp::MAX);
        let regular = later.to_zoned(zone);
        let changes = result.as_ref().ok().and_then(|(built, _)| {
            let l = &built.left_out;
            [l.next.clone(), l.next_expiry.clone()].into_iter().flatten().min_by_key(jiff::Zoned::timestamp)
        });
        let (next, due) = match changes {
            Some(at) if at.timestamp() < regular.timestamp() => (at, true),
            _ => (regular, false),
        };
        let round = Round { result, next, due };
        said(&round);
        // A second after the moment, so the build sees it as past.
        let wait = round.next.timestamp().duration_since(jiff::Timestamp::now()) + jiff::SignedDuration::from_secs(1);
        std::thread::sleep(std::time::Duration::try_from(wait).unwrap_or(std::time::Duration::from_secs(1)));
    }
}
