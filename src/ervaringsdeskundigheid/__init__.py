"""Domain package for the ervaringsdeskundigheid section. It never imports MkDocs.

    core/     reading files strictly, schemas' building blocks, consent, URLs, loading a site
    types/    each content type declared once (schema, data, URLs, templates, menu, rules)
    render/   pages as complete HTML documents, Markdown made safe, feeds, search, charts, images
    build/    one build: the session that loads, checks, renders and writes; the worker pool; publishing
    editor/   make check, make new, make report and the web editor's configuration
    outreach/ posters, handouts and the newsletter

`hooks/` (MkDocs) and `scripts/` (make targets) are thin adapters over this package.
"""
