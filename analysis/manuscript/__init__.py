"""The manuscript: its generated parts, figures, the check of its asserted sentences, the render's staging and
the lineage pages.  Imports only the shared foundations of analysis/ and its own modules: it reads the audit's products."""
