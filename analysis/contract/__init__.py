"""The input contract: the manifests of the raw and published inputs, their checks, and the printed forms' parser.
Imports only the shared foundations of analysis/ (io, article); nothing of the computation, audit or manuscript."""
