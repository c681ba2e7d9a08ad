"""Tools for the communications team: `make check`, `make new`, `make report` and the web
editor's configuration, all made from the content-type declarations."""
