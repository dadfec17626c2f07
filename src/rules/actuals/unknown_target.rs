//! The mapping writes into a KPI, budget line, campaign, column or channel
//! that the plan does not declare. KPIs, budget lines, campaigns and
//! columns must be declared in the plan file itself, since that is the file
//! the import writes; channels may come from an included fragment. The
//! closest id is suggested. A mapping can only fill in values of things the
//! plan already has: declare the KPI or campaign first, then import.
//!
//! <!-- zh-CN -->
//! 映射文件要写入的 KPI、预算科目、活动、栏目或渠道在计划中没有声明。KPI、
//! 预算科目、活动和栏目必须声明在计划文件本身里，因为导入写的就是这个文件；
//! 渠道可以来自引入的片段文件。almanac 会给出最接近的标识。映射文件只能为
//! 计划中已有的内容填入数值：先在计划中声明 KPI 或活动，再导入。
