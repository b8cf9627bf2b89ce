//! `kader`: assess youth crime-prevention interventions against the Dutch national quality
//! framework (kwaliteitskader 2024), from the command line.

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

mod cli;
mod scan;
mod tooling;

/// Exit code: the input has problems (validation errors, framework diagnostics).
pub(crate) const EXIT_PROBLEMS: u8 = 1;
/// Exit code: usage error.
pub(crate) const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "kader",
    version,
    about = "Beoordeel interventies tegen het Landelijk kwaliteitskader effectieve jeugdinterventies / Assess interventions against the Dutch national quality framework",
    long_about = None
)]
struct Cli {
    /// Language of the output: nl (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Nl)]
    lang: LangArg,
    /// Show the ids of rules, questions and choices beside their names (for framework authors).
    #[arg(long, global = true)]
    ids: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum LangArg {
    Nl,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    Text,
    Json,
    Markdown,
    Html,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Assess intervention files (TOML or JSON) and print the explained assessment.
    Assess {
        /// Intervention files.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Framework as ID@VERSION, or a folder with a draft version (default: the file's own,
        /// else the latest released version).
        #[arg(long)]
        framework: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Assessment date YYYY-MM-DD (default: today); recognition validity is judged on it.
        #[arg(long)]
        on: Option<String>,
    },
    /// Review a whole portfolio of interventions: counts, what to stop/adjust/research, domain coverage.
    Portfolio {
        /// Folders (every *.toml and *.json in them) and/or files.
        #[arg(required = true)]
        inputs: Vec<std::path::PathBuf>,
        /// Framework as ID@VERSION or a draft folder.
        #[arg(long)]
        framework: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Assessment date YYYY-MM-DD (default: today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Impact of a framework revision: which interventions change verdict or action, and why.
    Reassess {
        /// The framework version the interventions were assessed with (ID@VERSION or a folder).
        #[arg(long)]
        from: String,
        /// The revised version (ID@VERSION or a folder).
        #[arg(long)]
        to: String,
        /// Folders and/or intervention files.
        #[arg(required = true)]
        inputs: Vec<std::path::PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Assessment date YYYY-MM-DD (default: today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Interactive scan: answer the questions one by one; answers are saved after every answer.
    Scan {
        /// Where to save the answers (default: scan-<date>.toml).
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
        /// Continue an interrupted scan from its answers file.
        #[arg(long, conflicts_with = "output")]
        resume: Option<std::path::PathBuf>,
        /// Framework as ID@VERSION or a draft folder.
        #[arg(long)]
        framework: Option<String>,
        /// Ask every question, also those that can no longer change the outcome.
        #[arg(long)]
        all: bool,
        /// Assessment date YYYY-MM-DD (default: today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Carry answers over to a later framework version (its [[migration]] sections): keeps every
    /// answer it can, lists the questions to answer again or check.
    Migrate {
        /// Intervention files (TOML or JSON).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// The target version: ID@VERSION or a folder.
        #[arg(long)]
        to: String,
        /// Write one file per input into this folder (never overwriting); default: standard output
        /// (one file only).
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
    /// Serve the HTTP API and the web scan.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Allow cross-origin requests from this origin (repeatable); CORS is off without it.
        #[arg(long = "cors-origin")]
        cors_origins: Vec<String>,
        /// Largest request body in bytes (portfolios may be 64 times larger).
        #[arg(long, default_value_t = 256 * 1024)]
        body_limit: usize,
        /// Seconds a request may take.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
        /// Requests handled at once; more wait.
        #[arg(long, default_value_t = 256)]
        concurrency: usize,
    },
    /// Work with framework versions: list, show, check, test, release, diff, schema.
    #[command(subcommand)]
    Framework(FrameworkCommand),
}

#[derive(Debug, Subcommand)]
enum FrameworkCommand {
    /// List the framework versions built in.
    List,
    /// Show a version for people: domains, questions, criteria, practices, recognition levels,
    /// decision rules and sources, in words (json: the merged framework data).
    Show {
        /// ID@VERSION, ID (latest released) or a folder.
        framework: String,
        /// Output format (text, markdown, html or json).
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// For framework authors: add the ids and the conditions (`when`) of the rules.
        #[arg(long)]
        rules: bool,
    },
    /// Check a framework version (a folder on disk, or ID@VERSION): every problem as file:line:column.
    Check {
        /// Folder with the version's *.toml files, or ID@VERSION.
        path: String,
    },
    /// Run a version's test cases (cases/*.toml): one line per disagreement, exit 1 on any.
    Test {
        /// ID@VERSION, ID (latest released) or a folder.
        framework: String,
    },
    /// Release a draft folder: check it, run its cases, set `status = "released"`, lock its digest.
    Release {
        /// The draft version's folder (framework-data/ID/VERSION).
        dir: std::path::PathBuf,
        /// The lock file to append to (default: DIR/../../RELEASED, i.e. framework-data/RELEASED).
        #[arg(long)]
        lock: Option<std::path::PathBuf>,
    },
    /// Compare two versions structurally, marking changes that break stored answers.
    Diff {
        /// The old version (ID@VERSION or a folder).
        a: String,
        /// The new version (ID@VERSION or a folder).
        b: String,
        /// Output format (text, markdown or json).
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
    /// Print a JSON Schema (framework-file, intervention, assessment), or write them all.
    Schema {
        /// Which schema; all names are listed when absent.
        name: Option<String>,
        /// Write every schema into this folder.
        #[arg(long)]
        write: Option<std::path::PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::Nl => kader_core::Lang::Nl,
        LangArg::En => kader_core::Lang::En,
    };
    cli::SHOW_IDS.store(cli.ids, std::sync::atomic::Ordering::Relaxed);
    let result = match cli.command {
        Command::Assess {
            files,
            framework,
            format,
            on,
        } => cli::assess(&files, framework.as_deref(), format, on.as_deref(), lang),
        Command::Portfolio {
            inputs,
            framework,
            format,
            on,
        } => cli::portfolio(&inputs, framework.as_deref(), format, on.as_deref(), lang),
        Command::Reassess {
            from,
            to,
            inputs,
            format,
            on,
        } => cli::reassess(&from, &to, &inputs, format, on.as_deref(), lang),
        Command::Scan {
            output,
            resume,
            framework,
            all,
            on,
        } => scan::scan(output, resume, framework.as_deref(), all, on.as_deref(), lang),
        Command::Migrate { files, to, output } => tooling::migrate(&files, &to, output.as_deref(), lang),
        Command::Serve {
            addr,
            cors_origins,
            body_limit,
            timeout,
            concurrency,
        } => {
            let options = kader_server::Options {
                body_limit,
                portfolio_body_limit: body_limit.saturating_mul(64),
                timeout: std::time::Duration::from_secs(timeout),
                concurrency,
                cors_origins,
                ..kader_server::Options::default()
            };
            kader_server::serve(addr, options)
                .map(|()| 0)
                .map_err(|e| cli::CliError::problems(e.to_string()))
        }
        Command::Framework(f) => match f {
            FrameworkCommand::List => cli::framework_list(lang),
            FrameworkCommand::Show {
                framework,
                format,
                rules,
            } => cli::framework_show(&framework, format, rules, lang),
            FrameworkCommand::Check { path } => cli::framework_check(&path, lang),
            FrameworkCommand::Test { framework } => tooling::framework_test(&framework, lang),
            FrameworkCommand::Release { dir, lock } => tooling::framework_release(&dir, lock.as_deref(), lang),
            FrameworkCommand::Diff { a, b, format } => cli::framework_diff(&a, &b, format, lang),
            FrameworkCommand::Schema { name, write } => cli::framework_schema(name.as_deref(), write.as_deref(), lang),
        },
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("kader: {e}");
            ExitCode::from(e.code())
        }
    }
}
