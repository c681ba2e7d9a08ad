"""Print and outreach: posters and banners, handouts, and the newsletter export.

- `printing`: what every printed file shares (CMYK inks, fonts, page boxes with bleed and slug,
  crop marks, QR codes in pure black, metadata and font subset names via pikepdf).
- `poster_plan` → `poster_layout` → `poster_draw` (+ `pictograms`) → `posters`: from the inventory to
  print-ready PDFs, with and without crop marks.
- `handouts`: A4 handouts (experts overview, menukaart, checklists) from the same loaded site as the build;
  `paper` turns web wording from data into words for paper.
- `newsletter`: e-mail-safe HTML, a plain-text twin and LinkedIn suggestions for new stories and blogs.

Nothing here imports MkDocs; the scripts in scripts/ are thin command lines over it.
"""
