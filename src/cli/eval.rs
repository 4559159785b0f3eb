//! `bench`, `eval`, `eval-ner` and `train-ner`: the commands that measure newsdex itself.

use std::io::{self, Write};
use std::path::Path;

use super::args::{BenchArgs, EvalArgs, EvalNerArgs, TrainNerArgs};
use super::Outcome;
use crate::error::Error;

pub(super) fn run_eval(args: EvalArgs) -> anyhow::Result<Outcome> {
    let report = crate::eval::evaluate(&crate::eval::EvalOptions {
        dir: args.dir,
        split: args.split,
        index_dir: args.keep_index,
        feedback: args.rm3.then(crate::search::rank::Feedback::default),
    })?;
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", crate::eval::format_report(&report))?;
    }
    Ok(Outcome::Found)
}

pub(super) fn run_eval_ner(args: EvalNerArgs) -> anyhow::Result<Outcome> {
    if args.conll.is_none() && args.gum.is_none() {
        return Err(Error::NoNerData.into());
    }
    let mut extractor = crate::actors::Extractor::builtin();
    if let Some(model) = &args.model {
        extractor = extractor.with_model_file(model)?;
    }
    let report =
        crate::actors::eval::evaluate(&extractor, args.conll.as_deref(), args.gum.as_deref())?;
    print!("{report}");
    Ok(Outcome::Found)
}

pub(super) fn run_bench(index_dir: &Path, args: BenchArgs) -> anyhow::Result<Outcome> {
    crate::bench::run(index_dir, &args.options())?;
    Ok(Outcome::Found)
}

pub(super) fn run_train_ner(args: TrainNerArgs) -> anyhow::Result<Outcome> {
    let report = crate::actors::eval::train(&args.train, &args.out, args.epochs, args.holdout)?;
    print!("{report}");
    Ok(Outcome::Found)
}
