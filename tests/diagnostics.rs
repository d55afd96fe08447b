//! Invalid specs give a diagnostic with file, line, column, a label and a help line, and exit code 2.

use p3gen::diagnostic::{RenderStyle, SourceFile};

#[test]
fn invalid_specs() {
    insta::glob!("fixtures/invalid/*.toml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let name = format!(
            "fixtures/invalid/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let source = SourceFile::new(name.clone(), text);
        let report = match p3gen::compile(&source, &name) {
            Ok(_) => panic!("{name} compiled, but it is invalid"),
            Err(report) => report,
        };
        assert!(report.has_errors(), "{name}");
        insta::assert_snapshot!(report.render(RenderStyle::Plain));
    });
}
