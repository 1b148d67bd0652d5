//! The heading-number counter: what number each heading level expects
//! next, in the numbering scope in force. The document model runs it once
//! over the blocks; it decides which ambiguous and run-in markers are
//! headings, and records for every heading how its number fits
//! ([`Sequence`]). Rules read that verdict; none keeps a counter of its own.
//!
//! Two styles are both correct for the levels below the first
//! (GB/T 9704 does not choose): numbers that restart under each new parent
//! (`一、（一）（二）二、（一）`) and numbers that run on through the whole
//! document (`一、（一）（二）二、（三）`), usual in central documents. The
//! first change of parent shows which one a document uses; from then on the
//! other is a break. Until then either is accepted.

use crate::document::segment::{LEVELS, Marker};

/// How a level's numbers continue when its parent changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Continuation {
    /// Not seen yet: the first change of parent decides.
    #[default]
    Unknown,
    /// `（一）` again under each new `一、`.
    Restarts,
    /// `（四）` after `（三）` though the parent changed.
    RunsOn,
}

/// How a heading's number fits the numbering in force where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sequence {
    /// The number expected, or one that cannot be judged (it follows a
    /// paragraph Word numbers itself, so the number before it is unseen).
    InOrder,
    /// The same number as the heading before it at this level.
    Repeated,
    /// Lower than the last number at this level (`（五）` … `（二）`).
    Backwards { last: u32 },
    /// Numbers skipped (`（二）` … `（四）`).
    Gap { last: u32 },
    /// The first heading at its level under its parent, but not number one.
    MissingFirst,
    /// The first heading of an excerpt that starts mid-way: nothing above
    /// it at any level, and its number is not one.
    StartsMidway,
    /// The document restarts this level under each new parent, but here
    /// the number runs on from the previous parent.
    NotRestarted { before: u32 },
    /// The document runs this level on through parents, but here it starts
    /// again at one.
    NotRunOn { before: u32 },
}

#[derive(Debug, Clone, Copy, Default)]
struct LevelCount {
    /// The last number under the current parent; 0 = none yet.
    last: u32,
    /// After a break, the number the last heading stood in place of: the
    /// next heading may follow either (`三、三、五、`: the second 三 stands
    /// for 四; `一、二、二、三、`: the second 二 is a copy). One defect is
    /// one finding.
    in_place_of: u32,
    /// The last number under the previous parent(s): where a run-on
    /// number would continue from.
    before_parent: u32,
    continuation: Continuation,
    /// Under a parent of another scheme (`第三条`, `4.2`): the next number
    /// may restart or run on without deciding the document's style.
    lenient: bool,
}

/// One counter for all heading levels of one numbering scope.
#[derive(Debug, Clone)]
pub struct NumberingCounter {
    levels: [LevelCount; LEVELS],
    /// No heading yet in this scope.
    fresh: bool,
    /// The scope's first heading was not number one: an excerpt that
    /// starts mid-way, where any level may first appear past its one.
    midway: bool,
    /// The next heading follows a paragraph Word numbers itself.
    unseen_number: bool,
}

fn slot(marker: &Marker) -> usize {
    usize::from(marker.style.level()) - 1
}

impl Default for NumberingCounter {
    fn default() -> Self {
        Self::new()
    }
}

impl NumberingCounter {
    pub fn new() -> Self {
        Self {
            levels: [LevelCount::default(); LEVELS],
            fresh: true,
            midway: false,
            unseen_number: false,
        }
    }

    /// A new numbering scope (a 附件, a 注 block, a forwarded document):
    /// every level starts again and the style is decided anew.
    pub fn reset(&mut self) {
        *self = Self::new();
    }

    /// A parent of another scheme (`第三条`, `第二章`, `4.2`): the heading
    /// levels under it may start again at one or run on.
    pub fn enter_other_scheme(&mut self) {
        for level in &mut self.levels {
            if level.last > 0 {
                level.before_parent = level.last;
            }
            level.last = 0;
            level.lenient = true;
        }
    }

    /// A paragraph Word numbers itself: its number is not in the text.
    pub fn skip_unseen_number(&mut self) {
        self.unseen_number = true;
    }

    /// Whether `marker`'s number is one this level expects next: the run-in
    /// markers and the markers whose heading text starts with a numeral
    /// (`二、一张蓝图`) are taken as headings only then.
    pub fn expects(&self, marker: &Marker) -> bool {
        let level = &self.levels[slot(marker)];
        let n = marker.number;
        if level.last > 0 {
            return n == level.last + 1 || (level.in_place_of > 0 && n == level.in_place_of + 1);
        }
        if level.before_parent == 0 {
            return n == 1;
        }
        let restart = n == 1;
        let run_on = n == level.before_parent + 1;
        match (level.continuation, level.lenient) {
            (_, true) | (Continuation::Unknown, _) => restart || run_on,
            (Continuation::Restarts, false) => restart,
            (Continuation::RunsOn, false) => run_on,
        }
    }

    /// Whether `marker` continues numbers already seen at its level: the
    /// markers that otherwise read as a decimal (`22.4个国铁` after `21.`,
    /// but `1.5亿元` opening a paragraph) are headings only then.
    pub fn continues(&self, marker: &Marker) -> bool {
        let level = &self.levels[slot(marker)];
        (level.last > 0 || level.before_parent > 0) && marker.number > 1 && self.expects(marker)
    }

    /// Whether `marker` is the next number after one already seen under the
    /// same parent: a heading run into the middle of a line is taken only
    /// then, the strictest evidence, since prose is full of `。三、`.
    pub fn follows_directly(&self, marker: &Marker) -> bool {
        let level = &self.levels[slot(marker)];
        level.last > 0 && marker.number == level.last + 1
    }

    /// Record a heading and say how its number fits.
    pub fn record(&mut self, marker: &Marker) -> Sequence {
        let index = slot(marker);
        let unseen = std::mem::take(&mut self.unseen_number);
        let sequence = if unseen || self.expects(marker) {
            Sequence::InOrder
        } else {
            self.judge(marker)
        };
        let in_place_of = match sequence {
            Sequence::InOrder | Sequence::StartsMidway => 0,
            _ => self.expected_number(marker),
        };
        let was_fresh = std::mem::take(&mut self.fresh);
        self.midway |= sequence == Sequence::StartsMidway;
        let level = &mut self.levels[index];
        let n = marker.number;
        // The first number after a change of parent shows the style.
        if level.last == 0 && level.before_parent > 0 && !level.lenient && !was_fresh {
            if n == 1 && level.continuation == Continuation::Unknown {
                level.continuation = Continuation::Restarts;
            } else if n == level.before_parent + 1 {
                level.continuation = match level.continuation {
                    Continuation::Unknown => Continuation::RunsOn,
                    kept => kept,
                };
            }
        }
        level.last = n;
        level.in_place_of = in_place_of;
        level.lenient = false;
        for deeper in &mut self.levels[index + 1..] {
            if deeper.last > 0 {
                deeper.before_parent = deeper.last;
            }
            deeper.last = 0;
            deeper.in_place_of = 0;
        }
        sequence
    }

    /// The number a heading at `marker`'s level should have had here.
    fn expected_number(&self, marker: &Marker) -> u32 {
        let level = &self.levels[slot(marker)];
        if level.last > 0 {
            level.last + 1
        } else if level.continuation == Continuation::RunsOn && !level.lenient {
            level.before_parent + 1
        } else {
            1
        }
    }

    fn judge(&self, marker: &Marker) -> Sequence {
        let level = &self.levels[slot(marker)];
        let n = marker.number;
        if level.last > 0 {
            return if n == level.last {
                Sequence::Repeated
            } else if n < level.last {
                Sequence::Backwards { last: level.last }
            } else {
                Sequence::Gap { last: level.last }
            };
        }
        if self.fresh {
            return Sequence::StartsMidway;
        }
        let before = level.before_parent;
        if before == 0 {
            // In an excerpt, a level first seen past its one (`（三）…二、`)
            // lost its beginning with the rest: already noted once.
            return if self.midway {
                Sequence::InOrder
            } else {
                Sequence::MissingFirst
            };
        }
        match (level.continuation, level.lenient) {
            (Continuation::Restarts, false) if n == before + 1 => Sequence::NotRestarted { before },
            (Continuation::RunsOn, false) if n == 1 => Sequence::NotRunOn { before },
            (Continuation::RunsOn, false) if n <= before => Sequence::Backwards { last: before },
            (_, _) if n > before + 1 && level.continuation != Continuation::Restarts => {
                Sequence::Gap { last: before }
            }
            _ => Sequence::MissingFirst,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::TextRange;
    use crate::document::segment::MarkerStyle;

    fn marker(style: MarkerStyle, number: u32) -> Marker {
        Marker {
            style,
            number,
            range: TextRange::new(0, 1),
            halfwidth: false,
        }
    }

    /// The verdicts for a run of (level, number) headings, 1 = `一、`,
    /// 2 = `（一）`, 3 = `1.`.
    fn run(headings: &[(u8, u32)]) -> Vec<Sequence> {
        let mut counter = NumberingCounter::new();
        headings
            .iter()
            .map(|&(level, n)| {
                let style = match level {
                    1 => MarkerStyle::HanComma,
                    2 => MarkerStyle::HanParen,
                    3 => MarkerStyle::ArabicDot,
                    _ => MarkerStyle::ArabicParen,
                };
                counter.record(&marker(style, n))
            })
            .collect()
    }

    fn breaks(headings: &[(u8, u32)]) -> Vec<(usize, Sequence)> {
        run(headings)
            .into_iter()
            .enumerate()
            .filter(|(_, s)| *s != Sequence::InOrder)
            .collect()
    }

    #[test]
    fn restarting_and_running_on_are_both_in_order() {
        assert!(breaks(&[(1, 1), (2, 1), (2, 2), (1, 2), (2, 1), (2, 2)]).is_empty());
        assert!(breaks(&[(1, 1), (2, 1), (2, 2), (1, 2), (2, 3), (1, 3), (2, 4)]).is_empty());
        // The first parent may have no children at all.
        assert!(breaks(&[(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (2, 3)]).is_empty());
    }

    #[test]
    fn mixing_the_two_styles_is_a_break() {
        assert_eq!(
            breaks(&[(1, 1), (2, 1), (2, 2), (1, 2), (2, 1), (1, 3), (2, 2)]),
            vec![(6, Sequence::NotRestarted { before: 1 })]
        );
        assert_eq!(
            breaks(&[(1, 1), (2, 1), (2, 2), (1, 2), (2, 3), (1, 3), (2, 1)]),
            vec![(6, Sequence::NotRunOn { before: 3 })]
        );
    }

    #[test]
    fn gaps_repeats_and_going_backwards() {
        assert_eq!(
            breaks(&[(1, 1), (2, 1), (2, 2), (2, 4)]),
            vec![(3, Sequence::Gap { last: 2 })]
        );
        assert_eq!(
            breaks(&[(1, 1), (2, 1), (2, 1)]),
            vec![(2, Sequence::Repeated)]
        );
        assert_eq!(
            breaks(&[(1, 1), (2, 1), (2, 2), (2, 3), (2, 1)]),
            vec![(4, Sequence::Backwards { last: 3 })]
        );
        assert_eq!(breaks(&[(1, 1), (2, 3)]), vec![(1, Sequence::MissingFirst)]);
    }

    #[test]
    fn one_defect_is_one_finding() {
        // The second 三、 stands for 四、: 五、 follows it.
        assert_eq!(
            breaks(&[(1, 1), (1, 2), (1, 3), (1, 3), (1, 5)]),
            vec![(3, Sequence::Repeated)]
        );
        // A copied 二、: 三、 follows the first.
        assert_eq!(
            breaks(&[(1, 1), (1, 2), (1, 2), (1, 3)]),
            vec![(2, Sequence::Repeated)]
        );
        assert_eq!(
            breaks(&[(1, 1), (1, 2), (1, 4), (1, 5)]),
            vec![(2, Sequence::Gap { last: 2 })]
        );
    }

    #[test]
    fn an_excerpt_that_starts_mid_way() {
        assert_eq!(
            breaks(&[(2, 3), (2, 4), (1, 2), (2, 1)]),
            vec![(0, Sequence::StartsMidway)]
        );
    }

    #[test]
    fn another_scheme_lets_levels_restart_or_run_on() {
        let mut counter = NumberingCounter::new();
        let paren = |n| marker(MarkerStyle::HanParen, n);
        assert_eq!(counter.record(&paren(1)), Sequence::InOrder);
        assert_eq!(counter.record(&paren(2)), Sequence::InOrder);
        counter.enter_other_scheme();
        assert_eq!(counter.record(&paren(1)), Sequence::InOrder);
        counter.enter_other_scheme();
        assert_eq!(counter.record(&paren(2)), Sequence::InOrder);
    }

    #[test]
    fn a_number_after_an_auto_numbered_paragraph_is_not_judged() {
        let mut counter = NumberingCounter::new();
        counter.record(&marker(MarkerStyle::HanComma, 1));
        counter.skip_unseen_number();
        assert_eq!(
            counter.record(&marker(MarkerStyle::HanComma, 3)),
            Sequence::InOrder
        );
    }
}
