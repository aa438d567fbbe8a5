"""The manuscript: its generated parts, figures, the check of its asserted sentences, and the render's staging.
Imports only the shared foundations of analysis/ and its own modules; it reads the audit's products, not its code."""
