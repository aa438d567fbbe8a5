"""The audit: every printed number and every claim in words judged by a stated rule, the report and the verdicts.
Imports the shared foundations of analysis/ and its own modules; it reads the computation's products, not its code."""
