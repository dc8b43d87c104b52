"""Residents' photos: a real image, re-encoded without EXIF or GPS, no larger than needed."""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = ("JPEG", "PNG", "WEBP")
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded


class BadPhoto(ValueError):
    """Not an image we accept; the message is a msgid for the resident."""


def clean_photo(data, *, max_bytes, max_side_px):
    """JPEG bytes of the photo in ``data``: orientation applied, metadata dropped, resized.

    Raises :class:`BadPhoto` for a file too large, not an image, or of another format.
    """
    if len(data) > max_bytes:
        raise BadPhoto("The photo is too large.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in FORMATS:
                    raise BadPhoto("The photo must be a JPEG, PNG or WebP image.")
                if probe.width * probe.height > MAX_PIXELS:
                    raise BadPhoto("The photo is too large.")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
    except BadPhoto:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise BadPhoto("The file is not a readable image.") from None
    image = image.convert("RGB")  # a new image: no EXIF, GPS, ICC or text chunks travel along
    image.info = {}
    image.thumbnail((max_side_px, max_side_px))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()
