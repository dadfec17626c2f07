//! `almanac init [DIR] [--locale zh-CN|en] [--year YYYY]`: writes a
//! commented starter plan, `DIR/plan.toml`, that checks clean and teaches
//! the format section by section, and beside it `plan.schema.json`, the
//! format's JSON Schema, which the plan's `#:schema` line gives editors.
//! The starters are `templates/init/plan.<locale>.toml`, compiled in;
//! `{{year}}` becomes the year planned: `--year`, else the next year from
//! October on (when teams plan it), else this year (`World::today`).

use std::path::PathBuf;

use chrono::Datelike;

use super::Exit;
use crate::calendar::cn_has_official_schedule;
use crate::cli::args::{InitArgs, LocaleArg};
use crate::cli::{fail_in, out};
use crate::diagnostics::{Lang, help_word};
use crate::locale::{Locale, Msg};
use crate::tr;
use crate::world::World;

const ZH_CN: &str = include_str!("../../templates/init/plan.zh-CN.toml");
const EN: &str = include_str!("../../templates/init/plan.en.toml");

/// The starter plan for `year`. The Chinese starter uses China's official
/// holiday calendar; in a year whose schedule almanac does not ship yet it
/// is planned on the statutory holidays, and D004 names each festival to
/// declare once the State Council's notice is out (the comment says how).
pub fn starter(locale: LocaleArg, year: i32) -> String {
    let template = match locale {
        LocaleArg::ZhCn => ZH_CN,
        LocaleArg::En => EN,
    };
    let holiday_rule = if cn_has_official_schedule(year) {
        "# 例如：把某条规则降为警告或关掉（\"warn\"、\"error\"、\"allow\"）：\n\
         # no-holiday-schedule = \"allow\""
            .to_string()
    } else {
        format!(
            "# almanac 还没有内置 {year} 年的官方放假安排：先按法定节假日暂排，D004 会\n\
             # 逐个节日提醒：调休上班日尚未公布。国务院办公厅公布后，把每个节日的放假\n\
             # 日期和调休上班日写进 [holidays]，提醒就会消失。"
        )
    };
    template
        .replace("{{year}}", &year.to_string())
        .replace("{{holiday_rule}}", &holiday_rule)
}

pub fn run(world: &dyn World, a: &InitArgs, lang: Lang) -> Exit {
    let l = lang.of_run([]);
    match init(world, a, l) {
        Ok((path, year)) => {
            let path = path.display();
            out(&match l {
                Locale::ZhCn => {
                    format!("已写入 {path}（{year} 年）\n下一步：almanac check {path}\n")
                }
                Locale::En => format!("wrote {path} ({year})\nnext: almanac check {path}\n"),
            });
            Exit::Clean
        }
        Err(message) => {
            fail_in(l, &message);
            Exit::Usage
        }
    }
}

/// The year a new plan is for: next year from October on, when teams
/// write it; this year before.
pub fn default_year(today: chrono::NaiveDate) -> i32 {
    if today.month() >= 10 {
        today.year() + 1
    } else {
        today.year()
    }
}

/// Writes the starter plan and its schema; returns the plan's path and
/// year, or the message to print (exit code 2).
fn init(world: &dyn World, a: &InitArgs, l: Locale) -> Result<(PathBuf, i32), Msg> {
    let path = a.dir.join("plan.toml");
    if world.exists(&path) {
        let (p, help) = (path.display(), help_word(l));
        return Err(tr!(
            "{p} 已经存在；almanac init 不会覆盖文件\n  = {help}换一个目录：`almanac init DIR`",
            "{p} already exists; almanac init does not overwrite a file\n  = {help}choose another folder: `almanac init DIR`"
        ));
    }
    world.create_dir_all(&a.dir).map_err(|e| {
        let dir = a.dir.display();
        tr!("无法创建 {dir}：{e}", "cannot create {dir}: {e}")
    })?;
    let year = a.year.unwrap_or_else(|| default_year(world.today()));
    let text = starter(a.locale, year);
    let schema = a.dir.join("plan.schema.json");
    for (p, bytes) in [
        (&schema, crate::schema::plan_schema_text().into_bytes()),
        (&path, text.into_bytes()),
    ] {
        world.write_file(p, &bytes).map_err(|e| {
            let p = p.display();
            tr!("无法写入 {p}：{e}", "cannot write {p}: {e}")
        })?;
    }
    Ok((path, year))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_plan_is_for_next_year_from_october() {
        let day = |m| NaiveDate::from_ymd_opt(2026, m, 1).expect("a date");
        assert_eq!(default_year(day(9)), 2026);
        assert_eq!(default_year(day(10)), 2027);
        assert_eq!(default_year(day(12)), 2027);
    }

    use chrono::NaiveDate;

    use super::*;
    use crate::check::check_paths;
    use crate::world::MemWorld;

    /// Both starters check clean and are laid out canonically in the years
    /// with built-in holidays, and in later ones but for the provisional
    /// calendar's warnings.
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
                    year: None,
                };
                assert!(init(&world, &a, Locale::En).is_ok());
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
                // Before the official schedule is built in, the Chinese
                // starter's only diagnostics are D004's, one per festival.
                let provisional = locale == LocaleArg::ZhCn && !cn_has_official_schedule(year);
                let expected = |f: &String| provisional && f.starts_with("D004 ");
                assert!(
                    found.iter().all(expected) && found.is_empty() != provisional,
                    "{year} {locale:?}: {found:#?}"
                );
                assert_eq!(checked.plans.len(), 1);
                // Laid out as `almanac fmt` would: a new project's first
                // commit passes `fmt --check` (and its pre-commit hook).
                let formatted = crate::fmt::format_source(&text).expect("TOML");
                assert!(formatted == text, "{year} {locale:?}: not canonical");
                // The schema the `#:schema` line names is beside it.
                assert!(text.starts_with("#:schema ./plan.schema.json\n"));
                assert!(world.written("new/plan.schema.json").is_some());
                // A second run refuses to overwrite.
                assert!(init(&world, &a, Locale::En).is_err());
            }
        }
    }
}
