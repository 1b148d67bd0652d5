fn main() -> std::process::ExitCode {
    gwlint::cli::main()
}
