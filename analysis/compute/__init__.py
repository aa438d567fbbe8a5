"""The computation: the arms-import series, Table 1 and Table 2 recomputed from the checked raw inputs.
Imports only the shared foundations of analysis/ (io, article, registry, reasons); nothing of the other layers."""
