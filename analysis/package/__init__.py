"""The package's own tooling: the run crate, the deposit archive, the citation metadata (codemeta.json, .zenodo.json
from CITATION.cff), the README's generated list, the benchmark, setup.
Runs around the workflow, so it may import any layer; no other layer imports it."""
