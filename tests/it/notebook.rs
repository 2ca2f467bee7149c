//! The analysts' notebook runs top to bottom against a freshly built graph (nbclient); any
//! cell error fails the test.

use crate::common::*;
use std::process::Command;

#[test]
fn notebook_runs_end_to_end() {
    let Some(py) = python_with(
        "nbclient, nbformat, pandas, matplotlib, ipykernel",
        "pip install -r notebooks/requirements.txt",
    ) else {
        return;
    };
    let script = r#"
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
assert not [o for o in outputs if o.get("output_type") == "error"]
text = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
assert "Japon" in text, "partners table missing"
print("notebook ok:", len(nb.cells), "cells")
"#;
    let o = Command::new(py)
        .args(["-c", script])
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
