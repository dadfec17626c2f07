//! `almanac templates [DIR] [--force]`: writes the built-in templates (the
//! Markdown task list, the HTML deck) and `brand.toml` into a folder, so a
//! team can change colours, fonts, logo or layout and pass the folder to
//! `build` and `slides` with `--templates DIR`. Existing files are kept
//! unless `--force` is given: the folder may hold a team's edits.

use super::Exit;
use crate::cli::args::TemplatesArgs;
use crate::cli::{fail_in, out};
use crate::diagnostics::{Lang, help_word};
use crate::locale::Locale;
use crate::tr;
use crate::world::World;

/// Every file the command writes: name and built-in text.
fn files() -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<_> = crate::templates::BUILTIN.to_vec();
    files.push(("brand.toml", crate::slides::brand::BUILTIN));
    files
}

pub fn run(world: &dyn World, a: &TemplatesArgs, lang: Lang) -> Exit {
    let l = lang.of_run([]);
    let files = files();
    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| a.dir.join(name))
        .filter(|p| world.exists(p))
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() && !a.force {
        let (list, s) = (
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" },
        );
        let help = help_word(l);
        fail_in(
            l,
            &tr!(
                "{list} 已经存在；什么也没有写入\n  = {help}加 `--force` 覆盖它们，或者换一个目录",
                "{list} already exist{s}; nothing written\n  = {help}pass `--force` to replace them, or choose another folder"
            ),
        );
        return Exit::Usage;
    }
    if let Err(e) = world.create_dir_all(&a.dir) {
        let dir = a.dir.display();
        fail_in(l, &tr!("无法创建 {dir}：{e}", "cannot create {dir}: {e}"));
        return Exit::Usage;
    }
    for (name, text) in &files {
        let path = a.dir.join(name);
        if let Err(e) = world.write_file(&path, text.as_bytes()) {
            let path = path.display();
            fail_in(l, &tr!("无法写入 {path}：{e}", "cannot write {path}: {e}"));
            return Exit::Usage;
        }
        out(&match l {
            Locale::ZhCn => format!("已写入 {}\n", path.display()),
            Locale::En => format!("wrote {}\n", path.display()),
        });
    }
    let dir = a.dir.display();
    out(&match l {
        Locale::ZhCn => {
            format!("下一步：修改它们，然后运行 `almanac slides PLAN --templates {dir}`\n")
        }
        Locale::En => format!("next: edit them, then `almanac slides PLAN --templates {dir}`\n"),
    });
    Exit::Clean
}
