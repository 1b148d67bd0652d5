//! The `gwlint` binary: argument parsing and one thin file per command in
//! `cli/`. Everything else is the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
