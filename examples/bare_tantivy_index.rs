//! Indexes article files with bare tantivy (`newsdex::baseline`): the yardstick for the CPU
//! time and size of `newsdex index` on the same files. Run both in one sitting:
//!
//! ```sh
//! cargo build --release --examples
//! /usr/bin/time -f '%U %S %M' target/release/examples/bare_tantivy_index OUT_DIR FILE...
//! /usr/bin/time -f '%U %S %M' target/release/newsdex index --index OUT_DIR2 --rebuild -q FILE...
//! ```

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let usage = "usage: bare_tantivy_index OUT_DIR FILE...";
    let out = args.next().ok_or(usage)?;
    let inputs: Vec<PathBuf> = args.collect();
    if inputs.is_empty() {
        return Err(usage.into());
    }
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    let summary = newsdex::baseline::index_bare(&inputs, &out)?;
    println!(
        "indexed {} articles ({:.1} MB of text) into {}",
        summary.articles,
        summary.bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}
