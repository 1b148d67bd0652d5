#![allow(clippy::print_stdout)]
fn main() {
    let t = std::time::Instant::now();
    let _ = gwlint::rules::Registry::builtin().unwrap();
    println!("registry {:?}", t.elapsed());
}
