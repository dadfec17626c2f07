//! `almanac init [DIR] [--locale zh-CN|en]`: writes a commented starter plan,
//! `DIR/plan.toml`, that checks clean and teaches the format section by
//! section. The starters are `templates/init/plan.<locale>.toml`, compiled
//! in; `{{year}}` becomes the current year (`World::today`).

use std::path::PathBuf;

use chrono::Datelike;

use super::Exit;
use crate::calendar::cn_has_official_schedule;
use crate::cli::args::{InitArgs, LocaleArg};
use crate::cli::{err, out};
use crate::world::World;

const ZH_CN: &str = include_str!("../../templates/init/plan.zh-CN.toml");
const EN: &str = include_str!("../../templates/init/plan.en.toml");

/// The starter plan for `year`. The Chinese starter uses China's official
/// holiday calendar; for a year whose schedule almanac does not ship yet, it
/// turns D004 off with a comment saying how to declare that year's holidays
/// instead, so that the starter checks clean in any year.
pub fn starter(locale: LocaleArg, year: i32) -> String {
    let template = match locale {
        LocaleArg::ZhCn => ZH_CN,
        LocaleArg::En => EN,
    };
    let holiday_rule = if cn_has_official_schedule(year) {
        "# 例如：下一年的法定节假日公布之前，先关掉 D004 提醒：\n\
         # no-holiday-schedule = \"allow\"\n\
         # 公布之后，把假期写进 [holidays]，再删掉这一行。"
            .to_string()
    } else {
        format!(
            "# almanac 还没有内置 {year} 年的法定节假日安排，工作日暂时只按周末计算。\n\
             # 国务院公布后，把假期和调休写进 [holidays]，再删掉下面这一行。\n\
             no-holiday-schedule = \"allow\""
        )
    };
    template
        .replace("{{year}}", &year.to_string())
        .replace("{{holiday_rule}}", &holiday_rule)
}

pub fn run(world: &dyn World, a: &InitArgs) -> Exit {
    match init(world, a) {
        Ok(path) => {
            out(&format!(
                "wrote {}\nnext: almanac check {}\n",
                path.display(),
                path.display()
            ));
            Exit::Clean
        }
        Err(message) => {
            err(&message);
            Exit::Usage
        }
    }
}

/// Writes the starter plan; the error is the message to print (exit code 2).
fn init(world: &dyn World, a: &InitArgs) -> Result<PathBuf, String> {
    let path = a.dir.join("plan.toml");
    if world.exists(&path) {
        return Err(format!(
            "error: {} already exists; almanac init does not overwrite a file\n  = help: choose another folder: `almanac init DIR`\n",
            path.display()
        ));
    }
    world
        .create_dir_all(&a.dir)
        .map_err(|e| format!("error: cannot create {}: {e}\n", a.dir.display()))?;
    let text = starter(a.locale, world.today().year());
    world
        .write_file(&path, text.as_bytes())
        .map_err(|e| format!("error: cannot write {}: {e}\n", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::check::check_paths;
    use crate::world::MemWorld;

    /// Both starters check without a single diagnostic and are laid out
    /// canonically, in the years with built-in holidays and in later ones.
    #[test]
    fn the_starters_check_clean_in_any_year() {
        for year in 2024..=2032 {
            for locale in [LocaleArg::ZhCn, LocaleArg::En] {
                let world = MemWorld {
                    today: NaiveDate::from_ymd_opt(year, 3, 1).expect("a date"),
                    ..MemWorld::default()
                };
                let a = InitArgs {
                    dir: PathBuf::from("new"),
                    locale,
                };
                assert!(init(&world, &a).is_ok());
                let text = world.written("new/plan.toml").expect("written");
                let text = String::from_utf8(text).expect("UTF-8");
                assert!(!text.contains("{{"), "{text}");
                assert!(text.contains(&format!("year = {year}")));
                let checked =
                    check_paths(&world, &[PathBuf::from("new/plan.toml")]).expect("checked");
                let found: Vec<String> = checked
                    .diagnostics
                    .iter()
                    .map(|d| format!("{} {}", d.rule.code, d.message.en))
                    .collect();
                assert!(found.is_empty(), "{year} {locale:?}: {found:#?}");
                assert_eq!(checked.plans.len(), 1);
                // Laid out as `almanac fmt` would: a new project's first
                // commit passes `fmt --check` (and its pre-commit hook).
                let formatted = crate::fmt::format_source(&text).expect("TOML");
                assert!(formatted == text, "{year} {locale:?}: not canonical");
                // A second run refuses to overwrite.
                assert!(init(&world, &a).is_err());
            }
        }
    }
}
