//! The same id is declared twice, in one file or across a plan and the
//! files it includes. References to it would be ambiguous; the diagnostic
//! points at both declarations. A section that can appear once (`[budget]`,
//! `[reserve]`, `[kol]`) declared in two files is reported the same way.
