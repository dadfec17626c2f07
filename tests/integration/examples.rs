//! The example plans in `plans/` check clean, through the real binary, and
//! carry the founding document's numbers.

use almanac::check::check_paths;
use almanac::ratio::Ratio;
use almanac::world::OsWorld;

use crate::support::{repo, run_in};

#[test]
fn check_plans_directory_is_clean() {
    let r = run_in(&repo(), &["check", "plans"]);
    assert_eq!(r.stderr, "checked 3 plans: 0 errors, 0 warnings\n");
    assert_eq!(r.stdout, "");
    assert_eq!(r.code, 0);
}

#[test]
fn the_2026_plan_carries_the_founding_documents_rules() {
    let checked =
        check_paths(&OsWorld, &[repo().join("plans/new-media-2026.toml")]).expect("checks");
    assert!(checked.diagnostics.is_empty());
    let plan = &checked.plans[0];
    let b = &plan.budget;
    let share = |path: &str| {
        let l = &b.lines[b.find(path).expect(path)];
        let parent = &b.lines[l.parent.expect("parent")];
        l.amount
            .and_then(|v| v.checked_mul(Ratio::HUNDRED))
            .and_then(|v| v.checked_div(parent.amount?))
            .expect("share")
    };
    assert_eq!(share("ads"), Ratio::int(60));
    assert_eq!(share("kol"), Ratio::int(30));
    assert_eq!(share("tools"), Ratio::int(10));
    assert_eq!(share("kol.head"), Ratio::int(5));
    assert_eq!(share("kol.waist"), Ratio::int(25));
    assert_eq!(share("kol.amateur"), Ratio::int(70));
    let names: Vec<&str> = plan.campaigns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["年味实验室", "城市探索指南", "理性消费倡导"]);
    let columns: Vec<&str> = plan
        .columns
        .iter()
        .filter(|c| !c.ritual)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(columns, ["探店vlog", "粉丝福利日", "周末深度长文"]);
    // The team's rhythm: weekly case review, monthly training, the
    // quarterly 48-hour challenge.
    let rituals: Vec<&str> = plan
        .columns
        .iter()
        .filter(|c| c.ritual)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        rituals,
        ["每周内部案例复盘", "每月外部培训", "48 小时协作挑战"]
    );
    assert_eq!(
        plan.reserve.as_ref().map(|r| r.percent.value),
        Some(Ratio::int(20))
    );
    let review: Vec<&str> = plan.review.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(review, ["初审", "复审", "终审"]);
    assert_eq!(
        plan.review[2].lead.map(|l| l.value),
        Some(almanac::model::Lead::Days(3))
    );
    // 年味实验室 runs from three weeks before Spring Festival 2026 (02-17).
    let lab = &plan.campaigns[0].window.value;
    assert_eq!(lab.start.to_string(), "2026-01-27");
    assert_eq!(lab.end.to_string(), "2026-03-04");
    assert_eq!(plan.key_messages, ["健康", "便捷", "社交"]);
}

#[test]
fn the_2025_review_carries_the_founding_documents_results() {
    let checked =
        check_paths(&OsWorld, &[repo().join("plans/new-media-2025.toml")]).expect("checks");
    let plan = &checked.plans[0];
    let kpi = |id: &str| plan.kpis.iter().find(|k| k.id.name == id).expect(id);
    let actual = |id: &str| kpi(id).actual.as_ref().expect("actual").q.value;
    assert_eq!(actual("follower_growth"), Ratio::int(35));
    assert_eq!(
        kpi("follower_growth")
            .target
            .as_ref()
            .expect("target")
            .q
            .value,
        Ratio::int(30)
    );
    assert_eq!(actual("wechat_new_followers"), Ratio::int(120_000));
    assert_eq!(actual("douyin_new_followers"), Ratio::int(85_000));
    assert_eq!(actual("xiaohongshu_new_followers"), Ratio::int(62_000));
    assert_eq!(actual("bilibili_new_followers"), Ratio::int(38_000));
    assert_eq!(actual("ad_roi"), Ratio::int(5));
    assert_eq!(
        kpi("engagement_rate")
            .baseline
            .as_ref()
            .expect("baseline")
            .q
            .value,
        Ratio::parse_decimal("3.2").expect("3.2")
    );
    assert_eq!(plan.highlights.len(), 4);
}
