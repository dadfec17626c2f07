//! `almanac schema`: prints the plan format's JSON Schema (draft-07), for
//! editors (Taplo, Tombi: `#:schema ./plan.schema.json` as a plan's first
//! line). `schema/plan.schema.json` in the repository is this output.

use crate::cli::args::SchemaArgs;
use crate::cli::out;

pub fn run(a: &SchemaArgs) -> u8 {
    let SchemaArgs {} = a;
    out(&crate::schema::plan_schema_text());
    0
}
