#!/usr/bin/env python3
"""Draw the placeholder news photo of spring tea terraces for the sample edition.

Rounded hills wrapped in curving rows of tea bushes, mist between the ridges,
pickers in conical straw hats among the rows in the foreground, film grain.
Pure Pillow, fixed seed: every run writes the same bytes to
qingxi-terraces.jpg (grayscale, baseline JPEG, quality 85, no EXIF).

    python3 make_terraces_photo.py
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from photo_tools import clamp, ridge, noise_layer, add_signed

W, H = 1600, 1100
SEED = 20260420          # 谷雨
OUT = Path(__file__).resolve().parent / "qingxi-terraces.jpg"

rng = random.Random(SEED)


def smooth_wobble(seed, terms=4, amp=1.0):
    """A smooth periodic function of an angle, sum of a few random sines."""
    r = random.Random(seed)
    parts = [(r.uniform(0.3, 1.0) / (k + 1), k + 1, r.uniform(0, 6.283)) for k in range(terms)]
    return lambda t: amp * sum(a * math.sin(f * t + p) for a, f, p in parts)


# ---------------------------------------------------------------- sky
sky = Image.linear_gradient("L").resize((W, H))             # 0 at top -> 255 at bottom
img = sky.point(lambda v: clamp(168 + v * 0.30))
clouds = Image.new("L", (W, H), 0)
cd = ImageDraw.Draw(clouds)
for _ in range(30):
    cx, cy = rng.uniform(-100, W + 100), rng.uniform(20, 220)
    rx, ry = rng.uniform(90, 280), rng.uniform(16, 44)
    cd.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=rng.randint(14, 34))
img = ImageChops.add(img, clouds.filter(ImageFilter.GaussianBlur(30)))


def paste_tone(mask, layer):
    global img
    img = Image.composite(layer, img, mask)


def mist(y0, y1, strength, blur=40):
    """Brighten a horizontal band: valley fog lying between ridges."""
    global img
    m = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(m)
    r = random.Random(int(y0 * 7 + y1))
    for _ in range(26):
        x = r.uniform(-150, W + 150)
        y = r.uniform(y0, y1)
        rx, ry = r.uniform(120, 340), r.uniform(12, 34)
        d.ellipse([x - rx, y - ry, x + rx, y + ry], fill=strength)
    d.rectangle([0, (y0 + y1) / 2 - 6, W, y1], fill=strength // 2)
    img = ImageChops.screen(img, m.filter(ImageFilter.GaussianBlur(blur)))


# ---------------------------------------------------------------- far ridges
def far_range(pts, bottom, tone, blur, seed=0, trees=0):
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).polygon(pts + [(W, bottom), (0, bottom)], fill=255)
    layer = Image.new("L", (W, H), tone)
    if trees:
        r = random.Random(seed)
        d = ImageDraw.Draw(layer)
        top = min(y for _, y in pts)
        for _ in range(trees):
            x, y = r.uniform(0, W), r.uniform(top, bottom)
            s = r.uniform(2, 5)
            d.ellipse([x - s, y - s, x + s, y + s], fill=clamp(tone + r.uniform(-12, 8)))
        layer = layer.filter(ImageFilter.GaussianBlur(1.5))
    paste_tone(mask.filter(ImageFilter.GaussianBlur(blur)), layer)


far_range(ridge(0, W, 250, 70, 8, SEED + 1), H, 196, 3.0)
far_range(ridge(0, W, 320, 60, 8, SEED + 2), H, 176, 2.2)
mist(330, 420, 70)
far_range(ridge(0, W, 395, 55, 6, SEED + 3), H, 150, 1.6, SEED + 13, trees=16000)
mist(420, 500, 60)


# ---------------------------------------------------------------- terraced hills
def terraced_hill(cx, base_y, r0, height, tilt, rows, tone, seed, p=0.5,
                  bush=1.0, hook=None, rmin=0.0, grain=4.0, skyline=None):
    """A rounded hill wrapped in contour rows of tea bushes.

    Row i is the near (lower) half of an ellipse: the contour line at height
    height * (1 - f), f = (i + 1) / rows, of a hill whose contour radius is
    r0 * (rmin + (1 - rmin) * f ** p), seen from a viewpoint a little above it (p = 0.5 is a dome;
    larger p spreads the near rows apart, like perspective). Rows are drawn
    back to front; hook(i, arc_pts, width, draw) may draw things standing in
    front of row i, to be overlapped by row i + 1. With skyline (pixels) the
    hill is a near slope: its top edge is the first row raised by skyline,
    fringed with shrubs, instead of the far halves of the contours.
    """
    global img
    wob = smooth_wobble(seed, 5, 0.10)
    r = random.Random(seed + 1)
    jitter = [smooth_wobble(seed + 100 + i, 3, 0.012) for i in range(rows)]

    def arc(i, n=220):
        f = (i + 1) / rows
        rad = r0 * (rmin + (1 - rmin) * f ** p)
        cy = base_y - height * (1 - f)
        pts = []
        for k in range(n + 1):
            t = math.pi * k / n
            rr = rad * (1 + wob(t) + jitter[i](t))
            pts.append((cx + rr * math.cos(t), cy + rr * tilt * math.sin(t)))
        return pts, rad, cy

    arcs = [arc(i) for i in range(rows)]
    bottoms = [cy + rad * tilt for _, rad, cy in arcs]

    # silhouette: union of the full contour ellipses
    mask = Image.new("L", (W, H), 0)
    md = ImageDraw.Draw(mask)
    if skyline is None:
        for pts, rad, cy in arcs:
            top = [(x, 2 * cy - y) for x, y in pts]   # far half, mirrored up
            md.polygon(pts + top[::-1], fill=255)
    else:
        pts = arcs[0][0]
        edge = [(x, y - skyline * (0.8 + 0.4 * abs(math.sin(x * 0.013)))) for x, y in pts]
        md.polygon(edge + [(pts[-1][0], H + 10), (pts[0][0], H + 10)], fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(1.0))

    # ground between and above the rows: soil, weeds and shrubs
    layer = Image.new("L", (W, H), clamp(tone - 44))
    ld = ImageDraw.Draw(layer)
    x0, y0, x1, y1 = mask.getbbox()
    for _ in range(int((x1 - x0) * (y1 - y0) / (grain * grain * 2.2))):
        x, y = r.uniform(x0, x1), r.uniform(y0, y1)
        s = r.uniform(0.5, 1.2) * grain
        ld.ellipse([x - s, y - s * 0.8, x + s, y + s * 0.8],
                   fill=clamp(tone - 36 + r.uniform(-22, 20)))
    layer = layer.filter(ImageFilter.GaussianBlur(grain * 0.25))
    ld = ImageDraw.Draw(layer)
    if skyline is None:
        # woods on the crown, where tea gives way to trees
        pts, rad, cy = arcs[0]
        for _ in range(int(rad / 9)):
            tx = r.uniform(cx - rad * 0.95, cx + rad * 0.95)
            half = rad * tilt * math.sqrt(max(0.0, 1 - ((tx - cx) / rad) ** 2))
            ty = r.uniform(cy - half * 0.9, cy + half * 0.6)
            tr = r.uniform(2.5, 5.0) * grain
            for _ in range(22):
                bx, by = r.gauss(tx, tr * 0.5), r.gauss(ty, tr * 0.4)
                s = r.uniform(0.3, 0.6) * tr
                up = (ty - by) / tr
                ld.ellipse([bx - s, by - s, bx + s, by + s],
                           fill=clamp(tone - 48 + 30 * up + r.uniform(-14, 14)))
    if skyline is not None:
        # a hedge of tea and shrubs along the near skyline, lit from above
        for _ in range(2600):
            k = r.randrange(len(arcs[0][0]))
            x, y = arcs[0][0][k]
            y -= skyline * r.uniform(0.2, 1.0)
            s = r.uniform(0.6, 1.6) * grain
            ld.ellipse([x - s, y - s, x + s, y + s], fill=clamp(tone - 20 + r.uniform(-24, 24)))

    for i, (pts, rad, cy) in enumerate(arcs):
        gap = bottoms[i] - bottoms[i - 1] if i else bottoms[1] - bottoms[0]
        width = max(2, int(gap * 0.80))
        shadow = [(x, y + width * 0.40) for x, y in pts]
        ld.line(shadow, fill=clamp(tone - 62), width=max(2, int(width * 0.6)), joint="curve")
        ld.line(pts, fill=clamp(tone), width=width, joint="curve")
        hl = [(x, y - width * 0.26) for x, y in pts]
        ld.line(hl, fill=clamp(tone + 26), width=max(1, width // 3), joint="curve")
        def along(v):
            """A random point on the row centre line, v across the band."""
            k = r.randrange(len(pts) - 1)
            u = r.random()
            (xa, ya), (xb, yb) = pts[k], pts[k + 1]
            return xa + (xb - xa) * u, ya + (yb - ya) * u + v * width

        length = sum(math.dist(pts[k], pts[k + 1]) for k in range(len(pts) - 1))
        # leaf clumps: the bushes are pruned round, lit on top
        for _ in range(int(length / max(2.0, width * 0.22) * bush)):
            v = r.uniform(-0.40, 0.30)
            x, y = along(v)
            s = r.uniform(0.08, 0.22) * width + 0.6
            ld.ellipse([x - s, y - s * 0.7, x + s, y + s * 0.7],
                       fill=clamp(tone - 70 * v + r.uniform(-26, 18)))
        # single leaves, fine texture
        leaf = 0.025 * width + 0.7
        for _ in range(int(length * width / (leaf * leaf * 9) * bush)):
            v = r.uniform(-0.46, 0.36)
            x, y = along(v)
            s = leaf * r.uniform(0.6, 1.3)
            ld.ellipse([x - s, y - s * 0.6, x + s, y + s * 0.6],
                       fill=clamp(tone - 80 * v + r.uniform(-34, 26)))
        # fresh spring shoots: pale specks on top of the bushes
        for _ in range(int(length * width / (leaf * leaf * 60) * bush)):
            x, y = along(r.uniform(-0.44, -0.05))
            s = leaf * r.uniform(0.5, 1.0)
            ld.ellipse([x - s, y - s, x + s, y + s], fill=clamp(tone + 50 + r.uniform(-10, 16)))
        if hook:
            hook(i, pts, width, ld)
    layer = layer.filter(ImageFilter.GaussianBlur(0.6))
    img = Image.composite(layer, img, mask)


# ---------------------------------------------------------------- pickers
def picker(d, x, y, s, r, facing=1):
    """A tea picker standing behind a row: straw hat, shoulders, arms, basket.

    (x, y) is where the bush row in front will cut the figure at the waist;
    s is the scale (the width of the hat brim in pixels)."""
    shirt = r.choice((54, 66, 150, 172, 92))
    top = y - s * 0.95                       # shoulder line
    lean = facing * s * 0.10
    # basket slung at the hip, behind the arm
    if s > 18:
        bx, by = x - facing * s * 0.40, y - s * 0.34
        bw, bh = s * 0.22, s * 0.36
        d.rounded_rectangle([bx - bw, by, bx + bw, by + bh], radius=max(1, s * 0.06),
                            fill=170, outline=96, width=max(1, int(s * 0.03)))
        step = max(3, int(s * 0.06))
        for k in range(int(by + step), int(by + bh), step):
            d.line([(bx - bw + 2, k), (bx + bw - 2, k)], fill=132, width=1)
        d.line([(bx - bw, by + 1), (bx + bw, by + 1)], fill=200, width=max(1, int(s * 0.03)))
    # torso: rounded shoulders over a slightly flared body, leaning to the bushes
    d.ellipse([x - s * 0.26 + lean * 0.4, top, x + s * 0.26 + lean * 0.4, top + s * 0.34],
              fill=shirt)
    d.polygon([(x - s * 0.26 + lean * 0.4, top + s * 0.15), (x + s * 0.26 + lean * 0.4, top + s * 0.15),
               (x + s * 0.30 + lean, y + s * 0.2), (x - s * 0.30 + lean, y + s * 0.2)], fill=shirt)
    # a fold of shadow down the side away from the light
    d.line([(x + s * 0.18 + lean * 0.5, top + s * 0.2), (x + s * 0.22 + lean, y + s * 0.2)],
           fill=clamp(shirt - 28), width=max(1, int(s * 0.06)))
    # arms bent forward, hands in the bushes
    for side in (-1, 1):
        sx, sy = x + side * s * 0.22 + lean * 0.4, top + s * 0.12
        ex, ey = x + side * s * 0.30 + lean * 1.6, top + s * 0.52
        hx, hy = x + side * s * 0.10 + lean * 2.6, y + s * 0.05
        w = max(2, int(s * 0.11))
        d.line([(sx, sy), (ex, ey), (hx, hy)], fill=clamp(shirt - 14), width=w, joint="curve")
    # head, mostly in the shade of the hat
    d.ellipse([x - s * 0.11 + lean * 0.5, top - s * 0.16, x + s * 0.11 + lean * 0.5, top + s * 0.08],
              fill=96)
    # conical straw hat: lit half, shaded half, dark rim
    hx, hy = x + lean * 0.5, top - s * 0.10
    d.polygon([(hx - s * 0.5, hy), (hx + s * 0.5, hy), (hx, hy - s * 0.24)], fill=208)
    d.polygon([(hx - s * 0.5, hy), (hx, hy - s * 0.24), (hx - s * 0.05, hy)], fill=232)
    d.line([(hx - s * 0.5, hy + 1), (hx + s * 0.5, hy + 1)], fill=110, width=max(1, int(s * 0.035)))


# hill on the left, far: many fine rows
terraced_hill(330, 720, 900, 330, 0.22, 30, 136, SEED + 30, p=0.6, bush=0.8,
              rmin=0.12, grain=3.0)
mist(600, 700, 60, blur=36)

# hill on the right, closer: fewer, bolder rows, a few pickers far off
far_pickers = random.Random(SEED + 40)


def right_hook(i, pts, width, d):
    if i in (5, 8, 10):
        for _ in range(2):
            k = far_pickers.randrange(int(len(pts) * 0.55), int(len(pts) * 0.85))
            x, y = pts[k]
            picker(d, x, y + width * 0.9, width * 1.05, far_pickers,
                   facing=far_pickers.choice((-1, 1)))


terraced_hill(1330, 820, 950, 340, 0.22, 22, 140, SEED + 50, p=0.6, bush=1.0,
              hook=right_hook, rmin=0.12, grain=3.5)
mist(720, 820, 44, blur=30)

# foreground: a broad slope whose rows sweep across the frame
near_pickers = random.Random(SEED + 60)
NEAR_SPOTS = {1: [(0.41, 1), (0.57, -1)], 2: [(0.69, -1)], 3: [(0.33, 1)]}


def near_hook(i, pts, width, d):
    for frac, facing in NEAR_SPOTS.get(i, []):
        k = int(len(pts) * (1 - frac))
        x, y = pts[k]
        picker(d, x, y + width * 0.95, width * 1.55, near_pickers, facing)


terraced_hill(800, 760, 2000, 320, 0.20, 7, 134, SEED + 70, p=1.6, bush=1.6,
              hook=near_hook, rmin=0.5, grain=6.0, skyline=36)

# ---------------------------------------------------------------- finishing
img = img.filter(ImageFilter.GaussianBlur(0.7))
img = img.filter(ImageFilter.UnsharpMask(radius=2, percent=60, threshold=2))

vig = Image.radial_gradient("L").resize((W, H), Image.Resampling.BICUBIC)   # 0 centre -> 255 edges
vig = vig.point(lambda v: clamp(255 - max(0, v - 120) * 0.5))
img = ImageChops.multiply(img, vig)

img = add_signed(img, noise_layer(W, H, SEED + 9, 34), 0.8)

img = img.point(lambda v: clamp(255 * (0.5 + 0.5 * math.tanh((v / 255 - 0.5) * 2.6) / math.tanh(1.3))))

img = img.convert("L")
img.save(OUT, "JPEG", quality=85, optimize=False, progressive=False)
print(f"wrote {OUT} {img.size} mode={img.mode}")
