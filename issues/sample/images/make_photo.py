#!/usr/bin/env python3
"""Draw the placeholder news photo for the sample edition.

A three-arch stone bridge over a river, hills behind, soft sky, reflections
and film grain. Pure Pillow, fixed seed: every run writes the same bytes to
qingxi-bridge.jpg (grayscale, baseline JPEG, quality 85, no EXIF).

    python3 make_photo.py
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from photo_tools import clamp, ridge, noise_layer, add_signed

W, H = 1600, 1100
WATER = 720          # waterline (y)
SEED = 20260423
OUT = Path(__file__).resolve().parent / "qingxi-bridge.jpg"

rng = random.Random(SEED)


# ---------------------------------------------------------------- sky
sky = Image.linear_gradient("L").resize((W, H))            # 0 at top -> 255 at bottom
sky = sky.point(lambda v: clamp(150 + v * 0.38))            # 150 at top, brighter toward horizon
img = sky.copy()

clouds = Image.new("L", (W, H), 0)
cd = ImageDraw.Draw(clouds)
for _ in range(38):
    cx, cy = rng.uniform(-100, W + 100), rng.uniform(40, 330)
    rx, ry = rng.uniform(80, 260), rng.uniform(18, 50)
    cd.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=rng.randint(20, 45))
clouds = clouds.filter(ImageFilter.GaussianBlur(28))
img = ImageChops.add(img, clouds)

# ---------------------------------------------------------------- hills
def hill(points_top, bottom, tone, blur, texture=0, seed=0):
    global img
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).polygon(points_top + [(W, bottom), (0, bottom)], fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    layer = Image.new("L", (W, H), tone)
    if texture:
        # tree canopy texture: many small blobs of varying tone
        r = random.Random(seed)
        d = ImageDraw.Draw(layer)
        top = min(y for _, y in points_top)
        for _ in range(texture):
            x, y = r.uniform(0, W), r.uniform(top, bottom)
            s = r.uniform(2, 6)
            d.ellipse([x - s, y - s * 0.8, x + s, y + s * 0.8], fill=clamp(tone + r.uniform(-14, 10)))
        layer = layer.filter(ImageFilter.GaussianBlur(1.6))
    img = Image.composite(layer, img, mask)


# far range: pale, soft (aerial perspective)
hill(ridge(0, W, 380, 90, 8, SEED + 1), WATER, 184, 3.0)
# middle range
hill(ridge(0, W, 470, 80, 8, SEED + 11), WATER, 155, 2.0)
hill(ridge(0, W, 540, 60, 6, SEED + 2), WATER, 128, 1.5, texture=22000, seed=SEED + 12)
# near wooded banks, higher at the sides
near = [(x, y + 140 * (1 - math.sin(math.pi * x / W)) ** 1.5)
        for x, y in ridge(0, W, 640, 30, 5, SEED + 3)]
hill(near, WATER, 100, 1.0, texture=26000, seed=SEED + 13)

# haze band just above the water
haze = Image.new("L", (W, H), 0)
ImageDraw.Draw(haze).rectangle([0, WATER - 70, W, WATER], fill=26)
img = ImageChops.add(img, haze.filter(ImageFilter.GaussianBlur(30)))

# far reach of the river, seen under the arches
farw = Image.new("L", (W, H), 0)
fd = ImageDraw.Draw(farw)
for i, y in enumerate(range(WATER - 46, WATER + 1)):
    fd.line([0, y, W, y], fill=clamp(120 + i * 1.1))
fmask = Image.new("L", (W, H), 0)
ImageDraw.Draw(fmask).rectangle([0, WATER - 46, W, WATER], fill=255)
img = Image.composite(farw, img, fmask.filter(ImageFilter.GaussianBlur(3)))

# ---------------------------------------------------------------- bridge
X0, X1 = 150, 1450
DECK = 470                     # deck top at the centre
ARCHES = [(462, 138), (800, 190), (1138, 138)]   # (centre x, radius), springing at WATER


def deck_y(x):
    t = (x - (X0 + X1) / 2) / ((X1 - X0) / 2)
    return DECK + 95 * t * t   # gentle hump


def in_arch(x, y):
    for cx, r in ARCHES:
        if (x - cx) ** 2 + (y - WATER) ** 2 < r * r and y <= WATER:
            return True
    return False


body = Image.new("L", (W, H), 0)        # mask of the bridge face
bd = ImageDraw.Draw(body)
poly = [(x, deck_y(x)) for x in range(X0, X1 + 1, 10)] + [(X1 + 40, WATER + 4), (X0 - 40, WATER + 4)]
bd.polygon(poly, fill=255)
for cx, r in ARCHES:
    bd.ellipse([cx - r, WATER - r, cx + r, WATER + r], fill=0)

# stone face: courses of blocks with random tones
stone = Image.new("L", (W, H), 138)
sd = ImageDraw.Draw(stone)
r = random.Random(SEED + 4)
y = DECK - 10
while y < WATER + 6:
    ch = r.randint(16, 22)
    x = X0 - 60 + r.uniform(0, 30)
    while x < X1 + 60:
        bw = r.uniform(34, 70)
        sd.rectangle([x, y, x + bw, y + ch], fill=clamp(132 + r.gauss(0, 11)))
        sd.line([x, y, x, y + ch], fill=88, width=2)
        x += bw
    sd.line([X0 - 60, y, X1 + 60, y], fill=92, width=2)
    y += ch
# voussoirs: a ring of wedge stones around each arch
for cx, r_ in ARCHES:
    ring = 30
    n = int(math.pi * r_ / 20)
    for i in range(n):
        a0, a1 = math.pi + math.pi * i / n, math.pi + math.pi * (i + 1) / n
        tone = clamp(150 + r.gauss(0, 10))
        pts = [(cx + (r_ + ring) * math.cos(a0), WATER + (r_ + ring) * math.sin(a0)),
               (cx + (r_ + ring) * math.cos(a1), WATER + (r_ + ring) * math.sin(a1)),
               (cx + r_ * math.cos(a1), WATER + r_ * math.sin(a1)),
               (cx + r_ * math.cos(a0), WATER + r_ * math.sin(a0))]
        sd.polygon(pts, fill=tone, outline=86)
stone = add_signed(stone, noise_layer(W, H, SEED + 5, 40).filter(ImageFilter.GaussianBlur(0.8)), 0.9)

# light from upper left: darken the face slowly to the right
shade = Image.linear_gradient("L").rotate(90, expand=True).resize((W, H))   # 255 left -> 0 right
shade = shade.point(lambda v: clamp(210 + v * 0.18))
stone = ImageChops.multiply(stone, shade)
img = Image.composite(stone, img, body)

# inside of each arch: a thin shadowed band on the intrados, and the
# underside shadow falling on the far water seen through the opening
inner = Image.new("L", (W, H), 0)
idr = ImageDraw.Draw(inner)
for cx, r_ in ARCHES:
    idr.ellipse([cx - r_, WATER - r_, cx + r_, WATER + r_], fill=255)
    idr.ellipse([cx - r_ + 10, WATER - r_ + 7, cx + r_ - 3, WATER + r_], fill=0)
above_water = Image.new("L", (W, H), 0)
ImageDraw.Draw(above_water).rectangle([0, 0, W, WATER], fill=255)
inner = ImageChops.multiply(inner, above_water).filter(ImageFilter.GaussianBlur(2))
img = Image.composite(Image.new("L", (W, H), 84), img, inner)
through = Image.new("L", (W, H), 0)
td = ImageDraw.Draw(through)
for cx, r_ in ARCHES:
    td.ellipse([cx - r_ + 14, WATER - r_ + 10, cx + r_ - 4, WATER + r_ * 0.55], fill=45)
through = ImageChops.multiply(through, above_water).filter(ImageFilter.GaussianBlur(14))
img = ImageChops.subtract(img, through)

# parapet: a capping course plus low balustrade with posts
pd = ImageDraw.Draw(img)
cap = [(x, deck_y(x)) for x in range(X0 - 20, X1 + 21, 10)]
for i in range(len(cap) - 1):
    (xa, ya), (xb, yb) = cap[i], cap[i + 1]
    pd.polygon([(xa, ya - 4), (xb, yb - 4), (xb, yb + 8), (xa, ya + 8)], fill=168)
    pd.line([(xa, ya + 8), (xb, yb + 8)], fill=70, width=3)
for x in range(X0, X1 + 1, 58):
    y0 = deck_y(x)
    pd.rectangle([x - 6, y0 - 44, x + 6, y0 - 4], fill=150, outline=84)
    pd.rectangle([x - 8, y0 - 50, x + 8, y0 - 44], fill=176)
for x in range(X0, X1 - 57, 58):
    ya, yb = deck_y(x) - 30, deck_y(x + 58) - 30
    pd.polygon([(x + 6, ya), (x + 52, yb), (x + 52, yb + 20), (x + 6, ya + 20)], fill=132, outline=92)

# a few people crossing, tiny silhouettes
r = random.Random(SEED + 6)
for x in (640, 668, 1010, 1240):
    y0 = deck_y(x) - 4
    h = r.uniform(40, 48)
    pd.ellipse([x - 5, y0 - h - 9, x + 5, y0 - h + 1], fill=48)
    pd.polygon([(x - 7, y0 - h + 2), (x + 7, y0 - h + 2), (x + 5, y0), (x - 5, y0)], fill=52)

# plants growing out of joints, and ivy near the abutments
vd = ImageDraw.Draw(img)
for _ in range(2600):
    side = r.random() < 0.5
    x = r.gauss(X0 + 40, 45) if side else r.gauss(X1 - 40, 45)
    y = r.uniform(DECK + 40, WATER)
    if body.getpixel((clamp(x, 0, W - 1), clamp(y, 0, H - 1))) and not in_arch(x, y):
        s = r.uniform(1.2, 3.2)
        vd.ellipse([x - s, y - s, x + s, y + s], fill=clamp(78 + r.uniform(-15, 15)))

# ---------------------------------------------------------------- banks
def bank(top_pts, tone, seed):
    global img
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).polygon(top_pts, fill=255)
    r = random.Random(seed)
    layer = Image.new("L", (W, H), tone)
    d = ImageDraw.Draw(layer)
    ys = [y for _, y in top_pts]
    xs = [x for x, _ in top_pts]
    for _ in range(9000):
        x, y = r.uniform(min(xs), max(xs)), r.uniform(min(ys), max(ys))
        s = r.uniform(2, 7)
        d.ellipse([x - s, y - s, x + s, y + s], fill=clamp(tone + r.uniform(-16, 14)))
    layer = layer.filter(ImageFilter.GaussianBlur(1.3))
    # lit tops of the canopies
    layer = ImageChops.add(layer, Image.linear_gradient("L").resize((W, H)).point(
        lambda v: clamp(22 - v * 0.09)))
    img = Image.composite(layer, img, mask.filter(ImageFilter.GaussianBlur(1.2)))


def canopy_line(x0, x1, base, seed):
    """Bumpy tree-crown silhouette from x0 to x1."""
    r = random.Random(seed)
    pts, x = [], x0
    while x < x1:
        w = r.uniform(30, 80)
        hgt = r.uniform(15, 60)
        for k in range(7):
            t = k / 6
            pts.append((x + w * t, base(x + w * t) - hgt * math.sin(math.pi * t)))
        x += w * 0.8
    return pts


left = canopy_line(-20, X0 + 60, lambda x: 540 + 0.55 * (x - 0) if x > 120 else 540, SEED + 21)
left = left + [(X0 + 60, WATER - 30), (X0 + 110, WATER + 3), (0, WATER + 3)]
bank(left, 78, SEED + 22)
right = canopy_line(X1 - 60, W + 20, lambda x: 540 + 0.55 * (W - x) if x < W - 120 else 540, SEED + 23)
right = [(X1 - 110, WATER + 3), (X1 - 60, WATER - 30)] + right + [(W, WATER + 3)]
bank(right, 84, SEED + 24)
# stone steps down to the water at the left landing
sd2 = ImageDraw.Draw(img)
for i in range(6):
    y = WATER - 8 - i * 9
    sd2.rectangle([X0 + 40 + i * 12, y, X0 + 130 + i * 12, y + 9], fill=clamp(150 - i * 6), outline=90)

# ---------------------------------------------------------------- water
# reflection of everything above the waterline, with ripples
above = img.crop((0, WATER - (H - WATER), W, WATER)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
above = above.filter(ImageFilter.GaussianBlur(2.2))
refl = Image.new("L", above.size)
r = random.Random(SEED + 7)
phase = r.uniform(0, 6.28)
for y in range(above.height):
    amp = 1.5 + 9 * (y / above.height)
    off = int(amp * math.sin(y * 0.23 + phase) + amp * 0.6 * math.sin(y * 0.071 + 2 * phase))
    row = above.crop((0, y, W, y + 1))
    refl.paste(row, (off, y))
    if off > 0:
        refl.paste(row.crop((0, 0, 1, 1)).resize((off, 1)), (0, y))
    elif off < 0:
        refl.paste(row.crop((W - 1, 0, W, 1)).resize((-off, 1)), (W + off, y))
refl = refl.point(lambda v: clamp(v * 0.72 + 14))
# water darkens toward the foreground
wgrad = Image.linear_gradient("L").resize((W, refl.height)).point(lambda v: clamp(255 - v * 0.30))
refl = ImageChops.multiply(refl, wgrad)
# bright ripple streaks
sd = ImageDraw.Draw(refl)
for _ in range(260):
    y = r.uniform(0, refl.height)
    x = r.uniform(-50, W)
    ln = r.uniform(40, 220) * (0.5 + y / refl.height)
    sd.line([x, y, x + ln, y], fill=clamp(r.uniform(135, 180) - y * 0.12), width=1 + int(y / 160))
for _ in range(160):
    y = r.uniform(0, refl.height)
    x = r.uniform(-50, W)
    ln = r.uniform(60, 260)
    sd.line([x, y, x + ln, y], fill=clamp(r.uniform(55, 85)), width=1 + int(y / 200))
refl = refl.filter(ImageFilter.GaussianBlur(1.6))
img.paste(refl, (0, WATER))

# soft shoreline line
ImageDraw.Draw(img).line([0, WATER, W, WATER], fill=96, width=1)

# ---------------------------------------------------------------- foreground reeds (lower left)
fg = ImageDraw.Draw(img)
r = random.Random(SEED + 8)
for _ in range(140):
    bx = r.gauss(90, 70)
    by = H + 10
    h = r.uniform(120, 330)
    lean = r.uniform(-40, 70)
    pts = [(bx + lean * (t / 10) ** 2, by - h * t / 10) for t in range(11)]
    fg.line(pts, fill=clamp(r.uniform(22, 55)), width=r.choice((2, 3, 3, 4)))
img.paste(img.crop((0, H - 380, 320, H)).filter(ImageFilter.GaussianBlur(2.5)), (0, H - 380))

# ---------------------------------------------------------------- finishing
# slight lens softness, then an unsharp pass like a newsroom scan
img = img.filter(ImageFilter.GaussianBlur(0.6))
img = img.filter(ImageFilter.UnsharpMask(radius=2, percent=60, threshold=2))

# vignette
vig = Image.radial_gradient("L").resize((W, H), Image.Resampling.BICUBIC)   # 0 centre -> 255 edges
vig = vig.point(lambda v: clamp(255 - max(0, v - 110) * 0.55))
img = ImageChops.multiply(img, vig)

# film grain
img = add_signed(img, noise_layer(W, H, SEED + 9, 34), 0.8)

# gentle contrast curve
img = img.point(lambda v: clamp(255 * (0.5 + 0.5 * math.tanh((v / 255 - 0.5) * 2.8) / math.tanh(1.4))))

img = img.convert("L")
img.save(OUT, "JPEG", quality=85, optimize=False, progressive=False)
print(f"wrote {OUT} {img.size} mode={img.mode}")
