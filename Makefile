# Two commands matter: `make build` and `make test`. Both set up everything themselves.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.lock-installed

.PHONY: build serve test check new report lock setup system-packages clean posters handouts newsletter bench bereik

# make reports a failing command with an English line ("make: *** [check] Error 1") after our
# Dutch message. The editors' targets end make quietly instead: on failure the recipe stops make
# with SIGPIPE, which make does not report (exit status 141, still a failure for scripts and CI).
quietly = $(1) || { kill -PIPE $$PPID; exit 1; }

build: setup
	@$(call quietly,$(BIN)/mkdocs build)

serve: setup
	@$(call quietly,$(BIN)/mkdocs serve --dirty)

# Our build against the stock Material blog plugin on a synthetic corpus (N=1000 by default,
# a few minutes): make bench ARGS="-n 2000 --repeats 5"
bench: setup system-packages
	$(BIN)/python scripts/bench.py $(ARGS)

# Fast validation of all content and data without a build (also the pre-commit hook).
check: setup
	@$(call quietly,$(BIN)/python scripts/check.py)

# A new item from a template: make new KIND=verhaal TITLE="Mijn verhaal"
new: setup
	@$(call quietly,$(BIN)/python scripts/new.py "$(KIND)" "$(TITLE)")

# Content report for the team: targets, consents to renew, hard texts, drafts.
report: setup
	@$(call quietly,$(BIN)/python scripts/report.py)

# Lint, format and types first (seconds), then the whole suite on every core (pytest-xdist).
# Python may keep its compiled modules (__pycache__, ignored by git) even where the environment
# says otherwise: the suite starts some 100 Python processes, and compiling the package in each
# costs more than half a second.
test: export PYTHONDONTWRITEBYTECODE :=
test: setup system-packages
	$(BIN)/ruff check src hooks scripts tools tests
	$(BIN)/pyflakes src hooks scripts tools tests
	$(BIN)/ruff format --check src hooks scripts tools tests
	$(BIN)/mypy
	$(BIN)/pytest -n auto

setup: $(STAMP) node_modules/.installed

# Front-end packages from package-lock.json (exact versions): the web editor and Lighthouse.
# --ignore-scripts: nothing downloads or runs at install time.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file (or the package metadata) changed.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check --quiet --no-deps --require-hashes -r requirements.lock
	@# The package itself, editable: scripts and tests import it; edits to src/ count at once. (The MkDocs
	@# hook also finds src/ by itself, so a host's plain `mkdocs build` after installing the lock works.)
	$(BIN)/pip install --disable-pip-version-check --quiet --no-deps --no-build-isolation --editable .
	touch $(STAMP)

# Print-ready posters and banners from data/partners.yml into dist/posters/ (pdftoppm makes
# the previews). One partner or format: make posters ARGS="--partner lefier --format A3"
posters: setup system-packages
	@$(call quietly,$(BIN)/python scripts/posters.py $(ARGS))

# A4 handouts for the places where aspirants are, into dist/handouts/: the experts overview (only
# people with consent), the menukaart and one PDF per checklist. make handouts ARGS="--per organisatie"
handouts: setup system-packages
	@$(call quietly,$(BIN)/python scripts/handouts.py $(ARGS))

# The newsletter of new stories and blogs, into dist/newsletter/: e-mail-safe HTML, a text twin and
# suggested LinkedIn posts. make newsletter ARGS="--since 2025-09-01"
newsletter: setup system-packages
	@$(call quietly,$(BIN)/python scripts/newsletter.py $(ARGS))

# Reach of the posters from the web server's access log (counts only, nothing personal), into
# dist/bereik/: make bereik LOG=access.log (rotated logs: LOG="logs/access.log*")
bereik: setup
	@$(call quietly,$(BIN)/python scripts/bereik.py $(LOG) $(ARGS))

# Debian packages the tests need: Chromium for the real-browser tests (Playwright cannot download
# its own here), poppler-utils (pdftoppm, pdffonts) for the poster checks and a Java runtime for the
# Nu HTML checker (vnu.jar, tests/test_html_valid.py). Chromium's headless shell (the same engine,
# what Playwright itself runs headless) runs the suite's pages at about half the CPU; where it cannot
# be installed the tests use Chromium itself. Printing and Lighthouse always use Chromium itself.
SYSTEM_PACKAGES := chromium:chromium pdftoppm:poppler-utils pdffonts:poppler-utils java:default-jre-headless
FASTER_PACKAGES := chromium-headless-shell:chromium-headless-shell
# The packages of a list of command:package pairs whose command is missing.
absent = $$(for pair in $(1); do command -v $${pair%%:*} >/dev/null 2>&1 || echo $${pair\#*:}; done | sort -u)
system-packages:
	@missing=$(call absent,$(SYSTEM_PACKAGES)); \
	faster=$(call absent,$(FASTER_PACKAGES)); \
	if [ -n "$$missing$$faster" ]; then apt-get update -qq; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing || exit 1; \
	fi; \
	if [ -n "$$faster" ]; then \
	  echo "Installing Debian packages: $$faster"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$faster || echo "Not installed: $$faster (the tests use Chromium itself)"; \
	fi

# Regenerate requirements.lock from pyproject.toml in a throwaway virtualenv.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check ".[test]" pip-tools
	.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test --strip-extras \
	  --output-file requirements.lock pyproject.toml
	rm -rf .lock-venv

clean:
	rm -rf site dist .cache .site-staging-* .site-previous-*
