"""Domain package for the ervaringsdeskundigheid section.

Everything that is not specific to MkDocs lives here: loading and validating content and
data, the content model, URLs, and rendering of generated pages. `hooks/` and `scripts/`
are thin adapters over this package.
"""
