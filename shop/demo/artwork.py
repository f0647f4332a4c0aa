"""Flat-style illustrations for the Atelier demo store, drawn with Pillow only.

Every object is painted in its own "design" coordinates (1200x900 for products) through a small
``Pen`` that maps them onto a supersampled canvas; pictures are then downscaled with LANCZOS so
all edges come out smooth. Nothing is random, so re-running writes byte-identical files.

Run ``python -m shop.demo.artwork`` to (re)write the PNGs into ``static/img/demo/``.
"""

from __future__ import annotations

import math
from functools import partial
from itertools import pairwise
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

SS = 4  # supersampling factor
OUT_DIR = Path(__file__).resolve().parents[2] / "static" / "img" / "demo"
PRODUCT, WIDE = (1200, 900), (1600, 900)

CREAM, BACKDROP, PAPER, SHADOW = "#F4EFE6", "#ECE3D4", "#FBF8F2", (92, 72, 52)
INK, TERRA, SAGE, MUSTARD, NAVY = "#1F2A37", "#C8553D", "#6B8F71", "#E0A458", "#2F4858"
STEEL, SILVER, OAK, OAK_DARK, LEATHER = "#56697A", "#C9CED3", "#E3B77C", "#C6955A", "#8A5A3B"
SAGE_LIGHT, TERRA_LIGHT, MUSTARD_LIGHT, SKY = "#A9C2A5", "#E39A86", "#F5D9A8", "#D6E3DF"
OL = 5  # default outline width in design pixels


def curve(start, *segs, n=24):
    """Piecewise cubic Bezier: ``start`` then (control1, control2, end) triplets -> list of points."""
    pts = [start]
    for c1, c2, end in zip(segs[::3], segs[1::3], segs[2::3], strict=True):
        p0 = pts[-1]
        for i in range(1, n + 1):
            t = i / n
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
            pts.append(tuple(a * p0[j] + b * c1[j] + c * c2[j] + d * end[j] for j in (0, 1)))
    return pts


def ellipse_pts(cx, cy, rx, ry, a0=0.0, a1=360.0, n=90):
    """Points on an ellipse arc (degrees, clockwise from 3 o'clock like Pillow)."""
    return [(cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
            for a in (a0 + (a1 - a0) * i / n for i in range(n + 1))]


def leaf_pts(base, angle, length, width, n=20):
    """A pointed leaf growing from ``base`` towards ``angle`` (degrees)."""
    ux, uy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    side = [(t / n, width / 2 * math.sin(math.pi * t / n) ** 0.8) for t in range(n + 1)]
    return [(base[0] + ux * s * length - uy * w * k, base[1] + uy * s * length + ux * w * k)
            for k, seq in ((1, side), (-1, side[::-1])) for s, w in seq]


class Pen:
    """Draws in design coordinates onto a supersampled image: X = ox + x * k."""

    def __init__(self, img, k=SS, ox=0.0, oy=0.0):
        self.img, self.k, self.ox, self.oy = img, k, ox, oy
        self.d = ImageDraw.Draw(img)

    def pts(self, pts):
        return [(self.ox + x * self.k, self.oy + y * self.k) for x, y in pts]

    def box(self, b):
        (x0, y0), (x1, y1) = self.pts([b[:2], b[2:]])
        return x0, y0, x1, y1

    def w(self, v):
        return max(1, round(v * self.k))

    def rect(self, b, r, fill, ol=OL, outline=INK):
        self.d.rounded_rectangle(self.box(b), r * self.k, fill=fill, outline=outline if ol else None, width=self.w(ol))

    def oval(self, b, fill, ol=OL, outline=INK):
        self.d.ellipse(self.box(b), fill=fill, outline=outline if ol else None, width=self.w(ol))

    def circle(self, c, r, fill, ol=OL, outline=INK):
        self.oval((c[0] - r, c[1] - r, c[0] + r, c[1] + r), fill, ol, outline)

    def poly(self, pts, fill, ol=OL, outline=INK):
        if fill:
            self.d.polygon(self.pts(pts), fill=fill)
        if ol:
            self.line(list(pts) + list(pts[:2]), ol, outline)

    def line(self, pts, width, fill):
        """Polyline with round joints and round caps."""
        q, r = self.pts(pts), width * self.k / 2
        for (x0, y0), (x1, y1) in pairwise(q):  # one quad per segment + a disc per vertex: smooth on curves
            n = math.hypot(x1 - x0, y1 - y0) or 1
            nx, ny = (y0 - y1) / n * r, (x1 - x0) / n * r
            self.d.polygon([(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)], fill=fill)
        for x, y in q:
            self.d.ellipse((x - r + 0.5, y - r + 0.5, x + r - 0.5, y + r - 0.5), fill=fill)

    def tube(self, pts, width, fill, ol=OL):
        """A thick line with an ink outline."""
        self.line(pts, width + 2 * ol, INK)
        self.line(pts, width, fill)

    def dashes(self, pts, width, fill, on=14, off=10):
        """Dashed polyline (stitching, wire weave...)."""
        dist, drawing, seg = 0.0, True, [pts[0]]
        for (x0, y0), (x1, y1) in pairwise(pts):
            step = math.hypot(x1 - x0, y1 - y0)
            while step > 0:
                left = (on if drawing else off) - dist
                t = min(left, step)
                x0, y0 = x0 + (x1 - x0) * t / step, y0 + (y1 - y0) * t / step
                step, dist = step - t, dist + t
                seg.append((x0, y0))
                if dist >= (on if drawing else off):
                    if drawing:
                        self.line(seg, width, fill)
                    drawing, dist, seg = not drawing, 0.0, [(x0, y0)]
        if drawing and len(seg) > 1:
            self.line(seg, width, fill)

    def text(self, xy, s, size, fill):
        font = ImageFont.load_default(size * self.k)
        self.d.text(self.pts([xy])[0], s, font=font, fill=fill, anchor="mm")

    def layer(self, paint, mask_pts=None, alpha=255, blur=0):
        """Paint on a fresh layer, optionally clipped to a polygon, faded and blurred, then composite."""
        layer = Image.new("RGBA", self.img.size, (0, 0, 0, 0))
        paint(Pen(layer, self.k, self.ox, self.oy))
        if blur:
            layer = layer.convert("RGBa").filter(ImageFilter.GaussianBlur(blur * self.k)).convert("RGBA")
        a = layer.getchannel("A")
        if mask_pts is not None:
            mask = Image.new("L", self.img.size, 0)
            ImageDraw.Draw(mask).polygon(self.pts(mask_pts), fill=255)
            a = ImageChops.multiply(a, mask)
        if alpha < 255:
            a = a.point(lambda v: v * alpha // 255)
        layer.putalpha(a)
        self.img.alpha_composite(layer)
        self.d = ImageDraw.Draw(self.img)

    def shadow(self, cx, cy, rx, ry, alpha=110):
        self.layer(lambda p: p.oval((cx - rx, cy - ry, cx + rx, cy + ry), SHADOW, 0), alpha=alpha, blur=ry * 0.6)


def render(paint, size=PRODUCT, backdrop=True):
    """Product card: cream canvas, a soft backdrop disc, then the object painted in 1200x900 space."""
    img = Image.new("RGBA", (size[0] * SS, size[1] * SS), CREAM)
    k = SS * min(size[0] / PRODUCT[0], size[1] / PRODUCT[1])
    pen = Pen(img, k, (size[0] * SS - PRODUCT[0] * k) / 2, (size[1] * SS - PRODUCT[1] * k) / 2)
    if backdrop:
        pen.circle((600, 440), 340, BACKDROP, 0)
    paint(pen)
    return img.resize(size, Image.LANCZOS).convert("RGB")


# ---------------------------------------------------------------- sneaker
def paint_sneaker(p, upper_color=TERRA):
    p.shadow(610, 646, 460, 20, 140)
    upper = curve((205, 600), (172, 540), (168, 430), (212, 372), (270, 366), (330, 420), (392, 426),
                  (440, 430), (470, 380), (508, 370), (600, 395), (700, 440), (790, 470),
                  (905, 492), (1030, 500), (1044, 578), (1042, 595), (1030, 605), (1000, 605))
    throat = [(508, 370), (790, 470)]
    p.rect((178, 318, 232, 410), 16, MUSTARD)  # heel pull tab, tucked behind the collar
    tongue = curve((450, 420), (450, 360), (455, 318), (495, 306), (540, 296), (575, 312), (566, 336))
    p.poly(tongue + [(770, 424), (800, 480), (450, 520)], PAPER)
    p.line(curve((470, 330), (500, 318), (530, 312), (552, 318)), 4, SILVER)
    p.poly(upper, upper_color, 0)

    def panels(q):
        q.oval((250, 460, 1260, 800), None, OL)
        q.oval((880, 470, 1300, 760), PAPER, OL)  # toe cap
        q.dashes(ellipse_pts(1090, 615, 195, 130, 180, 280), 3, INK)
        q.oval((40, 395, 360, 770), NAVY, OL)  # heel counter
        q.dashes(ellipse_pts(200, 582, 145, 172, 270, 400), 3, PAPER)
        ux, uy = 0.943, 0.331  # eyestay band along the throat
        band = throat + [(790 - uy * 58, 470 + ux * 58), (508 - uy * 58, 370 + ux * 58)]
        q.poly(band, NAVY, OL)
        q.dashes([(508 - uy * 46, 370 + ux * 46), (795 - uy * 46, 470 + ux * 46)], 3, PAPER)
        q.line(curve((212, 372), (270, 366), (330, 420), (392, 426), (440, 430), (470, 380), (508, 370)),
               16, NAVY)  # padded collar

    p.layer(panels, upper)
    p.poly(upper, None)
    for i in range(5):  # laces cross the tongue from each eyelet
        t = 0.1 + i * 0.2
        x, y = 508 + 282 * t, 370 + 100 * t
        if i:
            p.tube([(x - 4, y + 22), (x + 18, y - 28)], 11, PAPER, 3)
        p.circle((x - 8, y + 28), 7, SILVER, 3)
    p.tube(curve((536, 348), (500, 300), (455, 300), (470, 330), (480, 350), (520, 350), (536, 348)), 10, PAPER, 3)
    p.tube(curve((536, 348), (585, 300), (625, 315), (606, 340), (595, 356), (560, 356), (536, 348)), 10, PAPER, 3)
    p.tube(curve((536, 350), (520, 385), (500, 420), (486, 450)), 10, PAPER, 3)
    p.tube(curve((538, 350), (560, 390), (575, 420), (600, 440)), 10, PAPER, 3)
    p.circle((300, 505), 34, MUSTARD, 4)  # monogram patch
    p.text((300, 505), "A", 38, INK)
    sole = curve((170, 582), (500, 586), (900, 588), (1010, 584), (1048, 582), (1070, 566), (1066, 596),
                 (1062, 622), (1040, 632), (1000, 636), (700, 640), (400, 640), (210, 638), (170, 636),
                 (160, 612), (170, 582))
    p.rect((172, 612, 1046, 648), 18, NAVY)  # outsole
    p.poly(sole, PAPER)
    p.line([(190, 606), (1040, 606)], 5, SAGE)


# ---------------------------------------------------------------- bike
def paint_wheel(p, c, r):
    cx, cy = c
    p.circle(c, r - 6, None, 22)  # tyre
    p.circle(c, r - 20, None, 6, MUSTARD_LIGHT)  # tan sidewall
    p.circle(c, r - 28, None, 7, SILVER)  # rim
    p.circle(c, r - 31, None, 2)
    for i in range(18):
        a = math.radians(i * 20 + (0 if i % 2 else 7))
        h = math.radians(i * 20 + 40 * (1 if i % 2 else -1))
        p.line([(cx + 14 * math.cos(h), cy + 14 * math.sin(h)),
                (cx + (r - 31) * math.cos(a), cy + (r - 31) * math.sin(a))], 2.4, STEEL)  # laced hub
    p.circle(c, 18, SILVER, 4)
    p.circle(c, 6, INK, 0)


def paint_bike(p):
    r = 182
    rear, front, bb = (335, 548), (875, 548), (565, 566)
    seat, head, head_low = (500, 330), (800, 318), (822, 392)
    p.shadow(605, 738, 460, 22)
    for c, a0, a1 in ((rear, 150, 300), (front, 205, 375)):
        paint_wheel(p, c, r)
        guard = ellipse_pts(*c, r + 3, r + 3, a0, a1, 60)
        p.line([guard[4 if a0 == 150 else -5], c], 3, INK)  # mudguard stay
        p.tube(guard, 10, PAPER, 4)
    # rack and basket up front
    p.tube([(front[0], front[1]), (930, 420)], 6, NAVY, 3)
    p.tube([(860, 420), (1010, 420)], 8, NAVY, 3)
    p.tube([(head_low[0] + 4, 375), (880, 360)], 6, NAVY, 3)
    for a in (-120, -80, -45):
        p.poly(leaf_pts((930, 300), a, 90, 34), SAGE, 4)
    basket = [(850, 292), (1020, 292), (1004, 418), (866, 418)]
    p.poly(basket, MUSTARD)
    p.layer(lambda q: [q.line([(850, y), (1020, y)], 4, OAK_DARK) for y in range(315, 418, 22)]
            + [q.line([(x, 292), (x + (935 - x) * 0.1, 418)], 4, OAK_DARK) for x in range(872, 1010, 24)], basket)
    p.poly(basket, None)
    p.rect((842, 282, 1028, 300), 9, OAK)
    # frame
    tubes = [(seat, head, 18), (head_low, bb, 20), (bb, seat, 18), (bb, rear, 12), (seat, rear, 11)]
    for pts, w in (([a, b], w) for a, b, w in tubes):
        p.line(pts, w + 2 * OL, INK)
    fork = curve(head_low, (836, 450), (860, 500), front)
    p.tube(fork, 13, SAGE)
    for a, b, w in tubes:
        p.line([a, b], w, SAGE)
    p.tube([head, head_low], 24, SAGE)
    p.rect((790, 340, 833, 352), 3, NAVY, 3)
    # seat post, saddle, stem and bars
    p.tube([seat, (490, 270)], 10, SILVER)
    saddle = curve((428, 266), (420, 240), (470, 236), (510, 246), (540, 252), (570, 252), (575, 262),
                   (570, 274), (520, 276), (480, 280), (450, 284), (432, 282), (428, 266))
    p.poly(saddle, LEATHER)
    p.tube([head, (796, 278)], 10, SILVER)
    p.tube(curve((796, 278), (770, 262), (740, 262), (700, 276)), 9, SILVER)
    p.tube([(735, 270), (700, 277)], 14, LEATHER)
    p.circle((768, 262), 10, MUSTARD, 3)  # bell
    # drivetrain
    p.line([(565, 518), (335, 530)], 5, INK)
    p.line([(565, 614), (335, 566)], 5, INK)
    p.circle(rear, 20, SILVER, 4)
    p.circle(bb, 50, None, 6)
    p.dashes(ellipse_pts(*bb, 53, 53, 0, 360, 120), 6, INK, 6, 6)  # chainring teeth
    p.circle(bb, 48, SILVER, 0)
    p.circle(bb, 32, None, 3, STEEL)
    p.tube([bb, (602, 648)], 10, STEEL, 4)
    p.rect((580, 640, 636, 656), 5, INK, 0)
    p.circle(bb, 10, STEEL, 3)


# ---------------------------------------------------------------- desk
def paint_desk(p, hint=True):
    p.shadow(600, 742, 400, 18)
    for cx in (305, 895):
        p.rect((cx - 102, 712, cx + 102, 738), 13, NAVY)
        p.rect((cx - 22, 444, cx + 22, 620), 6, STEEL)
        p.line([(cx - 8, 470), (cx - 8, 600)], 4, "#6E8294")
        p.rect((cx - 32, 596, cx + 32, 716), 8, NAVY)
        p.rect((cx - 32, 596, cx + 32, 612), 6, INK, 0)
    p.rect((300, 446, 900, 466), 4, NAVY)
    p.rect((800, 446, 866, 478), 6, INK, 0)  # control panel
    p.rect((808, 452, 832, 468), 3, MUSTARD, 0)
    p.poly([(842, 462), (856, 462), (849, 452)], PAPER, 0)
    p.poly([(842, 466), (856, 466), (849, 475)], PAPER, 0)
    if hint:  # up/down arrow hinting at the adjustable height
        p.line([(1075, 500), (1075, 670)], 5, SAGE)
        p.line([(1061, 516), (1075, 500), (1089, 516)], 5, SAGE)
        p.line([(1061, 654), (1075, 670), (1089, 654)], 5, SAGE)
    # desk top objects
    p.rect((472, 168, 808, 372), 12, INK)  # monitor
    p.layer(lambda q: [q.rect((488, 184, 792, 356), 4, SKY, 0), q.circle((720, 235), 26, MUSTARD, 0),
                       q.circle((560, 470), 190, SAGE_LIGHT, 0), q.circle((760, 500), 190, SAGE, 0)],
            [(488, 184), (792, 184), (792, 356), (488, 356)])
    p.rect((624, 370, 656, 408), 4, STEEL)
    p.rect((580, 400, 700, 416), 6, STEEL)
    p.rect((716, 386, 762, 416), 6, MUSTARD, 4)  # mug
    p.line(ellipse_pts(762, 400, 12, 10, -80, 80, 20), 5, INK)
    for a, ln in ((-150, 110), (-115, 130), (-80, 120), (-45, 100), (-20, 80)):
        p.poly(leaf_pts((270, 330), a, ln, 42), SAGE if a % 2 else SAGE_LIGHT, 4)
    p.poly([(226, 326), (314, 326), (304, 416), (236, 416)], TERRA)
    p.rect((220, 318, 320, 338), 6, TERRA_LIGHT)
    p.rect((170, 414, 1030, 450), 10, OAK)  # desk top
    p.line([(180, 440), (1020, 440)], 5, OAK_DARK)
    p.rect((170, 414, 1030, 450), 10, None)


# ---------------------------------------------------------------- accessories
def spiral(c, r0, r1, turns, a0, sense=1, squash=0.78):
    """Archimedean spiral lying on the table (squashed vertically), ``sense`` +1/-1 for the winding."""
    return [(c[0] + (r0 + (r1 - r0) * t) * math.cos(a0 + sense * t * turns * 2 * math.pi),
             c[1] + squash * (r0 + (r1 - r0) * t) * math.sin(a0 + sense * t * turns * 2 * math.pi))
            for t in (i / 400 for i in range(401))]


def aglet(p, pts, length):
    """A plastic lace tip continuing the direction of the last segment of ``pts``."""
    (x0, y0), (x1, y1) = pts[-4], pts[-1]
    n = math.hypot(x1 - x0, y1 - y0)
    p.tube([(x1, y1), (x1 + (x1 - x0) / n * length, y1 + (y1 - y0) / n * length)], 14, STEEL, 4)


def paint_laces(p):
    p.shadow(605, 610, 420, 24)
    for c, color, stripe, d in (((445, 450), PAPER, SILVER, 1), ((765, 462), TERRA, TERRA_LIGHT, -1)):
        coil = spiral(c, 34, 168, 3.5, 1.5 * math.pi, d)
        x, y = coil[-1]
        path = coil + curve((x, y), (x - 80 * d, y + 2), (x - 120 * d, y + 30), (x - 175 * d, y + 20))[1:]
        p.tube(path, 20, color)
        p.dashes(path, 4, stripe, 10, 8)
        aglet(p, path, 44)
        aglet(p, path[8::-1], 30)


def paint_bike_light(p):
    p.shadow(600, 690, 440, 22)
    (x0, y0), (x1, y1) = bar = [(180, 664), (1020, 584)]
    p.tube(bar, 64, SAGE)  # handlebar
    p.line([(x0 + 40, y0 - 20), (x1 - 20, y1 - 18)], 8, SAGE_LIGHT)
    p.tube([(x0, y0), (340, 679)], 74, LEATHER)  # grip
    for x in range(215, 330, 22):
        p.line([(x, y0 - 26 - (x - x0) * 0.095), (x, y0 + 26 - (x - x0) * 0.095)], 4, "#6E4630")
    p.poly([(506, 540), (624, 540), (610, 604), (520, 604)], INK)  # clamp
    p.rect((540, 580, 592, 676), 18, INK, 0)  # silicone strap around the bar
    p.rect((560, 652, 650, 680), 14, INK, 0)
    p.line([(552, 600), (552, 660)], 5, STEEL)
    p.rect((330, 360, 790, 550), 80, NAVY)  # lamp body
    for x in range(430, 700, 36):
        p.line([(x, 392), (x, 518)], 8, STEEL)
    p.rect((470, 340, 570, 370), 10, TERRA, 4)  # power button
    for i in range(4):
        p.circle((366 + i * 20, 455), 6, SAGE_LIGHT if i < 3 else STEEL, 0)
    p.oval((706, 330, 866, 580), SILVER)
    p.oval((730, 356, 842, 554), MUSTARD_LIGHT, 4)
    p.oval((758, 402, 814, 508), "#FFF6DF", 3, MUSTARD)
    for a in (-40, -20, 0, 20, 40):
        ux, uy = math.cos(math.radians(a)), math.sin(math.radians(a))
        p.line([(850 + 70 * ux, 455 + 100 * uy), (850 + 140 * ux, 455 + 160 * uy)], 12, MUSTARD)


def paint_cable_tray(p):
    p.shadow(610, 746, 430, 18)
    p.rect((900, 236, 946, 730), 8, NAVY)  # desk leg and foot
    p.rect((830, 718, 1016, 742), 12, NAVY)
    bundle = curve((300, 440), (250, 540), (300, 640), (270, 734))
    for dx, color in ((-16, INK), (0, TERRA), (16, SAGE)):
        p.tube([(x + dx, y) for x, y in bundle], 13, color, 3)
    for t in (8, 15, 22):
        x, y = bundle[t]
        p.rect((x - 38, y - 11, x + 38, y + 11), 6, MUSTARD, 4)
    p.rect((150, 180, 1050, 236), 12, OAK)  # desk top
    p.line([(162, 222), (1038, 222)], 5, OAK_DARK)
    p.rect((150, 180, 1050, 236), 12, None)
    for x in (340, 780):
        p.rect((x - 12, 228, x + 12, 300), 4, NAVY)
    tray = [(240, 292), (860, 292), (836, 486), (264, 486)]
    p.poly(tray, "#E6DCCB", 0)
    for i, color in enumerate((INK, TERRA, SAGE, MUSTARD)):  # plugged-in cables looping out to the left
        x = 400 + i * 86
        p.tube(curve((x + 22, 400), (x + 10, 300 + i * 8), (300, 330 + i * 12), (250, 440 + i * 6)), 11, color, 3)
        p.rect((x, 386, x + 44, 426), 8, color if color != INK else NAVY, 4)
    p.rect((350, 420, 760, 464), 14, PAPER)  # power strip
    p.rect((712, 430, 742, 454), 6, TERRA, 3)

    def mesh(q):
        for x in range(252, 860, 44):
            q.line([(x, 292), (x + (550 - x) * 0.08, 486)], 5, NAVY)
        for y in (356, 420):
            q.line([(230, y), (870, y)], 5, NAVY)

    p.layer(mesh, tray)
    p.poly(tray, None, 10, NAVY)
    p.line([(236, 292), (864, 292)], 16, NAVY)


def paint_care_kit(p):
    p.shadow(600, 660, 450, 22)
    half = [(595, 258), (624, 258)] + curve((624, 282), (700, 282), (720, 300), (720, 360))
    half += [(720, 620), (705, 652), (595, 652)]
    bottle = half + [(1190 - x, y) for x, y in half[::-1]]
    p.rect((560, 196, 630, 262), 12, NAVY)  # flip cap
    p.rect((552, 186, 598, 212), 8, INK, 0)
    p.poly(bottle, SAGE)
    p.line([(490, 430), (490, 600)], 9, SAGE_LIGHT)
    p.rect((506, 420, 700, 590), 18, PAPER, 4)
    p.poly(curve((603, 446), (618, 476), (636, 500), (636, 518), (636, 544), (570, 544), (570, 518),
                 (570, 500), (588, 476), (603, 446)), MUSTARD, 4)
    p.line([(540, 566), (666, 566)], 5, SAGE_LIGHT)
    for x in range(212, 470, 10):  # brush lying in front, bristles down
        p.line([(x, 612), (x + 4, 650)], 7, PAPER)
        p.line([(x + 5, 612), (x + 8, 650)], 1.5, SILVER)
    p.rect((196, 600, 484, 622), 8, OAK_DARK)
    p.poly(curve((190, 604), (200, 540), (320, 530), (340, 530), (400, 530), (480, 540), (490, 604)), OAK)
    p.circle((340, 572), 20, TERRA, 4)
    for i, color in enumerate((TERRA, TERRA_LIGHT, TERRA)):  # folded microfibre cloth
        y = 604 - i * 40
        p.rect((744 + i * 10, y, 1016 - i * 6, y + 50), 25, color)
        p.rect((990 - i * 6, y, 1016 - i * 6, y + 50), 8, color, 0)
        p.line([(1014 - i * 6, y + 8), (1014 - i * 6, y + 42)], OL, INK)
    for x in range(800, 980, 26):
        p.line([(x, 536), (x + 14, 552)], 3, TERRA_LIGHT)
    p.rect((930, 526, 962, 560), 4, MUSTARD, 3)


# ---------------------------------------------------------------- scenes
def draw_hero(size=WIDE):
    """Wide banner: the three flagship products on the right, the left ~40% kept calm for text."""
    img = Image.new("RGBA", (size[0] * SS, size[1] * SS), CREAM)
    k = SS * size[0] / WIDE[0]
    base = Pen(img, k)
    base.circle((1190, 430), 440, BACKDROP, 0)
    base.circle((1510, 130), 140, "#EFDDCB", 0)
    base.oval((700, 735, 1590, 815), "#E7DDCD", 0)
    for paint, sc, left, ground, (x0, y0) in ((lambda q: paint_desk(q, False), 0.62, 1030, 665, (170, 738)),
                                              (paint_bike, 0.53, 640, 757, (130, 741)),
                                              (paint_sneaker, 0.4, 1190, 787, (165, 648))):
        paint(Pen(img, k * sc, (left - x0 * sc) * k, (ground - y0 * sc) * k))  # (x0, y0): design left/ground
    return img.resize(size, Image.LANCZOS).convert("RGB")


def draw_workshop(size=WIDE):
    img = Image.new("RGBA", (size[0] * SS, size[1] * SS), "#EFE6D8")
    k = SS * size[0] / WIDE[0]
    p = Pen(img, k)
    p.rect((0, 660, 1600, 900), 0, "#DDBF95", 0)  # floor
    for y in (720, 800, 880):
        p.line([(0, y), (1600, y)], 3, "#CFAE82")
    p.rect((0, 640, 1600, 664), 0, PAPER, 0)
    p.rect((110, 140, 470, 520), 14, PAPER, 8)  # window
    p.layer(lambda q: [q.rect((130, 160, 450, 500), 0, SKY, 0), q.circle((390, 230), 36, MUSTARD_LIGHT, 0),
                       q.circle((200, 620), 220, SAGE_LIGHT, 0), q.circle((420, 640), 200, SAGE, 0)],
            [(130, 160), (450, 160), (450, 500), (130, 500)])
    p.line([(290, 150), (290, 510)], 10, PAPER)
    p.line([(120, 330), (460, 330)], 10, PAPER)
    p.rect((110, 140, 470, 520), 14, None, 8)
    p.rect((90, 512, 490, 534), 6, PAPER)
    p.poly([(380, 470), (440, 470), (432, 514), (388, 514)], TERRA, 4)
    for a in (-140, -100, -60):
        p.poly(leaf_pts((410, 470), a, 70, 26), SAGE, 3)
    p.rect((600, 150, 1120, 440), 12, "#D8C3A2")  # pegboard with tools
    for x in range(630, 1110, 40):
        for y in range(175, 430, 40):
            p.circle((x, y), 4, "#BFA27C", 0)
    p.tube([(660, 200), (660, 380)], 14, OAK)  # hammer
    p.rect((625, 188, 700, 222), 6, STEEL)
    p.tube([(760, 200), (760, 300)], 10, SILVER)  # screwdriver
    p.rect((746, 296, 774, 390), 12, TERRA)
    p.tube([(840, 210), (840, 380)], 14, SILVER)  # wrench
    p.circle((840, 205), 24, SILVER)
    p.circle((840, 196), 10, "#D8C3A2", 0)
    p.circle((940, 260), 56, MUSTARD)  # tape measure
    p.circle((940, 260), 20, INK, 0)
    p.rect((1010, 190, 1080, 400), 8, PAPER)  # pattern paper
    for y in range(230, 380, 36):
        p.line([(1025, y), (1065, y)], 4, SILVER)
    p.line([(1360, 0), (1360, 230)], 5, INK)  # pendant lamp
    p.layer(lambda q: q.poly([(1300, 300), (1420, 300), (1540, 566), (1180, 566)], MUSTARD_LIGHT, 0), alpha=120, blur=3)
    p.poly(curve((1270, 300), (1270, 240), (1320, 220), (1360, 220), (1400, 220), (1450, 240), (1450, 300)), TERRA)
    p.oval((1336, 286, 1384, 316), "#FFF3D6", 3)
    p.shadow(1050, 842, 520, 20)
    p.rect((560, 560, 1540, 600), 10, OAK)  # workbench
    for x0 in (590, 1470):
        p.rect((x0, 600, x0 + 40, 830), 6, OAK_DARK)
    p.rect((660, 606, 1040, 700), 10, NAVY)
    for x0 in (670, 860):
        p.rect((x0, 616, x0 + 170, 690), 8, STEEL, 4)
        p.rect((x0 + 65, 640, x0 + 105, 652), 6, SILVER, 3)
    p.rect((630, 770, 1470, 790), 6, OAK_DARK)
    for x0, w, c in ((700, 140, TERRA_LIGHT), (860, 110, SAGE_LIGHT), (1200, 160, MUSTARD)):
        p.rect((x0, 700, x0 + w, 770), 8, c)
    p.tube(curve((610, 500), (610, 462), (690, 462), (690, 500)), 8, STEEL)  # toolbox
    p.rect((580, 496, 720, 562), 10, TERRA)
    p.line([(584, 516), (716, 516)], 4, INK)
    p.rect((640, 508, 660, 526), 4, MUSTARD, 3)
    p.shadow(265, 842, 90, 12)  # stool
    for x0, x1 in ((215, 190), (315, 340), (250, 245), (280, 285)):
        p.tube([(x0, 700), (x1, 840)], 12, OAK_DARK, 4)
    p.line([(205, 780), (325, 780)], 8, OAK_DARK)
    p.rect((180, 680, 350, 706), 12, OAK)
    paint_sneaker(Pen(img, k * 0.34, 1000 * k, 355 * k))
    p.line(ellipse_pts(1450, 535, 14, 12, -80, 80, 20), 6, INK)  # mug
    p.rect((1400, 510, 1450, 560), 8, SAGE)
    return img.resize(size, Image.LANCZOS).convert("RGB")


# one ready-made function per product picture: draw_x(size=(1200, 900)) -> RGB Image
draw_sneaker = partial(render, paint_sneaker)
draw_city_bike = partial(render, paint_bike)
draw_standing_desk = partial(render, paint_desk)
draw_laces = partial(render, paint_laces)
draw_bike_light = partial(render, paint_bike_light)
draw_cable_tray = partial(render, paint_cable_tray)
draw_care_kit = partial(render, paint_care_kit)

PICTURES = {
    "sneaker.png": draw_sneaker, "city-bike.png": draw_city_bike, "standing-desk.png": draw_standing_desk,
    "laces.png": draw_laces, "bike-light.png": draw_bike_light, "cable-tray.png": draw_cable_tray,
    "care-kit.png": draw_care_kit, "hero.png": draw_hero, "workshop.png": draw_workshop,
}


def main(out_dir: Path = OUT_DIR) -> list[Path]:
    """Draw every picture and write it as an optimised PNG into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in PICTURES.items():
        path = out_dir / name
        draw().save(path, optimize=True)
        written.append(path)
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return written


if __name__ == "__main__":
    main()
