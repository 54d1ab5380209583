# Writes Tests/Fixtures/qr/qr-reference.txt: QR symbols made by the `qrcode` package (an independent encoder)
# for FleetCore's QRCode tests. Every version 1-40 at level M with a forced mask (odd versions filled to
# capacity, even ones two-thirds full so pad codewords are tested). Then link-sized payloads with the mask
# left to Nayuki's qrcodegen, whose penalty scoring FleetCore follows (encoders differ here: segno scores
# before drawing the format bits, qrcode counts finder-like patterns its own way; every mask is valid);
# qrcode must draw the same symbol with that mask. Run: python3 -m venv /tmp/qrref && /tmp/qrref/bin/pip install qrcode segno &&
# /tmp/qrref/bin/python scripts/qr-reference.py
# Where segno is installed too, each symbol filled to capacity is also checked against segno's (segno pads a
# partly filled symbol with an extra zero byte, which decodes the same but is not the standard's padding).
import random
import qrcode
import qrcodegen
from qrcode.util import QRData, MODE_8BIT_BYTE
try:
    import segno
except ImportError:
    segno = None

rnd = random.Random(1405)
alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&:"
M = qrcode.constants.ERROR_CORRECT_M

def make(payload, version=None, mask=None):
    q = qrcode.QRCode(version=version, error_correction=M, border=0, mask_pattern=mask)
    q.add_data(QRData(payload, mode=MODE_8BIT_BYTE), optimize=0)
    q.make(fit=version is None)
    return q

def capacity(v):
    lo, hi = 1, 3000
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            make(b"a" * mid, v); lo = mid
        except Exception:
            hi = mid - 1
    return lo

out = ["# QR symbols by qrcode: version mask(or auto) chosen-mask payload-hex, then one hex row per module row (MSB first)"]
def emit(payload, version, mask, full, chosen=None):
    chosen = mask if mask is not None else chosen
    q = make(payload, version, chosen)
    matrix = q.modules
    if segno and full:
        s = segno.make(payload, error="m", version=q.version, mode="byte", mask=chosen, boost_error=False, micro=False)
        assert [list(map(bool, r)) for r in s.matrix] == [list(map(bool, r)) for r in matrix], "segno disagrees at version %d" % q.version
    rows = []
    for r in matrix:
        bits = "".join("1" if b else "0" for b in r)
        bits += "0" * (-len(bits) % 8)
        rows.append("%0*x" % (len(bits) // 4, int(bits, 2)))
    out.append("%d %s %d %s" % (q.version, str(mask) if mask is not None else "auto", chosen, payload.hex()))
    out.extend(rows)

for v in range(1, 41):
    cap = capacity(v)
    n = cap if v % 2 else cap * 2 // 3
    text = "https://fleetcare.example/f/" + "".join(rnd.choice(alphabet) for _ in range(n))
    payload = text.encode()[:n - 6] + "خرابی".encode()[:6]
    emit(payload, v, v % 8, full=(n == cap))
def auto(payload):
    g = qrcodegen.QrCode.encode_segments([qrcodegen.QrSegment.make_bytes(payload)], qrcodegen.QrCode.Ecc.MEDIUM, boostecl=False)
    q = make(payload, g.get_version(), g.get_mask())
    assert [[g.get_module(x, y) for x in range(g.get_size())] for y in range(g.get_size())] == [list(map(bool, r)) for r in q.modules]
    emit(payload, g.get_version(), None, full=False, chosen=g.get_mask())
for url in ["https://fleetcare.example/f/Vq3xT0r9mB2pZc8LkW1nY4sAe7HdJ6uG",
            "https://service.example.ir/f/0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJK",
            "HELLO WORLD", "چاپگر طبقه دوم", "http://127.0.0.1:8080/f/" + "x" * 200,
            "https://fleetcare.example/f/" + "Q" * 500]:
    auto(url.encode())
open("Tests/Fixtures/qr/qr-reference.txt", "w").write("\n".join(out) + "\n")
print("wrote", len(out), "lines")
