"""The HTML a newsroom pastes: the iframe, and the iframe with the resize script."""

from markupsafe import Markup, escape


def iframe_html(src, width, height, title, *, resizable=False):
    """``<iframe>`` of an embed; ``width`` may be a number of pixels or ``"100%"``."""
    marker = " data-okraina-embed" if resizable else ""
    return Markup(
        f'<iframe src="{escape(src)}" width="{escape(width)}" height="{escape(height)}" '
        f'title="{escape(title)}" loading="lazy" style="border:0"{marker}></iframe>')


def resizable_html(src, width, height, title, script_url):
    """The iframe plus ``resize.js``, which fits its height to the embed's content."""
    script = Markup(f'\n<script async src="{escape(script_url)}"></script>')
    return iframe_html(src, width, height, title, resizable=True) + script
