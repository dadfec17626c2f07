//! `almanac diff --mermaid`: a Mermaid gantt chart of the campaigns whose
//! dates changed, that were added or removed, appended to the Markdown
//! diff as a ```` ```mermaid ```` block, which GitHub draws in a pull
//! request's comment. Each campaign is a section; a moved one has its old
//! bar (`done`, grey) above its new one (`active`), so the move shows at a
//! glance. Written with the timeline's writer (`emit::mermaid`), so the
//! plan's names are escaped the same way.

use crate::emit::mermaid::Gantt;
use crate::locale::words;
use crate::model::DateRange;

use super::Diff;

/// The ```` ```mermaid ```` block, or `None` when no campaign's dates changed.
pub fn render_mermaid(d: &Diff) -> Option<String> {
    if d.moved.is_empty() {
        return None;
    }
    let w = words(d.locale);
    let mut g = Gantt::new(w.campaigns_moved, w.campaigns_moved, w.generated_from);
    let label = |word: &str, r: DateRange| format!("{word} {} – {}", r.start, r.end);
    for (i, m) in d.moved.iter().enumerate() {
        let n = i + 1;
        g.section(&m.name, &m.id);
        match (m.old, m.new) {
            (Some(old), Some(new)) => {
                let before = label(w.dates_before, old);
                g.bar(
                    &before,
                    &before,
                    &["done"],
                    &format!("old{n}"),
                    old.start,
                    old.end,
                );
                let after = label(w.dates_after, new);
                g.bar(
                    &after,
                    &after,
                    &["active"],
                    &format!("new{n}"),
                    new.start,
                    new.end,
                );
            }
            (None, Some(new)) => {
                let added = label(w.added, new);
                g.bar(
                    &added,
                    &added,
                    &["active"],
                    &format!("new{n}"),
                    new.start,
                    new.end,
                );
            }
            (Some(old), None) => {
                let removed = label(w.removed, old);
                g.bar(
                    &removed,
                    &removed,
                    &["done"],
                    &format!("old{n}"),
                    old.start,
                    old.end,
                );
            }
            (None, None) => {}
        }
    }
    Some(format!("```mermaid\n{}```\n", g.finish()))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::check::check_paths;
    use crate::diff::{Side, diff};
    use crate::world::MemWorld;

    fn diff_of(old: &str, new: &str) -> Diff {
        let world = MemWorld::default()
            .with_file("old.toml", old)
            .with_file("new.toml", new);
        let Ok(o) = check_paths(&world, &[PathBuf::from("old.toml")]) else {
            panic!("old plan read");
        };
        let Ok(n) = check_paths(&world, &[PathBuf::from("new.toml")]) else {
            panic!("new plan read");
        };
        diff(
            Side {
                plan: &o.plans[0],
                schedule: &o.schedules[0],
                path: "old.toml",
            },
            Side {
                plan: &n.plans[0],
                schedule: &n.schedules[0],
                path: "new.toml",
            },
        )
    }

    const OLD: &str = "[plan]\nid = \"p\"\nname = \"P\"\nyear = 2026\nlocale = \"en\"\n\n\
        [campaigns.a]\nname = \"A: moved\"\nwindow = \"03-01..03-10\"\n\n\
        [campaigns.b]\nname = \"B\"\nwindow = \"04-01..04-10\"\n\n\
        [campaigns.gone]\nname = \"Gone\"\nwindow = \"05-01..05-03\"\n";

    #[test]
    fn moved_added_and_removed_campaigns_are_drawn() {
        let new = OLD
            .replace("03-01..03-10", "03-08..03-17")
            .replace(
                "[campaigns.gone]\nname = \"Gone\"\nwindow = \"05-01..05-03\"\n",
                "[campaigns.fresh]\nname = \"Fresh\"\nwindow = \"06-01..06-02\"\n",
            )
            .replace("name = \"B\"", "name = \"B renamed\"");
        let d = diff_of(OLD, &new);
        let Some(block) = render_mermaid(&d) else {
            panic!("campaigns moved");
        };
        assert!(block.starts_with("```mermaid\ngantt\n"), "{block}");
        assert!(block.ends_with("\n```\n"), "{block}");
        let expected = [
            "    section A#58; moved",
            "    before 2026-03-01 – 2026-03-10 :done, old1, 2026-03-01, 2026-03-10",
            "    after 2026-03-08 – 2026-03-17 :active, new1, 2026-03-08, 2026-03-17",
            "    section Fresh",
            "    added 2026-06-01 – 2026-06-02 :active, new2, 2026-06-01, 2026-06-02",
            "    section Gone",
            "    removed 2026-05-01 – 2026-05-03 :done, old3, 2026-05-01, 2026-05-03",
        ];
        let lines: Vec<&str> = block.lines().collect();
        let at: Vec<usize> = expected
            .iter()
            .map(|e| {
                lines
                    .iter()
                    .position(|l| l == e)
                    .unwrap_or_else(|| panic!("no line {e}: {block}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{block}");
        // A rename alone is not a move.
        assert!(!block.contains("B renamed"), "{block}");
    }

    #[test]
    fn nothing_when_no_campaign_dates_changed() {
        let new = OLD.replace("name = \"B\"", "name = \"B2\"");
        let d = diff_of(OLD, &new);
        assert!(!d.is_empty());
        assert_eq!(render_mermaid(&d), None);
    }
}
