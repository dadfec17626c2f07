//! The file is empty (or holds only whitespace). A plan starts with a
//! `[plan]` table; `almanac init` writes a commented starter plan.
