//! The layouts of slide bodies, one file per kind of `deck::Body`, and what
//! they share: the context every layout draws with, the slide's margins and
//! body area, one-run paragraphs and the colour of a status. A layout places
//! its body's text and shapes in the body area under the title (the cover
//! and the divider take the whole slide), sizing boxes and fonts for the
//! caps the deck model sets.

mod agenda;
mod bars;
mod budget;
mod bullets;
mod cards;
mod cover;
mod divider;
mod months;
mod statement;
mod steps;
mod table;
mod timeline;
mod week;

use crate::slides::brand::{Brand, Colors};
use crate::slides::deck::Status;
use crate::slides::pptx::draw::{Para, Rect, Run, h};
use crate::slides::pptx::parts::SLIDE_W;

pub use agenda::agenda;
pub use bars::{bars, chart};
pub use budget::budget;
pub use bullets::bullets;
pub use cards::cards;
pub use cover::cover;
pub use divider::divider;
pub use months::months;
pub use statement::statement;
pub use steps::steps;
pub use table::table;
pub use timeline::timeline;
pub use week::week;

/// What every slide's layout needs to know.
pub struct Ctx<'a> {
    pub brand: &'a Brand,
    pub c: &'a Colors,
    pub lang: &'a str,
    pub total: usize,
    pub deck_title: &'a str,
}

/// Left and right margin, and the width between them.
pub const MX: i64 = h(60);
pub const CW: i64 = SLIDE_W - 2 * MX;
/// The body area under the title.
const BODY_Y: i64 = h(170);
const BODY_BOTTOM: i64 = h(682);
pub const BODY: Rect = Rect::new(MX, BODY_Y, CW, BODY_BOTTOM - BODY_Y);
/// The width of the coloured panel on a section divider.
pub const DIVIDER_PANEL: i64 = h(470);

/// One paragraph of one run.
pub fn p(text: &str, pt: u32, color: &str) -> Para {
    Para::one(Run::new(text, pt, color))
}

pub fn pb(text: &str, pt: u32, color: &str) -> Para {
    Para::one(Run::new(text, pt, color).bold())
}

pub fn status_color(c: &Colors, s: Status) -> Option<&str> {
    match s {
        Status::None => None,
        Status::Hit => Some(&c.good),
        Status::Miss => Some(&c.bad),
    }
}
