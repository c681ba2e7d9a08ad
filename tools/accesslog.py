"""Access logs in the combined log format of nginx and Apache, for the tests of `make bereik` and
to time it on a year of a busy site: python -m tools.accesslog OUT.log [LINES] (OUT.log.gz: gzip)."""

from __future__ import annotations

import datetime as dt
import gzip
import random
import sys
from pathlib import Path

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
DESKTOP = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
)
BOTS = (
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "WhatsApp/2.23.20.0 A",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
)
ZONE = dt.timezone(dt.timedelta(hours=1))


def line(
    client: str,
    when: dt.datetime,
    target: str,
    status: int = 200,
    agent: str = PHONE,
    method: str = "GET",
    size: int = 5120,
    referer: str = "-",
) -> str:
    """One line as nginx ($time_local, e.g. [05/Mar/2025:14:02:11 +0100]) and Apache write it."""
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    zone = f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    stamp = f"{when.day:02d}/{MONTHS[when.month - 1]}/{when.year}:{when:%H:%M:%S} {zone}"
    return f'{client} - - [{stamp}] "{method} {target} HTTP/1.1" {status} {size} "{referer}" "{agent}"\n'


def busy_year(
    path: Path,
    lines: int = 1_000_000,
    codes: tuple[str, ...] = ("lefier-kantine", "hanze-hal"),
    base: str = "/ervaringsdeskundigheid/",
    seed: int = 1,
) -> None:
    """A year of a busy site: assets and pages, bots, scans of the short links (both forms) and the
    pages they forward to, some failed requests and a few broken lines."""
    rng = random.Random(seed)
    pages = [
        base,
        f"{base}aspirant-ervaringsdeskundige/",
        f"{base}opleiding/",
        f"{base}werkgevers/",
        f"{base}verhalen/maaike-vindt-betaald-werk/",
        "/",
        "/nieuws/",
        "/contact/",
    ]
    assets = [
        f"{base}assets/stylesheets/section.css",
        f"{base}assets/javascripts/section.js",
        f"{base}assets/fonts/Roboto-Regular.woff2",
        "/wp-content/themes/x/style.css",
        "/favicon.ico",
    ]
    start = dt.datetime(2025, 1, 1, tzinfo=ZONE)
    step = 365 * 86400 / lines
    opener = gzip.open if path.suffix == ".gz" else open
    scanner = ("10.0.0.1", PHONE)
    with opener(path, "wt", encoding="utf-8") as out:
        for number in range(lines):
            when = start + dt.timedelta(seconds=number * step)
            client = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            agent = rng.choice((PHONE, IPHONE, DESKTOP))
            if rng.random() < 0.2:  # the same phone again soon: a repeat
                client, agent = scanner
            elif rng.random() < 0.1:
                agent = rng.choice(BOTS)
            roll = rng.random()
            if roll < 0.002:
                out.write(rng.choice(("\x16\x03\x01 garbage", "-", "", '10.0.0.1 - - [bad date] "GET /"')) + "\n")
            elif roll < 0.05:
                out.write(line(client, when, rng.choice(pages), agent=rng.choice(BOTS)))
            elif roll < 0.06:
                code = rng.choice(codes)
                out.write(
                    line(
                        client,
                        when,
                        f"{base}p/{code}" + rng.choice(("", "/")),
                        status=rng.choice((200, 301, 302)),
                        agent=agent,
                    )
                )
                scanner = (client, agent)
            elif roll < 0.065:
                out.write(
                    line(
                        client,
                        when,
                        f"{base}aspirant-ervaringsdeskundige/?utm_source=lefier&"
                        "utm_medium=poster&utm_campaign=posters-ronde-1&utm_content=kantine-hoofdgebouw",
                        agent=agent,
                    )
                )
            elif roll < 0.07:
                out.write(line(client, when, rng.choice(pages), status=rng.choice((404, 500)), method="POST"))
            elif roll < 0.4:
                out.write(line(client, when, rng.choice(pages)))
            else:
                out.write(line(client, when, rng.choice(assets), size=rng.randrange(200, 90000)))


if __name__ == "__main__":
    busy_year(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
