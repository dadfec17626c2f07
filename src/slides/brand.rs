//! A team's colours, fonts and logo for its decks, read from `brand.toml`
//! (built in, or the one in the `--templates` folder). Both renderers take
//! their look from here, so one file rebrands the HTML and the PPTX alike.
//! Colours are checked to be RRGGBB here, once: PowerPoint repairs a
//! package with any other colour form, and CSS would silently drop it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, codes};
use crate::locale::Msg;
use crate::source::{SourceMap, Span};
use crate::templates::TemplateError;
use crate::tr;
use crate::world::World;

pub const BUILTIN: &str = include_str!("../../templates/brand.toml");

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Brand {
    pub colors: Colors,
    /// Segment colours for split charts, at least one.
    pub series: Vec<String>,
    pub fonts: Fonts,
    pub logo: Option<Logo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    pub primary: String,
    pub accent: String,
    pub text: String,
    pub muted: String,
    pub background: String,
    pub surface: String,
    pub good: String,
    pub bad: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    pub latin: Vec<String>,
    pub east_asian: Vec<String>,
    pub pptx_latin: String,
    pub pptx_east_asian: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Logo {
    /// `image/png` or `image/svg+xml`.
    pub mime: &'static str,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrand {
    colors: toml::Spanned<toml::Table>,
    series: toml::Spanned<Vec<toml::Spanned<String>>>,
    fonts: Fonts,
    logo: Option<toml::Spanned<String>>,
}

/// The brand in `overrides/brand.toml`, or the built-in one.
pub fn load(
    world: &dyn World,
    overrides: Option<&Path>,
    sources: &mut SourceMap,
) -> Result<Brand, TemplateError> {
    let over = overrides.filter(|d| world.exists(&d.join("brand.toml")));
    let (path, text) = match over {
        Some(dir) => {
            let p = dir.join("brand.toml");
            let bytes = crate::project::read_inside(world, dir, "brand.toml")
                .map_err(|e| TemplateError::Io(p.clone(), e))?;
            (p, String::from_utf8_lossy(&bytes).into_owned())
        }
        None => (PathBuf::from("templates/brand.toml"), BUILTIN.to_string()),
    };
    let fail =
        |sources: &mut SourceMap, range: Option<std::ops::Range<usize>>, msg: Msg, help: Msg| {
            let id = sources.add(path.clone(), text.clone());
            let r = range.unwrap_or(0..0);
            // Every message is about the brand file.
            let msg = tr!("品牌文件：", "brand file: ").join("", "", &msg);
            TemplateError::Diagnostic(Box::new(
                Diagnostic::new(&codes::T001, Span::new(id, r.start, r.end), msg)
                    .label(tr!("这里", "here"))
                    .help(help),
            ))
        };
    let hex_help = || {
        tr!(
            "写六位十六进制数，不带 `#`，例如 `B4232A`",
            "write six hex digits without `#`, e.g. `B4232A`"
        )
    };
    let raw: RawBrand = toml::from_str(&text).map_err(|e| {
        fail(
            sources,
            e.span(),
            Msg::same(e.message()),
            tr!(
                "参照内置的 `templates/brand.toml`（`almanac templates DIR` 会把它写出来）",
                "see the built-in templates/brand.toml (`almanac templates DIR` writes it out)"
            ),
        )
    })?;
    let colors_span = raw.colors.span();
    let table = raw.colors.into_inner();
    let mut colors = Vec::new();
    for key in COLOR_KEYS {
        let Some(v) = table.get(key) else {
            return Err(fail(
                sources,
                Some(colors_span.clone()),
                tr!("`[colors]` 缺少 `{key}`", "`[colors]` has no `{key}`"),
                tr!(
                    "每种颜色都写成六位十六进制数，例如 `primary = \"B4232A\"`",
                    "give every colour as six hex digits, e.g. `primary = \"B4232A\"`"
                ),
            ));
        };
        let value = v.as_str().map(str::to_string).unwrap_or_default();
        if !is_rrggbb(&value) {
            let range = find_value(&text, colors_span.clone(), key);
            return Err(fail(
                sources,
                range,
                tr!(
                    "颜色 `{key}` 不是 `RRGGBB` 格式",
                    "colour `{key}` is not RRGGBB"
                ),
                hex_help(),
            ));
        }
        colors.push(value.to_ascii_uppercase());
    }
    if let Some(extra) = table.keys().find(|k| !COLOR_KEYS.contains(&k.as_str())) {
        let range = find_value(&text, colors_span.clone(), extra);
        return Err(fail(
            sources,
            range,
            tr!("未知的颜色 `{extra}`", "unknown colour `{extra}`"),
            tr!(
                "可用的颜色只有 `primary`、`accent`、`text`、`muted`、`background`、`surface`、`good` 和 `bad`",
                "the colours are primary, accent, text, muted, background, surface, good and bad"
            ),
        ));
    }
    let series_span = raw.series.span();
    let series_raw = raw.series.into_inner();
    if series_raw.is_empty() {
        return Err(fail(
            sources,
            Some(series_span),
            tr!("`series` 是空的", "`series` is empty"),
            tr!("至少写一种颜色", "give at least one colour"),
        ));
    }
    let mut series = Vec::new();
    for s in series_raw {
        if !is_rrggbb(s.get_ref()) {
            return Err(fail(
                sources,
                Some(s.span()),
                tr!(
                    "`series` 中有颜色不是 `RRGGBB` 格式",
                    "a `series` colour is not RRGGBB"
                ),
                hex_help(),
            ));
        }
        series.push(s.into_inner().to_ascii_uppercase());
    }
    let fonts = raw.fonts;
    for f in [&fonts.pptx_latin, &fonts.pptx_east_asian]
        .into_iter()
        .chain(fonts.latin.iter())
        .chain(fonts.east_asian.iter())
    {
        if f.trim().is_empty() || f.chars().any(|c| c.is_control() || "\"'<>&;{}".contains(c)) {
            let range = text.find(f.as_str()).map(|s| s..s + f.len());
            return Err(fail(
                sources,
                range,
                tr!("字体名 `{f}` 不能使用", "font name `{f}` cannot be used"),
                tr!(
                    "字体名只能是普通文本：字母、数字、空格",
                    "a font name is plain text: letters, digits, spaces"
                ),
            ));
        }
    }
    let logo = match raw.logo {
        None => None,
        Some(l) => {
            let dir = overrides.unwrap_or(Path::new("templates"));
            let p = dir.join(l.get_ref());
            let mime = match p.extension().and_then(|e| e.to_str()) {
                Some("png") => "image/png",
                Some("svg") => "image/svg+xml",
                _ => {
                    return Err(fail(
                        sources,
                        Some(l.span()),
                        tr!(
                            "标志必须是 `.png` 或 `.svg` 文件",
                            "the logo must be a .png or .svg file"
                        ),
                        tr!("把标志转换成 `.png` 图片", "convert the logo to PNG"),
                    ));
                }
            };
            let bytes = crate::project::read_inside(world, dir, l.get_ref())
                .map_err(|e| TemplateError::Io(p.clone(), e))?;
            Some(Logo { mime, bytes })
        }
    };
    let mut c = colors.into_iter();
    let mut next = || c.next().unwrap_or_default();
    Ok(Brand {
        colors: Colors {
            primary: next(),
            accent: next(),
            text: next(),
            muted: next(),
            background: next(),
            surface: next(),
            good: next(),
            bad: next(),
        },
        series,
        fonts,
        logo,
    })
}

impl Brand {
    /// The built-in brand (for tests and library users).
    pub fn builtin() -> Brand {
        let mut sources = SourceMap::default();
        match load(&crate::world::MemWorld::default(), None, &mut sources) {
            Ok(b) => b,
            Err(_) => unreachable!("the built-in brand.toml is checked by a test"),
        }
    }

    /// The `i`-th series colour (repeating).
    pub fn series(&self, i: usize) -> &str {
        &self.series[i % self.series.len()]
    }
}

/// The colours `[colors]` must give, in `Colors`' field order.
const COLOR_KEYS: [&str; 8] = [
    "primary",
    "accent",
    "text",
    "muted",
    "background",
    "surface",
    "good",
    "bad",
];

fn is_rrggbb(s: &str) -> bool {
    s.len() == 6 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The span of `key`'s value in the table that starts at `table.start`.
fn find_value(
    text: &str,
    table: std::ops::Range<usize>,
    key: &str,
) -> Option<std::ops::Range<usize>> {
    let mut offset = table.start;
    for line in text.get(table.start..)?.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(rest) = line.trim_start().strip_prefix(key) else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.split(" #").next()?.trim();
        let at = start + line.find(value)?;
        return Some(at..at + value.len());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::MemWorld;

    #[test]
    fn builtin_brand_loads() {
        let b = Brand::builtin();
        assert_eq!(b.colors.primary, "B4232A");
        assert_eq!(b.series(7), b.series[1]);
        assert_eq!(b.fonts.pptx_east_asian, "Microsoft YaHei");
    }

    #[test]
    fn a_bad_colour_is_located() {
        let text = BUILTIN.replace("primary = \"B4232A\"", "primary = \"#b4232a\"");
        let mut w = MemWorld::default();
        w.files
            .insert(PathBuf::from("t/brand.toml"), text.clone().into_bytes());
        let mut sources = SourceMap::default();
        let Err(TemplateError::Diagnostic(d)) = load(&w, Some(Path::new("t")), &mut sources) else {
            panic!("expected a diagnostic");
        };
        assert!(
            d.message.en.contains("`primary` is not RRGGBB"),
            "{}",
            d.message.en
        );
        let s = d.primary.span;
        assert_eq!(&text[s.start as usize..s.end as usize], "\"#b4232a\"");
    }
}
