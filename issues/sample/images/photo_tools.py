"""Helpers shared by the sample's photo scripts: clamping, ridge lines, film grain.

Pure functions with their own seeds, so every script stays byte-for-byte reproducible.
"""

import random

from PIL import Image, ImageChops


def clamp(v, lo=0, hi=255):
    return max(lo, min(hi, int(v)))


def ridge(x0, x1, base, rough, step, seed):
    """Midpoint-displacement ridge line: list of (x, y) from x0 to x1."""
    r = random.Random(seed)
    n = 1
    while (x1 - x0) / n > step:
        n *= 2
    ys = [0.0] * (n + 1)
    ys[0] = base + r.uniform(-rough, rough)
    ys[n] = base + r.uniform(-rough, rough)
    size, amp = n, rough
    while size > 1:
        half = size // 2
        for i in range(half, n, size):
            ys[i] = (ys[i - half] + ys[i + half]) / 2 + r.uniform(-amp, amp)
        size, amp = half, amp * 0.55
    return [(x0 + (x1 - x0) * i / n, ys[i]) for i in range(n + 1)]


def noise_layer(w, h, seed, amount):
    """Gaussian-ish grain centred on 128 (sum of uniforms), deterministic."""
    r = random.Random(seed)
    a = r.randbytes(w * h)
    b = r.randbytes(w * h)
    data = bytes(clamp(128 + ((x + y) - 255) * amount / 255) for x, y in zip(a, b))
    return Image.frombytes("L", (w, h), data)


def add_signed(img, layer, strength=1.0):
    """img + (layer - 128) * strength."""
    lut = [clamp(128 + (v - 128) * strength) for v in range(256)]
    return ImageChops.add(img, layer.point(lut), scale=1.0, offset=-128)
