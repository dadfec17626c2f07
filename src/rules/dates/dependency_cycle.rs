//! Tasks (through `after` or dates relative to each other) or moments and
//! campaigns (through dates relative to each other) that depend on each other
//! in a cycle, so none of them can be dated. The message names the whole
//! cycle.
//!
//! <!-- zh-CN -->
//! 任务（通过 `after` 或相互参照的日期）、
//! 营销节点和活动（通过相互参照的日期）彼此依赖，形成了循环，
//! 因此哪一个都定不下日期。诊断会列出整个循环。
