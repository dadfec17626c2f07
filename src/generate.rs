//! Synthetic plans for benchmarks and tests: a plan of `n` items (campaigns
//! and their tasks) that looks like a real one and checks clean — a nested
//! budget of shares, campaigns drawing from it, tasks chained about ten
//! deep with workday offsets, about a hundred weekly columns, monthly
//! moments and an included fragment with the team. `examples/gen_plan.rs`
//! prints one; the benchmarks and the scaling tests build them in memory.

use std::fmt::Write;

use chrono::{Days, NaiveDate};

/// The plan text and the fragment it includes (`gen-team.toml`).
pub struct Generated {
    pub plan: String,
    pub fragment: String,
}

/// Tasks per campaign: one campaign and its chain make ten items.
const CHAIN: usize = 9;
const CHANNELS: [&str; 8] = [
    "wechat",
    "douyin",
    "xiaohongshu",
    "bilibili",
    "weibo",
    "kuaishou",
    "zhihu",
    "shipinhao",
];
const WEEKDAYS: [&str; 5] = ["mon", "tue", "wed", "thu", "fri"];

/// A plan with `n` campaigns and tasks (at least one campaign).
pub fn plan(n: usize) -> Generated {
    let campaigns = (n / (CHAIN + 1)).max(1);
    // Enough people that nobody is over 40 hours a week.
    let people = (n / 200).max(40);
    let mut p = String::with_capacity(n * 220);
    let _ = writeln!(
        p,
        "# A generated plan: {campaigns} campaigns with {CHAIN} tasks each.\n\
         include = [\"gen-team.toml\"]\n\n[plan]\nid = \"generated-{n}\"\nname = \"生成的计划 {n}\"\n\
         year = 2026\ntimezone = \"Asia/Shanghai\"\ncurrency = \"CNY\"\nlocale = \"zh-CN\"\n"
    );
    // Budget: three lines of shares, each with four equal sub-lines.
    let total = campaigns as u64 * 100_000;
    let _ = writeln!(p, "[budget]\ntotal = \"{total}\"\n");
    let lines = [("ads", "50%"), ("kol", "30%"), ("tools", "20%")];
    for (line, share) in lines {
        let _ = writeln!(p, "[budget.{line}]\nshare = \"{share}\"");
        for s in 0..4 {
            let _ = writeln!(p, "part{s} = \"25%\"");
        }
        p.push('\n');
    }
    let _ = writeln!(
        p,
        "[assertions]\nads_cap = \"sum(budget.ads.*) <= 50% of budget.total\"\n"
    );
    for m in 1..=12u32 {
        let _ = writeln!(
            p,
            "[moments.month_{m}]\nname = \"{m} 月主题\"\ndate = \"2026-{m:02}-10..+5d\"\nchannels = [\"{}\"]\n",
            CHANNELS[m as usize % CHANNELS.len()]
        );
    }
    let year_start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    for c in 0..campaigns {
        // Windows start between mid-February and early October.
        let start = year_start + Days::new(45 + (c as u64 * 7) % 230);
        let (line, _) = lines[c % 3];
        let _ = writeln!(
            p,
            "[campaigns.c{c}]\nname = \"活动 {c}\"\nwindow = \"{}..+{}d\"\nchannels = [\"{}\", \"{}\"]\n\
             owner = \"p{}\"\nflagship = {}\nbudget = {{ {line}.part{} = \"¥1000\" }}\n",
            start.format("%Y-%m-%d"),
            14 + c % 20,
            CHANNELS[c % CHANNELS.len()],
            CHANNELS[(c + 3) % CHANNELS.len()],
            c % people,
            c < 6,
            c % 4,
        );
        for t in 0..CHAIN {
            let _ = write!(
                p,
                "[campaigns.c{c}.tasks.t{t}]\nname = \"任务 {t}\"\nowner = \"p{}\"\n",
                (c + t) % people
            );
            if t == 0 {
                let _ = writeln!(p, "due = \"start - 20wd\"\neffort = \"4h\"\n");
            } else {
                let _ = writeln!(
                    p,
                    "after = [\"t{}\"]\ndue = \"t{} + 2wd\"\neffort = \"2h\"\n",
                    t - 1,
                    t - 1
                );
            }
        }
    }
    for k in 0..100 {
        let day = WEEKDAYS[k % 5];
        let _ = writeln!(
            p,
            "[columns.col{k}]\nname = \"栏目 {k}\"\nchannel = \"{}\"\nevery = \"every {day} except holidays\"\nowner = \"p{}\"\neffort = \"3h\"\n",
            CHANNELS[k % CHANNELS.len()],
            k % people
        );
    }
    let _ = writeln!(
        p,
        "[reserve]\nshare = \"20%\"\n\n[review.levels.first]\nname = \"初审\"\nresponse = \"24h\"\n\n\
         [review.levels.final]\nname = \"终审\"\nlead = \"3d\"\nresponse = \"24h\"\n\n\
         [kpis.followers]\nname = \"新增粉丝\"\nbaseline = \"10万\"\ntarget = \"15万\"\n"
    );
    let mut f = String::from("# The generated plan's team and channels.\n\n");
    for i in 0..people {
        let _ = writeln!(
            f,
            "[people.p{i}]\nname = \"成员 {i}\"\ncapacity = \"40h\"\n"
        );
    }
    for (i, ch) in CHANNELS.iter().enumerate() {
        let _ = writeln!(
            f,
            "[channels.{ch}]\nslots_per_week = {}\nmax_per_day = 12\n",
            60 + i
        );
    }
    Generated {
        plan: p,
        fragment: f,
    }
}
