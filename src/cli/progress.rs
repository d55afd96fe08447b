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

    /// The text that redraws the line at `now` (`\r`, `rendering specs: 120/5000`, and an erase to
    /// the end of the line for when the text got shorter, as from one phase to the next), or
    /// nothing during the first second and between redraws. The last item always redraws.
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
            "\r{}: {}/{}\x1b[K",
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
            Some("\rrendering specs: 3/500\x1b[K")
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
            Some("\rrendering specs: 500/500\x1b[K")
        );
        assert_eq!(line.clear(), Some("\r\x1b[2K"));
    }

    /// Every item of a `seconds`-long run of `total` evenly spaced items, and when the line was drawn.
    fn drawn_during(seconds: u64, total: usize) -> Vec<(Duration, String)> {
        let start = Instant::now();
        let mut line = ProgressLine::new(start);
        let step = Duration::from_secs(seconds) / u32::try_from(total).unwrap();
        (1..=total)
            .filter_map(|done| {
                let at = step * u32::try_from(done).unwrap();
                let progress = Progress {
                    doing: "rendering specs",
                    done,
                    total,
                };
                line.update(progress, start + at).map(|text| (at, text))
            })
            .collect()
    }

    #[test]
    fn a_long_run_shows_the_line_from_its_first_second_on() {
        let drawn = drawn_during(3, 3000);
        // First drawn at one second, while two thirds of the run are still to come.
        assert_eq!(
            drawn[0],
            (
                Duration::from_secs(1),
                "\rrendering specs: 1000/3000\x1b[K".to_owned()
            )
        );
        // Then about ten times a second until the end, which is always drawn.
        assert!((20..=21).contains(&drawn.len()), "{drawn:?}");
        for pair in drawn.windows(2) {
            assert!(pair[1].0 - pair[0].0 >= REDRAW_EVERY || pair[1].1.contains("3000/3000"));
        }
        assert_eq!(
            drawn.last().unwrap().1,
            "\rrendering specs: 3000/3000\x1b[K"
        );
    }

    #[test]
    fn a_run_under_a_second_shows_nothing() {
        assert_eq!(drawn_during(0, 1), Vec::new());
        let start = Instant::now();
        let mut line = ProgressLine::new(start);
        for done in 1..=500 {
            let at = start + Duration::from_millis(done as u64 + 400);
            assert_eq!(line.update(progress(done), at), None);
        }
        assert_eq!(line.clear(), None);
    }

    #[test]
    fn the_second_counts_from_the_start_of_the_run_not_from_the_first_item() {
        let start = Instant::now();
        let mut line = ProgressLine::new(start);
        // The first item finishes late: the line shows at once.
        assert!(
            line.update(progress(1), start + Duration::from_millis(1500))
                .is_some()
        );
    }

    #[test]
    fn each_phase_shows_what_it_does() {
        let start = Instant::now();
        let mut line = ProgressLine::new(start);
        let at = start + Duration::from_secs(2);
        assert!(line.update(progress(500), at).is_some());
        let validating = Progress {
            doing: "validating objects",
            done: 1,
            total: 40,
        };
        assert_eq!(
            line.update(validating, at + REDRAW_EVERY).as_deref(),
            Some("\rvalidating objects: 1/40\x1b[K")
        );
    }
}
