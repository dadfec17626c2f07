//! `almanac templates [DIR] [--force]`: writes the built-in templates (the
//! Markdown task list, the HTML deck) and `brand.toml` into a folder, so a
//! team can change colours, fonts, logo or layout and pass the folder to
//! `build` and `slides` with `--templates DIR`. Existing files are kept
//! unless `--force` is given: the folder may hold a team's edits.

use super::Exit;
use crate::cli::args::TemplatesArgs;
use crate::cli::{err, out};
use crate::diagnostics::Lang;
use crate::world::World;

/// Every file the command writes: name and built-in text.
fn files() -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<_> = crate::templates::BUILTIN.to_vec();
    files.push(("brand.toml", crate::slides::brand::BUILTIN));
    files
}

pub fn run(world: &dyn World, a: &TemplatesArgs, _lang: &Lang) -> Exit {
    let files = files();
    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| a.dir.join(name))
        .filter(|p| world.exists(p))
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() && !a.force {
        err(&format!(
            "error: {} already exist{}; nothing written\n  = help: pass `--force` to replace them, or choose another folder\n",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        ));
        return Exit::Usage;
    }
    if let Err(e) = world.create_dir_all(&a.dir) {
        err(&format!("error: cannot create {}: {e}\n", a.dir.display()));
        return Exit::Usage;
    }
    for (name, text) in &files {
        let path = a.dir.join(name);
        if let Err(e) = world.write_file(&path, text.as_bytes()) {
            err(&format!("error: cannot write {}: {e}\n", path.display()));
            return Exit::Usage;
        }
        out(&format!("wrote {}\n", path.display()));
    }
    out(&format!(
        "next: edit them, then `almanac slides PLAN --templates {}`\n",
        a.dir.display()
    ));
    Exit::Clean
}
