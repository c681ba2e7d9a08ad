"""Developer tools outside the runtime package: benchmark, local server with Chromium, page weight."""
