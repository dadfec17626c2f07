//! Synthetic plans for benchmarks and tests: a plan of `n` items (campaigns
//! and their tasks) that looks like a real one and checks clean — a nested
//! budget of shares, campaigns drawing from it, tasks chained about ten
//! deep with workday offsets, about a hundred weekly columns, monthly
//! moments and an included fragment with the team. almanac's `examples/gen_plan.rs`
//! prints one; the benchmarks and the scaling tests build them in memory.
//! [`twin`] is the same plan cut down to what TaskJuggler can also say, and
//! [`tjp`] is its TaskJuggler project, for the side-by-side benchmark.

use std::fmt::Write;

use chrono::{Datelike, Days, NaiveDate};

/// A day of China's official schedule, as almanac's calendar has it: a
/// holiday, or a make-up workday (调休).
pub struct OfficialDay {
    pub date: NaiveDate,
    pub holiday: bool,
    pub name_zh: &'static str,
}

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
    generate(n, true)
}

/// The almanac half of the pair compared with TaskJuggler: [`plan`]`(n)`
/// with only what its TaskJuggler twin ([`tjp`]) also contains — the
/// people, the budget lines, the campaigns with their windows, owners and
/// draws, and the chained tasks with their efforts. No weekly columns,
/// moments, channels, assertion, reserve, review levels or KPIs, which have
/// no TaskJuggler counterpart.
pub fn twin(n: usize) -> Generated {
    generate(n, false)
}

/// [`plan`] when `rich`, else [`twin`].
fn generate(n: usize, rich: bool) -> Generated {
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
    if rich {
        let _ = writeln!(
            p,
            "[assertions]\nads_cap = \"sum(budget.ads.*) <= 50% of budget.total\"\n"
        );
    }
    for m in (1..=12u32).filter(|_| rich) {
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
            "[campaigns.c{c}]\nname = \"活动 {c}\"\nwindow = \"{}..+{}d\"",
            start.format("%Y-%m-%d"),
            14 + c % 20,
        );
        if rich {
            let _ = writeln!(
                p,
                "channels = [\"{}\", \"{}\"]",
                CHANNELS[c % CHANNELS.len()],
                CHANNELS[(c + 3) % CHANNELS.len()],
            );
        }
        let _ = writeln!(p, "owner = \"p{}\"", c % people);
        if rich {
            let _ = writeln!(p, "flagship = {}", c < 6);
        }
        let _ = writeln!(p, "budget = {{ {line}.part{} = \"¥1000\" }}\n", c % 4);
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
    for k in (0..100).filter(|_| rich) {
        let day = WEEKDAYS[k % 5];
        let _ = writeln!(
            p,
            "[columns.col{k}]\nname = \"栏目 {k}\"\nchannel = \"{}\"\nevery = \"every {day} except holidays\"\nowner = \"p{}\"\neffort = \"3h\"\n",
            CHANNELS[k % CHANNELS.len()],
            k % people
        );
    }
    if rich {
        let _ = writeln!(
            p,
            "[reserve]\nshare = \"20%\"\n\n[review.levels.first]\nname = \"初审\"\nresponse = \"24h\"\n\n\
         [review.levels.final]\nname = \"终审\"\nlead = \"3d\"\nresponse = \"24h\"\n\n\
         [kpis.followers]\nname = \"新增粉丝\"\nbaseline = \"10万\"\ntarget = \"15万\"\n"
        );
    }
    let mut f = String::from(if rich {
        "# The generated plan's team and channels.\n\n"
    } else {
        "# The generated plan's team.\n\n"
    });
    for i in 0..people {
        let _ = writeln!(
            f,
            "[people.p{i}]\nname = \"成员 {i}\"\ncapacity = \"40h\"\n"
        );
    }
    for (i, ch) in CHANNELS.iter().enumerate().filter(|_| rich) {
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

/// The TaskJuggler project equivalent to [`twin`]`(n)`, for the benchmark
/// against `tj3` (`bench/compare.sh`): the same campaigns as parent tasks,
/// each with its chain of tasks (`depends` on the previous one, the same
/// efforts and owners as `allocate`), the same people with 40-hour weeks,
/// the same budget lines as accounts (credited with their share of the
/// total) and each campaign's draw as a `charge`, the Chinese 2026 official
/// holidays as leaves and the make-up workdays (调休) as a weekend shift,
/// and two reports: a CSV task list and an iCalendar file. `official` is
/// almanac's table of official days, sorted by date.
pub fn tjp(n: usize, official: &[OfficialDay]) -> String {
    let campaigns = (n / (CHAIN + 1)).max(1);
    let people = (n / 200).max(40);
    let mut p = String::with_capacity(n * 160);
    let _ = writeln!(
        p,
        "# A generated project: {campaigns} campaigns with {CHAIN} tasks each,\n\
         # the TaskJuggler twin of almanac's generated plan of {n} items.\n\
         project generated_{n} \"生成的计划 {n}\" 2026-01-01-00:00-+0800 - 2027-01-01-00:00-+0800 {{\n  \
         timezone \"Asia/Shanghai\"\n  currency \"CNY\"\n  timeformat \"%Y-%m-%d %H:%M\"\n  \
         workinghours mon - fri 9:00 - 12:00, 13:00 - 18:00\n  \
         workinghours sat, sun off\n  dailyworkinghours 8\n  yearlyworkingdays 250\n}}\n"
    );
    // The official days of 2026: days off as project-wide leaves, make-up
    // workdays as a weekend shift every person works on those dates.
    let days: Vec<_> = official.iter().filter(|d| d.date.year() == 2026).collect();
    let mut makeup = Vec::new();
    let mut i = 0;
    while i < days.len() {
        // Group consecutive days of one festival and kind into one interval.
        let mut j = i + 1;
        while j < days.len()
            && days[j].holiday == days[i].holiday
            && days[j].name_zh == days[i].name_zh
            && days[j].date == days[j - 1].date + Days::new(1)
        {
            j += 1;
        }
        let len = j - i;
        let first = days[i].date.format("%Y-%m-%d");
        if days[i].holiday {
            let _ = writeln!(p, "leaves holiday \"{}\" {first} +{len}d", days[i].name_zh);
        } else {
            makeup.push(format!("{first} +{len}d"));
        }
        i = j;
    }
    let _ = writeln!(
        p,
        "\nshift makeup \"调休上班\" {{\n  workinghours mon - sun 9:00 - 12:00, 13:00 - 18:00\n}}\n"
    );
    // Budget: the same three lines of shares, each with four equal parts,
    // credited on the first day of the year with their share of the total.
    let total = campaigns as u64 * 100_000;
    let lines = [("ads", 50u64), ("kol", 30), ("tools", 20)];
    let _ = writeln!(p, "account budget \"预算 ¥{total}\" {{");
    for (line, share) in lines {
        let _ = writeln!(p, "  account {line} \"{line}\" {{");
        for s in 0..4 {
            let amount = total * share / 100 / 4;
            let _ = writeln!(
                p,
                "    account {line}_part{s} \"{line}.part{s}\" {{ credits 2026-01-01 \"allocation\" {amount} }}"
            );
        }
        p.push_str("  }\n");
    }
    p.push_str("}\naccount income \"收入\"\n\n");
    // People: 40-hour weeks; the make-up workdays as a shift.
    let shifts = if makeup.is_empty() {
        String::new()
    } else {
        format!(" shifts makeup {}", makeup.join(", makeup "))
    };
    p.push_str("resource team \"团队\" {\n");
    for i in 0..people {
        let _ = writeln!(
            p,
            "  resource p{i} \"成员 {i}\" {{ limits {{ weeklymax 40h }}{shifts} }}"
        );
    }
    p.push_str("}\n");
    p.push('\n');
    let year_start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    for c in 0..campaigns {
        let start = year_start + Days::new(45 + (c as u64 * 7) % 230);
        let (line, _) = lines[c % 3];
        // almanac's first task is due 20 workdays before the window opens;
        // TaskJuggler schedules forward, so the chain starts four weeks
        // before the window.
        let chain_start = start - Days::new(28);
        let _ = writeln!(
            p,
            "task c{c} \"活动 {c}\" {{\n  start {}\n  responsible p{}\n  \
             chargeset {line}_part{}\n  charge 1000 onstart",
            chain_start.format("%Y-%m-%d"),
            c % people,
            c % 4,
        );
        for t in 0..CHAIN {
            let effort = if t == 0 { 4 } else { 2 };
            let _ = write!(
                p,
                "  task t{t} \"任务 {t}\" {{ effort {effort}h allocate p{}",
                (c + t) % people
            );
            if t > 0 {
                let _ = write!(p, " depends !t{}", t - 1);
            }
            p.push_str(" }\n");
        }
        p.push_str("}\n");
    }
    p.push_str(
        "\ntaskreport tasks \"tasks\" {\n  formats csv\n  \
         columns id, name, start, end, effort, resources, cost\n  \
         balance budget income\n  hideresource 1\n}\n\n\
         icalreport calendar \"calendar\" {\n}\n",
    );
    p
}
