//! `almanac actuals import` as a user meets it: the shipped synthetic
//! exports fill the 2025 example's KPI actuals exactly as they are written
//! by hand, and each kind of bad input is a located diagnostic with the
//! plan left as it was.
//!
//! The example exports under `examples/actuals/` are made here, from the
//! tables below (`ALMANAC_BLESS=1` rewrites them; otherwise the test fails
//! when a committed file differs from what the tables give): the GBK CSV
//! cannot be edited as text, and the workbook is written by
//! `rust_xlsxwriter` with fixed document properties so its bytes are the
//! same on every run.

use std::path::PathBuf;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};

use crate::support::{Run, Scratch, repo};

// ── The synthetic exports ───────────────────────────────────────────────

/// 公众号 图文数据: one row per article. The first row is from 2024 and
/// falls outside the mapping's date range; the rest add up to 12万.
const WECHAT: &str = "\
发布日期,文章标题,阅读人数,分享次数,点赞数,新增关注
2024-12-30,年终盘点：我们的 2024,\"31,200\",860,1204,\"2,300\"
2025-01-15,新年第一篇：产品路线图,\"28,400\",720,980,\"8,200\"
2025-02-12,春节返工指南,\"30,100\",810,1102,\"9,500\"
2025-03-08,女神节专题：她们的故事,4.2万,1630,2405,1.1万
2025-04-16,白皮书发布：行业趋势解读,\"36,800\",1250,1540,\"10,300\"
2025-05-20,用户故事征集结果,\"29,900\",930,1320,\"9,800\"
2025-06-18,年中大促回顾,\"38,700\",1410,1860,\"12,400\"
2025-07-09,夏季新品测评,\"27,300\",690,1010,\"9,100\"
2025-08-13,创始人专访（上）,\"26,600\",640,970,\"8,700\"
2025-09-17,中秋 H5 幕后,3.5万,1180,1490,1.05万
2025-10-22,双 11 预告,\"31,800\",1020,1250,\"9,900\"
2025-11-12,双 11 战报,\"33,400\",1160,1380,\"10,600\"
2025-12-24,年度十大文章,\"32,000\",990,1300,\"10,000\"
";

/// 小红书 笔记数据: one row per note; `-` where the back end has no data,
/// in columns the mapping does not read. The notes add up to 6.2万.
const XIAOHONGSHU: &str = "\
笔记标题,发布时间,曝光,阅读,点赞,收藏,评论,涨粉数
早春通勤穿搭 5 套,2025-02-20 19:30,\"182,000\",\"24,100\",3120,1840,212,\"4,800\"
女神节礼物清单,2025-03-06 20:00,\"215,400\",\"30,800\",4050,2630,-,\"5,200\"
办公桌好物合集,2025-04-11 12:15,\"168,900\",\"22,500\",2890,1710,188,\"6,100\"
618 必买清单,2025-06-02 21:00,\"301,200\",\"41,700\",5620,3980,430,\"7,300\"
夏日防晒实测,2025-07-04 18:45,\"176,300\",\"23,900\",3010,1920,-,\"5,900\"
开学季数码推荐,2025-08-26 20:30,\"190,800\",\"26,400\",3350,2210,265,\"6,600\"
中秋礼盒开箱,2025-09-28 19:00,\"240,600\",\"35,200\",4780,3320,371,\"8,200\"
秋冬护肤步骤,2025-10-15 21:15,\"158,700\",\"21,300\",2760,1650,-,\"5,400\"
双 11 囤货攻略,2025-11-03 20:00,\"226,100\",\"31,900\",4210,2870,344,\"6,000\"
年度爱用物,2025-12-18 19:45,\"197,400\",\"27,600\",3560,2340,289,\"6,500\"
";

/// B站 粉丝数据: one row per month, 3.8万 in all.
const BILIBILI: &str = "\
统计日期,播放量,新增粉丝,取关
2025-01-31,412000,2800,310
2025-02-28,398000,3000,290
2025-03-31,436000,3200,305
2025-04-30,421000,3100,280
2025-05-31,405000,2900,300
2025-06-30,467000,3400,320
2025-07-31,455000,3300,295
2025-08-31,418000,3000,285
2025-09-30,489000,3600,330
2025-10-31,441000,3200,300
2025-11-30,432000,3100,290
2025-12-31,463000,3400,315
";

/// 抖音 作品数据: (发布时间, 作品标题, 播放量, 点赞, 评论, 分享, 新增粉丝);
/// 8.5万 new followers, 2.3万 of them from the one hit in March.
/// A work's row: its date, title and numbers.
type Work = ((u16, u8, u8), &'static str, [u32; 5]);

const DOUYIN: &[Work] = &[
    (
        (2025, 1, 10),
        "新年开箱 Vlog",
        [820_000, 31_000, 1_900, 2_400, 5_200],
    ),
    (
        (2025, 2, 14),
        "情人节反向礼物",
        [910_000, 35_600, 2_300, 3_100, 6_100],
    ),
    (
        (2025, 3, 8),
        "女神节街采",
        [4_600_000, 201_000, 12_800, 19_500, 23_000],
    ),
    (
        (2025, 4, 18),
        "白皮书 60 秒讲完",
        [760_000, 27_400, 1_500, 2_050, 4_800],
    ),
    (
        (2025, 5, 20),
        "520 办公室实验",
        [850_000, 33_200, 2_100, 2_700, 5_600],
    ),
    (
        (2025, 6, 18),
        "618 开箱挑战",
        [930_000, 36_900, 2_250, 3_000, 6_000],
    ),
    (
        (2025, 7, 25),
        "夏日城市漫游",
        [880_000, 34_100, 2_050, 2_800, 5_900],
    ),
    (
        (2025, 8, 22),
        "七夕情侣测评",
        [740_000, 26_800, 1_400, 1_900, 4_700],
    ),
    (
        (2025, 9, 12),
        "开学装备清单",
        [800_000, 30_500, 1_800, 2_300, 5_300],
    ),
    (
        (2025, 10, 6),
        "中秋团圆饭",
        [940_000, 37_800, 2_400, 3_200, 6_200],
    ),
    (
        (2025, 11, 11),
        "双 11 直播花絮",
        [860_000, 32_700, 1_950, 2_600, 5_500],
    ),
    (
        (2025, 12, 20),
        "年度混剪",
        [990_000, 39_900, 2_600, 3_500, 6_700],
    ),
];

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "the text is all in GBK");
    bytes.into_owned()
}

fn bom(text: &str) -> Vec<u8> {
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend_from_slice(text.as_bytes());
    b
}

/// A workbook shaped like the back end's: a title merged over the table,
/// then a two-row header (`互动数据` merged over three columns, the other
/// headers merged down over both rows), then the rows from `first_row`.
/// `tweak` may change a data cell's text (row index, column, text).
fn douyin_xlsx(tweak: Option<(usize, u16, &str)>) -> Vec<u8> {
    let mut book = Workbook::new();
    let props = DocProperties::new()
        .set_author("almanac")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 1, 5).expect("date"));
    book.set_properties(&props);
    let sheet = book.add_worksheet();
    sheet.set_name("作品数据").expect("sheet name");
    let center = Format::new().set_align(FormatAlign::Center).set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .merge_range(0, 0, 0, 6, "抖音作品数据（示例导出，2025 年）", &center)
        .expect("title");
    for (col, name) in [
        (0, "发布时间"),
        (1, "作品标题"),
        (2, "播放量"),
        (6, "新增粉丝"),
    ] {
        sheet
            .merge_range(1, col, 2, col, name, &center)
            .expect("header");
    }
    sheet
        .merge_range(1, 3, 1, 5, "互动数据", &center)
        .expect("group");
    for (col, name) in [(3, "点赞"), (4, "评论"), (5, "分享")] {
        sheet
            .write_string_with_format(2, col, name, &center)
            .expect("sub-header");
    }
    for (i, ((y, m, d), title, numbers)) in DOUYIN.iter().enumerate() {
        let row = u32::try_from(i).expect("few rows") + 3;
        let day = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
        sheet
            .write_datetime_with_format(row, 0, &day, &date)
            .expect("date");
        sheet.write_string(row, 1, *title).expect("title");
        for (j, n) in numbers.iter().enumerate() {
            let col = u16::try_from(j).expect("few columns") + 2;
            match tweak {
                Some((r, c, text)) if r == i && c == col => {
                    sheet.write_string(row, col, text).expect("text");
                }
                _ => {
                    sheet.write_number(row, col, f64::from(*n)).expect("number");
                }
            }
        }
    }
    book.save_to_buffer().expect("workbook")
}

/// Each example export: its file name under `examples/actuals/` and bytes.
fn exports() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("wechat-articles.csv", gbk(WECHAT)),
        ("douyin-works.xlsx", douyin_xlsx(None)),
        ("xiaohongshu-notes.csv", bom(XIAOHONGSHU)),
        ("bilibili-followers.csv", BILIBILI.as_bytes().to_vec()),
    ]
}

fn examples_dir() -> PathBuf {
    repo().join("examples/actuals")
}

#[test]
fn the_example_exports_are_up_to_date() {
    let bless = std::env::var_os("ALMANAC_BLESS").is_some();
    let mut stale = Vec::new();
    for (name, bytes) in exports() {
        let path = examples_dir().join(name);
        if std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
            if bless {
                std::fs::write(&path, &bytes).expect("write the example export");
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "examples/actuals/ differs from the tables in tests/integration/actuals.rs \
         for {stale:?}; run with ALMANAC_BLESS=1 to rewrite them"
    );
    // The workbook is the same bytes on every run (no clock inside).
    assert_eq!(douyin_xlsx(None), douyin_xlsx(None));
    // The encodings are the ones the README says.
    let wechat = std::fs::read(examples_dir().join("wechat-articles.csv")).expect("read");
    assert!(std::str::from_utf8(&wechat).is_err() && !wechat.starts_with(b"\xEF\xBB\xBF"));
}

// ── The 2025 example, filled in ─────────────────────────────────────────

/// (mapping, export, the KPI's actual as the example plan writes it).
const MAPPED: [(&str, &str, &str); 4] = [
    ("wechat.toml", "wechat-articles.csv", "actual = \"12万\"\n"),
    ("douyin.toml", "douyin-works.xlsx", "actual = \"8.5万\"\n"),
    (
        "xiaohongshu.toml",
        "xiaohongshu-notes.csv",
        "actual = \"6.2万\"\n",
    ),
    (
        "bilibili.toml",
        "bilibili-followers.csv",
        "actual = \"3.8万\"\n",
    ),
];

/// The 2025 example in a scratch project with the mapped actuals removed,
/// and the example exports and mappings beside it under `actuals/`.
fn scratch_2025() -> (Scratch, String) {
    let plan = std::fs::read_to_string(repo().join("plans/new-media-2025.toml")).expect("plan");
    let mut s = Scratch::new().with_examples(|t| t);
    let mut stripped = plan.clone();
    for (_, _, line) in MAPPED {
        // Each of these KPIs' tables holds its line once, right after `name`.
        let kpi_table = stripped.find(line).expect("the example has the actual");
        stripped.replace_range(kpi_table..kpi_table + line.len(), "");
    }
    assert_ne!(stripped, plan);
    s = s.file("plans/new-media-2025.toml", stripped);
    for e in std::fs::read_dir(examples_dir()).expect("examples") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        s = s.file(&format!("actuals/{name}"), std::fs::read(&p).expect("read"));
    }
    (s, plan)
}

fn plan_text(s: &Scratch) -> String {
    std::fs::read_to_string(s.dir.path().join("plans/new-media-2025.toml")).expect("plan")
}

#[test]
fn the_shipped_exports_fill_the_2025_kpi_actuals_as_written_by_hand() {
    let (s, hand_written) = scratch_2025();
    for (map, export, _) in MAPPED {
        let r = s.run(&[
            "actuals",
            "import",
            &format!("actuals/{export}"),
            "--map",
            &format!("actuals/{map}"),
            "plans/new-media-2025.toml",
        ]);
        assert_eq!(r.code, 0, "{map}: {}", r.stderr);
        assert!(r.stderr.contains("kpis."), "{}", r.stderr);
    }
    assert_eq!(plan_text(&s), hand_written);
    // And once filled, importing again changes nothing.
    let r = s.run(&[
        "actuals",
        "import",
        "actuals/wechat-articles.csv",
        "--map",
        "actuals/wechat.toml",
        "plans/new-media-2025.toml",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(plan_text(&s), hand_written);
}

#[test]
fn the_import_reports_what_it_wrote_and_from_how_many_rows() {
    let (s, _) = scratch_2025();
    let r = s.run(&[
        "actuals",
        "import",
        "actuals/wechat-articles.csv",
        "--map",
        "actuals/wechat.toml",
        "plans/new-media-2025.toml",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The 2024 article is outside the range: twelve rows, not thirteen.
    assert_eq!(
        r.stderr,
        "wrote 1 value into `plans/new-media-2025.toml`:\n  \
         kpis.wechat_new_followers.actual = \"12万\" (from 12 rows)\n"
    );
}

#[test]
fn dry_run_shows_the_semantic_diff_and_writes_nothing() {
    let (s, _) = scratch_2025();
    let before = plan_text(&s);
    let r = s.run(&[
        "actuals",
        "import",
        "actuals/douyin-works.xlsx",
        "--map",
        "actuals/douyin.toml",
        "plans/new-media-2025.toml",
        "--dry-run",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(plan_text(&s), before);
    insta::assert_snapshot!("dry_run", format!("{}---\n{}", r.stdout, r.stderr));
}

// ── Bad input: each a located diagnostic, the plan unchanged ────────────

/// A small plan with KPIs, a budget and campaigns, for the bad inputs.
const PLAN: &str = r#"[plan]
id = "review"
name = "复盘"
year = 2025
locale = "zh-CN"

[channels.douyin]
name = "抖音"

[channels.xiaohongshu]
name = "小红书"

[budget]
total = "100万"
ads = "60%"

[budget.kol]
share = "40%"
head = "50%"
waist = "50%"

[campaigns.double11]
name = "双11"
window = "11-01..11-11"

[campaigns.warmup]
name = "预热"
window = "10-20..10-31"

[campaigns.spring]
name = "春季上新"
window = "03-01..03-31"

[columns.tips]
name = "每周干货"
channel = "xiaohongshu"
every = "every wed"

[kpis.douyin_new_followers]
name = "抖音新增粉丝"
target = "8万"

[kpis.engagement_rate]
name = "互动率"
target = "5%"
"#;

/// Runs an import in a scratch project holding [`PLAN`] (or `plan`),
/// `map.toml` and the exports, in English; asserts that the plan file is
/// byte for byte what it was and returns the run.
fn refused(plan: &str, map: &str, exports: &[(&str, &[u8])]) -> Run {
    let mut s = Scratch::new().file("plan.toml", plan).file("map.toml", map);
    let mut args = vec!["actuals".to_string(), "import".to_string()];
    for (name, bytes) in exports {
        s = s.file(name, bytes);
        args.push((*name).to_string());
    }
    args.extend(["--map", "map.toml", "plan.toml", "--lang", "en"].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = s.run(&args);
    assert_eq!(
        std::fs::read_to_string(s.dir.path().join("plan.toml")).expect("plan"),
        plan,
        "the plan was changed: {}",
        r.stderr
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!s.dir.path().join(".plan.toml.almanac-fmt").exists());
    r
}

fn ok(plan: &str, map: &str, exports: &[(&str, &[u8])]) -> (Run, String) {
    let mut s = Scratch::new().file("plan.toml", plan).file("map.toml", map);
    let mut args = vec!["actuals".to_string(), "import".to_string()];
    for (name, bytes) in exports {
        s = s.file(name, bytes);
        args.push((*name).to_string());
    }
    args.extend(["--map", "map.toml", "plan.toml", "--lang", "en"].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = s.run(&args);
    let text = std::fs::read_to_string(s.dir.path().join("plan.toml")).expect("plan");
    (r, text)
}

const DOUYIN_MAP: &str = "[[metrics]]\ncolumn = \"新增粉丝\"\nkpi = \"douyin_new_followers\"\n";

#[test]
fn an_export_without_a_mapped_column() {
    let csv = "日期,作品,播放量,新增关注\n2025-03-08,街采,460000,23000\n";
    let r = refused(PLAN, DOUYIN_MAP, &[("douyin.csv", csv.as_bytes())]);
    insta::assert_snapshot!("missing_column", r.stderr);
}

#[test]
fn wan_and_thousands_separators_are_numbers_and_a_dash_is_not() {
    let csv = "作品,新增粉丝\n街采,12.3万\n开箱,\"1,234\"\n花絮,-\n";
    let r = refused(PLAN, DOUYIN_MAP, &[("douyin.csv", csv.as_bytes())]);
    insta::assert_snapshot!("dash_in_number_column", r.stderr);
    // Without the dash, 12.3万 and 1,234 add up; with `blanks = "skip"`, so does it.
    let good = "作品,新增粉丝\n街采,12.3万\n开箱,\"1,234\"\n";
    let (r, text) = ok(PLAN, DOUYIN_MAP, &[("douyin.csv", good.as_bytes())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        text.contains("target = \"8万\"\nactual = \"124234\"\n"),
        "{text}"
    );
    // The export's own total row is not added again.
    let total = "作品,新增粉丝\n街采,12.3万\n开箱,\"1,234\"\n合计,\"124,234\"\n";
    let (r, text) = ok(PLAN, DOUYIN_MAP, &[("douyin.csv", total.as_bytes())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(text.contains("actual = \"124234\"\n"), "{text}");
    let skip = format!("[file]\nblanks = \"skip\"\n\n{DOUYIN_MAP}");
    let (r, text) = ok(PLAN, &skip, &[("douyin.csv", csv.as_bytes())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(text.contains("actual = \"124234\"\n"), "{text}");
}

#[test]
fn a_gbk_csv_without_a_byte_order_mark_is_read() {
    let csv = gbk("作品,新增粉丝\n街采,2.3万\n开箱,带货\n");
    assert!(std::str::from_utf8(&csv).is_err());
    // The bad cell is located in the decoded text, and quoted in UTF-8.
    let r = refused(PLAN, DOUYIN_MAP, &[("douyin.csv", &csv)]);
    insta::assert_snapshot!("gbk_bad_cell", r.stderr);
    let good = gbk("作品,新增粉丝\n街采,2.3万\n开箱,\"1,000\"\n");
    let (r, text) = ok(PLAN, DOUYIN_MAP, &[("douyin.csv", &good)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(text.contains("actual = \"2.4万\"\n"), "{text}");
}

#[test]
fn an_xlsx_with_merged_header_cells() {
    // The header is found under its merged title and group, and a bad
    // cell is named as the sheet names it (row 6 is the third data row).
    let book = douyin_xlsx(Some((2, 6, "两万三")));
    let map = format!("[file]\nsheet = \"作品数据\"\n\n{DOUYIN_MAP}");
    let r = refused(PLAN, &map, &[("douyin.xlsx", &book)]);
    insta::assert_snapshot!("xlsx_merged_header_bad_cell", r.stderr);
    let (r, text) = ok(PLAN, &map, &[("douyin.xlsx", &douyin_xlsx(None))]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(text.contains("actual = \"8.5万\"\n"), "{text}");
}

#[test]
fn a_mapping_naming_an_unknown_kpi() {
    let map = "[[metrics]]\ncolumn = \"新增粉丝\"\nkpi = \"douyin_new_follower\"\n";
    let csv = "作品,新增粉丝\n街采,23000\n";
    let r = refused(PLAN, map, &[("douyin.csv", csv.as_bytes())]);
    insta::assert_snapshot!("unknown_kpi", r.stderr);
}

/// `last` takes the latest row by date; two rows on that date must agree.
#[test]
fn two_rows_for_one_metric_with_last() {
    let map = "[file]\ndate_column = \"日期\"\n\n\
               [[metrics]]\ncolumn = \"互动率\"\nkpi = \"engagement_rate\"\naggregate = \"last\"\n";
    // Newest first, as exports often are: the latest date wins, not the last line.
    let good = "日期,互动率\n2025-12-31,5.8%\n2025-06-30,4.1%\n";
    let (r, text) = ok(PLAN, map, &[("rates.csv", good.as_bytes())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        text.contains("target = \"5%\"\nactual = \"5.8%\"\n"),
        "{text}"
    );
    // Two rows on the latest date with the same value are one value.
    let same = "日期,互动率\n2025-12-31,5.8%\n2025-12-31,5.8%\n";
    let (r, _) = ok(PLAN, map, &[("rates.csv", same.as_bytes())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let clash = "日期,互动率\n2025-12-31,5.8%\n2025-06-30,4.1%\n2025-12-31,6.0%\n";
    let r = refused(PLAN, map, &[("rates.csv", clash.as_bytes())]);
    insta::assert_snapshot!("last_two_rows_on_the_latest_date", r.stderr);
}

const CAMPAIGN_MAP: &str = "[campaigns]\ncolumn = \"计划名称\"\nmatch = \"contains\"\n\n\
                            [[metrics]]\ncolumn = \"曝光\"\ncampaign = \"*\"\nmetric = \"reach\"\n";

#[test]
fn a_campaign_name_matching_none_gets_a_suggestion() {
    let csv = "计划名称,曝光\n双11 主会场,1200000\n春李上新,300000\n";
    let r = refused(PLAN, CAMPAIGN_MAP, &[("ads.csv", csv.as_bytes())]);
    insta::assert_snapshot!("campaign_matches_none", r.stderr);
}

#[test]
fn a_campaign_name_matching_two_names_both() {
    let csv = "计划名称,曝光\n双11 预热直播,800000\n";
    let r = refused(PLAN, CAMPAIGN_MAP, &[("ads.csv", csv.as_bytes())]);
    insta::assert_snapshot!("campaign_matches_two", r.stderr);
}

#[test]
fn an_import_into_a_plan_with_a_syntax_error_writes_nothing() {
    let broken = PLAN.replace("name = \"抖音新增粉丝\"", "name = \"抖音新增粉丝");
    let csv = "作品,新增粉丝\n街采,23000\n";
    let r = refused(&broken, DOUYIN_MAP, &[("douyin.csv", csv.as_bytes())]);
    insta::assert_snapshot!("plan_syntax_error", r.stderr);
}

#[test]
fn a_budget_line_receives_its_spent() {
    let map = "[[metrics]]\ncolumn = \"消耗\"\nbudget = \"kol.head\"\n\n\
               [[metrics]]\ncolumn = \"消耗\"\nbudget = \"kol.head\"\n";
    let csv = "日期,消耗\n2025-11-01,\"1,200,000\"\n2025-11-02,\"1,650,000\"\n";
    let (r, text) = ok(PLAN, map, &[("spend.csv", csv.as_bytes())]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    insta::assert_snapshot!("two_metrics_one_value", r.stderr);
    let _ = text;
    let map = "[[metrics]]\ncolumn = \"消耗\"\nbudget = \"kol.head\"\n";
    let (r, text) = ok(PLAN, map, &[("spend.csv", csv.as_bytes())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        text.contains("head = { share = \"50%\", spent = \"285万\" }\n"),
        "{text}"
    );
}

#[test]
fn mapping_mistakes_are_located_in_the_mapping() {
    let map = "[file]\ndate_colum = \"日期\"\n\n\
               [[metrics]]\ncolumn = \"新增粉丝\"\nkpi = \"douyin_new_followers\"\naggregate = \"max\"\n\n\
               [[metrics]]\ncolumn = \"曝光\"\ncampaign = \"double11\"\nmetric = \"impressions\"\n";
    let csv = "作品,新增粉丝\n街采,23000\n";
    let r = refused(PLAN, map, &[("douyin.csv", csv.as_bytes())]);
    insta::assert_snapshot!("mapping_mistakes", r.stderr);
}

#[test]
fn messages_follow_the_plans_locale() {
    let csv = "作品,新增粉丝\n花絮,-\n";
    let s = Scratch::new()
        .file("plan.toml", PLAN)
        .file("map.toml", DOUYIN_MAP)
        .file("douyin.csv", csv);
    let r = s.run(&[
        "actuals",
        "import",
        "douyin.csv",
        "--map",
        "map.toml",
        "plan.toml",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    insta::assert_snapshot!("dash_in_chinese", r.stderr);
}

#[test]
fn a_file_that_is_not_a_table_is_reported() {
    let r = refused(
        PLAN,
        DOUYIN_MAP,
        &[("douyin.csv", b"PK\x03\x04 not really a zip")],
    );
    assert!(
        r.stderr
            .starts_with("error[I008]: cannot read the Excel workbook"),
        "{}",
        r.stderr
    );
    let r = refused(PLAN, DOUYIN_MAP, &[("douyin.csv", b"\xFF\xFE\x00a")]);
    assert!(r.stderr.contains("error[I008]"), "{}", r.stderr);
}

#[test]
fn a_missing_export_is_an_operational_error() {
    let s = Scratch::new()
        .file("plan.toml", PLAN)
        .file("map.toml", DOUYIN_MAP);
    let r = s.run(&[
        "actuals",
        "import",
        "nope.csv",
        "--map",
        "map.toml",
        "plan.toml",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: cannot read `nope.csv`: no such file\n");
}

#[test]
fn campaign_results_by_row_and_per_channel() {
    let map = "[file]\ndate_column = \"日期\"\n\n\
               [campaigns]\ncolumn = \"计划名称\"\nmatch = \"contains\"\naliases = { \"双十一\" = \"double11\" }\n\n\
               [[metrics]]\ncolumn = \"曝光\"\ncampaign = \"*\"\nmetric = \"reach\"\n\n\
               [[metrics]]\ncolumn = \"曝光\"\ncampaign = \"*\"\nmetric = \"reach\"\nchannel = \"douyin\"\n\n\
               [[metrics]]\ncolumn = \"消耗\"\ncampaign = \"*\"\nmetric = \"spent\"\n";
    let csv = "日期,计划名称,曝光,消耗\n\
               2025-11-01,双11 主会场 - 信息流,\"1,200,000\",30万\n\
               2025-11-05,双十一 返场,80万,\"150,000\"\n\
               2025-03-10,春季上新 预告,30万,5万\n";
    let (r, text) = ok(PLAN, map, &[("ads.csv", csv.as_bytes())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("campaign_results", format!("{}---\n{text}", r.stderr));
}

#[test]
fn column_results_count_episodes_and_average_reads() {
    let map = "[[metrics]]\ncolumn = \"标题\"\nplan_column = \"tips\"\nmetric = \"episodes\"\naggregate = \"count\"\n\n\
               [[metrics]]\ncolumn = \"阅读\"\nplan_column = \"tips\"\nmetric = \"avg_reads\"\naggregate = \"mean\"\n";
    let csv = "标题,阅读\n第一期,2万\n第二期,\"25,000\"\n第三期,3万\n";
    let (r, text) = ok(PLAN, map, &[("tips.csv", csv.as_bytes())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        text.contains("[columns.tips.results]\nepisodes = 3\navg_reads = \"2.5万\"\n"),
        "{text}"
    );
    // Episodes summed from a column must be whole.
    let map = "[[metrics]]\ncolumn = \"期数\"\nplan_column = \"tips\"\nmetric = \"episodes\"\naggregate = \"mean\"\n";
    let csv = "月份,期数\n2025-01-31,4\n2025-02-28,3\n";
    let r = refused(PLAN, map, &[("tips.csv", csv.as_bytes())]);
    insta::assert_snapshot!("episodes_not_whole", r.stderr);
}
