"""Fast on a phone: the pages a QR code leads to stay within 150 KB (compressed, without images)."""

from __future__ import annotations

import pytest

from ervaringsdeskundigheid.pageweight import BUDGET_BYTES, QR_LANDING_PAGES, measure


@pytest.mark.parametrize("path", QR_LANDING_PAGES)
def test_qr_landing_page_is_light(browser, served_site, path):
    weight = measure(browser, served_site + path)
    assert weight.resources, "the page loaded resources"
    details = "\n".join(f"{size:>8} {url}" for url, size in sorted(weight.resources.items(), key=lambda i: -i[1]))
    assert weight.total <= BUDGET_BYTES, f"{weight.total} bytes:\n{details}"
