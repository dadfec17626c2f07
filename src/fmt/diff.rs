//! A unified line diff (Myers' algorithm), for `almanac fmt --check`.

/// Lines of context around each change.
const CONTEXT: usize = 3;
/// Past this many differing lines the diff is one hunk that replaces the
/// changed middle of the file (the exact edit script would cost too much).
const MAX_EDITS: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Same,
    Del,
    Add,
}

/// The unified diff of `old` and `new`, headed `--- path` / `+++ path`;
/// empty when they are equal.
pub fn unified(old: &str, new: &str, path: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let a = split(old);
    let b = split(new);
    let ops = edit_script(&a, &b);
    let paint = |code: &str, s: String| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m\n")
        } else {
            format!("{s}\n")
        }
    };
    let mut out = String::new();
    out.push_str(&paint("1", format!("--- {path}")));
    out.push_str(&paint("1", format!("+++ {path} (formatted)")));
    // (op, index in a, index in b) for every step of the script.
    let mut steps = Vec::with_capacity(ops.len());
    let (mut i, mut j) = (0, 0);
    for op in &ops {
        steps.push((*op, i, j));
        match op {
            Op::Same => {
                i += 1;
                j += 1;
            }
            Op::Del => i += 1,
            Op::Add => j += 1,
        }
    }
    let changed: Vec<usize> = (0..steps.len())
        .filter(|&k| steps[k].0 != Op::Same)
        .collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(CONTEXT);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 2 * CONTEXT + 1 {
            end = changed[k];
            k += 1;
        }
        let end = (end + CONTEXT + 1).min(steps.len());
        let hunk = &steps[start..end];
        let (_, a0, b0) = hunk[0];
        let dels = hunk.iter().filter(|s| s.0 != Op::Add).count();
        let adds = hunk.iter().filter(|s| s.0 != Op::Del).count();
        let range = |first: usize, n: usize| {
            if n == 0 {
                format!("{first},0")
            } else if n == 1 {
                format!("{}", first + 1)
            } else {
                format!("{},{n}", first + 1)
            }
        };
        out.push_str(&paint(
            "36",
            format!("@@ -{} +{} @@", range(a0, dels), range(b0, adds)),
        ));
        for &(op, i, j) in hunk {
            let (line, mark, code) = match op {
                Op::Same => (a[i], ' ', ""),
                Op::Del => (a[i], '-', "31"),
                Op::Add => (b[j], '+', "32"),
            };
            let text = format!("{mark}{}", line.trim_end_matches(['\n', '\r']));
            if code.is_empty() {
                out.push_str(&text);
                out.push('\n');
            } else {
                out.push_str(&paint(code, text));
            }
            if !line.ends_with('\n') {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// Lines with their line endings (the last may have none).
fn split(s: &str) -> Vec<&str> {
    s.split_inclusive('\n').collect()
}

fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mid_a = &a[prefix..a.len() - suffix];
    let mid_b = &b[prefix..b.len() - suffix];
    let mut ops = vec![Op::Same; prefix];
    match myers(mid_a, mid_b) {
        Some(mid) => ops.extend(mid),
        None => {
            ops.extend(std::iter::repeat_n(Op::Del, mid_a.len()));
            ops.extend(std::iter::repeat_n(Op::Add, mid_b.len()));
        }
    }
    ops.extend(std::iter::repeat_n(Op::Same, suffix));
    ops
}

/// The shortest edit script, or `None` when it is longer than `MAX_EDITS`.
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m).min(MAX_EDITS as isize);
    let off = max + 1;
    let mut v = vec![0isize; (2 * max + 3) as usize];
    // The `v` of each round, for walking back.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = None;
    'outer: for d in 0..=max {
        let mut next = v.clone();
        let mut k = -d;
        while k <= d {
            let down = k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]);
            let mut x = if down {
                v[(off + k + 1) as usize]
            } else {
                v[(off + k - 1) as usize] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            next[(off + k) as usize] = x;
            if x >= n && y >= m {
                trace.push(next);
                found = Some(d);
                break 'outer;
            }
            k += 2;
        }
        trace.push(next.clone());
        v = next;
    }
    let d_end = found?;
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=d_end).rev() {
        let v = &trace[(d - 1) as usize];
        let k = x - y;
        let down = k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]);
        let prev_k = if down { k + 1 } else { k - 1 };
        let prev_x = v[(off + prev_k) as usize];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Same);
            x -= 1;
            y -= 1;
        }
        ops.push(if down { Op::Add } else { Op::Del });
        x = prev_x;
        y = prev_y;
    }
    while x > 0 && y > 0 {
        ops.push(Op::Same);
        x -= 1;
        y -= 1;
    }
    ops.reverse();
    Some(ops)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(a: &[&str], b: &[&str], ops: &[Op]) -> Vec<String> {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        for op in ops {
            match op {
                Op::Same => {
                    assert_eq!(a[i], b[j]);
                    out.push(a[i].to_string());
                    i += 1;
                    j += 1;
                }
                Op::Del => i += 1,
                Op::Add => {
                    out.push(b[j].to_string());
                    j += 1;
                }
            }
        }
        assert_eq!((i, j), (a.len(), b.len()));
        out
    }

    #[test]
    fn scripts_turn_old_into_new() {
        let cases: [(&str, &str); 5] = [
            ("a\nb\nc\n", "a\nc\n"),
            ("", "x\n"),
            ("x\n", ""),
            ("a\nb\nc\nd\ne\n", "e\nd\nc\nb\na\n"),
            ("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\nx\n4\n5\n6\n7\n8\ny\n"),
        ];
        for (old, new) in cases {
            let (a, b) = (split(old), split(new));
            let ops = edit_script(&a, &b);
            assert_eq!(apply(&a, &b, &ops).concat(), new);
        }
    }

    #[test]
    fn a_unified_diff_has_hunks_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n";
        let d = unified(old, new, "p.toml", false);
        assert_eq!(
            d,
            "--- p.toml\n+++ p.toml (formatted)\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
        assert_eq!(unified(old, old, "p.toml", false), "");
        let d = unified("a", "a\n", "p.toml", false);
        assert!(d.contains("-a\n\\ No newline at end of file\n+a\n"), "{d}");
    }
}
