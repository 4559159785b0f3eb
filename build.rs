//! Links newsdex's programs as position-dependent executables on Linux.
//!
//! A position-independent executable has the loader patch every pointer in its read-only
//! data at each start (some 50,000 relocations for newsdex, whose tables and dispatch
//! tables are large): a fifth of a one-shot search's CPU time went there. Linked at a fixed
//! address, those pointers are written once, by the linker. Libraries are still loaded at
//! random addresses; only the executable's own code and data lose address randomisation.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let gnu = std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if linux && gnu {
        println!("cargo:rustc-link-arg=-no-pie");
    }
}
