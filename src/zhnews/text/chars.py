"""Character classes of Chinese text, defined once for every pattern and test of the package."""
from __future__ import annotations

# Chinese characters: CJK unified ideographs and extension A, as the body of a regex character class
# (``f"[{HAN}]"``).
HAN = "\u3400-\u4dbf\u4e00-\u9fff"


def is_han(char: str) -> bool:
    """True for a Chinese character (CJK unified ideographs and extension A)."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
