"""Turning the planned pages into files: HTML, feeds, search, images, the web editor's files.

A regular package (this file), so that the type checker finds the module static.py beside the
folder static/ of assets."""
