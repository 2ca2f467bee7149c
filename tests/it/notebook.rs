//! The analysts' notebook runs top to bottom against a freshly built graph (nbclient); any
//! cell error fails the test.

use crate::common::*;
use std::process::Command;

/// Runs notebook ARGV[1] with nbclient in folder ARGV[2]; fails on any cell error or without
/// the partners table. The endpoint the notebook queried is printed.
pub const RUN_NOTEBOOK: &str = r#"
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
assert not [o for o in outputs if o.get("output_type") == "error"]
text = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
assert "Japon" in text, "partners table missing"
print("notebook ok:", len(nb.cells), "cells; endpoint", [o.get("text", "").strip() for o in nb.cells[3].get("outputs", [])])
"#;

#[test]
fn notebook_runs_end_to_end() {
    let Some(py) = python_with(
        "nbclient, nbformat, pandas, matplotlib, ipykernel",
        "pip install -r notebooks/requirements.txt",
    ) else {
        return;
    };

    let o = Command::new(py)
        .args(["-c", RUN_NOTEBOOK])
        .arg(root().join("notebooks/explore.ipynb"))
        .arg(root().join("notebooks"))
        .env("VNKG_BIN", env!("CARGO_BIN_EXE_vnkg"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
