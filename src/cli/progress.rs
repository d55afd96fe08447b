//! The progress line of long runs: what `main` shows on a terminal's stderr while a command works
//! on many specs. It only composes the text; `main` decides whether and where to print it.

use std::time::{Duration, Instant};

use crate::fleet::Progress;

/// Runs shorter than this show no progress at all.
const QUIET_FOR: Duration = Duration::from_secs(1);
/// The line is redrawn at most this often.
const REDRAW_EVERY: Duration = Duration::from_millis(100);

/// The state of the progress line: when the run started and when the line was last drawn.
#[derive(Debug, Clone)]
pub struct ProgressLine {
    started: Instant,
    drawn: Option<Instant>,
}

impl ProgressLine {
    /// A line for a run that started at `started`; nothing drawn yet.
    pub fn new(started: Instant) -> Self {
        ProgressLine {
            started,
            drawn: None,
        }
    }

    /// The text that redraws the line at `now` (`\r` + `rendering specs: 120/5000`), or nothing
    /// during the first second and between redraws. The last item always redraws once shown.
    pub fn update(&mut self, progress: Progress, now: Instant) -> Option<String> {
        if now.saturating_duration_since(self.started) < QUIET_FOR {
            return None;
        }
        let last = progress.done == progress.total;
        if !last
            && self
                .drawn
                .is_some_and(|at| now.saturating_duration_since(at) < REDRAW_EVERY)
        {
            return None;
        }
        self.drawn = Some(now);
        Some(format!(
            "\r{}: {}/{}",
            progress.doing, progress.done, progress.total
        ))
    }

    /// The text that clears the line before the command's own output, if it was ever drawn.
    pub fn clear(&self) -> Option<&'static str> {
        self.drawn.map(|_| "\r\x1b[2K")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(done: usize) -> Progress {
        Progress {
            doing: "rendering specs",
            done,
            total: 500,
        }
    }

    #[test]
    fn quiet_for_the_first_second_then_at_most_ten_times_a_second() {
        let start = Instant::now();
        let mut line = ProgressLine::new(start);
        assert_eq!(line.update(progress(1), start), None);
        assert_eq!(
            line.update(progress(2), start + Duration::from_millis(999)),
            None
        );
        assert_eq!(line.clear(), None);

        let shown = start + Duration::from_secs(1);
        assert_eq!(
            line.update(progress(3), shown).as_deref(),
            Some("\rrendering specs: 3/500")
        );
        assert_eq!(
            line.update(progress(4), shown + Duration::from_millis(50)),
            None
        );
        assert!(
            line.update(progress(5), shown + Duration::from_millis(100))
                .is_some()
        );
        assert_eq!(
            line.update(progress(500), shown + Duration::from_millis(101))
                .as_deref(),
            Some("\rrendering specs: 500/500")
        );
        assert_eq!(line.clear(), Some("\r\x1b[2K"));
    }
}
