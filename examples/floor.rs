//! The process floor of `newsdex bench --scenario oneshot`: a program that starts, prints a
//! line and exits, built with the same profile as newsdex, so that the time of a one-shot
//! command can be compared with what no program can go under.

fn main() {
    println!("floor");
}
