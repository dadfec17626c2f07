//! `almanac serve` and `almanac watch`: build, then rebuild on every save
//! until Ctrl-C. `serve` keeps the outputs in memory and serves them on a
//! local web page (`serve/`); `watch` writes them into `-o` as `build`
//! does. Both print each rebuild's diagnostics.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;

use super::Exit;
use crate::build::BuildOptions;
use crate::cli::args::{LocaleArg, ProjectArgs, ServeArgs, WatchArgs};
use crate::cli::{err, fail_in, out, warn_in};
use crate::diagnostics::Lang;
use crate::emit::Target;
use crate::locale::Locale;
use crate::serve::net::{self, Shared};
use crate::serve::watch::{Wake, Watcher, relevant};
use crate::serve::{Options, PlanState, Site, key};
use crate::tr;
use crate::world::World;

fn options(
    out: PathBuf,
    templates: Option<&PathBuf>,
    locale: Option<LocaleArg>,
    project: &ProjectArgs,
    lang: Lang,
) -> Options {
    Options {
        build: BuildOptions {
            out,
            // Every output `build` makes, and the Mermaid chart.
            targets: Target::ALL.into_iter().chain([Target::Mermaid]).collect(),
            split: None,
            locale: locale.map(LocaleArg::locale),
            bom: true,
            templates: templates.cloned(),
            kind: crate::slides::Kind::Auto,
            pair: false,
            check: crate::check::Options {
                root: project.root.clone(),
            },
        },
        lang,
        color: crate::cli::use_color(project.color, &std::io::stderr()),
    }
}

/// Prints a plan's diagnostics and its state after a build.
fn report(p: &PlanState, quiet: bool) {
    if !quiet || p.errors > 0 {
        err(&p.terminal);
    }
    let l = p.locale;
    let id = &p.id;
    if p.errors > 0 {
        let counts = crate::diagnostics::counts(l, p.errors, p.warnings);
        let kept = if p.built == 0 {
            tr!("尚无可用的生成结果", "nothing built yet")
        } else {
            tr!("保留上一次成功的生成", "keeping the last good build")
        };
        fail_in(
            l,
            &tr!("{id}：{0}；{1}", "{id}: {0}; {1}", counts, kept.get(l)),
        );
    }
}

/// Ctrl-C sends [`Wake::Stop`]; the watcher sends its batches.
fn wake_channel(l: Locale) -> Option<(mpsc::Receiver<Wake>, Watcher)> {
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(Wake::Stop);
    }) {
        fail_in(l, &tr!("无法处理 Ctrl-C：{e}", "cannot handle Ctrl-C: {e}"));
        return None;
    }
    match Watcher::new(tx) {
        Ok(w) => Some((rx, w)),
        Err(e) => {
            fail_in(l, &tr!("无法监视文件：{e}", "cannot watch files: {e}"));
            None
        }
    }
}

pub fn serve(world: &dyn World, a: &ServeArgs, lang: Lang) -> Exit {
    let l = lang.of_run([]);
    let opts = options(
        PathBuf::new(),
        a.templates.as_ref(),
        a.locale,
        &a.project,
        lang,
    );
    let mut site = match Site::new(world, &a.paths, &opts) {
        Ok(s) => s,
        Err(e) => {
            fail_in(l, &e.msg());
            return Exit::Usage;
        }
    };
    site.rebuild(world, &opts, None);
    for p in &site.plans {
        report(p, a.project.quiet);
    }
    let host = a.host.clone().unwrap_or_else(|| "127.0.0.1".to_string());
    let listener = match std::net::TcpListener::bind((host.as_str(), a.port)) {
        Ok(s) => s,
        Err(e) => {
            let port = a.port;
            fail_in(
                l,
                &tr!(
                    "无法在 {host}:{port} 上监听：{e}",
                    "cannot listen on {host}:{port}: {e}"
                ),
            );
            return Exit::Usage;
        }
    };
    let port = listener.local_addr().map_or(a.port, |s| s.port());
    let shown = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.clone()
    };
    let url = format!("http://{shown}:{port}/");
    let hosts = crate::serve::http::Hosts {
        port,
        extra: a.host.clone(),
    };
    let Some((rx, mut watcher)) = wake_channel(l) else {
        return Exit::Usage;
    };
    let shared = Arc::new(Shared::new(site, hosts));
    net::spawn(listener, Arc::clone(&shared));
    // Watching starts before the URL is printed: a save made as soon as
    // the URL is known is seen.
    let tree = a.templates.as_deref().map(|t| key(world, t));
    let files = shared.lock().watched(world);
    watcher.set(&files, tree.as_deref());
    out(&format!("{url}\n"));
    listening(l, a.project.quiet);
    if a.open {
        open(&url, l);
    }
    until_stopped(&rx, &mut watcher, files, tree.as_deref(), l, |changed| {
        let mut site = shared.lock();
        let moved = site.rebuild(world, &opts, Some(changed));
        for &i in &moved {
            let p = &site.plans[i];
            report(p, a.project.quiet);
            if p.errors == 0 && !a.project.quiet {
                let (id, n) = (&p.id, p.generation);
                err(&format!(
                    "{}\n",
                    tr!(
                        "{id}：已重新生成（第 {n} 次）",
                        "{id}: rebuilt (build #{n})"
                    )
                    .get(p.locale)
                ));
            }
        }
        let files = site.watched(world);
        drop(site);
        if !moved.is_empty() {
            shared.changed.notify_all();
        }
        files
    });
    Exit::Clean
}

pub fn watch(world: &dyn World, a: &WatchArgs, lang: Lang) -> Exit {
    let l = lang.of_run([]);
    let opts = options(
        a.out.clone(),
        a.templates.as_ref(),
        a.locale,
        &a.project,
        lang,
    );
    let mut site = match Site::new(world, &a.paths, &opts) {
        Ok(s) => s,
        Err(e) => {
            fail_in(l, &e.msg());
            return Exit::Usage;
        }
    };
    let Some((rx, mut watcher)) = wake_channel(l) else {
        return Exit::Usage;
    };
    let all: Vec<usize> = (0..site.plans.len()).collect();
    site.rebuild(world, &opts, None);
    write(world, &site, &all, &opts, a.project.quiet);
    let tree = a.templates.as_deref().map(|t| key(world, t));
    let files = site.watched(world);
    watcher.set(&files, tree.as_deref());
    listening(l, a.project.quiet);
    until_stopped(&rx, &mut watcher, files, tree.as_deref(), l, |changed| {
        let moved = site.rebuild(world, &opts, Some(changed));
        write(world, &site, &moved, &opts, a.project.quiet);
        site.watched(world)
    });
    Exit::Clean
}

/// Prints the plans `which` and writes those built in this generation.
fn write(world: &dyn World, site: &Site, which: &[usize], opts: &Options, quiet: bool) {
    for &i in which {
        let p = &site.plans[i];
        report(p, quiet);
        if p.errors > 0 || p.built != p.generation {
            continue;
        }
        let outputs = [(p.id.clone(), p.artifacts.clone())];
        match crate::build::write(world, &outputs, &opts.build) {
            Ok(written) => {
                for (id, dir, files) in written.iter().filter(|_| !quiet) {
                    let (dir, files) = (dir.display(), files.join(", "));
                    err(&match p.locale {
                        Locale::ZhCn => format!("已生成 {id} → {dir}/（{files}）\n"),
                        Locale::En => format!("built {id} → {dir}/ ({files})\n"),
                    });
                }
            }
            Err(e) => fail_in(p.locale, &e.msg()),
        }
    }
}

fn listening(l: Locale, quiet: bool) {
    if !quiet {
        err(match l {
            Locale::ZhCn => "almanac：保存时自动重新生成；按 Ctrl-C 停止\n",
            Locale::En => "almanac: rebuilding on save; Ctrl-C stops\n",
        });
    }
}

/// Rebuilds on every batch of saves to the watched `files` (`rebuilt` does
/// it and returns the files to watch next) until Ctrl-C; then the closing
/// line.
fn until_stopped(
    rx: &mpsc::Receiver<Wake>,
    watcher: &mut Watcher,
    mut files: BTreeSet<PathBuf>,
    tree: Option<&Path>,
    l: Locale,
    mut rebuilt: impl FnMut(&[PathBuf]) -> BTreeSet<PathBuf>,
) {
    while let Ok(wake) = rx.recv() {
        match wake {
            Wake::Stop => break,
            Wake::Failed(e) => warn_in(l, &tr!("监视文件出错：{e}", "watching files: {e}")),
            Wake::Changed(paths) => {
                let changed = relevant(paths, &files, tree);
                if changed.is_empty() {
                    continue;
                }
                files = rebuilt(&changed);
                watcher.set(&files, tree);
            }
        }
    }
    err(match l {
        Locale::ZhCn => "almanac：已停止\n",
        Locale::En => "almanac: stopped\n",
    });
}

/// Opens `url` in the default browser; a failure only says so.
fn open(url: &str, l: Locale) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    if let Err(e) = cmd.arg(url).spawn() {
        warn_in(
            l,
            &tr!("无法打开浏览器：{e}", "cannot open the browser: {e}"),
        );
    }
}
