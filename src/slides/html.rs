//! The HTML deck: one self-contained file that a reviewer opens in any
//! browser, presents full-screen and prints to PDF, with no network and no
//! installed software. The look lives in the `deck.html.j2` template (one
//! macro per body kind, blocks for a team's own CSS), so a team restyles
//! it with `--templates DIR` without touching Rust; this module only
//! prepares what a template cannot do itself: the words in the deck's
//! language, the brand's font stack, and the logo as a `data:` URI.

use minijinja::Value;
use minijinja::value::Serde;

use super::brand::Brand;
use super::deck::Deck;
use crate::locale::{Locale, Words, words};
use crate::templates::Templates;

/// The template's name (in `templates/`, overridable with `--templates`).
pub const TEMPLATE: &str = "deck.html.j2";

/// The words of the deck's `lang` (`zh-CN` or `en`).
fn labels(lang: &str) -> &'static Words {
    words(if lang.starts_with("zh") {
        Locale::ZhCn
    } else {
        Locale::En
    })
}

/// Renders the deck as one HTML document through `deck.html.j2`.
pub fn render(
    deck: &Deck,
    brand: &Brand,
    templates: &Templates,
) -> Result<String, (String, minijinja::Error)> {
    let ctx = minijinja::context! {
        deck => Value::from(Serde(deck)),
        brand => Value::from(Serde(brand)),
        fonts => font_stack(brand, deck.lang),
        logo_data_uri => brand.logo.as_ref().map(|l| format!("data:{};base64,{}", l.mime, base64(&l.bytes))),
        labels => Value::from(Serde(labels(deck.lang))),
    };
    templates.render_text(TEMPLATE, ctx)
}

/// The brand's fonts in CSS order: the deck language's script first (a
/// Chinese deck takes its Latin letters from the Chinese font too, so the
/// punctuation matches), then the other. Names that a CSS string could not
/// hold as written are left out.
fn font_stack(brand: &Brand, lang: &str) -> Vec<String> {
    let (first, second) = if lang.starts_with("zh") {
        (&brand.fonts.east_asian, &brand.fonts.latin)
    } else {
        (&brand.fonts.latin, &brand.fonts.east_asian)
    };
    let mut out: Vec<String> = Vec::new();
    for f in first.iter().chain(second) {
        let f = f.trim();
        if f.is_empty() || f.contains(['\\', '/']) || out.iter().any(|o| o == f) {
            continue;
        }
        out.push(f.to_string());
    }
    out
}

/// Standard base64 with padding (RFC 4648), for the logo's `data:` URI.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::slides::brand::Logo;
    use crate::slides::deck;
    use crate::source::SourceMap;
    use crate::world::MemWorld;

    fn builtin() -> Templates {
        let mut sources = SourceMap::default();
        match Templates::load(&MemWorld::default(), None, &mut sources) {
            Ok(t) => t,
            Err(_) => panic!("the built-in templates load"),
        }
    }

    fn rendered(deck: &Deck, brand: &Brand, templates: &Templates) -> String {
        match render(deck, brand, templates) {
            Ok(html) => html,
            Err((name, e)) => panic!("{name}: {e:#}"),
        }
    }

    fn render_sample() -> String {
        rendered(&deck::sample(), &Brand::builtin(), &builtin())
    }

    /// The sample rendered with `t/deck.html.j2` overriding the built-in one.
    fn render_with_override(template: &str) -> String {
        let world = MemWorld::default().with_file("t/deck.html.j2", template);
        let mut sources = SourceMap::default();
        let Ok(templates) = Templates::load(&world, Some(Path::new("t")), &mut sources) else {
            panic!("the override loads");
        };
        rendered(&deck::sample(), &Brand::builtin(), &templates)
    }

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xfe]), "+//+");
    }

    #[test]
    fn every_slide_is_a_section_in_order() {
        let html = render_sample();
        let deck = deck::sample();
        assert!(html.starts_with("<!doctype html>"), "{}", &html[..40]);
        assert!(html.contains("<html lang=\"zh-CN\""));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains(&format!("<title>{}</title>", deck.title)));
        assert!(html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        ));
        assert_eq!(
            html.matches("<section class=\"slide\"").count(),
            deck.slides.len()
        );
        let mut at = 0;
        for (i, s) in deck.slides.iter().enumerate() {
            let tag = format!(
                "<section class=\"slide\" id=\"{}\" data-index=\"{}\">",
                s.id,
                i + 1
            );
            let found = html[at..].find(&tag).unwrap_or_else(|| panic!("{tag}"));
            at += found + tag.len();
            assert!(
                html.contains(&format!(
                    "<span class=\"count\">{} / {}</span>",
                    i + 1,
                    deck.slides.len()
                )),
                "slide number {}",
                i + 1
            );
        }
        assert_eq!(
            html.matches("<aside class=\"notes\"").count(),
            deck.slides.len()
        );
        // One macro per body kind produced its block.
        for kind in [
            "cover",
            "agenda",
            "divider",
            "table",
            "bars",
            "cards",
            "statement",
            "timeline",
            "months",
            "week",
            "budget",
            "chart",
            "steps",
            "bullets",
        ] {
            assert!(
                html.contains(&format!("class=\"body body-{kind}")),
                "{kind}"
            );
        }
    }

    #[test]
    fn plan_text_is_escaped() {
        let html = render_sample();
        assert!(!html.contains("<script>alert"), "raw hostile text");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
        // Exactly the deck's own script element.
        assert_eq!(html.matches("<script").count(), 1);
        assert!(!html.contains("\"quotes\""));
    }

    #[test]
    fn the_file_makes_no_requests() {
        let html = render_sample();
        for needle in [
            "http://",
            "https://",
            "src=\"http",
            "url(",
            "@import",
            "//fonts",
        ] {
            assert!(!html.contains(needle), "{needle}");
        }
        // The only `src` is the logo's data URI, and the sample has none.
        assert!(!html.contains(" src="));
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(render_sample(), render_sample());
    }

    #[test]
    fn english_decks_use_english_labels_and_latin_fonts_first() {
        let mut deck = deck::sample();
        deck.lang = "en";
        let brand = Brand::builtin();
        let html = rendered(&deck, &brand, &builtin());
        assert!(html.contains("<html lang=\"en\""));
        assert!(html.contains("Speaker notes"));
        let fonts = font_stack(&brand, "en");
        assert_eq!(fonts.first(), brand.fonts.latin.first());
        assert_eq!(
            font_stack(&brand, "zh-CN").first(),
            brand.fonts.east_asian.first()
        );
    }

    #[test]
    fn a_logo_is_inlined_as_a_data_uri() {
        let mut brand = Brand::builtin();
        brand.logo = Some(Logo {
            mime: "image/png",
            bytes: b"foobar".to_vec(),
        });
        let html = rendered(&deck::sample(), &brand, &builtin());
        assert!(html.contains("src=\"data:image&#x2f;png;base64,Zm9vYmFy\""));
    }

    #[test]
    fn an_override_extends_the_builtin_deck() {
        let html = render_with_override(
            "{% extends \"__builtin/deck.html.j2\" %}\
             {% block style %}{{ super() }}\n.slide { --team: 1; }{% endblock %}",
        );
        assert!(html.contains(".slide { --team: 1; }"));
        assert!(
            html.contains("--primary: #B4232A"),
            "the built-in style is kept"
        );
        assert_eq!(
            html.matches("<section class=\"slide\"").count(),
            deck::sample().slides.len()
        );
    }

    #[test]
    fn an_override_can_replace_one_body_kind() {
        let html = render_with_override(
            "{% extends \"__builtin/deck.html.j2\" %}\
             {% block body %}{% if slide.body.type == \"bullets\" %}<p class=\"team\">{{ slide.body.items | length }}</p>\
             {% else %}{{ super() }}{% endif %}{% endblock %}",
        );
        assert!(html.contains("<p class=\"team\">3</p>"));
        assert!(!html.contains("class=\"body body-bullets"));
        assert!(html.contains("class=\"body body-cards"));
    }

    /// Every body kind at its capacity, with the widest text the deck
    /// model lets through: the layout must hold all of it.
    fn full() -> Deck {
        use crate::slides::deck::*;
        let wide = |w: usize| shorten(&"宽".repeat(200), w);
        let latin = |w: usize| shorten(&"Wwwwwwwwww ".repeat(40), w);
        let mut d = sample();
        d.title = wide(WIDTH_TITLE);
        let mut slides = Vec::new();
        let base = d.slides[1].clone();
        let mut add = |id: &str, body: Body| {
            let mut s = base.clone();
            s.id = id.into();
            s.title = wide(WIDTH_TITLE);
            s.section = Some(format!("02 {}", wide(WIDTH_TITLE)));
            s.body = body;
            slides.push(s);
        };
        add(
            "f01-cover",
            Body::Cover {
                subtitle: Some(wide(WIDTH_TITLE)),
                lines: vec![wide(WIDTH_LINE), wide(WIDTH_LINE), latin(WIDTH_LINE)],
            },
        );
        add(
            "f02-agenda",
            Body::Agenda {
                items: (1..=MAX_AGENDA)
                    .map(|i| AgendaItem {
                        number: format!("{i:02}"),
                        title: wide(WIDTH_TITLE),
                    })
                    .collect(),
            },
        );
        add(
            "f03-divider",
            Body::Divider {
                number: "14".into(),
            },
        );
        let columns = 6;
        add(
            "f04-table",
            Body::Table(Table {
                columns: (0..columns)
                    .map(|i| Column {
                        label: wide(WIDTH_LABEL),
                        numeric: i > 0,
                    })
                    .collect(),
                rows: (0..MAX_TABLE_ROWS)
                    .map(|i| Row {
                        cells: (0..columns)
                            .map(|c| {
                                if c == 0 {
                                    wide(WIDTH_CELL)
                                } else {
                                    latin(WIDTH_CELL)
                                }
                            })
                            .collect(),
                        status: [Status::Hit, Status::Miss, Status::None][i % 3],
                    })
                    .collect(),
            }),
        );
        add(
            "f05-bars",
            Body::Bars(Bars {
                caption: Some(wide(WIDTH_LINE)),
                chart: test_chart(
                    ChartKind::Bar,
                    &wide(WIDTH_LINE),
                    &vec![wide(WIDTH_LABEL); MAX_BARS],
                    &[
                        ("实际", &[1000, 880, 760, 640, 520, 400, 280, 160]),
                        ("目标", &[1000, 0, 500, 950, 30, 700, 800, 900]),
                    ],
                    false,
                ),
                bars: (0..MAX_BARS)
                    .map(|i| Bar {
                        label: wide(WIDTH_LABEL),
                        value: "1,234.5万".into(),
                        length: 1000 - 120 * i as u32,
                        target: Some(Marker {
                            label: wide(WIDTH_LABEL),
                            at: [1000, 0, 500, 950, 30, 700, 800, 900][i],
                        }),
                        note: Some(wide(WIDTH_LINE)),
                        status: [Status::Hit, Status::Miss, Status::None][i % 3],
                    })
                    .collect(),
            }),
        );
        add(
            "f06-cards",
            Body::Cards {
                cards: (0..MAX_CARDS)
                    .map(|_| Card {
                        title: wide(WIDTH_ITEM),
                        subtitle: Some(wide(WIDTH_LABEL)),
                        lines: vec![wide(WIDTH_LINE), latin(WIDTH_LINE), wide(WIDTH_ITEM)],
                    })
                    .collect(),
            },
        );
        add(
            "f07-statement",
            Body::Statement {
                headline: wide(WIDTH_TITLE),
                tags: (0..MAX_BULLETS).map(|_| wide(WIDTH_LABEL)).collect(),
                groups: (0..MAX_CARDS)
                    .map(|_| Group {
                        label: wide(WIDTH_LABEL),
                        items: (0..MAX_BULLETS).map(|_| wide(WIDTH_ITEM)).collect(),
                    })
                    .collect(),
            },
        );
        add(
            "f08-timeline",
            Body::Timeline(Timeline {
                axis: vec!["Q1".into(), "Q2".into(), "Q3".into(), "Q4".into()],
                lanes: (0..4)
                    .map(|q| Lane {
                        label: format!("Q{}", q + 1),
                        items: (0..if q < 2 { 3 } else { 2 })
                            .map(|i| {
                                let start = q * 250 + i * 60;
                                TimelineItem {
                                    name: wide(WIDTH_ITEM),
                                    dates: "10-21 – 11-14".into(),
                                    start,
                                    end: (start + [5, 400, 150][i as usize]).min(1000),
                                    flagship: i % 2 == 0,
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            }),
        );
        add(
            "f09-months",
            Body::Months {
                months: (1..=12)
                    .map(|m| MonthCell {
                        label: format!("{m}月"),
                        items: (0..MAX_MONTH_ITEMS).map(|_| wide(WIDTH_LABEL)).collect(),
                        more: 12,
                    })
                    .collect(),
            },
        );
        add(
            "f10-week",
            Body::Week(Week {
                days: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
                    .iter()
                    .map(|d| WeekDay {
                        label: d.to_string(),
                        entries: (0..MAX_WEEK_ENTRIES)
                            .map(|_| WeekEntry {
                                name: wide(WIDTH_LABEL),
                                detail: Some(wide(WIDTH_LABEL)),
                            })
                            .collect(),
                    })
                    .collect(),
                others: (0..MAX_WEEK_ENTRIES)
                    .map(|_| WeekEntry {
                        name: wide(WIDTH_LABEL),
                        detail: Some(wide(WIDTH_LABEL)),
                    })
                    .collect(),
                reserve: Some(Reserve {
                    share: "35%".into(),
                    length: 350,
                    label: wide(WIDTH_LABEL),
                    purpose: Some(wide(WIDTH_LINE)),
                }),
            }),
        );
        let segments = |n: usize| {
            (0..n)
                .map(|i| Segment {
                    label: wide(WIDTH_LABEL),
                    amount: "¥12,345,678".into(),
                    share: "13%".into(),
                    length: if i + 1 == n {
                        1000 - 125 * (n as u32 - 1)
                    } else {
                        125
                    },
                })
                .collect::<Vec<_>>()
        };
        let parts = |kind: ChartKind, n: usize| {
            let lengths: Vec<u32> = segments(n).iter().map(|s| s.length).collect();
            test_chart(
                kind,
                &wide(WIDTH_LABEL),
                &vec![wide(WIDTH_LABEL); n],
                &[("金额", &lengths)],
                true,
            )
        };
        add(
            "f11-budget",
            Body::Budget(BudgetView {
                total: "¥123,456,789".into(),
                total_label: wide(WIDTH_LABEL),
                chart: parts(ChartKind::Doughnut, MAX_BARS),
                segments: segments(MAX_BARS),
                breakdowns: vec![
                    Breakdown {
                        label: wide(WIDTH_LABEL),
                        pyramid: true,
                        chart: parts(ChartKind::Bar, 4),
                        segments: segments(4),
                    },
                    Breakdown {
                        label: wide(WIDTH_LABEL),
                        pyramid: false,
                        chart: parts(ChartKind::Doughnut, 4),
                        segments: segments(4),
                    },
                ],
            }),
        );
        add(
            "f12-steps",
            Body::Steps {
                steps: (0..MAX_STEPS)
                    .map(|_| Step {
                        title: wide(WIDTH_LABEL),
                        owner: Some(wide(WIDTH_LABEL)),
                        detail: Some(wide(WIDTH_LINE)),
                        timing: Some(wide(WIDTH_ITEM)),
                    })
                    .collect(),
            },
        );
        add(
            "f13-bullets",
            Body::Bullets {
                items: (0..MAX_BULLETS)
                    .map(|i| {
                        if i % 2 == 0 {
                            wide(WIDTH_LINE)
                        } else {
                            latin(WIDTH_LINE)
                        }
                    })
                    .collect(),
            },
        );
        add(
            "f14-chart",
            Body::Chart(ChartView {
                chart: test_chart(
                    ChartKind::Column,
                    &wide(WIDTH_LINE),
                    &vec![wide(WIDTH_LABEL); MAX_BARS],
                    &[
                        ("基线", &[1000, 0, 500, 950, 30, 700, 800, 900]),
                        ("目标", &[900, 880, 760, 640, 520, 400, 280, 160]),
                        ("实际", &[1000, 880, 760, 640, 520, 400, 280, 160]),
                    ],
                    false,
                ),
                notes: (0..MAX_BARS)
                    .map(|_| (wide(WIDTH_LABEL), wide(WIDTH_LINE)))
                    .collect(),
            }),
        );
        d.slides.extend(slides);
        d
    }

    /// Renders the sample and the full deck; with `ALMANAC_DECK_OUT` set to
    /// a folder, writes them there to look at in a browser.
    #[allow(clippy::disallowed_methods)]
    #[test]
    fn the_full_deck_renders() {
        let brand = Brand::builtin();
        let templates = builtin();
        let full = full();
        let html = rendered(&full, &brand, &templates);
        assert_eq!(
            html.matches("<section class=\"slide\"").count(),
            full.slides.len()
        );
        if let Some(dir) = std::env::var_os("ALMANAC_DECK_OUT") {
            let dir = PathBuf::from(dir);
            let mut en = deck::sample();
            en.lang = "en";
            let mut branded = brand.clone();
            branded.logo = Some(Logo {
                mime: "image/svg+xml",
                bytes: br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" rx="6" fill="#2F6690"/><text x="60" y="27" font-size="20" text-anchor="middle" fill="#fff">LOGO</text></svg>"##.to_vec(),
            });
            let en = rendered(&en, &branded, &templates);
            for (name, text) in [
                ("sample.html", render_sample()),
                ("full.html", html),
                ("sample-en.html", en),
            ] {
                if let Err(e) = std::fs::write(dir.join(name), text) {
                    panic!("writing {name}: {e}");
                }
            }
        }
    }
}
