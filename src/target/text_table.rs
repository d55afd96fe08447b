//! A plain-text table with padded columns, for the explanations p3gen prints.

/// Renders `header` and `rows` as left-aligned columns separated by two spaces, one line each,
/// without trailing spaces. Missing cells are empty.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let columns = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut widths = vec![0; columns];
    let cells = |row: &[String]| -> Vec<String> {
        (0..columns)
            .map(|i| row.get(i).cloned().unwrap_or_default())
            .collect()
    };
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let all: Vec<Vec<String>> = std::iter::once(cells(&header))
        .chain(rows.iter().map(|r| cells(r)))
        .collect();
    for row in &all {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &all {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_padded_to_the_widest_cell() {
        let rows = vec![
            vec!["odh-0.15".to_string(), "x".to_string()],
            vec!["0.16".to_string(), "yyyy".to_string(), "extra".to_string()],
        ];
        assert_eq!(
            render(&["target", "v"], &rows),
            "target    v\nodh-0.15  x\n0.16      yyyy  extra\n"
        );
    }
}
