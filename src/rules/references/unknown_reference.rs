//! A reference to something the plan does not declare: an owner who is not
//! in `[people]`, a channel not in `[channels]`, a budget line not in
//! `[budget]`, a date name that is neither a moment, a campaign nor a
//! built-in festival. The help line suggests the closest existing id.
//!
//! Built-in date names: the lunar festivals `new_years_eve`,
//! `spring_festival`, `lantern`, `qingming`, `dragon_boat`, `qixi`,
//! `mid_autumn`, `double_ninth` (2020–2040), and `new_year`, `valentines`,
//! `womens_day`, `consumer_rights_day`, `labour_day`, `day_520`,
//! `childrens_day`, `sale_618`, `mothers_day`, `fathers_day`,
//! `back_to_school`, `teachers_day`, `national_day`, `double_11`,
//! `double_12`, `memorial_day`, `christmas`, and the sensitive dates
//! `wenchuan_memorial`, `july_7th`, `victory_day`, `sept_18th` (and their
//! Chinese names, such as `春节` or `双11`); `data/calendar/moments.csv`
//! has their dates.
//!
//! <!-- zh-CN -->
//! 引用了计划中没有声明的内容：负责人不在 `[people]` 中，渠道不在 `[channels]`
//! 中，预算科目不在 `[budget]` 中，或者日期名称既不是营销节点、活动，也不是
//! 内置节日。提示行会给出最接近的已有标识。
//!
//! 内置日期名称：农历节日 `new_years_eve`、`spring_festival`、`lantern`、
//! `qingming`、`dragon_boat`、`qixi`、`mid_autumn`、`double_ninth`（2020–2040 年），
//! 以及 `new_year`、`valentines`、`womens_day`、`consumer_rights_day`、
//! `labour_day`、`day_520`、`childrens_day`、`sale_618`、`mothers_day`、
//! `fathers_day`、`back_to_school`、`teachers_day`、`national_day`、`double_11`、
//! `double_12`、`memorial_day`、`christmas`，还有敏感日期 `wenchuan_memorial`、
//! `july_7th`、`victory_day`、`sept_18th`（也可以写它们的中文名，如 `春节` 或
//! `双11`）；各自的日期见 `data/calendar/moments.csv`。
