//! `almanac copy FILE…`: the advertising-law check of a plan (L001) run
//! over drafts — the Markdown or text a team reviews at 初审 before
//! anything is published — so a draft meets the same term list as the
//! plan's own words, with the same diagnostics and formats. A plan given
//! with `--plan` lends its `[rules.absolute-term]` terms and exemptions.

use std::path::PathBuf;

use crate::check::CheckError;
use crate::diagnostics::{Diagnostic, codes};
use crate::model::Plan;
use crate::rules::config::RuleConfig;
use crate::rules::copy::absolute_term::found;
use crate::rules::copy::terms::Terms;
use crate::source::{SourceMap, Span};
use crate::syntax::strlit::StrSrc;
use crate::tr;
use crate::world::{World, io_reason};

/// What the drafts hold: their text and a diagnostic per term found.
pub struct Drafts {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks every draft at `paths` against `terms`. A file that cannot be
/// read is an operational error; one that is not UTF-8 text a diagnostic.
pub fn check_drafts(
    world: &dyn World,
    paths: &[PathBuf],
    terms: &Terms,
) -> Result<Drafts, CheckError> {
    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    for path in paths {
        let bytes = world.read(path).map_err(|e| CheckError::Unreadable {
            path: path.clone(),
            reason: io_reason(&e),
        })?;
        match crate::syntax::toml::decode(&bytes) {
            Ok(text) => {
                let len = text.len();
                let file = sources.add(path.clone(), text);
                let src = StrSrc::verbatim(Span::new(file, 0, len));
                for f in terms.find(&sources.get(file).text) {
                    diagnostics.push(found(&src, &f));
                }
            }
            Err((lossy, at, _)) => {
                let file = sources.add(path.clone(), lossy);
                diagnostics.push(
                    Diagnostic::new(
                        &codes::S002,
                        Span::new(file, at, at),
                        tr!("稿件不是 UTF-8 文本", "the draft is not UTF-8 text"),
                    )
                    .label(tr!("从这里开始无法解码", "cannot be decoded from here"))
                    .help(tr!(
                        "把稿件另存为 UTF-8（GBK 的稿件在编辑器里转换编码）",
                        "save the draft as UTF-8 (convert a GBK draft in your editor)"
                    )),
                );
            }
        }
    }
    Ok(Drafts {
        sources,
        diagnostics,
    })
}

/// The term list a plan sets: the built-in one with its
/// `[rules.absolute-term]` `terms` and `allow`.
pub fn terms_of(plan: &Plan) -> Terms {
    let config = RuleConfig::from_raw(&plan.rule_settings, &mut Vec::new());
    Terms::builtin().with(
        config.list(codes::L001.code, "terms"),
        config.list(codes::L001.code, "allow"),
    )
}
