//! `almanac schema`: prints the plan format's JSON Schema (draft-07), for
//! editors (Taplo, Tombi: `#:schema ./plan.schema.json` as a plan's first
//! line). `schema/plan.schema.json` in the repository is this output.

use super::Exit;
use crate::cli::args::SchemaArgs;
use crate::cli::out;

pub fn run(a: &SchemaArgs) -> Exit {
    let SchemaArgs {} = a;
    out(&crate::schema::plan_schema_text());
    Exit::Clean
}
