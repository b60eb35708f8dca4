#!/usr/bin/env python3
"""Independent generator for vectors.json.

This re-implements Kintrace's formats (docs/FORMAT.md, "Sealed blobs and key
slots") from the specification, using Python's hashlib/hmac and the
`cryptography` package, without looking at the Go code's output. HChaCha20 is
written out here and checked against the XChaCha draft's test vector
(draft-irtf-cfrg-xchacha-03, section 2.2.1). Run: python3 gen_vectors.py > vectors.json
"""
import base64, hashlib, hmac, json, struct

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


def hkdf_sha256(ikm, salt, info, length=32):
    if not salt:
        salt = b"\x00" * 32
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


def rotl(v, n):
    return ((v << n) | (v >> (32 - n))) & 0xFFFFFFFF


def hchacha20(key, nonce16):
    s = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    s += list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", nonce16))

    def qr(a, b, c, d):
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 16)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 8)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 7)

    for _ in range(10):
        qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15)
        qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14)
    return struct.pack("<8I", *(s[0:4] + s[12:16]))


assert hchacha20(bytes(range(32)), bytes.fromhex("000000090000004a0000000031415927")).hex() == (
    "82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc")


def xchacha_seal(key, nonce24, pt, ad):
    sub = hchacha20(key, nonce24[:16])
    return ChaCha20Poly1305(sub).encrypt(b"\x00" * 4 + nonce24[16:], pt, ad)


def pad(pt):
    body = struct.pack(">I", len(pt)) + pt
    return body + b"\x00" * (-len(body) % 256)


def seal(key, nonce, pt, ad):
    return b"\x01" + nonce + xchacha_seal(key, nonce, pad(pt), ad)


def lp(b):
    return struct.pack(">H", len(b)) + b


def record_ad(vault, kind, rid, field, version):
    return (b"kintrace/record/v1" + lp(vault) + lp(kind.encode()) + lp(rid.encode())
            + lp(field.encode()) + struct.pack(">q", version))


def slot_ad(vault, sid, kind, kdf, salt):
    k = b"\x00" if kdf is None else b"\x01" + struct.pack(">IIB", kdf["t"], kdf["m"], kdf["p"])
    return b"kintrace/slot/v1" + lp(vault) + lp(sid.encode()) + lp(kind.encode()) + k + lp(salt)


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def crc20(data):
    crc = 0
    for byte in data:
        for i in range(7, -1, -1):
            bit = (byte >> i) & 1
            top = (crc >> 19) & 1
            crc = (crc << 1) & 0xFFFFF
            if top ^ bit:
                crc ^= 0x9
    return crc


def recovery_text(secret):
    n = int.from_bytes(secret, "big") << 4  # 260 bits
    chars = [CROCKFORD[(n >> (5 * i)) & 31] for i in range(51, -1, -1)]
    c = crc20(secret)
    chars += [CROCKFORD[(c >> (5 * i)) & 31] for i in range(3, -1, -1)]
    s = "".join(chars)
    return "-".join(s[i:i + 4] for i in range(0, 56, 4))


def b64(b):
    return base64.b64encode(b).decode()


def seq(n, start=0):
    return bytes((start + i) & 0xFF for i in range(n))


master = bytes.fromhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
derive = []
for purpose in ["records", "attachments", "integrity-head", "identity"]:
    derive.append({"master": master.hex(), "purpose": purpose,
                   "key": hkdf_sha256(master, b"", b"kintrace/v1/" + purpose.encode()).hex()})

vault = bytes.fromhex("6b696e74726163652d7661756c742d31")  # "kintrace-vault-1"
key = seq(32, 0x80)
seal_vectors = []
cases = [
    ("empty", b"", b""),
    ("one byte", b"\x2a", b""),
    ("251 bytes", seq(251), b"ad"),
    ("252 bytes fills one block", seq(252), b"ad"),
    ("253 bytes needs two blocks", seq(253), b"ad"),
    ("record overview", json.dumps({"name": "Ivan Petrov", "status": "missing"}).encode(),
     record_ad(vault, "case", "r-0001", "overview", 7)),
    ("1000 bytes", seq(1000, 7), record_ad(vault, "case", "r-0002", "details", 1)),
]
for i, (name, pt, ad) in enumerate(cases):
    nonce = seq(24, 0x40 + i)
    seal_vectors.append({"name": name, "key": key.hex(), "nonce": nonce.hex(), "plaintext": pt.hex(),
                         "ad": ad.hex(), "sealed": seal(key, nonce, pt, ad).hex()})

record_ad_vectors = [{"vault": vault.hex(), "kind": "case", "record": "r-0001", "field": "overview",
                      "version": 7, "ad": record_ad(vault, "case", "r-0001", "overview", 7).hex()},
                     {"vault": vault.hex(), "kind": "contact", "record": "c9", "field": "details",
                      "version": -1, "ad": record_ad(vault, "contact", "c9", "details", -1).hex()}]

slots = []
slot_master = seq(32, 0xC0)
for sid, pw, kdf in [("pass-1", "correct horse battery staple", {"t": 1, "m": 64, "p": 1}),
                     ("pass-2", "мой пароль й", {"t": 2, "m": 256, "p": 2})]:
    salt = seq(16, 0x10 + len(slots))
    nonce = seq(24, 0x20 + len(slots))
    kek = Argon2id(salt=salt, length=32, iterations=kdf["t"], lanes=kdf["p"],
                   memory_cost=kdf["m"]).derive(pw.encode())
    wrapped = seal(kek, nonce, slot_master, slot_ad(vault, sid, "passphrase", kdf, salt))
    slot = {"id": sid, "kind": "passphrase", "kdf": kdf, "salt": b64(salt), "wrapped": b64(wrapped)}
    slots.append({"vault": vault.hex(), "secret": pw, "master": slot_master.hex(), "kek": kek.hex(),
                  "slot": json.dumps(slot, separators=(",", ":"), ensure_ascii=False)})

secret = seq(32, 0xE0)
salt = seq(16, 0x30)
nonce = seq(24, 0x31)
kek = hkdf_sha256(secret, salt, b"kintrace/v1/recovery-slot")
wrapped = seal(kek, nonce, slot_master, slot_ad(vault, "recovery", "recovery", None, salt))
slot = {"id": "recovery", "kind": "recovery", "salt": b64(salt), "wrapped": b64(wrapped)}
slots.append({"vault": vault.hex(), "secret": recovery_text(secret), "recovery_secret": secret.hex(),
              "master": slot_master.hex(), "kek": kek.hex(),
              "slot": json.dumps(slot, separators=(",", ":"))})

chunk_key = seq(32, 0x55)
prefix = seq(16, 0xA0)
chunks = []
for index, last, pt in [(0, False, seq(65536)), (1, True, b"tail"), (0, True, b""),
                        ((1 << 63) - 1, True, b"x")]:
    nonce = prefix + struct.pack(">Q", index | (1 << 63 if last else 0))
    ad = b"attachment a1"
    sealed = xchacha_seal(chunk_key, nonce, pt, ad)
    chunks.append({"key": chunk_key.hex(), "prefix": prefix.hex(), "index": str(index), "last": last,
                   "ad": ad.hex(), "plaintext_len": len(pt),
                   # Large plaintexts are the counting bytes 00 01 02 ... (null here).
                   "plaintext": pt.hex() if len(pt) < 100 else None,
                   "sealed": sealed.hex() if len(pt) < 100 else None,
                   "sealed_sha256": hashlib.sha256(sealed).hexdigest()})

print(json.dumps({"derive": derive, "record_ad": record_ad_vectors, "seal": seal_vectors,
                  "slots": slots, "chunks": chunks}, indent=1, ensure_ascii=False))
