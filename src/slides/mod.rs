//! Slide decks: the year-end review and the plan, compiled from plans.
//! `content` turns one or two checked plans into a `deck::Deck`; `html`
//! renders it as one self-contained HTML file through a template, `pptx`
//! as an editable PowerPoint package written part by part. The two
//! renderers read the same deck, so they show the same slides.

pub mod brand;
pub mod deck;
pub mod pptx;
