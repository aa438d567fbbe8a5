"""Replication and audit of Tran (2026): every step is a pure function plus a thin CLI."""
