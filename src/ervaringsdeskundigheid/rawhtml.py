"""Keep the HTML that our templates render out of the Markdown parser.

A generated page is Markdown with large HTML blocks (article header and footer, lists of
stories, data tables). Markdown does not change such a block, but parsing it is costly:
MkDocs parses every page's HTML once to collect anchor ids and Python-Markdown once more
to find where the block ends, tag by tag. For generated pages that was about a third of
the whole build.

`protect` swaps every block that Markdown would pass through unchanged for a short
placeholder comment; `restore` puts the blocks back into the rendered HTML, so the page
comes out the same. A block is swapped only when it is certainly a complete HTML block:
it starts a chunk (after a blank line) with a block-level tag, every element in it is
closed, and no text stands between its top-level elements. Anything else, or a block that
asks for Markdown inside (`markdown="1"`), is left to Markdown as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Python-Markdown's block-level elements (markdown.util.BLOCK_LEVEL_ELEMENTS, 3.x).
BLOCK_LEVEL = frozenset("""address article aside blockquote details div dl fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul
    canvas colgroup dd body dt group html iframe li legend math map noscript output object
    option progress script style summary tbody td textarea tfoot th thead tr video
    center""".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
_PLACEHOLDER = "<!--section-html-{}-->"
_PLACEHOLDER_RE = re.compile(r"<!--section-html-(\d+)-->")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


@dataclass
class Protected:
    markdown: str
    blocks: list[str] = field(default_factory=list)

    def anchor_ids(self) -> set[str]:
        """The ids in the swapped blocks (MkDocs checks links to #anchors against them)."""
        return {found for block in self.blocks for found in _ID.findall(block)}


def html_block(chunk: str) -> str | None:
    """The chunk as Markdown would output it when it passes `chunk` through as raw HTML
    (each top-level element on its own line), or None when it would not."""
    if not chunk.startswith("<") or "markdown=" in chunk or "<script" in chunk or "<style" in chunk:
        return None
    if "<!--" in chunk:
        return None if _COMMENT.sub("", chunk).strip() else chunk
    depth, position, start, elements = 0, 0, 0, []
    for tag in _TAG.finditer(chunk):
        if depth == 0:
            if chunk[position:tag.start()].strip():
                return None                   # loose text between top-level elements
            start = tag.start()
        position = tag.end()
        closing, name, rest = tag.group(1), tag.group(2).lower(), tag.group(3)
        if depth == 0 and (closing or name not in BLOCK_LEVEL):
            return None                       # a top-level element must be block-level
        if closing:
            depth -= 1
            if depth < 0:
                return None
        elif name not in VOID and not rest.rstrip().endswith("/"):
            depth += 1
        if depth == 0:
            elements.append(chunk[start:position])
    if depth or chunk[position:].strip() or not elements:
        return None
    return "\n".join(elements)


def protect(markdown: str) -> Protected:
    """Swap complete HTML blocks for placeholders (never inside a fenced code block)."""
    result = Protected(markdown)
    chunks = markdown.split("\n\n")
    in_fence = False
    for index, chunk in enumerate(chunks):
        block = None if in_fence else html_block(chunk)
        if block is not None:
            chunks[index] = _PLACEHOLDER.format(len(result.blocks))
            result.blocks.append(block)
        elif len(_FENCE.findall(chunk)) % 2:
            in_fence = not in_fence
    if result.blocks:
        result.markdown = "\n\n".join(chunks)
    return result


def restore(html: str, protected: Protected) -> str:
    if not protected.blocks:
        return html
    return _PLACEHOLDER_RE.sub(lambda match: protected.blocks[int(match.group(1))], html)
