#!/usr/bin/env python3
"""Draw the placeholder news photo of the evening farmers' market.

A market street at dusk, seen from the top of a flight of steps above the crowd:
rows of stalls with striped awnings and bulbs hanging from their front rails on
both sides, produce heaped on the counters, vendors and shoppers, strings of
lights across the street, shop-house fronts with lit windows and lightbox signs
above, the street receding to a vanishing point. Pure Pillow, fixed seed: every
run writes the same bytes to qingxi-market.jpg (grayscale, baseline JPEG,
quality 85, no EXIF).

    python3 make_market_photo.py
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from photo_tools import clamp, noise_layer, add_signed

W, H = 1600, 1100
SEED = 20260418
OUT = Path(__file__).resolve().parent / "qingxi-market.jpg"

# camera: eye 4.4 m above the paving (the top of a flight of steps), looking down the street
F = 1050.0            # focal length in pixels
VPX, VPY = 770, 400   # vanishing point
EYE = 4.4
HAZE = 118            # tone everything fades to with distance (dusk haze, lamp glow)

STALL_FRONT = 3.2     # stall fronts stand this far either side of the centre line (m)
STALL_BACK = 6.0
FACADE = 6.3
AWN_BACK, AWN_FRONT, AWN_HEM = 2.85, 2.4, 2.1   # awning heights: back edge, front rail, valance hem

rng = random.Random(SEED)


def P(x, y, z):
    """World (x right, y up, z ahead; metres) to screen pixels."""
    return (VPX + F * x / z, VPY + F * (EYE - y) / z)


def fog(tone, z):
    """Aerial perspective: far things drift toward the haze tone."""
    k = 1 - math.exp(-z / 70)
    return clamp(tone + (HAZE - tone) * k)


def quad(draw, pts, tone, z):
    draw.polygon([P(*p) for p in pts], fill=fog(tone, z))


def px(metres, z, least=1):
    """A length at depth z in whole pixels, at least `least`."""
    return max(least, int(round(metres * F / z)))


def glow(img, points, radius, strength):
    """Add soft light around screen points: [(x, y, r, level)]."""
    layer = Image.new("L", (W, H), 0)
    d = ImageDraw.Draw(layer)
    for x, y, r, level in points:
        d.ellipse([x - r, y - r, x + r, y + r], fill=clamp(level))
    layer = layer.filter(ImageFilter.GaussianBlur(radius))
    return ImageChops.add(img, layer.point(lambda v: clamp(v * strength)))


# ---------------------------------------------------------------- sky
img = Image.linear_gradient("L").resize((W, H))                 # 0 top -> 255 bottom
img = img.point(lambda v: clamp(70 + v * 0.62))                  # dusk: dark above, pale low down
clouds = Image.new("L", (W, H), 0)
cd = ImageDraw.Draw(clouds)
for _ in range(22):
    cx, cy = rng.uniform(300, 1300), rng.uniform(0, 220)
    rx, ry = rng.uniform(120, 280), rng.uniform(12, 34)
    cd.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=rng.randint(10, 24))
img = ImageChops.subtract(img, clouds.filter(ImageFilter.GaussianBlur(22)))
draw = ImageDraw.Draw(img)

lamps = []     # bright sources (x, y, r) on screen, for the bloom pass
pools = []     # soft light around sources (x, y, r, level)

# the far end of the street: a block across it, low and hazy, with a few lit windows
ZEND = 150
draw.polygon([P(-40, 0, ZEND), P(-40, 17, ZEND), P(-12, 17, ZEND), P(-12, 21, ZEND),
              P(9, 21, ZEND), P(9, 15, ZEND), P(40, 15, ZEND), P(40, 0, ZEND)], fill=fog(74, ZEND))
for _ in range(70):
    x, y = rng.uniform(-30, 30), rng.uniform(2, 14)
    if rng.random() < 0.35:
        draw.rectangle([P(x, y + 1.2, ZEND), P(x + 1.0, y, ZEND)], fill=fog(210, ZEND * 0.5))


# ---------------------------------------------------------------- street
ground = Image.new("L", (W, H), 0)
gd = ImageDraw.Draw(ground)
for yy in range(VPY, H):
    z = F * EYE / max(yy - VPY, 0.5)
    gd.line([0, yy, W, yy], fill=fog(66, z))
# concrete slabs: long joints to the vanishing point, cross joints every 1.5 m
for x in [i * 1.5 for i in range(-4, 5)]:
    gd.line([P(x, 0, 4), P(x, 0, 200)], fill=50, width=1)
z = 4.5
while z < 90:
    gd.line([P(-STALL_FRONT, 0, z), P(STALL_FRONT, 0, z)], fill=fog(52, z), width=px(0.025, z))
    z += 1.5
# a drainage gutter either side, and the paler kerb strip in front of the stalls
for s in (-1, 1):
    gd.polygon([P(s * STALL_FRONT, 0, 4), P(s * (STALL_FRONT - 0.35), 0, 4),
                P(s * (STALL_FRONT - 0.35), 0, 200), P(s * STALL_FRONT, 0, 200)], fill=84)
    gd.line([P(s * (STALL_FRONT - 0.35), 0, 4), P(s * (STALL_FRONT - 0.35), 0, 200)], fill=34, width=3)
# damp patches: irregular darker blotches
r = random.Random(SEED + 7)
for _ in range(70):
    z = r.uniform(5, 40)
    x = r.uniform(-2.8, 2.8)
    w_, d_ = r.uniform(0.4, 1.6), r.uniform(0.3, 1.2)
    gd.polygon([P(x - w_, 0, z), P(x + w_, 0, z), P(x + w_ * 0.7, 0, z + d_), P(x - w_ * 0.8, 0, z + d_)],
               fill=fog(56, z))
ground = ground.filter(ImageFilter.GaussianBlur(1.2))
ground = add_signed(ground, noise_layer(W, H, SEED + 8, 60).filter(ImageFilter.GaussianBlur(1.0)), 0.7)
gmask = Image.new("L", (W, H), 0)
ImageDraw.Draw(gmask).rectangle([0, VPY, W, H], fill=255)
img.paste(ground, (0, 0), gmask)
draw = ImageDraw.Draw(img)


# ---------------------------------------------------------------- building fronts
def facade(side, z0, z1, height, r):
    """A shop-house front on one side of the street, z0..z1 deep, with windows and a lightbox sign."""
    x = side * FACADE
    zm = (z0 + z1) / 2
    tone = r.uniform(62, 88)
    quad(draw, [(x, 0, z0), (x, height, z0), (x, height, z1), (x, 0, z1)], tone, zm)
    # string courses between floors and a cornice catching the last of the sky
    for yy in [3.3 + 3.1 * k for k in range(int((height - 3.3) / 3.1) + 1)]:
        quad(draw, [(x, yy, z0), (x, yy + 0.18, z0), (x, yy + 0.18, z1), (x, yy, z1)], tone + 16, zm)
    quad(draw, [(x, height - 0.3, z0), (x, height, z0), (x, height, z1), (x, height - 0.3, z1)], tone + 30, zm)
    # a thin shadow where this front meets the next one
    draw.line([P(x, 0, z0), P(x, height, z0)], fill=fog(40, z0), width=px(0.12, z0))
    y = 3.9
    while y + 1.6 < height - 0.4:
        z = z0 + 0.8
        while z + 1.4 < z1 - 0.5:
            lit = r.random() < (0.4 if z > 14 else 0.25)
            t = r.uniform(150, 205) if lit else r.uniform(34, 54)
            quad(draw, [(x, y, z), (x, y + 1.5, z), (x, y + 1.5, z + 1.3), (x, y, z + 1.3)], t, z)
            if lit:     # the room light falls off toward the top of the pane
                quad(draw, [(x, y + 1.0, z), (x, y + 1.5, z), (x, y + 1.5, z + 1.3), (x, y + 1.0, z + 1.3)], t - 28, z)
            # glazing bars and sill
            quad(draw, [(x, y + 0.7, z), (x, y + 0.76, z), (x, y + 0.76, z + 1.3), (x, y + 0.7, z + 1.3)], 60, z)
            quad(draw, [(x, y, z + 0.62), (x, y + 1.5, z + 0.62), (x, y + 1.5, z + 0.68), (x, y, z + 0.68)], 60, z)
            quad(draw, [(x, y - 0.08, z - 0.1), (x, y, z - 0.1), (x, y, z + 1.4), (x, y - 0.08, z + 1.4)], tone + 30, z)
            if lit:
                if r.random() < 0.5:        # a drawn curtain
                    quad(draw, [(x, y, z), (x, y + 1.5, z), (x, y + 1.5, z + 0.45), (x, y, z + 0.45)], t - 60, z)
                sx, sy = P(x, y + 0.75, z + 0.65)
                pools.append((sx, sy, px(0.9, z), 40))
            elif r.random() < 0.4:
                # an air-conditioner box under the window
                o = -side * 0.45
                quad(draw, [(x + o, y - 0.6, z + 0.2), (x + o, y - 0.1, z + 0.2),
                            (x + o, y - 0.1, z + 1.0), (x + o, y - 0.6, z + 1.0)], 128, z)
                quad(draw, [(x, y - 0.6, z + 0.2), (x, y - 0.1, z + 0.2),
                            (x + o, y - 0.1, z + 0.2), (x + o, y - 0.6, z + 0.2)], 92, z)
            z += 3.2
        y += 3.1
    # lightbox shop sign above the awnings: a row of characters, dark on light or light on dark
    if r.random() < 0.8:
        y0, y1 = 3.0, 3.8
        sz0, sz1 = z0 + 0.5, z1 - 0.5
        dark_sign = r.random() < 0.3
        ground_t, ink = (70, 215) if dark_sign else (r.uniform(200, 228), 58)
        quad(draw, [(x, y0, sz0), (x, y1, sz0), (x, y1, sz1), (x, y0, sz1)], ground_t, zm)
        quad(draw, [(x, y0, sz0), (x, y0 + 0.06, sz0), (x, y0 + 0.06, sz1), (x, y0, sz1)], 40, zm)
        cell = 0.5
        n = min(r.randint(3, 6), int((sz1 - sz0 - 0.4) / (cell * 1.25)))
        start = (sz0 + sz1) / 2 - n * cell * 1.25 / 2
        for i in range(n):
            glyph(x, start + i * cell * 1.25, y0 + 0.15, cell, ink, r)
        sx, sy = P(x, (y0 + y1) / 2, zm)
        pools.append((sx, sy, px(1.6, zm), 30 if dark_sign else 45))


def glyph(x, z0, y0, cell, tone, r):
    """A made-up character on a facade plane: a few strokes in a square cell (z0..z0+cell, y0..y0+cell)."""
    w = 0.085 * cell
    strokes = []
    for _ in range(r.randint(2, 3)):                                  # horizontals
        v = r.choice((0.1, 0.3, 0.5, 0.7, 0.9))
        u0 = r.choice((0.0, 0.1, 0.5))
        strokes.append(((u0, v), (r.choice((0.5, 0.9, 1.0)) if u0 < 0.5 else 1.0, v)))
    for _ in range(r.randint(1, 3)):                                  # verticals
        u = r.choice((0.1, 0.3, 0.5, 0.7, 0.9))
        strokes.append(((u, r.choice((0.0, 0.1, 0.5))), (u, r.choice((0.6, 0.9, 1.0)))))
    if r.random() < 0.6:                                              # a sweeping diagonal
        strokes.append(((0.5, 0.5), (r.choice((0.0, 1.0)), r.choice((0.0, 0.05)))))
    if x > 0:       # on the right-hand fronts depth runs right to left on screen: mirror so strokes read the right way
        strokes = [((1 - u0, v0), (1 - u1, v1)) for (u0, v0), (u1, v1) in strokes]
    for (u0, v0), (u1, v1) in strokes:
        za, zb = z0 + u0 * cell, z0 + u1 * cell
        ya, yb = y0 + (1 - v0) * cell, y0 + (1 - v1) * cell
        if abs(yb - ya) < 1e-6:
            pts = [(x, ya - w / 2, za), (x, ya + w / 2, za), (x, yb + w / 2, zb), (x, yb - w / 2, zb)]
        else:
            pts = [(x, ya, za - w / 2), (x, ya, za + w / 2), (x, yb, zb + w / 2), (x, yb, zb - w / 2)]
        quad(draw, pts, tone, za)


for side, seed in ((-1, SEED + 1), (1, SEED + 2)):
    r = random.Random(seed)
    segs = []
    z = 1.5
    while z < 140:
        length = r.uniform(7, 14)
        segs.append((z, z + length, r.choice((7.2, 10.3, 10.3, 13.4, 16.5))))
        z += length
    for z0, z1, h in reversed(segs):
        facade(side, z0, z1, h, r)

# power lines sagging across the street
for z, sag in ((16, 0.7), (31, 0.5), (58, 0.4)):
    for k in range(3):
        pts = [P(-FACADE + 2 * FACADE * i / 40, 8.8 - k * 0.35 - sag * 4 * (i / 40) * (1 - i / 40), z)
               for i in range(41)]
        draw.line(pts, fill=fog(36, z), width=px(0.03, z))

# ---------------------------------------------------------------- stalls
def stall(side, z0, z1, r):
    """One market stall: striped awning, counter heaped with produce, a bulb on the front rail."""
    xf, xb = side * STALL_FRONT, side * STALL_BACK
    zm = (z0 + z1) / 2
    d = draw
    # the dim space under the awning: back wall with shelves of boxes and jars
    quad(d, [(xb, 0, z0), (xb, AWN_BACK, z0), (xb, AWN_BACK, z1), (xb, 0, z1)], 40, zm)
    for yy in (1.1, 1.6):
        quad(d, [(xb, yy, z0 + 0.2), (xb, yy + 0.05, z0 + 0.2), (xb, yy + 0.05, z1 - 0.2), (xb, yy, z1 - 0.2)], 82, zm)
        zz = z0 + 0.3
        while zz < z1 - 0.4:
            hh, ww = r.uniform(0.12, 0.34), r.uniform(0.1, 0.25)
            quad(d, [(xb, yy + 0.05, zz), (xb, yy + 0.05 + hh, zz), (xb, yy + 0.05 + hh, zz + ww),
                     (xb, yy + 0.05, zz + ww)], r.uniform(62, 125), zm)
            zz += ww + r.uniform(0.02, 0.1)
    # stall floor
    quad(d, [(xb, 0, z0), (xf, 0, z0), (xf, 0, z1), (xb, 0, z1)], 46, zm)
    # vendor behind the counter
    if r.random() < 0.8:
        vz = r.uniform(z0 + 0.8, z1 - 0.8)
        person(side * r.uniform(4.5, 5.1), vz, r.gauss(1.62, 0.05), r, vendor=True, light=-side)
    # counter: front face, top and near end
    cf = side * (STALL_FRONT + 0.3)
    cb = side * (STALL_FRONT + 1.1)
    quad(d, [(cb, 0.86, z0 + 0.12), (cf, 0.86, z0 + 0.12), (cf, 0.86, z1 - 0.12), (cb, 0.86, z1 - 0.12)], 112, zm)
    quad(d, [(cf, 0, z0 + 0.12), (cf, 0.86, z0 + 0.12), (cf, 0.86, z1 - 0.12), (cf, 0, z1 - 0.12)], 88, zm)
    for k in range(1, 4):
        zz = z0 + 0.12 + (z1 - z0 - 0.24) * k / 4
        d.line([P(cf, 0.05, zz), P(cf, 0.86, zz)], fill=fog(62, zm), width=px(0.02, zm))
    quad(d, [(cf, 0, z0 + 0.12), (cf, 0.86, z0 + 0.12), (cb, 0.86, z0 + 0.12), (cb, 0, z0 + 0.12)], 64, z0)
    # produce heaped in trays, lit by the bulb on the rail in front
    lamp = (side * (STALL_FRONT + 0.08), AWN_HEM - 0.25, zm)
    ntray = r.randint(3, 5)
    for i in range(ntray):
        ta = z0 + 0.2 + (z1 - z0 - 0.4) * i / ntray
        tb = z0 + 0.2 + (z1 - z0 - 0.4) * (i + 1) / ntray - 0.07
        kind = r.choice(("round", "round", "small", "leafy", "long"))
        base = r.uniform(92, 190)
        size = {"round": 0.06, "small": 0.035, "leafy": 0.07, "long": 0.05}[kind] * r.uniform(0.8, 1.2)
        # tray rim
        quad(d, [(cb * 0.98, 0.88, ta), (cf, 0.88, ta), (cf, 0.95, ta), (cb * 0.98, 0.95, ta)], 70, ta)
        cnt = int((tb - ta) * (120 if kind == "small" else 70))
        for _ in range(cnt):
            # back rows first so the front of the heap overlaps them
            across = r.random() ** 0.7
            xx = side * (STALL_FRONT + 1.05 - 0.72 * across)
            zz = r.uniform(ta, tb)
            along = (zz - ta) / max(tb - ta, 0.01)
            heap = 0.15 * math.sin(math.pi * along) * (0.5 + 0.5 * math.sin(math.pi * across))
            yy = 0.9 + heap * r.uniform(0.7, 1.0)
            dist = math.dist((xx, yy, zz), lamp)
            lit = base * (0.5 + 0.8 * math.exp(-dist * dist / 1.3)) + r.uniform(-24, 24)
            sx, sy = P(xx, yy, zz)
            rad = size * F / zz
            if kind == "long":
                d.ellipse([sx - rad * 0.5, sy - rad * 1.7, sx + rad * 0.5, sy + rad * 1.7], fill=fog(lit, zz))
            elif kind == "leafy":
                d.pieslice([sx - rad * 1.3, sy - rad * 1.5, sx + rad * 1.3, sy + rad * 0.9], 190, 350, fill=fog(lit * 0.8, zz))
                d.line([sx, sy - rad * 0.2, sx, sy + rad * 0.8], fill=fog(lit * 1.1, zz), width=max(1, int(rad / 4)))
            else:
                d.ellipse([sx - rad, sy - rad * 0.9, sx + rad, sy + rad * 0.9], fill=fog(lit * 0.85, zz))
                if rad > 2.5:       # specular highlight
                    d.ellipse([sx - rad * 0.55, sy - rad * 0.65, sx - rad * 0.05, sy - rad * 0.2], fill=fog(lit + 45, zz))
        # a little white price card stuck in the heap
        if r.random() < 0.75:
            zz = (ta + tb) / 2 + r.uniform(-0.1, 0.1)
            xx = side * (STALL_FRONT + 0.5)
            quad(d, [(xx, 1.04, zz - 0.1), (xx, 1.2, zz - 0.1), (xx, 1.2, zz + 0.1), (xx, 1.04, zz + 0.1)], 236, zz)
            d.line([P(xx, 1.04, zz), P(xx, 0.95, zz)], fill=fog(200, zz), width=1)
    # baskets on the ground in front of the counter
    for _ in range(r.randint(1, 2)):
        zz = r.uniform(z0 + 0.3, z1 - 0.7)
        bx0, bx1 = side * (STALL_FRONT + 0.28), side * (STALL_FRONT - 0.2)
        quad(d, [(bx1, 0.34, zz), (bx0, 0.34, zz), (bx0, 0.34, zz + 0.5), (bx1, 0.34, zz + 0.5)], 60, zz)
        quad(d, [(bx1, 0, zz), (bx1, 0.34, zz), (bx1, 0.34, zz + 0.5), (bx1, 0, zz + 0.5)], 96, zz)
        for k in range(5):
            yy = 0.04 + k * 0.065
            d.line([P(bx1, yy, zz), P(bx1, yy, zz + 0.5)], fill=fog(66, zz), width=1)
        base = r.uniform(110, 185)
        for _ in range(30):
            sx, sy = P(side * r.uniform(STALL_FRONT - 0.15, STALL_FRONT + 0.24), 0.36 + r.uniform(0, 0.06),
                       zz + r.uniform(0.04, 0.46))
            rad = 0.05 * F / zz
            d.ellipse([sx - rad, sy - rad, sx + rad, sy + rad], fill=fog(base + r.uniform(-25, 25), zz))
    # front posts
    for zz in (z0 + 0.04, z1 - 0.04):
        d.line([P(xf, 0, zz), P(xf, AWN_FRONT, zz)], fill=fog(44, zz), width=px(0.06, zz, 2))
    # awning roof seen from above: canvas strips running back to front, alternately pale and dark
    n = max(4, int((z1 - z0) / 0.45))
    dark, pale = r.choice(((92, 200), (76, 176), (112, 212), (100, 150)))
    for k in range(n):
        a = z0 + (z1 - z0) * k / n
        b = z0 + (z1 - z0) * (k + 1) / n
        tone = pale if k % 2 == 0 else dark
        # the roof darkens toward the back, away from the street light
        quad(d, [(xb, AWN_BACK, a), (xf, AWN_FRONT, a), (xf, AWN_FRONT, b), (xb, AWN_BACK, b)], tone * 0.8, (a + b) / 2)
        # valance hanging from the front rail, with a scalloped hem
        quad(d, [(xf, AWN_HEM + 0.06, a), (xf, AWN_FRONT, a), (xf, AWN_FRONT, b), (xf, AWN_HEM + 0.06, b)], tone, (a + b) / 2)
        sx0, sy0 = P(xf, AWN_HEM + 0.07, a)
        sx1, sy1 = P(xf, AWN_HEM + 0.07, b)
        dip = 0.07 * F / ((a + b) / 2)
        d.chord([min(sx0, sx1), (sy0 + sy1) / 2 - dip, max(sx0, sx1), (sy0 + sy1) / 2 + dip], 0, 180,
                fill=fog(tone, (a + b) / 2))
    # roof ridges: the frame bars show through the canvas
    for k in (1, 2, 3):
        t = k / 4
        xx, yy = xb + (xf - xb) * t, AWN_BACK + (AWN_FRONT - AWN_BACK) * t
        d.line([P(xx, yy, z0), P(xx, yy, z1)], fill=fog(60, zm), width=px(0.015, zm))
    # the front rail
    d.line([P(xf, AWN_FRONT, z0), P(xf, AWN_FRONT, z1)], fill=fog(48, zm), width=px(0.04, zm))
    # one or two bulbs hanging from the rail
    for lz in ((zm,) if z1 - z0 < 3 else (z0 + (z1 - z0) * 0.3, z0 + (z1 - z0) * 0.7)):
        lx, ly = P(lamp[0], lamp[1], lz)
        _, cy = P(lamp[0], AWN_HEM, lz)
        d.line([lx, cy, lx, ly], fill=fog(34, lz), width=1)
        rad = max(1.5, 0.07 * F / lz)
        d.ellipse([lx - rad, ly - rad, lx + rad, ly + rad], fill=255)
        lamps.append((lx, ly, rad))
        pools.append((lx, ly + px(0.5, lz), px(1.1, lz), 62))


def light_string(z):
    """A string of bulbs slung across the street from rail to rail."""
    pts = [(-STALL_FRONT + 2 * STALL_FRONT * i / 30, 4.7 - 0.55 * 4 * (i / 30) * (1 - i / 30), z) for i in range(31)]
    draw.line([P(*p) for p in pts], fill=fog(32, z), width=px(0.02, z))
    for p in pts[1:-1:2]:
        sx, sy = P(*p)
        rad = max(1.2, 0.05 * F / z)
        draw.ellipse([sx - rad, sy - rad, sx + rad, sy + rad], fill=clamp(252 - z * 0.5))
        lamps.append((sx, sy, rad))


scenery = []
for side, seed in ((-1, SEED + 3), (1, SEED + 4)):
    r = random.Random(seed)
    z = 3.0 if side < 0 else 4.4
    while z < 95:
        length = r.uniform(2.6, 3.6)
        scenery.append((z, "stall", (side, z, z + length, random.Random(r.random()))))
        z += length + r.uniform(0.25, 0.7)
for z in (9, 14, 20, 27, 36, 47, 61, 80):
    scenery.append((z, "string", (z,)))


# ---------------------------------------------------------------- people
def person(x, z, h, r, carry=False, kid=False, vendor=False, light=0, trolley=False):
    """A figure with a lighter rim on the side facing the stalls (light = -1 left, +1 right)."""
    d = draw
    jacket = r.choice((36, 44, 52, 70, 96, 128, 150))
    trousers = r.uniform(28, 50)
    hair = r.uniform(22, 40)
    rim = 0.02 * F / z * (1 if light else 0)
    profile = r.random() < 0.3 and not vendor        # seen side-on: narrower shoulders
    facing = vendor or r.random() < 0.4               # face toward the camera
    face = r.uniform(84, 108)
    if r.random() < 0.2:
        hair = r.uniform(95, 125)                     # grey-haired
    rim_tone = {k: k + 55 for k in (jacket, trousers, hair, face)}
    hw = h * (0.085 if profile else 0.13)
    head = h * 0.118
    coat = r.random() < 0.4 and not kid
    stride = 0 if vendor else r.uniform(-0.15, 0.15) * h * (1.4 if profile else 0.5)
    hip = h * (0.50 if not kid else 0.47)
    backpack = r.random() < 0.15 and not vendor
    r_pack = r.choice((34, 56, 84))
    hw *= r.uniform(0.9, 1.15)                         # build

    def shapes(dx, rimmed):
        def T(t):
            return fog(rim_tone.get(t, t + 55) if rimmed else t, z)

        def Q(pts):
            return [(sx + dx, sy) for sx, sy in (P(*p) for p in pts)]

        if not vendor and not rimmed:
            for sgn in (-1, 1):
                foot = x + sgn * h * 0.045 + stride * sgn * 0.5
                d.polygon(Q([(x + sgn * h * 0.012, hip, z), (x + sgn * h * 0.105, hip, z),
                             (foot + sgn * 0.055, 0.0, z), (foot - sgn * 0.02, 0.0, z)]), fill=T(trousers))
        bottom = 0.30 * h if coat else hip - 0.03 * h
        if vendor:
            bottom = 0.86                      # the counter hides the rest
        flare = 0.035 * h if coat else 0
        d.polygon(Q([(x - h * 0.045, h * 0.85, z), (x + h * 0.045, h * 0.85, z),
                     (x + hw * 0.92, h * 0.815, z), (x + hw, h * 0.79, z), (x + hw * 0.95, h * 0.71, z),
                     (x + hw * 0.8, h * 0.6, z), (x + hw * 0.84 + flare, bottom, z),
                     (x - hw * 0.84 - flare, bottom, z), (x - hw * 0.8, h * 0.6, z),
                     (x - hw * 0.95, h * 0.71, z), (x - hw, h * 0.79, z), (x - hw * 0.92, h * 0.815, z)]),
                  fill=T(jacket))
        for sgn in (-1, 1):
            swing = -stride * sgn * 0.35
            end = (x + sgn * hw * 1.02 + swing, h * 0.5, z)
            if vendor and sgn == -light:
                end = (x + light * 0.35, h * 0.56, z)          # reaching over the counter
            d.line(Q([(x + sgn * hw * 0.9, h * 0.78, z), end]), fill=T(jacket), width=px(h * 0.055, z, 2))
        if backpack and not facing:
            d.rounded_rectangle(Q([(x - hw * 0.62, h * 0.8, z), (x + hw * 0.62, h * 0.55, z)]),
                                radius=max(1, int(0.04 * F / z)), fill=T(r_pack))
        if carry:
            bx = x + hw * 1.12
            d.line(Q([(bx, h * 0.5, z), (bx, h * 0.44, z)]), fill=T(40), width=1)          # handles
            d.rectangle(Q([(bx - 0.11, h * 0.44, z), (bx + 0.11, h * 0.26, z)]), fill=T(r.choice((48, 76, 104))))
        if trolley:
            tx = x - hw * 2.2
            d.rectangle(Q([(tx - 0.15, 0.75, z), (tx + 0.15, 0.12, z)]), fill=T(60))
            d.line(Q([(tx + 0.12, 0.75, z), (x - hw, h * 0.5, z)]), fill=T(40), width=px(0.02, z))
            for wx in (tx - 0.1, tx + 0.1):
                sx, sy = Q([(wx, 0.06, z)])[0]
                rr = 0.06 * F / z
                d.ellipse([sx - rr, sy - rr, sx + rr, sy + rr], fill=T(30))
        d.rectangle(Q([(x - 0.03 * h, h * 0.9, z), (x + 0.03 * h, h * 0.83, z)]), fill=T(max(24, jacket - 18)))          # neck in the collar's shadow
        box = Q([(x - head * 0.37, h, z), (x + head * 0.37, h - head, z)])
        if facing:
            d.ellipse(box, fill=T(face))
            d.chord(box, 195, 345, fill=T(hair))      # hair over the top of the head
        else:
            d.ellipse(box, fill=T(hair))

    if not vendor:
        # contact shadow on the paving
        sx, sy = P(x, 0, z)
        rr = 0.28 * F / z
        d.ellipse([sx - rr, sy - rr * 0.3, sx + rr, sy + rr * 0.3], fill=fog(42, z))
    if rim >= 1:
        shapes(light * rim, True)
    shapes(0, False)


crowd = []
r = random.Random(SEED + 5)
while len(crowd) < 130:
    z = 5.4 + r.expovariate(1 / 16)
    if z > 85:
        continue
    x = r.uniform(-2.7, 2.7)
    if any(abs(z - c[1]) < 0.7 and abs(x - c[0]) < 0.5 for c in crowd):
        continue
    kid = r.random() < 0.07
    h = r.uniform(1.05, 1.25) if kid else r.gauss(1.66, 0.07)
    crowd.append((x, z, h, random.Random(r.random()), r.random() < 0.35, kid, -1 if x < 0 else 1, r.random() < 0.06))
# shoppers at the counters, leaning in
for _ in range(22):
    side = r.choice((-1, 1))
    z = r.uniform(6, 45)
    x = side * r.uniform(2.8, 3.0)
    crowd.append((x, z, r.gauss(1.62, 0.06), random.Random(r.random()), True, False, side, False))

# ---------------------------------------------------------------- draw, far to near
# reflections of the rail bulbs on the damp paving (drawn on the ground first, so people cover them)
refl = Image.new("L", (W, H), 0)
rd = ImageDraw.Draw(refl)
for z, kind, args in scenery:
    if kind != "stall":
        continue
    side, z0, z1, _ = args
    zm = (z0 + z1) / 2
    x = side * (STALL_FRONT + 0.08)
    sx, sy = P(x, -(AWN_HEM - 0.25), zm)            # mirror image below the ground plane
    gx, gy = P(x * 0.92, 0, zm)
    rr = max(1.5, 0.1 * F / zm)
    rd.ellipse([sx - rr, gy, sx + rr, sy + rr * 3], fill=70)
    # the pool of lamplight on the paving in front of the stall
    a, b = P(side * (STALL_FRONT - 1.4), 0, zm - 1.0), P(side * (STALL_FRONT + 0.3), 0, zm + 1.0)
    rd.ellipse([min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])], fill=34)
refl = ImageChops.multiply(refl.filter(ImageFilter.GaussianBlur(8)), gmask)
img = ImageChops.add(img, refl)
draw = ImageDraw.Draw(img)

scenery.sort(key=lambda o: -o[0])
for z, kind, args in scenery:
    if kind == "stall":
        stall(*args)
    else:
        light_string(*args)

# lamplight spilling over awnings, counters and signs, and bloom around the bulbs
img = glow(img, pools, 26, 1.0)
img = glow(img, [(x, y, r_ * 3.0, 150) for x, y, r_ in lamps], 14, 0.8)
img = glow(img, [(x, y, r_ * 6.0, 90) for x, y, r_ in lamps], 45, 0.6)
draw = ImageDraw.Draw(img)

# people stand in the street, between the stall rows: drawn after the light, nearest last
crowd.sort(key=lambda c: -c[1])
for x, z, h, pr, carry, kid, light, trolley in crowd:
    person(x, z, h, pr, carry=carry, kid=kid, light=light, trolley=trolley)

# ---------------------------------------------------------------- finishing
img = img.filter(ImageFilter.GaussianBlur(0.7))
img = img.filter(ImageFilter.UnsharpMask(radius=2, percent=55, threshold=2))

# vignette
vig = Image.radial_gradient("L").resize((W, H), Image.Resampling.BICUBIC)   # 0 centre -> 255 edges
vig = vig.point(lambda v: clamp(255 - max(0, v - 100) * 0.6))
img = ImageChops.multiply(img, vig)

# film grain: a high-ISO evening frame, a little coarser than the daylight photo
grain = noise_layer(W, H, SEED + 9, 40).filter(ImageFilter.GaussianBlur(0.5))
img = add_signed(img, grain, 0.9)

# gentle contrast curve, shadows lifted so newsprint keeps their detail
img = img.point(lambda v: clamp(12 + 243 * (0.5 + 0.5 * math.tanh((v / 255 - 0.5) * 2.4) / math.tanh(1.2))))

img = img.convert("L")
img.save(OUT, "JPEG", quality=85, optimize=False, progressive=False)
print(f"wrote {OUT} {img.size} mode={img.mode}")
